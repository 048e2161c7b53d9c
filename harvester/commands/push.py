"""``scrapy push``: put start URLs on the shared Redis list that distributed workers read."""

from __future__ import annotations

import json

import redis
from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from harvester.crawl.sources import load_sources

START_URLS_KEY = "%(name)s:start_urls"  # scrapy-redis's own convention (REDIS_START_URLS_KEY)


class Command(ScrapyCommand):
    requires_project = True
    default_settings = {"LOG_ENABLED": False}

    def syntax(self) -> str:
        return "[URL ...] [--source NAME] [--sources FILE]"

    def short_desc(self) -> str:
        return "Push start URLs (or a sources file's sites) to journal:start_urls for distributed workers"

    def add_options(self, parser) -> None:
        super().add_options(parser)
        parser.add_argument("--sources", metavar="FILE", help="push every start URL of this sources file")
        parser.add_argument("--source", metavar="NAME", default="", help="source name for the URLs given")
        parser.add_argument("--no-follow", action="store_true", help="parse the URLs given as article pages only")

    def run(self, args, opts) -> None:
        if not self.settings.get("REDIS_URL"):
            raise UsageError("set REDIS_URL (-s REDIS_URL=redis://host:6379/0)", print_help=False)
        entries = [{"url": url, "source": opts.source, "follow": not opts.no_follow} for url in args]
        if opts.sources or not args:
            path = opts.sources or self.settings.get("HARVEST_SOURCES_FILE", "sources.toml")
            entries += [{"url": url, "source": s.name, "follow": s.follow}
                        for s in load_sources(path) for url in s.start_urls]
        key = self.settings.get("REDIS_START_URLS_KEY", START_URLS_KEY) % {"name": "journal"}
        client = redis.Redis.from_url(self.settings.get("REDIS_URL"))
        if entries:
            client.lpush(key, *(json.dumps(e, ensure_ascii=False) for e in entries))
        print(f"Pushed {len(entries)} start URLs to {key}")
