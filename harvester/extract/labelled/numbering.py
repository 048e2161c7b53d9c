"""Numbering as labelled text writes it: 'Vol 24, No 4 (2025)', and a line that is only a numbering."""

from __future__ import annotations

import re
from typing import Optional

from harvester.vocabulary import ISSUE_LABEL, NUMBERING_LABEL, VOLUME_LABEL

_VOLUME = re.compile(rf"(?<![^\W\d_]){VOLUME_LABEL}\s*(\d+[a-z]?)\b", re.I)
_ISSUE = re.compile(rf"(?<![^\W\d_]){ISSUE_LABEL}\s*(\d+(?:[-–/]\d+)?)", re.I)
_ISSUE_DATE = re.compile(
    r"\((\d{4})\)|\s[-–—]\s+([^-–—]*\d{4})\s*$"
    r"|,\s*((?:\d{1,2}\s+)?(?:[^\W\d_]+\.?\s+){0,2}(?:1[6-9]|20)\d\d)\s*$"
)
#: 'Harbour Notes, Volume 12, Number 3 - 1 March 2021', 'Issue 21, Spring 2011'.
_ISSUE_LINE = re.compile(
    rf"(?:(?P<journal>[^\d,;:|]{{2,80}}?),\s+)?(?P<numbering>{NUMBERING_LABEL}(?![^\W\d_])\s*\d.{{0,80}})",
    re.I,
)
_NUMBERING_REST = re.compile(r"[\s,.;:–—-]*")
_MAX_ISSUE_LINE = 160

#: (journal, volume, issue, date) of an issue line, each raw or None.
IssueLine = tuple[Optional[str], Optional[str], Optional[str], Optional[str]]


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


def issue_line(text: str) -> Optional[IssueLine]:
    """(journal, volume, issue, date) of a line that is only a numbering, maybe after the journal's name.

    >>> issue_line("Harbour Notes, Volume 12, Number 3 - 1 March 2021")
    ('Harbour Notes', '12', '3', '1 March 2021')
    >>> issue_line("Issue 21, Spring 2011")
    (None, None, '21', 'Spring 2011')
    >>> issue_line("Number 10 of the series was lost") is None
    True
    """
    match = _ISSUE_LINE.fullmatch(text) if len(text) <= _MAX_ISSUE_LINE else None
    if match is None:
        return None
    numbering = match.group("numbering")
    volume, issue, date = split_numbering(numbering)
    rest = _ISSUE_DATE.sub("", _ISSUE.sub("", _VOLUME.sub("", numbering)))
    if not (volume or issue) or not _NUMBERING_REST.fullmatch(rest):
        return None
    return match.group("journal"), volume, issue, date
