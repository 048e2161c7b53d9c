"""The journal's name where no label gives it: a part of <title>, or a masthead line above the article's title."""

from __future__ import annotations

import re
from typing import Optional

from parsel import Selector

from harvester.extract.labelled.byline_shapes import HEAD_LINES
from harvester.extract.labelled.line_labels import line_entries
from harvester.extract.visible import Line
from harvester.vocabulary import pattern

#: Words that name a periodical, for telling a journal's name among the parts of <title>.
_PERIODICAL = re.compile(rf"\b{pattern('periodical')}\b", re.I)
_TITLE_PARTS = re.compile(r"\s+(?:[-|–—]|::)\s+")
_MAX_JOURNAL_WORDS = 8
_HAS_DIGIT = re.compile(r"\d")


def site_periodical(selector: Selector, lines: list[Line]) -> Optional[str]:
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


def masthead_periodical(lines: list[Line], title: Optional[str]) -> Optional[str]:
    """A line above the article's title (read off the text) naming a periodical ('Journal of Outdoor Play')."""
    for line in lines[:HEAD_LINES] if title else ():
        if line.text == title:
            return None
        if (not line.heading and _PERIODICAL.search(line.text) and len(line.text.split()) <= _MAX_JOURNAL_WORDS
                and not _HAS_DIGIT.search(line.text) and not line_entries(line)):
            return line.text
    return None
