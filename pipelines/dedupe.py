"""Drop a second record of the same work within a run (same DOI, else same canonical URL)."""

from __future__ import annotations

from typing import Protocol

from scrapy.exceptions import NotConfigured
from scrapy.utils.misc import load_object

from harvester.exceptions import DuplicateRecord
from harvester.items import ArticleItem


class SeenStore(Protocol):
    """Where identity keys of written works are remembered (memory now; SQLite or Redis later)."""

    def add(self, key: str) -> bool:
        """Remember ``key``; True when it was not there before."""


class MemorySeenStore:
    """A per-process set: enough for one single-process run."""

    def __init__(self, settings=None):
        self._keys: set[str] = set()

    def add(self, key: str) -> bool:
        if key in self._keys:
            return False
        self._keys.add(key)
        return True


def identity_keys(item: ArticleItem) -> list[str]:
    """Keys naming the work: its DOI (case-insensitive) and its canonical URL, else its URL."""
    keys = [f"doi:{item.doi.lower()}"] if item.doi else []
    keys.append(f"url:{item.canonical_url or item.url}")
    return keys


class DuplicatesPipeline:
    """Lets the first record of a work through; later ones are dropped as ``duplicate``."""

    def __init__(self, store: SeenStore):
        self.store = store

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("HARVEST_DEDUPE", True):
            raise NotConfigured("HARVEST_DEDUPE is off")
        store_cls = load_object(crawler.settings.get("HARVEST_SEEN_STORE", "pipelines.dedupe.MemorySeenStore"))
        return cls(store_cls(crawler.settings))

    def process_item(self, item: ArticleItem, spider=None) -> ArticleItem:
        keys = identity_keys(item)
        fresh = [self.store.add(key) for key in keys]
        if not all(fresh):
            seen = keys[fresh.index(False)]
            raise DuplicateRecord("duplicate", f"{seen} already written in this run")
        return item
