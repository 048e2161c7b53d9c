"""Scheduled runs over one journal: the first writes everything, the next only what changed.

Requests are counted at the server: a run over an unchanged site fetches no article page.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from harvester.demo.journal_factory import generate_journal
from harvester.demo.ojs import HOME_PATH, OAI_PATH, OjsSite
from harvester.demo.server import LocalSite, respond, serve
from harvester.demo.site import DemoSite
from harvester.extract.works import VOLATILE
from tests.conftest import FAST, FIXTURES, ROOT, harvest, read_run

pytestmark = pytest.mark.e2e

ARTICLE = r"/index\.php/johs/article/view/\d+"


def small_site(**layout) -> OjsSite:
    return OjsSite(journal=generate_journal(6, 10), issues_per_page=2, oai_page_size=20, **layout)


def by_doi(records: list[dict]) -> dict[str, dict]:
    return {r["doi"]: r for r in records}


def test_runs_write_new_then_nothing_then_exactly_what_changed(tmp_path):
    site = small_site()
    with serve(site) as handle:
        start = f"start_urls={handle.base_url}{HOME_PATH}"
        first = harvest(tmp_path, start, "source=j")
        assert first.returncode == 0, first.log[-3000:]
        assert len(first.records) == 60 and {r["change"] for r in first.records} == {"new"}

        handle.clear_log()
        second = harvest(tmp_path, start, "source=j")
        assert second.returncode == 0, second.log[-3000:]
        assert second.records == [], "nothing changed, nothing written"
        assert handle.count(ARTICLE) == 0, "no article page fetched again"
        assert second.report["records"]["pages_left_fresh"] == 60
        assert second.report["sources"]["j"]["works_seen"] == 60

        changed = [site.articles[3].id, site.articles[40].id]
        for article_id in changed:
            site.change_article(article_id, title=f"Corrected title of article {article_id}")
        added = site.add_article(site.issues[-1].id)
        handle.clear_log()
        third = harvest(tmp_path, start, "source=j", "mode=sitemap")
        assert third.returncode == 0, third.log[-3000:]
        assert handle.count(ARTICLE) == 3, "the sitemap's lastmod names the two changed pages; one is new"
        got = {urlsplit(r["url"]).path.rsplit("/", 1)[1]: r["change"] for r in third.records}
        assert got == {str(changed[0]): "updated", str(changed[1]): "updated", str(added.id): "new"}
        assert {r["title"] for r in third.records if r["change"] == "updated"} == {
            f"Corrected title of article {i}" for i in changed}

        handle.clear_log()
        fourth = harvest(tmp_path, start, "source=j", settings=("-s", "HARVEST_REFRESH_AFTER_DAYS=0"))
        assert fourth.returncode == 0, fourth.log[-3000:]
        assert fourth.records == []
        assert handle.count(ARTICLE, conditional=True, status=304) == 61, "every page asked conditionally"
        assert fourth.report["records"]["pages_not_modified"] == 61

    snapshot = compact_and_load(tmp_path / "j")
    assert len(snapshot) == 61
    assert sum(1 for r in snapshot if r["title"].startswith("Corrected title")) == 2


def compact_and_load(folder: Path) -> list[dict]:
    """``scrapy compact`` the source folder; the current file, loaded with pandas and DuckDB as well."""
    import duckdb
    import pandas

    proc = subprocess.run([sys.executable, "-m", "scrapy", "compact", folder.name, "-s",
                           f"HARVEST_OUTPUT_DIR={folder.parent}"], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-2000:]
    current = folder / "current.jsonl"
    rows = [json.loads(line) for line in current.read_text(encoding="utf-8").splitlines()]
    frame = pandas.read_json(current, lines=True)
    assert len(frame) == len(rows) and frame["work_id"].is_unique
    with duckdb.connect() as db:
        ((count,),) = db.execute(f"SELECT count(DISTINCT work_id) FROM read_json_auto('{current}')").fetchall()
    assert count == len(rows)
    return rows


def test_oai_runs_go_on_from_the_last_complete_harvest(tmp_path):
    site = small_site()
    with serve(site) as handle:
        start = f"start_urls={handle.base_url}{OAI_PATH}"
        first = harvest(tmp_path, start, "source=j", "mode=oai")
        assert first.returncode == 0 and len(first.records) == 60
        asked = [parse_qs(urlsplit(t).query) for _, t in handle.requests if "verb=ListRecords" in t]
        assert "from" not in asked[0]

        handle.clear_log()
        site.change_article(site.articles[0].id, title="A corrected title")
        second = harvest(tmp_path, start, "source=j", "mode=oai")
        asked = [parse_qs(urlsplit(t).query) for _, t in handle.requests if "verb=ListRecords" in t]
    assert second.returncode == 0, second.log[-3000:]
    assert asked[0]["from"] == [time.strftime("%Y-%m-%d", time.gmtime())], "from the day the last harvest began"
    assert [(r["title"], r["change"]) for r in second.records] == [("A corrected title", "updated")]


def comparable(records: list[dict]) -> dict[str, dict]:
    return {r["work_id"]: {k: v for k, v in r.items() if k not in VOLATILE} for r in records}


def stored_pages(state: Path) -> int:
    if not state.exists():
        return 0
    with sqlite3.connect(state, timeout=30) as db:
        try:
            return db.execute("SELECT COUNT(*) FROM pages").fetchone()[0]
        except sqlite3.OperationalError:
            return 0


def test_a_killed_run_started_again_ends_with_the_dataset_of_an_uninterrupted_one(tmp_path):
    site = OjsSite(journal=generate_journal(10, 30), issues_per_page=2, oai_page_size=50, latency_ms=20)
    with serve(site) as handle:
        start = f"start_urls={handle.base_url}{HOME_PATH}"
        whole = harvest(tmp_path / "whole", start, "source=j")
        assert whole.returncode == 0 and len(whole.records) == 300

        out = tmp_path / "killed"
        cmd = [sys.executable, "-m", "scrapy", "crawl", "journal", *FAST, "-s", f"HARVEST_OUTPUT_DIR={out}",
               "-s", "HARVEST_RUN_ID=nightly", "-a", start, "-a", "source=j"]
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while stored_pages(out / "state.sqlite") < 100 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        assert 0 < stored_pages(out / "state.sqlite") < 300, "killed in the middle of the run"
        resumed = harvest(out, start, "source=j", run_id="nightly", accounting=False)
    assert resumed.returncode == 0, resumed.log[-3000:]
    lines = (out / "j" / "nightly.jsonl").read_bytes().split(b"\n")
    assert lines[-1] == b"" and all(json.loads(line) for line in lines[:-1]), "whole lines only"
    assert len(resumed.records) == 300, "none lost, none twice"
    assert comparable(resumed.records) == comparable(whole.records)


def test_two_runs_started_in_the_same_second_both_finish_cleanly(tmp_path):
    with serve(small_site()) as handle:
        cmd = [sys.executable, "-m", "scrapy", "crawl", "journal", *FAST, "-s", f"HARVEST_OUTPUT_DIR={tmp_path}",
               "-a", f"start_urls={handle.base_url}{HOME_PATH}", "-a", "source=j"]
        procs = [subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for _ in range(2)]
        outputs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs[0][1][-2000:] + outputs[1][1][-2000:]
    files = sorted(f for f in (tmp_path / "j").glob("*.jsonl") if not f.name.endswith(".rejects.jsonl"))
    assert len(files) == 2 and len({f.name for f in files}) == 2, "each run its own file"
    runs = [read_run(tmp_path, 0, "", f.name.removesuffix(".jsonl")) for f in files]
    assert all(r.report and r.report["healthy"] for r in runs)
    works = [r["work_id"] for run in runs for r in run.records]
    assert len(set(works)) == 60, "between them the two runs wrote every work"
    with sqlite3.connect(tmp_path / "state.sqlite") as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("SELECT COUNT(*) FROM works").fetchone()[0] == 60


class Page(LocalSite):
    """One saved page served at ``/``."""

    def __init__(self, path: Path):
        self.body = path.read_bytes()

    @property
    def routes(self):
        return {r"/": lambda request: respond(self.body)}


def test_one_work_on_three_sites_is_one_record_with_three_urls(tmp_path):
    names = ("aggregator.html", "ojs_en.html", "ojs_ru.html")
    handles = [serve(Page(FIXTURES / "same_work" / name)) for name in names]
    try:
        urls = [f"{h.base_url}/" for h in handles]
        result = harvest(tmp_path, "start_urls=" + ",".join(urls), "source=mixed", "follow=no")
    finally:
        for handle in handles:
            handle.stop()
    assert result.returncode == 0, result.log[-3000:]
    (work,) = result.records
    assert sorted(work["urls"]) == sorted(urls) and work["work_id"] == "doi:10.22363/2312-8674-2025-24-4-632-642"
    assert (work["volume"], work["issue"], work["first_page"], work["last_page"]) == ("24", "4", "632", "642")
    assert work["publication_date"] == "2025-12-16"
    assert set(work["provenance_urls"].values()) <= set(urls)
    assert len(work["keywords"]) >= 2 and work["abstract"]
    for field, url in work["provenance_urls"].items():
        assert url in urls, field


def test_a_demo_run_then_a_snapshot(tmp_path):
    with serve(DemoSite()) as handle:
        start = f"start_urls={handle.base_url}/"
        first = harvest(tmp_path, start, "source=demo")
        snapshot = harvest(tmp_path, start, "source=demo", settings=("-s", "HARVEST_SNAPSHOT=True"))
    assert first.returncode == 0 and snapshot.returncode == 0, snapshot.log[-2000:]
    assert len(first.records) == 62
    assert len(snapshot.records) == 62 and {r["change"] for r in snapshot.records} == {"unchanged"}
