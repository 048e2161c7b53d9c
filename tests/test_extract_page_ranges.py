"""A whole page range written into one first-page field is split into first and last page.

The pages' expected fields are in tests/fixtures/page_ranges/*.json (checked by test_extract_pages.py)."""

from harvester.extract.merge import _split_first_page

def test_single_page_and_conflicting_last_page():
    assert _split_first_page("444", None) == ("444", None)
    assert _split_first_page("444-445", "450") == ("444", "450")
