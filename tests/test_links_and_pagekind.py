"""Link sorting and page-kind decisions on small hand-made pages."""

from datetime import date

import pytest
from parsel import Selector

from harvester.discovery.links import calendar_step, clean_link, is_noise_param, page_links
from harvester.extract.pagekind import body_refusal, classify, page_refusal

LISTING = """<html><head><link rel="next" href="/journal/hist?page=2"></head><body>
<nav><a href="/login">Log in</a> <a href="/about">About</a></nav>
<ul><li><a href="/view/paper/101">First paper</a></li><li><a href="/view/paper/102#abs">Second</a></li>
<li><a href="/view/paper/101">First paper again</a></li></ul>
<div class="pager"><a href="/journal/hist?page=1">1</a> <a href="/journal/hist?page=2">2</a>
<a href="/journal/hist?page=3&sort=title">Next »</a></div>
<a href="/journal/other">Another journal</a> <a href="/files/paper.pdf">PDF</a>
<a href="mailto:x@example.org">mail</a></body></html>"""


def test_listing_links_are_sorted_and_deduplicated():
    links = page_links(Selector(text=LISTING), "http://h.test/journal/hist?page=1")
    assert links.articles == ["http://h.test/view/paper/101", "http://h.test/view/paper/102"]
    assert links.next_pages == ["http://h.test/journal/hist?page=2", "http://h.test/journal/hist?page=3"]
    assert links.listings == ["http://h.test/journal/other"]


@pytest.mark.parametrize("href, expected", [
    ("/a/b?sort=asc&page=2", "http://h.test/a/b?page=2"),
    ("/a/b?utm_source=x", "http://h.test/a/b"),
    ("/a/b#frag", "http://h.test/a/b"),
    ("/logout", None),
    ("/x/y.pdf", None),
    ("javascript:void(0)", None),
    # sort and order under any spelling, alone and combined, vanish; the page number stays
    ("/a/b?sortField=title&SortOrder=desc&page=2", "http://h.test/a/b?page=2"),
    ("/a/b?orderBy=date&ordering=-date&dir=asc&direction=up&page=3", "http://h.test/a/b?page=3"),
    ("/a/b?per_page=50&limit=10&rpp=20&pageSize=5&offset=40", "http://h.test/a/b?offset=40"),
    ("/a/b?view=list&display=grid&layout=compact&displayMode=full&q=tides", "http://h.test/a/b?q=tides"),
    ("/index.php?option=com_content&view=article&id=5", "http://h.test/index.php?option=com_content&view=article&id=5"),
    # sessions: in the query, and glued to the path by servlet containers
    ("/a/b;jsessionid=0A1B2C3D4E?page=2", "http://h.test/a/b?page=2"),
    ("/record/12;JSESSIONID=abc.node1", "http://h.test/record/12"),
    ("/a/b?PHPSESSID=x1&ASPSESSIONIDQQRS=y2&utm_term=z&id=7", "http://h.test/a/b?id=7"),
])
def test_clean_link(href, expected):
    assert clean_link(href, "http://h.test/start") == expected


@pytest.mark.parametrize("name, value, expected", [
    ("sort", "asc", True), ("sort_by", "2", True), ("SortDir", "desc", True), ("order", "DESC", True),
    ("orderBy", "title", True), ("per_page", "100", True), ("limit", "5", True), ("dir", "asc", True),
    ("view", "grid", True), ("display", "brief", True), ("view", "article", False), ("page", "2", False),
    ("q", "sorted lists", False), ("type", "dateissued", False),
])
def test_is_noise_param(name, value, expected):
    assert is_noise_param(name, value) is expected


