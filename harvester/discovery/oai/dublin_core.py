"""Dublin Core records (``oai_dc``, ``nsdl_dc`` and any format carrying DC elements) as a ``Candidate``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable, Optional

from lxml import etree

from harvester.discovery.xmlread import element_text, first
from harvester.extract.base import Candidate
from harvester.extract.meta import author, clean, strip_markup
from harvester.normalize import normalize_doi, normalize_language, parse_page_range, parse_volume_issue
from harvester.vocabulary import DUBLIN_CORE, NUMBERING_LABEL

DC_NS = "http://purl.org/dc/elements/1.1/"
DCTERMS_NS = "http://purl.org/dc/terms/"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True)
class DcValue:
    """One Dublin Core element's text and its ``xml:lang``."""

    text: str
    lang: Optional[str] = None


_DCTERMS_ALIASES = DUBLIN_CORE["dcterms_refinements"]
_PLAIN_DATE = re.compile(r"^\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T")
HTTP_URL = re.compile(r"^https?://", re.I)
FILE_LINK = re.compile(r"\.pdf(?:$|[?#])|/(?:download|bitstream|retrieve)/", re.I)
_ISSN_VALUE = re.compile(
    r"^(?:(?:e|p|print|online|electronic)?[-\s]?issn\s*[:：]?\s*)?(\d{4}\s*[-‐–]?\s*\d{3}[\dXx])$", re.I)
_NUMBERING_LABEL = re.compile(rf"(?:^|(?<=[\s,.;:(])){NUMBERING_LABEL}\s*\d", re.I)


def dc_values(root: etree._Element) -> dict[str, list[DcValue]]:
    """The Dublin Core children of a metadata element (``dc:`` and ``dcterms:``), by element name."""
    found: dict[str, list[DcValue]] = {}
    for child in root:
        tag = child.tag
        if not isinstance(tag, str) or not tag.startswith("{"):
            continue
        namespace, _, name = tag[1:].partition("}")
        if namespace == DCTERMS_NS:
            name = _DCTERMS_ALIASES.get(name, name)
        elif namespace != DC_NS:
            continue
        text = element_text(child)
        if text:
            found.setdefault(name, []).append(DcValue(text, child.get(XML_LANG)))
    return found


def lang_code(lang: Optional[str]) -> Optional[str]:
    return normalize_language(lang) if lang else None


def _record_language(fields: dict[str, list[DcValue]]) -> Optional[str]:
    """The language the record's own texts are in: the declared one if a title carries it, else the first title's."""
    title_langs = [lang_code(v.lang) for v in fields.get("title", []) if v.lang]
    if not title_langs:
        return None
    declared = lang_code(first([v.text for v in fields.get("language", [])]))
    return declared if declared in title_langs else title_langs[0]


def _preferred(values: list[DcValue], lang: Optional[str]) -> list[DcValue]:
    """Values in the record's language (or with none stated) first, then the rest."""
    if not lang:
        return list(values)
    mine = [v for v in values if v.lang is None or lang_code(v.lang) == lang]
    return mine + [v for v in values if v not in mine]


def _in_language(values: list[DcValue], lang: Optional[str]) -> list[DcValue]:
    """Values in the record's language (or with none stated); all of them when none match."""
    if not lang:
        return values
    return [v for v in values if v.lang is None or lang_code(v.lang) == lang] or values


def unique_texts(texts: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(t for t in texts if t))


def pick_dc_date(values: list[str]) -> Optional[str]:
    """The publication date among ``dc:date`` values: the most precise plain date, else the first non-timestamp.

    Repositories add accession timestamps (``2003-03-11T14:00:50Z``) next to the issue date.

    >>> pick_dc_date(["2010-05-06T12:00:00Z", "2010-05-06T12:00:00Z", "2009"])
    '2009'
    >>> pick_dc_date(["2001", "2001-01-04"]), pick_dc_date(["2013-07-19T10:00:21Z"])
    ('2001-01-04', '2013-07-19T10:00:21Z')
    """
    plain = [v for v in values if _PLAIN_DATE.match(v)]
    if plain:
        return max(plain, key=lambda v: v.count("-"))
    return next((v for v in values if not _DATETIME.match(v)), first(values))


