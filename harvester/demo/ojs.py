"""An OJS-like journal site with an OAI-PMH endpoint, sitemaps, HTTP validators and switchable crawler traps.

The site imitates Open Journal Systems 3 serving one journal: by default the three issues and
forty articles of ``harvester.demo.ojs_data``, or any ``Journal`` given as ``journal=`` (for
example ``harvester.demo.journal_factory.generate_journal(60, 50)``: 3,000 articles).
URLs in pages, sitemaps and OAI records are absolute, built from the request's ``Host``
header (or the ``base_url`` given to the constructor). URL map, under ``J = /index.php/johs``:

* ``/`` redirects (302) to ``J/index``; ``J``, ``J/`` and ``J/index``: the journal home with the
  current issue's table of contents (and, with ``calendar_trap``, a link to the event calendar);
* ``J/issue/archive`` (``?page=2``): the issues, newest first, ``issues_per_page`` (2) a page,
  OJS-style ``Next`` link;
* ``J/issue/view/<id>`` and ``J/issue/current``: an issue's table of contents ("In This Issue");
* ``J/article/view/<id>``: an article page (``citation_*`` and ``DC.*`` meta, labelled list), with
  ``ETag`` (hash of the body) and ``Last-Modified`` (the article's last change); ``304 Not Modified``
  without a body to an ``If-None-Match`` naming the ETag or, without one, to an
  ``If-Modified-Since`` not older than ``Last-Modified``;
* ``J/article/view/<id>/<galley>``: the PDF galley viewer (NOT an article page), and
  ``J/article/download/<id>/<galley>``: the PDF itself;
* ``J/about``, ``J/about/contact``, ``J/login`` (password form), ``J/search`` and
  ``J/search/search`` (``?query=``): non-article pages;
* ``J/oai``: OAI-PMH 2.0 (Identify, ListMetadataFormats, ListSets, ListIdentifiers, ListRecords,
  GetRecord; ``oai_dc`` and ``jats``; ``oai_page_size`` (15) records a page; day granularity,
  ``from``/``until`` select by datestamp; one deleted record by default);
* ``J/calendar?month=YYYY-MM`` (only with ``calendar_trap``): months without end;
* ``/robots.txt`` (names the sitemap), ``/sitemap.xml`` (a sitemap index),
  ``/sitemap-articles.xml.gz`` (gzipped: archive, issue and article URLs; an article's ``lastmod``
  is its last change: a day, or a date and time once edited at a time of day), ``/sitemap-pages.xml``.

Content and layout (constructor keywords): ``journal`` (default ``ojs_data.DEFAULT_JOURNAL``),
``issues_per_page`` (2), ``oai_page_size`` (15), ``latency_ms`` (0: every answer waits that long,
for throughput benchmarks). The defaults serve exactly the forty-article site.

Edits for incremental-harvest tests, safe while the site is served (each makes a new immutable
version of the content; a request sees one version throughout):

* ``change_article(id, title=..., abstract=..., modified=None)``: replaces fields (``EDITABLE``);
  the OAI datestamp and ``Last-Modified`` move to ``modified`` (a date, datetime or ISO string;
  default now, at least one second after the previous change), so the ETag changes with the page;
* ``add_article(issue_id, **fields, modified=None)``: a new article (next free id, invented content
  unless given) at the end of the issue: in its table of contents, the home page when the issue is
  current, the article sitemap and OAI-PMH with a fresh datestamp;
* ``delete_article(id, modified=None)``: the page answers 404, OAI-PMH keeps a deleted header;
* ``add_issue(published=..., ...)``: a new current issue, first in the archive.

``last_modified(id)`` says when an article last changed; ``expected_records()`` follows the edits.
Count what a crawler fetched with the server handle: ``handle.count(pattern, conditional=...,
status=...)`` and ``handle.log`` (``harvester.demo.server``).

Fault switches (constructor keywords, all off by default): ``retry_after_once`` answers the
first OAI request with 503 and ``Retry-After: 1``; ``bad_token_once`` answers the first valid
resumption token with ``badResumptionToken`` (the same token works when presented again);
``calendar_trap`` adds the endless calendar; ``sort_trap`` adds sort links to archive and issue
pages whose targets link to twice as many further sort combinations, all with the same content.
``OjsSite.tripped`` names the one-time faults that have fired.
"""

from __future__ import annotations

import gzip
import hashlib
import re
import threading
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, timezone
from email.utils import format_datetime, parsedate_to_datetime
from html import escape
from typing import Callable, Iterable, Sequence
from urllib.parse import parse_qsl, urlencode, urlsplit

from harvester.demo.journal_factory import make_article
from harvester.demo.ojs_data import (
    ARTICLES, CURRENT_ISSUE, DEFAULT_JOURNAL, FIRST_ARTICLE_ID, ISSUES, JOURNAL_ABBREV, JOURNAL_PATH, JOURNAL_TITLE,
    OAI_LANGUAGE, ONLINE_ISSN, PRINT_ISSN, PUBLISHER, REPOSITORY_ID, SECTIONS, Article, DeletedRecord, Issue, Journal,
)
from harvester.demo.server import HTML, TEXT, LocalSite, Request, Response, respond

J = f"/index.php/{JOURNAL_PATH}"
HOME_PATH = f"{J}/index"
ARCHIVE_PATH = f"{J}/issue/archive"
OAI_PATH = f"{J}/oai"
CALENDAR_PATH = f"{J}/calendar"
CALENDAR_START = "2025-06"
ISSUES_PER_PAGE = 2
OAI_PAGE_SIZE = 15
XML = "text/xml; charset=utf-8"
FAULTS = ("bad_token_once", "retry_after_once", "calendar_trap", "sort_trap")


def article_path(article_id: int) -> str:
    """``/index.php/johs/article/view/<id>``."""
    return f"{J}/article/view/{article_id}"


def galley_path(article: Article) -> str:
    """The PDF galley viewer of an article: not an article page."""
    return f"{J}/article/view/{article.id}/{article.galley_id}"


def download_path(article: Article) -> str:
    """The PDF file of an article."""
    return f"{J}/article/download/{article.id}/{article.galley_id}"


def issue_path(issue: Issue) -> str:
    """An issue's table of contents."""
    return f"{J}/issue/view/{issue.id}"


def archive_path(number: int) -> str:
    """Archive page ``number`` (page 1 has no query)."""
    return ARCHIVE_PATH if number == 1 else f"{ARCHIVE_PATH}?page={number}"


