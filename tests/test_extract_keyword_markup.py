"""Keywords marked up one element each stay apart; article section names are never keywords.

The pages' expected fields are in tests/fixtures/keyword_markup/*.json (checked by test_extract_pages.py)."""

import pytest

from harvester.extract.document import parse_html
from harvester.extract.labelled.keyword_lists import separate_items


def test_separate_items_needs_the_whole_text():
    block = parse_html("<p><i>Quercus</i> robur, <i>Pinus</i> sylvestris</p>").root.find(".//p")
    assert separate_items(block, "Quercus robur, Pinus sylvestris") is None


def test_separate_items_reads_each_element():
    block = parse_html('<p><a class="k">A b</a>, <a class="k">C</a></p>').root.find(".//p")
    assert separate_items(block, "A b, C") == ["A b", "C"]


@pytest.mark.parametrize("text, heading", [
    ("Introduction", True), ("Material and methods", True), ("2. Results", True), ("References", True),
    ("soil carbon", False), ("3D printing", False),
])
def test_section_names_are_no_keywords(text, heading):
    from harvester.extract.labelled.headings import is_section_heading

    assert is_section_heading(text) is heading, text
