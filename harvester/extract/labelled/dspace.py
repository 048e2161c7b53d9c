"""A repository's full item record (DSpace): table rows named by qualified Dublin Core fields ('dc.title')."""

from __future__ import annotations

import re
from typing import Any, Optional

from parsel import Selector

from harvester.extract.labelled.values import put
from harvester.extract.visible import joined_text
from harvester.normalize import normalize_language
from harvester.vocabulary import DUBLIN_CORE

#: 'dc.title'-style row names (DSpace full item record) -> the raw field they fill.
_DC_ROW_FIELDS: dict[str, str] = DUBLIN_CORE["record_rows"]
_DC_ROWS = "//tr[*[1][starts-with(normalize-space(.), 'dc.') or starts-with(normalize-space(.), 'dcterms.')]]"
_LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(?:[_-][A-Za-z]{2})?")
#: An institution tag after a name: 'Souza, Marta Regina [UNEX]'.
_NAME_TAG = re.compile(r"\s*\[[^\]]*\]\s*$")

#: Field -> (value, language tag) per row, in row order.
RecordRows = dict[str, list[tuple[str, Optional[str]]]]


def has_record_rows(selector: Selector) -> bool:
    """The page holds a repository's record table (rows named 'dc.title', 'dc.subject', ...)."""
    return bool(selector.root.xpath(f"boolean({_DC_ROWS})"))


def record_rows(selector: Selector) -> RecordRows:
    """(value, language tag) per field, in row order, from rows named 'dc.title', 'dc.subject', ..."""
    rows: RecordRows = {}
    for row in selector.root.xpath(_DC_ROWS):
        cells = [joined_text(cell) for cell in row.xpath("./td|./th")]
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


def take_record_rows(found: dict[str, Any], rows: RecordRows) -> None:
    """Fill the fields no label gave from the record rows (several abstracts: the one in the record's language)."""
    language = rows["language"][0][0] if "language" in rows else None
    for name, values in rows.items():
        if name == "_authors":
            put(found, name, [_NAME_TAG.sub("", value) for value, _ in values])
        elif name == "keywords":
            put(found, name, "; ".join(value for value, _ in values))
        elif name == "abstract":
            put(found, name, _in_language(values, language))
        else:
            put(found, name, values[0][0])
