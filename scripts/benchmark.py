"""Print performance figures and check them against the targets of the "Fast" issue. A script that prints, not a timed test.

    python scripts/benchmark.py [--sections crawl,extract,rss[,distributed]] [--quick]
                                [--journal-articles N] [--page-kb KB] [--rss-articles 1000,20000]
                                [--pages DIR] [--repeat N] [--crawl-repeat N] [--no-crawl] [--json]
                                [--workers 1,2,4 [--latency-ms 50] [--worker-articles 400] [--in-flight 2]]

Sections (default ``crawl,extract,rss``; ``--workers`` adds ``distributed``):

* ``crawl``: throughput of a bare link-following spider (``scripts/bare_spider.py``) and of
  ``scrapy crawl journal`` on a generated OJS-like journal of ``--journal-articles`` articles
  (default 2000) of about ``--page-kb`` KB each (default 100; embedded metadata, labelled text,
  issues of 50, archive paged 3 issues a page), their ratio, and whether every article was
  written. ``--journal-articles 0`` crawls the small demo aggregator site instead. The target
  compares articles per second: the site's article pages over each crawl's whole wall time (the
  time to harvest the same articles). Pages per second, over the time from the first to the last
  answer, are printed too; the bare spider also fetches each article's galley and PDF, small
  pages the journal spider leaves alone, so that ratio is lower.
* ``extract``: CPU milliseconds per page (``time.process_time``) of extraction + normalisation
  over the saved pages in ``--pages``, against ``lxml.html.fromstring`` alone and against
  ``extruct.extract`` alone (all its default syntaxes, on the page as UTF-8 bytes): median and p90 over
  the pages, each page's figure the best of ``--repeat`` runs. extruct is optional
  (``pip install -e '.[bench]'``); without it the rest is still printed.
* ``rss``: peak RSS of the ``journal`` crawl process for each count in ``--rss-articles`` (default
  1000 and 20000), read from ``wait4`` of the crawl process itself (see ``scripts/rusage_run.py``),
  and the difference. The 20,000 run with 100 KB pages takes several minutes.
* ``distributed``: for each count in ``--workers``, that many worker processes on one local
  redis-server harvest a journal whose every answer is delayed by ``--latency-ms``, each worker
  with ``--in-flight`` requests at a time; article pages per second are timed at the server, from
  the push of the start URL to the last article page answered.

``--quick`` makes every N small (200 articles to crawl, RSS at 100 and 1000, one repeat).
Every crawl starts from an empty output folder, so no run profits from an earlier run's state.
The last block lists each target of the issue with PASS, FAIL or SKIP.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import NamedTuple

import lxml.html

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from harvester.demo import DemoSite, serve  # noqa: E402
from harvester.normalize.language import clear_language_cache  # noqa: E402
from harvester.extract.article import ArticlePage  # noqa: E402
from harvester.extract.document import decode_body, parse_html  # noqa: E402
from harvester.extract.reading import build_record  # noqa: E402
from pipelines.normalize import NormalizePipeline  # noqa: E402

SECTIONS = ("crawl", "extract", "rss", "distributed")
DEFAULT_SECTIONS = "crawl,extract,rss"
FULL_SIZES = {"journal_articles": 2000, "rss_articles": "1000,20000", "repeat": 3}
QUICK_SIZES = {"journal_articles": 200, "rss_articles": "100,1000", "repeat": 1}
BASE_PAGE_KB = 8  # an article page of the generated journal without full text
RSS_ALLOWANCE_MB = 50
EXTRUCT_MISSING = "extruct is not installed: pip install -e '.[bench]' (or pip install extruct)"

_CHARSET = re.compile(rb'charset=["\']?([\w-]+)')


def say(*lines: str) -> None:
    print(*lines, sep="\n", flush=True)


# --- the machine ---------------------------------------------------------------------------------

def environment() -> dict:
    import lxml.etree
    import scrapy

    return {"cpu_count": os.cpu_count(), "cores_usable": len(os.sched_getaffinity(0)),
            "load_average": [round(x, 2) for x in os.getloadavg()], "python": platform.python_version(),
            "scrapy": scrapy.__version__, "lxml": lxml.etree.__version__,
            "libxml2": ".".join(map(str, lxml.etree.LIBXML_VERSION)), "extruct": extruct_version()}


def extruct_version() -> str | None:
    try:
        from importlib.metadata import version
        return version("extruct")
    except Exception:
        return None


def print_environment(env: dict) -> None:
    say("== Machine",
        f"cores: os.cpu_count()={env['cpu_count']}, usable by this process (sched_getaffinity)={env['cores_usable']}"
        f"; load average at start {env['load_average']} (other work on the machine makes timings noisy)",
        f"Python {env['python']}, Scrapy {env['scrapy']}, lxml {env['lxml']} (libxml2 {env['libxml2']}), "
        f"extruct {env['extruct'] or 'not installed'}", "")


# --- extraction cost (CPU) -----------------------------------------------------------------------

class Page(NamedTuple):
    url: str
    body: bytes  # the text as UTF-8 (the saved bytes, for the pages saved in UTF-8), for extruct
    text: str  # decoded as the harvester decodes it


def load_pages(folder: Path | None) -> list[Page]:
    """Saved pages under ``folder``, else the demo site's article pages."""
    if folder and folder.is_dir():
        pages = []
        for path in sorted(folder.rglob("*.html")):
            body = path.read_bytes()
            declared = _CHARSET.search(body[:4096])
            text = decode_body(body, declared.group(1).decode() if declared else None)
            pages.append(Page(path.resolve().as_uri(), text.encode("utf-8"), text))
        return pages
    site = DemoSite()
    return [Page(f"http://demo.test{path}", site.pages[path][1], site.pages[path][1].decode("utf-8"))
            for path in site.article_paths()]


