"""Exit codes and run reports a scheduler can trust: one healthy run and each unhealthy kind."""

from __future__ import annotations

import socket

import pytest

from harvester.demo.server import LocalSite, respond, serve
from harvester.demo.site import DemoSite
from harvester.crawl.report import exit_code
from tests.conftest import harvest

pytestmark = pytest.mark.e2e

ARTICLE = """<html lang="en"><head><title>{title}</title>
<meta name="citation_title" content="{title}"><meta name="citation_author" content="Ann Smith">
<meta name="citation_journal_title" content="Journal of Tests"><meta name="citation_publication_date" content="2024/05/01">
<meta name="citation_doi" content="10.5555/test.{n}"></head><body><h1>{title}</h1></body></html>"""


class SmallJournal(LocalSite):
    """A listing of four articles; ``broken`` of them answer 500; ``empty`` lists none."""

    def __init__(self, broken: int = 0):
        self.broken = broken
        self.empty = False

    @property
    def routes(self):
        return {r"/": self.home, r"/article/(?P<n>\d+)": self.article}

    def home(self, request):
        items = "" if self.empty else "".join(
            f'<li><a href="/article/{n}">On the testing of harvesters, part {n}</a></li>' for n in range(1, 5))
        return respond(f"<html><body><h1>Issue 1</h1><ul>{items}</ul></body></html>")

    def article(self, request, n):
        if int(n) <= self.broken:
            return respond("<h1>Server error</h1>", status=500)
        return respond(ARTICLE.format(title=f"On the testing of harvesters, part {n}", n=n))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def kinds(result) -> set[str]:
    return {p["kind"] for p in result.report["problems"]}


def test_exit_code_order_of_severity():
    assert exit_code([{"kind": "error_rate"}, {"kind": "source_silent"}, {"kind": "incomplete"}]) == 5
    assert exit_code([{"kind": "internal_error"}, {"kind": "nothing_fetched"}]) == 70


def test_a_healthy_run_exits_0_with_a_full_report(tmp_path):
    with serve(SmallJournal()) as handle:
        result = harvest(tmp_path, f"start_urls={handle.base_url}/", "source=small")
    assert result.returncode == 0, result.log[-2000:]
    report = result.report
    assert report["healthy"] and report["problems"] == [] and report["finish_reason"] == "finished"
    assert report["records"]["new"] == 4 and report["pages_fetched"]["article"] == 4
    assert report["coverage"]["doi"] == 1.0 and report["http_status"]["200"] >= 5
    assert report["duration_s"] > 0 and report["sources"]["small"]["works_seen"] == 4
    assert "Run " in result.log and "healthy (exit code 0)" in result.log


def test_nothing_fetched_exits_4(tmp_path):
    result = harvest(tmp_path, f"start_urls=http://127.0.0.1:{free_port()}/", "source=gone")
    assert result.returncode == 4
    assert "nothing_fetched" in kinds(result) and result.report["outcomes"]["error"] >= 1


def test_every_start_url_failing_exits_4(tmp_path):
    with serve(SmallJournal(broken=4)) as handle:
        urls = ",".join(f"{handle.base_url}/article/{n}" for n in (1, 2))
        result = harvest(tmp_path, f"start_urls={urls}", "source=small", "follow=no")
    assert result.returncode == 4 and "start_urls_failed" in kinds(result)
    assert result.report["http_errors"] == {"500": 2}


def test_no_start_url_exits_4(tmp_path):
    empty = tmp_path / "urls.txt"
    empty.write_text("# nothing to harvest yet\n", encoding="utf-8")
    result = harvest(tmp_path, f"urls_file={empty}", "source=none")
    assert result.returncode == 4 and "no_start_urls" in kinds(result)


def test_a_source_that_falls_silent_exits_5(tmp_path):
    site = SmallJournal()
    with serve(site) as handle:
        assert harvest(tmp_path, f"start_urls={handle.base_url}/", "source=small").returncode == 0
        site.empty = True
        result = harvest(tmp_path, f"start_urls={handle.base_url}/", "source=small")
    assert result.returncode == 5, result.log[-2000:]
    assert kinds(result) == {"source_silent"}
    assert result.report["sources"]["small"] == {"works_seen": 0, "works_seen_last_run": 4, "written": 0}


def test_a_high_error_rate_exits_6(tmp_path):
    with serve(SmallJournal(broken=2)) as handle:
        result = harvest(tmp_path, f"start_urls={handle.base_url}/", "source=small",
                         settings=("-s", "HARVEST_MAX_ERROR_RATE=0.1"))
    assert result.returncode == 6 and kinds(result) == {"error_rate"}
    assert result.report["records"]["new"] == 2 and result.report["reasons"]["error"] == {"http_500": 2}


def test_field_coverage_below_its_floor_exits_6(tmp_path):
    with serve(DemoSite()) as handle:
        result = harvest(tmp_path, f"start_urls={handle.base_url}/", "source=demo",
                         settings=("-s", 'HARVEST_MIN_COVERAGE={"doi": 0.9}'))
    assert result.returncode == 6 and kinds(result) == {"coverage"}
    assert result.report["coverage"]["doi"] < 0.9


def test_a_crash_while_closing_exits_70(tmp_path):
    (tmp_path / "small").write_text("a file where the source's folder must go", encoding="utf-8")
    with serve(SmallJournal()) as handle:
        result = harvest(tmp_path, f"start_urls={handle.base_url}/", "source=small")
    assert result.returncode == 70, result.log[-2000:]


class RelatedChain(LocalSite):
    """A home page listing article 1; article n is reachable only from article n-1's related links."""

    length = 6

    @property
    def routes(self):
        return {r"/": self.home, r"/view/paper/(?P<n>\d+)": self.article}

    def home(self, request):
        return respond('<html><body><h1>Latest</h1><ul class="paper-list"><li class="paper-entry">'
                       '<a href="/view/paper/1">On the testing of harvesters, part 1</a></li></ul></body></html>')

    def article(self, request, n):
        n = int(n)
        related = "" if n == self.length else (
            '<h2 class="section-title">Other Latest Articles</h2><ul class="latest-articles">'
            f'<li><a href="/view/paper/{n + 1}">On the testing of harvesters, part {n + 1}</a></li></ul>')
        page = ARTICLE.format(title=f"On the testing of harvesters, part {n}", n=n)
        return respond(page.replace("</body>", related + "</body>"))


def test_a_depth_cap_that_loses_pages_exits_3_and_accounts_for_them(tmp_path):
    with serve(RelatedChain()) as handle:
        result = harvest(tmp_path, f"start_urls={handle.base_url}/", "source=chain", settings=("-s", "DEPTH_LIMIT=2"))
        site = handle.base_url.split("://", 1)[1]
    assert result.returncode == 3, result.log[-2000:]
    assert sorted(r["title"][-1] for r in result.records) == ["1", "2"]
    lost = [r for r in result.rejects if r["reason"] == "depth_limit"]
    assert [r["url"] for r in lost] == [f"{handle.base_url}/view/paper/3"]
    assert result.report["caps"] == [{"cap": "DEPTH_LIMIT", "site": site, "count": 1}]
    assert f"DEPTH_LIMIT cut the crawl of {site}" in result.log


def test_a_depth_cap_that_loses_nothing_is_no_problem(tmp_path):
    with serve(RelatedChain()) as handle:
        result = harvest(tmp_path, f"start_urls={handle.base_url}/", "source=chain", settings=("-s", "DEPTH_LIMIT=6"))
    assert result.returncode == 0 and len(result.records) == 6 and result.report["caps"] == []
