"""COinS: OpenURL ContextObjects (URL-encoded KEV) in the ``title`` of ``<span class="Z3988">``."""

from __future__ import annotations

from typing import Any, Optional
from urllib.parse import parse_qsl

from lxml import etree
from parsel import Selector

from harvester.extract.base import Candidate
from harvester.extract.meta import author, clean, looks_like_doi

_COINS_TITLES = etree.XPath("//span[contains(concat(' ', normalize-space(@class), ' '), ' Z3988 ')]/@title")
_INFO_DOI = "info:doi/"


def parse_kev(title: str) -> dict[str, list[str]]:
    """The non-empty values of a KEV string by key, in order.

    >>> parse_kev("rft.au=Wang%2C+Shirley&rft.au=Gagne%2C+J&rft.spage=&rft.volume=353")
    {'rft.au': ['Wang, Shirley', 'Gagne, J'], 'rft.volume': ['353']}
    """
    fields: dict[str, list[str]] = {}
    for key, value in parse_qsl(title, encoding="utf-8", errors="replace"):
        text = clean(value)
        if text:
            # Double-escaped pages leave '&amp;' behind, which splits into 'amp;rft.x' keys.
            fields.setdefault(key.removeprefix("amp;"), []).append(text)
    return fields


def _first(fields: dict[str, list[str]], *keys: str) -> Optional[str]:
    for key in keys:
        if key in fields:
            return fields[key][0]
    return None


def _describes_article(fields: dict[str, list[str]]) -> bool:
    return "rft.atitle" in fields or "article" in (genre.lower() for genre in fields.get("rft.genre", ()))


def _first_author(fields: dict[str, list[str]]) -> Optional[dict[str, Any]]:
    """The author given as ``rft.aulast`` / ``rft.aufirst`` (or ``rft.auinit``) parts."""
    family = _first(fields, "rft.aulast")
    if not family:
        return None
    given = _first(fields, "rft.aufirst", "rft.auinit")
    entry = author(f"{given} {family}" if given else family)
    entry["family"] = family
    if given:
        entry["given"] = given
    return entry


def _authors(fields: dict[str, list[str]]) -> list[dict[str, Any]]:
    """The aulast/aufirst author, then every ``rft.au`` (skipping a first one that repeats them)."""
    first = _first_author(fields)
    names = fields.get("rft.au", [])
    if first and names and first["family"].lower() in names[0].lower():
        names = names[1:]
    return ([first] if first else []) + [author(name) for name in names]


def _doi(fields: dict[str, list[str]]) -> Optional[str]:
    for identifier in fields.get("rft_id", []) + fields.get("rft.doi", []):
        if identifier.lower().startswith(_INFO_DOI):
            return identifier[len(_INFO_DOI):]
        if looks_like_doi(identifier):
            return identifier
    return None


def _fill(fields: dict[str, list[str]], candidate: Candidate) -> None:
    candidate.set("title", _first(fields, "rft.atitle"))
    candidate.set("authors", _authors(fields))
    candidate.set("journal_title", _first(fields, "rft.jtitle", "rft.title"))
    candidate.set("journal_abbrev", _first(fields, "rft.stitle"))
    candidate.set("issn", list(dict.fromkeys(fields.get("rft.issn", []) + fields.get("rft.eissn", []))))
    candidate.set("publisher", _first(fields, "rft.pub", "rft.publisher"))
    candidate.set("volume", _first(fields, "rft.volume"))
    candidate.set("issue", _first(fields, "rft.issue"))
    candidate.set("first_page", _first(fields, "rft.spage", "rft.artnum"))
    candidate.set("last_page", _first(fields, "rft.epage"))
    candidate.set("pages", _first(fields, "rft.pages"))
    candidate.set("publication_date", _first(fields, "rft.date"))
    candidate.set("language", _first(fields, "rft.language"))
    candidate.set("doi", _doi(fields))


def coins_candidate(selector: Selector) -> Candidate:
    """The first COinS span on the page that describes an article (``rft.atitle`` or genre article)."""
    candidate = Candidate("coins")
    root = selector.root
    if not hasattr(root, "iter"):
        return candidate
    for title in _COINS_TITLES(root):
        fields = parse_kev(str(title))
        if _describes_article(fields):
            _fill(fields, candidate)
            break
    return candidate
