"""A journal of real size: 60 issues of 50 articles, a 20-page archive, a 20-page OAI-PMH list.

Every route writes every article; a crawl cut by a cap says so, reports it and exits non-zero.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from harvester.demo.journal_factory import generate_journal
from harvester.demo.ojs import HOME_PATH, OAI_PATH, OjsSite, article_path
from harvester.demo.server import serve
from tests.conftest import harvest

pytestmark = pytest.mark.e2e

JOURNAL = generate_journal(60, 50)
ARTICLE = r"/index\.php/johs/article/view/\d+$"


def big_site() -> OjsSite:
    return OjsSite(journal=JOURNAL, issues_per_page=3, oai_page_size=150)


@pytest.fixture(scope="module")
def layout():
    """The site as a person would count it: articles, archive pages, OAI list pages."""
    site = big_site()
    return {"articles": {article_path(a.id) for a in site.articles}, "archive_pages": site.archive_pages(site.state)}


def written_paths(result) -> set[str]:
    return {urlsplit(r["url"]).path for r in result.records}


def test_the_site_is_as_big_as_a_real_journal(layout):
    assert len(layout["articles"]) == 3000 and layout["archive_pages"] == 20


@pytest.mark.parametrize("mode, start", [("html", HOME_PATH), ("oai", OAI_PATH), ("auto", HOME_PATH)])
def test_every_route_writes_every_article(tmp_path, layout, mode, start):
    with serve(big_site()) as handle:
        result = harvest(tmp_path, f"start_urls={handle.base_url}{start}", "source=big", f"mode={mode}")
        oai_pages = sum(1 for method, target in handle.requests if "verb=ListRecords" in target)
    assert result.returncode == 0, result.log[-3000:]
    assert written_paths(result) == layout["articles"]
    assert len(result.records) == 3000, "each article once"
    assert {r["change"] for r in result.records} == {"new"}
    assert result.report["healthy"] and result.report["caps"] == [] and result.report["records"]["new"] == 3000
    if mode in ("oai", "auto"):
        assert oai_pages >= 20, "the OAI-PMH list is paged to its end by resumption token"


def test_a_page_cap_warns_reports_and_exits_non_zero(tmp_path):
    with serve(big_site()) as handle:
        result = harvest(tmp_path, f"start_urls={handle.base_url}{HOME_PATH}", "source=big",
                         settings=("-s", "HARVEST_MAX_PAGES_PER_SITE=300"))
        site = handle.base_url.split("://", 1)[1]
    assert result.returncode == 3, result.log[-2000:]
    assert f"HARVEST_MAX_PAGES_PER_SITE cut the crawl of {site}" in result.log
    assert "WARNING" in result.log.split(f"HARVEST_MAX_PAGES_PER_SITE cut the crawl of {site}")[0].splitlines()[-1]
    caps = result.report["caps"]
    assert caps and caps[0]["cap"] == "HARVEST_MAX_PAGES_PER_SITE" and caps[0]["site"] == site
    assert not result.report["healthy"] and result.report["exit_code"] == 3
    assert {p["kind"] for p in result.report["problems"]} == {"incomplete"}
    assert 0 < len(result.records) < 3000
    assert any(r["reason"] == "site_page_limit" for r in result.rejects), "every refused URL is accounted for"


def test_depth_is_not_used_up_by_the_archive(tmp_path):
    """Twenty archive pages deep, yet every article is one step from a listing."""
    with serve(big_site()) as handle:
        result = harvest(tmp_path, f"start_urls={handle.base_url}{HOME_PATH}", "source=big",
                         settings=("-s", "DEPTH_LIMIT=1"))
    assert result.returncode == 0, result.log[-2000:]
    assert len(result.records) == 3000 and result.report["caps"] == []
