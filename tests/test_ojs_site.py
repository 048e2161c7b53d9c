"""The OJS-like test journal: pages, listings, OAI-PMH, sitemaps and the switchable traps, walked with urllib."""

from __future__ import annotations

import gzip
import re
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections import Counter
from urllib.parse import parse_qsl, quote, urlsplit

import pytest
from parsel import Selector
from stdnum import issn as stdnum_issn

from harvester.demo.ojs import (
    ARCHIVE_PATH, HOME_PATH, OAI_PATH, OjsSite, expected_records, shift_month, sort_links,
)
from harvester.demo.ojs_data import ARTICLES, DELETED, ISSUES, ONLINE_ISSN, PRINT_ISSN
from harvester.demo.server import Request, serve

OAI = "{http://www.openarchives.org/OAI/2.0/}"
DC = "{http://purl.org/dc/elements/1.1/}"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ARTICLE_LINK = re.compile(r"/index\.php/johs/article/view/\d+$")
GALLEY_LINK = re.compile(r"/index\.php/johs/article/view/\d+/\d+$")
EXPECTED = {r["path"]: r for r in expected_records()}


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url: str, follow: bool = True, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    """(status, headers, body) of a GET with optional request headers; HTTP errors (and 304) are answers too."""
    opener = urllib.request.build_opener(*([] if follow else [NoRedirect()]))
    try:
        with opener.open(urllib.request.Request(url, headers=headers or {}), timeout=10) as response:
            return response.status, dict(response.headers.items()), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers.items()), error.read()


def page(url: str) -> Selector:
    status, _, body = fetch(url)
    assert status == 200, f"{url}: HTTP {status}"
    return Selector(text=body.decode("utf-8"))


def links(selector: Selector, pattern: re.Pattern[str]) -> list[str]:
    """Paths of the page's links whose path matches ``pattern``, in page order."""
    paths = (urlsplit(href).path for href in selector.css("a::attr(href)").getall())
    return [p for p in paths if pattern.search(p)]


def oai(handle, query: str) -> ET.Element:
    status, headers, body = fetch(f"{handle.base_url}{OAI_PATH}?{query}")
    assert status == 200 and headers["Content-Type"].startswith("text/xml"), (query, status)
    return ET.fromstring(body)


def oai_error(root: ET.Element) -> str | None:
    error = root.find(f"{OAI}error")
    return None if error is None else error.get("code")


def harvest(handle, first_query: str, verb: str = "ListRecords") -> tuple[list[ET.Element], list[ET.Element]]:
    """Every record (or header) of a list, following tokens; also each page's token element."""
    items, tokens, query = [], [], first_query
    while True:
        root = oai(handle, query)
        assert oai_error(root) is None, (query, oai_error(root))
        answer = root.find(f"{OAI}{verb}")
        items += answer.findall(f"{OAI}record" if verb == "ListRecords" else f"{OAI}header")
        token = answer.find(f"{OAI}resumptionToken")
        if token is None or not (token.text or "").strip():
            tokens.append(token)
            return items, tokens
        tokens.append(token)
        query = f"verb={verb}&resumptionToken={token.text}"


def identifier(record: ET.Element) -> str:
    return record.find(f"{OAI}header/{OAI}identifier").text


@pytest.fixture(scope="module")
def site():
    with serve(OjsSite()) as handle:
        yield handle


# --- listings ------------------------------------------------------------------------------

def test_root_redirects_to_the_journal_home(site):
    status, headers, _ = fetch(site.url("/"), follow=False)
    assert status == 302 and headers["Location"] == site.url(HOME_PATH)


def test_home_shows_the_current_issue_and_links_the_archive(site):
    home = page(site.url(HOME_PATH))
    current = [a for a in ARTICLES if a.issue == ISSUES[-1]]
    assert links(home, ARTICLE_LINK) == [f"/index.php/johs/article/view/{a.id}" for a in current]
    assert ARCHIVE_PATH in links(home, re.compile("archive"))
    assert not links(home, re.compile("calendar"))


