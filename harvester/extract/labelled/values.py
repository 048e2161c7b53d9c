"""Raw values as read from labelled text: cleaned, and stored first-found-wins."""

from __future__ import annotations

from typing import Any


def clean_value(value: str) -> str:
    """A value without the colons and spaces around it and a trailing ';' or ','."""
    return value.strip(" :：").rstrip(";,").strip()


def put(found: dict[str, Any], name: str, value: Any) -> None:
    """Store ``value`` under ``name`` unless it is empty or a value was stored there already."""
    if value not in (None, "", []) and name not in found:
        found[name] = value


def split_list(value: str) -> list[str]:
    """The cleaned, non-empty parts of a ';'-joined value."""
    return [part for part in (clean_value(p) for p in value.split(";")) if part]
