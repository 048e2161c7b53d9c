"""Article metadata held only in an inline script: read without executing, only when it describes this page."""

from pathlib import Path

import pytest

from harvester.extract.document import parse_html
from harvester.extract.scriptdata import MAX_DEPTH, read_literal, script_candidate
from tests.candidates import assert_fields

PAGES = Path(__file__).parent / "fixtures" / "script_data"

EXPECTED = {
    "var_assigned_object.html": {
        "title": "Tidal mixing in fjords",
        "authors": [{"name": "Solberg, Ingrid", "affiliations": [], "orcid": None, "given": "Ingrid", "family": "Solberg"},
                    {"name": "Hale, Tom", "affiliations": [], "orcid": None, "given": "Tom", "family": "Hale"}],
        "doi": "10.5555/mr.2020.118", "journal_title": "Marine Reader", "issn": ["1234-5679"],
        "publication_date": "2020-06-15", "volume": "14", "issue": "2", "first_page": "101", "last_page": "118",
        "abstract": "Tides mixed the deep water of three fjords twice as fast as winds did, even in winter.",
    },
    "initial_state_nested.html": {
        "title": "Seed banks of abandoned rice terraces",
        "authors": [{"name": "Tanaka, Hiroshi", "affiliations": [], "orcid": None, "given": "Hiroshi", "family": "Tanaka"},
                    {"name": "Mori, Aiko", "affiliations": [], "orcid": None, "given": "Aiko", "family": "Mori"}],
        "doi": "10.5555/orp.4471", "journal_title": "Open Research Platform Ecology", "publication_date": "2021-03",
        "volume": "7", "keywords": ["seed bank", "rice terraces", "abandonment"],
    },
    "json_block_article.html": {
        "title": "Fungos micorrízicos em solos do cerrado",
        "authors": [{"name": "Ana Paula Souza", "affiliations": [], "orcid": None},
                    {"name": "Carlos Lima", "affiliations": [], "orcid": None}],
        "journal_title": "Revista de Solos", "publication_date": "2018", "volume": "22", "issue": "3",
        "pages": "45-60", "language": "pt",
    },
    "json_parse_string.html": {
        "title": "Ice cover of Lake Ladoga, 1950–2020",
        "authors": [{"name": "Olga Smirnova", "affiliations": [], "orcid": None}],
        "journal_title": "Lakes Online", "publication_date": "2022-01",
    },
    # Another article's data (its title is not the page's, its DOI not shown): nothing is taken.
    "json_block_other_article.html": {},
}


@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_script_data_fields(page):
    path = PAGES / page
    assert_fields(page, script_candidate(parse_html(path.read_text(encoding="utf-8"))), EXPECTED[page])


@pytest.mark.parametrize("text", [
    "{title: fetch('/x')}", "{a: `template`}", "{a: function () { return 1 }}", "{a: 'unterminated}",
    "[" * (MAX_DEPTH + 2) + "]" * (MAX_DEPTH + 2),
])
def test_no_code_and_no_runaway_nesting(text):
    with pytest.raises(ValueError):
        read_literal(text)


def test_reference_list_entries_never_the_article():
    html = ("<html><body><h1>Page heading</h1><p>See 10.5555/ref.1 and 10.5555/ref.2</p><script>var refs = "
            "{items: [{title: 'Cited one', doi: '10.5555/ref.1'}, {title: 'Cited two', doi: '10.5555/ref.2'}]};"
            "</script></body></html>")
    assert not script_candidate(parse_html(html))
