"""``scrapy crawl journal``: from journal, listing, sitemap or OAI-PMH entry points to one record per article."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import scrapy
from scrapy.http import TextResponse
from scrapy_redis.spiders import RedisMixin

from harvester.crawl import signals as harvester_signals
from harvester.crawl.distributed import apply_distributed_settings, distributed
from harvester.crawl.extraction import PageReader
from harvester.discovery import oai, sitemaps
from harvester.extract.reading import PageReading, Stored, build_record
from harvester.crawl.failures import describe_failure, describe_refusal
from harvester.discovery.routes import MODES, is_oai_url, oai_endpoint_for, requested_url, robots_url
from harvester.crawl.run import run_for, utc_now
from harvester.crawl.sources import BadInput, Source, check_urls, read_sources, read_start_urls
from harvester.state import state_for

YES = {"1", "yes", "true", "on", "y"}
OAI_RESTARTS = 2  # how often a list is restarted after badResumptionToken before giving up
#: Skipped pages whose OAI record or listing entry is still written (the page was refused, not the work).
FALLBACK_SKIPS = frozenset({"private_address", "offsite_redirect"})
OAI_TOKENS_KEPT = 64  # resumption tokens of one list remembered (in request meta) to see a token loop


class JournalSpider(RedisMixin, scrapy.Spider):
    """Harvests article records.

    Arguments (``-a``): ``start_urls=URL[,URL...]``; ``urls_file=PATH`` (one URL per line,
    ``file://`` allowed); ``follow=no`` (parse the given URLs as article pages only);
    ``mode=auto|html|sitemap|oai`` (route; ``auto`` tries OAI-PMH, then sitemaps, then listings);
    ``oai_from``/``oai_until``/``oai_set``/``oai_prefix`` (OAI-PMH arguments);
    ``complete=yes`` (fetch each OAI record's landing page to fill fields the record lacks);
    ``source=NAME`` (name for the given URLs); ``sources=PATH`` (sources file, read when no URL is given).
    """

    name = "journal"

    @classmethod
    def update_settings(cls, settings) -> None:
        super().update_settings(settings)
        if distributed(settings):
            apply_distributed_settings(settings)

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.reader = PageReader.from_crawler(crawler)  # inline or in worker processes (HARVEST_EXTRACT_PROCESSES)
        if distributed(crawler.settings):
            spider.setup_redis(crawler)  # start URLs from the Redis list journal:start_urls
        return spider

    def __init__(self, start_urls: str = "", urls_file: str = "", follow: str = "yes", source: str = "",
                 sources: str = "", mode: str = "html", oai_from: str = "", oai_until: str = "",
                 oai_set: str = "", oai_prefix: str = "oai_dc", complete: str = "no", **kwargs):
        super().__init__(**kwargs)
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
        # Bad URLs, lines, entries and files are written as rejects when the crawl starts; the rest run.
        self._given, self._bad = check_urls([u.strip() for u in start_urls.split(",") if u.strip()],
                                            "start_urls argument")
        self._explicit = bool(start_urls or urls_file)  # an empty urls_file means no URL, not the sources file
        if urls_file:
            good, bad = read_start_urls(urls_file)
            self._given += good
            self._bad += bad
        self._follow_given = follow.lower() in YES
        self._source_name = source
        self._sources_file = sources
        self.mode = mode
        self.oai_args = {"metadata_prefix": oai_prefix, "from_": oai_from or None,
                         "until": oai_until or None, "set_": oai_set or None}
        self.complete = complete.lower() in YES

    def sources(self) -> list[Source]:
        """The sources of this run: the given URLs, else the sources file."""
        if self._explicit:
            return [Source(self._source_name, tuple(self._given), self._follow_given)] if self._given else []
        sources, bad = read_sources(self._sources_file or self.settings.get("HARVEST_SOURCES_FILE", "sources.toml"))
        self._bad += [b for b in bad if b not in self._bad]
        return sources

    async def start(self):
        if self.server is not None:  # distributed: the shared start-URL list, then whatever is pushed later
            for request in self.next_requests():
                yield request
            return
        sources = self.sources()
        for bad in self._bad:
            self._bad_input(bad)
        for source in sources:
            sites = sorted({urlsplit(u).netloc for u in source.start_urls})
            for url in source.start_urls:
                meta = {"source": source.name or _host(url), "follow": source.follow, "sites": sites, "start": url}
                yield self._first_request(url, meta)

    def make_request_from_data(self, data):
        """A start request from the Redis list: a URL, or JSON ``{"url", "source", "follow"}`` (``scrapy push``)."""
        text = data.decode(self.redis_encoding, "replace") if isinstance(data, bytes) else str(data)
        try:
            entry = json.loads(text) if text.lstrip().startswith("{") else {"url": text}
        except ValueError:
            entry = {}
        url = str(entry.get("url") or "").strip() if isinstance(entry, dict) else ""
        if not url.startswith(("http://", "https://", "file://")):
            self._emit(url or text[:200], {"source": (entry or {}).get("source")}, "rejected", "bad_start_url",
                       f"pushed to {self.redis_key}: {text[:200]!r} names no http(s) URL")
            return []
        meta = {"source": entry.get("source") or _host(url), "follow": entry.get("follow", True),
                "sites": [urlsplit(url).netloc], "start": url}
        # A URL taken from the list once the crawl runs (on idle) does not pass RunSourcesMiddleware: name it here.
        run_for(self.crawler).sources.add(meta["source"])
        return self._first_request(url, meta)

    @property
    def state(self):
        """The harvest state: where an OAI-PMH list's incremental harvest starts from."""
        return state_for(self.crawler)

    def _first_request(self, url: str, meta: dict) -> scrapy.Request:
        mode = self.mode if meta["follow"] else "html"
        if mode == "oai" or (mode == "auto" and is_oai_url(url)):
            return self._list_records(url, meta, route="oai (asked for)")
        if mode == "sitemap":
            return self._robots_request(url, meta)
        if mode == "auto":
            return scrapy.Request(oai.identify_url(oai_endpoint_for(url)), callback=self.parse_identify,
                                  errback=self.no_oai, meta={**meta, "harvest_kind": "identify"}, dont_filter=True)
        return self._page_request(url, meta, "start")

    # -- HTML pages ---------------------------------------------------------------------------

    def _page_request(self, url: str, meta: dict, kind: str, **extra) -> scrapy.Request:
        """A page to read; ``kind`` is ``article``, ``listing`` or ``start`` (see ``harvester.crawl.spidermiddlewares``)."""
        return scrapy.Request(url, callback=self.parse, errback=self.failed,
                              meta={**_carry(meta), "harvest_kind": kind, **extra})

    async def parse(self, response):
        reading = await self.reader.read(
            response, source=response.meta["source"], harvested_at=utc_now(), requested=requested_url(response),
            oai=Stored.from_meta(response.meta.get("oai_record")), follow=response.meta["follow"])
        if reading.kind == "refused":
            for record in self._drop_or_listing(response, "rejected", reading.reason, reading.detail):
                yield record
            return
        self.crawler.stats.inc_value(f"harvest/pages/{reading.kind}")
        if reading.record is not None:
            yield reading.record
        elif not response.meta["follow"] or reading.kind == "other":
            # The page was read and is no article: the listing that pointed here was wrong, so no record.
            self._emit(requested_url(response), response.meta, "skipped", "not_article",
                       f"{reading.kind}: {reading.reason}")
        for request in self._follow(response, reading):
            yield request

    def _follow(self, response, reading: PageReading):
        for target in reading.targets:  # pages off the run's sites are left by SiteScopeMiddleware
            extra = {"listing": {"source": "listing", "values": target.listing}} if target.listing else {}
            if target.listing and target.listing.get("last_modified"):
                extra["lastmod"] = target.listing["last_modified"]
            yield self._page_request(target.url, response.meta, target.kind, **extra)

    # -- sitemaps -----------------------------------------------------------------------------

    def _robots_request(self, url: str, meta: dict) -> scrapy.Request:
        return scrapy.Request(robots_url(url), callback=self.parse_robots, errback=self.no_sitemaps,
                              meta={**meta, "harvest_kind": "robots"}, dont_filter=True)

    def parse_robots(self, response):
        found = sitemaps.sitemap_urls_from_robots(response.text if isinstance(response, TextResponse) else "",
                                                  response.url)
        if not found:
            yield from self.no_sitemaps(response)
            return
        self._route(response.meta, "sitemap", f"{len(found)} sitemap(s) named in robots.txt")
        for url in found:
            yield self._sitemap_request(url, response.meta)

    def no_sitemaps(self, failure_or_response):
        meta = getattr(failure_or_response, "meta", None) or failure_or_response.request.meta
        if self.mode == "sitemap":
            self._emit(meta["start"], meta, "skipped", "no_sitemap", "robots.txt names no sitemap")
            return
        self._route(meta, "html", "no OAI-PMH endpoint and no sitemap")
        yield self._page_request(meta["start"], meta, "start")

    def parse_sitemap(self, response):
        sitemap = sitemaps.parse_sitemap(response.body)
        if sitemap.error:
            self._emit(response.url, response.meta, "rejected" if not sitemap.entries else "error",
                       "bad_sitemap", f"{sitemap.error} ({len(sitemap.entries)} entries read before it)")
        if sitemap.kind == "sitemapindex":
            for url in sitemap.urls:
                yield self._sitemap_request(url, response.meta)
            return
        for entry in sitemaps.article_entries(sitemap.entries):
            yield self._page_request(entry.loc, {**response.meta, "follow": False}, "article", lastmod=entry.lastmod)

    def _sitemap_request(self, url: str, meta: dict) -> scrapy.Request:
        return scrapy.Request(url, callback=self.parse_sitemap, errback=self.failed,
                              meta={**_carry(meta), "harvest_kind": "sitemap"})

    # -- OAI-PMH ------------------------------------------------------------------------------

    def parse_identify(self, response):
        answer = oai.parse_response(response.body)
        if answer.error or not answer.identify:
            yield from self.no_oai(response)
            return
        yield self._list_records(response.url, response.meta, route=f"oai (Identify answered at {response.url})")

    def no_oai(self, failure_or_response):
        meta = getattr(failure_or_response, "meta", None) or failure_or_response.request.meta
        yield self._robots_request(meta["start"], meta)

    def _list_records(self, url: str, meta: dict, route: str, restarts: int = 0) -> scrapy.Request:
        base = oai_endpoint_for(url)
        args = self._oai_list_args(base)
        if not restarts:
            self._route(meta, "oai", route + (f", from {args['from_']}" if args["from_"] else ""))
        return scrapy.Request(oai.list_records_url(base, **args), callback=self.parse_oai,
                              errback=self.failed, dont_filter=True,
                              meta={**_carry(meta), "oai_base": base, "oai_restarts": restarts, "harvest_kind": "oai"})

    def _oai_list_args(self, base: str) -> dict:
        """The user's OAI-PMH arguments; without ``oai_from``, an incremental run goes on from the last complete harvest."""
        args = dict(self.oai_args)
        if not args["from_"] and self.settings.getbool("HARVEST_INCREMENTAL", True):
            args["from_"] = self.state.oai_from(base, args["set_"], args["metadata_prefix"])
        return args

    def parse_oai(self, response):
        meta = response.meta
        answer = oai.parse_response(response.body)
        if answer.error:
            yield from self._oai_error(response, *answer.error)
            return
        started = meta.get("oai_started") or answer.response_date
        for record in answer.records:
            yield from self._oai_record(record, meta)
        if answer.truncated and not answer.token:  # the answer breaks off: the list cannot go on, nor be complete
            self._emit(response.url, meta, "error", "oai_truncated",
                       f"the OAI-PMH answer breaks off mid-document ({len(answer.records)} record(s) read before "
                       f"the break); the list is incomplete")
            return
        seen = meta.get("oai_tokens") or []
        if answer.token and answer.token in seen:
            self._emit(response.url, meta, "error", "oai_token_loop",
                       f"the endpoint handed back resumption token {answer.token!r} again, after "
                       f"{len(seen) - seen.index(answer.token)} page(s) of the list")
        elif answer.token:
            # A restarted list asks for the same tokens again: the duplicate filter must not drop them.
            # The list's last OAI_TOKENS_KEPT tokens travel along, so A, B, A, ... is seen as a loop too.
            tokens = [*seen, answer.token][-OAI_TOKENS_KEPT:]
            yield scrapy.Request(oai.resume_url(meta["oai_base"], "ListRecords", answer.token),
                                 callback=self.parse_oai, errback=self.failed, dont_filter=True,
                                 meta={**_carry_oai(meta), "oai_token": answer.token, "oai_tokens": tokens,
                                       "oai_started": started})
        else:
            self._oai_list_done(meta["oai_base"], started)

    def _oai_list_done(self, base: str, started: str | None) -> None:
        """The list was read to its end: the next incremental harvest asks from the day this one began."""
        if started:
            self.state.oai_done(base, self.oai_args["set_"], self.oai_args["metadata_prefix"], started[:10])

    def _oai_error(self, response, code: str, message: str):
        meta = response.meta
        if code == "noRecordsMatch":
            self.logger.info("OAI-PMH at %s: no records match %s", meta["oai_base"], self.oai_args)
            self._oai_list_done(meta["oai_base"], meta.get("oai_started") or oai.parse_response(response.body).response_date)
        elif code == "badResumptionToken" and meta["oai_restarts"] < OAI_RESTARTS:
            self.crawler.stats.inc_value("harvest/oai/restarts")
            self.logger.warning("OAI-PMH at %s refused a resumption token (%s); restarting the list",
                                meta["oai_base"], message)
            yield self._list_records(meta["oai_base"], meta, route="", restarts=meta["oai_restarts"] + 1)
        else:
            self._emit(response.url, meta, "error", f"oai_{code}",
                       message or f"the OAI-PMH endpoint {meta['oai_base']} answered error {code} without a message")

    def _oai_record(self, record, meta: dict):
        if record.deleted:
            self._emit(record.landing_url or meta["oai_base"], meta, "skipped", "oai_deleted", record.identifier)
            return
        values = {"source": record.candidate().source, "values": record.candidate().values}
        url = record.landing_url or oai.get_record_url(meta["oai_base"], record.identifier,
                                                            self.oai_args["metadata_prefix"])
        if self.complete and record.landing_url:
            # A record changed since the landing page was read makes the page stale.
            yield self._page_request(record.landing_url, {**meta, "follow": False}, "article", oai_record=values,
                                     lastmod=record.datestamp)
        else:
            yield build_record(url, meta["source"], utc_now(), oai=Stored.from_meta(values))

    # -- failures -----------------------------------------------------------------------------

    def failed(self, failure):
        outcome, reason, detail = describe_failure(failure)
        accounted = getattr(failure.value, "accounted", False)  # the address guard wrote the reject line itself
        yield from self._page_lost(requested_url(failure.request), failure.request.meta, outcome, reason, detail,
                                   emit=not accounted)

    def _drop_or_listing(self, response, outcome: str, reason: str, detail: str = ""):
        yield from self._page_lost(requested_url(response), response.meta, outcome, reason,
                                   detail or describe_refusal(reason, response))

    def _page_lost(self, url: str, meta: dict, outcome: str, reason: str, detail: str, emit: bool = True):
        """The page gave no record: write the OAI record or listing entry that led here, if any, and say why."""
        wanted = outcome != "skipped" or reason in FALLBACK_SKIPS
        from_oai, listing = Stored.from_meta(meta.get("oai_record")), Stored.from_meta(meta.get("listing"))
        if wanted and (from_oai or listing):
            detail += "; record written from the " + ("OAI-PMH record" if from_oai else "listing")
            yield build_record(url, meta["source"], utc_now(), oai=from_oai, listing=listing)
        if emit:
            self._emit(url, meta, outcome, reason, detail)

    def _emit(self, url: str, meta: dict, outcome: str, reason: str, detail: str = "") -> None:
        self.crawler.signals.send_catch_log(
            harvester_signals.page_rejected, url=url, source=meta.get("source"),
            outcome=outcome, reason=reason, detail=detail or reason)

    def _bad_input(self, bad: BadInput) -> None:
        """A start URL, line, sources entry or file that could not be used: one ``rejected`` line."""
        self._emit(bad.url, {"source": self._source_name or "local"}, "rejected", bad.reason, bad.detail)

    def _route(self, meta: dict, route: str, why: str) -> None:
        site = urlsplit(meta["start"]).netloc or "local"
        self.crawler.stats.set_value(f"harvest/route/{site}", route)
        self.logger.info("Route for %s: %s (%s)", site, route, why)


def _host(url: str) -> str:
    return urlsplit(url).netloc or "local"


def _carry(meta: dict) -> dict:
    """Request meta that travels to followed pages (plain data, so queues can serialise it)."""
    return {k: meta[k] for k in ("source", "follow", "sites", "start") if k in meta}


def _carry_oai(meta: dict) -> dict:
    return {**_carry(meta), "oai_base": meta["oai_base"], "oai_restarts": meta["oai_restarts"], "harvest_kind": "oai"}
