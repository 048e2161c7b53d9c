"""The demo journal site: an aggregator-like site rendered from ``harvester.demo.data``.

URL map:

* ``/``: the journals; ``/about`` and ``/login``: non-article pages linked from the menu;
* ``/journal/<slug>`` (``?page=N``): a journal's articles, newest first, 10 a page;
* ``/view/paper/<id>``: one article page, every fact in labelled visible text (no meta tags);
* ``/robots.txt`` (allows everything) and ``/static/site.css``; anything else answers 404.

``expected_records()`` states what a correct harvester outputs for every article page.
"""

from __future__ import annotations

from html import escape
from typing import Iterable, Sequence

from harvester.demo.data import ARTICLES, JOURNALS, SEED_ID, Article, Journal
from harvester.demo.server import HTML, TEXT, LocalSite, Request, Response, respond

SITE_NAME = "Demo Journal Index"
SLOGAN = "Share Your Research, Maximize Your Social Impacts"
PER_PAGE = 10
RELATED_COUNT = 5
SEED_PATH = f"/view/paper/{SEED_ID}"

PAGE_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="stylesheet" href="/static/site.css">
{head}
</head>
<body>
<header class="site-header">
<div class="logo"><a href="/">{site}</a></div>
<div class="slogan">{slogan}</div>
<nav class="menu">
<ul>
<li><a href="/">Home</a></li>
<li><a href="/">Journals</a></li>
<li><a href="/about">About</a></li>
<li><a href="/login">Login</a></li>
</ul>
</nav>
</header>
<main class="content">
{content}
</main>
<footer class="site-footer">
<div class="footer-journals">Journals: {journal_links}</div>
<div class="footer-slogan">{site}. {slogan}</div>
</footer>
</body>
</html>
"""

HOME_TEMPLATE = """<h1>Journals</h1>
<p>{site} lists the latest articles of the journals below. Pick a journal to browse its articles.</p>
<ul class="journal-list">
{items}
</ul>"""

HOME_ITEM = """<li><a href="/journal/{slug}">{title}</a> &mdash; {description} ({count} articles)</li>"""

JOURNAL_TEMPLATE = """<h1 class="journal-title">{title}</h1>
<p class="journal-description">{description}</p>
<h2>Articles</h2>
<ul class="paper-list">
{items}
</ul>
{pagination}"""

JOURNAL_ITEM = """<li class="paper-entry"><a href="/view/paper/{id}">{title}</a>
<div class="paper-entry-info">{authors} &middot; Vol.{volume}, No. {number} &middot; {date}</div></li>"""

ARTICLE_TEMPLATE = """<div class="paper">
<h1 class="paper-title">{title}</h1>
<div class="paper-meta">
<p class="journal-line">Journal: <a href="/journal/{slug}">{journal}</a> ({numbering})\
<span class="pub-date">Publication Date:{gap}{date}</span></p>
{labelled}
</div>
{abstract}
{related}
<p class="modified">Last modified: {modified}</p>
</div>"""

LABELLED_LINE = """<p class="paper-field"><b>{label}{colon}</b>{gap}{value}</p>"""

ABSTRACT_BLOCK = """<h2 class="section-title">Abstract</h2>
<div class="abstract"><p>{abstract}</p></div>"""

RELATED_BLOCK = """<h2 class="section-title">Other Latest Articles</h2>
<ul class="latest-articles">
{items}
</ul>"""

RELATED_ITEM = """<li><a href="/view/paper/{id}">{title}</a></li>"""

ABOUT_CONTENT = """<h1>About {site}</h1>
<p>{site} is a demonstration site shipped with journal-harvester. It imitates a journal aggregator:
journal pages list articles, and each article page shows the article's details as labelled text.</p>
<p>Except for the page on Soviet defectors in Germany, every article here is invented for testing.
Nothing on this site is a real publication record.</p>"""

LOGIN_CONTENT = """<h1>Log in</h1>
<form class="login" method="post" action="/login">
<label>E-mail <input type="email" name="email"></label>
<label>Password <input type="password" name="password"></label>
<button type="submit">Log in</button>
</form>"""

NOT_FOUND_CONTENT = """<h1>Page not found</h1>
<p>The page you asked for does not exist. Go back to the <a href="/">journal list</a>.</p>"""

ROBOTS_TXT = "User-agent: *\nAllow: /\n"

SITE_CSS = """body { font-family: sans-serif; margin: 0 auto; max-width: 60rem; padding: 0 1rem; }
.site-header, .site-footer { border-bottom: 1px solid #ccc; padding: .5rem 0; }
.site-footer { border-top: 1px solid #ccc; border-bottom: 0; margin-top: 2rem; font-size: .9em; }
.menu ul { list-style: none; padding: 0; } .menu li { display: inline; margin-right: 1rem; }
.slogan { color: #666; font-style: italic; }
.pub-date { margin-left: 0; }
"""


def newest_first(articles: Iterable[Article]) -> list[Article]:
    """Articles by publication date, newest first (ties: the higher id first)."""
    return sorted(articles, key=lambda a: (a.publication_date, a.id), reverse=True)


def by_journal(articles: Iterable[Article]) -> dict[str, list[Article]]:
    """Each journal's articles, newest first."""
    grouped: dict[str, list[Article]] = {}
    for article in newest_first(articles):
        grouped.setdefault(article.journal, []).append(article)
    return grouped


def related_articles(article: Article, journal_articles: Sequence[Article]) -> list[Article]:
    """The 'Other Latest Articles': the newest other articles of the same journal."""
    return [other for other in journal_articles if other.id != article.id][:RELATED_COUNT]


def page_count(total: int) -> int:
    """Listing pages needed for ``total`` articles (at least one, even when empty)."""
    return max(1, -(-total // PER_PAGE))


# --- page chrome ---------------------------------------------------------------------------

def render_page(title: str, content: str, journals: Sequence[Journal], head: str = "") -> str:
    """A full HTML page: site header, menu and footer around ``content``."""
    links = ", ".join(f'<a href="/journal/{j.slug}">{escape(j.title)}</a>' for j in journals)
    return PAGE_TEMPLATE.format(title=escape(title), head=head, site=SITE_NAME, slogan=SLOGAN,
                                content=content, journal_links=links)


# --- home and journal pages ----------------------------------------------------------------

def render_home(journals: Sequence[Journal], grouped: dict[str, list[Article]]) -> str:
    """The journal list."""
    items = "\n".join(
        HOME_ITEM.format(slug=j.slug, title=escape(j.title), description=escape(j.description),
                         count=len(grouped.get(j.slug, [])))
        for j in journals)
    return render_page(SITE_NAME, HOME_TEMPLATE.format(site=SITE_NAME, items=items), journals)


def journal_url(slug: str, number: int) -> str:
    """Path of listing page ``number`` of a journal (page 1 has no query)."""
    return f"/journal/{slug}" if number == 1 else f"/journal/{slug}?page={number}"


def render_pagination(slug: str, number: int, count: int) -> str:
    """Previous, page-number and ``Next »`` links; empty when there is one page."""
    if count == 1:
        return ""
    parts = []
    if number > 1:
        parts.append(f'<a rel="prev" href="{journal_url(slug, number - 1)}">&laquo; Previous</a>')
    for other in range(1, count + 1):
        parts.append(f'<span class="current">{other}</span>' if other == number
                     else f'<a href="{journal_url(slug, other)}">{other}</a>')
    if number < count:
        parts.append(f'<a rel="next" href="{journal_url(slug, number + 1)}">Next &raquo;</a>')
    return '<nav class="pagination">\n' + "\n".join(parts) + "\n</nav>"


def render_listing_item(article: Article) -> str:
    """One article in a journal listing: link, authors, numbering and date."""
    return JOURNAL_ITEM.format(
        id=article.id, title=escape(article.title),
        authors=escape("; ".join(a.name for a in article.authors)) or "&mdash;",
        volume=article.issue.volume, number=article.issue.number, date=article.publication_date)


def render_journal_page(journal: Journal, articles: Sequence[Article], number: int,
                        journals: Sequence[Journal]) -> str:
    """Listing page ``number`` of a journal (1-based)."""
    count = page_count(len(articles))
    shown = articles[(number - 1) * PER_PAGE:number * PER_PAGE]
    head = []
    if number > 1:
        head.append(f'<link rel="prev" href="{journal_url(journal.slug, number - 1)}">')
    if number < count:
        head.append(f'<link rel="next" href="{journal_url(journal.slug, number + 1)}">')
    content = JOURNAL_TEMPLATE.format(
        title=escape(journal.title), description=escape(journal.description),
        items="\n".join(render_listing_item(a) for a in shown),
        pagination=render_pagination(journal.slug, number, count))
    title = journal.title if number == 1 else f"{journal.title} (page {number})"
    return render_page(f"{title} - {SITE_NAME}", content, journals, "\n".join(head))


# --- article pages -------------------------------------------------------------------------

def _spaced(text: str, quirks: frozenset[str]) -> str:
    """Escaped text, with a doubled inner space and padding under ``extra_spaces``."""
    text = escape(text)
    return f"  {text.replace(' ', '  ', 1)}  " if "extra_spaces" in quirks else text


def _joined(values: Iterable[str], quirks: frozenset[str]) -> str:
    """Values each followed by ';', the way the aggregator prints authors and keywords."""
    separator = {"nbsp": ";&nbsp;", "extra_spaces": " ;   "}
    chosen = next((separator[q] for q in sorted(quirks) if q in separator), "; ")
    return chosen.join(escape(v) for v in values) + ";"


def render_labelled(label: str, value: str, quirks: frozenset[str]) -> str:
    """``<b>Label :</b> value`` with the page's spacing quirks applied (value already escaped)."""
    colon = "&nbsp;:" if "nbsp" in quirks else " :"
    gap = "" if "glued" in quirks else "&nbsp;" if "nbsp" in quirks else "   " if "extra_spaces" in quirks else " "
    return LABELLED_LINE.format(label=label, colon=colon, gap=gap, value=value)


def labelled_lines(article: Article) -> list[str]:
    """The labelled lines the page shows, in page order; a missing fact has no line."""
    quirks = article.quirks
    lines = []
    if article.authors:
        lines.append(render_labelled("Authors", _joined((a.name for a in article.authors), quirks), quirks))
    if article.pages:
        lines.append(render_labelled("Page", "-".join(article.pages), quirks))
    if article.keywords:
        lines.append(render_labelled("Keywords", _joined(article.keywords, quirks), quirks))
    if article.doi:
        lines.append(render_labelled("DOI", escape(article.doi), quirks))
    return lines


def render_related(related: Sequence[Article]) -> str:
    """The 'Other Latest Articles' block; empty when there is nothing to list."""
    if not related:
        return ""
    items = "\n".join(RELATED_ITEM.format(id=a.id, title=escape(a.title)) for a in related)
    return RELATED_BLOCK.format(items=items)


def render_article(article: Article, journal: Journal, related: Sequence[Article],
                   journals: Sequence[Journal]) -> str:
    """An article page as the aggregator shows it."""
    quirks = article.quirks
    content = ARTICLE_TEMPLATE.format(
        title=_spaced(article.title, quirks), slug=journal.slug, journal=escape(journal.title),
        numbering=f"Vol.{article.issue.volume}, No. {article.issue.number}",
        gap="&nbsp;" if "nbsp" in quirks else " ", date=article.publication_date,
        labelled="\n".join(labelled_lines(article)),
        abstract=ABSTRACT_BLOCK.format(abstract=escape(article.abstract)) if article.abstract else "",
        related=render_related(related), modified=article.last_modified)
    return render_page(f"{article.title} - {SITE_NAME}", content, journals)


# --- the truth -----------------------------------------------------------------------------

def expected_record(article: Article, journal: Journal, related: Sequence[Article]) -> dict:
    """What a correct harvester outputs for one article page (``path`` instead of ``url``)."""
    first, last = article.pages or (None, None)
    return {
        "path": article.path,
        "title": article.title,
        "journal": {"title": journal.title},
        "volume": article.issue.volume,
        "issue": article.issue.number,
        "first_page": first,
        "last_page": last,
        "publication_date": article.publication_date,
        "authors": [{"name": a.name, "given": a.given, "family": a.family} for a in article.authors],
        "keywords": list(article.keywords),
        "abstract": article.abstract,
        "doi": article.doi,
        "last_modified": article.last_modified.replace(" ", "T"),
        "related": [{"title": r.title, "path": r.path} for r in related],
        "language": article.language,
    }


def expected_records(articles: Sequence[Article] = ARTICLES, journals: Sequence[Journal] = JOURNALS) -> list[dict]:
    """Per article page, in data order, the record a correct harvester must output."""
    by_slug = {j.slug: j for j in journals}
    grouped = by_journal(articles)
    return [expected_record(a, by_slug[a.journal], related_articles(a, grouped[a.journal])) for a in articles]


# --- the site ------------------------------------------------------------------------------

class DemoSite(LocalSite):
    """The demo aggregator, rendered once at construction and served from memory."""

    def __init__(self, articles: Sequence[Article] = ARTICLES, journals: Sequence[Journal] = JOURNALS):
        self.articles, self.journals = tuple(articles), tuple(journals)
        grouped = by_journal(self.articles)
        self.pages: dict[str, tuple[str, bytes]] = {**self._render_fixed(grouped), **self._render_articles(grouped)}
        self.listings: dict[str, list[bytes]] = {
            j.slug: self._render_listing(j, grouped.get(j.slug, [])) for j in self.journals}
        self._not_found = _utf8(render_page(f"Page not found - {SITE_NAME}", NOT_FOUND_CONTENT, self.journals))

    def _render_fixed(self, grouped: dict[str, list[Article]]) -> dict[str, tuple[str, bytes]]:
        """Home, about, login, robots.txt and the stylesheet, by path."""
        about = render_page(f"About - {SITE_NAME}", ABOUT_CONTENT.format(site=SITE_NAME), self.journals)
        return {
            "/": (HTML, _utf8(render_home(self.journals, grouped))),
            "/about": (HTML, _utf8(about)),
            "/login": (HTML, _utf8(render_page(f"Log in - {SITE_NAME}", LOGIN_CONTENT, self.journals))),
            "/robots.txt": (TEXT, _utf8(ROBOTS_TXT)),
            "/static/site.css": ("text/css; charset=utf-8", _utf8(SITE_CSS)),
        }

    def _render_articles(self, grouped: dict[str, list[Article]]) -> dict[str, tuple[str, bytes]]:
        """Every article page, by path."""
        by_slug = {j.slug: j for j in self.journals}
        return {a.path: (HTML, _utf8(render_article(a, by_slug[a.journal], related_articles(a, grouped[a.journal]),
                                                    self.journals)))
                for a in self.articles}

    def _render_listing(self, journal: Journal, articles: list[Article]) -> list[bytes]:
        """Every listing page of one journal, page 1 first."""
        return [_utf8(render_journal_page(journal, articles, n, self.journals))
                for n in range(1, page_count(len(articles)) + 1)]

    @property
    def routes(self) -> dict:
        return {
            r"/journal/(?P<slug>[a-z0-9-]+)": self.journal_page,
            r"/|/about|/login|/robots\.txt|/static/site\.css|/view/paper/\d+": self.stored_page,
        }

    def stored_page(self, request: Request) -> Response:
        """A page rendered at construction, looked up by exact path."""
        stored = self.pages.get(request.path)
        if stored is None:
            return self.not_found(request)
        content_type, body = stored
        return 200, {"Content-Type": content_type}, body

    def journal_page(self, request: Request, slug: str) -> Response:
        """Listing page ``?page=N`` of a journal; 404 for an unknown journal or page."""
        pages = self.listings.get(slug)
        number = request.param("page", "1")
        if pages is None or not number.isdigit() or not 1 <= int(number) <= len(pages):
            return self.not_found(request)
        return 200, {"Content-Type": HTML}, pages[int(number) - 1]

    def not_found(self, request: Request) -> Response:
        return respond(self._not_found, 404)

    def article_paths(self) -> list[str]:
        """Paths of every article page, in data order."""
        return [a.path for a in self.articles]

    def listing_paths(self) -> list[str]:
        """Paths of every journal listing page."""
        return [journal_url(slug, n) for slug, pages in self.listings.items() for n in range(1, len(pages) + 1)]


def _utf8(text: str) -> bytes:
    return text.encode("utf-8")
