"""Every URL a run was given or found ends as exactly one of written, rejected, error or skipped.

``UrlLedger`` keeps, per URL (as first asked for, before redirects), the one outcome it ended
with. ``UrlAccounting`` fills it from the signals: a URL joins when its request is scheduled
(in distributed mode: when this worker downloads it, since another worker may take what this
one schedules), and ends with its record (``item_scraped``) or its line in the rejects file
(``RejectsLog`` ends the URL of every line it writes). ``PagesReadForLinks`` ends the pages that only lead elsewhere (listings,
tables of contents, sitemaps, OAI-PMH list pages) with a ``skipped`` line saying so. When the
run closes, a URL still open was either cut off by the run's end (``skipped``/``not_reached``)
or, in a run that finished, lost by the harvester itself (``error``/``unaccounted``, a bug that
makes the run unhealthy). The run report's ``urls`` block is the ledger's count.
"""

from __future__ import annotations

import hashlib
import logging
from weakref import WeakKeyDictionary

from scrapy import Request, signals

from harvester.crawl import signals as harvester_signals
from harvester.discovery.routes import requested_url

logger = logging.getLogger(__name__)

OUTCOMES = ("written", "rejected", "error", "skipped")
_LEDGERS: WeakKeyDictionary = WeakKeyDictionary()


def _key(url: str) -> bytes:
    return hashlib.blake2b(url.encode("utf-8", "surrogatepass"), digest_size=12).digest()


class UrlLedger:
    """The outcome of each URL of a run; a record outranks a line written for the same URL.

    >>> ledger = UrlLedger()
    >>> ledger.open("http://h/a", "h"), ledger.open("http://h/a"), ledger.end("http://h/b", "skipped")
    (True, False, True)
    >>> ledger.end("http://h/a", "error"), ledger.end("http://h/a", "written"), ledger.end("http://h/a", "skipped")
    (True, True, False)
    >>> ledger.outcome("http://h/a")
    'written'
    >>> ledger.counts()
    {'tried': 2, 'written': 1, 'rejected': 0, 'error': 0, 'skipped': 1}
    """

    def __init__(self):
        self._ends: dict[bytes, str] = {}
        self._open: dict[bytes, tuple[str, str | None]] = {}  # key -> (url, source), until the URL ends

    def open(self, url: str, source: str | None = None) -> bool:
        """A URL the run will try (its request is scheduled); False when it was known already."""
        key = _key(url)
        if key in self._ends or key in self._open:
            return False
        self._open[key] = (url, source)
        return True

    def end(self, url: str, outcome: str) -> bool:
        """Record how a URL ended; True when this is its first outcome (or a record after a line)."""
        key = _key(url)
        self._open.pop(key, None)
        before = self._ends.get(key)
        if before is None or (outcome == "written" and before != "written"):
            self._ends[key] = outcome
            return True
        return False

    def knows(self, url: str) -> bool:
        key = _key(url)
        return key in self._ends or key in self._open

    def outcome(self, url: str) -> str | None:
        return self._ends.get(_key(url))

    def still_open(self) -> list[tuple[str, str | None]]:
        """URLs tried that no outcome ended yet (URL, source)."""
        return list(self._open.values())

    def counts(self) -> dict[str, int]:
        """``tried`` and the count of each outcome; ``tried`` includes URLs still open."""
        counts = dict.fromkeys(OUTCOMES, 0)
        for outcome in self._ends.values():
            counts[outcome] += 1
        return {"tried": len(self._ends) + len(self._open), **counts}


def ledger_for(crawler) -> UrlLedger:
    """The ``UrlLedger`` of a crawler, made on first use."""
    if crawler not in _LEDGERS:
        _LEDGERS[crawler] = UrlLedger()
    return _LEDGERS[crawler]