def extract(url: str, text: str, normalize=NormalizePipeline()) -> None:
    """What the harvester does with one article page: parse, extract, judge, normalise."""
    # Language identification is cached per text: a repeat of the same page must not find its
    # title and abstract already identified, as no page of a crawl would.
    clear_language_cache()
    page = ArticlePage(parse_html(text), url)
    page.verdict()
    normalize.process_item(build_record(url, "bench", "2026-01-01T00:00:00Z", page=page))


def ours(page: Page) -> None:
    extract(page.url, page.text)


def lxml_alone(page: Page) -> None:
    lxml.html.fromstring(page.text)


def extruct_alone(page: Page) -> None:
    import extruct
    extruct.extract(page.body, base_url=page.url, errors="ignore")


def cpu_ms(work, page: Page) -> float:
    start = time.process_time()
    work(page)
    return (time.process_time() - start) * 1e3


def per_page_cpu_ms(pages: list[Page], work, repeat: int) -> list[float]:
    """For each page, the least CPU milliseconds of ``repeat`` runs of ``work(page)``."""
    work(pages[0])  # lazy imports and models (language identification) load outside the timing
    best = [float("inf")] * len(pages)
    for _ in range(repeat):
        for k, page in enumerate(pages):
            best[k] = min(best[k], cpu_ms(work, page))
    return best


def spread(ms: list[float]) -> dict:
    """Median and 90th percentile of per-page milliseconds."""
    return {"median_ms": statistics.median(ms), "p90_ms": statistics.quantiles(ms, n=10, method="inclusive")[-1],
            "mean_ms": statistics.fmean(ms)}


def extraction_figures(pages: list[Page], repeat: int) -> dict:
    works = {"ours": ours, "lxml": lxml_alone}
    if extruct_version():
        works["extruct"] = extruct_alone
    figures = {"pages": len(pages), "repeat": repeat, "processes": 1,
               **{name: spread(per_page_cpu_ms(pages, work, repeat)) for name, work in works.items()}}
    figures["ours_to_lxml"] = figures["ours"]["median_ms"] / figures["lxml"]["median_ms"]
    if "extruct" in figures:
        figures["ours_to_extruct"] = figures["ours"]["median_ms"] / figures["extruct"]["median_ms"]
    return figures


