"""The labels on a line of visible text: a label alone on its line, or labels each before a value."""

from __future__ import annotations

from typing import Optional

from harvester.extract.visible import Line
from harvester.vocabulary import LABEL_AT_START, LABEL_GLUED, LABELS, label_key

#: A label alone on its line is never longer than this.
MAX_BARE = 60
#: The entries of a reference line: a stop that ends any value before it.
_REFERENCE_STOP = [("stop", "")]

#: (kind of value, inline value) for each label of a line.
Entries = list[tuple[str, str]]


def _glued_labels(text: str, start: int):
    """Labels that begin right after a value ends, with no space or line break between."""
    for match in LABEL_GLUED.finditer(text, start):
        at = match.start()
        before = text[at - 1] if at else " "
        if not before.isalpha() or (before.islower() and text[at].isupper()):
            yield match


def line_entries(line: Line) -> Optional[Entries]:
    """(kind, inline value) for each label on ``line``; None when the line is not labelled."""
    text = line.text
    if len(text) <= MAX_BARE and not line.all_link and label_key(text) in LABELS:
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


def labelled_lines(lines: list[Line], in_references: list[bool]) -> list[Optional[Entries]]:
    """Each line's label entries; a reference line is a stop that ends any value before it."""
    return [_REFERENCE_STOP if skip else line_entries(line) for line, skip in zip(lines, in_references)]
