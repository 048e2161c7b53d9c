"""The shipped JSON Schema of the article record and validators compiled from it.

Every record is checked by the schema compiled to Python code (fastjsonschema), about ten times
faster than jsonschema's interpreter; a record it refuses is checked again by jsonschema, whose
verdict stands and which lists every reason in readable form. So the compiled check may be
stricter (it reads ``$`` as the very end of a text) but must never be more lenient: the schema
keeps to keywords both read alike (no ``format``, nothing newer than draft 7), and
``tests/test_schema_check.py`` holds the two to the same verdicts on valid and broken records.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

import fastjsonschema
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


@lru_cache(maxsize=None)
def fast_check(version: str = SCHEMA_VERSION):
    """The schema compiled to a Python function that raises on the first error (built once per process)."""
    return fastjsonschema.compile(load_schema(version))


def is_valid(record: dict[str, Any]) -> bool:
    """Whether ``record`` meets the schema (the compiled check)."""
    try:
        fast_check()(record)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def schema_errors(record: dict[str, Any]) -> list[str]:
    """Readable ``path: message`` strings for every way ``record`` breaks the schema (none: it meets it)."""
    if is_valid(record):
        return []
    errors = validator().iter_errors(record)
    return [f"{'/'.join(map(str, e.absolute_path)) or '(record)'}: {e.message}" for e in errors]
