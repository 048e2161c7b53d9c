"""DOIs, ISSNs and ORCID iDs: strip prefixes, check syntax and check digits, format one way."""

from __future__ import annotations

import re
from urllib.parse import unquote

from stdnum import issn as _issn
from stdnum.iso7064 import mod_11_2

from .text import clean_text

_DOI_PREFIX_RE = re.compile(
    r"^(?:(?:https?:/{1,2})?(?:(?:www|dx)\.)?doi\.org/|urn:doi:|info:doi/|doi\s*[:：]?\s*)+",
    re.IGNORECASE,
)
_DOI_RE = re.compile(r"^10\.\d{4,9}/\S+$")
# In free text a DOI runs until whitespace, a quote, an angle bracket or a URL query/fragment.
_DOI_IN_TEXT_RE = re.compile(r"10\.\d{4,9}/[^\s\"'<>?#&]+")
_TRAILING_PUNCT = ".,;:"
_CLOSERS = {")": "(", "]": "["}

_ISSN_RE = re.compile(r"(?<![\dXx])(\d{4})\s*[-‐‑–—]?\s*(\d{3}[\dXx])(?![\dXx])")
_ORCID_RE = re.compile(r"(?<![\d])(\d{4})[-‐‑– ]?(\d{4})[-‐‑– ]?(\d{4})[-‐‑– ]?(\d{3}[\dXx])(?![\dXx])")


def _trim_doi_end(doi: str) -> str:
    """Drop trailing punctuation and closing brackets that have no opening partner in the DOI."""
    while doi:
        last = doi[-1]
        if last in _TRAILING_PUNCT:
            doi = doi[:-1]
        elif last in _CLOSERS and doi.count(last) > doi.count(_CLOSERS[last]):
            doi = doi[:-1]
        else:
            break
    return doi


def normalize_doi(raw: str | None) -> str | None:
    """Bare DOI (``10.1000/xyz``) from a DOI with or without resolver prefix, else None; case kept.

    >>> normalize_doi("https://doi.org/10.22363/2312-8674-2025-24-4-632-642.")
    '10.22363/2312-8674-2025-24-4-632-642'
    >>> normalize_doi("ade/1391109086") is None
    True
    """
    text = clean_text(raw)
    if text is None:
        return None
    if "%" in text:
        text = unquote(text)
    doi = _trim_doi_end(_DOI_PREFIX_RE.sub("", text))
    return doi if _DOI_RE.match(doi) else None


def find_doi(text: str | None) -> str | None:
    """The first DOI in free text or an href, without resolver prefix or trailing punctuation."""
    cleaned = clean_text(text)
    if cleaned is None:
        return None
    if "%" in cleaned:
        cleaned = unquote(cleaned)
    match = _DOI_IN_TEXT_RE.search(cleaned)
    if match is None:
        return None
    doi = _trim_doi_end(match.group())
    return doi if _DOI_RE.match(doi) else None


def find_issns(text: str | None) -> list[str]:
    """Every ISSN in ``text`` that passes the check digit, formatted ``NNNN-NNNC``, without repeats."""
    if not text:
        return []
    found: list[str] = []
    for first, second in _ISSN_RE.findall(text):
        number = (first + second).upper()
        if _issn.is_valid(number):
            formatted = _issn.format(number)
            if formatted not in found:
                found.append(formatted)
    return found


def normalize_issn(raw: str | None) -> str | None:
    """The first valid ISSN in ``raw`` as ``NNNN-NNNC`` (upper-case X), None when the check digit fails.

    >>> normalize_issn("eISSN: 2312-8674"), normalize_issn("2312-8675")
    ('2312-8674', None)
    """
    found = find_issns(raw)
    return found[0] if found else None


def normalize_orcid(raw: str | None) -> str | None:
    """Bare ORCID iD (``0000-0002-1825-0097``) from a URL or text, None when the checksum fails.

    >>> normalize_orcid("https://orcid.org/0000-0002-1825-0097")
    '0000-0002-1825-0097'
    """
    if not raw:
        return None
    for groups in _ORCID_RE.findall(raw):
        digits = "".join(groups).upper()
        if mod_11_2.is_valid(digits):
            return "-".join(groups).upper()
    return None


#: Characters after which a longer DOI goes on from a shorter one ('….g001', '…/table-1', '…_12').
DOI_SUFFIX_BOUNDARY = frozenset("./-_")


def doi_extension(shorter: str, longer: str) -> str | None:
    """What ``longer`` adds to ``shorter`` when it extends that DOI past a boundary, else None.

    >>> doi_extension("10.1371/journal.pone.0213978", "https://doi.org/10.1371/journal.pone.0213978.g001")
    'g001'
    """
    short, long = (d.split("doi.org/", 1)[-1].casefold() for d in (shorter, longer))
    if short != long and long.startswith(short) and long[len(short)] in DOI_SUFFIX_BOUNDARY:
        return long[len(short) + 1:]
    return None


def is_part_doi(parent: str, child: str) -> bool:
    """``child`` numbers a work inside ``parent`` (a paper in a proceedings volume, a chapter in a book),
    not a component of it (a figure, a table, a zero-padded sub-article: '….g001', '…/table-1', '….007').

    >>> is_part_doi("10.1007/978-3-030-12345-6", "10.1007/978-3-030-12345-6_12")
    True
    >>> is_part_doi("10.1371/journal.pone.0213978", "10.1371/journal.pone.0213978.g001")
    False
    >>> is_part_doi("10.7554/eLife.44753", "10.7554/eLife.44753.007")
    False
    """
    extension = doi_extension(parent, child)
    return bool(extension) and extension[0] in "123456789"
