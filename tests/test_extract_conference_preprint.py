"""Conference and preprint pages: generic headings, volume DOIs, journal references, byline order."""

from pathlib import Path

import pytest

from harvester.extract.base import Candidate
from harvester.extract.merge import merge
from harvester.extract.validators import plausible_title
from tests.candidates import assert_merged

PAGES = Path(__file__).parent / "fixtures" / "conference_preprint"

EXPECTED = {
    "generic_heading_volume_doi.html": {
        "title": "Gripping soft fruit with a vacuum hand",
        "authors": ["Anna Berg", "Olli Virtanen"],
        "doi": "https://doi.org/10.5555/nrs.2019.17",
    },
    "preprint_journal_reference.html": {
        "authors": ["Zhou, Min", "Brandt, Laura", "Akiyama, Ken"],
        "journal_title": "Phys. Rev. D",
        "volume": "88",
        "first_page": "054505",
    },
    "chapter_in_book_dc.html": {
        "doi": "https://doi.org/10.5555/978-1-23456-789-0_7",
        "authors": ["Anderson, Kim", "Petrov, Ivan"],
    },
}


@pytest.mark.parametrize("page, field", [(p, f) for p, fields in EXPECTED.items() for f in fields])
def test_conference_preprint_field(page, field):
    assert_merged(PAGES / page, field, EXPECTED[page][field])


@pytest.mark.parametrize("title", ["Conference", "Proceedings", "Abstract", "Article", "Preprint:"])
def test_generic_heading_is_no_title(title):
    assert not plausible_title(title)


def _authors(source: str, *names: str) -> Candidate:
    return Candidate(source, {"authors": [{"name": n} for n in names]})


def test_byline_of_other_people_leaves_the_declared_order():
    merged = merge([_authors("citation", "Akiyama, Ken", "Brandt, Laura"), _authors("bylines", "Laura Brandt", "Jo Kim")])
    assert [a["name"] for a in merged.values["authors"]] == ["Akiyama, Ken", "Brandt, Laura"]


def test_figure_doi_never_replaces_the_article_doi():
    merged = merge([Candidate("citation", {"doi": "10.1371/journal.pone.0213978"}),
                    Candidate("text", {"doi": "https://doi.org/10.1371/journal.pone.0213978.g001"})])
    assert merged.values["doi"] == "10.1371/journal.pone.0213978"
