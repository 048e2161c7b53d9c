"""Print performance figures: extraction cost per page against one lxml parse, and crawl throughput
against a bare link-following spider on the demo site. A script that prints, not a timed test.

    python scripts/benchmark.py [--pages DIR] [--repeat N] [--no-crawl] [--journal-articles N]
                                [--workers 1,2,4 [--latency-ms 50] [--worker-articles 400]]

The crawl figures use the demo aggregator site, or with ``--journal-articles N`` an OJS-like
journal of N articles of about 100 KB each (issues of 50, archive paged 3 issues a page). Every
crawl starts from an empty output folder, so no run profits from an earlier run's harvest state.
``--workers`` measures distributed mode: for each count, that many worker processes on one local
redis-server harvest a journal whose every answer is delayed by ``--latency-ms``, each worker
with ``--in-flight`` (2) requests at a time, and the article pages per second are timed at the server, from the
push of the start URL to the last article page answered.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import lxml.html

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from harvester.demo import DemoSite, serve  # noqa: E402
from harvester.extract.article import ArticlePage  # noqa: E402
from harvester.extract.document import decode_body, parse_html  # noqa: E402
from harvester.extract.reading import build_record  # noqa: E402
from pipelines.normalize import NormalizePipeline  # noqa: E402

_CHARSET = re.compile(rb'charset=["\']?([\w-]+)')


def load_pages(folder: Path | None) -> list[tuple[str, str]]:
    """(url, text) of saved pages under ``folder``, else of the demo site's article pages."""
    if folder and folder.is_dir():
        pages = []
        for path in sorted(folder.rglob("*.html")):
            body = path.read_bytes()
            declared = _CHARSET.search(body[:4096])
            pages.append((path.as_uri(), decode_body(body, declared.group(1).decode() if declared else None)))
        return pages
    site = DemoSite()
    return [(f"http://demo.test{path}", site.pages[path][1].decode("utf-8")) for path in site.article_paths()]