def test_archive_paginates_two_issues_a_page_with_a_next_link(site):
    first = page(site.url(ARCHIVE_PATH))
    next_links = first.xpath("//a[normalize-space()='Next']/@href").getall()
    assert next_links == [site.url(ARCHIVE_PATH + "?page=2")]
    second = page(next_links[0])
    assert not second.xpath("//a[normalize-space()='Next']")
    issue_links = [links(p, re.compile(r"/issue/view/\d+$")) for p in (first, second)]
    assert issue_links == [["/index.php/johs/issue/view/3", "/index.php/johs/issue/view/2"],
                           ["/index.php/johs/issue/view/1"]]
    assert fetch(site.url(ARCHIVE_PATH + "?page=3"))[0] == 404


def test_issue_tocs_list_exactly_the_forty_articles_apart_from_galleys(site):
    article_links, galley_links = [], []
    for issue in ISSUES:
        toc = page(site.url(f"/index.php/johs/issue/view/{issue.id}"))
        article_links += links(toc, ARTICLE_LINK)
        galley_links += links(toc, GALLEY_LINK)
    assert sorted(article_links) == sorted(EXPECTED) and len(article_links) == 40
    assert len(set(galley_links)) == 40 and not set(galley_links) & set(article_links)


def test_toc_entries_carry_authors_citation_line_and_pages(site):
    toc = page(site.url("/index.php/johs/issue/view/2"))
    summaries = toc.css(".obj_article_summary")
    assert len(summaries) == 14
    entry = summaries[0]
    assert entry.css(".authors::text").get() == "Smith J., Petrova O.V."
    assert entry.css(".citation::text").get() == "Journal of Open Harvest Studies. 2020;19(2):119-134"
    assert entry.css(".pages::text").get() == "pages 119-134"
    assert 0 < len(toc.css(".obj_article_summary .abstract")) < 14
    assert toc.css("h2.toc_heading::text").get() == "In This Issue"


def test_current_issue_alias_shows_the_newest_toc(site):
    assert links(page(site.url("/index.php/johs/issue/current")), ARTICLE_LINK) == \
        links(page(site.url("/index.php/johs/issue/view/3")), ARTICLE_LINK)


# --- article pages -------------------------------------------------------------------------

@pytest.mark.parametrize("path", sorted(EXPECTED))
def test_article_page_meta_matches_the_expected_record(site, path):
    expected, html = EXPECTED[path], page(site.url(path))
    meta = lambda name: html.xpath(f"//meta[@name='{name}']/@content").getall()  # noqa: E731
    got = {
        "title": meta("citation_title"), "authors": meta("citation_author"), "doi": meta("citation_doi"),
        "issn": meta("citation_issn"), "volume": meta("citation_volume"), "issue": meta("citation_issue"),
        "pages": meta("citation_firstpage") + meta("citation_lastpage"), "language": meta("citation_language"),
        "keywords": meta("citation_keywords"), "date": meta("DC.Date.issued"),
    }
    want = {
        "title": [expected["title"]], "authors": [a["name"] for a in expected["authors"]], "doi": [expected["doi"]],
        "issn": expected["journal"]["issn"], "volume": [expected["volume"]], "issue": [expected["issue"]],
        "pages": [expected["first_page"], expected["last_page"]], "language": [expected["language"]],
        "keywords": expected["keywords"], "date": [expected["publication_date"]],
    }
    for field in want:
        assert got[field] == want[field], f"{path}: {field}"


def test_article_page_shows_the_labelled_list_and_abstract(site):
    html = page(site.url("/index.php/johs/article/view/114"))
    lines = [" ".join(t.split()) for t in html.css(".main_entry .item").xpath("normalize-space()").getall()]
    assert "Issue: Vol 19, No 2 (2020)" in lines
    assert "Pages: 119-134" in lines
    assert "DOI: https://doi.org/10.5555/johs.114" in lines
    assert html.css(".item.abstract p::text").get() == EXPECTED["/index.php/johs/article/view/114"]["abstract"]


def test_galley_viewer_is_not_an_article_page_and_the_pdf_downloads(site):
    viewer = page(site.url("/index.php/johs/article/view/114/914"))
    assert not viewer.xpath("//meta[starts-with(@name, 'citation_')]")
    status, headers, body = fetch(site.url("/index.php/johs/article/download/114/914"))
    assert (status, headers["Content-Type"], body[:5]) == (200, "application/pdf", b"%PDF-")
    assert fetch(site.url("/index.php/johs/article/view/114/915"))[0] == 404


