"""The OJS-like journal at the scale of a real one (60 issues x 50 articles) and edited while served.

Everything goes over HTTP to 127.0.0.1. The 3,000 article pages are never all fetched: the
archive, the OAI-PMH list and the sitemap show the scale; a few article pages show validators.
"""

from __future__ import annotations

import gzip
import hashlib
import http.client
import re
import threading
import time
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

import pytest
from parsel import Selector
from stdnum import issn as stdnum_issn

from harvester.demo.journal_factory import LATEST_DATESTAMP, generate_journal
from harvester.demo.ojs import ARCHIVE_PATH, HOME_PATH, OAI_PATH, OjsSite, article_path
from harvester.demo.ojs_data import DEFAULT_JOURNAL, FIRST_ARTICLE_ID, ONLINE_ISSN, PRINT_ISSN
from harvester.demo.server import serve
from tests.test_ojs_site import fetch, harvest, links as link_paths, page as html

OAI = "{http://www.openarchives.org/OAI/2.0/}"
DC = "{http://purl.org/dc/elements/1.1/}"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ARTICLE_PAGE = r"/index\.php/johs/article/view/\d+"
ARTICLE_LINK = re.compile(ARTICLE_PAGE + "$")
ISSUE_LINK = re.compile(r"/index\.php/johs/issue/view/(\d+)$")
JOURNAL = generate_journal(60, 50)
LAST_ID = FIRST_ARTICLE_ID + 2999


def scale_site(**keywords) -> OjsSite:
    """The 60 x 50 journal, three issues an archive page, 150 records an OAI-PMH page."""
    return OjsSite(journal=JOURNAL, issues_per_page=3, oai_page_size=150, **keywords)


@pytest.fixture(scope="module")
def big():
    """One served scale site for the tests that do not edit it."""
    with serve(scale_site()) as handle:
        yield handle


@pytest.fixture
def edited():
    """A fresh scale site per test, for edits: ``(site, handle)``."""
    site = scale_site()
    with serve(site) as handle:
        yield site, handle


def oai_error(handle, query: str) -> str | None:
    """The error code of one OAI-PMH answer, or None."""
    error = ET.fromstring(fetch(f"{handle.base_url}{OAI_PATH}?{query}")[2]).find(f"{OAI}error")
    return None if error is None else error.get("code")


def header_of(record: ET.Element, name: str) -> str:
    return record.find(f"{OAI}header/{OAI}{name}").text


def identifiers(records: list[ET.Element]) -> set[str]:
    return {header_of(r, "identifier") for r in records}


def get_record(handle, article_id: int) -> ET.Element:
    query = f"verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:johs.example:article/{article_id}"
    return ET.fromstring(fetch(f"{handle.base_url}{OAI_PATH}?{query}")[2]).find(f"{OAI}GetRecord/{OAI}record")


def sitemap_lastmods(handle) -> dict[str, str | None]:
    """Path (with query) -> lastmod of every URL in the gzipped article sitemap."""
    body = fetch(handle.url("/sitemap-articles.xml.gz"))[2]
    return {u.findtext(f"{SM}loc").removeprefix(handle.base_url): u.findtext(f"{SM}lastmod")
            for u in ET.fromstring(gzip.decompress(body)).iter(f"{SM}url")}


def toc_with(issue_id: int, added: str) -> list[str]:
    """The issue's article paths as generated, with ``added`` after its research articles (before reviews)."""
    issue = [a for a in JOURNAL.articles if a.issue.id == issue_id]
    research = sum(1 for a in issue if a.section == "ART")
    paths = [article_path(a.id) for a in issue]
    return paths[:research] + [added] + paths[research:]


def meta(page: Selector, name: str) -> list[str]:
    return page.xpath(f"//meta[@name='{name}']/@content").getall()


# --- the generated journal -----------------------------------------------------------------

def test_generation_is_deterministic_with_unique_test_dois():
    assert generate_journal(60, 50) == JOURNAL
    ids = [a.id for a in JOURNAL.articles]
    assert ids == list(range(FIRST_ARTICLE_ID, LAST_ID + 1))
    dois = {a.doi for a in JOURNAL.articles}
    assert len(dois) == 3000 and all(d.startswith("10.5555/johs.") for d in dois)
    assert len({a.title for a in JOURNAL.articles}) == 3000
    assert len({i.id for i in JOURNAL.issues}) == 60 and JOURNAL.deleted == ()
    assert stdnum_issn.is_valid(PRINT_ISSN) and stdnum_issn.is_valid(ONLINE_ISSN)