def time_per_page(pages, work, repeat: int) -> float:
    """Best-of-``repeat`` mean seconds per page for ``work(url, text)``."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for url, text in pages:
            work(url, text)
        best = min(best, (time.perf_counter() - start) / len(pages))
    return best


def extract(url: str, text: str, normalize=NormalizePipeline()) -> None:
    page = ArticlePage(parse_html(text), url)
    page.verdict()
    normalize.process_item(build_record(url, "bench", "2026-01-01T00:00:00Z", page=page))


def extraction_figures(pages, repeat: int) -> dict:
    extract(*pages[0])  # load lazy models (language identification) outside the timing
    lxml_s = time_per_page(pages, lambda url, text: lxml.html.fromstring(text), repeat)
    full_s = time_per_page(pages, extract, repeat)
    return {"pages": len(pages), "lxml_parse_ms": lxml_s * 1e3, "extract_normalise_ms": full_s * 1e3,
            "ratio_to_lxml": full_s / lxml_s}


def crawl_seconds(args: list[str]) -> float:
    """Wall seconds of one crawl into a new, empty output folder."""
    with tempfile.TemporaryDirectory() as out:
        settings = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "LOG_LEVEL=ERROR",
                    "-s", "ROBOTSTXT_OBEY=False", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16", "-s", "DEPTH_LIMIT=0",
                    "-s", "HARVEST_ALLOWED_HOSTS=127.0.0.1",  # the loopback benchmark site
                    "-s", f"HARVEST_OUTPUT_DIR={out}"]
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "scrapy", *args, *settings], cwd=ROOT, check=False)
        return time.perf_counter() - start


def benchmark_site(journal_articles: int):
    """(site, start path, article count): the demo site, or a generated journal of ~100 KB pages."""
    if not journal_articles:
        site = DemoSite()
        return site, "/", len(site.article_paths())
    from harvester.demo.journal_factory import generate_journal
    from harvester.demo.ojs import HOME_PATH, OjsSite

    journal = generate_journal(max(1, journal_articles // 50), min(50, journal_articles), padding_kb=92)
    return OjsSite(journal=journal, issues_per_page=3, oai_page_size=150), HOME_PATH, len(journal.articles)


def crawl_figures(repeat: int, journal_articles: int = 0) -> dict:
    site, path, articles = benchmark_site(journal_articles)
    with serve(site) as handle:
        start = f"start_urls={handle.base_url}{path}"
        bare = min(crawl_seconds(["runspider", "scripts/bare_spider.py", "-a", start]) for _ in range(repeat))
        full = min(crawl_seconds(["crawl", "journal", "-a", start]) for _ in range(repeat))
    return {"site": type(site).__name__, "articles": articles, "bare_spider_s": bare, "journal_spider_s": full,
            "journal_articles_per_s": articles / full, "throughput_ratio": bare / full, "cores": os.cpu_count()}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def worker_figures(counts: list[int], latency_ms: int, articles: int, in_flight: int = 2) -> dict:
    """Article pages per second for each number of distributed workers, and the speed-up over one."""
    from harvester.demo.journal_factory import generate_journal
    from harvester.demo.ojs import HOME_PATH, OjsSite

    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        server = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                   "--appendonly", "no", "--dir", tmp], stdout=subprocess.DEVNULL)
        try:
            time.sleep(0.5)
            rates = {n: worker_rate(n, f"redis://127.0.0.1:{port}/0", OjsSite(
                journal=generate_journal(max(1, articles // 50), min(50, articles)), issues_per_page=3,
                latency_ms=latency_ms), HOME_PATH, Path(tmp), in_flight) for n in counts}
        finally:
            server.terminate()
    first = rates[counts[0]]
    return {"latency_ms": latency_ms, "articles": articles, "requests_in_flight_per_worker": in_flight,
            "articles_per_s": rates, "speedup": {n: rate / first for n, rate in rates.items()},
            "cores": os.cpu_count()}


def worker_rate(count: int, redis_url: str, site, start_path: str, tmp: Path, in_flight: int) -> float:
    """Article pages per second that ``count`` workers fetch from ``site`` (timed at the server)."""
    import redis

    redis.Redis.from_url(redis_url).flushdb()
    settings = ["-s", f"REDIS_URL={redis_url}", "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False",
                "-s", f"CONCURRENT_REQUESTS={in_flight}", "-s", f"CONCURRENT_REQUESTS_PER_DOMAIN={in_flight}",
                "-s", "LOG_LEVEL=ERROR",
                "-s", "MAX_IDLE_TIME_BEFORE_CLOSE=10", "-s", f"HARVEST_OUTPUT_DIR={tmp / f'w{count}'}"]
    total = len(site.articles)
    with serve(site) as handle:
        workers = [subprocess.Popen([sys.executable, "-m", "scrapy", "crawl", "journal", *settings, "-s",
                                     f"HARVEST_WORKER_ID=w{n}"], cwd=ROOT) for n in range(count)]
        client = redis.Redis.from_url(redis_url)
        while len(list(client.scan_iter(match="harvest:worker:*"))) < count:  # every worker up and waiting
            time.sleep(0.05)
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "scrapy", "push", f"{handle.base_url}{start_path}",
                        "-s", f"REDIS_URL={redis_url}"], cwd=ROOT, check=True, capture_output=True)
        while handle.count(r".*/article/view/\d+") < total and all(w.poll() is None for w in workers):
            time.sleep(0.05)
        elapsed = time.perf_counter() - started
        fetched = handle.count(r".*/article/view/\d+")
        for worker in workers:
            worker.wait(timeout=300)
    if fetched < total:
        raise RuntimeError(f"{count} workers stopped after {fetched} of {total} article pages")
    return round(total / elapsed, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, default=ROOT.parent / "shared" / "corpus" / "pages")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-crawl", action="store_true")
    parser.add_argument("--workers", default="", metavar="1,2,4", help="distributed-mode worker counts to time")
    parser.add_argument("--latency-ms", type=int, default=50)
    parser.add_argument("--worker-articles", type=int, default=400)
    parser.add_argument("--in-flight", type=int, default=2, help="requests each worker has in flight")
    parser.add_argument("--journal-articles", type=int, default=0, metavar="N",
                        help="crawl a generated OJS-like journal of N ~100 KB articles instead of the demo site")
    opts = parser.parse_args()
    pages = load_pages(opts.pages)
    figures = {"extraction": extraction_figures(pages, opts.repeat)}
    if not opts.no_crawl:
        figures["crawl"] = crawl_figures(opts.repeat, opts.journal_articles)
    if opts.workers:
        counts = [int(n) for n in opts.workers.split(",")]
        figures["distributed"] = worker_figures(counts, opts.latency_ms, opts.worker_articles, opts.in_flight)
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
