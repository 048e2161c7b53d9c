"""Labelled visible text ('Pages: 632-642', <dt>DOI</dt>, OJS item labels) read with one vocabulary.

The main content is turned into visible lines once; a line that starts with a known label
(any language of ``harvester.vocabulary``) carries its value after the colon, and further labels glued
onto that value ('…(Vol.24, No. 4)Publication Date: 2025-12-16') split it.  A label standing
alone on its line (a heading, <dt>, <th>, OJS ``.label``) takes its value from the lines that
follow, inside the element that frames the label, up to the next label or heading.

Values are raw: whitespace collapsed, trailing ';' or ',' dropped.  ``keywords`` is one raw
string, several value lines joined with '; '.  Only this module knows the numbering shapes
'Journal: NAME (Vol.24, No. 4)' and 'Issue: Vol 24, No 4 (2025)', so it splits them into
volume and issue; the issue's year becomes ``publication_date`` only when no date label is
found.  Lines in reference lists are never read.

Fields no label gives are then looked for in shapes that carry no labels, each a fallback:

* a repository's full record table, rows named 'dc.title', 'dc.subject', … (several abstracts:
  the one tagged with the record's language);
* a byline ('By JANE DOE', 'by A, B, and C.') near the top of the content, or right above an
  issue line in a closing citation block, with the title in the block above it on pages
  without headings; an issue line ('Journal, Volume 12, Number 3 - 1 March 2021',
  'Issue 21, Spring 2011'); with an issue line and no journal, the part of <title> naming one;
* an APA-style citation under a 'Citation' / 'How to cite' label;
* a list right after a keywords label in the article (tag dropdowns, info boxes; never a side column);
* a block classed as the abstract ('abstract', 'hlFld-Abstract', SPIP 'chapo').

A 'Scientific Abstract' beats a plain 'Abstract' (then a lay summary); lay and popular
summaries end an abstract and are never one.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Optional
from urllib.parse import urljoin

from parsel import Selector

from harvester.extract.base import Candidate
from harvester.extract.citeline import read_journal_reference
from harvester.extract.validators import plausible_title
from harvester.extract.visible import (
    BLOCK_TAGS, CHROME_TAGS, CONTENT_TAGS, Line, PageText, any_ancestor, in_reference_list, is_chrome, is_foreign,
    joined_text, label_scope, page_text, text_len, text_lines, within,
)
from harvester.normalize import normalize_language, split_authors, split_keywords
from harvester.normalize.language import is_cjk_text
from harvester.vocabulary import (
    DUBLIN_CORE, ISSUE_LABEL, KEYWORD_LABELS, LABEL_AT_START, LABEL_GLUED, LABELS, LABELS_OF_AUTHORS, PAGE_PART_HEADINGS,
    NUMBERING_LABEL, REFERENCE_HEADINGS, VOLUME_LABEL, headings, is_label, label_key, pattern, words,
)

#: A label alone on its line is never longer than this.
_MAX_BARE = 60
_REFERENCE_STOP = [("stop", "")]
_LIST_KINDS = frozenset({"authors", "affiliations", "keywords"})
_ABSTRACT_KINDS = frozenset({"abstract", "scientific_abstract"})
#: Sub-headings of structured abstracts, which belong to the abstract, and the words joining them.
_ABSTRACT_PARTS = headings("abstract_parts")
_PART_JOINERS = headings("part_joiners")
_PART_WORDS = re.compile(r"[\s,/]+")
#: Section headings that follow an abstract and are never part of one (alone on their line).
_SECTION_HEADINGS = headings("section")
#: '1. Introduction', '2.1 Data sets', 'IV. RESULTS' (a number, then a short title without a full stop).
_NUMBERED_HEADING = re.compile(r"(?:\d{1,2}(?:\.\d{1,2})*\.?|[IVX]{1,5}\.)\s+(?P<title>[^\W\d_][^.!?]{0,80})")
_LETTERS = re.compile(r"[^\W\d_]")
_MIN_CAPITAL_LETTERS = 4
_MAX_HEADING_CHARS = 80
#: What follows an abstract: a copyright line, citation tools, editorial history ('Received 4 June 2017').
_STOP_PREFIX = re.compile(
    rf"(?:©|\(c\)\s*\d{{4}}|{pattern('abstract_end')}"
    rf"|{pattern('editorial_event')}\s*:?\s*(?:{pattern('date_preposition')}\s+)?(?:\d|[a-z]+\.?\s+\d))",
    re.I,
)
#: Interface text that sits among author names (search and profile links), never a name.
_NOT_A_NAME = re.compile(
    rf"^{pattern('profile_link_verb')}\b.*\b{pattern('profile_link_object')}\b"
    rf"|:|^{pattern('author_list_heading')}$",
    re.I,
)

#: Words naming an institution, never a person ('University', 'Hospital', in every language read).
_INSTITUTION = re.compile(rf"\b{pattern('institution')}", re.I)
_MAX_NAME_WORDS = 6
#: A line of an affiliation or address: an institution, a house or postal number before a word, an e-mail.
_AFFILIATION_LINE = re.compile(rf"{_INSTITUTION.pattern}|\b\d+\s+[^\W\d_]{{2,}}|@", re.I)
#: A page count, not the pages: '32', '32 p.', '120 pages' (a page-count unit of any language).
_PAGE_COUNT = re.compile(rf"\d+\s*{pattern('page_count_unit')}?", re.I)
_VOLUME = re.compile(rf"(?<![^\W\d_]){VOLUME_LABEL}\s*(\d+[a-z]?)\b", re.I)
_ISSUE = re.compile(rf"(?<![^\W\d_]){ISSUE_LABEL}\s*(\d+(?:[-–/]\d+)?)", re.I)
_ISSUE_DATE = re.compile(
    r"\((\d{4})\)|\s[-–—]\s+([^-–—]*\d{4})\s*$"
    r"|,\s*((?:\d{1,2}\s+)?(?:[^\W\d_]+\.?\s+){0,2}(?:1[6-9]|20)\d\d)\s*$"
)
_SHORT_NUMBER = re.compile(r"\d+[a-z]?(?:\s*[-–/]\s*\d+)?|[A-Za-z]+\.?\s*\d+", re.I)
_LEADING_NUMBER = re.compile(r"\d+[a-z]?\b", re.I)
_HAS_DIGIT = re.compile(r"\d")
_JOURNAL_NUMBERING = re.compile(r"^(?P<name>.*?)\s*\((?P<numbering>[^()]*\d[^()]*)\)\s*$")


def split_numbering(text: str) -> tuple[Optional[str], Optional[str], Optional[str]]:
    """Raw (volume, issue, date) from a numbering such as 'Vol 24, No 4 (2025)'.

    >>> split_numbering("Vol.24, No. 4")
    ('24', '4', None)
    >>> split_numbering("Vol 24, No 4 (2025)")
    ('24', '4', '2025')
    >>> split_numbering("Volume 12, Number 3 - 1 March 2021")
    ('12', '3', '1 March 2021')
    >>> split_numbering("Vol. 12 No. 3-4 (2021)")
    ('12', '3-4', '2021')
    >>> split_numbering("Issue 21, Spring 2011")
    (None, '21', 'Spring 2011')
    """
    volume, issue, date = _VOLUME.search(text), _ISSUE.search(text), _ISSUE_DATE.search(text)
    when = next(group for group in date.groups() if group) if date else None
    if when and (_VOLUME.search(when) or _ISSUE.search(when)):
        when = None  # 'Vol 585, No 7823': a four-digit issue number, not a year
    return volume.group(1) if volume else None, issue.group(1) if issue else None, when


def _clean(value: str) -> str:
    return value.strip(" :：").rstrip(";,").strip()


def _glued_labels(text: str, start: int):
    """Labels that begin right after a value ends, with no space or line break between."""
    for match in LABEL_GLUED.finditer(text, start):
        at = match.start()
        before = text[at - 1] if at else " "
        if not before.isalpha() or (before.islower() and text[at].isupper()):
            yield match


def _entries(line: Line) -> Optional[list[tuple[str, str]]]:
    """(kind, inline value) for each label on ``line``; None when the line is not labelled."""
    text = line.text
    if len(text) <= _MAX_BARE and not line.all_link and label_key(text) in LABELS:
        return [(LABELS[label_key(text)], "")]
    match = LABEL_AT_START.match(text)
    if match is None:
        return None
    entries, kind, position = [], LABELS[label_key(match.group("label"))], match.end()
    for glued in _glued_labels(text, position):
        entries.append((kind, text[position:glued.start()]))
        kind, position = LABELS[label_key(glued.group("label"))], glued.end()
    entries.append((kind, text[position:]))
    return entries


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


def _abstract_lines(lines: list[Line], label: Optional[Line] = None) -> list[Line]:
    """The abstract's own lines, up to the first line that opens what follows it (``_ends_abstract``).

    Sub-headings of a structured abstract ('Methods') stay, unless nothing follows them;
    figures (a visual abstract's caption) are passed over.
    """
    kept = []
    for line in lines:
        if _in_figure(line.node) or _ELLIPSIS.fullmatch(line.text):
            continue
        if _ends_abstract(line, label):
            break
        kept.append(line)
    while kept and kept[-1].heading_like:
        kept.pop()
    return kept


def _ends_abstract(line: Line, label: Optional[Line]) -> bool:
    """True for a line that opens what follows the abstract.

    A heading, label, link list or page furniture; a numbered ('1. Introduction'), capitalised or
    known section heading; a line set in the block style of the abstract's own label
    ('<p class="section-title">'), even a sub-heading word such as 'Background'.
    """
    if line.all_link or _STOP_PREFIX.match(line.text) or _entries(line) is not None:
        return True
    text = line.text.rstrip(" :：.").casefold()
    if _is_abstract_part(text):
        return label is not None and _same_block_style(line, label)
    if line.heading_like or text in _SECTION_HEADINGS or _is_numbered_heading(line.text):
        return True
    return _is_capital_heading(line.text) or (label is not None and _same_block_style(line, label)
                                             and _heading_shaped(line.text))


def _is_abstract_part(text: str) -> bool:
    """A structured abstract's sub-heading: 'methods', 'patients and methods', 'design, setting, and participants'."""
    if text in _ABSTRACT_PARTS:
        return True
    words = [word for word in _PART_WORDS.split(text) if word]
    return bool(words) and all(word in _ABSTRACT_PARTS or word in _PART_JOINERS for word in words)


def _is_numbered_heading(text: str) -> bool:
    """'1. Introduction', '2.1 Data', 'I. INTRODUCTION': a section number, then a short capitalised title."""
    match = _NUMBERED_HEADING.fullmatch(text)
    return match is not None and match.group("title")[0].isupper()


def _is_capital_heading(text: str) -> bool:
    """'INTRODUCTION', 'MATERIALS AND METHODS': a short line all in capitals."""
    return text.isupper() and _heading_shaped(text) and len(_LETTERS.findall(text)) >= _MIN_CAPITAL_LETTERS


def _heading_shaped(text: str) -> bool:
    return len(text) <= _MAX_HEADING_CHARS and not text.endswith((".", "!", "?", ",", ";"))


def _same_block_style(line: Line, label: Line) -> bool:
    """The line's block has the tag and (non-empty) class of the label's block: a sibling heading."""
    style = label.node.get("class")
    return bool(style) and line.node is not label.node and line.node.tag == label.node.tag \
        and line.node.get("class") == style


_ELLIPSIS = re.compile(r"[.…\s]+")


def _in_figure(node: Any) -> bool:
    return node.tag == "figure" or any(ancestor.tag == "figure" for ancestor in node.iterancestors())


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
    if kind in _ABSTRACT_KINDS:
        return " ".join(line.text for line in _abstract_lines(lines, label)).strip(" :：")
    lines = _until_heading(lines)
    if kind == "authors":
        lines = [line for line in lines if not _NOT_A_NAME.search(line.text)]
    if kind == "keywords":
        lines = lines[: next((i for i, line in enumerate(lines) if _is_section_heading(line.text)), len(lines))]
        return "; ".join(_line_keywords(line, _clean(line.text)) for line in lines if _clean(line.text))
    if kind in _LIST_KINDS:
        return "; ".join(_clean(line.text) for line in lines if _clean(line.text))
    return _clean(lines[0].text) if lines else ""


#: Characters that may stand between separately marked-up keywords ('<a>A</a>, <a>B</a>').
_ITEM_GAPS = re.compile(r"[\s;,·•|/]+")
_MAX_ITEM_ELEMENTS = 400


def _item_groups(block: Any) -> dict[tuple, list[Any]]:
    """Elements under ``block`` grouped by parent, tag and class: the candidates for repeated items."""
    groups: dict[tuple, list[Any]] = {}
    for count, element in enumerate(block.iterdescendants()):
        if count > _MAX_ITEM_ELEMENTS:
            break
        if isinstance(element.tag, str) and element.tag not in _NOT_ITEM_TAGS:
            groups.setdefault((element.getparent(), element.tag, element.get("class")), []).append(element)
    return groups


_NOT_ITEM_TAGS = frozenset({"br", "img", "sup", "sub", "script", "style", "svg", "wbr", "hr"})


def separate_items(block: Any, text: str) -> Optional[list[str]]:
    """Texts of repeated sibling elements (same tag and class) that make up ``text`` exactly, one per element.

    ``<span class="Keyword">A</span> <span class="Keyword">B</span>`` are two values though the
    line reads 'A B'; None when no group of two or more elements covers the text.
    """
    wanted = _ITEM_GAPS.sub("", text)
    for items in _item_groups(block).values():
        if len(items) < 2:
            continue
        texts = [joined_text(item) for item in items]
        if all(texts) and _ITEM_GAPS.sub("", "".join(texts)) == wanted:
            return [_clean(t) for t in texts]
    return None


def _line_keywords(line: Line, text: str) -> str:
    """A keyword line's text, its separately marked-up keywords joined with '; '."""
    items = separate_items(line.node, text) if line.node is not None else None
    return "; ".join(items) if items and split_keywords(text) != items else text


def _is_section_heading(text: str) -> bool:
    """An article section's name ('Introduction', 'Material and methods', '2. Results'), never a keyword."""
    name = text.rstrip(" :：.").casefold()
    return name in _SECTION_HEADINGS or name in REFERENCE_HEADINGS or _is_numbered_heading(text)


def _without_section_names(value: Optional[str]) -> Optional[str]:
    """A keyword list without article section names; None when it was mostly those (an outline)."""
    if not value:
        return value
    keywords = split_keywords(value)
    kept = [k for k in keywords if not _is_section_heading(k)]
    if len(kept) == len(keywords):
        return value
    return "; ".join(kept) if kept and len(kept) > len(keywords) - len(kept) else None


def _put(found: dict[str, Any], name: str, value: Any) -> None:
    if value not in (None, "", []) and name not in found:
        found[name] = value


def _take_numbering(found: dict[str, Any], value: str) -> None:
    volume, issue, date = split_numbering(value)
    if volume is None and issue is None and _SHORT_NUMBER.fullmatch(value):
        issue = value
    _put(found, "volume", volume)
    _put(found, "issue", issue)
    _put(found, "_issue_date", date)


def _take_volume(found: dict[str, Any], value: str) -> None:
    """'24', 'Vol. 24' or '24 (2025)'; never a proceedings title under a 'Volume' label."""
    leading = _LEADING_NUMBER.match(value)
    _put(found, "volume", split_numbering(value)[0] or (leading.group(0) if leading else None))


def _take_journal(found: dict[str, Any], value: str) -> None:
    """'RUDN Journal of Russian History (Vol.24, No. 4)' -> title, volume, issue."""
    match = _JOURNAL_NUMBERING.match(value)
    if match and any(split_numbering(match.group("numbering"))[:2]):
        _take_numbering(found, match.group("numbering"))
        value = match.group("name")
    _put(found, "journal_title", _clean(value))


def _split_list(value: str) -> list[str]:
    return [part for part in (_clean(p) for p in value.split(";")) if part]


#: A catalogue's statement of responsibility after the title: ' / von Dipl.-Ing. R. Muster', ' / by J. Doe'.
_RESPONSIBILITY = re.compile(rf"\s+/\s+(?:{pattern('byline')}|{pattern('responsibility')})\s+[^/]{{2,120}}$", re.I)


def _without_responsibility(title: str) -> str:
    """A catalogue title without the statement of responsibility after it.

    >>> _without_responsibility("Tidal mills / von Dipl.-Ing. Anna Muster")
    'Tidal mills'
    """
    return _RESPONSIBILITY.sub("", title) if title else title


_ROLE_AFTER_NAME = re.compile(r"\s*\(([^()]{3,20})\)\s*$")


def _author_names(value: str) -> list[str]:
    """The names in an author label's value ('A, B and C'; one name a line), affiliation lines left out.

    An affiliation or address is dropped whole before names are split ('… University of Science
    and Technology', '12 Harbour Road, Port Example').
    """
    people = "; ".join(part for part in value.split(";") if not _AFFILIATION_LINE.search(part))
    return [name for name in map(_without_author_role, split_authors(people)) if _may_be_name(name)]


def _without_author_role(name: str) -> str:
    """A name without the role a repository writes after it when that role is author ('Barua, R. (Author)')."""
    role = _ROLE_AFTER_NAME.search(name)
    return name[:role.start()].strip() if role and role.group(1).casefold() in LABELS_OF_AUTHORS else name


def _may_be_name(text: str) -> bool:
    """No institution ('Department of …', 'Universidad …'), no digits (addresses), at most six words.

    >>> _may_be_name("Sara Ahmed"), _may_be_name("Müller, Anna"), _may_be_name("Ural Federal University")
    (True, True, False)
    >>> _may_be_name("12 Harbour Road"), _may_be_name("Лаборатория физики моря")
    (False, False)
    """
    return not (_INSTITUTION.search(text) or _HAS_DIGIT.search(text)) and len(text.split()) <= _MAX_NAME_WORDS


def _in_title_script(abstract: str, others: list[str], title: str) -> str:
    """The abstract a Chinese (Japanese, Korean) title's page gives in that script, before an English parallel one."""
    if not is_cjk_text(title) or is_cjk_text(abstract):
        return abstract
    return next((other for other in others if other and is_cjk_text(other)), abstract)


def _take_journal_ref(found: dict[str, Any], value: str) -> None:
    """Journal, volume, pages and year of a preprint's journal reference."""
    ref = read_journal_reference(value)
    _put(found, "journal_title", ref.get("journal"))
    _put(found, "volume", ref.get("volume"))
    _put(found, "issue", ref.get("issue"))
    if ref.get("first_page"):
        _put(found, "pages", "-".join(filter(None, (ref["first_page"], ref.get("last_page")))))
    _put(found, "publication_date", ref.get("date"))


def _take_date(found: dict[str, Any], value: str) -> None:
    """A date has digits; 'Published: online first' is no date."""
    if _HAS_DIGIT.search(value):
        _put(found, "publication_date", value)


_TAKERS: dict[str, Callable[[dict[str, Any], str], None]] = {
    "title": lambda found, value: _put(found, "title", _without_responsibility(value)),
    "journal": _take_journal,
    "journal_ref": _take_journal_ref,
    "issue": _take_numbering,
    "volume": _take_volume,
    "date": _take_date,
    "authors": lambda found, value: _put(found, "_authors", _author_names(value)),
    "affiliations": lambda found, value: _put(found, "_affiliations", _split_list(value)),
    "pages": lambda found, value: _put(found, "pages", value),
    "page_span": lambda found, value: _put(found, "pages", None if _PAGE_COUNT.fullmatch(value) else value),
    "keywords": lambda found, value: _put(found, "keywords", _without_section_names(value)),
    "abstract": lambda found, value: _put(found, "abstract", value),
    "scientific_abstract": lambda found, value: _put(found, "_scientific_abstract", value),
    "citation": lambda found, value: _put(found, "_citation", value),
    "last_modified": lambda found, value: _put(found, "last_modified", value),
    "doi": lambda found, value: _put(found, "doi", value),
    "url": lambda found, value: _put(found, "canonical_url", value),
}


_READ_KINDS = frozenset(_TAKERS) | {"related"}


def _authors(found: dict[str, Any]) -> list[dict[str, Any]]:
    """Authors with affiliations attached by position when the two lists have the same length."""
    names, affiliations = found.get("_authors", []), found.get("_affiliations", [])
    paired = len(affiliations) == len(names)
    return [
        {"name": name, "affiliations": [affiliations[i]] if paired else [], "orcid": None}
        for i, name in enumerate(names)
    ]


def _labelled(lines: list[Line], in_references: list[bool]) -> list[Optional[list[tuple[str, str]]]]:
    """Each line's label entries; a reference line is a stop that ends any value before it."""
    return [_REFERENCE_STOP if skip else _entries(line) for line, skip in zip(lines, in_references)]


def _read(lines: list[Line], labelled: list, url: str) -> dict[str, Any]:
    """Every labelled value outside reference lists; the first occurrence giving a value wins."""
    found: dict[str, Any] = {}
    done: set[str] = set()
    for index, entries in enumerate(labelled):
        for kind, inline in entries or ():
            if kind == "abstract" and kind in done:
                found.setdefault("_more_abstracts", []).append(
                    _clean(inline) or _value_from_lines(kind, _following(index, lines, labelled), lines[index]))
            if kind not in _READ_KINDS or (kind in done and kind != "keywords"):
                continue
            # An inline value stands alone; only 'related' reads links from that same line.
            following = [lines[index]] if _clean(inline) else _following(index, lines, labelled)
            if kind == "keywords" and _clean(inline):
                inline = _line_keywords(lines[index], _clean(inline))
            if kind in done:
                _more_keywords(found, label_key(lines[index].text.split(":")[0]),
                               _clean(inline) or _value_from_lines(kind, following, lines[index]))
                continue
            before = len(found)
            _take(found, kind, inline, following, url, lines[index])
            if len(found) > before:
                done.add(kind)
                if kind == "keywords":
                    found["_keyword_labels"] = {label_key(lines[index].text.split(":")[0])}
    return found


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
        _put(found, "related", _related(following, url))
    else:
        _TAKERS[kind](found, _clean(inline) or _value_from_lines(kind, following, label))


# --- a repository's full record: rows named by qualified Dublin Core fields -----------------

#: 'dc.title'-style row names (DSpace full item record) -> the raw field they fill.
_DC_ROW_FIELDS: dict[str, str] = DUBLIN_CORE["record_rows"]
_DC_ROWS = "//tr[*[1][starts-with(normalize-space(.), 'dc.') or starts-with(normalize-space(.), 'dcterms.')]]"
_LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(?:[_-][A-Za-z]{2})?")
#: An institution tag after a name: 'Souza, Marta Regina [UNEX]'.
_NAME_TAG = re.compile(r"\s*\[[^\]]*\]\s*$")


def _cell_text(cell: Any) -> str:
    return joined_text(cell)


def _dc_rows(selector: Selector) -> dict[str, list[tuple[str, Optional[str]]]]:
    """(value, language tag) per field, in row order, from rows named 'dc.title', 'dc.subject', ..."""
    rows: dict[str, list[tuple[str, Optional[str]]]] = {}
    for row in selector.root.xpath(_DC_ROWS):
        cells = [_cell_text(cell) for cell in row.xpath("./td|./th")]
        name = _DC_ROW_FIELDS.get(cells[0].casefold()) if len(cells) > 1 else None
        if name and cells[1]:
            tag = cells[2] if len(cells) > 2 and _LANGUAGE_TAG.fullmatch(cells[2]) else None
            rows.setdefault(name, []).append((cells[1], tag))
    return rows


def _in_language(values: list[tuple[str, Optional[str]]], language: Optional[str]) -> str:
    """The value tagged with the record's language ('pt' for 'por'), else the first."""
    wanted = normalize_language(language) if language else None
    for value, tag in values:
        if wanted and tag and normalize_language(tag) == wanted:
            return value
    return values[0][0]


def _take_dc_rows(found: dict[str, Any], rows: dict[str, list[tuple[str, Optional[str]]]]) -> None:
    language = rows["language"][0][0] if "language" in rows else None
    for name, values in rows.items():
        if name == "_authors":
            _put(found, name, [_NAME_TAG.sub("", value) for value, _ in values])
        elif name == "keywords":
            _put(found, name, "; ".join(value for value, _ in values))
        elif name == "abstract":
            _put(found, name, _in_language(values, language))
        else:
            _put(found, name, values[0][0])


# --- unlabelled shapes: a byline under the title, an issue line, a closing citation ---------

_BYLINE = re.compile(rf"{pattern('byline')}\s*:?\s+(?P<names>[^\d@|:;()]{{3,200}}?)\.?", re.I)
_NAME_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_NAME_PARTICLES = frozenset(words("surname_particles"))
#: 'Harbour Notes, Volume 12, Number 3 - 1 March 2021', 'Issue 21, Spring 2011'.
_ISSUE_LINE = re.compile(
    rf"(?:(?P<journal>[^\d,;:|]{{2,80}}?),\s+)?(?P<numbering>{NUMBERING_LABEL}(?![^\W\d_])\s*\d.{{0,80}})",
    re.I,
)
_NUMBERING_REST = re.compile(r"[\s,.;:–—-]*")
#: A byline or issue line this far into the main content heads the article.
_HEAD_LINES = 15
#: A byline right before an issue line (a closing citation block) names the article's authors too.
_BLOCK_SPAN = 2
_MAX_TITLE_LINES = 3
_MAX_TITLE_CHARS = 300


def _looks_like_name(name: str) -> bool:
    words = name.replace(",", " ").split()
    return 2 <= len(words) <= 6 and all(
        _NAME_WORD.fullmatch(word) and (word[0].isupper() or word.casefold() in _NAME_PARTICLES) for word in words
    )


def byline_names(text: str) -> Optional[list[str]]:
    """The names of a byline ('By Jane Doe and John Roe'); None when the line is not one.

    >>> byline_names("by Mara Quinlan, Theo Alan Brandt, and Jo Reyes.")
    ['Mara Quinlan', 'Theo Alan Brandt', 'Jo Reyes']
    >>> byline_names("By the end of the century"), byline_names("Photo by Jane Doe")
    (None, None)
    """
    match = _BYLINE.fullmatch(text)
    names = split_authors(match.group("names")) if match else []
    return names if names and all(_looks_like_name(name) for name in names) else None


#: Words of headings and labels set under a title that two capitalised words may spell ('Research Article').
_NOT_NAME_WORDS = frozenset(words("not_a_name"))
_INITIAL = re.compile(r"(?<![^\W\d_])[^\W\d_]\.")


def title_byline_names(text: str) -> Optional[list[str]]:
    """The names of an unprefixed byline set under a title; None unless two names, or one with an initial.

    >>> title_byline_names("Michael P. Taylor and Mathew J. Wedel")
    ['Michael P. Taylor', 'Mathew J. Wedel']
    >>> title_byline_names("Research Article"), title_byline_names("Open Access and Original Research")
    (None, None)
    """
    if len(text) > _MAX_SHAPE_CHARS or any(ch in text for ch in "0123456789@|:;()"):
        return None
    names = split_authors(text)
    if not names or not all(_looks_like_name(n) and _NOT_NAME_WORDS.isdisjoint(n.casefold().split()) for n in names):
        return None
    return names if len(names) > 1 or _INITIAL.search(text) else None


def issue_line(text: str) -> Optional[tuple[Optional[str], Optional[str], Optional[str], Optional[str]]]:
    """(journal, volume, issue, date) of a line that is only a numbering, maybe after the journal's name.

    >>> issue_line("Harbour Notes, Volume 12, Number 3 - 1 March 2021")
    ('Harbour Notes', '12', '3', '1 March 2021')
    >>> issue_line("Issue 21, Spring 2011")
    (None, None, '21', 'Spring 2011')
    >>> issue_line("Number 10 of the series was lost") is None
    True
    """
    match = _ISSUE_LINE.fullmatch(text) if len(text) <= 160 else None
    if match is None:
        return None
    numbering = match.group("numbering")
    volume, issue, date = split_numbering(numbering)
    rest = _ISSUE_DATE.sub("", _ISSUE.sub("", _VOLUME.sub("", numbering)))
    if not (volume or issue) or not _NUMBERING_REST.fullmatch(rest):
        return None
    return match.group("journal"), volume, issue, date


#: Bylines and issue lines are short; longer lines are prose.
_MAX_SHAPE_CHARS = 200


def _unlabelled(lines: list[Line], labelled: list, read: Callable[[str], Any]) -> list[tuple[int, Any]]:
    """(index, what ``read`` makes of it) for short lines that are no label, reference, heading or link."""
    return [(i, value) for i, line in enumerate(lines)
            if labelled[i] is None and not line.heading and not line.all_link and len(line.text) <= _MAX_SHAPE_CHARS
            and (value := read(line.text))]


def _closes(first: int, second: int) -> bool:
    return 0 < second - first <= _BLOCK_SPAN


def _header_shapes(lines: list[Line], labelled: list, found: dict[str, Any]) -> None:
    """A byline heading the article (or ending it, above an issue line), the title above it, the issue line."""
    bylines = _unlabelled(lines, labelled, byline_names)
    issues = _unlabelled(lines, labelled, issue_line)
    # Several different bylines: a table of contents, whose bylines belong to other articles.
    byline = bylines[0] if len({tuple(names) for _, names in bylines}) == 1 else None
    if byline and not (byline[0] < _HEAD_LINES or any(_closes(byline[0], i) for i, _ in issues)):
        byline = None
    if byline and byline[0] and lines[byline[0] - 1].all_link:
        byline = None  # under a linked title: an entry of a listing
    issue = next((value for i, value in issues if i < _HEAD_LINES or (byline and _closes(byline[0], i))), None)
    if byline:
        _put(found, "_authors", byline[1])
        _put(found, "title", _title_above(lines, byline[0]))
    if issue:
        journal, volume, number, date = issue
        _put(found, "journal_title", journal)
        _put(found, "volume", volume)
        _put(found, "issue", number)
        _put(found, "_issue_date", date)


def _under_title(lines: list[Line], labelled: list) -> Optional[tuple[int, list[str]]]:
    """(index, names) of an unprefixed byline on the line right under the first heading of the header."""
    first = next((i for i, line in enumerate(lines[:_HEAD_LINES])
                  if line.heading and line.text.casefold().rstrip(" :") not in PAGE_PART_HEADINGS), None)
    if first is None or first + 1 >= len(lines):
        return None
    line = lines[first + 1]
    if line.heading or line.all_link or labelled[first + 1] is not None:
        return None
    names = title_byline_names(line.text)
    return (first + 1, names) if names else None


#: '<font size="4">' and larger (or '+1' and up) sets a title apart on pages from before CSS.
_LARGE_FONT = re.compile(r"\s*(?:[4-7]|\+[1-4])\s*$")


def _prominent(line: Line) -> bool:
    """A line set in bold or in a large font (old pages' titles), not a heading element."""
    if line.bold:
        return True
    chain = [line.start, *line.start.iterancestors()] if line.start is not None else []
    for element in chain:
        if element.tag == "font" and _LARGE_FONT.match(element.get("size") or ""):
            return True
        if element is line.node:
            break
    return False


def _under_prominent_title(lines: list[Line], labelled: list) -> Optional[tuple[str, list[str]]]:
    """(title, names) on a page without headings: a bold or large line, and an unprefixed byline right under it."""
    if any(line.heading for line in lines[:_HEAD_LINES]):
        return None
    for index, (line, below) in enumerate(zip(lines[: _HEAD_LINES - 1], lines[1:_HEAD_LINES])):
        if not _prominent(line) or labelled[index] is not None or line.all_link or issue_line(line.text):
            continue
        if labelled[index + 1] is not None or below.all_link or below.bold or not plausible_title(line.text):
            continue
        names = title_byline_names(below.text)
        if names:
            return line.text, names
    return None


def _title_above(lines: list[Line], index: int) -> Optional[str]:
    """The lines of the one block right above a byline ('Salt and Silence' / its subtitle), joined.

    Only on pages without headings before the byline: there the heading is the title.
    """
    if index == 0 or any(line.heading for line in lines[:index]):
        return None
    block, group = lines[index - 1].node, []
    for line in reversed(lines[:index]):
        if line.node is not block or len(group) == _MAX_TITLE_LINES:
            break
        group.insert(0, line)
    if any(line.links or _entries(line) or issue_line(line.text) for line in group):
        return None
    title = group[0].text
    for line in group[1:]:
        title += (" " if title.endswith((":", ".", "?", "!")) else ": ") + line.text
    return title if len(title) <= _MAX_TITLE_CHARS else None


#: 'Doe, J. Q., & Lee, K. (2016). Title. Journal, 4(1), 32-37. https://doi.org/…' (APA style).
_CITATION = re.compile(r"(?P<authors>[^()]{3,600}?)\s*\((?P<year>\d{4})[a-z]?(?:,[^()]*)?\)\.\s+(?P<rest>.+)")
_CITED_SOURCE = re.compile(
    r"(?:^|[.?!]\s+)(?P<journal>[^.?!]{3,200}?),\s*(?P<volume>\d+)\s*(?:\((?P<issue>[^()]{1,15})\))?"
    r"(?:,\s*(?P<pages>[A-Za-z]?\d+(?:\s*[-–]\s*[A-Za-z]?\d+)?))?\.?"
    r"(?:\s+(?P<doi>(?:https?://(?:dx\.)?doi\.org/|doi:\s*)10\.\d{4,9}/\S+?))?\.?\s*$"
)


def parse_citation(text: str) -> dict[str, Any]:
    """Raw fields of an APA-style citation of the article; empty when the text has another shape.

    >>> got = parse_citation("Doe, J., & Roe, R. A. (2016). A title? Yes. Acta Exempli, 4(1), 32-37. "
    ...                      "https://doi.org/10.5555/ae.29")
    >>> [got[k] for k in ("publication_date", "journal_title", "volume", "issue", "pages", "doi")]
    ['2016', 'Acta Exempli', '4', '1', '32-37', 'https://doi.org/10.5555/ae.29']
    >>> got["_authors"]
    ['Doe, J.', 'Roe, R. A.']
    """
    match = _CITATION.fullmatch(text)
    source = _CITED_SOURCE.search(match.group("rest")) if match else None
    if source is None:
        return {}
    names = split_authors(match.group("authors"))
    fields = {"_authors": names if all(len(name.split()) <= 6 for name in names) else None,
              "publication_date": match.group("year"), **source.groupdict()}
    fields["journal_title"] = fields.pop("journal")
    return {name: value for name, value in fields.items() if value}


#: Words that name a periodical, for telling a journal's name among the parts of <title>.
_PERIODICAL = re.compile(rf"\b{pattern('periodical')}\b", re.I)
_TITLE_PARTS = re.compile(r"\s+(?:[-|–—]|::)\s+")
_MAX_JOURNAL_WORDS = 8


def _site_periodical(selector: Selector, lines: list[Line]) -> Optional[str]:
    """The part of <title> naming a periodical ('Example Quarterly Online - Essays on …'), if one does.

    A part the page's headings show is the article's title ('A Review of …'), never the journal.
    """
    title = " ".join(" ".join(selector.xpath("//head/title//text()").getall()).split())
    headings = [line.text.casefold() for line in lines if line.heading]
    for part in _TITLE_PARTS.split(title):
        shown = any(part.casefold() in heading or heading in part.casefold() for heading in headings)
        if _PERIODICAL.search(part) and len(part.split()) <= _MAX_JOURNAL_WORDS and not shown:
            return part
    return None


def _masthead_periodical(lines: list[Line], title: Optional[str]) -> Optional[str]:
    """A line above the article's title (read off the text) naming a periodical ('Journal of Outdoor Play')."""
    for line in lines[:_HEAD_LINES] if title else ():
        if line.text == title:
            return None
        if (not line.heading and _PERIODICAL.search(line.text) and len(line.text.split()) <= _MAX_JOURNAL_WORDS
                and not _HAS_DIGIT.search(line.text) and not _entries(line)):
            return line.text
    return None


# --- sections found by markup rather than by reading lines ----------------------------------

_KEYWORD_LABELS = frozenset(label_key(label) for label in KEYWORD_LABELS)
_KEYWORD_INITIALS = frozenset(label[0] for label in _KEYWORD_LABELS)
_MAX_KEYWORD_CHARS = 100
_MAX_KEYWORDS = 40
_FRAME_TAGS = CHROME_TAGS | {"nav", "menu"}


def _body(selector: Selector) -> Any:
    return next(selector.root.iter("body"), selector.root)


def _keyword_list(region: Any) -> Optional[str]:
    """The list right after a keywords label in the article's region (a tag dropdown, an info box)."""
    for label in region.iter():
        text = label.text
        if not text or len(text) > _MAX_BARE or text.lstrip()[:1].casefold() not in _KEYWORD_INITIALS:
            continue
        if not isinstance(label.tag, str) or label_key(text) not in _KEYWORD_LABELS or _in_chrome(label):
            continue
        items = _list_after(label)
        if items:
            return "; ".join(items)
    return None


def _list_after(label: Any) -> list[str]:
    """Items of the list whose text is the first text after ``label``, in the label's own section."""
    following = label.xpath("following::text()[normalize-space(.)][1]")
    holder = following[0].getparent() if following else None
    item = next((e for e in (holder, *holder.iterancestors()) if e.tag == "li"), None) if holder is not None else None
    if item is None or item.getparent() is None or not _near(label, item.getparent()):
        return []
    items = [joined_text(li) for li in item.getparent().iterchildren("li")]
    if len(items) > _MAX_KEYWORDS or any(len(text) > _MAX_KEYWORD_CHARS for text in items):
        return []
    return [text for text in items if text]


def _near(label: Any, found: Any) -> bool:
    """``found`` sits beside the label's block, not in the page's header, footer or menus."""
    block = next((e for e in (label, *label.iterancestors()) if e.tag in BLOCK_TAGS), label)
    section = block.getparent() if block.getparent() is not None else block
    between = []
    for ancestor in found.iterancestors():
        if ancestor is section:
            return not any(e.tag in _FRAME_TAGS for e in between)
        between.append(ancestor)
    return False


def _in_chrome(element: Any) -> bool:
    chain = [element, *element.iterancestors()]
    in_article = any(e.tag in CONTENT_TAGS for e in chain)
    return any(isinstance(e.tag, str) and is_chrome(e, in_article) for e in chain)


_ABSTRACT_BLOCKS = (
    "descendant::*/@class[contains(., 'bstract') or contains(., 'chapo')]/.. | descendant::*[@id = 'abstract']"
)
#: Class names of a block holding the abstract with no label: 'abstract', 'hlFld-Abstract', SPIP's 'chapo'.
_ABSTRACT_CLASS_ENDS = frozenset({"abstract", "chapo", "chapeau"})
#: Class-name parts of blocks that only look like the abstract (a visual abstract, highlights, a toggle).
_NOT_ABSTRACT_PARTS = frozenset(
    {"visual", "graphical", "lay", "plain", "popular", "teaser", "highlights", "link", "toggle", "button",
     "btn", "title", "heading", "label", "figure", "nav", "menu", "tab", "tabs", "artifact"}
)
_CLASS_PARTS = re.compile(r"[-_]+")
_HEADINGS = "descendant::*[self::h1 or self::h2 or self::h3 or self::h4 or self::h5 or self::h6]"
_AWAY_LINKS = "descendant::a[@href and not(starts-with(normalize-space(@href), '#'))]"


def _is_abstract_block(element: Any) -> bool:
    """Classed as the abstract ('abstract', 'hlFld-Abstract'), and nothing marks it a look-alike."""
    tokens = [[p for p in _CLASS_PARTS.split(token) if p] for token in
              (element.get("class") or "").lower().split() + [(element.get("id") or "").lower()]]
    if any(not _NOT_ABSTRACT_PARTS.isdisjoint(parts) for parts in tokens):
        return False
    return any(parts and parts[-1] in _ABSTRACT_CLASS_ENDS for parts in tokens)


def _abstract_block(selector: Selector, region: Any, title: Optional[Any]) -> Optional[str]:
    """The abstract from a block classed as one in the article, when the page shows it without a label.

    Only blocks in or around the main content (widened to hold the title heading) count; those in
    list items or teaser cards (a listing's entries, 'more from this journal'), in related,
    recommended or reference blocks and in site chrome are passed over.  Of several blocks (abstracts in several
    languages) the one nearest the title wins; several and no title to tell them apart give nothing.
    """
    foreign_memo = dict.fromkeys([region, *region.iterancestors()], False)
    blocks = [e for e in _body(selector).xpath(_ABSTRACT_BLOCKS)
              if (within(e, region) or within(region, e)) and _is_abstract_block(e)
              and not _in_chrome(e) and not in_reference_list(e)
              and not any_ancestor(e, is_foreign, foreign_memo) and not _in_entry(e, region)]
    outer = [e for e in blocks if not any(a in blocks for a in e.iterancestors())]
    for block in _nearest_first(outer, title):
        text = _abstract_text(text_lines(block, is_label)) or _split_paragraph_text(block)
        if text:
            return text
    return None


def _split_paragraph_text(block: Any) -> Optional[str]:
    """The text of a paragraph written inside an empty abstract <p> ('<p id=abstract><p>…</p></p>'),
    which the parser sets right after it."""
    following = block.getnext()
    if block.tag != "p" or text_len(block) or following is None or following.tag != "p":
        return None
    return _abstract_text(text_lines(following, is_label)) or None


def _article_region(text: PageText) -> tuple[Any, Optional[Any]]:
    """The main content widened until it holds the title heading (its or the page's first <h1>); that heading."""
    region = text.main.root
    title = next(region.iter("h1"), None)
    if title is None:
        title = next((h for h in _body(text.selector).iter("h1") if not _in_chrome(h)), None)
    while title is not None and not within(title, region) and region.getparent() is not None:
        region = region.getparent()
    return region, title


def _in_entry(block: Any, region: Any) -> bool:
    """Inside a listing's entry: a list item, or a card whose heading links elsewhere among cards like it."""
    for ancestor in block.iterancestors():
        if ancestor.tag == "li":
            return True
        if ancestor is region:
            return False
        headings = [h for h in ancestor.xpath(_HEADINGS) if not within(h, block)]
        if headings:
            return any(h.xpath(_AWAY_LINKS) for h in headings) and _has_twin_card(ancestor)
    return False


def _has_twin_card(item: Any) -> bool:
    """Another element beside ``item``, of its tag and class, also holds a heading that links elsewhere."""
    return any(sibling.tag == item.tag and sibling.get("class") == item.get("class")
               and sibling.xpath(f"{_HEADINGS}/{_AWAY_LINKS}")
               for sibling in (*item.itersiblings(preceding=True), *item.itersiblings()))


def _nearest_first(blocks: list[Any], title: Optional[Any]) -> list[Any]:
    """The blocks by distance from the title heading in document order; none of several without a title."""
    if len(blocks) < 2:
        return blocks
    if title is None:
        return []
    order = {element: position for position, element in enumerate(title.getroottree().getroot().iter())}
    return sorted(blocks, key=lambda block: abs(order[block] - order[title]))


def _abstract_text(lines: list[Line]) -> str:
    """An abstract block's text without its own 'Abstract' label."""
    head = ""
    if lines and (entries := _entries(lines[0])) and entries[0][0] in _ABSTRACT_KINDS:
        head, lines = _clean(entries[0][1]), lines[1:]
    body = _without_preview(" ".join(line.text for line in _abstract_lines(lines)))
    return " ".join(part for part in (head, body) if part).strip(" :：")


_PREVIEW_CHARS = 40


def _without_preview(text: str) -> str:
    """The full text where a cut preview precedes it ('show more' toggles): the opening recurs.

    >>> _without_preview("The first words of a long abstract the page cuts "
    ...                  "The first words of a long abstract the page cuts short here.")
    'The first words of a long abstract the page cuts short here.'
    """
    again = text.find(text[:_PREVIEW_CHARS], 1) if len(text) > 2 * _PREVIEW_CHARS else -1
    return text[again:] if again > 0 else text


def labelled_text_candidate(page: Selector | PageText, url: str) -> Candidate:
    """Raw field values read from labelled visible text of the page's main content.

    Then, for fields no label gave: 'dc.*' record rows, a byline and issue line, an APA-style
    citation of the article; in the main content widened to hold the title heading, a keyword
    list after a label and a block classed as the abstract.
    """
    text = page_text(page)
    selector, lines = text.selector, text.lines
    labelled = _labelled(lines, text.reference_flags)
    found = _read(lines, labelled, url)
    _take_dc_rows(found, _dc_rows(selector))
    _header_shapes(lines, labelled, found)
    for name, value in parse_citation(found.get("_citation", "")).items():
        _put(found, name, value)
    if "_authors" not in found and (under := _under_title(lines, labelled)):
        _put(found, "_authors", under[1])
    if "_authors" not in found and (titled := _under_prominent_title(lines, labelled)):
        _put(found, "title", titled[0])
        _put(found, "_authors", titled[1])
    if ("volume" in found or "issue" in found) and "journal_title" not in found:
        masthead = _masthead_periodical(lines, found.get("title"))
        _put(found, "journal_title", _site_periodical(selector, lines) or masthead)
    if "_scientific_abstract" in found:
        found["abstract"] = found["_scientific_abstract"]
    elif "_more_abstracts" in found and "abstract" in found:
        found["abstract"] = _in_title_script(found["abstract"], found["_more_abstracts"],
                                             found.get("title") or next((l.text for l in lines if l.heading), ""))
    if "keywords" not in found or "abstract" not in found:
        region, title = _article_region(text)
        if "keywords" not in found:
            _put(found, "keywords", _without_section_names(_keyword_list(region)))
        if "abstract" not in found:
            _put(found, "abstract", _abstract_block(selector, region, title))
    return _candidate(found)


def _candidate(found: dict[str, Any]) -> Candidate:
    candidate = Candidate("labels")
    for name, value in found.items():
        if not name.startswith("_"):
            candidate.set(name, value)
    candidate.set("authors", _authors(found))
    candidate.set("publication_date", found.get("_issue_date"))
    return candidate
