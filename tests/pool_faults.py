"""Test extension: harm the extraction pool mid-crawl (``tests/test_crawl_pool.py``).

``TEST_POOL_FAULT`` is ``kill_worker`` (SIGKILL one worker process), ``kill_crawl`` (SIGKILL the
crawl process itself), ``SIGINT`` or ``SIGTERM`` (sent to the crawl's whole process group, workers
included, as a terminal or a service manager does); it happens when ``TEST_POOL_FAULT_AFTER`` records were scraped. Every worker process id
seen is logged at the end, so a test can check that none outlives the crawl.
"""

from __future__ import annotations

import logging
import os
import signal

from scrapy import signals

logger = logging.getLogger(__name__)


class PoolFaults:
    """Does ``TEST_POOL_FAULT`` once, after ``TEST_POOL_FAULT_AFTER`` records."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.fault = crawler.settings.get("TEST_POOL_FAULT", "kill_worker")
        self.after = crawler.settings.getint("TEST_POOL_FAULT_AFTER", 20)
        self.scraped = 0
        self.pids: set[int] = set()

    @classmethod
    def from_crawler(cls, crawler):
        ext = cls(crawler)
        crawler.signals.connect(ext.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(ext.engine_stopped, signal=signals.engine_stopped)
        return ext

    def item_scraped(self, item, response, spider) -> None:
        self.pids.update(spider.reader.worker_pids())
        self.scraped += 1
        if self.scraped != self.after:
            return
        if self.fault == "kill_crawl":
            self.engine_stopped()  # the last word of this process
            os.kill(os.getpid(), signal.SIGKILL)
        elif self.fault == "kill_worker":
            victim = spider.reader.worker_pids()[0]
            logger.warning("test: SIGKILL to extraction worker %d", victim)
            os.kill(victim, signal.SIGKILL)
        else:
            logger.warning("test: %s to the process group", self.fault)
            os.killpg(os.getpgrp(), getattr(signal, self.fault))

    def engine_stopped(self) -> None:
        logger.info("test: extraction worker pids seen: %s", ",".join(map(str, sorted(self.pids))))