def test_deleted_and_unknown_articles_are_not_found(site):
    assert fetch(site.url(f"/index.php/johs/article/view/{DELETED.id}"))[0] == 404
    assert fetch(site.url("/index.php/johs/issue/view/9"))[0] == 404


def test_expected_records_cover_forty_articles_three_in_russian():
    records = expected_records()
    assert len(records) == 40 and len({r["doi"] for r in records}) == 40
    assert all(r["doi"].startswith("10.5555/johs.") for r in records)
    assert Counter(r["language"] for r in records) == {"en": 37, "ru": 3}
    assert all(re.search("[а-яё]", r["title"], re.I) for r in records if r["language"] == "ru")
    assert {r["oai_identifier"] for r in records} == {f"oai:johs.example:article/{n}" for n in range(101, 141)}


@pytest.mark.parametrize("number", [PRINT_ISSN, ONLINE_ISSN])
def test_issns_have_valid_check_digits(number):
    assert stdnum_issn.is_valid(number)


# --- other pages ---------------------------------------------------------------------------

def test_login_page_is_a_password_form_without_article_links(site):
    login = page(site.url("/index.php/johs/login"))
    assert login.css("form input[type=password]") and not links(login, ARTICLE_LINK)


@pytest.mark.parametrize("path", ["/index.php/johs/about", "/index.php/johs/about/contact"])
def test_about_pages_have_no_article_links(site, path):
    assert not links(page(site.url(path)), ARTICLE_LINK)


@pytest.mark.parametrize("query, expected_ids", [
    ("Resumption Tokens", [116]), ("okafor", [106, 122, 138]), ("транслитерация", [134]), ("zzzz", []), ("", []),
])
def test_search_lists_matching_articles(site, query, expected_ids):
    results = page(site.url(f"/index.php/johs/search?query={quote(query)}"))
    found = links(results.css(".search_results"), ARTICLE_LINK)
    assert found == [f"/index.php/johs/article/view/{n}" for n in expected_ids], query


# --- robots and sitemaps -------------------------------------------------------------------

def test_robots_names_the_sitemap_index(site):
    status, _, body = fetch(site.url("/robots.txt"))
    assert status == 200 and f"Sitemap: {site.url('/sitemap.xml')}" in body.decode().splitlines()


def test_sitemap_index_leads_to_gzipped_articles_and_plain_pages(site):
    index = ET.fromstring(fetch(site.url("/sitemap.xml"))[2])
    assert index.tag == f"{SM}sitemapindex"
    locations = [loc.text for loc in index.iter(f"{SM}loc")]
    assert locations == [site.url("/sitemap-articles.xml.gz"), site.url("/sitemap-pages.xml")]
    status, headers, body = fetch(locations[0])
    assert status == 200 and body[:2] == b"\x1f\x8b" and "Content-Encoding" not in headers
    article_urls = [urlsplit(loc.text).path for loc in ET.fromstring(gzip.decompress(body)).iter(f"{SM}loc")]
    assert sorted(p for p in article_urls if ARTICLE_LINK.search(p)) == sorted(EXPECTED)
    assert len(article_urls) == 40 + 3 + 2  # articles, issue tables of contents, archive pages
    pages = [loc.text for loc in ET.fromstring(fetch(locations[1])[2]).iter(f"{SM}loc")]
    assert [urlsplit(u).path for u in pages] == ["/index.php/johs/about", "/index.php/johs/about/contact"]
    assert all(fetch(u)[0] == 200 for u in pages)


# --- OAI-PMH -------------------------------------------------------------------------------

def test_identify_states_day_granularity_and_persistent_deletions(site):
    identify = oai(site, "verb=Identify").find(f"{OAI}Identify")
    assert identify.findtext(f"{OAI}baseURL") == site.url(OAI_PATH)
    assert identify.findtext(f"{OAI}granularity") == "YYYY-MM-DD"
    assert identify.findtext(f"{OAI}deletedRecord") == "persistent"
    assert identify.findtext(f"{OAI}earliestDatestamp") == min(r["datestamp"] for r in EXPECTED.values())


