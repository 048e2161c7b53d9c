"""End to end: every route (listings, sitemap, OAI-PMH, auto) finds every article of a local OJS-like journal."""

from __future__ import annotations

import time
from urllib.parse import urlsplit

import pytest

from harvester.demo import DemoSite, LocalSite, expected_records as demo_expected, respond, serve
from harvester.demo.ojs import HOME_PATH, OAI_PATH, OjsSite, expected_records

pytestmark = pytest.mark.e2e

AGREED = ("doi", "volume", "issue", "first_page", "last_page", "publication_date")
ARTICLE_PATHS = sorted(e["path"] for e in expected_records())


def paths(records) -> list[str]:
    return sorted(urlsplit(r["url"]).path for r in records)


def crawl_site(run_crawl, site, start_path: str, *args: str):
    with serve(site) as handle:
        result = run_crawl(f"start_urls={handle.base_url}{start_path}", "source=ojs", *args)
        result.requests = list(handle.requests)
    assert result.returncode == 0, result.log[-3000:]
    return result


@pytest.fixture(scope="module")
def routes(tmp_path_factory):
    """One crawl of the OJS-like journal by each route."""
    from tests.conftest import crawl

    found = {}
    for mode, start in (("html", HOME_PATH), ("sitemap", HOME_PATH), ("oai", OAI_PATH), ("auto", HOME_PATH)):
        with serve(OjsSite()) as handle:
            found[mode] = crawl(tmp_path_factory.mktemp(mode), f"start_urls={handle.base_url}{start}",
                                "source=ojs", f"mode={mode}")
            found[mode].requests = list(handle.requests)
    return found


@pytest.mark.parametrize("mode", ["html", "sitemap", "oai", "auto"])
def test_each_route_finds_every_article_and_nothing_else(routes, mode):
    result = routes[mode]
    assert result.returncode == 0, result.log[-3000:]
    assert paths(result.records) == ARTICLE_PATHS, f"{mode}: 40 articles, each once, nothing else"
    assert all(r["record_type"] == "article" for r in result.records)


def test_routes_agree_on_the_facts(routes):
    want = {e["path"]: e for e in expected_records()}
    for mode, result in routes.items():
        for record in result.records:
            expected = want[urlsplit(record["url"]).path]
            for field in AGREED:
                assert record[field] == expected[field], f"{mode}: {record['url']}: field {field}"
            assert [a["family"] for a in record["authors"]] == [a["family"] for a in expected["authors"]], \
                f"{mode}: {record['url']}: field authors"


def test_auto_takes_oai_and_says_so(routes):
    assert "Route for 127.0.0.1" in routes["auto"].log and ": oai (" in routes["auto"].log
    assert not any("/article/view/" in path for _, path in routes["auto"].requests), "no article page fetched"


def test_oai_pages_through_every_token_and_skips_the_deleted_record(routes):
    oai_requests = [path for _, path in routes["oai"].requests if path.startswith(OAI_PATH)]
    assert len(oai_requests) == 3, oai_requests
    deleted = [r for r in routes["oai"].rejects if r["reason"] == "oai_deleted"]
    assert len(deleted) == 1
    assert all(r["provenance"]["title"] == "oai_dc" for r in routes["oai"].records)


def test_html_route_fetches_no_galley_or_chrome_as_article(routes):
    assert not any(r["url"].rstrip("/").count("/") > 7 for r in routes["html"].records)
    assert not any(p.endswith(("/about", "/login")) for p in paths(routes["html"].records))


def test_auto_on_a_site_without_oai_or_sitemap_crawls_listings(run_crawl):
    result = crawl_site(run_crawl, DemoSite(), "/", "mode=auto")
    assert paths(result.records) == sorted(e["path"] for e in demo_expected())
    assert ": html (no OAI-PMH endpoint and no sitemap)" in result.log


def test_calendar_and_sort_traps_end(run_crawl):
    site = OjsSite(calendar_trap=True, sort_trap=True)
    result = crawl_site(run_crawl, site, HOME_PATH, "mode=html")
    assert paths(result.records) == ARTICLE_PATHS
    calendar = [p for _, p in result.requests if "calendar" in p]
    sorted_pages = [p for _, p in result.requests if "sort" in p]
    assert len(calendar) <= 3 and len(sorted_pages) <= 3, (calendar, sorted_pages)


def test_oai_recovers_from_a_bad_resumption_token(run_crawl):
    result = crawl_site(run_crawl, OjsSite(bad_token_once=True), OAI_PATH, "mode=oai")
    assert paths(result.records) == ARTICLE_PATHS, "restarted list, duplicates dropped"
    assert "refused a resumption token" in result.log


def test_oai_waits_as_retry_after_says(run_crawl):
    site = OjsSite(retry_after_once=True)
    started = time.monotonic()
    result = crawl_site(run_crawl, site, OAI_PATH, "mode=oai")
    assert paths(result.records) == ARTICLE_PATHS
    assert "retry_after_once" in site.tripped
    assert time.monotonic() - started >= 1.0


