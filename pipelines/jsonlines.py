"""Write each record as one line of UTF-8 JSON to ``<output>/<source>/<run id>.jsonl``."""

from __future__ import annotations

import logging

from harvester.items import ArticleItem
from harvester.run import run_for

logger = logging.getLogger(__name__)


class JsonLinesWriterPipeline:
    """Appends records as whole lines, so a killed run never leaves half a record behind."""

    def __init__(self, crawler):
        self.enabled = crawler.settings.getbool("HARVEST_WRITE_JSONL", True)
        self.run = run_for(crawler)
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_item(self, item: ArticleItem, spider=None) -> ArticleItem:
        if self.enabled:
            self.run.writer(item.source).write(item.to_dict())
            self.stats.inc_value("harvest/written")
        return item

    def close_spider(self, spider=None) -> None:
        self.run.close("records")
        for path, count in self.run.written().items():
            logger.info("Wrote %d records to %s", count, path)
            self.stats.set_value(f"harvest/output/{path}", count)