def test_metadata_formats_and_sets(site):
    formats = oai(site, "verb=ListMetadataFormats").iter(f"{OAI}metadataPrefix")
    assert [f.text for f in formats] == ["oai_dc", "jats"]
    assert [s.text for s in oai(site, "verb=ListSets").iter(f"{OAI}setSpec")] == ["johs", "johs:ART", "johs:REV"]


def test_list_records_takes_three_pages_and_ends_with_an_empty_token(site):
    records, tokens = harvest(site, "verb=ListRecords&metadataPrefix=oai_dc")
    assert len(tokens) == 3 and [t.get("cursor") for t in tokens] == ["0", "15", "30"]
    assert {t.get("completeListSize") for t in tokens} == {"41"}
    assert [bool(t.text) for t in tokens] == [True, True, False]
    assert len(records) == 41 and len({identifier(r) for r in records}) == 41


def test_the_deleted_record_has_a_header_and_no_metadata(site):
    records, _ = harvest(site, "verb=ListRecords&metadataPrefix=oai_dc")
    deleted = [r for r in records if r.find(f"{OAI}header").get("status") == "deleted"]
    assert [identifier(r) for r in deleted] == [DELETED.oai_identifier]
    assert deleted[0].find(f"{OAI}metadata") is None
    live = {identifier(r) for r in records} - {DELETED.oai_identifier}
    assert live == {r["oai_identifier"] for r in EXPECTED.values()}


def test_oai_dc_records_match_the_expected_records(site):
    records, _ = harvest(site, "verb=ListRecords&metadataPrefix=oai_dc")
    by_id = {identifier(r): r for r in records}
    for expected in EXPECTED.values():
        dc = by_id[expected["oai_identifier"]].find(f"{OAI}metadata")
        values = lambda name: [e.text for e in dc.iter(f"{DC}{name}")]  # noqa: E731
        numbering = f"Vol {expected['volume']}, No {expected['issue']}"
        got = {"title": values("title"), "creator": values("creator"), "subject": values("subject"),
               "date": values("date"), "language": values("language"), "identifier": values("identifier"),
               "description": values("description")}
        want = {"title": [expected["title"]],
                "creator": [f"{a['family']}, {a['given']}" for a in expected["authors"]],
                "subject": expected["keywords"], "date": [expected["publication_date"]],
                "language": [{"en": "eng", "ru": "rus"}[expected["language"]]],
                "identifier": [site.url(expected["path"]), f"https://doi.org/{expected['doi']}"],
                "description": [expected["abstract"]]}
        for field in want:
            assert got[field] == want[field], f"{expected['oai_identifier']}: dc:{field}"
        sources = values("source")
        assert sources[0].startswith(f"Journal of Open Harvest Studies; {numbering} (")
        assert sources[0].endswith(f"; {expected['first_page']}-{expected['last_page']}")
        assert sources[1:] == expected["journal"]["issn"]
        assert values("relation") == [site.url(expected["galley_path"])]


def test_list_identifiers_pages_headers_and_jats_records_exist(site):
    headers, tokens = harvest(site, "verb=ListIdentifiers&metadataPrefix=oai_dc", "ListIdentifiers")
    assert len(headers) == 41 and len(tokens) == 3
    jats, _ = harvest(site, "verb=ListRecords&metadataPrefix=jats")
    titles = [e.text for e in jats[0].iter("{http://jats.nlm.nih.gov}article-title")]
    assert titles == [EXPECTED["/index.php/johs/article/view/101"]["title"]]


def _datestamps(records) -> list[str]:
    return [r.find(f"{OAI}header/{OAI}datestamp").text for r in records]


