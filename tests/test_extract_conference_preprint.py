"""Conference and preprint pages: generic headings, volume DOIs, journal references, byline order.

The pages' expected fields are in tests/fixtures/conference_preprint/*.json (checked by test_extract_pages.py)."""

import pytest

from harvester.extract.base import Candidate
from harvester.extract.merge import merge
from harvester.extract.validators import plausible_title

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
