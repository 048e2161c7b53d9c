"""Where pages are read: inline on the reactor thread, or in a pool of worker processes.

Reading a page (``harvester.extract.reading.read_page``) is pure CPU work, about 25 ms for a
100 KB page; on the reactor thread it holds up every download. ``PageReader`` sends each page
to a ``ProcessPoolExecutor`` of ``HARVEST_EXTRACT_PROCESSES`` workers as plain data (response
class, URL, status, headers, body) and the ``PageReading`` comes back, the same as if read inline.
Workers are spawned, never forked from the process that runs the reactor. A worker that dies
costs no page: the pool is made anew and the page read inline. An exception inside ``read_page``
comes back as itself, so the spider callback raises it as it would inline.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.connection import wait

from scrapy import signals
from scrapy.http import Headers, Response

from harvester.extract.reading import PageReading, read_page

logger = logging.getLogger(__name__)

CLOSE_GRACE = 5.0  # seconds the workers get to finish at close before they are killed
POOL_RESTARTS = 3  # a pool that keeps dying (no memory for a worker, a broken install) gives way to reading inline


def extract_processes(value) -> int:
    """Worker processes for ``HARVEST_EXTRACT_PROCESSES``: ``auto`` is the usable cores less one (0: inline)."""
    if str(value).strip().lower() in ("auto", ""):
        return max(_usable_cores() - 1, 0)
    count = int(value)
    if count < 0:
        raise ValueError(f"HARVEST_EXTRACT_PROCESSES must be auto or a number >= 0, not {value!r}")
    return count


def _usable_cores() -> int:
    affinity = getattr(os, "sched_getaffinity", None)  # Linux; elsewhere every core counts
    return len(affinity(0)) if affinity else os.cpu_count() or 1


def response_data(response: Response) -> tuple:
    """What a worker needs to make the response again, as plain data."""
    headers = [(name, value) for name, values in response.headers.items() for value in values]
    # An encoding given when the response was made (response.replace passes one) counts as declared.
    return type(response), response.url, response.status, headers, response.body, getattr(response, "_encoding", None)


def read_data(data: tuple, kwargs: dict) -> PageReading:
    """In a worker: make the response again from ``response_data`` and read it."""
    cls, url, status, pairs, body, encoding = data
    headers = Headers()
    for name, value in pairs:
        headers.appendlist(name, value)  # every value of a repeated header, in order
    extra = {"encoding": encoding} if encoding else {}
    return read_page(cls(url=url, status=status, headers=headers, body=body, **extra), **kwargs)


class PageReader:
    """Reads pages for the spider, in worker processes when ``HARVEST_EXTRACT_PROCESSES`` asks for any."""

    def __init__(self, processes: int, in_flight: int = 16, stats=None):
        self.processes = processes
        self.stats = stats
        # Scrapy bounds the pages its scraper holds by bytes (SCRAPER_SLOT_MAX_ACTIVE_SIZE), not by count:
        # without this, 78 pages of 100 KB were seen in the pool at once with CONCURRENT_REQUESTS 32.
        self._slots = asyncio.Semaphore(max(in_flight, 1))
        self._in_flight = 0
        self.restarts = 0
        self._pool: ProcessPoolExecutor | None = None

    @classmethod
    def from_crawler(cls, crawler):
        reader = cls(extract_processes(crawler.settings.get("HARVEST_EXTRACT_PROCESSES", "auto")),
                     crawler.settings.getint("CONCURRENT_REQUESTS"))
        crawler.signals.connect(reader.start, signal=signals.spider_opened)
        crawler.signals.connect(reader.close, signal=signals.spider_closed)
        return reader

    def start(self, spider=None) -> None:
        """Start the workers now, so their start-up overlaps the first downloads."""
        self.stats = spider.crawler.stats if spider is not None else self.stats
        if self.processes:
            self._pool = self._new_pool()
            logger.info("Pages are read by %d worker process(es)", self.processes)

    async def read(self, response: Response, **kwargs) -> PageReading:
        """``read_page(response, **kwargs)``, in a worker when there is a pool."""
        pool = self._pool
        if pool is None:
            return read_page(response, **kwargs)
        async with self._slots:
            try:
                return await self._in_pool(pool, response, kwargs)
            except BrokenProcessPool:
                self._renew(pool, response.url)
        return read_page(response, **kwargs)

    async def _in_pool(self, pool: ProcessPoolExecutor, response: Response, kwargs: dict) -> PageReading:
        self._in_flight += 1
        if self.stats is not None:
            self.stats.max_value("harvest/extract/in_flight_max", self._in_flight)
        try:
            return await asyncio.wrap_future(pool.submit(read_data, response_data(response), kwargs))
        finally:
            self._in_flight -= 1

    def _renew(self, broken: ProcessPoolExecutor, url: str) -> None:
        """A worker died: every page it held is read inline, and one new pool replaces the broken one."""
        if self.stats is not None:
            self.stats.inc_value("harvest/extract/read_inline_after_worker_died")
        if self._pool is not broken:
            return  # another page of the same pool made the new one already
        broken.shutdown(wait=False, cancel_futures=True)
        self.restarts += 1
        if self.restarts > POOL_RESTARTS:
            logger.warning("Extraction workers died %d times; every page is read inline from now on", self.restarts)
            self._pool = None
            return
        if self.stats is not None:
            self.stats.inc_value("harvest/extract/pool_restarts")
        logger.warning("An extraction worker process died while %s was in the pool; pages it held are read "
                       "inline and a new pool is started", url)
        self._pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        pool = ProcessPoolExecutor(self.processes, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_worker_setup, initargs=(os.getpid(),))
        for _ in range(self.processes):
            pool.submit(_ready)  # a pool starts its workers when work arrives
        return pool

    def worker_pids(self) -> list[int]:
        """Process ids of the current pool's workers (none when reading inline)."""
        return list(getattr(self._pool, "_processes", None) or {})

    def close(self, spider=None) -> None:
        """Stop the workers: all reads are in by spider_closed; a worker still running after a grace is killed."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        processes = list((getattr(pool, "_processes", None) or {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for process in _still_running(processes, CLOSE_GRACE):
            logger.warning("Extraction worker %s did not stop within %.0f s; killed", process.pid, CLOSE_GRACE)
            process.kill()
        for process in processes:
            process.join(CLOSE_GRACE)  # reaped here or by the pool's own thread, whichever comes first


def _still_running(processes: list, grace: float) -> list:
    """The processes that have not ended after ``grace`` seconds (waited on, not reaped: the pool reaps them)."""
    deadline = time.monotonic() + grace
    running = {process.sentinel: process for process in processes}
    while running and (left := deadline - time.monotonic()) > 0:
        for sentinel in wait(list(running), left):
            del running[sentinel]
    return list(running.values())


def _ready() -> None:
    """Nothing: sent to start a worker."""


def _worker_setup(parent: int) -> None:
    """In a worker: Ctrl-C and SIGTERM are the crawl's to handle (it stops the pool), and no worker outlives it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()


def _exit_with(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)  # the crawl process is gone (killed): nobody will ask this worker for anything