@pytest.mark.parametrize("arguments, keep", [
    ("from=2024-01-01", lambda d: d >= "2024-01-01"),
    ("until=2020-12-31", lambda d: d <= "2020-12-31"),
    ("from=2022-01-01&until=2022-12-31", lambda d: "2022-01-01" <= d <= "2022-12-31"),
    ("from=2023-09-14&until=2023-09-14", lambda d: d == "2023-09-14"),
])
def test_from_and_until_select_by_datestamp(site, arguments, keep):
    records, _ = harvest(site, f"verb=ListRecords&metadataPrefix=oai_dc&{arguments}")
    every = [r["datestamp"] for r in EXPECTED.values()] + [DELETED.datestamp]
    assert sorted(_datestamps(records)) == sorted(d for d in every if keep(d)), arguments
    assert records, arguments


@pytest.mark.parametrize("set_spec, count, pages", [("johs", 41, 3), ("johs:ART", 33, 3), ("johs:REV", 8, 1)])
def test_set_selects_a_section(site, set_spec, count, pages):
    records, tokens = harvest(site, f"verb=ListRecords&metadataPrefix=oai_dc&set={set_spec}")
    assert len(records) == count and len(tokens) == pages
    if pages == 1:
        assert tokens == [None]  # a list complete in one response carries no token at all


@pytest.mark.parametrize("query, code", [
    ("", "badVerb"),
    ("verb=Harvest", "badVerb"),
    ("verb=Identify&verb=Identify", "badVerb"),
    ("verb=ListRecords", "badArgument"),
    ("verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=jats", "badArgument"),
    ("verb=ListRecords&metadataPrefix=oai_dc&color=red", "badArgument"),
    ("verb=ListRecords&metadataPrefix=oai_dc&resumptionToken=abc", "badArgument"),
    ("verb=ListRecords&metadataPrefix=oai_dc&from=2021-13-01", "badArgument"),
    ("verb=ListRecords&metadataPrefix=oai_dc&from=2021-01-01T00:00:00Z", "badArgument"),
    ("verb=ListRecords&metadataPrefix=oai_dc&from=2022-01-01&until=2021-01-01", "badArgument"),
    ("verb=Identify&metadataPrefix=oai_dc", "badArgument"),
    ("verb=ListRecords&resumptionToken=0123456789abcdef", "badResumptionToken"),
    ("verb=ListRecords&metadataPrefix=marcxml", "cannotDisseminateFormat"),
    ("verb=ListRecords&metadataPrefix=oai_dc&from=2026-01-01", "noRecordsMatch"),
    ("verb=ListRecords&metadataPrefix=oai_dc&set=johs:EDI", "noRecordsMatch"),
    ("verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:johs.example:article/999", "idDoesNotExist"),
    ("verb=ListMetadataFormats&identifier=oai:elsewhere:1", "idDoesNotExist"),
])
def test_protocol_errors(site, query, code):
    root = oai(site, query)
    assert oai_error(root) == code, query
    if code in ("badVerb", "badArgument"):
        assert root.find(f"{OAI}request").attrib == {}, query


def test_a_token_from_one_list_verb_is_refused_by_the_other(site):
    _, tokens = harvest(site, "verb=ListIdentifiers&metadataPrefix=oai_dc&until=2022-12-31", "ListIdentifiers")
    assert oai_error(oai(site, f"verb=ListRecords&resumptionToken={tokens[0].text}")) == "badResumptionToken"


@pytest.mark.parametrize("record_id, deleted", [(121, False), (DELETED.id, True)])
def test_get_record(site, record_id, deleted):
    root = oai(site, f"verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:johs.example:article/{record_id}")
    record = root.find(f"{OAI}GetRecord/{OAI}record")
    assert (record.find(f"{OAI}header").get("status") == "deleted") is deleted
    assert (record.find(f"{OAI}metadata") is None) is deleted


def test_requests_log_counts_what_was_fetched():
    with serve(OjsSite()) as handle:
        _, tokens = harvest(handle, "verb=ListRecords&metadataPrefix=oai_dc")
        assert [path for _, path in handle.requests] == [f"{OAI_PATH}?verb=ListRecords&metadataPrefix=oai_dc"] + [
            f"{OAI_PATH}?verb=ListRecords&resumptionToken={t.text}" for t in tokens[:-1]]


# --- fault switches ------------------------------------------------------------------------

