"""From one fetched page to what a crawl needs of it: a record, a refusal, or the pages it leads to.

``read_page`` is the extractor's single entry point for crawled pages and ``build_record`` the
single place a record is assembled, whatever it is built from (an article page, an OAI-PMH
record, a listing entry, or an OAI record completed by its landing page). Both are pure: they
know nothing about requests, schedulers or signals, so a spider only routes what they return.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from scrapy.http import TextResponse

from harvester.extract.article import ArticlePage
from harvester.extract.base import Candidate
from harvester.extract.document import decode_response, parse_html, truncated_fields
from harvester.extract.merge import Merged, merge
from harvester.extract.pagekind import body_refusal
from harvester.items import ArticleItem

#: Provenance names of the record fields whose merged name differs.
PROVENANCE_NAMES = {"journal_title": "journal", "journal_abbrev": "journal.abbreviation",
                    "issn": "journal.issn", "publisher": "journal.publisher"}


@dataclass(frozen=True)
class Stored:
    """Values read earlier from another document about the same article (an OAI record, a listing entry)."""

    source: str
    values: dict

    @classmethod
    def from_meta(cls, data: dict | None) -> Stored | None:
        """The form kept in request meta (``{"source": ..., "values": ...}``), or None."""
        return cls(data["source"], dict(data["values"])) if data else None

    def candidate(self) -> Candidate:
        return Candidate(self.source, dict(self.values))


@dataclass(frozen=True)
class Target:
    """A page this one leads to: its URL, what it should be, and the listing's entry for it, if any."""

    url: str
    kind: str  # "article" or "listing"
    listing: dict | None = None


@dataclass
class PageReading:
    """What a page gave: ``kind`` is article, listing, other or refused (``reason`` says why)."""

    kind: str
    reason: str = ""
    detail: str = ""
    record: ArticleItem | None = None
    targets: list[Target] = field(default_factory=list)


def read_page(response, source: str, harvested_at: str, requested: str, oai: Stored | None = None,
              follow: bool = True) -> PageReading:
    """Read a downloaded page: refuse it, or classify it, build its record and list where it leads."""
    refusal = body_refusal(response.body) or (None if isinstance(response, TextResponse) else "not_text")
    if refusal:
        return PageReading("refused", refusal)
    decoded = decode_response(response)
    if decoded.problem:
        return PageReading("refused", "undecodable_text", decoded.problem)
    page = ArticlePage(parse_html(decoded.text), response.url)
    if (refusal := page.refusal()):
        return PageReading("refused", refusal)
    verdict = page.verdict()
    reading = PageReading(verdict.kind, verdict.reason)
    if verdict.kind == "article":
        reading.record = page_record(page, requested, source, harvested_at, oai)
    if follow:
        reading.targets = page_targets(page, verdict.kind)
    return reading


def page_record(page: ArticlePage, url: str, source: str, harvested_at: str, oai: Stored | None = None) -> ArticleItem:
    """The record of an article page (``url``: as requested), completing ``oai`` when one led here."""
    record = build_record(url, source, harvested_at, page=page, oai=oai)
    if page.url != url:
        record.final_url = page.url  # redirected (only ever within the run's sites)
    record.truncated = truncated_fields(page.selector)  # a title cut while parsing (bounded extraction)
    return record


def page_targets(page: ArticlePage, kind: str) -> list[Target]:
    """Pages this one leads to: an article's related articles, or a listing's entries, articles and pages."""
    if kind == "article":
        return [Target(r["url"], "article") for r in page.merged.values.get("related") or []]
    targets = [Target(e.url, "article", e.candidate().values if e.describes_article else None) for e in page.entries]
    targets += [Target(u, "article") for u in page.links.articles]
    return targets + [Target(u, "listing") for u in page.links.next_pages + page.links.listings]


def build_record(url: str, source: str, harvested_at: str, page: ArticlePage | None = None,
                 oai: Stored | None = None, listing: Stored | None = None) -> ArticleItem:
    """One record from whatever describes the article, merged by the same rules (``merge``).

    An OAI-PMH record leads its landing page (the repository's curated record), which fills and
    refines it: a full date on the page that agrees with the record's year replaces it. A listing
    entry is the record only when neither a page nor an OAI record is at hand (``record_type``
    ``listing``).
    """
    if page is not None and oai is None:
        return assemble(page.merged, url, source, harvested_at, page.platform)
    if page is not None:
        merged = merge([oai.candidate(), *page.candidates], lead=(oai.source,))
        return assemble(merged, url, source, harvested_at, page.platform)
    if oai is not None:
        return assemble(merge([oai.candidate()]), url, source, harvested_at)
    if listing is not None:
        return assemble(merge([listing.candidate()]), url, source, harvested_at, record_type="listing")
    raise ValueError("a record needs a page, an OAI-PMH record or a listing entry")


def assemble(merged: Merged, url: str, source: str, harvested_at: str, platform: str | None = None,
             record_type: str = "article") -> ArticleItem:
    """An ``ArticleItem`` holding merged raw values; pipelines normalise it."""
    v = merged.values
    prov = {PROVENANCE_NAMES.get(k, k): source_name for k, source_name in merged.provenance.items()}
    journal = {"title": v.get("journal_title"), "abbreviation": v.get("journal_abbrev"),
               "issn": list(v.get("issn") or []), "publisher": v.get("publisher")}
    return ArticleItem(
        url=url, source=source, record_type=record_type, canonical_url=v.get("canonical_url"),
        title=v.get("title"), authors=_authors(v.get("authors")), journal=journal, volume=v.get("volume"),
        issue=v.get("issue"), first_page=v.get("first_page"), last_page=v.get("last_page"),
        publication_date_raw=v.get("publication_date"), keywords=v.get("keywords") or [],
        abstract=v.get("abstract"), language=v.get("language"), doi=v.get("doi"),
        last_modified_raw=v.get("last_modified"), related=list(v.get("related") or []),
        platform=platform, provenance=prov, harvested_at=harvested_at,
    )


def _authors(raw) -> list[dict]:
    if not raw:
        return []
    if isinstance(raw, str):
        return [{"name": raw}]
    return [a if isinstance(a, dict) else {"name": str(a)} for a in raw]
