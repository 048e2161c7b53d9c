"""Helpers for extractor tests: compare a Candidate with expected fields, naming page and field.

Fixture pages' expected fields live beside them as JSON (tests/fixtures/README.md, test_extract_pages.py)."""

from __future__ import annotations

from harvester.extract.base import Candidate


def assert_fields(page: str, candidate: Candidate, expected: dict) -> None:
    """Expected fields match exactly and nothing else is filled; a failure names page and field."""
    problems = [
        f"{page}: field {name}: expected {value!r}, got {candidate.get(name)!r}"
        for name, value in expected.items()
        if candidate.get(name) != value
    ]
    problems += [
        f"{page}: field {name}: expected nothing, got {value!r}"
        for name, value in candidate.values.items()
        if name not in expected
    ]
    assert not problems, "\n".join(problems)