def print_extraction(fig: dict) -> None:
    labels = {"ours": "extraction + normalisation", "lxml": "lxml.html.fromstring alone",
              "extruct": "extruct.extract alone (default syntaxes)"}
    say(f"== Extraction: CPU ms per page over {fig['pages']} saved pages (best of {fig['repeat']} per page; "
        "1 process, 1 core: this benchmark process, one thread)")
    for name, label in labels.items():
        if name in fig:
            f = fig[name]
            say(f"  {label:<42} median {f['median_ms']:8.2f}  p90 {f['p90_ms']:8.2f}  mean {f['mean_ms']:8.2f}")
    if "extruct" not in fig:
        say(f"  extruct.extract alone: not measured: {EXTRUCT_MISSING}")
    say(f"  ours / lxml median: {fig['ours_to_lxml']:.2f}"
        + (f"   ours / extruct median: {fig['ours_to_extruct']:.2f}" if "ours_to_extruct" in fig else ""), "")


# --- crawls --------------------------------------------------------------------------------------

@dataclass
class CrawlRun:
    """One crawl: what the server answered, what was written, and the crawl process's own resource use."""

    spider: str
    exit_code: int
    wall_s: float
    active_s: float  # first to last page answered by the server
    pages: int
    article_pages: int  # distinct article pages answered
    articles_written: int  # distinct article pages with a record in the output (0 for the bare spider)
    cpu_s: float
    peak_rss_mb: float  # the crawl process's high-water mark (wait4)
    last_rss_mb: float  # its resident set (/proc, sampled every 0.25 s) when the last page was answered

    @property
    def pages_per_s(self) -> float:
        return self.pages / self.active_s if self.active_s else 0.0

    @property
    def articles_per_s(self) -> float:
        """Article pages answered per second of the whole crawl: the harvest's throughput."""
        return self.article_pages / self.wall_s if self.wall_s else 0.0

    @property
    def cpu_ms_per_page(self) -> float:
        return self.cpu_s * 1e3 / self.pages if self.pages else 0.0


class BenchSite(NamedTuple):
    site: object
    start_path: str
    article_paths: frozenset[str]


def benchmark_site(journal_articles: int, page_kb: int) -> BenchSite:
    """The demo site, or a generated journal of ``journal_articles`` articles of about ``page_kb`` KB."""
    if not journal_articles:
        site = DemoSite()
        return BenchSite(site, "/", frozenset(site.article_paths()))
    from harvester.demo.journal_factory import generate_journal
    from harvester.demo.ojs import HOME_PATH, OjsSite, article_path

    journal = generate_journal(max(1, journal_articles // 50), min(50, journal_articles),
                               padding_kb=max(0, page_kb - BASE_PAGE_KB))
    site = OjsSite(journal=journal, issues_per_page=3, oai_page_size=150)
    return BenchSite(site, HOME_PATH, frozenset(article_path(a.id) for a in journal.articles))


def article_page_kb(handle, bench: BenchSite) -> float:
    """Size of one article page as served (fetched before the crawls; the server log is cleared after)."""
    with urllib.request.urlopen(handle.url(min(bench.article_paths))) as answer:
        size = len(answer.read())
    handle.clear_log()
    return size / 1024


def crawl_settings(out: str) -> list[str]:
    pairs = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "LOG_LEVEL": "ERROR", "ROBOTSTXT_OBEY": False,
             "CONCURRENT_REQUESTS_PER_DOMAIN": 16, "DEPTH_LIMIT": 0, "HARVEST_MAX_PAGES_PER_SITE": 0,
             "HARVEST_ALLOWED_HOSTS": "127.0.0.1",  # the loopback benchmark site
             "HARVEST_OUTPUT_DIR": out}
    return [arg for name, value in pairs.items() for arg in ("-s", f"{name}={value}")]


