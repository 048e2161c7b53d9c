"""Pages without embedded metadata: title under escaped <title> markup, byline and citation line under an <h2>,
an abstract paragraph the parser split off its empty 'abstract' <p>, a 'doi:' ending the citation line,
a heading classed as the title outside the main <article>, header lines in parts ('Article • Journal 14 (3) • 2019').

The pages' expected fields are in tests/fixtures/visible_only/*.json (checked by test_extract_pages.py)."""

import pytest

from harvester.extract.labelled.byline_shapes import title_byline_names

@pytest.mark.parametrize("line", ["Research Article", "Open Access and Original Research", "Jane Doe", "Figure 1"])
def test_lines_under_a_title_that_are_no_byline(line):
    assert title_byline_names(line) is None, line
