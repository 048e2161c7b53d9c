"""A whole page range written into one first-page field is split into first and last page."""

from pathlib import Path

import pytest

from tests.candidates import assert_merged
from harvester.extract.merge import _split_first_page

PAGES = Path(__file__).parent / "fixtures" / "page_ranges"

EXPECTED = {
    "citation_firstpage_range.html": {"first_page": "444", "last_page": "445"},
    "prism_starting_page_labelled_range.html": {"first_page": "12", "last_page": "19"},
    "range_with_matching_lastpage.html": {"first_page": "e101", "last_page": "e108"},
}


@pytest.mark.parametrize("page, field", [(p, f) for p, fields in EXPECTED.items() for f in fields])
def test_page_range_field(page, field):
    assert_merged(PAGES / page, field, EXPECTED[page][field])


def test_single_page_and_conflicting_last_page():
    assert _split_first_page("444", None) == ("444", None)
    assert _split_first_page("444-445", "450") == ("444", "450")
