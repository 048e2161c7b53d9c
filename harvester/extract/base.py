"""What every extraction source returns: raw field values tagged with the source's name."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: Raw fields a source may fill, with the shape of each value.
FIELDS: dict[str, str] = {
    "title": "str",
    "authors": "list of {'name': str, 'affiliations': [str], 'orcid': str|None}",
    "journal_title": "str",
    "journal_abbrev": "str",
    "issn": "list[str] (raw, unchecked)",
    "publisher": "str",
    "volume": "str",
    "issue": "str",
    "first_page": "str",
    "last_page": "str",
    "pages": "str: a range such as '632-642' when first/last are not given apart",
    "publication_date": "str: raw date as written",
    "keywords": "list[str] or one str with separators",
    "abstract": "str",
    "language": "str: a code or a language name as written",
    "doi": "str: raw, may carry a resolver prefix",
    "canonical_url": "str",
    "last_modified": "str: raw date-time as written",
    "related": "list of {'title': str, 'url': str}",
}


@dataclass
class Candidate:
    """Raw values one source found on a page; empty values are left out."""

    source: str
    values: dict[str, Any] = field(default_factory=dict)

    def set(self, name: str, value: Any) -> None:
        """Store ``value`` under ``name`` unless it is empty or the field is already filled."""
        if name not in FIELDS:
            raise KeyError(f"unknown field {name!r}")
        if value in (None, "", [], {}) or name in self.values:
            return
        self.values[name] = value

    def get(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, default)

    def __bool__(self) -> bool:
        return bool(self.values)