def _split_numbering(text: str) -> tuple[str, Optional[str]]:
    """``Journal, Vol. 1 No. 2 (2020)`` -> (``Journal``, ``Vol. 1 No. 2 (2020)``)."""
    match = _NUMBERING_LABEL.search(text)
    if match is None:
        return text, None
    return text[: match.start()].strip(" ,.;:-"), text[match.start():]


def parse_dc_source(text: str) -> dict[str, Any]:
    """Journal title, volume, issue, year, pages and ISSNs from a ``dc:source`` as OJS writes it.

    >>> parse_dc_source("RUDN Journal of Russian History; Vol 24, No 4 (2025); 632-642")
    {'journal_title': 'RUDN Journal of Russian History', 'volume': '24', 'issue': '4', 'year': '2025', 'pages': '632-642'}
    >>> parse_dc_source("Historia Exempli, v. 7 n. 2 (2019)")["issue"], parse_dc_source("2312-8674")
    ('2', {'issn': ['2312-8674']})
    """
    text = clean(text)
    issn = _ISSN_VALUE.match(text)
    if issn:
        return {"issn": [issn.group(1)]}
    if HTTP_URL.match(text) or normalize_doi(text):
        return {}
    parts = [part.strip() for part in text.split(";") if part.strip()] or [""]
    journal, numbering = _split_numbering(parts[0])
    rest = parts[1:]
    if numbering is None and rest:
        numbering, rest = rest[0], rest[1:]
    if numbering is None and any(ch.isdigit() for ch in journal):
        return {}  # a bare string with numbers: a citation we cannot split safely
    found: dict[str, Any] = {"journal_title": journal or None}
    found.update(parse_volume_issue(numbering) if numbering else {})
    found["pages"] = next((p for p in rest if parse_page_range(p)[0]), None)
    return {k: v for k, v in found.items() if v}


def _set_source(cand: Candidate, sources: list[DcValue]) -> None:
    issns: list[str] = []
    for value in sources:
        parsed = parse_dc_source(value.text)
        issns += [i for i in parsed.pop("issn", []) if i not in issns]
        year = parsed.pop("year", None)
        for name, text in parsed.items():
            cand.set(name, text)
        cand.set("publication_date", year)  # only when no dc:date gave one
    cand.set("issn", issns)


def _set_identifiers(cand: Candidate, identifiers: list[DcValue]) -> None:
    for value in identifiers:
        if normalize_doi(value.text):
            cand.set("doi", value.text)
        elif HTTP_URL.match(value.text) and not FILE_LINK.search(value.text):
            cand.set("canonical_url", value.text)


def dc_candidate(root: etree._Element, source: str = "oai_dc") -> Candidate:
    """Raw article fields from an ``oai_dc`` (or ``nsdl_dc``, or any DC-bearing) metadata element."""
    fields = dc_values(root)
    lang = _record_language(fields)
    cand = Candidate(source)
    cand.set("title", first([strip_markup(v.text) for v in _in_language(fields.get("title", []), lang)]))
    cand.set("authors", [author(name) for name in unique_texts(v.text for v in fields.get("creator", []))])
    descriptions = [strip_markup(v.text) for v in _in_language(fields.get("description", []), lang)]
    cand.set("abstract", max(descriptions, key=len) if descriptions else None)
    cand.set("keywords", unique_texts(v.text for v in _in_language(fields.get("subject", []), lang)))
    cand.set("publication_date", pick_dc_date([v.text for v in fields.get("date", [])]))
    cand.set("language", first([v.text for v in fields.get("language", [])]))
    cand.set("publisher", first([v.text for v in _in_language(fields.get("publisher", []), lang)]))
    _set_identifiers(cand, fields.get("identifier", []))
    _set_source(cand, _preferred(fields.get("source", []), lang))
    return cand