def test_sort_order_combinations_collapse_to_one_listing_and_one_next_page():
    links = "".join(f'<a href="/journal/hist?sort={s}&order={o}&dir={d}&page=2">{s} {o}</a>'
                    for s in ("title", "date", "author") for o in ("asc", "desc") for d in ("up", "down"))
    html = f'<html><body>{links}<a href="/journal/hist?page=2&sortBy=date">Next »</a></body></html>'
    found = page_links(Selector(text=html), "http://h.test/journal/hist?page=1")
    assert found.next_pages == ["http://h.test/journal/hist?page=2"]
    assert set(found.listings) <= {"http://h.test/journal/hist?page=2"}


@pytest.mark.parametrize("url, text, step", [
    ("http://h.test/events?month=2031-05", "", "fine"),
    ("http://h.test/events?ym=203105", "May", "fine"),
    ("http://h.test/events?from=2031-05-17", "", "fine"),
    ("http://h.test/calendar?date=2031-05-17", "17", "fine"),
    ("http://h.test/2031/05/", "May 2031", "fine"),
    ("http://h.test/blog/2031/05/17/", "17", "fine"),
    ("http://h.test/2031-05", "", "fine"),
    ("http://h.test/news", "Next month »", "fine"),
    ("http://h.test/news?p=2", "previous year", "fine"),
    ("http://h.test/archive?year=2019", "2019", "year"),
    ("http://h.test/archive/2019/", "2019", "year"),
    # ids and article paths that merely look like dates
    ("http://h.test/index.php/j/article/view/2019/5", "PDF", None),
    ("http://h.test/record/2500", "A record", None),
    ("http://h.test/item?id=203105", "An item", None),
    ("http://h.test/2019/05/21/tidal-mixing-in-estuaries/", "Tidal mixing", None),
    ("http://h.test/journal/hist?page=2", "Next »", None),
])
def test_calendar_step(url, text, step):
    assert calendar_step(url, text) == step


CALENDAR = """<html><head><link rel="next" href="/events?month=2031-06"></head><body>
<div class="calendar">
  <a href="/events?month=2031-04">« April</a> <b>May 2031</b> <a href="/events?month=2031-06" rel="next">Next »</a>
  <a href="/events?month=2031-06">next month</a> <a href="/2031/06/">June 2031</a>
</div>
<ul><li><a href="/archive/issues?year=2019">2019</a></li><li><a href="/archive/issues?year=2020">2020</a></li>
<li><a href="/archive/issues?year=2021">2021</a></li><li><a href="/archive/issues?year=2032">2032</a></li></ul>
<ul><li><a href="/view/paper/7">A paper</a></li></ul>
</body></html>"""


def test_calendar_navigation_is_never_pagination_and_months_are_never_followed():
    found = page_links(Selector(text=CALENDAR), "http://h.test/events?month=2031-05", today=date(2025, 3, 1))
    assert found.next_pages == []
    assert found.listings == ["http://h.test/archive/issues?year=2019", "http://h.test/archive/issues?year=2020",
                              "http://h.test/archive/issues?year=2021"]  # 2032 lies past next year
    assert found.articles == ["http://h.test/view/paper/7"]


@pytest.mark.parametrize("links, followed", [
    # an archive index of years, cut after next year
    ([(2023, "2023"), (2024, "2024"), (2025, "Current"), (2026, "2026"), (2027, "2027")], [2023, 2024, 2025, 2026]),
    # a calendar's previous/next year step: never followed, it would lead on for ever
    ([(2024, "« previous"), (2026, "next »")], []),
    ([(2024, "«"), (2026, "»")], []),
    ([(2024, "« 2024"), (2026, "2026 »")], []),
    # a single link named by its year or by what it is, not by a step, is an index entry
    ([(2019, "2019")], [2019]),
    ([(2019, "Monthly archive")], [2019]),
    ([(2999, "2999")], []),
])
def test_year_links_are_followed_only_from_an_index_of_years(links, followed):
    html = "".join(f'<a href="/archives?year={year}">{text}</a>' for year, text in links)
    found = page_links(Selector(text=html), "http://h.test/archives", today=date(2025, 3, 1))
    assert found.listings == [f"http://h.test/archives?year={year}" for year in followed]
    assert found.next_pages == []


