"""Turn the raw values a page gave into the record's normal forms; keep raw dates beside them."""

from __future__ import annotations

from typing import Any, Iterable

from w3lib.url import canonicalize_url

from harvester import normalize as N
from harvester.items import ArticleItem
from harvester.vocabulary import ABSTRACT_LABELS


class NormalizePipeline:
    """Cleans text, parses dates, names, numbering and identifiers in place."""

    def __init__(self, stats=None):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    def process_item(self, item: ArticleItem, spider=None) -> ArticleItem:
        item.title = N.clean_text(item.title)
        item.canonical_url = canonical(item.canonical_url)
        item.authors = [a for a in (normalize_author(raw) for raw in item.authors) if a]
        item.journal = normalize_journal(item.journal, self._count)
        item.volume, item.issue = N.clean_number(item.volume), N.clean_number(item.issue)
        item.first_page, item.last_page = N.clean_number(item.first_page), N.clean_number(item.last_page)
        item.keywords = N.split_keywords(item.keywords)
        item.abstract = N.strip_label(item.abstract, ABSTRACT_LABELS)
        item.language = N.normalize_language(item.language)
        item.doi = N.normalize_doi(item.doi)
        item.related = [r for r in (normalize_related(raw) for raw in item.related) if r]
        self._dates(item)
        item.provenance = {k: v for k, v in item.provenance.items() if _filled(_lookup(item, k))}
        return item

    def _dates(self, item: ArticleItem) -> None:
        item.publication_date_raw = N.clean_text(item.publication_date_raw)
        item.publication_date = N.parse_date(item.publication_date_raw, _languages(item.language))
        if item.publication_date_raw and not item.publication_date:
            self._count("unparsed_date")
        item.last_modified_raw = N.clean_text(item.last_modified_raw)
        item.last_modified = N.parse_datetime(item.last_modified_raw)

    def _count(self, what: str) -> None:
        if self.stats is not None:
            self.stats.inc_value(f"harvest/normalize/{what}")


def normalize_author(raw: Any) -> dict[str, Any] | None:
    """One author as ``{name, given, family, affiliations, orcid}``; None when there is no name."""
    if isinstance(raw, str):
        raw = {"name": raw}
    parsed = N.parse_author(N.clean_text(raw.get("name")) or "") if raw.get("name") else None
    if not parsed or not parsed.get("name"):
        return None
    given, family = N.clean_text(raw.get("given")), N.clean_text(raw.get("family"))
    if family:
        parsed["given"], parsed["family"] = given, family
    parsed["affiliations"] = _unique(N.clean_text(a) for a in raw.get("affiliations") or [])
    parsed["orcid"] = N.normalize_orcid(raw.get("orcid")) or parsed.get("orcid")
    return parsed


def normalize_journal(raw: dict[str, Any], count=lambda what: None) -> dict[str, Any]:
    """Journal title, abbreviation, publisher cleaned; ISSNs kept only when their check digit holds."""
    issns = [N.normalize_issn(v) for v in raw.get("issn") or []]
    if None in issns:
        count("invalid_issn")
    journal = {
        "title": N.clean_text(raw.get("title")),
        "abbreviation": N.clean_text(raw.get("abbreviation")),
        "issn": _unique(issns),
        "publisher": N.clean_text(raw.get("publisher")),
    }
    return {k: v for k, v in journal.items() if v}


def normalize_related(raw: dict[str, str]) -> dict[str, str] | None:
    """A related-article link with a clean title; None when title or URL is missing."""
    title, url = N.clean_text(raw.get("title")), (raw.get("url") or "").strip()
    return {"title": title, "url": url} if title and url else None


def canonical(url: str | None) -> str | None:
    """w3lib's canonical form of an http(s) URL (sorted query, no fragment); None for others."""
    if not url or not url.startswith(("http://", "https://")):
        return None
    return canonicalize_url(url.strip(), keep_fragments=False)


def _unique(values: Iterable[str | None]) -> list[str]:
    seen: dict[str, None] = {}
    for value in values:
        if value and value not in seen:
            seen[value] = None
    return list(seen)


def _languages(language: str | None) -> list[str] | None:
    return [language] if language else None


def _lookup(item: ArticleItem, dotted: str) -> Any:
    """``journal.issn`` -> ``item.journal['issn']``; ``title`` -> ``item.title``."""
    head, _, rest = dotted.partition(".")
    value = getattr(item, head, None)
    return value.get(rest) if rest and isinstance(value, dict) else value


def _filled(value: Any) -> bool:
    return value not in (None, "", [], {})
