"""The shipped JSON Schema of the article record and a validator compiled from it."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator

from harvester.items import SCHEMA_VERSION


def schema_path(version: str = SCHEMA_VERSION):
    """Path of the schema file for ``version`` inside the installed package."""
    return resources.files(__package__) / f"article-{version}.schema.json"


@lru_cache(maxsize=None)
def load_schema(version: str = SCHEMA_VERSION) -> dict[str, Any]:
    """The JSON Schema document for ``version``."""
    return json.loads(schema_path(version).read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def validator(version: str = SCHEMA_VERSION) -> Draft202012Validator:
    """A compiled validator for ``version`` (built once per process)."""
    schema = load_schema(version)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def schema_errors(record: dict[str, Any]) -> list[str]:
    """Readable ``path: message`` strings for every way ``record`` breaks the schema."""
    errors = validator().iter_errors(record)
    return [f"{'/'.join(map(str, e.absolute_path)) or '(record)'}: {e.message}" for e in errors]