def _endless_calendar(url: str) -> str:
    """A site whose every month page links the next and previous month, and whose year pages do the same."""
    from urllib.parse import parse_qs, urlsplit
    query = parse_qs(urlsplit(url).query)
    year, month = map(int, query.get("month", ["2025-01"])[0].split("-"))
    after, before = (year + month // 12, month % 12 + 1), (year - (month == 1), (month - 2) % 12 + 1)
    year_page = int(query.get("year", [year])[0])
    return (f'<html><head><link rel="next" href="/issues?month={after[0]}-{after[1]:02d}"></head><body>'
            f'<a href="/issues?month={before[0]}-{before[1]:02d}">‹ Prev</a>'
            f'<a href="/issues?month={after[0]}-{after[1]:02d}">Next ›</a>'
            f'<a href="/issues?year={year_page + 1}">»</a><a href="/issues?year={year_page - 1}">«</a>'
            f'<a href="/view/paper/{year}{month:02d}">Paper of {year}-{month}</a></body></html>')


def test_following_links_on_an_endless_calendar_stops():
    seen, queue = set(), ["http://h.test/issues?year=2025"]
    while queue and len(seen) < 1000:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        found = page_links(Selector(text=_endless_calendar(url)), url, today=date(2025, 3, 1))
        queue += found.next_pages + found.listings
    assert len(seen) < 1000, "the link graph of a calendar was followed without end"
    assert seen == {"http://h.test/issues?year=2025"}


@pytest.mark.parametrize("body, reason", [
    (b"%PDF-1.3\r%\xe2\xe3\xcf\xd3\r\n", "pdf_bytes"),
    (b"   ", "empty_body"),
    (b"<html><body>ok</body></html>", None),
    (b"<!doctypehtml><html>" + b'<meta value="x"name=citation_title>' * 60 + b"<p>text</p>" * 100, "corrupted_markup"),
    (b"<html>" + b'<a href="/x?a=1"class=y>' * 5 + b"<p>text</p>" * 100, None),
])
def test_body_refusal(body, reason):
    assert body_refusal(body) == reason


@pytest.mark.parametrize("html, reason", [
    ("<html><head><title>Just a moment...</title></head><body>Checking</body></html>", "bot_challenge"),
    ("<html><head><title>Sign in</title></head><body><form><input type='password'></form></body></html>", "login_wall"),
    ("<html><head><title>A paper</title></head><body><h1>A paper</h1></body></html>", None),
])
def test_page_refusal(html, reason):
    assert page_refusal(Selector(text=html)) == reason


@pytest.mark.parametrize("evidence, articles, listings, kind", [
    ({"title", "authors", "journal_title"}, 0, 0, "article"),
    ({"title", "authors", "journal_title"}, 12, 3, "article"),
    ({"title"}, 12, 1, "listing"),
    ({"title", "language"}, 0, 0, "other"),
    (set(), 0, 0, "other"),
    # a static article page: byline, issue line and the journal named in <title>
    ({"title", "authors", "issue", "publication_date", "journal_title"}, 0, 0, "article"),
    # a repository record: labelled rows, no links to other articles
    ({"title", "authors", "publication_date", "keywords", "abstract"}, 0, 0, "article"),
    # an article linking many others (references, related articles) with its citation block read
    ({"title", "authors", "journal_title", "volume", "doi"}, 34, 2, "article"),
    # a table of contents: issue-level facts only, and links to its articles
    ({"title", "journal_title", "volume", "issue", "publication_date"}, 12, 1, "listing"),
    ({"title", "volume", "issue"}, 3, 0, "listing"),
    # issue-level facts alone never make an article, links or not
    ({"title", "journal_title", "volume", "issue", "publication_date"}, 0, 0, "other"),
])
def test_classify(evidence, articles, listings, kind):
    assert classify(evidence, articles, listings).kind == kind


# (the kind of each labels fixture page: tests/fixtures/labels/*.json, 'kind')
