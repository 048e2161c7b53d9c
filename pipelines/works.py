"""Keep each page's record in the harvest state, where the pages of one work merge into one record."""

from __future__ import annotations

from harvester.items import ArticleItem
from harvester.run import run_for
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
        change = self.state.put_page(item.url, item.source, item.to_dict(), self.run_id)
        self.stats.inc_value(f"harvest/pages_stored/{change}")
        return item
