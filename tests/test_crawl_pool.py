"""The extraction pool under harm: a worker killed mid-crawl costs no page; Ctrl-C, SIGTERM and a killed crawl leave no worker behind."""

from __future__ import annotations

import json
import re
import time

from pathlib import Path

import pytest

from harvester import settings as project_settings
from harvester.demo.journal_factory import generate_journal
from harvester.demo.ojs import HOME_PATH, OjsSite, article_path
from harvester.demo.server import serve
from tests.conftest import alive, harvest

pytestmark = pytest.mark.e2e

JOURNAL = generate_journal(4, 50)  # 200 articles


def faults(fault: str, after: int) -> tuple[str, ...]:
    """Settings for a crawl in one worker process whose pool ``tests/pool_faults.py`` harms."""
    extensions = {**project_settings.EXTENSIONS, "tests.pool_faults.PoolFaults": 500}
    return ("-s", f"EXTENSIONS={json.dumps(extensions)}", "-s", "HARVEST_EXTRACT_PROCESSES=1",
            "-s", f"TEST_POOL_FAULT={fault}", "-s", f"TEST_POOL_FAULT_AFTER={after}")


def workers_seen(log: str) -> list[int]:
    match = re.search(r"test: extraction worker pids seen: ([\d,]*)", log)
    assert match, log[-3000:]
    return [int(pid) for pid in match.group(1).split(",") if pid]


def test_a_worker_killed_mid_crawl_costs_no_article(tmp_path):
    site = OjsSite(journal=JOURNAL)
    with serve(site) as handle:
        result = harvest(tmp_path, f"start_urls={handle.base_url}{HOME_PATH}", "source=pool",
                         settings=faults("kill_worker", 30))
    assert "test: SIGKILL to extraction worker" in result.log
    assert "An extraction worker process died" in result.log
    assert result.returncode == 0, result.log[-3000:]
    assert result.report["healthy"] and result.report["records"]["new"] == 200
    assert {r["url"].split("://", 1)[1].split("/", 1)[1] for r in result.records} == \
        {article_path(a.id).lstrip("/") for a in site.articles}
    assert not [r for r in result.rejects if r["outcome"] == "error"]
    assert len(workers_seen(result.log)) >= 2, "the dead worker was replaced"
    assert not [pid for pid in workers_seen(result.log) if alive(pid)]


@pytest.mark.parametrize("fault", ["SIGINT", "SIGTERM"])
def test_a_signal_to_the_process_group_stops_the_crawl_and_every_worker(tmp_path, fault):
    with serve(OjsSite(journal=JOURNAL)) as handle:
        result = harvest(tmp_path, f"start_urls={handle.base_url}{HOME_PATH}", "source=pool",
                         settings=faults(fault, 10), new_session=True, timeout=120)
    assert f"test: {fault} to the process group" in result.log
    assert result.returncode == 3 and result.report["finish_reason"] == "shutdown", result.log[-3000:]
    assert "BrokenProcessPool" not in result.log and "worker process died" not in result.log
    assert workers_seen(result.log) and not [pid for pid in workers_seen(result.log) if alive(pid)]


def test_workers_of_a_killed_crawl_end_by_themselves(tmp_path):
    with serve(OjsSite(journal=JOURNAL)) as handle:
        result = harvest(tmp_path, f"start_urls={handle.base_url}{HOME_PATH}", "source=pool",
                         settings=faults("kill_crawl", 10), timeout=120, accounting=False)
    assert result.returncode == -9 and workers_seen(result.log)
    deadline = time.monotonic() + 30  # a worker looks for its parent every second
    while [pid for pid in workers_seen(result.log) if running(pid)] and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [pid for pid in workers_seen(result.log) if running(pid)]


def running(pid: int) -> bool:
    """Alive and not a zombie (an orphan that ended may wait for a reaper that never comes in a container)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False
