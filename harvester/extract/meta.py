"""Embedded ``<meta>`` vocabularies: Highwire ``citation_*``, Dublin Core, PRISM, eprints, bepress, OpenGraph.

``MetaIndex`` reads every ``<meta>`` and ``<link rel>`` of a page in one pass; each
``*_candidate`` function then answers from that index with dictionary look-ups only.
Values are raw (whitespace collapsed); normalisation happens later.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any, Optional

from parsel import Selector

from harvester.extract.base import Candidate
from harvester.vocabulary import DUBLIN_CORE

_DOI_VALUE = re.compile(
    r"^(?:doi:\s*|info:doi/|https?://(?:www\.|dx\.)?doi\.org/)?10\.\d{4,9}/\S+$", re.IGNORECASE
)
# Only tag names seen inside meta-held text: a bare '<' in a formula ('x<y') must survive.
_MARKUP = re.compile(
    r"</?(?:p|i|b|u|em|strong|sub|sup|br|span|div|a|sc|small|italic|bold|"
    r"(?:jats|mml):[a-z-]+)(?:\s[^<>]*)?/?>",
    re.IGNORECASE,
)
_ONLY_DIGITS = re.compile(r"^\d+$")
_URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
_KEY_ATTRIBUTES = ("name", "property", "itemprop")

# Highwire dates, most specific first: the issue date, then the generic and online ones.
_HIGHWIRE_DATES = ("publication_date", "date", "cover_date", "online_date", "year")
# Dublin Core names per field, in order of preference (dates: issued, then created, then the plain date).
_DC = DUBLIN_CORE["meta_tags"]

def clean(text: str) -> str:
    """Collapse runs of whitespace (non-breaking spaces included) and strip the ends.

    >>> clean("  Carlos \\n  Dobkin\\xa0 ")
    'Carlos Dobkin'
    """
    return " ".join(text.split())


def looks_like_doi(value: str) -> bool:
    """True when the whole value is a DOI, bare or behind a ``doi:``/``info:doi/``/resolver prefix.

    >>> [looks_like_doi(v) for v in ("10.1101/696633", "doi:10.1063/1.4945450", "ade/1391109086")]
    [True, True, False]
    >>> looks_like_doi("https://doi.org/10.1007/s10924-010-0192-1")
    True
    """
    return bool(_DOI_VALUE.match(value.strip()))


def strip_markup(text: str) -> str:
    """Drop inline HTML/JATS tags some sites leave inside meta-held text, then clean.

    >>> strip_markup("<p>Cell-free  DNA</p><p>is fragmented.</p>")
    'Cell-free DNA is fragmented.'
    >>> strip_markup("<i>Fusarium poae</i> when x<y and z>w")
    'Fusarium poae when x<y and z>w'
    >>> strip_markup("Rising CO<sub>2</sub> and Ca<sup>2+</sup><br/>Next")
    'Rising CO2 and Ca2+ Next'
    """
    return clean(_MARKUP.sub(_markup_gap, text) if "<" in text else text)


#: Tags inside meta-held text that end a block (one space); every other tag is inline (nothing).
_BLOCK_MARKUP = re.compile(r"</?(?:p|br|div|jats:(?:p|sec|title|list|list-item|abstract))\b", re.IGNORECASE)


def _markup_gap(match: re.Match[str]) -> str:
    """What a tag leaves in the text: a space for a block ('<p>', '<br/>'), nothing for inline markup ('<sub>')."""
    return " " if _BLOCK_MARKUP.match(match.group(0)) else ""


def split_names(value: str) -> list[str]:
    """Names from one author value; only ``;`` counts as a separator (``,`` may sit inside a name).

    >>> split_names("Laddomada, Barbara ; Del Coco, Laura;")
    ['Laddomada, Barbara', 'Del Coco, Laura']
    >>> split_names("Bushong, Jacob T.")
    ['Bushong, Jacob T.']
    """
    return [clean(part) for part in value.split(";") if part.strip()]


def author(
    name: str, affiliations: Optional[list[str]] = None, orcid: Optional[str] = None
) -> dict[str, Any]:
    """One raw author entry in the shape ``base.FIELDS['authors']`` describes."""
    return {"name": name, "affiliations": affiliations or [], "orcid": orcid}


def normalise_key(raw: str) -> str:
    """Lower-case a meta key; ``DC:``/``DCTERMS:`` prefixes are written with a dot like the rest.

    >>> [normalise_key(k) for k in ("DC.Title", "dc.title", "DC:date", "og:title")]
    ['dc.title', 'dc.title', 'dc.date', 'og:title']
    """
    key = raw.strip().lower()
    if key.startswith(("dc:", "dcterms:")):
        key = key.replace(":", ".", 1)
    return key


class MetaIndex:
    """Every non-empty ``<meta>`` value of one page by normalised key, and ``<link rel>`` targets."""

    __slots__ = ("_by_key", "_ordered", "_links")

    def __init__(self) -> None:
        self._by_key: dict[str, list[tuple[int, str]]] = {}
        self._ordered: list[tuple[str, str]] = []
        self._links: dict[str, list[str]] = {}

    @classmethod
    def from_selector(cls, selector: Selector) -> "MetaIndex":
        """Build the index in one walk over the page's ``meta`` and ``link`` elements."""
        index = cls()
        root = selector.root
        if not hasattr(root, "iter"):
            return index
        for element in root.iter("meta", "link"):
            if element.tag == "meta":
                index._add_meta(element)
            else:
                index._add_link(element)
        return index

    def _add_meta(self, element: Any) -> None:
        # A saved-page tool renamed content= to value= on some copies.
        value = element.get("content") or element.get("value")
        if not value or value.isspace():
            return
        raw_keys = (element.get(attribute) for attribute in _KEY_ATTRIBUTES)
        for key in dict.fromkeys(normalise_key(raw) for raw in raw_keys if raw and raw.strip()):
            self._by_key.setdefault(key, []).append((len(self._ordered), value))
            self._ordered.append((key, value))

    def _add_link(self, element: Any) -> None:
        href = (element.get("href") or "").strip()
        if href:
            for rel in (element.get("rel") or "").lower().split():
                self._links.setdefault(rel, []).append(href)

    def first(self, *keys: str) -> Optional[str]:
        """The first value of the first key (in argument order) the page has, else None."""
        for key in keys:
            entries = self._by_key.get(key)
            if entries:
                return entries[0][1]
        return None

    def all(self, *keys: str) -> list[str]:
        """All values of the given keys, in document order."""
        found = [entry for key in keys for entry in self._by_key.get(key, ())]
        if len(keys) > 1:
            found.sort()
        return [value for _, value in found]

    def keys(self) -> Iterable[str]:
        """The normalised keys present on the page."""
        return self._by_key.keys()

    def ordered(self) -> list[tuple[str, str]]:
        """Every (key, value) pair in document order, to rebuild groups such as an author's tags."""
        return self._ordered

    def links(self, rel: str) -> list[str]:
        """``href`` of every ``<link>`` whose ``rel`` holds ``rel`` (lower case), in document order."""
        return self._links.get(rel, [])

    def __contains__(self, key: str) -> bool:
        return key in self._by_key


