"""The values of labelled lines ('Pages: 632-642', a <dt>DOI</dt> and the lines under it), as raw fields.

A line that starts with a label carries its value after the colon; a label alone on its line takes
its value from the lines that follow, inside the element that frames the label, up to the next label
or heading.  Values are raw: whitespace collapsed, trailing ';' or ',' dropped; ``keywords`` is one
string, several value lines joined with '; '.  The numbering shapes 'Journal: NAME (Vol.24, No. 4)'
and 'Issue: Vol 24, No 4 (2025)' are split into volume and issue.  Reference lines are never read.
"""

from __future__ import annotations

import re
from typing import Any, Callable
from urllib.parse import urljoin

from harvester.extract.citeline import read_journal_reference
from harvester.extract.labelled.abstract_lines import ABSTRACT_KINDS, abstract_lines
from harvester.extract.labelled.author_values import author_names
from harvester.extract.labelled.headings import is_section_heading
from harvester.extract.labelled.keyword_lists import line_keywords, without_section_names
from harvester.extract.labelled.numbering import split_numbering
from harvester.extract.labelled.values import clean_value, put, split_list
from harvester.extract.visible import Line, label_scope, within
from harvester.normalize import split_keywords
from harvester.vocabulary import label_key, pattern

_LIST_KINDS = frozenset({"authors", "affiliations", "keywords"})
#: Interface text that sits among author names (search and profile links), never a name.
_NOT_A_NAME = re.compile(
    rf"^{pattern('profile_link_verb')}\b.*\b{pattern('profile_link_object')}\b"
    rf"|:|^{pattern('author_list_heading')}$",
    re.I,
)
#: A page count, not the pages: '32', '32 p.', '120 pages' (a page-count unit of any language).
_PAGE_COUNT = re.compile(rf"\d+\s*{pattern('page_count_unit')}?", re.I)
_SHORT_NUMBER = re.compile(r"\d+[a-z]?(?:\s*[-–/]\s*\d+)?|[A-Za-z]+\.?\s*\d+", re.I)
_LEADING_NUMBER = re.compile(r"\d+[a-z]?\b", re.I)
_HAS_DIGIT = re.compile(r"\d")
_JOURNAL_NUMBERING = re.compile(r"^(?P<name>.*?)\s*\((?P<numbering>[^()]*\d[^()]*)\)\s*$")
#: A catalogue's statement of responsibility after the title: ' / by J. Doe', ' / edited by J. Doe'.
_RESPONSIBILITY = re.compile(rf"\s+/\s+(?:{pattern('byline')}|{pattern('responsibility')})\s+[^/]{{2,120}}$", re.I)


def _following(index: int, lines: list[Line], labelled: list) -> list[Line]:
    """Lines after a label alone on its line, inside its frame, up to the next label."""
    scope, found = label_scope(lines[index]), []
    for position in range(index + 1, len(lines)):
        line = lines[position]
        if labelled[position] is not None or not within(line.start, scope):
            break
        found.append(line)
    return found


def _until_heading(lines: list[Line]) -> list[Line]:
    return lines[: next((i for i, line in enumerate(lines) if line.heading), len(lines))]


def _related(lines: list[Line], url: str) -> list[dict[str, str]]:
    """Links listed under a 'latest articles' heading, with absolute URLs."""
    related, seen = [], set()
    for line in lines:
        if line.heading and not line.links:
            break
        for title, href in line.links:
            absolute = urljoin(url, href)
            if href.startswith(("#", "javascript:", "mailto:")) or absolute in seen:
                continue
            seen.add(absolute)
            related.append({"title": title, "url": absolute})
    return related


def _value_from_lines(kind: str, lines: list[Line], label: Line) -> str:
    if kind in ABSTRACT_KINDS:
        return " ".join(line.text for line in abstract_lines(lines, label)).strip(" :：")
    lines = _until_heading(lines)
    if kind == "authors":
        lines = [line for line in lines if not _NOT_A_NAME.search(line.text)]
    if kind == "keywords":
        lines = lines[: next((i for i, line in enumerate(lines) if is_section_heading(line.text)), len(lines))]
        return "; ".join(line_keywords(line, clean_value(line.text)) for line in lines if clean_value(line.text))
    if kind in _LIST_KINDS:
        return "; ".join(clean_value(line.text) for line in lines if clean_value(line.text))
    return clean_value(lines[0].text) if lines else ""


def _take_numbering(found: dict[str, Any], value: str) -> None:
    volume, issue, date = split_numbering(value)
    if volume is None and issue is None and _SHORT_NUMBER.fullmatch(value):
        issue = value
    put(found, "volume", volume)
    put(found, "issue", issue)
    put(found, "_issue_date", date)


def _take_volume(found: dict[str, Any], value: str) -> None:
    """'24', 'Vol. 24' or '24 (2025)'; never a proceedings title under a 'Volume' label."""
    leading = _LEADING_NUMBER.match(value)
    put(found, "volume", split_numbering(value)[0] or (leading.group(0) if leading else None))