class UrlAccounting:
    """Fills the run's ledger from the signals and accounts for the URLs still open at the end."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.ledger = ledger_for(crawler)
        self.distributed = bool(crawler.settings.get("REDIS_URL"))
        self._last_joined: tuple[Request | None, bool] = (None, False)  # Scrapy signals scheduling before filtering

    @classmethod
    def from_crawler(cls, crawler):
        ext = cls(crawler)
        joins = signals.request_reached_downloader if ext.distributed else signals.request_scheduled
        crawler.signals.connect(ext.request_joins, signal=joins)
        crawler.signals.connect(ext.request_dropped, signal=signals.request_dropped)
        crawler.signals.connect(ext.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def request_joins(self, request: Request, spider=None) -> None:
        if "source" not in request.meta:  # Scrapy's own requests (robots.txt for its middleware) are no run URLs
            return
        self._last_joined = (request, self.ledger.open(requested_url(request), request.meta["source"]))

    def request_dropped(self, request: Request, spider=None) -> None:
        """A request the duplicate filter dropped: a redirect hop ends the URL asked for; a new URL is a duplicate."""
        url, chain = requested_url(request), request.meta.get("redirect_urls")
        new_url = self._last_joined == (request, True)  # this very request opened the URL, just now
        if chain and self.ledger.outcome(url) is None:
            self._emit(url, request.meta.get("source"), "skipped", "duplicate_redirect",
                       f"redirects (after {len(chain)} hop(s)) to {request.url}, which this run already requested")
        elif not chain and new_url:
            self._emit(url, request.meta.get("source"), "skipped", "duplicate",
                       "the same request (same fingerprint) as one this run already made")

    def item_scraped(self, item, response=None, spider=None) -> None:
        url = item.get("url") if isinstance(item, dict) else getattr(item, "url", None)
        if url:
            self.ledger.end(url, "written")

    def spider_closed(self, spider, reason: str) -> None:
        """URLs still open: not reached when the run was cut short, else lost by a harvester bug."""
        cut = reason != "finished" or any(k.startswith("harvest/caps/") for k in self.crawler.stats.get_stats())
        for url, source in self.ledger.still_open():
            if cut:
                self._emit(url, source, "skipped", "not_reached",
                           f"the run ended ({reason}; see the report's caps) before this URL was fetched")
            else:
                logger.error("No outcome for %s: the harvester lost track of it", url)
                self._emit(url, source, "error", "unaccounted",
                           "requested, but nothing said what became of it: a harvester bug, please report it")

    def _emit(self, url: str, source: str | None, outcome: str, reason: str, detail: str) -> None:
        self.crawler.signals.send_catch_log(harvester_signals.page_rejected, url=url, source=source,
                                            outcome=outcome, reason=reason, detail=detail)


class _Tally:
    """What a callback gave for one page: requests made, and whether a record of the page itself."""

    def __init__(self, url: str):
        self.url, self.followed, self.recorded = url, 0, False

    def see(self, obj) -> None:
        if isinstance(obj, Request):
            self.followed += 1
        elif (obj.get("url") if isinstance(obj, dict) else getattr(obj, "url", None)) == self.url:
            self.recorded = True


class PagesReadForLinks:
    """Spider middleware: a page that gave no record and no line was read for its links; say so."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.ledger = ledger_for(crawler)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    async def process_spider_output_async(self, response, result, spider=None):
        tally = _Tally(requested_url(response))
        async for obj in result:
            tally.see(obj)
            yield obj
        self._done(response, tally)

    def process_spider_output(self, response, result, spider=None):
        tally = _Tally(requested_url(response))
        for obj in result:
            tally.see(obj)
            yield obj
        self._done(response, tally)

    def _done(self, response, tally: _Tally) -> None:
        if not tally.recorded and self.ledger.outcome(tally.url) is None:
            self._read_for_links(tally.url, response, tally.followed)

    def _read_for_links(self, url: str, response, followed: int) -> None:
        kind = response.meta.get("harvest_kind", "page")
        self.crawler.signals.send_catch_log(
            harvester_signals.page_rejected, url=url, source=response.meta.get("source"), outcome="skipped",
            reason="read_for_links", detail=f"a {kind} page (HTTP {response.status}) read for the pages it leads to: "
                                            f"{followed} request(s) made from it")