class BrokenLinkJournal(LocalSite):
    """A TOC listing three articles, one of which answers 404."""

    TOC = """<html><body><h1>Vol 3, No 1 (2024)</h1><div class="sections">{entries}</div></body></html>"""
    ENTRY = """<div class="obj_article_summary"><h3 class="title"><a href="/index.php/j/article/view/{n}">{title}</a></h3>
    <div class="authors">Sinitsyn F.L., Smith J.</div>
    <div class="citation">Journal of Tests. 2024;3(1):{first}-{last}</div></div>"""
    ARTICLE = """<html><head><meta name="citation_title" content="{title}">
    <meta name="citation_author" content="Fedor Sinitsyn"><meta name="citation_journal_title" content="Journal of Tests">
    <meta name="citation_volume" content="3"><meta name="citation_issue" content="1">
    <meta name="citation_date" content="2024/02/01"></head><body><h1>{title}</h1></body></html>"""

    def __init__(self):
        entries = [(1, "Listed and present article one", 1, 9), (2, "Listed article whose page is gone", 10, 19),
                   (3, "Listed and present article three", 20, 29)]
        toc = self.TOC.format(entries="".join(self.ENTRY.format(n=n, title=t, first=f, last=l)
                                              for n, t, f, l in entries))
        self.routes = {
            r"/index\.php/j/issue/view/1": lambda request: respond(toc),
            r"/index\.php/j/article/view/(?P<n>[13])": lambda request, n: respond(
                self.ARTICLE.format(title=entries[int(n) - 1][1])),
        }
        super().__init__()


def test_listed_article_whose_page_fails_is_written_from_the_listing(run_crawl):
    result = crawl_site(run_crawl, BrokenLinkJournal(), "/index.php/j/issue/view/1", "mode=html")
    by_path = {urlsplit(r["url"]).path: r for r in result.records}
    assert set(by_path) == {f"/index.php/j/article/view/{n}" for n in (1, 2, 3)}
    gone = by_path["/index.php/j/article/view/2"]
    assert gone["record_type"] == "listing" and gone["title"] == "Listed article whose page is gone"
    assert (gone["volume"], gone["issue"], gone["first_page"], gone["last_page"]) == ("3", "1", "10", "19")
    assert [a["family"] for a in gone["authors"]] == ["Sinitsyn", "Smith"]
    assert by_path["/index.php/j/article/view/1"]["record_type"] == "article"
    assert any(r["reason"] == "http_404" and "listing" in r["detail"] for r in result.rejects)


def test_oai_selective_harvest_by_date_and_set(run_crawl):
    want = sorted(e["path"] for e in expected_records()
                  if e["datestamp"] >= "2023-01-01" and e["section"] == "Articles")
    result = crawl_site(run_crawl, OjsSite(), OAI_PATH, "mode=oai", "oai_from=2023-01-01", "oai_set=johs:ART")
    assert paths(result.records) == want and want


def test_oai_records_completed_from_their_landing_pages(run_crawl):
    result = crawl_site(run_crawl, OjsSite(), OAI_PATH, "mode=oai", "complete=yes")
    assert paths(result.records) == ARTICLE_PATHS
    landing = [p for _, p in result.requests if "/article/view/" in p]
    assert len(landing) == 40, "each record's landing page fetched once"
    for record in result.records:
        assert record["provenance"]["title"] == "oai_dc", "the OAI record's own values stand"
        assert record["journal"].get("abbreviation"), f"{record['url']}: the abbreviation only the page states"
        assert record["provenance"]["journal.abbreviation"] == "citation"


def test_no_arguments_crawls_the_sources_file(run_crawl, tmp_path):
    with serve(DemoSite()) as handle:
        sources = tmp_path / "sources.toml"
        sources.write_text(f'[[source]]\nname = "demo-journals"\nstart_urls = ["{handle.base_url}/"]\n', encoding="utf-8")
        result = run_crawl(settings=("-s", f"HARVEST_SOURCES_FILE={sources}"))
    assert result.returncode == 0, result.log[-3000:]
    assert paths(result.records) == sorted(e["path"] for e in demo_expected())
    assert {r["source"] for r in result.records} == {"demo-journals"}


class OjsSiteWithWalledArticle(OjsSite):
    """The OJS-like journal, with one article page behind a bot challenge."""

    WALLED = "/index.php/johs/article/view/105"

    def dispatch(self, request):
        if request.path == self.WALLED:
            return respond("<html><head><title>Just a moment...</title></head><body>Checking</body></html>")
        return super().dispatch(request)


def test_oai_record_is_kept_when_its_landing_page_cannot_be_read(run_crawl):
    result = crawl_site(run_crawl, OjsSiteWithWalledArticle(), OAI_PATH, "mode=oai", "complete=yes")
    assert paths(result.records) == ARTICLE_PATHS, "the walled article comes from its OAI record"
    walled = next(r for r in result.records if urlsplit(r["url"]).path == OjsSiteWithWalledArticle.WALLED)
    assert walled["provenance"]["title"] == "oai_dc" and walled["doi"] == "10.5555/johs.105"
    reject = next(r for r in result.rejects if urlsplit(r["url"]).path == OjsSiteWithWalledArticle.WALLED)
    assert reject["reason"] == "bot_challenge" and "OAI-PMH record" in reject["detail"]