def _first(index: MetaIndex, *keys: str) -> Optional[str]:
    value = index.first(*keys)
    return clean(value) if value else None


def _first_text(index: MetaIndex, *keys: str) -> Optional[str]:
    """Like ``_first`` for prose fields (titles, abstracts), which may carry inline markup."""
    value = index.first(*keys)
    return strip_markup(value) if value else None


def _first_of_each(index: MetaIndex, keys: Iterable[str], accept: Callable[[str], bool]) -> Optional[str]:
    """The first cleaned value, trying keys in order, that ``accept`` approves."""
    for key in keys:
        for value in index.all(key):
            text = clean(value)
            if text and accept(text):
                return text
    return None


def _unique(index: MetaIndex, *keys: str) -> list[str]:
    return list(dict.fromkeys(text for text in map(clean, index.all(*keys)) if text))


def _one_or_many(values: list[str]) -> Any:
    """One tag's value as a string (it may hold separators), several tags' values as a list."""
    return values[0] if len(values) == 1 else values


def _keywords(index: MetaIndex, *keys: str) -> Any:
    return _one_or_many([text for text in map(strip_markup, index.all(*keys)) if text])


def _doi(index: MetaIndex, *keys: str) -> Optional[str]:
    return _first_of_each(index, keys, looks_like_doi)


def _plain_authors(index: MetaIndex, *keys: str) -> list[dict[str, Any]]:
    return [author(name) for value in index.all(*keys) for name in split_names(value)]


def _attach(entry: dict[str, Any], detail: str, value: str) -> None:
    """Add one ``*_author_<detail>`` tag's value to the author it follows."""
    text = clean(value)
    if detail in ("_institution", "_affiliation") and text:
        entry["affiliations"].append(text)
    elif detail == "_orcid" and text and not entry["orcid"]:
        entry["orcid"] = text