def test_generated_issues_and_pages_are_consistent():
    per_issue = {}
    for article in JOURNAL.articles:
        per_issue.setdefault(article.issue.id, []).append(article)
        assert article.issue.published <= article.datestamp <= LATEST_DATESTAMP
        assert int(article.first_page) <= int(article.last_page)
    assert sorted(per_issue) == list(range(1, 61)) and {len(v) for v in per_issue.values()} == {50}
    for before, after in zip(JOURNAL.articles, JOURNAL.articles[1:]):
        same_volume = before.issue.volume == after.issue.volume
        assert int(after.first_page) == (int(before.last_page) + 1 if same_volume else 1), after.id
    assert [i.published for i in JOURNAL.issues] == sorted(i.published for i in JOURNAL.issues)
    assert (JOURNAL.issues[0].label, JOURNAL.issues[-1].label) == ("Vol 1, No 1 (2010)", "Vol 15, No 4 (2024)")


def test_generator_options_reviews_and_deleted_records():
    small = generate_journal(2, 5, reviews_per_issue=2, deleted=3)
    assert [a.section for a in small.articles] == ["ART"] * 3 + ["REV"] * 2 + ["ART"] * 3 + ["REV"] * 2
    assert [d.id for d in small.deleted] == [FIRST_ARTICLE_ID + 10 + k for k in range(3)]
    with pytest.raises(ValueError):
        generate_journal(0, 5)


def test_padding_makes_article_pages_about_100_kb_and_keeps_the_metadata():
    padded = generate_journal(1, 2, padding_kb=92)
    with serve(OjsSite(journal=padded)) as handle:
        status, _, body = fetch(handle.url(article_path(FIRST_ARTICLE_ID)))
        plain = fetch(handle.url(f"{ARCHIVE_PATH}"))[2]
    assert status == 200 and 95_000 < len(body) < 110_000 and len(plain) < 10_000
    page = Selector(text=body.decode("utf-8"))
    assert meta(page, "citation_title") == [padded.articles[0].title]
    assert page.css(".item.abstract p::text").get() == padded.articles[0].abstract
    assert len(page.css(".item.fulltext p")) == len(padded.articles[0].body) > 100


# --- listings and lists at scale -----------------------------------------------------------

def test_archive_takes_twenty_pages_of_three_issues_newest_first(big):
    url, pages = big.url(ARCHIVE_PATH), []
    while url:
        page = html(url)
        pages.append([int(ISSUE_LINK.search(p).group(1)) for p in link_paths(page, ISSUE_LINK)])
        url = page.xpath("//a[normalize-space()='Next']/@href").get()
    assert len(pages) == 20 and {len(p) for p in pages} == {3}
    assert [n for p in pages for n in p] == list(range(60, 0, -1))
    assert fetch(big.url(f"{ARCHIVE_PATH}?page=21"))[0] == 404


def test_an_issue_lists_its_fifty_articles_and_the_home_the_newest_issue(big):
    toc = html(big.url("/index.php/johs/issue/view/17"))
    want = [article_path(a.id) for a in JOURNAL.articles if a.issue.id == 17]
    assert link_paths(toc, ARTICLE_LINK) == want and len(want) == 50
    home = link_paths(html(big.url(HOME_PATH)), ARTICLE_LINK)
    assert home == [article_path(a.id) for a in JOURNAL.articles if a.issue.id == 60]


def test_oai_list_records_takes_twenty_pages_of_150(big):
    records, tokens = harvest(big, "verb=ListRecords&metadataPrefix=oai_dc")
    assert len(tokens) == 20 and [int(t.get("cursor")) for t in tokens] == list(range(0, 3000, 150))
    assert {t.get("completeListSize") for t in tokens} == {"3000"} and not tokens[-1].text
    assert len(records) == 3000 and identifiers(records) == {a.oai_identifier for a in JOURNAL.articles}
    titles = {header_of(r, "identifier"): r.find(f"{OAI}metadata").iter(f"{DC}title").__next__().text
              for r in records[::499]}
    assert titles == {a.oai_identifier: a.title for a in JOURNAL.articles[::499]}


