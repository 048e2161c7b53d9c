"""Extension that gives every URL or record that did not become output a logged, counted reason."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit

from scrapy import signals

from harvester.crawl import signals as harvester_signals
from harvester.crawl.accounting import ledger_for
from harvester.crawl.run import run_for, utc_now

logger = logging.getLogger(__name__)


class RejectsLog:
    """Writes ``<run id>.rejects.jsonl`` per source and counts ``harvest/<outcome>/<reason>`` stats."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.stats = crawler.stats
        self.run = run_for(crawler)

    @classmethod
    def from_crawler(cls, crawler):
        ext = cls(crawler)
        crawler.signals.connect(ext.page_rejected, signal=harvester_signals.page_rejected)
        crawler.signals.connect(ext.item_dropped, signal=signals.item_dropped)
        crawler.signals.connect(ext.spider_error, signal=signals.spider_error)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def page_rejected(self, url: str, source: str | None, outcome: str, reason: str, detail: str = "") -> None:
        self._record(url, source, outcome, reason, detail)

    def item_dropped(self, item: Any, response, exception: BaseException, spider) -> None:
        outcome = getattr(exception, "outcome", "rejected")
        reason = getattr(exception, "reason", type(exception).__name__)
        detail = getattr(exception, "detail", str(exception))
        record = getattr(exception, "record", None)
        self._record(_field(item, "url"), _field(item, "source"), outcome, reason, detail, record)

    def spider_error(self, failure, response, spider) -> None:
        url = getattr(response, "url", "")
        source = (getattr(response, "meta", None) or {}).get("source")
        self._record(url, source, "error", "parse_error", f"{failure.type.__name__}: {failure.value}")

    def spider_closed(self, spider, reason) -> None:
        self.run.close("rejects")
        for path, count in self.run.written("rejects").items():
            logger.info("%d rejected/skipped/failed URLs written to %s", count, path)

    def _record(self, url: str, source: str | None, outcome: str, reason: str, detail: str, record=None) -> None:
        source = source or urlsplit(url).netloc or "local"
        ledger_for(self.crawler).end(url, outcome)  # every line ends its URL in the run's accounting
        self.stats.inc_value(f"harvest/{outcome}")
        self.stats.inc_value(f"harvest/{outcome}/{reason}")
        level = logging.INFO if outcome == "skipped" else logging.WARNING
        logger.log(level, "%s %s (%s): %s", outcome, url, reason, detail)
        entry = {"url": url, "source": source, "outcome": outcome, "reason": reason, "detail": detail, "at": utc_now()}
        if record is not None:
            entry["record"] = record
        self.run.writer(source, "rejects").write(entry)


def _field(item: Any, name: str) -> Any:
    if isinstance(item, dict):
        return item.get(name)
    return getattr(item, name, None)