def run_crawl(handle, bench: BenchSite, spider: str) -> CrawlRun:
    """Crawl the served site with ``spider`` ("bare" or "journal") into a new, empty output folder."""
    command = ["runspider", "scripts/bare_spider.py"] if spider == "bare" else ["crawl", "journal"]
    handle.clear_log()
    with tempfile.TemporaryDirectory() as out:
        usage_file = Path(out) / "usage.json"
        scrapy = [sys.executable, "-m", "scrapy", *command, "-a", f"start_urls={handle.url(bench.start_path)}",
                  *crawl_settings(str(Path(out) / "harvest"))]
        started = time.perf_counter()
        launcher = subprocess.Popen([sys.executable, "-I", "-S", str(ROOT / "scripts" / "rusage_run.py"),
                                     str(usage_file), *scrapy], cwd=ROOT)
        first, last, last_rss = watch_server(handle, launcher)
        wall = time.perf_counter() - started
        usage = json.loads(usage_file.read_text())
        written = articles_written(Path(out) / "harvest", handle.base_url, bench.article_paths)
    answered = {entry.path for entry in handle.log}
    return CrawlRun(spider, usage["exit_code"], wall, last - first, len(handle.log),
                    len(answered & bench.article_paths), written, usage["cpu_user_s"] + usage["cpu_system_s"],
                    usage["peak_rss_kb"] / 1024, last_rss)


def watch_server(handle, process: subprocess.Popen, interval: float = 0.02) -> tuple[float, float, float]:
    """Wait for ``process``; return when the server answered its first and its last page (perf_counter),
    and the crawl's resident set (MB) as sampled just before that last page (not while it shuts down)."""
    first = last = None
    answered, rss, rss_at_last = 0, RssSampler(process.pid), 0.0
    while process.poll() is None:
        rss.sample()
        count = len(handle.log)
        if count > answered:
            now = time.perf_counter()
            first, last, answered, rss_at_last = first or now, now, count, rss.last_mb
        time.sleep(interval)
    if len(handle.log) > answered or first is None:
        last = time.perf_counter()
        first = first or last
    return first, last, rss_at_last


class RssSampler:
    """VmRSS of the crawl, the launcher's child, read from /proc at most every ``every`` seconds."""

    def __init__(self, launcher_pid: int, every: float = 0.25):
        self.launcher_pid, self.every, self.pid = launcher_pid, every, None
        self.last_mb, self.when = 0.0, -every

    def sample(self) -> None:
        if time.perf_counter() - self.when < self.every:
            return
        self.when = time.perf_counter()
        try:
            self.pid = self.pid or int(Path(f"/proc/{self.launcher_pid}/task/{self.launcher_pid}/children")
                                       .read_text().split()[0])
            status = Path(f"/proc/{self.pid}/status").read_text()
            self.last_mb = int(status.split("VmRSS:")[1].split()[0]) / 1024 or self.last_mb
        except (OSError, IndexError, ValueError):  # not started yet, or already gone
            pass


def articles_written(folder: Path, base_url: str, article_paths: frozenset[str]) -> int:
    """Distinct article pages with a record in the run's JSON Lines (``<source>/<run id>.jsonl``)."""
    urls = set()
    for path in folder.glob("*/*.jsonl"):
        if path.name.count(".") != 1:  # .rejects.jsonl and other side files
            continue
        with open(path, encoding="utf-8") as lines:
            urls.update(json.loads(line).get("url", "") for line in lines if line.strip())
    return len({u.removeprefix(base_url) for u in urls} & article_paths)


def best_run(runs: list[CrawlRun]) -> CrawlRun:
    return max(runs, key=lambda run: run.pages_per_s)


def crawl_figures(journal_articles: int, page_kb: int, repeat: int) -> dict:
    bench = benchmark_site(journal_articles, page_kb)
    with serve(bench.site) as handle:
        size = article_page_kb(handle, bench)
        bare = best_run([run_crawl(handle, bench, "bare") for _ in range(repeat)])
        journal = best_run([run_crawl(handle, bench, "journal") for _ in range(repeat)])
    return {"site": type(bench.site).__name__, "articles": len(bench.article_paths), "article_page_kb": size,
            "repeat": repeat, "bare": asdict(bare) | {"pages_per_s": bare.pages_per_s},
            "journal": asdict(journal) | {"pages_per_s": journal.pages_per_s},
            "throughput_ratio": journal.articles_per_s / bare.articles_per_s if bare.articles_per_s else 0.0,
            "pages_per_s_ratio": journal.pages_per_s / bare.pages_per_s if bare.pages_per_s else 0.0,
            "_runs": (bare, journal)}


