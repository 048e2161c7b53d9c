"""Shared test helpers: run the real spider in a subprocess and read what it wrote."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# Our own loopback servers need no politeness delay; everything else stays as in settings.py.
FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "LOG_LEVEL=INFO"]


@dataclass
class CrawlResult:
    """What one ``scrapy crawl journal`` run left behind."""

    returncode: int
    log: str
    records: list[dict]
    rejects: list[dict]
    feed: list[dict]


def read_jsonl(paths) -> list[dict]:
    rows = []
    for path in sorted(paths):
        rows += [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line]
    return rows


def crawl(tmp_path: Path, *spider_args: str, settings: tuple[str, ...] = ()) -> CrawlResult:
    """Run the journal spider with ``-a`` arguments; output under ``tmp_path``."""
    out = tmp_path / "out"
    feed = tmp_path / "feed.jsonl"
    cmd = [sys.executable, "-m", "scrapy", "crawl", "journal", *FAST, "-s", f"HARVEST_OUTPUT_DIR={out}",
           "-s", "HARVEST_RUN_ID=test", "-O", str(feed), *settings]
    for arg in spider_args:
        cmd += ["-a", arg]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=240)
    rejects = read_jsonl(out.glob("*/test.rejects.jsonl"))
    check_report_accounting(out, "test", rejects, feed=read_jsonl([feed]) if feed.exists() else None)
    return CrawlResult(
        proc.returncode, proc.stderr,
        read_jsonl(out.glob("*/test.jsonl")), rejects,
        read_jsonl([feed]) if feed.exists() else [],
    )


def alive(pid: int) -> bool:
    """Whether a process of that id is still there (a zombie counts: nobody reaped it)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def check_report_accounting(out: Path, run_id: str, rejects: list[dict], feed: list[dict] | None = None) -> None:
    """Every end-to-end run: the report's outcome counts are the rejects file's, its URL counts add up,
    every reject has an outcome, a reason and a detail that adds to the reason; a run without a report fails."""
    reports = sorted([*out.glob(f"**/{run_id}.report.json"), *out.glob(f"**/{run_id}.*.report.json")])
    assert reports, f"run {run_id} wrote no report under {out}"
    report = json.loads(reports[0].read_text(encoding="utf-8"))
    lines = {o: sum(1 for r in rejects if r["outcome"] == o) for o in ("rejected", "error", "skipped")}
    assert lines == report["outcomes"], f"rejects file {lines} differs from the run report {report['outcomes']}"
    urls = report["urls"]
    assert urls["tried"] == urls["written"] + urls["rejected"] + urls["error"] + urls["skipped"]
    if feed is not None:
        assert urls["written"] == len({r["url"] for r in feed}), "every URL whose record passed is counted as written"
    assert not [r for r in rejects if r["reason"] == "unaccounted"], "every URL tried has an outcome"
    for line in rejects:
        assert line["outcome"] in lines and line["reason"], line
        assert line["detail"] and line["detail"] != line["reason"], f"a detail that adds nothing: {line}"


@pytest.fixture
def run_crawl(tmp_path):
    """``run_crawl('start_urls=...', 'follow=no')`` -> CrawlResult."""
    return lambda *args, **kw: crawl(tmp_path, *args, **kw)


@dataclass
class Harvest:
    """What one scheduled-style run left in its output folder: records, rejects, report, exit code."""

    returncode: int
    log: str
    run_id: str
    records: list[dict]
    rejects: list[dict]
    report: dict | None


