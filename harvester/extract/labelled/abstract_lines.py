"""Where an abstract's lines end: at what opens the text after it, never at a structured abstract's part."""

from __future__ import annotations

import re
from typing import Any, Optional

from harvester.extract.labelled.headings import (
    SECTION_HEADINGS, heading_shaped, is_capital_heading, is_numbered_heading,
)
from harvester.extract.labelled.line_labels import line_entries
from harvester.extract.visible import Line
from harvester.vocabulary import headings, pattern

#: The kinds of value an abstract's label announces.
ABSTRACT_KINDS = frozenset({"abstract", "scientific_abstract"})
#: Sub-headings of structured abstracts, which belong to the abstract, and the words joining them.
_ABSTRACT_PARTS = headings("abstract_parts")
_PART_JOINERS = headings("part_joiners")
_PART_WORDS = re.compile(r"[\s,/]+")
#: What follows an abstract: a copyright line, citation tools, editorial history ('Received 4 June 2017').
_STOP_PREFIX = re.compile(
    rf"(?:©|\(c\)\s*\d{{4}}|{pattern('abstract_end')}"
    rf"|{pattern('editorial_event')}\s*:?\s*(?:{pattern('date_preposition')}\s+)?(?:\d|[a-z]+\.?\s+\d))",
    re.I,
)
_ELLIPSIS = re.compile(r"[.…\s]+")


def abstract_lines(lines: list[Line], label: Optional[Line] = None) -> list[Line]:
    """The abstract's own lines, up to the first line that opens what follows it (``ends_abstract``).

    Sub-headings of a structured abstract ('Methods') stay, unless nothing follows them;
    figures (a visual abstract's caption) are passed over.
    """
    kept = []
    for line in lines:
        if _in_figure(line.node) or _ELLIPSIS.fullmatch(line.text):
            continue
        if ends_abstract(line, label):
            break
        kept.append(line)
    while kept and kept[-1].heading_like:
        kept.pop()
    return kept


def ends_abstract(line: Line, label: Optional[Line]) -> bool:
    """True for a line that opens what follows the abstract.

    A heading, label, link list or page furniture; a numbered ('1. Introduction'), capitalised or
    known section heading; a line set in the block style of the abstract's own label
    ('<p class="section-title">'), even a sub-heading word such as 'Background'.
    """
    if line.all_link or _STOP_PREFIX.match(line.text) or line_entries(line) is not None:
        return True
    text = line.text.rstrip(" :：.").casefold()
    if _is_abstract_part(text):
        return label is not None and _same_block_style(line, label)
    if line.heading_like or text in SECTION_HEADINGS or is_numbered_heading(line.text):
        return True
    return is_capital_heading(line.text) or (label is not None and _same_block_style(line, label)
                                            and heading_shaped(line.text))


def _is_abstract_part(text: str) -> bool:
    """A structured abstract's sub-heading: 'methods', 'patients and methods', 'design, setting, and participants'."""
    if text in _ABSTRACT_PARTS:
        return True
    words = [word for word in _PART_WORDS.split(text) if word]
    return bool(words) and all(word in _ABSTRACT_PARTS or word in _PART_JOINERS for word in words)


def _same_block_style(line: Line, label: Line) -> bool:
    """The line's block has the tag and (non-empty) class of the label's block: a sibling heading."""
    style = label.node.get("class")
    return bool(style) and line.node is not label.node and line.node.tag == label.node.tag \
        and line.node.get("class") == style


def _in_figure(node: Any) -> bool:
    return node.tag == "figure" or any(ancestor.tag == "figure" for ancestor in node.iterancestors())