def print_crawl_run(run: CrawlRun, articles: int) -> None:
    written = (f"{run.articles_written}/{articles} articles written" if run.spider == "journal"
               else "writes nothing")
    say(f"  {run.spider:<8} {run.articles_per_s:6.1f} articles/s, {run.pages_per_s:6.1f} pages/s ({run.pages} pages, {run.article_pages}/{articles} "
        f"article pages, {run.active_s:.1f} s first to last answer, {run.wall_s:.1f} s wall); exit {run.exit_code}; "
        f"{written}; CPU {run.cpu_s:.1f} s = {run.cpu_ms_per_page:.1f} ms/page; peak RSS {run.peak_rss_mb:.0f} MB")


def print_crawl(fig: dict) -> None:
    bare, journal = fig["_runs"]
    say(f"== Crawl throughput: {fig['site']} of {fig['articles']} articles, article page {fig['article_page_kb']:.1f} KB "
        f"(best of {fig['repeat']}; each crawl: 1 Scrapy process, one reactor thread, so about 1 core, "
        "plus the site's server threads in this benchmark process, all on the cores above)")
    print_crawl_run(bare, fig["articles"])
    print_crawl_run(journal, fig["articles"])
    say(f"  journal / bare articles/s (the same {fig['articles']} articles, whole crawl): {fig['throughput_ratio']:.2f}",
        f"  journal / bare pages/s: {fig['pages_per_s_ratio']:.2f}   (the bare spider follows every link, on the "
        f"generated journal also to each article's galley and PDF: {bare.pages} pages against {journal.pages})", "")


def rss_figures(counts: list[int], page_kb: int) -> dict:
    runs = {}
    for n in counts:
        bench = benchmark_site(n, page_kb)
        with serve(bench.site) as handle:
            size = article_page_kb(handle, bench)
            runs[n] = run_crawl(handle, bench, "journal")
        say(f"  (rss: {n} articles done, peak RSS {runs[n].peak_rss_mb:.0f} MB)")
    low, high = min(counts), max(counts)
    return {"article_page_kb": size, "runs": {n: asdict(run) | {"pages_per_s": run.pages_per_s} for n, run in runs.items()},
            "low": low, "high": high, "growth_mb": runs[high].peak_rss_mb - runs[low].peak_rss_mb,
            "growth_at_end_mb": runs[high].last_rss_mb - runs[low].last_rss_mb, "_runs": runs}


def print_rss(fig: dict) -> None:
    say(f"== Peak RSS of the journal crawl process (wait4 of that process alone; article page {fig['article_page_kb']:.1f} KB;"
        " 1 Scrapy process each)")
    for n, run in fig["_runs"].items():
        say(f"  {n:>6} articles: peak RSS {run.peak_rss_mb:7.1f} MB, RSS at the last page {run.last_rss_mb:7.1f} MB  "
            f"({run.pages} pages, {run.articles_written}/{n} articles written, exit {run.exit_code}, "
            f"{run.pages_per_s:.1f} pages/s, {run.wall_s:.0f} s wall)")
    say(f"  difference {fig['high']} - {fig['low']}: peak {fig['growth_mb']:+.1f} MB, at the last page "
        f"{fig['growth_at_end_mb']:+.1f} MB (a peak above the last-page figure came at start-up or while closing: export, report)", "")


# --- distributed mode ----------------------------------------------------------------------------

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