@pytest.mark.parametrize("arguments", ["from=2015-01-01&until=2015-12-31", "from=2024-06-01", "until=2010-12-31"])
def test_from_and_until_select_by_day_at_scale(big, arguments):
    bounds = dict(a.split("=") for a in arguments.split("&"))
    want = {a.oai_identifier for a in JOURNAL.articles
            if bounds.get("from", "0") <= a.datestamp <= bounds.get("until", "9")}
    headers, _ = harvest(big, f"verb=ListIdentifiers&metadataPrefix=oai_dc&{arguments}", "ListIdentifiers")
    assert {h.findtext(f"{OAI}identifier") for h in headers} == want and 0 < len(want) < 3000


def test_sitemap_lists_every_article_with_its_lastmod(big):
    lastmods = sitemap_lastmods(big)
    articles = {p: m for p, m in lastmods.items() if ARTICLE_LINK.search(p)}
    assert articles == {article_path(a.id): a.datestamp for a in JOURNAL.articles}
    assert len(lastmods) == 3000 + 60 + 20  # articles, issue tables of contents, archive pages


# --- validators ----------------------------------------------------------------------------

def test_article_pages_carry_etag_and_last_modified_and_answer_304(big):
    article = JOURNAL.articles[1234]
    url = big.url(article_path(article.id))
    status, headers, body = fetch(url)
    assert status == 200 and headers["ETag"] == '"' + hashlib.sha1(body).hexdigest()[:20] + '"'
    midnight = datetime.fromisoformat(article.datestamp).replace(tzinfo=timezone.utc)
    assert parsedate_to_datetime(headers["Last-Modified"]) == midnight
    assert fetch(url, headers={"If-None-Match": headers["ETag"]})[::2] == (304, b"")
    assert fetch(url, headers={"If-None-Match": f'"other", W/{headers["ETag"]}'})[0] == 304
    assert fetch(url, headers={"If-Modified-Since": headers["Last-Modified"]})[0] == 304
    earlier = parsedate_to_datetime(headers["Last-Modified"]) - timedelta(seconds=1)
    assert fetch(url, headers={"If-Modified-Since": earlier.strftime("%a, %d %b %Y %H:%M:%S GMT")})[0] == 200
    assert fetch(url, headers={"If-None-Match": '"stale"', "If-Modified-Since": headers["Last-Modified"]})[0] == 200
    assert fetch(url, headers={"If-Modified-Since": "not a date"})[0] == 200


def test_a_304_has_no_body_and_keeps_the_connection_usable(big):
    path = article_path(FIRST_ARTICLE_ID)
    connection = http.client.HTTPConnection(big.host, big.port, timeout=10)
    try:
        connection.request("GET", path)
        first = connection.getresponse()
        etag, length = first.getheader("ETag"), len(first.read())
        connection.request("GET", path, headers={"If-None-Match": etag})
        second = connection.getresponse()
        assert (second.status, second.getheader("Content-Length"), second.read()) == (304, None, b"")
        assert second.getheader("ETag") == etag and second.getheader("Last-Modified")
        connection.request("GET", path)  # the same keep-alive connection still answers
        third = connection.getresponse()
        assert (third.status, len(third.read())) == (200, length)
    finally:
        connection.close()


def test_other_pages_have_no_validators(big):
    _, headers, _ = fetch(big.url("/index.php/johs/issue/view/3"))
    assert "ETag" not in headers and "Last-Modified" not in headers


# --- edits while serving -------------------------------------------------------------------

def test_change_article_changes_the_page_its_etag_and_only_its_304(edited):
    site, handle = edited
    changed, untouched = JOURNAL.articles[10], JOURNAL.articles[11]
    _, before, _ = fetch(handle.url(article_path(changed.id)))
    _, other, _ = fetch(handle.url(article_path(untouched.id)))
    site.change_article(changed.id, title="A Corrected Title", abstract="A corrected abstract.",
                        modified="2026-03-02T10:00:00Z")
    status, after, body = fetch(handle.url(article_path(changed.id)), headers={"If-None-Match": before["ETag"]})
    page = Selector(text=body.decode("utf-8"))
    assert status == 200 and meta(page, "citation_title") == ["A Corrected Title"]
    assert page.css(".item.abstract p::text").get() == "A corrected abstract."
    assert meta(page, "DC.Date.modified") == ["2026-03-02"]
    assert after["ETag"] != before["ETag"] and after["Last-Modified"] == "Mon, 02 Mar 2026 10:00:00 GMT"
    changed_url, untouched_url = handle.url(article_path(changed.id)), handle.url(article_path(untouched.id))
    assert fetch(changed_url, headers={"If-Modified-Since": before["Last-Modified"]})[0] == 200
    assert fetch(changed_url, headers={"If-None-Match": after["ETag"]})[0] == 304
    assert fetch(untouched_url, headers={"If-None-Match": other["ETag"]})[0] == 304
    assert (handle.count(ARTICLE_PAGE), handle.count(ARTICLE_PAGE, conditional=False)) == (6, 2)
    assert handle.count(ARTICLE_PAGE, conditional=True, status=304) == 2
    assert handle.count(ARTICLE_PAGE, conditional=True, status=200) == 2
    record = get_record(handle, changed.id)
    assert header_of(record, "datestamp") == "2026-03-02"
    assert record.find(f"{OAI}metadata").iter(f"{DC}title").__next__().text == "A Corrected Title"
    assert sitemap_lastmods(handle)[article_path(changed.id)] == "2026-03-02T10:00:00+00:00"
    assert [r for r in site.expected_records() if r["title"] == "A Corrected Title"][0]["datestamp"] == "2026-03-02"


