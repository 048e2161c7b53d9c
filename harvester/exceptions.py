"""Reasons a record does not reach the output, as ``DropItem`` subclasses with a code."""

from scrapy.exceptions import DropItem


class RecordDropped(DropItem):
    """A record dropped for a stated reason; ``outcome`` says how the run counts it."""

    outcome = "rejected"

    def __init__(self, reason: str, detail: str = "", record: dict | None = None):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail
        self.record = record


class InvalidRecord(RecordDropped):
    """The record does not satisfy the JSON Schema."""
