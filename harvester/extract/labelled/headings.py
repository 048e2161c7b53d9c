"""Lines shaped like an article's section headings ('1. Introduction', 'MATERIALS AND METHODS')."""

from __future__ import annotations

import re

from harvester.vocabulary import REFERENCE_HEADINGS, headings

#: Section headings that follow an abstract and are never part of one (alone on their line).
SECTION_HEADINGS = headings("section")
#: '1. Introduction', '2.1 Data sets', 'IV. RESULTS' (a number, then a short title without a full stop).
_NUMBERED_HEADING = re.compile(r"(?:\d{1,2}(?:\.\d{1,2})*\.?|[IVX]{1,5}\.)\s+(?P<title>[^\W\d_][^.!?]{0,80})")
_LETTERS = re.compile(r"[^\W\d_]")
_MIN_CAPITAL_LETTERS = 4
_MAX_HEADING_CHARS = 80


def is_numbered_heading(text: str) -> bool:
    """'1. Introduction', '2.1 Data', 'I. INTRODUCTION': a section number, then a short capitalised title."""
    match = _NUMBERED_HEADING.fullmatch(text)
    return match is not None and match.group("title")[0].isupper()


def is_capital_heading(text: str) -> bool:
    """'INTRODUCTION', 'MATERIALS AND METHODS': a short line all in capitals."""
    return text.isupper() and heading_shaped(text) and len(_LETTERS.findall(text)) >= _MIN_CAPITAL_LETTERS


def heading_shaped(text: str) -> bool:
    """Short, and not ending like a sentence or a list."""
    return len(text) <= _MAX_HEADING_CHARS and not text.endswith((".", "!", "?", ",", ";"))


def is_section_heading(text: str) -> bool:
    """An article section's name ('Introduction', 'Material and methods', '2. Results'), never a keyword."""
    name = text.rstrip(" :：.").casefold()
    return name in SECTION_HEADINGS or name in REFERENCE_HEADINGS or is_numbered_heading(text)
