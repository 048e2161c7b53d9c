"""Every URL a crawl is given or finds ends as exactly one of written, rejected, error or skipped."""

from __future__ import annotations

import pytest

from harvester.crawl.accounting import UrlLedger
from harvester.demo import LocalSite, respond, serve
from tests.conftest import harvest

ARTICLE = """<html lang="en"><head><meta name="citation_title" content="{title}">
<meta name="citation_author" content="Berg, Tove"><meta name="citation_journal_title" content="Journal of Ledgers">
<meta name="citation_publication_date" content="2021-03-04"></head><body><h1>{title}</h1></body></html>"""


class LedgerSite(LocalSite):
    """A table of contents leading to two articles, one of them twice (a query in another order), and off the site."""

    def __init__(self):
        self.routes = {
            "/toc": lambda request: respond(
                '<html><body><h1>Vol. 1 (2021)</h1><ul>'
                '<li><a href="/article/1?a=1&b=2">Counting every page we were given</a></li>'
                '<li><a href="/article/1?b=2&a=1">Counting every page we were given</a></li>'
                '<li><a href="/article/2">Ending each address exactly once</a></li>'
                '<li><a href="http://elsewhere.test/article/3">A paper held by another journal</a></li>'
                '<li><a href="http://elsewhere.test/article/4">Another paper held by another journal</a></li>'
                '</ul></body></html>'),
            "/article/1": lambda request: respond(ARTICLE.format(title="Counting every page we were given")),
            "/article/2": lambda request: respond(ARTICLE.format(title="Ending each address exactly once")),
        }
        super().__init__()


@pytest.mark.e2e
def test_every_url_ends_once_and_the_report_counts_them(tmp_path):
    with serve(LedgerSite()) as handle:
        run = harvest(tmp_path / "out", f"start_urls={handle.url('/toc')}", run_id="ledger")
        assert handle.count(r"/article/1.*") == 1, "the second spelling of article 1 was not fetched"
    by_reason = {r["url"].split("/", 3)[3]: (r["outcome"], r["reason"]) for r in run.rejects}
    assert by_reason == {"toc": ("skipped", "read_for_links"), "article/3": ("skipped", "offsite"),
                         "article/4": ("skipped", "offsite"), "article/1?b=2&a=1": ("skipped", "duplicate")}
    assert sorted(r["title"] for r in run.records) == ["Counting every page we were given",
                                                       "Ending each address exactly once"]
    assert run.report["urls"] == {"tried": 6, "written": 2, "rejected": 0, "error": 0, "skipped": 4}
    assert run.returncode == 0 and run.report["healthy"]
    offsite = next(r for r in run.rejects if r["reason"] == "offsite")
    assert "/toc" in offsite["detail"] and "127.0.0.1" in offsite["detail"]


@pytest.mark.e2e
def test_urls_a_cut_run_never_reached_are_skipped_not_lost(tmp_path):
    with serve(LedgerSite()) as handle:
        run = harvest(tmp_path / "out", f"start_urls={handle.url('/toc')}", run_id="cut",
                      settings=("-s", "CLOSESPIDER_PAGECOUNT=1", "-s", "CONCURRENT_REQUESTS=1"))
    reasons = {r["reason"] for r in run.rejects}
    assert "not_reached" in reasons and "unaccounted" not in reasons
    assert run.returncode == 3 and not run.report["healthy"]
    urls = run.report["urls"]
    assert urls["tried"] == urls["written"] + urls["rejected"] + urls["error"] + urls["skipped"] >= 4


def test_ledger_counts_open_urls_as_tried():
    ledger = UrlLedger()
    ledger.open("http://h/a")
    ledger.open("http://h/a")
    assert ledger.counts()["tried"] == 1 and ledger.still_open() == [("http://h/a", None)]
    assert ledger.end("http://h/a", "rejected") and ledger.still_open() == []
    assert ledger.counts() == {"tried": 1, "written": 0, "rejected": 1, "error": 0, "skipped": 0}
