"""Harvest state: what earlier runs saw, so that a run writes only what is new or changed.

The state remembers, per page URL, the record the page gave and when; per work (DOI, else
canonical URL) the record merged from all its pages, a fingerprint of it, when it was first
seen, last seen and last changed; per OAI-PMH list, the date of its last complete harvest;
per run and source, how many works it saw. ``HarvestState`` is the interface the crawl uses;
``SqliteState`` (``harvester.state.sqlite``) is the embedded default, and a shared store
(Redis, for many workers) implements the same methods.

A run is idempotent over the state: storing the same page twice changes nothing, so a run
killed and started again with the same run id ends with exactly the state (and the output)
of an uninterrupted one.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Protocol

from scrapy.utils.misc import load_object

_STATES: "weakref.WeakKeyDictionary[Any, HarvestState]" = weakref.WeakKeyDictionary()


@dataclass(frozen=True)
class Work:
    """One work as the state holds it: its merged record and its history."""

    key: str
    record: dict
    change: str
    """``new``, ``updated`` or ``unchanged``: the work now against the work when the run first touched it."""
    first_seen: str
    last_changed: str
    urls: tuple[str, ...]


@dataclass(frozen=True)
class PageStamp:
    """What the state knows of a page URL: when its record was stored, and its HTTP validators."""

    fetched_at: float
    etag: str | None = None
    last_modified: str | None = None


class HarvestState(Protocol):
    """What the crawl asks of the harvest state."""

    def put_page(self, url: str, source: str, record: dict, run: str, fetched: bool = True) -> str:
        """Store a page's record; merge it into its work; return ``new``, ``updated`` or ``unchanged``.

        ``fetched`` is False for a record that was not read from the page (an OAI-PMH record, a
        listing entry written because the page failed): the page still counts as never fetched.
        """

    def page(self, url: str) -> PageStamp | None:
        """When a page URL was last fetched for a record, with its validators; None if never."""

    def refresh_page(self, url: str, run: str, source: str) -> None:
        """The page was found unchanged (fresh, or ``304``): it counts as seen now."""

    def saw_page(self, url: str) -> None:
        """A known page was listed again and left unfetched: its work was seen now."""

    def put_validators(self, url: str, etag: str | None, last_modified: str | None) -> None:
        """Remember a page's ``ETag`` and ``Last-Modified`` for conditional requests."""

    def works(self, run: str, source: str, snapshot: bool = False) -> Iterator[Work]:
        """Works a run touched for a source (``snapshot``: every work of the source)."""

    def run_sources(self, run: str) -> set[str]:
        """Sources whose works this run (this worker, when distributed) is to write."""

    def oai_from(self, endpoint: str, set_spec: str | None, prefix: str) -> str | None:
        """``from`` date for the next harvest of an OAI-PMH list: the start of the last complete one."""

    def oai_done(self, endpoint: str, set_spec: str | None, prefix: str, started: str) -> None:
        """An OAI-PMH list was harvested to its end; ``started`` is the responseDate of its first page."""

    def works_seen_since(self, source: str, since: str) -> int:
        """Works with a page of the source that were seen (stored, refreshed or listed) at or after ``since``."""

    def works_seen_last_time(self, source: str, run: str) -> int | None:
        """Works the source's previous finished run saw (None: no earlier run)."""

    def end_run(self, run: str, source: str, works_seen: int) -> None:
        """Record how many works a finished run saw for a source."""

    def flush(self) -> None:
        """Make everything stored so far durable."""

    def close(self) -> None:
        """Flush and release the store."""


def state_path(settings) -> Path:
    """``HARVEST_STATE_PATH``, else ``<HARVEST_OUTPUT_DIR>/state.sqlite``."""
    configured = settings.get("HARVEST_STATE_PATH")
    return Path(configured) if configured else Path(settings.get("HARVEST_OUTPUT_DIR", "data")) / "state.sqlite"


def state_for(crawler) -> HarvestState:
    """The harvest state of a crawler, opened on first use (``HARVEST_STATE_CLASS`` names the store)."""
    if crawler not in _STATES:
        cls = load_object(crawler.settings.get("HARVEST_STATE_CLASS", "harvester.state.sqlite.SqliteState"))
        _STATES[crawler] = cls.from_settings(crawler.settings)
    return _STATES[crawler]
