"""Whitespace and invisible-character cleanup shared by every normaliser."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Iterable


def _translation_table() -> dict[int, str | None]:
    """Map invisible characters to nothing and control characters to a space."""
    table: dict[int, str | None] = {}
    for code in list(range(0x00, 0x20)) + list(range(0x7F, 0xA0)):
        table[code] = " "
    invisible = [0x00AD, 0x061C, 0x180E, 0xFEFF, *range(0x200B, 0x2010),
                 *range(0x202A, 0x202F), *range(0x2060, 0x2065), *range(0x2066, 0x206A)]
    for code in invisible:
        table[code] = None
    return table


_TABLE = _translation_table()
_SEPARATORS = ";,:|/"
_EDGE_DASH_RE = re.compile(r"(?:^[-–—](?:\s+|$))|(?:(?:^|\s+)[-–—]$)")
_LABEL_TAIL = r"(?=[\s.:;,\-–—|/]|$)[\s.:;,\-–—|/]*"


def clean_text(value: str | None) -> str | None:
    """NFC text with invisible characters removed and all whitespace collapsed to single spaces.

    >>> clean_text("  Soviet\\u00a0Defectors\\u200b in\\n Germany ")
    'Soviet Defectors in Germany'
    >>> clean_text(" \\u00ad ") is None
    True
    """
    if not value:
        return None
    text = value.translate(_TABLE)
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    text = " ".join(text.split())
    return text or None


def strip_separators(value: str | None) -> str | None:
    """Clean text, then drop separators (``;,:|/``) and lone dashes at either end.

    >>> strip_separators(" Antoshin A.V.; ")
    'Antoshin A.V.'
    >>> strip_separators("Russian anti-communists -")
    'Russian anti-communists'
    """
    text = clean_text(value)
    while text:
        stripped = _EDGE_DASH_RE.sub("", text.strip(_SEPARATORS + " "))
        if stripped == text:
            break
        text = stripped
    return text or None


@lru_cache(maxsize=64)
def _label_re(labels: tuple[str, ...]) -> re.Pattern[str]:
    """One case-insensitive pattern matching any of ``labels`` at the start of a string."""
    ordered = sorted(labels, key=len, reverse=True)  # longest first: 'Key words' before 'Key'
    alternatives = "|".join(re.escape(label.strip(" .:")) for label in ordered)
    return re.compile(rf"^(?:{alternatives}){_LABEL_TAIL}", re.IGNORECASE)


def strip_label(value: str | None, labels: Iterable[str]) -> str | None:
    """Clean text and remove one leading label (``Abstract:``) followed by a separator, space or the end.

    >>> strip_label("Abstract: The article is devoted", ["Abstract"])
    'The article is devoted'
    >>> strip_label("Abstraction matters", ["Abstract"])
    'Abstraction matters'
    """
    text = clean_text(value)
    labels = tuple(labels)
    if text is None or not labels:
        return text
    pattern = _label_re(labels)
    return pattern.sub("", text, count=1).strip() or None