def test_change_article_without_a_date_moves_it_to_now_and_later_each_time(edited):
    site, handle = edited
    article_id = JOURNAL.articles[5].id
    started = datetime.now(timezone.utc).replace(microsecond=0)
    site.change_article(article_id, title="First Change")
    first = site.last_modified(article_id)
    site.change_article(article_id, title="Second Change")
    second = site.last_modified(article_id)
    assert started <= first <= datetime.now(timezone.utc) and second > first
    headers = fetch(handle.url(article_path(article_id)))[1]
    assert parsedate_to_datetime(headers["Last-Modified"]) == second
    assert header_of(get_record(handle, article_id), "datestamp") == second.date().isoformat()


def test_change_article_refuses_unknown_fields_and_articles(edited):
    site, _ = edited
    with pytest.raises(TypeError):
        site.change_article(FIRST_ARTICLE_ID, doi="10.5555/other")
    with pytest.raises(TypeError):
        site.change_article(FIRST_ARTICLE_ID, datestamp="2030-01-01")
    with pytest.raises(ValueError):
        site.add_article(3, section="EDI")
    with pytest.raises(KeyError):
        site.change_article(LAST_ID + 1, title="Nobody")
    with pytest.raises(KeyError):
        site.add_article(61)
    assert site.articles == JOURNAL.articles  # refused edits change nothing


def test_add_article_shows_up_in_toc_home_archive_sitemap_and_oai(edited):
    site, handle = edited
    added = site.add_article(60, title="A Late Addition to the Last Issue", modified="2026-04-01")
    older = site.add_article(5, modified="2026-04-02")
    assert (added.id, older.id) == (LAST_ID + 1, LAST_ID + 2)
    toc = toc_with(60, article_path(added.id))
    assert link_paths(html(handle.url("/index.php/johs/issue/view/60")), ARTICLE_LINK) == toc and len(toc) == 51
    assert link_paths(html(handle.url("/index.php/johs/issue/view/5")), ARTICLE_LINK) == toc_with(
        5, article_path(older.id))
    assert link_paths(html(handle.url(HOME_PATH)), ARTICLE_LINK) == toc
    assert link_paths(html(handle.url(ARCHIVE_PATH)), ISSUE_LINK)[0] == "/index.php/johs/issue/view/60"
    page = html(handle.url(article_path(added.id)))
    assert meta(page, "citation_title") == [added.title] and meta(page, "citation_doi") == [f"10.5555/johs.{added.id}"]
    assert int(added.first_page) == int(JOURNAL.articles[-1].last_page) + 1
    lastmods = sitemap_lastmods(handle)
    assert (lastmods[article_path(added.id)], lastmods[article_path(older.id)]) == ("2026-04-01", "2026-04-02")
    records, tokens = harvest(handle, "verb=ListRecords&metadataPrefix=oai_dc")
    assert len(records) == 3002 and len(tokens) == 21 and added.oai_identifier in identifiers(records)
    assert older.title in {r["title"] for r in site.expected_records()} and older.title not in {
        a.title for a in JOURNAL.articles}