def grouped_authors(index: MetaIndex, author_key: str) -> list[dict[str, Any]]:
    """Authors from ``author_key`` tags, each with the institution/ORCID tags that follow it."""
    if author_key not in index:
        return []
    authors: list[dict[str, Any]] = []
    current = None
    detail_prefix = author_key + "_"
    for key, value in index.ordered():
        if key == author_key:
            names = split_names(value)
            authors.extend(author(name) for name in names)
            # Details after a joined 'A; B' tag cannot be told apart: attach them to nobody.
            current = authors[-1] if len(names) == 1 else None
        elif current is not None and key.startswith(detail_prefix):
            _attach(current, key[len(author_key):], value)
    return authors


def _highwire_work(index: MetaIndex, prefix: str, candidate: Candidate) -> None:
    """Title, authors, date, keywords, abstract, language and DOI from ``<prefix>*`` tags."""
    candidate.set("title", _first_text(index, prefix + "title"))
    authors = grouped_authors(index, prefix + "author")
    candidate.set("authors", authors or _plain_authors(index, prefix + "authors"))
    candidate.set("publication_date", _first(index, *(prefix + key for key in _HIGHWIRE_DATES)))
    candidate.set("keywords", _keywords(index, prefix + "keywords"))
    candidate.set("abstract", _first_text(index, prefix + "abstract"))
    candidate.set("language", _first(index, prefix + "language"))
    candidate.set("doi", _doi(index, prefix + "doi", prefix + "id"))


def _highwire_venue(index: MetaIndex, prefix: str, candidate: Candidate) -> None:
    """Journal, ISSNs, publisher, volume, issue and pages from ``<prefix>*`` tags."""
    candidate.set("journal_title", _first(index, prefix + "journal_title", prefix + "conference_title"))
    abbrev_keys = (prefix + "journal_abbrev",)
    candidate.set("journal_abbrev", _first_of_each(index, abbrev_keys, lambda v: not _ONLY_DIGITS.match(v)))
    candidate.set("issn", _unique(index, prefix + "issn", prefix + "eissn", prefix + "pissn"))
    candidate.set("publisher", _first(index, prefix + "publisher"))
    candidate.set("volume", _first(index, prefix + "volume"))
    candidate.set("issue", _first(index, prefix + "issue"))
    candidate.set("first_page", _first(index, prefix + "firstpage"))
    candidate.set("last_page", _first(index, prefix + "lastpage"))


def citation_candidate(index: MetaIndex) -> Candidate:
    """Highwire / Google Scholar ``citation_*`` tags."""
    candidate = Candidate("citation")
    _highwire_work(index, "citation_", candidate)
    _highwire_venue(index, "citation_", candidate)
    return candidate


def bepress_candidate(index: MetaIndex) -> Candidate:
    """bepress Digital Commons ``bepress_citation_*`` tags (the Highwire set under another prefix)."""
    candidate = Candidate("bepress")
    _highwire_work(index, "bepress_citation_", candidate)
    _highwire_venue(index, "bepress_citation_", candidate)
    return candidate


def _not_a_link(value: str) -> bool:
    return not _URL.match(value) and not looks_like_doi(value)


def _dc_authors(index: MetaIndex, *keys: str) -> list[dict[str, Any]]:
    return _plain_authors(index, *_DC["personal_names"]) or _plain_authors(index, *keys)


def _dc_journal(index: MetaIndex, *keys: str) -> Optional[str]:
    # dc.source also carries URLs and DOIs of the article itself: those are no journal title.
    return _first_of_each(index, keys, _not_a_link)


def _dublin_core_fields() -> tuple[tuple[str, Callable[..., Any]], ...]:
    """(field, reader) for each field Dublin Core tags fill, in the order they are set."""
    return (("title", _first_text), ("authors", _dc_authors), ("publication_date", _first),
            ("last_modified", _first), ("doi", _doi), ("keywords", _keywords), ("abstract", _first_text),
            ("language", _first), ("journal_title", _dc_journal), ("issn", _unique), ("publisher", _first),
            ("volume", _first), ("issue", _first), ("first_page", _first), ("last_page", _first))


def dublin_core_candidate(index: MetaIndex) -> Candidate:
    """Dublin Core ``DC.*`` / ``DCTERMS.*`` tags in any letter case."""
    candidate = Candidate("dc")
    for name, read in _dublin_core_fields():
        candidate.set(name, read(index, *_DC[name]))
    return candidate


