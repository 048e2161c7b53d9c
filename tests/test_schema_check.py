"""The compiled schema check and jsonschema give every record the same verdict."""

from __future__ import annotations

import copy

import pytest

from harvester.items import SCHEMA_VERSION
from harvester.schema import is_valid, schema_errors, validator

RECORD = {
    "schema_version": SCHEMA_VERSION, "record_type": "article", "url": "https://journal.test/article/view/7",
    "source": "j", "title": "Tidal Mills of the North Sea Coast",
    "authors": [{"name": "Lovelace, Ada", "given": "Ada", "family": "Lovelace", "orcid": "0000-0002-1825-0097",
                 "affiliations": ["University of Leeds"]}],
    "journal": {"title": "Journal of Harvest Studies", "abbreviation": None, "issn": ["2049-3630"],
                "publisher": "Harvest Press"},
    "volume": "12", "issue": "3", "first_page": "45", "last_page": "67", "publication_date": "2019-05",
    "publication_date_raw": "May 2019", "keywords": ["mills", "tides"], "abstract": "We surveyed every mill.",
    "language": "en", "doi": "10.5555/johs.7", "related": [{"title": "Other mills", "url": "https://journal.test/8"}],
    "provenance": {"title": "citation"}, "urls": ["https://journal.test/article/view/7"], "change": "new",
    "harvested_at": "2026-01-01T00:00:00Z",
}


def changed(path: str, value) -> dict:
    """RECORD with the value at ``path`` ('authors.0.orcid') replaced; ``...`` deletes it."""
    record = copy.deepcopy(RECORD)
    *parents, last = path.split(".")
    node = record
    for part in parents:
        node = node[int(part)] if part.isdigit() else node[part]
    key = int(last) if last.isdigit() else last
    if value is ...:
        del node[key]
    else:
        node[key] = value
    return record


BROKEN = [
    ("title", ...), ("title", ""), ("title", " padded "), ("title", 7), ("schema_version", "0.9"),
    ("record_type", "issue"), ("url", "ftp://journal.test/7"), ("publication_date", "2019-13"),
    ("publication_date", "May 2019"), ("harvested_at", "2026-01-01"), ("authors.0.orcid", "0000-0002-1825-009"),
    ("authors.0.nickname", "Ada"), ("authors.0.name", ...), ("journal.issn", ["2049-3630", "2049-3630"]),
    ("journal.issn", ["20493630"]), ("journal.edition", "2"), ("keywords", ["mills", ""]), ("keywords", "mills"),
    ("related.0.url", "journal.test/8"), ("related.0", {"title": "Other mills"}), ("change", "moved"),
    ("urls", []), ("urls", ["https://journal.test/7", "https://journal.test/7"]), ("provenance", {"title": 1}),
    ("unknown_field", 1),
]
FINE = [("authors.0.orcid", None), ("journal.abbreviation", "J. Harv. Stud."), ("publication_date", "2019"),
        ("harvested_at", "2026-01-01T00:00:00.5+02:00"), ("keywords", []), ("abstract", None), ("urls", ...)]


@pytest.mark.parametrize("path, value", BROKEN, ids=[f"{p}={v!r}" for p, v in BROKEN])
def test_a_broken_record_is_refused_by_both_with_readable_reasons(path, value):
    record = changed(path, value)
    assert not is_valid(record) and list(validator().iter_errors(record)), (path, value)
    assert schema_errors(record), "the reasons come from jsonschema"


@pytest.mark.parametrize("path, value", [(None, None), *FINE], ids=["as is", *(f"{p}={v!r}" for p, v in FINE)])
def test_a_valid_record_passes_both(path, value):
    record = RECORD if path is None else changed(path, value)
    assert is_valid(record) and not list(validator().iter_errors(record)), (path, value)
    assert schema_errors(record) == []


def test_where_the_compiled_check_is_stricter_jsonschema_decides():
    """fastjsonschema reads ``$`` as the end of the text; Python's ``re`` (jsonschema) also before a last newline.

    The compiled check only ever lets a record skip jsonschema when it finds no error, so the
    verdict is jsonschema's either way.
    """
    record = changed("abstract", "ends with a newline\n")
    assert not is_valid(record) and not list(validator().iter_errors(record))
    assert schema_errors(record) == []