def archive_page_count(issue_count: int = len(ISSUES), per_page: int = ISSUES_PER_PAGE) -> int:
    """Archive pages needed for ``issue_count`` issues, ``per_page`` a page."""
    return max(1, -(-issue_count // per_page))


def citation_line(article: Article) -> str:
    """``Journal of Open Harvest Studies. 2020;19(2):292-297``."""
    issue = article.issue
    return f"{JOURNAL_TITLE}. {issue.year};{issue.volume}({issue.number}):{article.pages}"


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _lang(article: Article) -> str:
    """The OJS locale of an article: ``en-US`` or ``ru-RU``."""
    return {"en": "en-US", "ru": "ru-RU"}[article.language]


# --- page chrome ---------------------------------------------------------------------------

PAGE_TEMPLATE = """<!DOCTYPE html>
<html lang="en-US" xml:lang="en-US">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{title}</title>
<meta name="generator" content="Open Journal Systems 3.3.0.14">
{head}
</head>
<body class="pkp_page_{page} pkp_op_{op}" dir="ltr">
<div class="pkp_structure_page">
<header class="pkp_structure_head" id="headerNavigationContainer" role="banner">
<div class="pkp_site_name_wrapper"><div class="pkp_site_name">
<a href="{j}/index" class="is_text">{journal}</a></div></div>
<nav class="pkp_site_nav_menu" aria-label="Site Navigation">
<ul id="navigationPrimary" class="pkp_navigation_primary pkp_nav_list">
<li><a href="{j}/issue/current">Current</a></li>
<li><a href="{j}/issue/archive">Archives</a></li>
<li><a href="{j}/about">About</a></li>
</ul>
<form class="pkp_search" action="{j}/search/search" method="get" role="search">
<input name="query" value="" type="text" aria-label="Search Query"><button type="submit">Search</button>
</form>
<ul id="navigationUser" class="pkp_navigation_user pkp_nav_list"><li><a href="{j}/login">Login</a></li></ul>
</nav>
</header>
<div class="pkp_structure_content has_sidebar">
<div class="pkp_structure_main" role="main">
{content}
</div>
<div class="pkp_structure_sidebar left" role="complementary">
<div class="pkp_block block_information"><h2 class="title">Information</h2>
<ul><li><a href="{j}/about">For Readers</a></li><li><a href="{j}/about/contact">Contact</a></li></ul></div>
</div>
</div>
<div class="pkp_structure_footer_wrapper" role="contentinfo">
<div class="pkp_structure_footer"><div class="pkp_footer_content">
<p>{journal}. ISSN {print_issn} (Print), ISSN {online_issn} (Online). Published by {publisher}.</p>
</div></div>
</div>
</div>
</body>
</html>
"""


def render_page(base: str, title: str, content: str, page: str, op: str = "index", head: str = "") -> str:
    """A full OJS page: header, navigation, sidebar and footer around ``content``."""
    return PAGE_TEMPLATE.format(
        title=_e(title), head=head, page=page, op=op, j=base + J, journal=_e(JOURNAL_TITLE), content=content,
        print_issn=PRINT_ISSN, online_issn=ONLINE_ISSN, publisher=_e(PUBLISHER))


def breadcrumbs(base: str, *trail: tuple[str, str | None]) -> str:
    """OJS breadcrumbs: Home, then ``(label, path or None for the current page)`` pairs."""
    items = [f'<li><a href="{base}{HOME_PATH}">Home</a><span class="separator">/</span></li>']
    for label, path in trail:
        items.append(f'<li><a href="{base}{path}">{_e(label)}</a><span class="separator">/</span></li>' if path
                     else f'<li><span class="current" aria-current="page">{_e(label)}</span></li>')
    return '<nav class="cmp_breadcrumbs" role="navigation" aria-label="You are here:"><ol>' + "".join(items) + "</ol></nav>"


# --- sort trap -----------------------------------------------------------------------------

SORT_KEY = re.compile(r"sort(\d*)")
SORT_CHOICES = (("title", "asc", "Title (A–Z)"), ("date", "desc", "Newest first"))


def sort_links(base: str, request: Request) -> str:
    """Links to this page sorted two more ways; every level adds new parameters (``sort2``, ...)."""
    pairs = parse_qsl(urlsplit(request.target).query, keep_blank_values=True)
    level = 1 + max((int(m.group(1) or 1) for key, _ in pairs if (m := SORT_KEY.fullmatch(key))), default=0)
    suffix = "" if level == 1 else str(level)
    links = []
    for field, order, label in SORT_CHOICES:
        query = urlencode(pairs + [(f"sort{suffix}", field), (f"order{suffix}", order)])
        links.append(f'<a class="sort" href="{base}{request.path}?{_e(query)}">{_e(label)}</a>')
    return '<div class="sort_options">Sort by: ' + " | ".join(links) + "</div>"


# --- tables of contents --------------------------------------------------------------------

SUMMARY_TEMPLATE = """<li><div class="obj_article_summary">
<h3 class="title"><a id="article-{id}" href="{url}"{lang}>{title}</a></h3>
<div class="meta">
<div class="authors">{authors}</div>
<div class="citation">{citation}</div>
<div class="pages">pages {pages}</div>
</div>
{abstract}<ul class="galleys_links"><li><a class="obj_galley_link pdf" href="{galley}">PDF</a></li></ul>
</div></li>"""


def article_summary(base: str, article: Article, with_abstract: bool) -> str:
    """One article in a table of contents: title link, authors, citation line, pages, galley."""
    abstract = f'<div class="abstract">{_e(article.abstract)}</div>\n' if with_abstract else ""
    lang = f' lang="{article.language}"' if article.language != "en" else ""
    return SUMMARY_TEMPLATE.format(
        id=article.id, url=base + article_path(article.id), lang=lang, title=_e(article.title),
        authors=_e(", ".join(p.toc_name for p in article.authors)), citation=_e(citation_line(article)),
        pages=article.pages, abstract=abstract, galley=base + galley_path(article))


def shows_abstract(article: Article) -> bool:
    """Tables of contents show the abstract of every fourth article only."""
    return article.id % 4 == 0


def issue_toc(base: str, articles: Sequence[Article]) -> str:
    """The 'In This Issue' block: sections in order, each with its articles."""
    sections = []
    for code, name in SECTIONS.items():
        items = [article_summary(base, a, shows_abstract(a)) for a in articles if a.section == code]
        if items:
            sections.append(f'<div class="section"><h2>{name}</h2>\n<ul class="cmp_article_list articles">\n'
                            + "\n".join(items) + "\n</ul></div>")
    return '<h2 class="toc_heading">In This Issue</h2>\n<div class="sections">\n' + "\n".join(sections) + "\n</div>"


ISSUE_TEMPLATE = """<div class="page page_issue">
{crumbs}
<h1>{label}</h1>
<div class="obj_issue_toc">
<div class="heading">
<div class="description"><p>{description}</p></div>
<div class="published"><span class="label">Published:</span> <span class="value">{published}</span></div>
</div>
{sort}
{toc}
</div>
</div>"""


def render_issue(base: str, issue: Issue, articles: Sequence[Article], sort: str) -> str:
    """An issue's table of contents page."""
    content = ISSUE_TEMPLATE.format(
        crumbs=breadcrumbs(base, ("Archives", ARCHIVE_PATH), (issue.label, None)), label=_e(issue.label),
        description=_e(issue.description), published=issue.published, sort=sort, toc=issue_toc(base, articles))
    return render_page(base, f"{issue.label} | {JOURNAL_TITLE}", content, "issue", "view")


HOME_TEMPLATE = """<div class="page_index_journal">
<section class="homepage_about"><h2>About the Journal</h2>
<p>The {journal} publishes research on how scholarly metadata is published, harvested and reused.</p>
</section>
{calendar}<section class="current_issue"><h2>Current Issue</h2>
<div class="obj_issue_toc">
<div class="heading"><a class="title" href="{issue_url}">{label}</a>
<div class="published"><span class="label">Published:</span> <span class="value">{published}</span></div></div>
{toc}
</div>
<a href="{archive_url}" class="read_more">View All Issues</a>
</section>
</div>"""


def render_home(base: str, articles: Sequence[Article], calendar: bool, current_issue: Issue = CURRENT_ISSUE) -> str:
    """The journal home: the current issue's table of contents and a link to the archive."""
    calendar_link = (f'<section class="events"><a href="{base}{CALENDAR_PATH}?month={CALENDAR_START}">'
                     f"Events calendar</a></section>\n") if calendar else ""
    current = [a for a in articles if a.issue == current_issue]
    content = HOME_TEMPLATE.format(
        journal=_e(JOURNAL_TITLE), calendar=calendar_link, issue_url=base + issue_path(current_issue),
        label=_e(current_issue.label), published=current_issue.published, toc=issue_toc(base, current),
        archive_url=base + ARCHIVE_PATH)
    return render_page(base, JOURNAL_TITLE, content, "index")


# --- archive -------------------------------------------------------------------------------

ISSUE_SUMMARY = """<li><div class="obj_issue_summary">
<h2><a class="title" href="{url}">{label}</a></h2>
<div class="description"><p>{description}</p></div>
</div></li>"""


def archive_pagination(base: str, number: int, count: int, issue_count: int = len(ISSUES),
                       per_page: int = ISSUES_PER_PAGE) -> str:
    """OJS 3 archive pagination: 'Previous' and 'Next' links around the shown range."""
    first = (number - 1) * per_page + 1
    last = min(number * per_page, issue_count)
    parts = [f"{first}-{last} of {issue_count}"]
    if number > 1:
        parts.insert(0, f'<a class="prev" href="{base}{archive_path(number - 1)}">Previous</a>')
    if number < count:
        parts.append(f'<a class="next" href="{base}{archive_path(number + 1)}">Next</a>')
    return '<div class="cmp_pagination" aria-label="View additional pages">' + " ".join(parts) + "</div>"


def render_archive(base: str, number: int, sort: str, issues: Sequence[Issue] = ISSUES,
                   per_page: int = ISSUES_PER_PAGE) -> str:
    """Archive page ``number``: issues newest first, ``per_page`` a page."""
    newest = issues[::-1][(number - 1) * per_page:number * per_page]
    items = "\n".join(ISSUE_SUMMARY.format(url=base + issue_path(i), label=_e(i.label), description=_e(i.description))
                      for i in newest)
    content = (f'<div class="page page_issue_archive">\n{breadcrumbs(base, ("Archives", None))}\n<h1>Archives</h1>\n'
               f'{sort}\n<ul class="issues_archive">\n{items}\n</ul>\n'
               f"{archive_pagination(base, number, archive_page_count(len(issues), per_page), len(issues), per_page)}"
               "\n</div>")
    title = "Archives" if number == 1 else f"Archives - Page {number}"
    return render_page(base, f"{title} | {JOURNAL_TITLE}", content, "issue", "archive")


# --- article page --------------------------------------------------------------------------

def _meta(name: str, content: str, lang: str | None = None, scheme: str | None = None) -> str:
    extra = (f' xml:lang="{lang}"' if lang else "") + (f' scheme="{scheme}"' if scheme else "")
    return f'<meta name="{name}"{extra} content="{_e(content)}"/>'


def dublin_core_meta(base: str, article: Article) -> list[str]:
    """The ``DC.*`` tags OJS writes, in its order."""
    lang, issue = _lang(article), article.issue
    tags = [_meta("DC.Creator.PersonalName", p.full_name) for p in article.authors]
    tags += [_meta("DC.Date.created", article.publication_date, scheme="ISO8601"),
             _meta("DC.Date.issued", article.publication_date, scheme="ISO8601"),
             _meta("DC.Date.modified", article.datestamp, scheme="ISO8601"),
             _meta("DC.Description", article.abstract, lang), _meta("DC.Format", "application/pdf", scheme="IMT"),
             _meta("DC.Identifier", str(article.id)), _meta("DC.Identifier.pageNumber", article.pages),
             _meta("DC.Identifier.DOI", article.doi), _meta("DC.Identifier.URI", base + article_path(article.id)),
             _meta("DC.Language", article.language, scheme="ISO639-1"),
             _meta("DC.Rights", f"Copyright (c) {issue.year} {JOURNAL_TITLE}"),
             _meta("DC.Source", JOURNAL_TITLE), _meta("DC.Source.ISSN", ONLINE_ISSN),
             _meta("DC.Source.Issue", issue.number), _meta("DC.Source.Volume", issue.volume),
             _meta("DC.Source.URI", base + J)]
    tags += [_meta("DC.Subject", k, lang) for k in article.keywords]
    return tags + [_meta("DC.Title", article.title, lang), _meta("DC.Type", "Text.Serial.Journal"),
                   _meta("DC.Type.articleType", SECTIONS[article.section])]


def citation_meta(base: str, article: Article) -> list[str]:
    """The Highwire ``citation_*`` tags OJS writes, in its order."""
    issue = article.issue
    tags = [_meta("gs_meta_revision", "1.1"), _meta("citation_journal_title", JOURNAL_TITLE),
            _meta("citation_journal_abbrev", JOURNAL_ABBREV), _meta("citation_issn", PRINT_ISSN),
            _meta("citation_issn", ONLINE_ISSN)]
    for person in article.authors:
        tags += [_meta("citation_author", person.full_name), _meta("citation_author_institution", person.affiliation)]
    tags += [_meta("citation_title", article.title, _lang(article)), _meta("citation_language", article.language),
             _meta("citation_date", issue.published.replace("-", "/")), _meta("citation_volume", issue.volume),
             _meta("citation_issue", issue.number), _meta("citation_firstpage", article.first_page),
             _meta("citation_lastpage", article.last_page), _meta("citation_doi", article.doi),
             _meta("citation_abstract_html_url", base + article_path(article.id))]
    tags += [_meta("citation_keywords", k, _lang(article)) for k in article.keywords]
    return tags + [_meta("citation_pdf_url", base + download_path(article))]


ARTICLE_TEMPLATE = """<div class="page page_article">
{crumbs}
<article class="obj_article_details">
<h1 class="page_title"{lang}>{title}</h1>
<div class="row">
<div class="main_entry">
<section class="item authors"><h2 class="label">Authors:</h2>
<ul class="authors">
{authors}
</ul></section>
<div class="item issue"><span class="label">Issue:</span> <a class="title" href="{issue_url}">{issue}</a></div>
<div class="item section"><span class="label">Section:</span> <span class="value">{section}</span></div>
<div class="item pages"><span class="label">Pages:</span> <span class="value">{pages}</span></div>
<div class="item published"><span class="label">Published:</span> <span class="value">{published}</span></div>
<div class="item url"><span class="label">URL:</span> <span class="value">{url}</span></div>
<div class="item doi"><span class="label">DOI:</span> <span class="value"><a href="https://doi.org/{doi}">https://doi.org/{doi}</a></span></div>
<div class="item keywords"><span class="label">Keywords:</span> <span class="value"{lang}>{keywords}</span></div>
<section class="item abstract"><h2 class="label">Abstract</h2>
<p{lang}>{abstract}</p>
</section>
{body}</div>
<div class="entry_details">
<div class="item galleys"><ul class="value galleys_links">
<li><a class="obj_galley_link pdf" href="{galley}">PDF</a></li>
</ul></div>
</div>
</div>
</article>
</div>"""

AUTHOR_ITEM = '<li><span class="name">{name}</span> <span class="affiliation">{affiliation}</span></li>'


def render_article(base: str, article: Article) -> str:
    """An OJS 3 article landing page."""
    issue, url = article.issue, base + article_path(article.id)
    authors = "\n".join(AUTHOR_ITEM.format(name=_e(p.full_name), affiliation=_e(p.affiliation)) for p in article.authors)
    content = ARTICLE_TEMPLATE.format(
        crumbs=breadcrumbs(base, ("Archives", ARCHIVE_PATH), (issue.label, issue_path(issue)),
                           (SECTIONS[article.section], None)),
        lang=f' lang="{article.language}"' if article.language != "en" else "", title=_e(article.title),
        authors=authors, issue_url=base + issue_path(issue), issue=_e(issue.label),
        section=SECTIONS[article.section], pages=article.pages, published=article.publication_date, url=url,
        doi=article.doi, keywords=_e(", ".join(article.keywords)), abstract=_e(article.abstract),
        body=full_text(article), galley=base + galley_path(article))
    head = "\n".join([f'<link rel="canonical" href="{url}">', *dublin_core_meta(base, article),
                      *citation_meta(base, article)])
    return render_page(base, f"{article.title} | {JOURNAL_TITLE}", content, "article", "view", head)


def full_text(article: Article) -> str:
    """The "Full Text" section of an article with body paragraphs (generated journals' padding), else nothing."""
    if not article.body:
        return ""
    paragraphs = "\n".join(f"<p>{_e(p)}</p>" for p in article.body)
    return f'<section class="item fulltext"><h2 class="label">Full Text</h2>\n{paragraphs}\n</section>\n'


GALLEY_TEMPLATE = """<!DOCTYPE html>
<html lang="en-US" xml:lang="en-US">
<head>
<meta charset="utf-8">
<title>View of {title} | {journal}</title>
</head>
<body class="pkp_page_article pkp_op_view">
<header class="header_view">
<a href="{article_url}" class="return"><span class="pkp_screen_reader">Return to Article Details</span></a>
<a href="{article_url}" class="title">{title}</a>
<a href="{download_url}" class="download" download><span class="label">Download</span></a>
</header>
<div id="pdfCanvasContainer" class="galley_view">
<iframe src="{base}/plugins/generic/pdfJsViewer/pdf.js/web/viewer.html?file={download_url}" width="100%" height="100%" allowfullscreen></iframe>
</div>
</body>
</html>
"""


def render_galley(base: str, article: Article) -> str:
    """The PDF viewer page of a galley: a frame around the PDF, no article metadata."""
    return GALLEY_TEMPLATE.format(title=_e(article.title), journal=_e(JOURNAL_TITLE), base=base,
                                  article_url=base + article_path(article.id),
                                  download_url=base + download_path(article))


def pdf_bytes(article: Article) -> bytes:
    """A tiny stand-in PDF: enough for a content sniffer, nothing to extract."""
    return f"%PDF-1.4\n% {article.doi}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".encode()


# --- other pages ---------------------------------------------------------------------------

ABOUT_CONTENT = """<div class="page page_about">
<h1>About the Journal</h1>
<p>The {journal} is an invented journal served by journal-harvester's tests. None of its articles exist.</p>
<p>Questions go to the editors: see <a href="{j}/about/contact">Contact</a>.</p>
</div>"""

CONTACT_CONTENT = """<div class="page page_contact">
<h1>Contact</h1>
<p>Editorial office, {publisher}, 1 Harvest Lane, Example City.</p>
<p><a href="mailto:editor@{repository}">editor@{repository}</a></p>
</div>"""

LOGIN_CONTENT = """<div class="page page_login">
<h1>Login</h1>
<form class="cmp_form cmp_form login" id="login" method="post" action="{j}/login/signIn">
<label>Username or Email <input type="text" name="username" required></label>
<label>Password <input type="password" name="password" required></label>
<label><input type="checkbox" name="remember" value="1"> Keep me logged in</label>
<button class="submit" type="submit">Login</button>
</form>
</div>"""

SEARCH_TEMPLATE = """<div class="page page_search">
<h1>Search</h1>
<form class="cmp_form" method="get" action="{j}/search/search">
<input type="text" name="query" value="{query}"><button class="submit" type="submit">Search</button>
</form>
<h2 class="pkp_screen_reader">Search Results</h2>
<p class="results_count">{count}</p>
<ul class="search_results">
{items}
</ul>
</div>"""

SEARCH_ITEM = """<li><div class="obj_article_summary">
<h3 class="title"><a href="{url}">{title}</a></h3>
<div class="meta"><div class="authors">{authors}</div>
<div class="issue"><a href="{issue_url}">{issue}</a></div></div>
<ul class="galleys_links"><li><a class="obj_galley_link pdf" href="{galley}">PDF</a></li></ul>
</div></li>"""


def search_matches(articles: Iterable[Article], query: str) -> list[Article]:
    """Articles whose title, keywords, abstract or author names contain ``query`` (case-insensitive)."""
    needle = query.strip().casefold()
    if not needle:
        return []
    return [a for a in articles if needle in " ".join(
        (a.title, a.abstract, *a.keywords, *(p.full_name for p in a.authors))).casefold()]


def render_search(base: str, articles: Sequence[Article], query: str) -> str:
    """The search form and, for a query, the matching articles."""
    found = search_matches(articles, query)
    items = "\n".join(SEARCH_ITEM.format(
        url=base + article_path(a.id), title=_e(a.title), authors=_e(", ".join(p.full_name for p in a.authors)),
        issue_url=base + issue_path(a.issue), issue=_e(a.issue.label), galley=base + galley_path(a)) for a in found)
    count = f"{len(found)} results" if query.strip() else "Enter a search term."
    content = SEARCH_TEMPLATE.format(j=base + J, query=_e(query), count=count, items=items)
    return render_page(base, f"Search | {JOURNAL_TITLE}", content, "search", "search")


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
MONTH_PARAM = re.compile(r"(\d{4,})-(0[1-9]|1[0-2])")


def shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    """The month ``delta`` months away.

    >>> shift_month(2025, 12, 1), shift_month(2025, 1, -1)
    ((2026, 1), (2024, 12))
    """
    index = year * 12 + month - 1 + delta
    return index // 12, index % 12 + 1


def render_calendar(base: str, year: int, month: int) -> str:
    """An empty month of the event calendar, with links to the months on both sides, forever."""
    links = []
    for delta, text, rel in ((-1, "‹ previous month", "prev"), (1, "next month ›", "next")):
        y, m = shift_month(year, month, delta)
        links.append(f'<a class="{rel}" href="{base}{CALENDAR_PATH}?month={y:04d}-{m:02d}">{text}</a>')
    content = (f'<div class="page page_calendar">\n<h1>Events: {MONTHS[month - 1]} {year}</h1>\n'
               f"<p>No events are scheduled this month.</p>\n"
               f'<div class="calendar_nav">{" ".join(links)}</div>\n</div>')
    return render_page(base, f"Events {year:04d}-{month:02d} | {JOURNAL_TITLE}", content, "calendar")


# --- robots and sitemaps -------------------------------------------------------------------

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def robots_txt(base: str) -> str:
    """robots.txt naming the sitemap index."""
    return f"User-agent: *\nDisallow: {J}/user/\n\nSitemap: {base}/sitemap.xml\n"


def sitemap_index(base: str, articles: Sequence[Article], newest: str | None = None) -> str:
    """The sitemap index: the gzipped article sitemap (``newest``: its lastmod) and the plain pages sitemap."""
    newest = newest or max(a.datestamp for a in articles)
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="{SITEMAP_NS}">\n'
            f"<sitemap><loc>{base}/sitemap-articles.xml.gz</loc><lastmod>{newest}</lastmod></sitemap>\n"
            f"<sitemap><loc>{base}/sitemap-pages.xml</loc></sitemap>\n</sitemapindex>\n")


def urlset(entries: Iterable[tuple[str, str | None]]) -> str:
    """A sitemap ``urlset`` of ``(absolute url, lastmod or None)``."""
    urls = "\n".join(f"<url><loc>{_e(loc)}</loc>" + (f"<lastmod>{lastmod}</lastmod>" if lastmod else "") + "</url>"
                     for loc, lastmod in entries)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{SITEMAP_NS}">\n{urls}\n</urlset>\n'


def articles_sitemap(base: str, articles: Sequence[Article], issues: Sequence[Issue] = ISSUES,
                     per_page: int = ISSUES_PER_PAGE, lastmod: Callable[[Article], str] | None = None) -> bytes:
    """Gzipped urlset: archive pages, issue tables of contents and every article page (``lastmod``: its date)."""
    lastmod = lastmod or (lambda article: article.datestamp)
    pages = [(base + archive_path(n), None) for n in range(1, archive_page_count(len(issues), per_page) + 1)]
    pages += [(base + issue_path(i), i.published) for i in issues]
    pages += [(base + article_path(a.id), lastmod(a)) for a in articles]
    return gzip.compress(urlset(pages).encode("utf-8"), mtime=0)


# --- OAI-PMH -------------------------------------------------------------------------------

class OaiError(Exception):
    """An OAI-PMH error condition, answered as ``<error code=...>`` with HTTP 200."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message


@dataclass(frozen=True)
class ListQuery:
    """What a list request asks for; a resumption token stands for one of these."""

    verb: str
    prefix: str
    set: str | None
    from_: str | None
    until: str | None
    offset: int = 0


OAI_ENVELOPE = """<?xml version="1.0" encoding="UTF-8"?>
<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/ http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd">
<responseDate>{now}</responseDate>
<request{attributes}>{endpoint}</request>
{body}
</OAI-PMH>
"""

#: verb -> (required arguments, optional arguments); ``resumptionToken`` is handled apart.
VERBS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "Identify": (frozenset(), frozenset()),
    "ListMetadataFormats": (frozenset(), frozenset({"identifier"})),
    "ListSets": (frozenset(), frozenset()),
    "GetRecord": (frozenset({"identifier", "metadataPrefix"}), frozenset()),
    "ListIdentifiers": (frozenset({"metadataPrefix"}), frozenset({"from", "until", "set"})),
    "ListRecords": (frozenset({"metadataPrefix"}), frozenset({"from", "until", "set"})),
}
RESUMABLE = frozenset({"ListIdentifiers", "ListRecords", "ListSets"})
FORMATS = {
    "oai_dc": ("http://www.openarchives.org/OAI/2.0/oai_dc.xsd", "http://www.openarchives.org/OAI/2.0/oai_dc/"),
    "jats": ("https://jats.nlm.nih.gov/publishing/1.1/xsd/JATS-journalpublishing1.xsd",
             "http://jats.nlm.nih.gov"),
}
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
DAY_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
Entry = Article | DeletedRecord


def oai_arguments(query: dict[str, list[str]]) -> tuple[str, dict[str, str]]:
    """The verb and its arguments; ``badVerb``/``badArgument`` for anything the protocol forbids."""
    verbs = query.get("verb", [])
    if len(verbs) != 1 or verbs[0] not in VERBS:
        raise OaiError("badVerb", "Illegal OAI verb" if verbs else "No verb given")
    verb = verbs[0]
    args = {k: v[0] for k, v in query.items() if k != "verb"}
    if any(len(v) > 1 for v in query.values()):
        raise OaiError("badArgument", "Repeated argument")
    required, optional = VERBS[verb]
    if "resumptionToken" in args and verb in RESUMABLE:
        if len(args) > 1:
            raise OaiError("badArgument", "resumptionToken is an exclusive argument")
        return verb, args
    if not required <= args.keys() or not args.keys() <= required | optional:
        raise OaiError("badArgument", f"Illegal or missing arguments for {verb}")
    return verb, args


def datestamp_argument(value: str | None, name: str) -> str | None:
    """A ``from``/``until`` value at day granularity; a finer or malformed value is a ``badArgument``."""
    if value is None:
        return None
    if DAY_TIME.fullmatch(value):
        raise OaiError("badArgument", f"The granularity of '{name}' is finer than the repository's YYYY-MM-DD")
    try:
        if not DAY.fullmatch(value):
            raise ValueError(value)
        date.fromisoformat(value)
    except ValueError:
        raise OaiError("badArgument", f"Illegal date in '{name}': {value}") from None
    return value


def entry_sets(entry: Entry) -> tuple[str, str]:
    """The sets of a record: the journal and its section."""
    return JOURNAL_PATH, f"{JOURNAL_PATH}:{entry.section}"


def in_query(entry: Entry, query: ListQuery) -> bool:
    """Whether a record falls inside the query's set and datestamp range."""
    return ((query.set is None or query.set in entry_sets(entry))
            and (query.from_ is None or entry.datestamp >= query.from_)
            and (query.until is None or entry.datestamp <= query.until))


def header_xml(entry: Entry) -> str:
    """A record header; a deleted record's says so."""
    status = ' status="deleted"' if isinstance(entry, DeletedRecord) else ""
    sets = "".join(f"<setSpec>{s}</setSpec>" for s in entry_sets(entry))
    return (f"<header{status}><identifier>{entry.oai_identifier}</identifier>"
            f"<datestamp>{entry.datestamp}</datestamp>{sets}</header>")


def _dc(element: str, value: str, lang: str | None = None) -> str:
    attribute = f' xml:lang="{lang}"' if lang else ""
    return f"<dc:{element}{attribute}>{_e(value)}</dc:{element}>"


OAI_DC_OPEN = ('<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" '
               'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
               'xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/oai_dc/ '
               'http://www.openarchives.org/OAI/2.0/oai_dc.xsd">')


def oai_dc_xml(base: str, article: Article) -> str:
    """An ``oai_dc`` record in the shape OJS 3 writes it."""
    lang, issue = _lang(article), article.issue
    parts = [_dc("title", article.title, lang), *(_dc("creator", p.inverted_name) for p in article.authors)]
    parts += [_dc("subject", k, lang) for k in article.keywords]
    parts += [_dc("description", article.abstract, lang), _dc("publisher", PUBLISHER, "en-US"),
              _dc("date", article.publication_date), _dc("type", "info:eu-repo/semantics/article"),
              _dc("type", "info:eu-repo/semantics/publishedVersion"),
              _dc("type", "Peer-reviewed Article" if article.section == "ART" else "Book Review", "en-US"),
              _dc("format", "application/pdf"), _dc("identifier", base + article_path(article.id)),
              _dc("identifier", f"https://doi.org/{article.doi}"),
              _dc("source", f"{JOURNAL_TITLE}; {issue.label}; {article.pages}", "en-US"),
              _dc("source", PRINT_ISSN), _dc("source", ONLINE_ISSN),
              _dc("language", OAI_LANGUAGE[article.language]), _dc("relation", base + galley_path(article)),
              _dc("rights", f"Copyright (c) {issue.year} {JOURNAL_TITLE}", "en-US"),
              _dc("rights", "https://creativecommons.org/licenses/by/4.0")]
    return OAI_DC_OPEN + "\n" + "\n".join(parts) + "\n</oai_dc:dc>"


JATS_TEMPLATE = """<article xmlns="http://jats.nlm.nih.gov" xmlns:xlink="http://www.w3.org/1999/xlink" \
article-type="{article_type}" xml:lang="{language}">
<front>
<journal-meta>
<journal-id journal-id-type="ojs">{journal_path}</journal-id>
<journal-title-group><journal-title>{journal}</journal-title><abbrev-journal-title>{abbrev}</abbrev-journal-title></journal-title-group>
<issn pub-type="ppub">{print_issn}</issn><issn pub-type="epub">{online_issn}</issn>
<publisher><publisher-name>{publisher}</publisher-name></publisher>
</journal-meta>
<article-meta>
<article-id pub-id-type="publisher-id">{id}</article-id>
<article-id pub-id-type="doi">{doi}</article-id>
<article-categories><subj-group><subject>{section}</subject></subj-group></article-categories>
<title-group><article-title>{title}</article-title></title-group>
<contrib-group content-type="author">
{contribs}
</contrib-group>
<pub-date date-type="pub" publication-format="epub"><day>{day}</day><month>{month}</month><year>{year}</year></pub-date>
<volume>{volume}</volume><issue>{issue}</issue><fpage>{fpage}</fpage><lpage>{lpage}</lpage>
<self-uri xlink:href="{url}"/>
<abstract><p>{abstract}</p></abstract>
<kwd-group xml:lang="{language}">{keywords}</kwd-group>
</article-meta>
</front>
</article>"""

JATS_CONTRIB = ('<contrib contrib-type="person"><name name-style="western"><surname>{family}</surname>'
                "<given-names>{given}</given-names></name><aff>{affiliation}</aff></contrib>")


def jats_xml(base: str, article: Article) -> str:
    """A JATS front-matter record, as the OJS JATS plugin writes one."""
    year, month, day = article.publication_date.split("-")
    contribs = "\n".join(JATS_CONTRIB.format(family=_e(p.family), given=_e(p.given), affiliation=_e(p.affiliation))
                         for p in article.authors)
    return JATS_TEMPLATE.format(
        article_type="research-article" if article.section == "ART" else "book-review", language=article.language,
        journal_path=JOURNAL_PATH, journal=_e(JOURNAL_TITLE), abbrev=_e(JOURNAL_ABBREV), print_issn=PRINT_ISSN,
        online_issn=ONLINE_ISSN, publisher=_e(PUBLISHER), id=article.id, doi=article.doi,
        section=SECTIONS[article.section], title=_e(article.title), contribs=contribs, day=day, month=month,
        year=year, volume=article.issue.volume, issue=article.issue.number, fpage=article.first_page,
        lpage=article.last_page, url=base + article_path(article.id), abstract=_e(article.abstract),
        keywords="".join(f"<kwd>{_e(k)}</kwd>" for k in article.keywords))


METADATA_WRITERS: dict[str, Callable[[str, Article], str]] = {"oai_dc": oai_dc_xml, "jats": jats_xml}


def record_xml(base: str, entry: Entry, prefix: str) -> str:
    """A full ``<record>``; a deleted one has a header only."""
    if isinstance(entry, DeletedRecord):
        return f"<record>{header_xml(entry)}</record>"
    return f"<record>{header_xml(entry)}\n<metadata>\n{METADATA_WRITERS[prefix](base, entry)}\n</metadata></record>"


def identify_xml(base: str, entries: Sequence[Entry]) -> str:
    """The ``Identify`` answer."""
    sample = entries[0].oai_identifier
    return (f"<Identify><repositoryName>{_e(JOURNAL_TITLE)}</repositoryName><baseURL>{base}{OAI_PATH}</baseURL>"
            f"<protocolVersion>2.0</protocolVersion><adminEmail>editor@{REPOSITORY_ID}</adminEmail>"
            f"<earliestDatestamp>{min(e.datestamp for e in entries)}</earliestDatestamp>"
            "<deletedRecord>persistent</deletedRecord><granularity>YYYY-MM-DD</granularity>"
            '<description><oai-identifier xmlns="http://www.openarchives.org/OAI/2.0/oai-identifier">'
            f"<scheme>oai</scheme><repositoryIdentifier>{REPOSITORY_ID}</repositoryIdentifier>"
            f"<delimiter>:</delimiter><sampleIdentifier>{sample}</sampleIdentifier></oai-identifier></description>"
            "</Identify>")


def metadata_formats_xml() -> str:
    """The ``ListMetadataFormats`` answer."""
    formats = "".join(f"<metadataFormat><metadataPrefix>{prefix}</metadataPrefix><schema>{schema}</schema>"
                      f"<metadataNamespace>{namespace}</metadataNamespace></metadataFormat>"
                      for prefix, (schema, namespace) in FORMATS.items())
    return f"<ListMetadataFormats>{formats}</ListMetadataFormats>"


def sets_xml() -> str:
    """The ``ListSets`` answer: the journal and one set per section."""
    sets = [(JOURNAL_PATH, JOURNAL_TITLE)] + [(f"{JOURNAL_PATH}:{code}", name) for code, name in SECTIONS.items()]
    return "<ListSets>" + "".join(f"<set><setSpec>{spec}</setSpec><setName>{_e(name)}</setName></set>"
                                  for spec, name in sets) + "</ListSets>"


def token_xml(token: str | None, total: int, cursor: int) -> str:
    """A ``resumptionToken``; an empty element (no token) ends a list that took several pages."""
    attributes = f'completeListSize="{total}" cursor="{cursor}"'
    return f"<resumptionToken {attributes}>{token}</resumptionToken>" if token else f"<resumptionToken {attributes}/>"


def token_for(query: ListQuery) -> str:
    """An opaque token that is the same for the same query."""
    return hashlib.sha1(repr(query).encode("utf-8")).hexdigest()[:24]


def envelope(base: str, body: str, attributes: dict[str, str]) -> bytes:
    """The OAI-PMH document around one answer or error."""
    now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    attrs = "".join(f' {name}="{_e(value)}"' for name, value in attributes.items())
    return OAI_ENVELOPE.format(now=now, attributes=attrs, endpoint=base + OAI_PATH, body=body).encode("utf-8")


# --- HTTP validators -----------------------------------------------------------------------

def header(request: Request, name: str) -> str | None:
    """A request header's value, whatever the case of its name."""
    return next((v for k, v in request.headers.items() if k.lower() == name.lower()), None)


def request_base(request: Request) -> str:
    """``http://<Host header>``: the site's absolute root as the client addressed it."""
    return f"http://{header(request, 'Host') or 'localhost'}"


def moment(value: datetime | date | str | None) -> datetime:
    """A modification time in UTC to the second: ``None`` is now; a day is its midnight."""
    if value is None:
        return datetime.now(timezone.utc).replace(microsecond=0)
    if isinstance(value, str):
        value = datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
    if not isinstance(value, datetime):
        return datetime(value.year, value.month, value.day, tzinfo=timezone.utc)
    aware = value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    return aware.astimezone(timezone.utc).replace(microsecond=0)


def http_date(when: datetime) -> str:
    """``Mon, 07 Dec 2026 20:40:00 GMT``: the form of ``Last-Modified``."""
    return format_datetime(when.astimezone(timezone.utc), usegmt=True)


def lastmod_text(when: datetime) -> str:
    """A sitemap ``lastmod``: the day alone for midnight UTC, else the W3C date and time."""
    return when.date().isoformat() if when.time() == time(0) else when.isoformat()


def etag_of(body: bytes) -> str:
    """A strong ETag: a quoted hash of the body."""
    return '"' + hashlib.sha1(body).hexdigest()[:20] + '"'


def etag_matches(if_none_match: str, etag: str) -> bool:
    """Whether an ``If-None-Match`` list names ``etag`` (weak comparison; ``*`` matches any)."""
    tags = [tag.strip() for tag in if_none_match.split(",")]
    return "*" in tags or etag in (tag.removeprefix("W/") for tag in tags)


def not_modified(request: Request, etag: str, last_modified: datetime) -> bool:
    """``If-None-Match`` decides when sent; else ``If-Modified-Since`` not older than ``last_modified``."""
    if_none_match = header(request, "If-None-Match")
    if if_none_match is not None:
        return etag_matches(if_none_match, etag)
    since = header(request, "If-Modified-Since")
    try:
        when = parsedate_to_datetime(since) if since else None
    except (TypeError, ValueError):
        return False
    return when is not None and moment(when) >= last_modified


def validated(request: Request, body: bytes, last_modified: datetime) -> Response:
    """An HTML page with ``ETag`` and ``Last-Modified``, or ``304`` without a body when the client's copy is current."""
    headers = {"ETag": etag_of(body), "Last-Modified": http_date(last_modified)}
    if not_modified(request, headers["ETag"], last_modified):
        return 304, headers, b""
    return 200, {"Content-Type": HTML, **headers}, body


# --- the journal's content, one version at a time ------------------------------------------

#: Article fields ``change_article`` and ``add_article`` accept.
EDITABLE = frozenset({"section", "title", "authors", "first_page", "last_page", "keywords", "abstract", "language",
                      "body"})
#: Issue fields ``add_issue`` accepts.
ISSUE_FIELDS = frozenset({"volume", "number", "year", "published", "description"})


class JournalState:
    """One immutable version of the content with its indexes; an edit makes a new version."""

    def __init__(self, issues: Iterable[Issue], articles: Iterable[Article], deleted: Iterable[DeletedRecord],
                 modified: dict[int, datetime] | None = None):
        self.issues, self.articles, self.deleted = tuple(issues), tuple(articles), tuple(deleted)
        self.modified = dict(modified or {})  # id -> modification time of entries edited since start
        self.entries: tuple[Entry, ...] = tuple(sorted(self.articles + self.deleted, key=lambda e: e.id))
        self.by_id = {a.id: a for a in self.articles}
        self.by_identifier = {e.oai_identifier: e for e in self.entries}
        self.issue_by_id = {i.id: i for i in self.issues}
        self.by_issue: dict[int, list[Article]] = {}
        for article in self.articles:
            self.by_issue.setdefault(article.issue.id, []).append(article)

    @property
    def current_issue(self) -> Issue:
        """The newest issue."""
        return self.issues[-1]

    @property
    def next_id(self) -> int:
        """The id a new article gets."""
        return max(e.id for e in self.entries) + 1 if self.entries else FIRST_ARTICLE_ID

    def last_modified(self, entry: Entry) -> datetime:
        """When an entry last changed: its edit time, else midnight UTC of its datestamp."""
        return self.modified.get(entry.id) or moment(entry.datestamp)

    def with_entry(self, entry: Entry, when: datetime) -> JournalState:
        """A new version where ``entry`` (a new, changed or deleted one) replaces the entry of its id."""
        articles = [a for a in self.articles if a.id != entry.id]
        deleted = [d for d in self.deleted if d.id != entry.id]
        (deleted if isinstance(entry, DeletedRecord) else articles).append(entry)
        return JournalState(self.issues, sorted(articles, key=lambda a: a.id), sorted(deleted, key=lambda d: d.id),
                            {**self.modified, entry.id: when})

    def with_issue(self, issue: Issue) -> JournalState:
        """A new version with one more issue, the new current one."""
        return JournalState(self.issues + (issue,), self.articles, self.deleted, self.modified)


def edited(article: Article, fields: dict[str, object], when: datetime) -> Article:
    """``article`` with ``fields`` replaced and its datestamp moved to ``when``; ``TypeError`` for other fields."""
    unknown = set(fields) - EDITABLE
    if unknown:
        raise TypeError(f"not editable: {', '.join(sorted(unknown))} (editable: {', '.join(sorted(EDITABLE))})")
    if fields.get("section", article.section) not in SECTIONS or fields.get("language", "en") not in OAI_LANGUAGE:
        raise ValueError(f"section must be one of {sorted(SECTIONS)}, language one of {sorted(OAI_LANGUAGE)}")
    values = {k: tuple(v) if k in ("authors", "keywords", "body") else v for k, v in fields.items()}
    return replace(article, **values, datestamp=when.date().isoformat())


def next_issue(last: Issue, issue_id: int, fields: dict[str, str]) -> Issue:
    """A new issue after ``last``: the next number of its volume, or number 1 of the next volume in a new year."""
    unknown = set(fields) - ISSUE_FIELDS
    if unknown:
        raise TypeError(f"not an issue field: {', '.join(sorted(unknown))}")
    published = fields.get("published") or datetime.now(timezone.utc).date().isoformat()
    year = fields.get("year") or published[:4]
    same_volume = year == last.year or not last.volume.isdigit()
    volume = fields.get("volume") or (last.volume if same_volume else str(int(last.volume) + 1))
    following = str(int(last.number) + 1) if last.number.isdigit() else "1"
    number = fields.get("number") or (following if volume == last.volume else "1")
    description = fields.get("description") or f"Issue {number} of volume {volume}."
    return Issue(issue_id, volume, number, year, published, description)


# --- the site ------------------------------------------------------------------------------

class OjsSite(LocalSite):
    """The OJS-like journal: any content and paging, editable while served, faults and traps by keyword."""

    def __init__(self, *, journal: Journal | None = None, issues_per_page: int = ISSUES_PER_PAGE,
                 oai_page_size: int = OAI_PAGE_SIZE, latency_ms: float = 0, bad_token_once: bool = False,
                 retry_after_once: bool = False, calendar_trap: bool = False, sort_trap: bool = False,
                 base_url: str | None = None):
        if issues_per_page < 1 or oai_page_size < 1 or latency_ms < 0:
            raise ValueError("issues_per_page and oai_page_size must be positive, latency_ms not negative")
        switches = dict(bad_token_once=bad_token_once, retry_after_once=retry_after_once,
                        calendar_trap=calendar_trap, sort_trap=sort_trap)
        self.faults = frozenset(name for name, on in switches.items() if on)
        self.tripped: set[str] = set()
        self.base_url = base_url.rstrip("/") if base_url else None
        self.issues_per_page, self.oai_page_size, self.latency_ms = issues_per_page, oai_page_size, latency_ms
        journal = journal or DEFAULT_JOURNAL
        self.state = JournalState(journal.issues, journal.articles, journal.deleted)
        self._tokens: dict[str, ListQuery] = {}
        self._lock = threading.Lock()
        self._edit_lock = threading.Lock()

    @property
    def routes(self) -> dict[str, Callable[..., Response]]:
        """Path patterns and their handlers (see the module docstring for the map)."""
        return {
            r"/": self.root,
            r"/robots\.txt": self.robots,
            r"/sitemap\.xml": self.sitemap_index,
            r"/sitemap-articles\.xml\.gz": self.sitemap_articles,
            r"/sitemap-pages\.xml": self.sitemap_pages,
            rf"{J}/?|{J}/index": self.home,
            rf"{J}/issue/archive": self.archive,
            rf"{J}/issue/(?:view/(?P<issue_id>\d+)|current)": self.issue,
            rf"{J}/article/view/(?P<article_id>\d+)": self.article,
            rf"{J}/article/(?P<kind>view|download)/(?P<article_id>\d+)/(?P<galley_id>\d+)": self.galley,
            rf"{J}/about": self.about,
            rf"{J}/about/contact": self.contact,
            rf"{J}/login": self.login,
            rf"{J}/search(?:/search)?": self.search,
            rf"{J}/calendar": self.calendar,
            rf"{J}/oai": self.oai,
        }

    # -- the content now

    @property
    def issues(self) -> tuple[Issue, ...]:
        """The issues, oldest first."""
        return self.state.issues

    @property
    def articles(self) -> tuple[Article, ...]:
        """The live articles, in id order."""
        return self.state.articles

    @property
    def deleted(self) -> tuple[DeletedRecord, ...]:
        """The deleted records, in id order."""
        return self.state.deleted

    @property
    def entries(self) -> tuple[Entry, ...]:
        """Every OAI-PMH record, live or deleted, in id order."""
        return self.state.entries

    def last_modified(self, article_id: int) -> datetime:
        """When an article or deleted record last changed (its ``Last-Modified``)."""
        state = self.state
        entry = state.by_identifier.get(f"oai:{REPOSITORY_ID}:article/{article_id}")
        if entry is None:
            raise KeyError(f"no article {article_id}")
        return state.last_modified(entry)

    # -- edits, safe while serving: each makes a new version of the content

    def change_article(self, article_id: int, *, modified: datetime | date | str | None = None,
                       **fields: object) -> Article:
        """Replace fields of a live article (``EDITABLE``); its datestamp and Last-Modified move to ``modified``."""
        with self._edit_lock:
            state = self.state
            article = state.by_id.get(article_id)
            if article is None:
                raise KeyError(f"no live article {article_id}")
            when = self.edit_time(state, article, modified)
            changed = edited(article, fields, when)
            self.state = state.with_entry(changed, when)
            return changed

    def add_article(self, issue_id: int, *, modified: datetime | date | str | None = None,
                    **fields: object) -> Article:
        """A new article at the end of an issue (next free id), invented unless ``fields`` say otherwise."""
        with self._edit_lock:
            state = self.state
            issue = state.issue_by_id.get(issue_id)
            if issue is None:
                raise KeyError(f"no issue {issue_id}")
            siblings = state.by_issue.get(issue_id, [])
            first_page = int(siblings[-1].last_page) + 1 if siblings and siblings[-1].last_page.isdigit() else 1
            index = state.next_id - FIRST_ARTICLE_ID
            section = "REV" if fields.get("section") == "REV" else "ART"  # edited() refuses unknown sections
            invented = make_article(index, issue, section, {"ART": index, "REV": index}, first_page)
            when = moment(modified)
            article = edited(invented, fields, when)
            self.state = state.with_entry(article, when)
            return article

    def delete_article(self, article_id: int, *, modified: datetime | date | str | None = None) -> DeletedRecord:
        """Withdraw a live article: its page answers 404, OAI-PMH keeps a deleted header dated ``modified``."""
        with self._edit_lock:
            state = self.state
            article = state.by_id.get(article_id)
            if article is None:
                raise KeyError(f"no live article {article_id}")
            when = self.edit_time(state, article, modified)
            record = DeletedRecord(article.id, article.section, when.date().isoformat())
            self.state = state.with_entry(record, when)
            return record

    def add_issue(self, **fields: str) -> Issue:
        """A new current issue (``volume``, ``number``, ``year``, ``published`` (default today), ``description``)."""
        with self._edit_lock:
            state = self.state
            issue = next_issue(state.current_issue, max(i.id for i in state.issues) + 1, fields)
            self.state = state.with_issue(issue)
            return issue

    @staticmethod
    def edit_time(state: JournalState, entry: Entry, modified: datetime | date | str | None) -> datetime:
        """``modified`` if given; else now, but at least a second after the entry's last change."""
        if modified is not None:
            return moment(modified)
        return max(moment(None), state.last_modified(entry) + timedelta(seconds=1))

    # -- helpers

    def base(self, request: Request) -> str:
        """Absolute root for links: the constructor's ``base_url``, else from the Host header."""
        return self.base_url or request_base(request)

    def trip(self, fault: str) -> bool:
        """True the first time a switched-on one-time fault is asked about, False ever after."""
        with self._lock:
            if fault not in self.faults or fault in self.tripped:
                return False
            self.tripped.add(fault)
            return True

    def sort_block(self, base: str, request: Request) -> str:
        """Sort links when the sort trap is on."""
        return sort_links(base, request) if "sort_trap" in self.faults else ""

    def archive_pages(self, state: JournalState) -> int:
        """How many archive pages the issues take."""
        return archive_page_count(len(state.issues), self.issues_per_page)

    # -- fixed pages

    def root(self, request: Request) -> Response:
        """``/`` redirects to the journal home, as a one-journal OJS install does."""
        return respond("", 302, TEXT, Location=self.base(request) + HOME_PATH)

    def robots(self, request: Request) -> Response:
        """robots.txt with the ``Sitemap:`` line."""
        return respond(robots_txt(self.base(request)), content_type=TEXT)

    def sitemap_index(self, request: Request) -> Response:
        """The sitemap index."""
        state = self.state
        newest = max((state.last_modified(a) for a in state.articles), default=None)
        return respond(sitemap_index(self.base(request), state.articles, newest and lastmod_text(newest)),
                       content_type=XML)

    def sitemap_articles(self, request: Request) -> Response:
        """The gzipped article sitemap (a gzip file, not a Content-Encoding); article lastmods are edit times."""
        state = self.state
        body = articles_sitemap(self.base(request), state.articles, state.issues, self.issues_per_page,
                                lambda article: lastmod_text(state.last_modified(article)))
        return respond(body, content_type="application/x-gzip")

    def sitemap_pages(self, request: Request) -> Response:
        """The plain sitemap of the about and contact pages."""
        base = self.base(request)
        return respond(urlset([(base + f"{J}/about", None), (base + f"{J}/about/contact", None)]), content_type=XML)

    def home(self, request: Request) -> Response:
        """The journal home page."""
        state = self.state
        current = state.by_issue.get(state.current_issue.id, [])
        return respond(render_home(self.base(request), current, "calendar_trap" in self.faults, state.current_issue))

    def about(self, request: Request) -> Response:
        """About the journal."""
        base = self.base(request)
        content = ABOUT_CONTENT.format(journal=_e(JOURNAL_TITLE), j=base + J)
        return respond(render_page(base, f"About the Journal | {JOURNAL_TITLE}", content, "about"))

    def contact(self, request: Request) -> Response:
        """The contact page."""
        base = self.base(request)
        content = CONTACT_CONTENT.format(publisher=_e(PUBLISHER), repository=REPOSITORY_ID)
        return respond(render_page(base, f"Contact | {JOURNAL_TITLE}", content, "about", "contact"))

    def login(self, request: Request) -> Response:
        """The login form."""
        base = self.base(request)
        return respond(render_page(base, f"Login | {JOURNAL_TITLE}", LOGIN_CONTENT.format(j=base + J), "login"))

    def search(self, request: Request) -> Response:
        """Search results for ``?query=``."""
        return respond(render_search(self.base(request), self.articles, request.param("query", "")))

    # -- listings and articles

    def archive(self, request: Request) -> Response:
        """Archive page ``?page=N``; 404 beyond the last page."""
        state, number = self.state, request.param("page", "1")
        if not number.isdigit() or not 1 <= int(number) <= self.archive_pages(state):
            return self.not_found(request)
        base = self.base(request)
        return respond(render_archive(base, int(number), self.sort_block(base, request), state.issues,
                                      self.issues_per_page))

    def issue(self, request: Request, issue_id: str | None = None) -> Response:
        """An issue's table of contents (``issue/current``: the newest issue)."""
        state = self.state
        issue = state.current_issue if issue_id is None else state.issue_by_id.get(int(issue_id))
        if issue is None:
            return self.not_found(request)
        base = self.base(request)
        articles = state.by_issue.get(issue.id, [])
        return respond(render_issue(base, issue, articles, self.sort_block(base, request)))

    def article(self, request: Request, article_id: str) -> Response:
        """An article landing page with ``ETag``/``Last-Modified`` (``304`` when unchanged); 404 when not live."""
        state = self.state
        article = state.by_id.get(int(article_id))
        if article is None:
            return self.not_found(request)
        body = render_article(self.base(request), article).encode("utf-8")
        return validated(request, body, state.last_modified(article))

    def galley(self, request: Request, kind: str, article_id: str, galley_id: str) -> Response:
        """The PDF viewer page (``view``) or the PDF itself (``download``)."""
        article = self.state.by_id.get(int(article_id))
        if article is None or article.galley_id != int(galley_id):
            return self.not_found(request)
        if kind == "download":
            return respond(pdf_bytes(article), content_type="application/pdf")
        return respond(render_galley(self.base(request), article))

    def calendar(self, request: Request) -> Response:
        """One month of the endless calendar (only with ``calendar_trap``)."""
        match = MONTH_PARAM.fullmatch(request.param("month", CALENDAR_START))
        if "calendar_trap" not in self.faults or not match:
            return self.not_found(request)
        return respond(render_calendar(self.base(request), int(match.group(1)), int(match.group(2))))

    # -- OAI-PMH

    def oai(self, request: Request) -> Response:
        """The OAI-PMH endpoint; protocol errors are answered 200 with an ``<error>``."""
        if self.trip("retry_after_once"):
            return respond("Service temporarily unavailable, try again shortly.", 503, TEXT, **{"Retry-After": "1"})
        base, verb, args = self.base(request), None, {}
        try:
            verb, args = oai_arguments(request.query)
            body, attributes = self.answer(base, verb, args), {"verb": verb, **args}
        except OaiError as error:
            body = f'<error code="{error.code}">{_e(error.message)}</error>'
            attributes = {} if verb is None or error.code == "badArgument" else {"verb": verb, **args}
        return respond(envelope(base, body, attributes), content_type=XML)

    def answer(self, base: str, verb: str, args: dict[str, str]) -> str:
        """The answer element of one valid request."""
        state = self.state
        if verb == "Identify":
            return identify_xml(base, state.entries)
        if verb == "ListMetadataFormats":
            if "identifier" in args:
                self.entry(state, args["identifier"])
            return metadata_formats_xml()
        if verb == "ListSets":
            if "resumptionToken" in args:
                raise OaiError("badResumptionToken", "ListSets is complete in one response")
            return sets_xml()
        if verb == "GetRecord":
            prefix = self.metadata_prefix(args["metadataPrefix"])
            return f"<GetRecord>{record_xml(base, self.entry(state, args['identifier']), prefix)}</GetRecord>"
        return self.list_page(base, state, self.list_query(verb, args))

    @staticmethod
    def entry(state: JournalState, identifier: str) -> Entry:
        """The record with this OAI identifier, else ``idDoesNotExist``."""
        found = state.by_identifier.get(identifier)
        if found is None:
            raise OaiError("idDoesNotExist", f"No matching identifier: {identifier}")
        return found

    @staticmethod
    def metadata_prefix(prefix: str) -> str:
        """A supported prefix, else ``cannotDisseminateFormat``."""
        if prefix not in FORMATS:
            raise OaiError("cannotDisseminateFormat", f"Unsupported metadataPrefix: {prefix}")
        return prefix

    def list_query(self, verb: str, args: dict[str, str]) -> ListQuery:
        """The query of a first list request, or the one its resumption token stands for."""
        if "resumptionToken" in args:
            return self.resume(verb, args["resumptionToken"])
        from_, until = datestamp_argument(args.get("from"), "from"), datestamp_argument(args.get("until"), "until")
        if from_ and until and from_ > until:
            raise OaiError("badArgument", "'from' is later than 'until'")
        return ListQuery(verb, self.metadata_prefix(args["metadataPrefix"]), args.get("set"), from_, until)

    def resume(self, verb: str, token: str) -> ListQuery:
        """The query behind an issued token; with ``bad_token_once`` the first valid token is refused once."""
        with self._lock:
            query = self._tokens.get(token)
        if query is None or query.verb != verb:
            raise OaiError("badResumptionToken", f"Invalid resumptionToken: {token}")
        if self.trip("bad_token_once"):
            raise OaiError("badResumptionToken", f"The resumptionToken has expired: {token}")
        return query

    def list_page(self, base: str, state: JournalState, query: ListQuery) -> str:
        """One page of ListRecords/ListIdentifiers, with a resumption token when the list goes on."""
        matches = [e for e in state.entries if in_query(e, query)]
        if not matches:
            raise OaiError("noRecordsMatch", "No records match the request")
        shown = matches[query.offset:query.offset + self.oai_page_size]
        if query.verb == "ListRecords":
            items = "\n".join(record_xml(base, e, query.prefix) for e in shown)
        else:
            items = "\n".join(header_xml(e) for e in shown)
        return f"<{query.verb}>\n{items}\n{self.token(query, len(matches))}</{query.verb}>"

    def token(self, query: ListQuery, total: int) -> str:
        """The ``resumptionToken`` element for a page: none for a one-page list, empty on the last page."""
        following = query.offset + self.oai_page_size
        if following >= total:
            return token_xml(None, total, query.offset) + "\n" if query.offset else ""
        next_query = replace(query, offset=following)
        token = token_for(next_query)
        with self._lock:
            self._tokens[token] = next_query
        return token_xml(token, total, query.offset) + "\n"

    # -- the truth

    def article_paths(self) -> list[str]:
        """Paths of every article page, in id order."""
        return [article_path(a.id) for a in self.articles]

    def listing_paths(self) -> list[str]:
        """Paths of the archive pages and every issue's table of contents."""
        state = self.state
        archive = [archive_path(n) for n in range(1, self.archive_pages(state) + 1)]
        return archive + [issue_path(i) for i in state.issues]

    def expected_records(self) -> list[dict]:
        """Per live article, in id order, the record a correct harvester outputs."""
        return expected_records(self.articles)


# --- the truth -----------------------------------------------------------------------------

def expected_record(article: Article) -> dict:
    """What a correct harvester outputs for one article (``path`` instead of ``url``)."""
    issue = article.issue
    return {
        "path": article_path(article.id),
        "title": article.title,
        "authors": [{"name": p.full_name, "given": p.given, "family": p.family} for p in article.authors],
        "journal": {"title": JOURNAL_TITLE, "issn": [PRINT_ISSN, ONLINE_ISSN], "publisher": PUBLISHER},
        "volume": issue.volume,
        "issue": issue.number,
        "first_page": article.first_page,
        "last_page": article.last_page,
        "publication_date": article.publication_date,
        "doi": article.doi,
        "keywords": list(article.keywords),
        "abstract": article.abstract,
        "language": article.language,
        "oai_identifier": article.oai_identifier,
        "datestamp": article.datestamp,
        "section": SECTIONS[article.section],
        "galley_path": galley_path(article),
    }


def expected_records(articles: Sequence[Article] = ARTICLES) -> list[dict]:
    """Per live article, in id order, the record a correct harvester outputs."""
    return [expected_record(a) for a in articles]


def main(argv: list[str] | None = None) -> int:
    """``python -m harvester.demo.ojs [--port N] [--fault NAME ...] [--issues N ...]``: serve until Ctrl-C."""
    import argparse

    from harvester.demo.journal_factory import generate_journal
    from harvester.demo.server import serve_until_interrupted

    parser = argparse.ArgumentParser(prog="python -m harvester.demo.ojs", description=main.__doc__)
    parser.add_argument("--port", type=int, default=8751, help="port on 127.0.0.1 (default 8751; 0: any free one)")
    parser.add_argument("--fault", action="append", choices=FAULTS, default=[], help="switch a fault on (repeatable)")
    parser.add_argument("--issues", type=int, help="serve a generated journal of this many issues")
    parser.add_argument("--per-issue", type=int, default=50, help="articles per generated issue (default 50)")
    parser.add_argument("--padding-kb", type=int, default=0, help="KB of full text added to each generated article")
    parser.add_argument("--issues-per-page", type=int, default=ISSUES_PER_PAGE, help="issues per archive page")
    parser.add_argument("--oai-page-size", type=int, default=OAI_PAGE_SIZE, help="records per OAI-PMH list page")
    parser.add_argument("--latency-ms", type=float, default=0, help="delay before every answer")
    args = parser.parse_args(argv)
    journal = generate_journal(args.issues, args.per_issue, padding_kb=args.padding_kb) if args.issues else None
    site = OjsSite(journal=journal, issues_per_page=args.issues_per_page, oai_page_size=args.oai_page_size,
                   latency_ms=args.latency_ms, **{name: True for name in args.fault})
    banner = f"OJS test journal at {{base}}{HOME_PATH} (OAI: {{base}}{OAI_PATH}); Ctrl-C stops"
    return serve_until_interrupted(site, args.port, banner)


if __name__ == "__main__":
    raise SystemExit(main())
