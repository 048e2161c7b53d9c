"""Distributed mode: worker processes share one frontier and one harvest state on a real Redis server.

Each test starts its own ``redis-server`` on a free loopback port (the ``redis_url`` fixture of
conftest; CI installs the Debian package) and its own ``scrapy crawl journal`` worker processes.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
import redis

from harvester.demo.journal_factory import generate_journal
from harvester.demo.ojs import HOME_PATH, OjsSite
from harvester.demo.server import serve
from tests.conftest import FAST, ROOT, check_report_accounting, read_jsonl

pytestmark = pytest.mark.e2e

def worker(out: Path, url: str, name: str, *settings: str) -> subprocess.Popen:
    """One worker process: ``scrapy crawl journal -s REDIS_URL=...``."""
    cmd = [sys.executable, "-m", "scrapy", "crawl", "journal", *FAST, "-s", f"REDIS_URL={url}",
           "-s", f"HARVEST_OUTPUT_DIR={out}", "-s", f"HARVEST_WORKER_ID={name}", "-s", "HARVEST_RUN_ID=night1",
           "-s", "MAX_IDLE_TIME_BEFORE_CLOSE=5", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8", *settings]
    log = open(out.parent / f"{name}.log", "w")
    return subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)


def push(url: str, *start_urls: str, source: str = "j") -> None:
    proc = subprocess.run([sys.executable, "-m", "scrapy", "push", *start_urls, "--source", source,
                           "-s", f"REDIS_URL={url}"], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-2000:]


def records_by_worker(out: Path) -> dict[str, list[dict]]:
    return {p.name.split(".")[1]: read_jsonl([p]) for p in (out / "j").glob("*.jsonl")
            if not p.name.endswith(".rejects.jsonl")}


def finish(procs, timeout=300) -> list[int]:
    codes = []
    for proc in procs:
        codes.append(proc.wait(timeout=timeout))
    return codes


def stored_pages(url: str) -> int:
    client = redis.Redis.from_url(url)
    return sum(1 for _ in client.scan_iter(match="harvest:page:*"))


def site_500() -> OjsSite:
    return OjsSite(journal=generate_journal(10, 50), issues_per_page=2, oai_page_size=100, latency_ms=10)


def test_two_workers_share_one_frontier_and_write_each_article_once(tmp_path, redis_url):
    out = tmp_path / "data"
    with serve(site_500()) as handle:
        procs = [worker(out, redis_url, f"w{n}") for n in (1, 2)]
        redis.Redis.from_url(redis_url).lpush("journal:start_urls", "{broken json", "ftp://not.a.journal/")
        push(redis_url, f"{handle.base_url}{HOME_PATH}")
        codes = finish(procs)
        fetched = Counter(e.path for e in handle.log if "/article/view/" in e.path)
        logs = "".join((tmp_path / f"w{n}.log").read_text()[-1500:] for n in (1, 2))
        assert codes == [0, 0], logs
        written = records_by_worker(out)
        dois = [r["doi"] for rows in written.values() for r in rows]
        assert len(dois) == 500 and len(set(dois)) == 500, "every article exactly once across the workers"
        assert all(len(rows) >= 125 for rows in written.values()), {w: len(r) for w, r in written.items()}
        assert max(fetched.values()) == 1, "no article page fetched by both workers"
        for name in ("w1", "w2"):
            check_report_accounting(out, f"night1.{name}", read_jsonl(out.glob(f"*/night1.{name}.rejects.jsonl")))
        bad = [r for p in (out / "j").parent.glob("*/night1.*.rejects.jsonl") for r in read_jsonl([p])
               if r["reason"] == "bad_start_url"]
        assert len(bad) == 2, "each bad entry on the shared list is one reject, and the workers go on"

        handle.clear_log()  # the same site, unchanged, the next night
        procs = [worker(out, redis_url, f"w{n}", "-s", "HARVEST_RUN_ID=night2") for n in (1, 2)]
        push(redis_url, f"{handle.base_url}{HOME_PATH}")
        assert finish(procs) == [0, 0]
        assert handle.count(r".*/article/view/\d+") == 0, "fresh article pages are not fetched again"
    second = [p for p in (out / "j").glob("night2.*.jsonl") if not p.name.endswith(".rejects.jsonl")]
    assert second and all(read_jsonl([p]) == [] for p in second), "a second run over the unchanged site writes nothing"


def test_a_killed_worker_loses_nothing(tmp_path, redis_url):
    out = tmp_path / "data"
    with serve(site_500()) as handle:
        victim, survivor = worker(out, redis_url, "victim"), worker(out, redis_url, "survivor")
        push(redis_url, f"{handle.base_url}{HOME_PATH}")
        deadline = time.monotonic() + 120
        while stored_pages(redis_url) < 150 and time.monotonic() < deadline:
            time.sleep(0.05)
        os.kill(victim.pid, signal.SIGKILL)
        victim.wait()
        assert finish([survivor]) == [0], (tmp_path / "survivor.log").read_text()[-3000:]
    assert stored_pages(redis_url) == 500, "every article stored in the shared state"
    log = (tmp_path / "survivor.log").read_text()
    assert "Worker victim stopped: put" in log, "the survivor took back what the victim had taken"
    dois = [r["doi"] for r in records_by_worker(out).get("survivor", [])]
    assert len(dois) == 500 and len(set(dois)) == 500, "the survivor writes every work once, the victim's too"


def test_push_puts_the_sources_file_and_urls_on_the_shared_list(tmp_path, redis_url):
    sources = tmp_path / "sources.toml"
    sources.write_text('[[source]]\nname = "j1"\nstart_urls = ["http://127.0.0.1:9/a", "http://127.0.0.1:9/b"]\n'
                       'follow = false\n', encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "scrapy", "push", "--sources", str(sources), "http://127.0.0.1:9/c",
                           "--source", "j2", "-s", f"REDIS_URL={redis_url}"], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0 and "Pushed 3 start URLs to journal:start_urls" in proc.stdout, proc.stderr[-2000:]
    pushed = [json.loads(v) for v in redis.Redis.from_url(redis_url).lrange("journal:start_urls", 0, -1)]
    assert sorted((p["url"], p["source"], p["follow"]) for p in pushed) == [
        ("http://127.0.0.1:9/a", "j1", False), ("http://127.0.0.1:9/b", "j1", False), ("http://127.0.0.1:9/c", "j2", True)]


@pytest.mark.parametrize("queue_class", ["PriorityQueue", "FifoQueue", "LifoQueue"])
def test_taking_a_request_records_it_in_flight_in_the_same_step(redis_url, queue_class):
    """The scheduler's take pops in the queue class's own order and records what it popped, or does nothing."""
    import scrapy
    import scrapy_redis.queue
    from harvester.crawl.distributed import _POP_ENDS, TAKE_SCRIPT

    server, spider = redis.Redis.from_url(redis_url), scrapy.Spider(name="t")
    cls = getattr(scrapy_redis.queue, queue_class)
    ours, theirs = cls(server, spider, "ours"), cls(server, spider, "theirs")
    for n, priority in ((1, 0), (2, 5), (3, -1)):
        for queue in (ours, theirs):
            queue.push(scrapy.Request(f"http://127.0.0.1:9/{n}", priority=priority))
    end = next(end for klass, end in _POP_ENDS if klass is cls)
    taken = []
    while (data := server.eval(TAKE_SCRIPT, 2, "ours", "inflight", f"t{len(taken)}", end)):
        taken.append(ours._decode_request(data).url)
        assert server.hget("inflight", f"t{len(taken) - 1}") == data, queue_class
    assert taken == [theirs.pop().url for _ in range(3)], queue_class
    assert len(ours) == 0 and server.hlen("inflight") == 3
    assert server.eval(TAKE_SCRIPT, 2, "ours", "inflight", "t-empty", end) is None
    assert server.hlen("inflight") == 3, "taking from an empty queue records nothing"
