"""Shared test helpers: run the real spider in a subprocess and read what it wrote."""

from __future__ import annotations

import json
import subprocess
import sys
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
    return CrawlResult(
        proc.returncode, proc.stderr,
        read_jsonl(out.glob("*/test.jsonl")), read_jsonl(out.glob("*/test.rejects.jsonl")),
        read_jsonl([feed]) if feed.exists() else [],
    )


@pytest.fixture
def run_crawl(tmp_path):
    """``run_crawl('start_urls=...', 'follow=no')`` -> CrawlResult."""
    return lambda *args, **kw: crawl(tmp_path, *args, **kw)
