"""Keywords marked up one element each stay apart; article section names are never keywords."""

from pathlib import Path

import pytest

from harvester.extract.document import parse_html
from harvester.extract.labels import labelled_text_candidate, separate_items
from harvester.normalize import split_keywords

PAGES = Path(__file__).parent / "fixtures" / "keyword_markup"

EXPECTED = {
    "span_keywords_under_heading.html": ["Soil carbon", "No-till", "Clay soils"],
    "linked_keywords_after_bold_label.html": ["red deer", "winter feeding", "browsing"],
    "list_in_article_body.html": ["nitrate", "groundwater", "dairy farming"],
    "spans_before_bold_sections.html": ["bats", "forest edge", "foraging"],
    "outline_under_keywords_label.html": [],
    "jats_kwd_group_spans.html": ["hedgerows", "farmland birds", "habitat age"],
    "emphasised_keywords_after_label.html": ["glaciers", "Pamir", "remote sensing"],
}


@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_keywords_field(page):
    path = PAGES / page
    raw = labelled_text_candidate(parse_html(path.read_text(encoding="utf-8")), path.as_uri()).get("keywords")
    got = split_keywords(raw)
    assert got == EXPECTED[page], f"{page}: field keywords: expected {EXPECTED[page]!r}, got {got!r}"


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
    from harvester.extract.labels import _is_section_heading

    assert _is_section_heading(text) is heading, text