def prism_candidate(index: MetaIndex) -> Candidate:
    """PRISM ``prism.*`` tags (publication name, ISSNs, volume, number, pages, DOI, dates)."""
    candidate = Candidate("prism")
    candidate.set("journal_title", _first(index, "prism.publicationname"))
    candidate.set("issn", _unique(index, "prism.issn", "prism.eissn"))
    candidate.set("volume", _first(index, "prism.volume"))
    candidate.set("issue", _first(index, "prism.number"))
    candidate.set("first_page", _first(index, "prism.startingpage"))
    candidate.set("last_page", _first(index, "prism.endingpage"))
    candidate.set("pages", _first(index, "prism.pagerange"))
    candidate.set("doi", _doi(index, "prism.doi"))
    candidate.set("publication_date", _first(index, "prism.publicationdate", "prism.coverdate"))
    candidate.set("keywords", _keywords(index, "prism.keyword"))
    candidate.set("canonical_url", _first(index, "prism.url"))
    return candidate


def eprints_candidate(index: MetaIndex) -> Candidate:
    """EPrints repository ``eprints.*`` tags."""
    candidate = Candidate("eprints")
    candidate.set("title", _first_text(index, "eprints.title"))
    candidate.set("authors", _plain_authors(index, "eprints.creators_name"))
    candidate.set("journal_title", _first(index, "eprints.publication"))
    candidate.set("issn", _unique(index, "eprints.issn"))
    candidate.set("publisher", _first(index, "eprints.publisher"))
    candidate.set("volume", _first(index, "eprints.volume"))
    candidate.set("issue", _first(index, "eprints.number"))
    candidate.set("pages", _first(index, "eprints.pagerange"))
    candidate.set("publication_date", _first(index, "eprints.date"))
    candidate.set("abstract", _first_text(index, "eprints.abstract"))
    candidate.set("keywords", _keywords(index, "eprints.keywords"))
    candidate.set("doi", _doi(index, "eprints.id_number", "eprints.doi"))
    return candidate


def opengraph_candidate(index: MetaIndex) -> Candidate:
    """Open Graph: raw ``og:title``, ``og:description`` as a weak abstract, ``og:url``, published time."""
    candidate = Candidate("og")
    candidate.set("title", without_site_name(_first_text(index, "og:title"), _first_text(index, "og:site_name")))
    candidate.set("abstract", _first_text(index, "og:description"))
    candidate.set("canonical_url", _first(index, "og:url"))
    candidate.set("publication_date", _first(index, "article:published_time"))
    return candidate


_SITE_SEPARATOR = re.compile(r"\s+(?:\||::|—|–|-|·)\s+")


def without_site_name(title: Optional[str], site: Optional[str]) -> Optional[str]:
    """``title`` without a leading or trailing ``og:site_name`` joined by a separator.

    >>> without_site_name("Quantum sensing | ACS Photonics", "ACS Photonics")
    'Quantum sensing'
    >>> without_site_name("Nature :: Mass spectrometry - a primer", "Nature")
    'Mass spectrometry - a primer'
    >>> without_site_name("Mass spectrometry - a primer", "Nature")
    'Mass spectrometry - a primer'
    """
    if not title or not site:
        return title
    parts = _SITE_SEPARATOR.split(title)
    if len(parts) > 1 and parts[-1].casefold() == site.casefold():
        return title[: title.rfind(parts[-1])].rstrip(" |:—–-·")
    if len(parts) > 1 and parts[0].casefold() == site.casefold():
        return title[len(parts[0]):].lstrip(" |:—–-·")
    return title


def page_candidate(selector: Selector, index: Optional[MetaIndex] = None) -> Candidate:
    """Page-level declarations: the ``<link rel="canonical">`` target (raw, maybe relative) and
    ``<html lang>``, the interface locale, which the merge trusts least of all language evidence."""
    index = index if index is not None else MetaIndex.from_selector(selector)
    candidate = Candidate("page")
    canonical = index.links("canonical")
    candidate.set("canonical_url", canonical[0] if canonical else None)
    lang = selector.root.get("lang") or selector.root.get("{http://www.w3.org/XML/1998/namespace}lang")
    candidate.set("language", clean(lang) if lang else None)
    return candidate


META_SOURCES = (
    citation_candidate, dublin_core_candidate, prism_candidate,
    eprints_candidate, bepress_candidate, opengraph_candidate,
)


def meta_candidates(index: MetaIndex) -> list[Candidate]:
    """The non-empty candidates of every meta vocabulary, in ``META_SOURCES`` order."""
    return [candidate for candidate in (source(index) for source in META_SOURCES) if candidate]
