"""End to end: the real spider crawls the demo site on loopback; every article once, every value right."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from harvester.demo import SEED_PATH, DemoSite, expected_records, serve
from harvester.schema import schema_errors

pytestmark = pytest.mark.e2e

COMPARED = ("title", "volume", "issue", "first_page", "last_page", "publication_date", "keywords",
            "abstract", "last_modified", "language", "doi")


@pytest.fixture(scope="module")
def demo_crawl(tmp_path_factory):
    """One crawl of the whole demo site from its home page."""
    from tests.conftest import crawl

    with serve(DemoSite()) as site:
        result = crawl(tmp_path_factory.mktemp("demo"), f"start_urls={site.base_url}/", "source=demo")
    result.base_url = site.base_url
    return result


def by_path(records):
    return {urlsplit(r["url"]).path: r for r in records}


def test_crawl_succeeds_and_finds_every_article_exactly_once(demo_crawl):
    assert demo_crawl.returncode == 0, demo_crawl.log[-3000:]
    paths = [urlsplit(r["url"]).path for r in demo_crawl.records]
    expected = sorted(e["path"] for e in expected_records())
    assert sorted(paths) == expected, "each demo article once, nothing else"
    assert {r["source"] for r in demo_crawl.records} == {"demo"}


def test_every_record_is_valid_against_the_schema(demo_crawl):
    for record in demo_crawl.records:
        assert schema_errors(record) == [], record["url"]


def test_every_record_has_the_values_its_page_states(demo_crawl):
    records = by_path(demo_crawl.records)
    for want in expected_records():
        got = records[want["path"]]
        for field in COMPARED:
            assert got.get(field) in (want[field], None if want[field] == [] else want[field]) or \
                (want[field] in (None, []) and got.get(field) in (None, [])), f"{want['path']}: field {field}"
        assert got["journal"].get("title") == want["journal"]["title"], f"{want['path']}: field journal"
        assert [(a["name"], a["given"], a["family"]) for a in got["authors"]] == \
            [(a["name"], a["given"], a["family"]) for a in want["authors"]], f"{want['path']}: field authors"
        assert [(r["title"], urlsplit(r["url"]).path) for r in got["related"]] == \
            [(r["title"], r["path"]) for r in want["related"]], f"{want['path']}: field related"


def test_seed_page_gives_the_target_record(demo_crawl):
    seed = by_path(demo_crawl.records)[SEED_PATH]
    assert seed["title"] == "Soviet Defectors in Germany after World War II"
    assert seed["journal"]["title"] == "RUDN Journal of Russian History"
    assert (seed["volume"], seed["issue"]) == ("24", "4")
    assert (seed["publication_date"], seed["publication_date_raw"]) == ("2025-12-16", "2025-12-16")
    assert seed["authors"] == [{"name": "Alexey Antoshin", "given": "Alexey", "family": "Antoshin",
                                "affiliations": [], "orcid": None}]
    assert (seed["first_page"], seed["last_page"]) == ("632", "642")
    assert seed["keywords"] == ["Russian emigrants", "Soviet refugees", "Russian diaspora", "repatriation",
                                "post-war USSR", "Russian anti-communists"]
    assert seed["abstract"].startswith("The article is devoted to the phenomenon of defectors")
    assert seed["abstract"].endswith("toward the US political elite.")
    assert seed["last_modified"] == "2025-12-16T21:42:27" and seed["language"] == "en"
    assert len(seed["related"]) == 5
    assert seed["related"][0]["title"].startswith("Exploring Possibilities of Colonization of Pacific Northwest")
    assert seed["provenance"]["volume"] == "labels" and seed["provenance"]["title"] == "heading"


def test_partial_dates_are_not_completed(demo_crawl):
    records = by_path(demo_crawl.records)
    partial = [e for e in expected_records() if e["publication_date"] and len(e["publication_date"]) == 7]
    assert partial, "the demo site has year-month dates"
    for want in partial:
        assert records[want["path"]]["publication_date"] == want["publication_date"]


def test_non_article_pages_are_skipped_with_a_reason(demo_crawl):
    rejects = {urlsplit(r["url"]).path: r for r in demo_crawl.rejects}
    assert all(not urlsplit(r["url"]).path.startswith(("/about", "/login")) for r in demo_crawl.records)
    for entry in rejects.values():
        assert entry["outcome"] in {"rejected", "error", "skipped"} and entry["reason"]


def test_feed_export_writes_the_same_records(demo_crawl):
    assert sorted(r["url"] for r in demo_crawl.feed) == sorted(r["url"] for r in demo_crawl.records)


def test_follow_no_parses_saved_pages_from_file_urls(tmp_path, run_crawl):
    site = DemoSite()
    wanted = [e["path"] for e in expected_records()[:5]] + ["/about"]
    urls = []
    for number, path in enumerate(wanted):
        saved = tmp_path / f"saved page {number}.html"
        saved.write_bytes(site.pages[path][1])
        urls.append(saved.as_uri())
    listing = tmp_path / "urls.txt"
    listing.write_text("# saved pages\n" + "\n".join(urls) + "\n", encoding="utf-8")
    result = run_crawl(f"urls_file={listing}", "follow=no")
    assert result.returncode == 0, result.log[-3000:]
    assert sorted(r["url"] for r in result.feed) == sorted(urls[:5]), "one record per article page, URL as given"
    assert [r["url"] for r in result.rejects] == [urls[5]]
    assert result.rejects[0]["reason"] == "not_article"


def test_readme_demo_command_prints_where_its_records_are(tmp_path):
    """README command 1: ``scrapy demo`` serves the demo site, crawls it and says where the JSON Lines went."""
    import json
    import re
    import subprocess
    import sys

    from harvester.schema import schema_errors
    from tests.conftest import ROOT

    proc = subprocess.run([sys.executable, "-m", "scrapy", "demo", "-s", f"HARVEST_OUTPUT_DIR={tmp_path}"],
                          cwd=ROOT, capture_output=True, text=True, timeout=240)
    assert proc.returncode == 0, proc.stderr[-3000:]
    printed = re.search(r"Wrote (\d+) article records to (\S+\.jsonl)", proc.stdout)
    assert printed, proc.stdout
    records = [json.loads(line) for line in open(printed.group(2), encoding="utf-8")]
    assert int(printed.group(1)) == len(records) == len(expected_records())
    assert sorted(urlsplit(r["url"]).path for r in records) == sorted(e["path"] for e in expected_records())
    assert all(schema_errors(r) == [] for r in records)
