"""The article record: one typed item per article page, documented field by field.

The JSON Schema shipped in ``harvester/schema/`` describes the same record as it is
written to JSON Lines; ``SCHEMA_VERSION`` names that file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional, TypedDict

SCHEMA_VERSION = "1.1"
#: Fields a record carries only when they hold something.
OPTIONAL_FIELDS = ("final_url", "truncated")


class Author(TypedDict, total=False):
    """One author, in page order."""

    name: str
    """The name as the page gives it, cleaned (``Antoshin A.V.``, ``Alexey Antoshin``)."""
    given: Optional[str]
    """Given names or initials (``Alexey``, ``A.V.``); empty when the page gives none."""
    family: Optional[str]
    """Family name (``Antoshin``)."""
    affiliations: list[str]
    """Institutions the page ties to this author."""
    orcid: Optional[str]
    """Bare ORCID iD (``0000-0002-1825-0097``) when the page states one."""


class Journal(TypedDict, total=False):
    """The periodical that published the article."""

    title: Optional[str]
    """Full journal title."""
    abbreviation: Optional[str]
    """Abbreviated title (``J Polym Environ``) when stated."""
    issn: list[str]
    """ISSNs that pass the check digit, formatted ``NNNN-NNNC`` (print and electronic)."""
    publisher: Optional[str]
    """Publisher name when stated."""


class Related(TypedDict):
    """A link to another article shown on the page (``Other Latest Articles``)."""

    title: str
    url: str


class WorkFields(TypedDict, total=False):
    """Fields a record of the run's JSON Lines carries beyond ``ArticleItem``: the work across its pages."""

    work_id: str
    """The work's identity: ``doi:<DOI>`` (lower case), else ``url:<canonical URL or URL>``."""
    change: str
    """``new``, ``updated`` or ``unchanged``: the work against the harvest state before this run."""
    urls: list[str]
    """Every URL the work was seen at (an aggregator, the journal's own page, a mirror)."""
    provenance_urls: dict[str, str]
    """For each filled field, the URL of the page it came from (``provenance`` names the source on that page)."""
    first_seen: str
    """When a run first saw the work (UTC, ISO 8601)."""
    last_changed: str
    """When a run last saw the work's record change (UTC, ISO 8601)."""


@dataclass
class ArticleItem:
    """One scholarly article as read from one page."""

    url: str
    """The URL fetched, exactly as requested (``file://`` URLs included)."""
    source: str
    """Short name of the site or source the record came from (sources file name, else host)."""
    schema_version: str = SCHEMA_VERSION
    """Version of ``harvester/schema/article-<version>.schema.json`` the record follows."""
    record_type: str = "article"
    """``article`` for a record read from an article page; ``listing`` for one read only from a listing."""
    canonical_url: Optional[str] = None
    """The page's declared canonical URL (``link rel=canonical``, ``og:url``, ``citation_*_url``), canonicalised."""
    title: Optional[str] = None
    """Article title without the site name."""
    authors: list[Author] = field(default_factory=list)
    """Authors in page order."""
    journal: Journal = field(default_factory=dict)
    """The journal (title, ISSNs, publisher)."""
    volume: Optional[str] = None
    """Volume as printed (``24``)."""
    issue: Optional[str] = None
    """Issue number as printed (``4``, ``3-4``, ``Suppl 1``)."""
    first_page: Optional[str] = None
    """First page or article number."""
    last_page: Optional[str] = None
    """Last page, when a range is stated."""
    publication_date: Optional[str] = None
    """ISO 8601 at the precision the page gives: ``2025``, ``2025-12`` or ``2025-12-16``."""
    publication_date_raw: Optional[str] = None
    """The date string exactly as the page gave it."""
    keywords: list[str] = field(default_factory=list)
    """Author keywords in page order, without duplicates."""
    abstract: Optional[str] = None
    """The abstract as plain text, nothing after it."""
    language: Optional[str] = None
    """ISO 639-1 code of the article's language (declared, else identified from its text)."""
    doi: Optional[str] = None
    """Bare DOI (``10.22363/2312-8674-2025-24-4-632-642``), no resolver prefix."""
    last_modified: Optional[str] = None
    """When the source last changed the record (ISO 8601 date-time), when the page says."""
    last_modified_raw: Optional[str] = None
    """The last-modified string exactly as the page gave it."""
    related: list[Related] = field(default_factory=list)
    """Other articles the page links to (title and absolute URL)."""
    platform: Optional[str] = None
    """Publishing platform detected from page content (``ojs``, ``atypon``, ``aggregator``, ...)."""
    provenance: dict[str, str] = field(default_factory=dict)
    """For each filled field, the part of the page it came from (``citation``, ``jsonld``, ``labels``, ...)."""
    harvested_at: Optional[str] = None
    """UTC time the page was parsed (ISO 8601 with ``Z``)."""
    final_url: Optional[str] = None
    """Optional: the URL the page finally came from when redirects (within the run's sites) led away from ``url``."""
    truncated: list[str] = field(default_factory=list)
    """Optional: fields whose over-long value was cut at a word boundary (caps in ``pipelines/bounds.py``)."""

    def to_dict(self) -> dict[str, Any]:
        """The record as plain JSON-ready data."""
        from dataclasses import asdict

        record = asdict(self)
        for name in OPTIONAL_FIELDS:  # left out when empty: records without them keep their fingerprints
            if not record.get(name):
                record.pop(name, None)
        return record
