"""Volume, issue and page numbers: labels stripped, ranges split, citation lines read."""

from __future__ import annotations

import re

from harvester.vocabulary import ISSUE_LABEL, PAGE_LABEL, VOLUME_LABEL, pattern

from .dates import YEAR_END
from .text import clean_text, strip_separators

#: Every dash a page or issue range may be written with.
DASHES = "-–—‒−‐‑﹣－"
_DASH = f"[{DASHES}]"
_PAGE = r"[A-Za-z]{0,3}\d+[A-Za-z]?|[ivxlcdmIVXLCDM]+"

_PAGE_LABEL_RE = re.compile(
    rf"^{PAGE_LABEL}(?:\.\s*|:\s*|\s+)",
    re.IGNORECASE,
)
_RANGE_RE = re.compile(rf"^({_PAGE})\s*{_DASH}+\s*({_PAGE})$")
_SINGLE_PAGE_RE = re.compile(rf"^(?:{_PAGE})$")

_NOT_AFTER_LETTER = r"(?<![^\W\d_])"
_NUMBER = r"\d+(?:[A-Za-z](?![^\W\d_]))?"  # '24', '24A'; not the 'N' of 'Vol.24No.4'
_ROMAN = r"(?-i:[IVXLCDM]+)\b"
_VOLUME_LABEL = VOLUME_LABEL
_ISSUE_LABEL = ISSUE_LABEL
_SUPPLEMENT = pattern("supplement")
_ISSUE_VALUE = (
    rf"(?:{_SUPPLEMENT}\.?\s*[A-Za-z]?\d*|S\d+|"
    # a range of issues ('3-4', '9–11'), but not '8 - 3 August 2022' (an issue, then a date)
    rf"{_NUMBER}(?:\s*[{DASHES}/]\s*\d+[A-Za-z]?(?!\s*[^\W\d_]))?)"
)
_VOLUME_RE = re.compile(
    rf"{_NOT_AFTER_LETTER}{_VOLUME_LABEL}\s*({_NUMBER}|{_ROMAN})", re.IGNORECASE
)
_ISSUE_RE = re.compile(rf"{_NOT_AFTER_LETTER}{_ISSUE_LABEL}\s*({_ISSUE_VALUE})", re.IGNORECASE)
_SUPPLEMENT_RE = re.compile(rf"\b{_SUPPLEMENT}\.?\s*[A-Za-z]?\d+", re.IGNORECASE)
_COMPACT_RE = re.compile(r"(?<![\d.])(\d+[A-Za-z]?)\s*\(([^()]{1,15})\)")
_YEAR_IN_PARENS_RE = re.compile(r"\((1\d{3}|20\d{2}|2100)\)")
_YEAR_RE = re.compile(rf"(?<!\d)(1\d{{3}}|20\d{{2}}|2100){YEAR_END}")
#: A number that reads as a year: never a volume unless a label says so ('2021 (v1)' is a date).
_YEAR_LIKE_RE = re.compile(r"^(?:1[6-9]|20)\d\d$")
#: What an unlabelled issue starts with: a digit, or a supplement ('Suppl 2', 'S1', 'Special Issue').
_ISSUE_START_RE = re.compile(rf"^(?:\d|{_SUPPLEMENT}|{pattern('special_issue')}|S\d)", re.IGNORECASE)
#: Words that number something other than a volume ('Chapter 5 (2)', 'Fig. 3(b)').
_OTHER_NUMBERED_RE = re.compile(rf"(?<![^\W\d_]){pattern('other_numbered')}\.?\s*$", re.IGNORECASE)
_CITATION_PAGES_RE = re.compile(
    rf"(?<![\d.])(\d+[A-Za-z]?)\s*(?:\(([^()]{{1,15}})\))?\s*:\s*((?:{_PAGE})(?:\s*{_DASH}+\s*(?:{_PAGE}))?)\b"
)
#: 'Acta Exempli 68 (4), 2023: 709-718': volume (issue), year, then the pages after a colon.
_YEAR_PAGES_RE = re.compile(
    rf"(?<![\d.])(\d+[A-Za-z]?)\s*\(([^()]{{1,15}})\)\s*,\s*(1\d{{3}}|20\d{{2}})\s*:\s*"
    rf"((?:{_PAGE})(?:\s*{_DASH}+\s*(?:{_PAGE}))?)\b"
)
_LABELLED_PAGES_RE = re.compile(
    rf"{_NOT_AFTER_LETTER}{PAGE_LABEL}(?:\.\s*|:\s*|\s+)"
    rf"((?:{_PAGE})(?:\s*{_DASH}+\s*(?:{_PAGE}))?)",
    re.IGNORECASE,
)
_NUMBER_LABEL_RE = re.compile(
    rf"^(?:(?:{_VOLUME_LABEL}|{_ISSUE_LABEL})\s*|{PAGE_LABEL}(?:\.\s*|:\s*|\s+))", re.IGNORECASE
)
_ROMAN_RE = re.compile(r"^[IVXLCDM]+$", re.IGNORECASE)
_DIGIT_RE = re.compile(r"\d")


def _expand_last_page(first: str, last: str) -> str:
    """Complete an abbreviated last page (``1234-56`` means 1256) when that gives a later page."""
    if first.isdigit() and last.isdigit() and len(last) < len(first):
        expanded = first[: len(first) - len(last)] + last
        if int(expanded) > int(first):
            return expanded
    return last