def print_distributed(fig: dict) -> None:
    say(f"== Distributed: {fig['articles']} articles, {fig['latency_ms']} ms latency per answer, "
        f"{fig['requests_in_flight_per_worker']} requests in flight per worker (N worker processes + 1 redis-server "
        f"+ the site's server threads here, on {fig['cores']} cores)")
    for n, rate in fig["articles_per_s"].items():
        say(f"  {n} worker(s): {rate:7.1f} article pages/s   speed-up {fig['speedup'][n]:.2f}")
    say("")


# --- targets -------------------------------------------------------------------------------------

def verdict(ok: bool | None) -> str:
    return "SKIP" if ok is None else "PASS" if ok else "FAIL"


def crawl_target(fig: dict | None) -> tuple[bool | None, str]:
    if not fig:
        return None, "crawl section not run"
    bare, journal = fig["_runs"]
    complete = journal.articles_written == fig["articles"] and journal.exit_code == 0
    return (fig["throughput_ratio"] >= 0.8 and complete,
            f"{journal.articles_per_s:.1f} / {bare.articles_per_s:.1f} articles/s = {fig['throughput_ratio']:.2f} "
            "(need >= 0.80); "
            f"{journal.articles_written}/{fig['articles']} articles written, exit {journal.exit_code}")


def extraction_targets(fig: dict | None) -> list[tuple[str, bool | None, str]]:
    if not fig:
        return [("extraction+normalisation median <= 1.5 x lxml median", None, "extract section not run"),
                ("extraction+normalisation median < extruct median", None, "extract section not run")]
    ours, lxml_ms = fig["ours"]["median_ms"], fig["lxml"]["median_ms"]
    rows = [("extraction+normalisation median <= 1.5 x lxml median", fig["ours_to_lxml"] <= 1.5,
             f"{ours:.2f} / {lxml_ms:.2f} ms = {fig['ours_to_lxml']:.2f} x")]
    if "extruct" in fig:
        extruct_ms = fig["extruct"]["median_ms"]
        rows.append(("extraction+normalisation median < extruct median", ours < extruct_ms,
                     f"{ours:.2f} against {extruct_ms:.2f} ms = {fig['ours_to_extruct']:.2f} x"))
    else:
        rows.append(("extraction+normalisation median < extruct median", None, EXTRUCT_MISSING))
    return rows


def rss_target(fig: dict | None) -> tuple[str, bool | None, str]:
    if not fig:
        return f"peak RSS at 20000 <= peak RSS at 1000 + {RSS_ALLOWANCE_MB} MB", None, "rss section not run"
    runs, low, high = fig["_runs"], fig["low"], fig["high"]
    complete = all(run.articles_written == n and run.exit_code == 0 for n, run in runs.items())
    return (f"peak RSS at {high} <= peak RSS at {low} + {RSS_ALLOWANCE_MB} MB",
            fig["growth_mb"] <= RSS_ALLOWANCE_MB and complete,
            f"{runs[high].peak_rss_mb:.0f} MB against {runs[low].peak_rss_mb:.0f} MB: {fig['growth_mb']:+.0f} MB"
            + ("" if complete else " (a run did not write every article)"))


def distributed_targets(fig: dict | None) -> list[tuple[str, bool | None, str]]:
    rows = []
    for workers, factor in ((2, 1.7), (4, 3.0)):
        name = f"{workers} workers >= {factor} x 1 worker"
        if not fig or workers not in fig["speedup"] or 1 not in fig["speedup"]:
            rows.append((name, None, "not run (--workers 1,2,4)"))
        else:
            rows.append((name, fig["speedup"][workers] >= factor, f"speed-up {fig['speedup'][workers]:.2f}"))
    return rows


def targets(figures: dict) -> list[tuple[str, bool | None, str]]:
    ok, detail = crawl_target(figures.get("crawl"))
    return [("harvest throughput >= 0.8 x bare, every article written", ok, detail),
            *extraction_targets(figures.get("extraction")), rss_target(figures.get("rss")),
            *distributed_targets(figures.get("distributed"))]


def print_summary(rows: list[tuple[str, bool | None, str]]) -> None:
    say("== Targets (issue \"Fast\")")
    for name, ok, detail in rows:
        say(f"  {verdict(ok)}  {name}: {detail}")


