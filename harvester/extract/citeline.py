"""The page's own visible citation line: journal, volume, issue, pages and date printed near the title.

Publisher platforms (Atypon, Taylor & Francis, eLife, Annual Reviews, ACS, ScienceDirect) print
the article's place in the journal ('Exam. Lett. 2016, 12, 9, 5120–5128', 'Volume 98, 2014 -
Issue 5-7', 'Vol. 12:101-125 (Volume publication date June 2020)', 'eLife 2020;9:e51234') without
declaring it in meta tags.  Two places are read, in this order:

1. Elements whose class names them as issue or citation information ('issue-heading',
   'cite-this', 'current-issue', 'pageRange', 'journal-title', ...), in document order.
2. The visible lines just around the page's first <h1> (its header), when they read as a
   citation line: short, mostly numbers and labels.  Sentences, and lines or elements inside a
   paragraph of prose, are never read: a news story or a preprint's dateline ('[Submitted on
   3 Mar 2022 (v1) ...]') names numbers and years that are not the article's place.

Values from several places are combined (the volume from one, the pages from the next; the
pages always as one line's pair).  A page whose places state different volumes, issues or
pages, or repeat a volume in look-alike entries, lists works (a table of contents, search
results) and gets no values at all.  Reference lists, 'cited by', related and recommended
article blocks, links to the current issue and sidebars after the article are never read: they
cite other works.  Values are raw strings; ``harvester.normalize`` cleans them later.

Shapes ``harvester.normalize.parse_citation_line`` does not read, parsed here: the ACS line
'Journal YEAR, VOL, ISSUE, PAGES' and the Taylor & Francis line 'Journal, VOL:ISSUE, PAGES'
(which ``parse_citation_line`` would read as volume:page).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any, Iterator, Optional

from parsel import Selector

from harvester.extract.base import Candidate
from harvester.extract.visible import (
    BLOCK_TAGS, Line, PageText, any_ancestor, is_foreign, is_reference_heading, page_text, text_len,
    within,
)
from harvester.normalize import parse_citation_line, parse_page_range
from harvester.vocabulary import MONTH_NAME, NUMBERING_LABEL, PAGE_WORD, VOLUME_LABEL, pattern, words

#: Class words that may name issue or citation information (refined by ``_hint_kinds``).
_HINT_CLASS = re.compile(r"issue|volume|cite|citation|epub|cover|pagerange|journal", re.I)
_NUMBERING_PARTS = frozenset(
    {"issue", "volume", "vol", "cite", "citation", "citeline", "epub", "cover", "issueinfo",
     "volumeissue", "pagerange", "contentitempagerange"}
)
_JOURNAL_NAME_PARTS = frozenset({"title", "name", "heading", "issue"})
#: Citation tools and menus ('Download citation', 'EndNote 8 (xml)'), not the citation itself.
_TOOL_PARTS = frozenset({"download", "downloads", "export", "format", "formats", "manager", "alert", "alerts",
                         "search", "tools", "tool", "btn", "button", "icon"})
_TOKEN_SPLIT = re.compile(r"[-_]+")
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "nav", "footer", "select", "option"})
#: A citation element holds one reference ('How to cite': authors, title, journal, numbers); a
#: longer one holds several and is a wrapper.
_MAX_TEXT = 250
#: Elements with more characters than this (scripts included) are wrappers, never walked.
_MAX_SCANNED = 4 * _MAX_TEXT
#: A bare line near the title: a journal name of a few words, then numbers and a date.
_MAX_LINE = 160
#: The article header around the <h1>: a line or two above it (ScienceDirect prints the issue
#: there), and below it authors, affiliations and dates, then the issue line; a short abstract
#: may come first.  Further down the body begins, whose lines cite other works.
_LINES_BEFORE, _LINES_AFTER = 3, 6
#: Lower-case words a citation line may hold: labels and the short words joining a journal's name.
_LINE_WORDS = frozenset(words("citation_line"))
_LETTER_WORD = re.compile(r"(?<![^\W_])[^\W\d_]{3,}(?![^\W_])")
_NUMBER_TOKEN = re.compile(r"\d+")
#: A sentence ending and the next beginning ('... this week. The researchers ...').
_SENTENCE_BREAK = re.compile(r"([^\W\d_]{3,})[.!?]\s+([^\W\d_]+)\s+([^\W\d_]{2,})")
#: More unlisted lower-case words than this, and than the line has numbers, make a sentence.
_MAX_PROSE_WORDS = 2

_CITE_LABEL = re.compile(rf"^{pattern('cite_label')}\s*[:：]\s*", re.I)
#: DOIs and URLs hold digits and brackets that read like numbering ('S0000-0000(98)01234-5').
_DOI_OR_URL = re.compile(r"(?:\bdoi\s*:?\s*)?\b10\.\d{4,9}/\S+|\b(?:https?://|www\.)\S+", re.I)
# A clock time ('10:00:00') reads like volume:page; a line stating one is a timestamp, not a citation.
_CLOCK_TIME = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\b(?!\s*[-–]\s*\d)")
_CURRENT_LINK = re.compile(r"/current(?:[/?#]|$)", re.I)
_OTHER_ISSUE = re.compile(rf"^{pattern('other_issue')}\b", re.I)
_DASH = "[-–—‒−‐‑]"
_PAGE = r"[A-Za-z]{0,3}\d+[A-Za-z]?"
_PAGES = rf"{_PAGE}(?:\s*{_DASH}\s*{_PAGE})?"
_ACS_LINE = re.compile(
    rf"^(?P<journal>[^\W\d][^\d]*?),?\s+(?P<year>(?:1[6-9]|20)\d\d)\s*[,\s]\s*(?P<volume>\d+[A-Za-z]?)"
    rf"\s*[,\s]\s*(?:(?P<issue>\d+[A-Za-z]?(?:\s*{_DASH}\s*\d+)?|S\d+)\s*[,\s]\s*)?(?P<pages>{_PAGES})\.?$"
)
_TANDF_LINE = re.compile(
    rf"(?:^|,)\s*(?P<journal>[^,\d][^,]*?),\s*(?P<volume>\d+[A-Za-z]?):(?P<issue>\d+[A-Za-z]?(?:{_DASH}\d+)?),"
    rf"\s*(?P<pages>{_PAGES})\s*(?:[,.]|$)"
)
_ARTICLE_NUMBER = re.compile(rf"^{pattern('article_number')}\s*[:：]?\s*([A-Za-z]?\d+)$", re.I)
_MONTH = MONTH_NAME
# A name, then a separator before the volume ('Annals of Example Medicine, Volume 174') or a year
# ('eLife 2020;9:e51234'); a name running into 'Volume' unseparated may be a section heading.
_JOURNAL_PREFIX = re.compile(
    rf"^(?P<name>[^\W\d][^\d;:()]*?)(?:\s*[,;.]\s*(?=vol|{VOLUME_LABEL}\s*\d|\d)|\s+(?=(?:1[6-9]|20)\d\d\b)"
    r"|\s+(?=\d+\s*\(\d))", re.I
)
#: Labels and words a line may start with that are never a journal's name (in the languages read).
_NOT_A_JOURNAL = re.compile(
    rf"^(?:{NUMBERING_LABEL}|{PAGE_WORD}|{pattern('not_a_journal')}|{_MONTH})\.?(?:\s|$)",
    re.I,
)
_PRINTED_DATE = re.compile(
    rf"\b(?:\d{{1,2}}\s+{_MONTH}\s+\d{{4}}|{_MONTH}\s+(?:\d{{1,2}},?\s+)?\d{{4}})\b", re.I
)
#: A short word cut with a dot ('Lett.', 'Phys.'); a long one ending a full title ('History.') is no sign.
_ABBREVIATED_WORD = re.compile(r"(?<![^\W\d])[^\W\d]{1,6}\.(?=\s|$)")
_MAX_JOURNAL_WORDS = 15
_DIGIT = re.compile(r"\d")
#: Separators between the parts of a header line ('Original Article • Rev. Exempl. 26 (06) • 2022 • doi').
_HEADER_PARTS = re.compile(r"\s+[•|·]\s+")


def read_citation_text(text: str) -> dict[str, str]:
    """Journal, volume, issue, first/last page and date from one visible citation or issue line.

    >>> read_citation_text("Exam. Lett. 2016, 12, 9, 5120–5128")["issue"]
    '9'
    >>> read_citation_text("Cite this article as: eLife 2020;9:e51234")["journal"]
    'eLife'
    >>> read_citation_text("Last modified: 2024-05-02 10:00:00")
    {}
    """
    text = _CITE_LABEL.sub("", " ".join(_DOI_OR_URL.sub(" ", text).split()))
    if not text or _OTHER_ISSUE.match(text) or _CLOCK_TIME.search(text):
        return {}
    for shape in (_acs_line, _tandf_line, _generic_line, _article_number):
        found = shape(text)
        if found:
            return {k: v for k, v in found.items() if v}
    return {}


#: A physics-style journal reference: 'Phys. Rev. D 88, 054505 (2013)', 'Nature 521, 436-444 (2015)',
#: 'Astron. Astrophys. 560 (2013) A12', 'J. Phys. A 46 (2013) 125301', 'Phys.Rev.Lett.110:081801,2013'.
_JOURNAL_REFERENCE = re.compile(
    rf"^(?P<journal>[^\W\d][^\d()]*?)(?:\s*,?\s+|(?<=\.))(?P<volume>\d+[A-Za-z]?)"
    rf"(?:\s*[,:]\s*(?P<pages>{_PAGES})\s*(?:\((?P<year>(?:1[6-9]|20)\d\d)\)|,\s*(?P<year3>(?:1[6-9]|20)\d\d))"
    rf"|\s*\((?P<year2>(?:1[6-9]|20)\d\d)\)\s*,?\s*(?P<pages2>{_PAGES}))(?=$|[\s.;,])"
)


def read_journal_reference(text: str) -> dict[str, str]:
    """Journal, volume, pages and year of a preprint's 'Journal reference' ('Phys. Rev. D 88, 054505 (2013)').

    >>> read_journal_reference("Phys. Rev. D 88, 054505 (2013)")
    {'journal': 'Phys. Rev. D', 'volume': '88', 'first_page': '054505', 'date': '2013'}
    >>> read_journal_reference("Astron. Astrophys. 560 (2013) A12")["first_page"]
    'A12'
    """
    match = _JOURNAL_REFERENCE.match(" ".join(text.split()))
    if match is None:
        return read_citation_text(text)
    found = match.groupdict()
    journal = _journal_name(found["journal"])
    pages = _page_pair(found["pages"] or found["pages2"])
    year = found["year"] or found["year2"] or found["year3"]
    found = {"journal": journal, "volume": found["volume"], **pages, "date": year}
    return {k: v for k, v in found.items() if v} if journal else {}


def _acs_line(text: str) -> Optional[dict[str, Any]]:
    """'Exam. Lett. 2016, 12, 9, 5120–5128' (ACS): journal, year, volume, issue, pages."""
    match = _ACS_LINE.match(text)
    if match is None:
        return None
    found = match.groupdict()
    return {"journal": found["journal"], "volume": found["volume"], "issue": found["issue"],
            **_page_pair(found["pages"]), "date": found["year"]}


def _tandf_line(text: str) -> Optional[dict[str, Any]]:
    """'Example Physics, 98:5-7, 1201-1209' (Taylor & Francis): journal, volume:issue, pages."""
    match = _TANDF_LINE.search(text)
    if match is None:
        return None
    found = match.groupdict()
    return {"journal": found["journal"], "volume": found["volume"], "issue": found["issue"],
            **_page_pair(found["pages"]), "date": _date_in(text)}


def _generic_line(text: str) -> Optional[dict[str, Any]]:
    """'eLife 2020;9:e51234', 'Volume 98, 2014 - Issue 5-7', 'Pages 1201-1209': via ``parse_citation_line``."""
    parsed = parse_citation_line(text)
    if parsed["issue"] and not _DIGIT.search(parsed["issue"]):
        return None  # 'EndNote 8 (xml)': brackets holding a word are no issue
    if not (parsed["volume"] or parsed["issue"] or parsed["first_page"]):
        return None
    numbers = {parsed[key] for key in ("volume", "issue", "first_page", "last_page")}
    year = parsed["year"] if parsed["year"] not in numbers else None  # 'Pages 1201-1209' holds no year
    return {"journal": _journal_prefix(text), "volume": parsed["volume"], "issue": parsed["issue"],
            "first_page": parsed["first_page"], "last_page": parsed["last_page"],
            "date": _date_in(text) or year}


def _article_number(text: str) -> Optional[dict[str, Any]]:
    """'Article: 1204567': an article number stands in for the first page."""
    match = _ARTICLE_NUMBER.match(text)
    return {"first_page": match.group(1)} if match else None


def _page_pair(pages: str) -> dict[str, Optional[str]]:
    first, last = parse_page_range(pages)
    return {"first_page": first, "last_page": last}


def _date_in(text: str) -> Optional[str]:
    match = _PRINTED_DATE.search(text)
    return match.group(0) if match else None


def _journal_prefix(text: str) -> Optional[str]:
    """The journal name a line starts with ('Annals of Example Medicine, Volume 174'), if any."""
    match = _JOURNAL_PREFIX.match(text)
    return _journal_name(match.group("name")) if match else None


def _journal_name(text: str) -> Optional[str]:
    """``text`` when it reads as a journal name: letters, a few words, no label or month."""
    name = " ".join(text.split()).strip(" ,;:")
    letters = sum(ch.isalpha() for ch in name)
    if letters < 3 or len(name.split()) > _MAX_JOURNAL_WORDS or _NOT_A_JOURNAL.match(name):
        return None
    return name


def reads_as_prose(text: str) -> bool:
    """True for a sentence rather than a citation or issue line: more lower-case words than numbers.

    >>> reads_as_prose("Volume 12, Issue 3, pages 45-67")
    False
    >>> reads_as_prose("It was published in Example Letters, volume 4 last year.")
    True
    """
    text = _DOI_OR_URL.sub(" ", text)
    words = sum(1 for word in _LETTER_WORD.findall(text) if word.islower() and word not in _LINE_WORDS)
    if any(end.islower() and start[:1].isupper() and after.islower()
           for end, start, after in _SENTENCE_BREAK.findall(text)):
        words += _MAX_PROSE_WORDS  # a sentence ends and another begins
    return words > max(_MAX_PROSE_WORDS, len(_NUMBER_TOKEN.findall(text)))


def is_abbreviated(name: str) -> bool:
    """True for an abbreviated journal name ('Exam. Lett.', 'J. Exam. Phys.').

    >>> is_abbreviated("Exam. Lett."), is_abbreviated("Example Physics"), is_abbreviated("Russian History.")
    (True, False, False)
    """
    return len(name.split()) > 1 and _ABBREVIATED_WORD.search(name) is not None


# --- where the lines are --------------------------------------------------------------------

def foreign_memo(page: Selector | PageText) -> dict[Any, bool]:
    """A verdict cache for ``in_foreign_block``: blocks holding the main content or its <h1> are never foreign.

    (A wrapper's class may mention related articles as a page setting: 'recommendations-off'.)
    """
    main = page_text(page).main.root
    heading = next(iter(main.iter("h1")), None)
    keep = [main, *main.iterancestors()]
    if heading is not None:
        keep += [heading, *heading.iterancestors()]
    return dict.fromkeys(keep, False)


def in_foreign_block(element: Any, memo: dict[Any, bool]) -> bool:
    """True inside a reference list, 'cited by', related or recommended block (``memo`` caches verdicts)."""
    return any_ancestor(element, is_foreign, memo)


def _hint_kinds(element: Any) -> frozenset[str]:
    """Which of 'numbering' and 'journal' the element's class tokens announce (none for tools)."""
    kinds = set()
    for token in (element.get("class") or "").lower().split():
        parts = set(_TOKEN_SPLIT.split(token.split("--")[0]))
        if parts & _TOOL_PARTS:
            return frozenset()
        if "journal" in parts and parts & _JOURNAL_NAME_PARTS:
            kinds.add("journal")
        if parts & _NUMBERING_PARTS or token.endswith("pagerange"):
            kinds.add("numbering")
    return frozenset(kinds)


def _element_lines(element: Any) -> list[str]:
    """Lines of a small element: split at blocks and <br>, inline parts joined by a space.

    ACS prints each part of its line in a <span> ('Exam. Lett.', '2016', '12', ...) and styles
    the commas in; blocks stay apart so a journal name never runs into the section under it.
    """
    lines: list[str] = []
    parts: list[str] = []

    def flush() -> None:
        text = " ".join(" ".join(parts).split())
        if text:
            lines.append(text)
        parts.clear()

    def walk(node: Any) -> None:
        block = node.tag in BLOCK_TAGS or node.tag == "br"
        if block:
            flush()
        parts.append(node.text or "")
        for child in node:
            if isinstance(child.tag, str) and child.tag not in _SKIP_TAGS:
                walk(child)
            parts.append(child.tail or "")
        if block:
            flush()

    walk(element)
    flush()
    return lines


def _hinted_texts(text: PageText) -> Iterator[tuple[Any, frozenset[str], list[str]]]:
    """(element, kinds, lines) of issue, citation and journal-name elements that describe this article.

    Skipped: other works' blocks, links to the journal's current issue, elements after the main
    content (sidebars such as 'Current Content' list another issue), elements set in a paragraph
    of prose, and elements inside an issue or citation element already read.
    """
    memo = foreign_memo(text)
    main = text.main.root
    read: set[Any] = set()
    for element in text.classed:
        kinds = _hint_kinds(element) if _HINT_CLASS.search(element.get("class")) else None
        if not kinds or element.tag in _SKIP_TAGS or text_len(element) > _MAX_SCANNED:
            continue
        if in_foreign_block(element, memo) or not read.isdisjoint(element.iterancestors()):
            continue
        lines = _element_lines(element)
        if not 2 < sum(map(len, lines)) <= _MAX_TEXT or _links_to_current_issue(element):
            continue
        if _in_prose_paragraph(element):
            continue
        if within(element, main) or _comes_before(text, element, main):
            if "numbering" in kinds:
                read.add(element)
            yield element, kinds, lines


def _in_prose_paragraph(element: Any) -> bool:
    """True for an element set inside a paragraph of prose ('... in <i class="journal">X</i>, volume 4 ...')."""
    paragraph = next(element.iterancestors("p"), None)
    return paragraph is not None and reads_as_prose(" ".join(paragraph.itertext()))


def _comes_before(text: PageText, element: Any, other: Any) -> bool:
    """True when ``element`` comes before ``other`` in document order."""
    return text.order[element] < text.order[other]


def _links_to_current_issue(element: Any) -> bool:
    """True inside a link to the journal's current issue ('/content/current', '/toc/x/current')."""
    return any(_CURRENT_LINK.search(href) for href in element.xpath("ancestor-or-self::a/@href"))


def _lines_near_title(text: PageText) -> Iterator[tuple[Line, str]]:
    """Visible lines just before and after the main content's first <h1>, up to a references heading."""

    lines = text.lines
    start = _title_line(lines)
    if start is None:
        return
    memo = foreign_memo(text)
    for line in lines[max(0, start - _LINES_BEFORE): start + _LINES_AFTER + 1]:
        if is_reference_heading(line.text):
            return
        if line is lines[start] or in_foreign_block(line.node, memo):
            continue
        for part in _HEADER_PARTS.split(line.text):
            if _reads_as_citation(line, part):
                yield line, part


def _title_line(lines: list[Line]) -> Optional[int]:
    """Index of the first <h1> line; on a page without one, of the first <h2> (the title of old layouts)."""
    for tag in ("h1", "h2"):
        found = next((i for i, line in enumerate(lines) if line.heading and line.node.tag == tag), None)
        if found is not None:
            return found
    return None


def _reads_as_citation(line: Line, text: str) -> bool:
    """A short line (or part of a header line) of numbers and labels, not a sentence, not in a paragraph of prose."""
    if len(_DOI_OR_URL.sub(" ", text).strip()) > _MAX_LINE or reads_as_prose(text):
        return False
    return line.node.tag != "p" or not reads_as_prose(" ".join(line.node.itertext()))


# --- putting it together --------------------------------------------------------------------

def _statements(page: PageText) -> list[tuple[Any, dict[str, str]]]:
    """(element, values) each place on the page states: hinted elements first, then lines near
    the title (a line inside an element already read is not read twice)."""
    statements, read = [], []
    for element, kinds, lines in _hinted_texts(page):
        read.append(element)
        for text in lines:
            found = read_citation_text(text) if "numbering" in kinds else {}
            if not found and "journal" in kinds and len(lines) == 1:
                found = _journal_only(text)
            if found:
                statements.append((element, found))
    for line, text in _lines_near_title(page):
        if any(within(line.node, element) for element in read):
            continue
        found = read_citation_text(text)
        if found.get("volume") and len(found) > 1:
            statements.append((line.node, found))
    return statements


def _lists_works(statements: list[tuple[Any, dict[str, str]]]) -> bool:
    """True for the citation lines of a table of contents or a list of results: the page states
    other volumes, issues or pages than its first ones, or repeats a volume in look-alike entries."""
    for key in ("volume", "issue", "first_page"):
        if len({found[key] for _, found in statements if key in found}) > 1:
            return True
    places = {node for node, found in statements if "volume" in found}
    looks = Counter((node.tag, node.get("class")) for node in places)
    return any(count > 1 for count in looks.values())


def _store(candidate: Candidate, found: dict[str, str]) -> None:
    journal = found.get("journal")
    if journal and is_abbreviated(journal):
        candidate.set("journal_abbrev", journal)
    elif journal:
        candidate.set("journal_title", journal.rstrip("."))
    for key in ("volume", "issue"):
        candidate.set(key, found.get(key))
    if "first_page" not in candidate.values:  # the pages of one line, never one page from each of two
        candidate.set("first_page", found.get("first_page"))
        candidate.set("last_page", found.get("first_page") and found.get("last_page"))
    if found.get("volume") or found.get("issue"):
        candidate.set("publication_date", found.get("date"))


def citation_line_candidate(page: Selector | PageText) -> Candidate:
    """Journal, volume, issue, pages and date from the page's own visible citation/issue lines.

    A page whose lines disagree lists several works and states none of them as its own.
    """
    candidate = Candidate("citeline")
    statements = _statements(page_text(page))
    if not _lists_works(statements):
        for _, found in statements:
            _store(candidate, found)
    return candidate


def _journal_only(text: str) -> dict[str, str]:
    """A journal-name element holding just the name ('Annual Review of Condensed Matter Physics')."""
    name = None if any(ch.isdigit() for ch in text) else _journal_name(text)
    return {"journal": name} if name else {}
