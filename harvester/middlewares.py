"""Downloader middlewares: a per-site page budget and ``Retry-After`` handling."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

from scrapy.exceptions import IgnoreRequest

from harvester.report import cap_hit
from harvester.run import run_for
from harvester.state import state_for


class SitePageLimitReached(IgnoreRequest):
    """The request's host already had ``HARVEST_MAX_PAGES_PER_SITE`` pages fetched this run."""


class SitePageLimitMiddleware:
    """Refuses requests to a host once ``HARVEST_MAX_PAGES_PER_SITE`` of them went out (after duplicates are filtered)."""

    def __init__(self, limit: int, crawler):
        self.limit = limit
        self.crawler = crawler
        self.counts: Counter[str] = Counter()

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.settings.getint("HARVEST_MAX_PAGES_PER_SITE", 0), crawler)

    def process_request(self, request, spider=None):
        host = urlsplit(request.url).netloc
        if self.limit and self.counts[host] >= self.limit and not request.meta.get("dont_obey_robotstxt"):
            self.crawler.stats.inc_value("harvest/site_page_limit")
            cap_hit(self.crawler, "HARVEST_MAX_PAGES_PER_SITE", host or "local", f"{self.limit} pages fetched")
            raise SitePageLimitReached(f"{self.limit} pages already fetched from {host}")
        self.counts[host] += 1
        return None


class RetryAfterMiddleware:
    """Honours ``Retry-After`` on 429/503 answers: waits as told (capped), then asks again.

    Scrapy's own retry middleware retries at once, which an overloaded OAI-PMH endpoint
    answers with the same 503; this one runs before it and only for answers that say when.
    """

    def __init__(self, max_wait: float, max_times: int, stats):
        self.max_wait = max_wait
        self.max_times = max_times
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        return cls(settings.getfloat("HARVEST_RETRY_AFTER_MAX", 120.0),
                   settings.getint("HARVEST_RETRY_AFTER_TIMES", 3), crawler.stats)

    async def process_response(self, request, response, spider=None):
        wait = retry_after_seconds(response.headers.get(b"Retry-After"))
        tries = request.meta.get("retry_after_times", 0)
        if response.status not in (429, 503) or wait is None or tries >= self.max_times:
            return response
        self.stats.inc_value("harvest/retry_after")
        await _sleep(min(wait, self.max_wait))
        retry = request.replace(dont_filter=True)
        retry.meta["retry_after_times"] = tries + 1
        return retry


def retry_after_seconds(value: bytes | None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header: delta-seconds or an HTTP date.

    >>> retry_after_seconds(b"2"), retry_after_seconds(None), retry_after_seconds(b"soon")
    (2.0, None, None)
    """
    if not value:
        return None
    text = value.decode("latin-1").strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


async def _sleep(seconds: float) -> None:
    from twisted.internet import reactor
    from twisted.internet.task import deferLater

    from scrapy.utils.defer import maybe_deferred_to_future

    await maybe_deferred_to_future(deferLater(reactor, seconds, lambda: None))


class NotModified(IgnoreRequest):
    """A conditional request for a known page was answered ``304 Not Modified``."""


class ConditionalRequestMiddleware:
    """Keeps article pages' ``ETag``/``Last-Modified`` in the harvest state; a ``304`` marks the page seen.

    ``FreshPagesMiddleware`` adds the conditional headers; an answer ``304`` ends the request as
    ``skipped``/``not_modified`` and makes the stored record fresh again.
    """

    def __init__(self, crawler):
        self.crawler = crawler
        self.enabled = crawler.settings.getbool("HARVEST_INCREMENTAL", True)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_response(self, request, response, spider=None):
        if not self.enabled or request.meta.get("harvest_kind") != "article":
            return response
        url = (request.meta.get("redirect_urls") or [request.url])[0]
        if response.status == 304 and request.meta.get("conditional"):
            state_for(self.crawler).refresh_page(url, run_for(self.crawler).run_id, request.meta.get("source"))
            self.crawler.stats.inc_value("harvest/not_modified")
            raise NotModified(f"{url} unchanged since it was last fetched (HTTP 304)")
        if response.status == 200:
            etag, modified = response.headers.get(b"ETag"), response.headers.get(b"Last-Modified")
            if etag or modified:
                state_for(self.crawler).put_validators(url, _header(etag), _header(modified))
        return response


def _header(value: bytes | None) -> str | None:
    return value.decode("latin-1") if value else None
