"""Keep each page's record in the harvest state, where the pages of one work merge into one record."""

from __future__ import annotations

from harvester.items import ArticleItem
from harvester.crawl.run import run_for
from harvester.state import state_for


class WorksPipeline:
    """Stores every valid record under its page URL; counts works new, updated and unchanged.

    The record passes on unchanged (a feed export, ``-O``, receives every page's record as
    read); the run's own JSON Lines are written from the state when the run closes, one line
    per work that is new or changed.
    """

    def __init__(self, crawler):
        self.state = state_for(crawler)
        self.run_id = run_for(crawler).run_id
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_item(self, item: ArticleItem, spider=None) -> ArticleItem:
        change = self.state.put_page(item.url, item.source, item.to_dict(), self.run_id, read_from_page(item))
        self.stats.inc_value(f"harvest/pages_stored/{change}")
        return item


#: Provenance of fields an OAI-PMH record gives (``oai_dc``, ``oai_jats``, ...).
OAI_SOURCES = ("oai_",)
#: Provenance that any record may carry without a page having been read (language identified from text).
ANY_RECORD = frozenset({"langid"})


def read_from_page(item: ArticleItem) -> bool:
    """True when the record was read from the page at its URL, not only from an OAI record or a listing."""
    if item.record_type != "article":
        return False
    return any(not s.startswith(OAI_SOURCES) and s not in ANY_RECORD for s in item.provenance.values())
