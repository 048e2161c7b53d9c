"""Downloader middleware bounding how many pages one site may cost a run."""

from __future__ import annotations

from collections import Counter
from urllib.parse import urlsplit

from scrapy.exceptions import IgnoreRequest


class SitePageLimitReached(IgnoreRequest):
    """The request's host already had ``HARVEST_MAX_PAGES_PER_SITE`` pages fetched this run."""


class SitePageLimitMiddleware:
    """Refuses requests to a host once ``HARVEST_MAX_PAGES_PER_SITE`` of them went out (after duplicates are filtered)."""

    def __init__(self, limit: int, stats):
        self.limit = limit
        self.stats = stats
        self.counts: Counter[str] = Counter()

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.settings.getint("HARVEST_MAX_PAGES_PER_SITE", 0), crawler.stats)

    def process_request(self, request, spider=None):
        host = urlsplit(request.url).netloc
        if self.limit and self.counts[host] >= self.limit and not request.meta.get("dont_obey_robotstxt"):
            self.stats.inc_value("harvest/site_page_limit")
            raise SitePageLimitReached(f"{self.limit} pages already fetched from {host}")
        self.counts[host] += 1
        return None