def test_from_returns_only_the_changed_added_and_deleted_records(edited):
    site, handle = edited
    site.change_article(JOURNAL.articles[0].id, title="Changed Early", modified="2026-02-01")
    site.change_article(JOURNAL.articles[2999].id, abstract="Changed late.", modified="2026-02-01T23:59:59Z")
    added = site.add_article(30, modified="2026-02-03")
    gone = site.delete_article(JOURNAL.articles[1500].id, modified="2026-02-05")
    ids = lambda query: identifiers(harvest(handle, f"verb=ListRecords&metadataPrefix=oai_dc&{query}")[0])  # noqa: E731
    every = {JOURNAL.articles[0].oai_identifier, JOURNAL.articles[2999].oai_identifier, added.oai_identifier,
             gone.oai_identifier}
    assert ids(f"from={LATEST_DATESTAMP}") - every == {a.oai_identifier for a in JOURNAL.articles
                                                       if a.datestamp == LATEST_DATESTAMP} - every
    assert ids("from=2026-01-01") == every
    assert ids("from=2026-02-01&until=2026-02-01") == every - {added.oai_identifier, gone.oai_identifier}
    assert ids("from=2026-02-02") == {added.oai_identifier, gone.oai_identifier}
    assert oai_error(handle, "verb=ListRecords&metadataPrefix=oai_dc&from=2026-02-06") == "noRecordsMatch"
    deleted = get_record(handle, gone.id)
    assert deleted.find(f"{OAI}header").get("status") == "deleted" and deleted.find(f"{OAI}metadata") is None
    assert fetch(handle.url(article_path(gone.id)))[0] == 404


def test_add_issue_becomes_current_and_first_in_the_archive(edited):
    site, handle = edited
    issue = site.add_issue(published="2026-01-20")
    assert (issue.id, issue.label) == (61, "Vol 16, No 1 (2026)")
    article = site.add_article(issue.id, modified="2026-01-20")
    assert link_paths(html(handle.url(ARCHIVE_PATH)), ISSUE_LINK)[0] == "/index.php/johs/issue/view/61"
    assert link_paths(html(handle.url(f"{ARCHIVE_PATH}?page=21")), ISSUE_LINK) == ["/index.php/johs/issue/view/1"]
    assert link_paths(html(handle.url(HOME_PATH)), ARTICLE_LINK) == [article_path(article.id)]
    assert link_paths(html(handle.url("/index.php/johs/issue/current")), ARTICLE_LINK) == [article_path(article.id)]


def test_edits_while_serving_never_give_a_torn_page(edited):
    site, handle = edited
    article_id, titles = JOURNAL.articles[42].id, {JOURNAL.articles[42].title}
    seen, failures = [], []

    def read():
        for _ in range(25):
            status, headers, body = fetch(handle.url(article_path(article_id)))
            page = Selector(text=body.decode("utf-8"))
            seen.append(meta(page, "citation_title")[0])
            if status != 200 or headers["ETag"] != '"' + hashlib.sha1(body).hexdigest()[:20] + '"':
                failures.append((status, headers.get("ETag")))

    readers = [threading.Thread(target=read) for _ in range(4)]
    for reader in readers:
        reader.start()
    for n in range(40):
        titles.add(site.change_article(article_id, title=f"Revision {n}").title)
    for reader in readers:
        reader.join()
    assert not failures and len(seen) == 100 and set(seen) <= titles
    assert not handle.errors


# --- request log and latency ---------------------------------------------------------------

def test_log_records_headers_status_and_clears(edited):
    _, handle = edited
    fetch(handle.url(article_path(FIRST_ARTICLE_ID)), headers={"If-Modified-Since": "Sun, 01 Jan 2040 00:00:00 GMT"})
    fetch(handle.url(article_path(LAST_ID + 5)))
    entries = handle.log
    assert [(e.method, e.path, e.status, e.conditional) for e in entries] == [
        ("GET", article_path(FIRST_ARTICLE_ID), 304, True), ("GET", article_path(LAST_ID + 5), 404, False)]
    assert entries[0].header("if-modified-since") == "Sun, 01 Jan 2040 00:00:00 GMT"
    assert handle.count(ARTICLE_PAGE, status=404) == 1 and handle.count(r"/index\.php/johs/oai") == 0
    handle.clear_log()
    assert handle.log == [] and handle.requests == [] and handle.count() == 0


def test_latency_ms_delays_every_answer():
    with serve(OjsSite(latency_ms=200)) as handle:
        started = time.monotonic()
        assert fetch(handle.url(HOME_PATH))[0] == 200
        assert time.monotonic() - started >= 0.2
    with pytest.raises(ValueError):
        OjsSite(latency_ms=-1)


def test_the_default_site_is_the_forty_article_journal():
    site = OjsSite()
    assert (site.issues, site.articles, site.deleted) == (DEFAULT_JOURNAL.issues, DEFAULT_JOURNAL.articles,
                                                          DEFAULT_JOURNAL.deleted)
    assert (site.issues_per_page, site.oai_page_size, site.latency_ms) == (2, 15, 0)
