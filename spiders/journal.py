"""``scrapy crawl journal``: from journal, listing or article pages to one record per article page."""

from __future__ import annotations

from urllib.parse import urlsplit

import scrapy
from scrapy.http import TextResponse

from harvester import signals as harvester_signals
from harvester.extract.article import ArticlePage
from harvester.extract.document import parse_html, response_text
from harvester.extract.pagekind import body_refusal
from harvester.failures import describe_failure
from harvester.run import utc_now
from harvester.sources import Source, load_sources, read_urls_file

YES = {"1", "yes", "true", "on", "y"}


class JournalSpider(scrapy.Spider):
    """Harvests article records.

    Arguments (``-a``): ``start_urls=URL[,URL...]``, ``urls_file=PATH`` (one URL per line,
    ``file://`` allowed), ``follow=no`` (parse the given URLs as article pages only),
    ``source=NAME`` (name for the given URLs), ``sources=PATH`` (a sources file; the default,
    ``HARVEST_SOURCES_FILE``, is read when no URL is given).
    """

    name = "journal"

    def __init__(self, start_urls: str = "", urls_file: str = "", follow: str = "yes", source: str = "",
                 sources: str = "", **kwargs):
        super().__init__(**kwargs)
        self._given = [u.strip() for u in start_urls.split(",") if u.strip()]
        if urls_file:
            self._given += read_urls_file(urls_file)
        self._follow_given = follow.lower() in YES
        self._source_name = source
        self._sources_file = sources

    def sources(self) -> list[Source]:
        """The sources of this run: the given URLs, else the sources file."""
        if self._given:
            return [Source(self._source_name, tuple(self._given), self._follow_given)]
        return load_sources(self._sources_file or self.settings.get("HARVEST_SOURCES_FILE", "sources.toml"))

    async def start(self):
        for source in self.sources():
            sites = {urlsplit(u).netloc for u in source.start_urls}
            for url in source.start_urls:
                meta = {"source": source.name or _host(url), "follow": source.follow, "sites": sites}
                yield scrapy.Request(url, callback=self.parse, errback=self.failed, meta=meta)

    def parse(self, response):
        meta = response.meta
        refusal = body_refusal(response.body) or (None if isinstance(response, TextResponse) else "not_text")
        if refusal:
            self._drop(response, "rejected", refusal)
            return
        page = ArticlePage(parse_html(response_text(response)), response.url)
        if (refusal := page.refusal()):
            self._drop(response, "rejected", refusal)
            return
        verdict = page.verdict()
        self.crawler.stats.inc_value(f"harvest/pages/{verdict.kind}")
        if verdict.kind == "article":
            yield page.item(meta["source"], utc_now(), url=_requested_url(response))
        elif not meta["follow"] or verdict.kind == "other":
            self._drop(response, "skipped", "not_article", f"{verdict.kind}: {verdict.reason}")
        if meta["follow"]:
            yield from self._follow(response, page, verdict.kind)

    def _follow(self, response, page: ArticlePage, kind: str):
        if kind == "article":
            urls = [r["url"] for r in page.merged.values.get("related") or []]
        else:
            urls = page.links.next_pages + page.links.articles + page.links.listings
        sites = response.meta["sites"]
        for url in urls:
            if urlsplit(url).netloc in sites:
                yield response.follow(url, callback=self.parse, errback=self.failed, meta=_carry(response.meta))

    def failed(self, failure):
        request = failure.request
        outcome, reason, detail = describe_failure(failure)
        self.crawler.signals.send_catch_log(
            harvester_signals.page_rejected, url=request.url, source=request.meta.get("source"),
            outcome=outcome, reason=reason, detail=detail)

    def _drop(self, response, outcome: str, reason: str, detail: str = ""):
        self.crawler.signals.send_catch_log(
            harvester_signals.page_rejected, url=_requested_url(response), source=response.meta.get("source"),
            outcome=outcome, reason=reason, detail=detail or reason)


def _host(url: str) -> str:
    return urlsplit(url).netloc or "local"


def _requested_url(response) -> str:
    """The URL as it was asked for, before any redirect."""
    return (response.meta.get("redirect_urls") or [response.url])[0]


def _carry(meta: dict) -> dict:
    return {"source": meta["source"], "follow": meta["follow"], "sites": meta["sites"]}
