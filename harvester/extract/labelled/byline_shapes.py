"""Unlabelled shapes heading an article: a byline under the title, an issue line, a closing citation block."""

from __future__ import annotations

import re
from typing import Any, Callable, Optional

from harvester.extract.labelled.line_labels import line_entries
from harvester.extract.labelled.numbering import issue_line
from harvester.extract.labelled.values import put
from harvester.extract.validators import plausible_title
from harvester.extract.visible import Line
from harvester.normalize import split_authors
from harvester.vocabulary import PAGE_PART_HEADINGS, pattern, words

_BYLINE = re.compile(rf"{pattern('byline')}\s*:?\s+(?P<names>[^\d@|:;()]{{3,200}}?)\.?", re.I)
_NAME_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_NAME_PARTICLES = frozenset(words("surname_particles"))
#: Words of headings and labels set under a title that two capitalised words may spell ('Research Article').
_NOT_NAME_WORDS = frozenset(words("not_a_name"))
_INITIAL = re.compile(r"(?<![^\W\d_])[^\W\d_]\.")
#: A byline or issue line this far into the main content heads the article.
HEAD_LINES = 15
#: A byline right before an issue line (a closing citation block) names the article's authors too.
_BLOCK_SPAN = 2
_MAX_TITLE_LINES = 3
_MAX_TITLE_CHARS = 300
#: Bylines and issue lines are short; longer lines are prose.
_MAX_SHAPE_CHARS = 200
#: '<font size="4">' and larger (or '+1' and up) sets a title apart on pages from before CSS.
_LARGE_FONT = re.compile(r"\s*(?:[4-7]|\+[1-4])\s*$")


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


def _unlabelled(lines: list[Line], labelled: list, read: Callable[[str], Any]) -> list[tuple[int, Any]]:
    """(index, what ``read`` makes of it) for short lines that are no label, reference, heading or link."""
    return [(i, value) for i, line in enumerate(lines)
            if labelled[i] is None and not line.heading and not line.all_link and len(line.text) <= _MAX_SHAPE_CHARS
            and (value := read(line.text))]


def _closes(first: int, second: int) -> bool:
    return 0 < second - first <= _BLOCK_SPAN


def header_shapes(lines: list[Line], labelled: list, found: dict[str, Any]) -> None:
    """A byline heading the article (or ending it, above an issue line), the title above it, the issue line."""
    bylines = _unlabelled(lines, labelled, byline_names)
    issues = _unlabelled(lines, labelled, issue_line)
    # Several different bylines: a table of contents, whose bylines belong to other articles.
    byline = bylines[0] if len({tuple(names) for _, names in bylines}) == 1 else None
    if byline and not (byline[0] < HEAD_LINES or any(_closes(byline[0], i) for i, _ in issues)):
        byline = None
    if byline and byline[0] and lines[byline[0] - 1].all_link:
        byline = None  # under a linked title: an entry of a listing
    issue = next((value for i, value in issues if i < HEAD_LINES or (byline and _closes(byline[0], i))), None)
    if byline:
        put(found, "_authors", byline[1])
        put(found, "title", _title_above(lines, byline[0]))
    if issue:
        journal, volume, number, date = issue
        put(found, "journal_title", journal)
        put(found, "volume", volume)
        put(found, "issue", number)
        put(found, "_issue_date", date)


def under_title(lines: list[Line], labelled: list) -> Optional[tuple[int, list[str]]]:
    """(index, names) of an unprefixed byline on the line right under the first heading of the header."""
    first = next((i for i, line in enumerate(lines[:HEAD_LINES])
                  if line.heading and line.text.casefold().rstrip(" :") not in PAGE_PART_HEADINGS), None)
    if first is None or first + 1 >= len(lines):
        return None
    line = lines[first + 1]
    if line.heading or line.all_link or labelled[first + 1] is not None:
        return None
    names = title_byline_names(line.text)
    return (first + 1, names) if names else None


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


def under_prominent_title(lines: list[Line], labelled: list) -> Optional[tuple[str, list[str]]]:
    """(title, names) on a page without headings: a bold or large line, and an unprefixed byline right under it."""
    if any(line.heading for line in lines[:HEAD_LINES]):
        return None
    for index, (line, below) in enumerate(zip(lines[: HEAD_LINES - 1], lines[1:HEAD_LINES])):
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
    if any(line.links or line_entries(line) or issue_line(line.text) for line in group):
        return None
    title = group[0].text
    for line in group[1:]:
        title += (" " if title.endswith((":", ".", "?", "!")) else ": ") + line.text
    return title if len(title) <= _MAX_TITLE_CHARS else None
