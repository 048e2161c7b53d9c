"""Caps on the length of every text field and on the size of every list, so no page writes a huge record.

Runs after normalisation and before schema validation. A text over its cap is cut at a word
boundary (ending in ``…``) and the field is named in the record's ``truncated`` list; a list over
its cap keeps its first items and is named too. Identifiers and URLs are never cut (a cut DOI
is a wrong DOI): an over-long one is dropped, counted (``harvest/bounds/dropped/<field>``) and
logged. Caps (characters, or items for lists):

=====================================  ======
field                                  cap
=====================================  ======
title                                  1000
abstract                               20000
journal.title, journal.publisher       500
journal.abbreviation                   200
volume, issue, first_page, last_page   50
publication_date_raw, last_modified_raw 200
language, platform                     50
keywords                               100 items, each 300
authors                                500 items; name 300; 20 affiliations of 1000 each; orcid 50
related                                200 items; title 1000
doi (dropped, not cut)                 300
canonical_url, related url (dropped)   4000
=====================================  ======
"""

from __future__ import annotations

import logging
from typing import Any

from harvester.items import ArticleItem

logger = logging.getLogger(__name__)

ELLIPSIS = "…"
TEXT_CAPS = {"title": 1000, "abstract": 20000, "volume": 50, "issue": 50, "first_page": 50, "last_page": 50,
             "publication_date_raw": 200, "last_modified_raw": 200, "language": 50, "platform": 50}
JOURNAL_CAPS = {"title": 500, "publisher": 500, "abbreviation": 200}
DROP_CAPS = {"doi": 300, "canonical_url": 4000}
MAX_KEYWORDS, KEYWORD_CAP = 100, 300
MAX_AUTHORS, NAME_CAP, MAX_AFFILIATIONS, AFFILIATION_CAP, ORCID_CAP = 500, 300, 20, 1000, 50
MAX_RELATED, RELATED_TITLE_CAP, URL_CAP = 200, 1000, 4000


def cut(text: str | None, cap: int) -> str | None:
    """``text`` at most ``cap`` characters, cut at a word boundary and ended with ``…`` when too long.

    >>> cut("short", 10)
    'short'
    >>> cut("a title that goes on and on", 16)
    'a title that…'
    >>> cut("x" * 20, 8)
    'xxxxxxx…'
    """
    if text is None or len(text) <= cap:
        return text
    head = text[:cap - len(ELLIPSIS) + 1]
    space = head.rfind(" ")
    if space >= cap // 2:
        head = head[:space]
    else:
        head = head[:cap - len(ELLIPSIS)]
    return head.rstrip(" ,;:-–—") + ELLIPSIS


class BoundsPipeline:
    """Cuts over-long texts and lists (named in ``truncated``); drops over-long identifiers."""

    def __init__(self, stats=None):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    def process_item(self, item: ArticleItem, spider=None) -> ArticleItem:
        cuts: list[str] = []
        for name, cap in TEXT_CAPS.items():
            setattr(item, name, self._text(getattr(item, name), cap, name, cuts))
        item.journal = {k: (self._text(v, JOURNAL_CAPS[k], f"journal.{k}", cuts) if k in JOURNAL_CAPS else v)
                        for k, v in item.journal.items()}
        for name, cap in DROP_CAPS.items():
            value = getattr(item, name)
            if value is not None and len(value) > cap:
                self._dropped(item, name, len(value), cap)
                setattr(item, name, None)
        item.keywords = self._list([cut(k, KEYWORD_CAP) for k in item.keywords], MAX_KEYWORDS, "keywords", cuts,
                                   any(len(k) > KEYWORD_CAP for k in item.keywords))
        item.authors = self._list([self._author(a, cuts) for a in item.authors], MAX_AUTHORS, "authors", cuts)
        related = [r for r in item.related if len(r.get("url") or "") <= URL_CAP]
        item.related = self._list([{**r, "title": cut(r["title"], RELATED_TITLE_CAP)} for r in related],
                                  MAX_RELATED, "related", cuts,
                                  len(related) < len(item.related) or any(len(r["title"]) > RELATED_TITLE_CAP
                                                                          for r in related))
        if cuts:
            item.truncated = sorted(set(item.truncated) | set(cuts))
            self._count("truncated_records")
        item.provenance = {k: v for k, v in item.provenance.items() if _filled(item, k)}
        return item

    def _text(self, value: Any, cap: int, name: str, cuts: list[str]) -> Any:
        if isinstance(value, str) and len(value) > cap:
            cuts.append(name)
            self._count(f"truncated/{name}")
            return cut(value, cap)
        return value

    def _list(self, values: list, cap: int, name: str, cuts: list[str], changed: bool = False) -> list:
        if len(values) > cap or changed:
            cuts.append(name)
            self._count(f"truncated/{name}")
        return values[:cap]

    def _author(self, author: dict, cuts: list[str]) -> dict:
        """One author with name, given, family, affiliations and ORCID within their caps."""
        out = dict(author)
        for key in ("name", "given", "family"):
            out[key] = self._text(out.get(key), NAME_CAP, "authors", cuts)
        if out.get("orcid") and len(out["orcid"]) > ORCID_CAP:
            out["orcid"] = None
            cuts.append("authors")
        affiliations = out.get("affiliations") or []
        out["affiliations"] = self._list([cut(a, AFFILIATION_CAP) for a in affiliations], MAX_AFFILIATIONS,
                                         "authors", cuts, any(len(a) > AFFILIATION_CAP for a in affiliations))
        return {k: v for k, v in out.items() if k in author or v}

    def _dropped(self, item: ArticleItem, name: str, length: int, cap: int) -> None:
        self._count(f"dropped/{name}")
        logger.warning("%s of %s dropped: %d characters, over the cap of %d", name, item.url, length, cap)

    def _count(self, what: str) -> None:
        if self.stats is not None:
            self.stats.inc_value(f"harvest/bounds/{what}")


def _filled(item: ArticleItem, dotted: str) -> bool:
    """Whether the field a provenance key names still holds something."""
    head, _, rest = dotted.partition(".")
    value = getattr(item, head, None)
    if rest and isinstance(value, dict):
        value = value.get(rest)
    return value not in (None, "", [], {})
