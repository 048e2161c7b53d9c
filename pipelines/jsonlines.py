"""Write the run's works as JSON Lines to ``<output>/<source>/<run id>.jsonl`` when the run closes."""

from __future__ import annotations

import logging

from harvester.crawl.run import run_for
from harvester.state import state_for

logger = logging.getLogger(__name__)


class JsonLinesWriterPipeline:
    """Exports, per source, every work the run found new or changed (``HARVEST_SNAPSHOT``: every work).

    The file is made from the harvest state in one pass, under ``.part`` until complete, so a
    killed run leaves no half file, and the same run id started again writes the whole file anew.
    """

    def __init__(self, crawler):
        self.enabled = crawler.settings.getbool("HARVEST_WRITE_JSONL", True)
        self.snapshot = crawler.settings.getbool("HARVEST_SNAPSHOT", False)
        self.run = run_for(crawler)
        self.state = state_for(crawler)
        self.stats = crawler.stats
        self.sources: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_item(self, item, spider=None):
        self.sources.add(item.source)
        return item

    def close_spider(self, spider=None) -> None:
        if not self.enabled:
            return
        try:
            for source in sorted(self.sources | self.run.sources | self.state.run_sources(self.run.run_id)):
                self._export(source)
        except Exception:
            self.stats.set_value("harvest/internal_error", "the run's JSON Lines could not be written")
            raise

    def _export(self, source: str) -> None:
        writer = self.run.writer(source, fresh=True)
        for work in self.state.works(self.run.run_id, source, snapshot=self.snapshot):
            self.stats.inc_value(f"harvest/works/{work.change}")
            if work.change == "unchanged" and not self.snapshot:
                continue
            record = {**work.record, "change": work.change, "urls": list(work.urls),
                      "first_seen": work.first_seen, "last_changed": work.last_changed}
            writer.write(record)
            self.stats.inc_value("harvest/written")
        writer.close()
        logger.info("Wrote %d records to %s", writer.count, writer.path)
        self.stats.set_value(f"harvest/output/{writer.path}", writer.count)