def _take_journal(found: dict[str, Any], value: str) -> None:
    """'RUDN Journal of Russian History (Vol.24, No. 4)' -> title, volume, issue."""
    match = _JOURNAL_NUMBERING.match(value)
    if match and any(split_numbering(match.group("numbering"))[:2]):
        _take_numbering(found, match.group("numbering"))
        value = match.group("name")
    put(found, "journal_title", clean_value(value))


def _without_responsibility(title: str) -> str:
    """A catalogue title without the statement of responsibility after it.

    >>> _without_responsibility("Tidal mills / by Dr. Anna Muster")
    'Tidal mills'
    """
    return _RESPONSIBILITY.sub("", title) if title else title


def _take_journal_ref(found: dict[str, Any], value: str) -> None:
    """Journal, volume, pages and year of a preprint's journal reference."""
    ref = read_journal_reference(value)
    put(found, "journal_title", ref.get("journal"))
    put(found, "volume", ref.get("volume"))
    put(found, "issue", ref.get("issue"))
    if ref.get("first_page"):
        put(found, "pages", "-".join(filter(None, (ref["first_page"], ref.get("last_page")))))
    put(found, "publication_date", ref.get("date"))


def _take_date(found: dict[str, Any], value: str) -> None:
    """A date has digits; 'Published: online first' is no date."""
    if _HAS_DIGIT.search(value):
        put(found, "publication_date", value)


_TAKERS: dict[str, Callable[[dict[str, Any], str], None]] = {
    "title": lambda found, value: put(found, "title", _without_responsibility(value)),
    "journal": _take_journal,
    "journal_ref": _take_journal_ref,
    "issue": _take_numbering,
    "volume": _take_volume,
    "date": _take_date,
    "authors": lambda found, value: put(found, "_authors", author_names(value)),
    "affiliations": lambda found, value: put(found, "_affiliations", split_list(value)),
    "pages": lambda found, value: put(found, "pages", value),
    "page_span": lambda found, value: put(found, "pages", None if _PAGE_COUNT.fullmatch(value) else value),
    "keywords": lambda found, value: put(found, "keywords", without_section_names(value)),
    "abstract": lambda found, value: put(found, "abstract", value),
    "scientific_abstract": lambda found, value: put(found, "_scientific_abstract", value),
    "citation": lambda found, value: put(found, "_citation", value),
    "last_modified": lambda found, value: put(found, "last_modified", value),
    "doi": lambda found, value: put(found, "doi", value),
    "url": lambda found, value: put(found, "canonical_url", value),
}
_READ_KINDS = frozenset(_TAKERS) | {"related"}


def read_labelled(lines: list[Line], labelled: list, url: str) -> dict[str, Any]:
    """Every labelled value outside reference lists; the first occurrence giving a value wins."""
    found: dict[str, Any] = {}
    done: set[str] = set()
    for index, entries in enumerate(labelled):
        for kind, inline in entries or ():
            if kind == "abstract" and kind in done:
                found.setdefault("_more_abstracts", []).append(
                    clean_value(inline) or _value_from_lines(kind, _following(index, lines, labelled), lines[index]))
            if kind not in _READ_KINDS or (kind in done and kind != "keywords"):
                continue
            # An inline value stands alone; only 'related' reads links from that same line.
            following = [lines[index]] if clean_value(inline) else _following(index, lines, labelled)
            if kind == "keywords" and clean_value(inline):
                inline = line_keywords(lines[index], clean_value(inline))
            if kind in done:
                _more_keywords(found, _label_of(lines[index]),
                               clean_value(inline) or _value_from_lines(kind, following, lines[index]))
                continue
            before = len(found)
            _take(found, kind, inline, following, url, lines[index])
            if len(found) > before:
                done.add(kind)
                if kind == "keywords":
                    found["_keyword_labels"] = {_label_of(lines[index])}
    return found


def _label_of(line: Line) -> str:
    """The label of a labelled line, as looked up."""
    return label_key(line.text.split(":")[0])


def _more_keywords(found: dict[str, Any], label: str, value: str) -> None:
    """A keyword list under another keyword label (the article's keywords in its other language) joins the first."""
    if not value or label in found["_keyword_labels"]:
        return
    found["_keyword_labels"].add(label)
    kept: dict[str, str] = {}
    for keyword in split_keywords(found["keywords"]) + split_keywords(value):
        kept.setdefault(keyword.casefold(), keyword)
    found["keywords"] = "; ".join(kept.values())


def _take(found: dict[str, Any], kind: str, inline: str, following: list[Line], url: str, label: Line) -> None:
    """Store one label's value: its inline text, else what the lines after it hold."""
    if kind == "related":
        put(found, "related", _related(following, url))
    else:
        _TAKERS[kind](found, clean_value(inline) or _value_from_lines(kind, following, label))