def test_retry_after_once_answers_503_then_serves():
    site_ = OjsSite(retry_after_once=True)
    with serve(site_) as handle:
        assert fetch(handle.url(HOME_PATH))[0] == 200  # only the OAI endpoint fails
        status, headers, _ = fetch(handle.url(f"{OAI_PATH}?verb=Identify"))
        assert (status, headers.get("Retry-After")) == (503, "1")
        assert site_.tripped == {"retry_after_once"}
        assert [fetch(handle.url(f"{OAI_PATH}?verb=Identify"))[0] for _ in range(2)] == [200, 200]


def test_without_faults_the_first_oai_request_succeeds(site):
    assert fetch(site.url(f"{OAI_PATH}?verb=Identify"))[0] == 200


def test_bad_token_once_refuses_the_first_valid_token_only():
    site_ = OjsSite(bad_token_once=True)
    with serve(site_) as handle:
        first = oai(handle, "verb=ListRecords&metadataPrefix=oai_dc").find(f"{OAI}ListRecords/{OAI}resumptionToken")
        resume = f"verb=ListRecords&resumptionToken={first.text}"
        assert oai_error(oai(handle, resume)) == "badResumptionToken"
        assert site_.tripped == {"bad_token_once"}
        second = oai(handle, resume)  # re-requesting recovers
        assert oai_error(second) is None and second.find(f"{OAI}ListRecords/{OAI}resumptionToken").get("cursor") == "15"
        records, tokens = harvest(handle, "verb=ListRecords&metadataPrefix=oai_dc")  # so does restarting
        assert len(records) == 41 and not tokens[-1].text


def test_calendar_trap_goes_on_past_fifty_months():
    with serve(OjsSite(calendar_trap=True)) as handle:
        url = handle.url(HOME_PATH)
        calendar = [href for href in page(url).css("a::attr(href)").getall() if "/calendar" in href]
        assert len(calendar) == 1
        seen, url = [], calendar[0]
        for _ in range(60):
            month = page(url)
            assert not links(month, ARTICLE_LINK), url
            seen.append(url)
            url = month.xpath("//a[normalize-space()='next month ›']/@href").get()
        assert len(set(seen)) == 60 and seen[-1].endswith("month=2030-05")


def test_without_the_trap_there_is_no_calendar(site):
    assert fetch(site.url("/index.php/johs/calendar?month=2025-06"))[0] == 404


@pytest.mark.parametrize("start", [ARCHIVE_PATH, "/index.php/johs/issue/view/2"])
def test_sort_trap_links_double_with_every_level_and_show_the_same_content(start):
    with serve(OjsSite(sort_trap=True)) as handle:
        content = lambda sel: sel.css(".issues_archive, .sections").get()  # noqa: E731
        reference = content(page(handle.url(start)))
        level, seen = [handle.url(start)], set()
        for depth in range(1, 5):
            level = [href for url in level for href in page(url).css("a.sort::attr(href)").getall()]
            assert len(set(level)) == 2 ** depth and not set(level) & seen, depth
            seen |= set(level)
        assert {content(page(url)) for url in level} == {reference}


def test_without_the_trap_there_are_no_sort_links(site):
    assert not page(site.url(ARCHIVE_PATH)).css("a.sort")


@pytest.mark.parametrize("year, month, delta, expected", [
    (2025, 6, 1, (2025, 7)), (2025, 12, 1, (2026, 1)), (2025, 1, -1, (2024, 12)), (2025, 6, 55, (2030, 1)),
])
def test_shift_month(year, month, delta, expected):
    assert shift_month(year, month, delta) == expected



@pytest.mark.parametrize("query, added", [
    ("", ("sort", "order")),
    ("page=2", ("sort", "order")),
    ("sort=title&order=asc", ("sort2", "order2")),
    ("sort2=date&order2=desc", ("sort3", "order3")),  # a level reached with the first pair stripped still grows
])
def test_sort_links_add_the_next_level_of_parameters(query, added):
    block = Selector(text=sort_links("http://h", Request("GET", f"{ARCHIVE_PATH}?{query}" if query else ARCHIVE_PATH)))
    for href in block.css("a::attr(href)").getall():
        keys = [key for key, _ in parse_qsl(urlsplit(href).query)]
        assert keys == [key for key, _ in parse_qsl(query)] + list(added), (query, href)