def harvest(out: Path, *spider_args: str, settings: tuple[str, ...] = (), run_id: str = "",
            timeout: int = 600, accounting: bool = True, new_session: bool = False) -> Harvest:
    """``scrapy crawl journal`` as a scheduler runs it, output (and harvest state) in ``out``.

    ``accounting`` checks the run's report against its rejects file (off for a run id used twice,
    whose rejects file holds both attempts); ``new_session`` makes the crawl and its children a
    process group of their own (one a signal can be sent to, as a terminal's Ctrl-C is)."""
    cmd = [sys.executable, "-m", "scrapy", "crawl", "journal", *FAST, "-s", f"HARVEST_OUTPUT_DIR={out}",
           "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16", *settings]
    if run_id:
        cmd += ["-s", f"HARVEST_RUN_ID={run_id}"]
    for arg in spider_args:
        cmd += ["-a", arg]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=timeout,
                          start_new_session=new_session)
    result = read_run(out, proc.returncode, proc.stderr, run_id)
    if accounting and result.run_id:
        check_report_accounting(out, result.run_id, result.rejects)
    return result


def read_run(out: Path, returncode: int, log: str, run_id: str = "") -> Harvest:
    """The files of run ``run_id`` (default: the newest report's run) under ``out``."""
    if not run_id:
        reports = sorted(out.glob("**/*.report.json"), key=lambda p: p.stat().st_mtime)
        run_id = reports[-1].name.removesuffix(".report.json") if reports else ""
    report_files = sorted(out.glob(f"**/{run_id}.report.json")) if run_id else []
    return Harvest(
        returncode, log, run_id,
        read_jsonl(out.glob(f"*/{run_id}.jsonl")) if run_id else [],
        read_jsonl(out.glob(f"*/{run_id}.rejects.jsonl")) if run_id else [],
        json.loads(report_files[0].read_text(encoding="utf-8")) if report_files else None,
    )


def check_accounting(run: Harvest, tried) -> dict[str, int]:
    """The accounting identity: written + rejected + error + skipped == URLs tried, each URL ending once.

    ``run`` is a ``Harvest`` (records, rejects file, run report); ``tried`` the URLs the crawl was given
    or found that must each end as a record or one reject line, besides the pages read only for their
    links (listings, sitemaps, OAI-PMH list pages), which end as ``skipped``/``read_for_links``.
    Checks the report's outcome counts against the rejects file, its written count against the
    records and its URL count against the URLs that ended; returns the four counts.
    """
    from collections import Counter

    assert run.report is not None, "the run wrote no report"
    lines = Counter(r["outcome"] for r in run.rejects)
    figures = {"written": run.report["records"]["written"],
               **{o: run.report["outcomes"][o] for o in ("rejected", "error", "skipped")}}
    assert {o: lines.get(o, 0) for o in ("rejected", "error", "skipped")} == \
        {o: figures[o] for o in ("rejected", "error", "skipped")}, "report counts differ from the rejects file"
    written = [url for record in run.records for url in (record.get("urls") or [record["url"]])]
    assert figures["written"] == len(run.records), "report's written count differs from the records"
    ended = Counter(written + [r["url"] for r in run.rejects])
    assert not [u for u, n in ended.items() if n > 1], f"URLs ending more than once: {ended.most_common(3)}"
    navigation = {r["url"] for r in run.rejects if r["reason"] == "read_for_links"}
    assert set(ended) - navigation == set(tried), (f"never ended: {sorted(set(tried) - set(ended))}; "
                                                   f"not tried: {sorted(set(ended) - navigation - set(tried))}")
    assert len(written) + figures["rejected"] + figures["error"] + figures["skipped"] == len(ended)
    assert run.report["urls"]["tried"] == len(ended), "the report's URLs tried are the URLs that ended"
    return {**figures, "written": len(written)}


def free_port() -> int:
    """A TCP port free on loopback right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def redis_url(tmp_path):
    """A redis-server of this test's own on loopback (CI installs the Debian package); its URL."""
    import redis

    server = shutil.which("redis-server")
    if server is None:
        pytest.fail("redis-server is not installed (Debian: apt-get install redis-server; .ci/run installs it)")
    port = free_port()
    proc = subprocess.Popen([server, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                             "--appendonly", "no", "--dir", str(tmp_path)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    deadline = time.monotonic() + 10
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            if time.monotonic() > deadline:
                proc.kill()
                raise
            time.sleep(0.05)
    yield url
    proc.terminate()
    proc.wait(timeout=10)