# --- command line --------------------------------------------------------------------------------

def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="\n".join(__doc__.splitlines()[6:]))
    parser.add_argument("--sections", default=None, metavar="LIST",
                        help=f"comma-separated, of {','.join(SECTIONS)} (default {DEFAULT_SECTIONS}, "
                             "plus distributed with --workers)")
    parser.add_argument("--quick", action="store_true", help="small N everywhere, one repeat")
    parser.add_argument("--pages", type=Path, default=ROOT.parent / "shared" / "corpus" / "pages")
    parser.add_argument("--repeat", type=int, default=None, help="runs per page for the CPU figures (3; quick 1)")
    parser.add_argument("--crawl-repeat", type=int, default=1, help="crawls of each spider; the fastest counts")
    parser.add_argument("--no-crawl", action="store_true", help="leave out the crawl and rss sections")
    parser.add_argument("--journal-articles", type=int, default=None, metavar="N",
                        help="articles of the generated journal to crawl (2000; quick 200; 0: the demo site)")
    parser.add_argument("--page-kb", type=int, default=100, help="approximate size of a generated article page")
    parser.add_argument("--rss-articles", default=None, metavar="1000,20000",
                        help="article counts whose journal crawl's peak RSS is compared (quick 100,1000)")
    parser.add_argument("--workers", default="", metavar="1,2,4", help="distributed-mode worker counts to time")
    parser.add_argument("--latency-ms", type=int, default=50)
    parser.add_argument("--worker-articles", type=int, default=400)
    parser.add_argument("--in-flight", type=int, default=2, help="requests each worker has in flight")
    parser.add_argument("--json", action="store_true", help="also print every figure as JSON at the end")
    opts = parser.parse_args(argv)
    sizes = QUICK_SIZES if opts.quick else FULL_SIZES
    for name, value in sizes.items():
        if getattr(opts, name) is None:
            setattr(opts, name, value)
    opts.sections = chosen_sections(opts, parser)
    return opts


def chosen_sections(opts: argparse.Namespace, parser: argparse.ArgumentParser) -> set[str]:
    sections = set((opts.sections or DEFAULT_SECTIONS).split(","))
    if unknown := sections - set(SECTIONS):
        parser.error(f"unknown section(s) {', '.join(sorted(unknown))}; choose from {', '.join(SECTIONS)}")
    if opts.workers and not opts.sections:
        sections.add("distributed")
    if opts.no_crawl:
        sections -= {"crawl", "rss"}
    if "distributed" in sections and not opts.workers:
        opts.workers = "1,2,4"
    return sections


def run_sections(opts: argparse.Namespace) -> dict:
    figures = {"environment": environment()}
    print_environment(figures["environment"])
    if "extract" in opts.sections:
        figures["extraction"] = extraction_figures(load_pages(opts.pages), opts.repeat)
        print_extraction(figures["extraction"])
    if "crawl" in opts.sections:
        figures["crawl"] = crawl_figures(opts.journal_articles, opts.page_kb, opts.crawl_repeat)
        print_crawl(figures["crawl"])
    if "rss" in opts.sections:
        counts = sorted(int(n) for n in opts.rss_articles.split(","))
        figures["rss"] = rss_figures(counts, opts.page_kb)
        print_rss(figures["rss"])
    if "distributed" in opts.sections:
        counts = [int(n) for n in opts.workers.split(",")]
        figures["distributed"] = worker_figures(counts, opts.latency_ms, opts.worker_articles, opts.in_flight)
        print_distributed(figures["distributed"])
    return figures


def without_private(value):
    if isinstance(value, dict):
        return {k: without_private(v) for k, v in value.items() if not str(k).startswith("_")}
    return value


def main(argv: list[str] | None = None) -> None:
    opts = parse_args(argv)
    figures = run_sections(opts)
    print_summary(targets(figures))
    if opts.json:
        print(json.dumps(without_private(figures), indent=2))


if __name__ == "__main__":
    main()
