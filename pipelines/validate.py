"""Reject records that break the shipped JSON Schema, with the reasons."""

from __future__ import annotations

from harvester.exceptions import InvalidRecord
from harvester.items import ArticleItem
from harvester.schema import schema_errors


class SchemaValidationPipeline:
    """Drops (into the rejects file, via ``InvalidRecord``) any record the JSON Schema refuses."""

    def __init__(self, stats=None):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    def process_item(self, item: ArticleItem, spider=None) -> ArticleItem:
        errors = schema_errors(item.to_dict())
        if errors:
            raise InvalidRecord("schema_invalid", "; ".join(errors[:5]), record=item.to_dict())
        if self.stats is not None:
            self.stats.inc_value("harvest/valid")
        return item
