"""Spider middlewares: depth that counts only straying from a site's listings, fresh pages left alone, the run's sites.

Requests carry ``meta["harvest_kind"]``, set by the spider: ``listing`` (archive pages, tables
of contents, "next" pages), ``sitemap``, ``oai``, ``robots``, ``identify``, or ``article``.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime, timezone
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.spidermiddlewares.depth import DepthMiddleware

from harvester.crawl import signals as harvester_signals
from harvester.crawl.accounting import ledger_for
from harvester.crawl.report import cap_hit
from harvester.crawl.run import run_for
from harvester.state import state_for

logger = logging.getLogger(__name__)

#: Kinds of request that walk a site's listing structure: they never consume the depth budget.
STRUCTURAL = frozenset({"listing", "sitemap", "oai", "robots", "identify"})


class StrayDepthMiddleware(DepthMiddleware):
    """``DEPTH_LIMIT`` counts only the steps away from a site's listing structure.

    Pagination, archive pages, tables of contents, sitemap indexes and OAI-PMH resumption
    tokens keep the depth of the page that led to them, so a long archive is paged to its end;
    an article page is one step further, and each related-article link one more. A request
    over the limit that no other path requested either is, once the crawl has run dry, a
    ``skipped`` URL with reason ``depth_limit`` and a cap that marks the run incomplete.
    """

    @classmethod
    def from_crawler(cls, crawler):
        mw = super().from_crawler(crawler)
        mw.passed, mw.refused = set(), {}
        crawler.signals.connect(mw.spider_idle, signal=signals.spider_idle)
        return mw

    def get_processed_request(self, request, response):
        if response is not None and request.meta.get("harvest_kind") in STRUCTURAL:
            request.meta["depth"] = response.meta.get("depth", 0)
            processed = request
        else:
            processed = super().get_processed_request(request, response)
        key = self.crawler.request_fingerprinter.fingerprint(request)
        if processed is None:
            self.refused.setdefault(key, request)
        else:
            self.passed.add(key)
        return processed

    def spider_idle(self, spider=None) -> None:
        """Requests refused for depth that no other path made are lost: account for each."""
        refused, self.refused = self.refused, {}
        for key, request in refused.items():
            if key not in self.passed:
                self._lost(request)

    def _lost(self, request) -> None:
        site = urlsplit(request.url).netloc or "local"
        cap_hit(self.crawler, "DEPTH_LIMIT", site, f"pages more than {self.maxdepth} steps from a listing not fetched")
        self.crawler.signals.send_catch_log(
            harvester_signals.page_rejected, url=request.url, source=request.meta.get("source"), outcome="skipped",
            reason="depth_limit", detail=f"{request.meta['depth']} steps from the site's listings; DEPTH_LIMIT is "
                                         f"{self.maxdepth}")


class OutputFilter:
    """Base of spider middlewares that let through only what ``wanted(obj, response)`` accepts."""

    def process_spider_output(self, response, result, spider=None):
        return (obj for obj in result if self.wanted(obj, response))

    async def process_spider_output_async(self, response, result, spider=None):
        async for obj in result:
            if self.wanted(obj, response):
                yield obj

    def wanted(self, obj, response) -> bool:
        raise NotImplementedError


class FreshPagesMiddleware(OutputFilter):
    """Leaves known, fresh article pages unfetched; asks for stale ones conditionally.

    An article page whose record the harvest state holds is fresh for
    ``HARVEST_REFRESH_AFTER_DAYS``, unless what led to it (a sitemap ``lastmod``, a listing's
    "last modified") is newer than the stored record. A stale page is requested with
    ``If-None-Match``/``If-Modified-Since`` when the state has its validators.
    """

    def __init__(self, crawler):
        settings = crawler.settings
        self.enabled = settings.getbool("HARVEST_INCREMENTAL", True)
        self.max_age = settings.getfloat("HARVEST_REFRESH_AFTER_DAYS", 30.0) * 86400
        self.crawler = crawler
        self.started = time.time()
        self.left_fresh: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def wanted(self, obj, response) -> bool:
        meta = getattr(obj, "meta", None)
        if not self.enabled or meta is None or meta.get("harvest_kind") != "article":
            return True
        state = state_for(self.crawler)
        stamp = state.page(obj.url)
        if stamp is None:
            return True
        if stamp.fetched_at >= self.started:
            return False  # read in this very run: another link to it, as the duplicate filter would see
        if self._fresh(stamp.fetched_at, meta.get("lastmod")):
            if obj.url not in self.left_fresh:  # listed on several pages: counted once
                self.left_fresh.add(obj.url)
                state.saw_page(obj.url)
                self.crawler.stats.inc_value("harvest/fresh")
            return False
        if stamp.etag:
            obj.headers.setdefault(b"If-None-Match", stamp.etag.encode("latin-1"))
        if stamp.last_modified:
            obj.headers.setdefault(b"If-Modified-Since", stamp.last_modified.encode("latin-1"))
        obj.meta["conditional"] = bool(stamp.etag or stamp.last_modified)
        return True

    def _fresh(self, fetched_at: float, lastmod: str | None) -> bool:
        if time.time() - fetched_at >= self.max_age:
            return False
        changed = _timestamp(lastmod)
        return changed is None or changed <= fetched_at


def _timestamp(value: str | None) -> float | None:
    """Seconds since the epoch of an ISO 8601 date or date-time (UTC when no zone is given); None if unreadable.

    >>> _timestamp("1970-01-02"), _timestamp("1970-01-01T00:01:00+00:00"), _timestamp("soon")
    (86400.0, 60.0, None)
    """
    if not value:
        return None
    try:
        when = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return when.timestamp()


class SiteScopeMiddleware(OutputFilter):
    """Pages (articles, listings) off the run's sites are not fetched: each is a ``skipped``/``offsite`` URL, once.

    A request's sites are the hosts of its source's start URLs (``meta["sites"]``); the spider
    names every page a page leads to, and this middleware keeps the crawl on those sites. An
    OAI-PMH record's landing page is the repository's own word and may live on any host.
    """

    def __init__(self, crawler):
        self.crawler = crawler
        self.ledger = ledger_for(crawler)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def wanted(self, obj, response) -> bool:
        meta = getattr(obj, "meta", None)
        if meta is None or meta.get("harvest_kind") not in ("article", "listing") or "sites" not in meta:
            return True
        if response.meta.get("harvest_kind") == "oai":
            return True
        if urlsplit(obj.url).netloc in meta["sites"]:
            return True
        if not self.ledger.knows(obj.url):
            self.crawler.signals.send_catch_log(
                harvester_signals.page_rejected, url=obj.url, source=meta.get("source"), outcome="skipped",
                reason="offsite", detail=f"linked from {response.url}; the run's sites are {', '.join(meta['sites'])}")
        return False


class RunSourcesMiddleware:
    """Names every source of the run's start requests to the run, so each gets its files and report."""

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    async def process_start(self, start):
        run = run_for(self.crawler)
        async for obj in start:
            source = getattr(obj, "meta", {}).get("source")
            if source:
                run.sources.add(source)
            yield obj
