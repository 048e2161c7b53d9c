"""BibTeX source on fixture pages: the one entry a page prints, never entries of references or lists."""

from pathlib import Path

from parsel import Selector

from harvester.extract.bibtex import bibtex_candidate
from tests.candidates import assert_fields

FIXTURES = Path(__file__).parent / "fixtures" / "embedded"


def load(page: str) -> Selector:
    return Selector(text=(FIXTURES / page).read_text(encoding="utf-8"))


def person(name):
    return {"name": name, "affiliations": [], "orcid": None}


def test_braced_entry_in_pre_with_missing_commas():
    page = "bibtex_pre_static.html"
    assert_fields(page, bibtex_candidate(load(page)), {
        "title": "Learning Sparse Flow Fields for Night Driving",
        "authors": [person("Ruiz, Ana"), person("Nowak, Tomasz"), person("Wei, Li")],
        "journal_title": "Proceedings of the Night Driving Conference",
        "publisher": "NDC Press",
        "publication_date": "2016",
        "doi": "http://dx.doi.org/10.5555/NDC.7.12",
    })


def test_quoted_entry_in_cite_box_with_accents_and_bare_year():
    page = "bibtex_cite_modal_quoted.html"
    assert_fields(page, bibtex_candidate(load(page)), {
        "title": "Counting Birds with Sound",
        "authors": [person("Müller, Jonas"), person("Okafor, Ada")],
        "journal_title": "Proceedings of the Workshop on Field Acoustics",
        "pages": "14--22",
        "publication_date": "2019",
        "doi": "10.5555/wfa-1.3",
    })


# (a page of several entries gives nothing: tests/fixtures/embedded/bibtex_many_entries.json)
