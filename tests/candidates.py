"""Helpers for extractor tests: compare a Candidate with expected fields, naming page and field."""

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


def article_page(path):
    """The page object of one fixture file."""
    from harvester.extract.article import ArticlePage
    from harvester.extract.document import parse_html

    return ArticlePage(parse_html(path.read_text(encoding="utf-8")), path.as_uri())


def assert_merged(path, field: str, expected) -> None:
    """The page's merged ``field`` (authors as their names) is ``expected``; a failure names page and field."""
    got = article_page(path).merged.values.get(field)
    if field == "authors":
        got = [a["name"] for a in got or []]
    assert got == expected, f"{path.name}: field {field}: expected {expected!r}, got {got!r}"