def parse_page_range(raw: str | None) -> tuple[str | None, str | None]:
    """First and last page from ``632-642``, ``pp. 632–642``, ``e0187654``; (None, None) for garbage.

    >>> parse_page_range("pp. 437-90"), parse_page_range("e0187654")
    (('437', '490'), ('e0187654', None))
    """
    text = strip_separators(raw)
    if text is None:
        return None, None
    text = _PAGE_LABEL_RE.sub("", text, count=1).rstrip(".")
    match = _RANGE_RE.match(text)
    if match:
        first, last = match.groups()
        return first, _expand_last_page(first, last)
    if _SINGLE_PAGE_RE.match(text) and (_DIGIT_RE.search(text) or _ROMAN_RE.match(text)):
        return text, None
    return None, None


def _issue_text(value: str) -> str:
    """An issue value as printed, with inner whitespace collapsed and a trailing dot dropped."""
    return " ".join(value.split()).rstrip(".")


def _year_outside(text: str, spans: list[tuple[int, int]]) -> str | None:
    """The publication year: a parenthesised year first, else a year outside the matched spans."""
    match = _YEAR_IN_PARENS_RE.search(text)
    if match:
        return match.group(1)
    for match in _YEAR_RE.finditer(text):
        if not any(start <= match.start() < end for start, end in spans):
            return match.group(1)
    return None


def _labelled_numbers(text: str) -> tuple[str | None, str | None, list[tuple[int, int]]]:
    """Volume and issue from labels (``Vol.``, ``No`` and their kin in every language) and the spans they cover."""
    volume = _VOLUME_RE.search(text)
    issue = _ISSUE_RE.search(text) or _SUPPLEMENT_RE.search(text)
    spans = [match.span() for match in (volume, issue) if match]
    issue_text = _issue_text(issue.group(issue.lastindex or 0)) if issue else None
    return (volume.group(1) if volume else None), issue_text, spans


def _is_unlabelled_numbering(text: str, match: re.Match[str]) -> bool:
    """True when ``match`` (volume, then issue or nothing) reads as a volume and issue without labels.

    Refused: a year-like volume, an issue that neither starts with a digit nor is a supplement
    ('2021 (v1)', 'Chapter 5 (pp. 112-130)'), and a number a word before it gives to something else.
    """
    volume, issue = match.group(1), match.group(2)
    if _YEAR_LIKE_RE.match(volume) or (issue is not None and not _ISSUE_START_RE.match(issue.strip())):
        return False
    return _OTHER_NUMBERED_RE.search(text, 0, match.start()) is None


def _compact_numbers(text: str) -> tuple[str | None, str | None, list[tuple[int, int]]]:
    """Volume and issue from ``19(2)``, unless the brackets hold a year (``Polymer 18 (2010)``)."""
    for match in _COMPACT_RE.finditer(text):
        if not _YEAR_RE.fullmatch(match.group(2)) and _is_unlabelled_numbering(text, match):
            return match.group(1), _issue_text(match.group(2)), [match.span()]
    return None, None, []


def parse_volume_issue(raw: str | None) -> dict[str, str | None]:
    """Volume, issue and year from ``Vol 24, No 4 (2025)``, ``19(2)`` and the like, in every language.

    >>> parse_volume_issue("Vol 24, No 4 (2025)")
    {'volume': '24', 'issue': '4', 'year': '2025'}
    """
    text = clean_text(raw)
    if text is None:
        return {"volume": None, "issue": None, "year": None}
    volume, issue, spans = _labelled_numbers(text)
    if not spans:
        volume, issue, spans = _compact_numbers(text)
    return {"volume": volume, "issue": issue, "year": _year_outside(text, spans)}


def _pages(text: str | None) -> dict[str, str | None]:
    first, last = parse_page_range(text)
    return {"first_page": first, "last_page": last}


def parse_citation_line(raw: str | None) -> dict[str, str | None]:
    """Volume, issue, year and pages from a citation line (``Journal. 2020;19(2):292-297``).

    >>> parse_citation_line("RUDN Journal of Russian History. 2020;19(2):292-297")["first_page"]
    '292'
    >>> parse_citation_line("Acta Exempli 68 (4), 2023: 709-718")
    {'volume': '68', 'issue': '4', 'year': '2023', 'first_page': '709', 'last_page': '718'}
    """
    text = clean_text(raw) or ""
    dated = _YEAR_PAGES_RE.search(text)
    if dated and _is_unlabelled_numbering(text, dated):
        volume, issue, year, pages = dated.groups()
        return {"volume": volume, "issue": _issue_text(issue), "year": year, **_pages(pages)}
    match = next((m for m in _CITATION_PAGES_RE.finditer(text) if _is_unlabelled_numbering(text, m)), None)
    if match:
        volume, issue, pages = match.groups()
        year = _year_outside(text[: match.start()] + " " + text[match.end():], [])
        issue = _issue_text(issue) if issue else None
        return {"volume": volume, "issue": issue, "year": year, **_pages(pages)}
    labelled_pages = _LABELLED_PAGES_RE.search(text)
    return {**parse_volume_issue(text), **_pages(labelled_pages.group(1) if labelled_pages else None)}


def clean_number(raw: str | None) -> str | None:
    """A volume, issue or page value without its label (``Vol. 24`` gives ``24``); None without a number.

    >>> clean_number("No. 4"), clean_number(" 18 "), clean_number("Special")
    ('4', '18', None)
    """
    text = strip_separators(raw)
    if text is None:
        return None
    text = strip_separators(_NUMBER_LABEL_RE.sub("", text, count=1)) or ""
    text = text.rstrip(".")
    if _DIGIT_RE.search(text) or _ROMAN_RE.match(text):
        return text
    return None
