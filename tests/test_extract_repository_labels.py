"""Repository and thesis records labelled 'Creator', 'Autore', 'Abstract/Description', 'Riassunto',
'Subjects and keywords' give records; advisors and committee members are no authors."""

from pathlib import Path

import pytest

from harvester.normalize import parse_date
from tests.candidates import article_page, assert_merged

PAGES = Path(__file__).parent / "fixtures" / "repository"

EXPECTED = {
    "dl_record.html": {
        "title": "Grain boundaries in thin nickel films",
        "authors": ["Okafor, Chidi"],
        "abstract": "Grain boundaries in nickel films thinner than fifty nanometres move under heat. We tracked them in situ.",
        "keywords": "nickel; thin films; Materials Science",
    },
    "table_record_it.html": {
        "title": "Neutron yields of light targets",
        "authors": ["Giulia Ferri"],
        "abstract": "We measured neutron yields of beryllium and lithium targets at low energies.",
    },
}



@pytest.mark.parametrize("page, field", [(p, f) for p, fields in EXPECTED.items() for f in fields])
def test_repository_record_field(page, field):
    assert_merged(PAGES / page, field, EXPECTED[page][field])


@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_repository_record_is_an_article(page):
    verdict = article_page(PAGES / page).verdict()
    assert verdict.kind == "article", f"{page}: {verdict.reason}"


CATALOGUE = {
    "catalogue_table_de.html": ("Rare myon decays at high intensity", "2016"),
    "catalogue_dl_en.html": ("Wind loads on tall timber buildings", "2012-03-03"),
}


@pytest.mark.parametrize("page", sorted(CATALOGUE))
def test_catalogue_title_without_responsibility_and_imprint_date(page):
    title, date = CATALOGUE[page]
    assert_merged(PAGES / page, "title", title)
    got = parse_date(article_page(PAGES / page).merged.values.get("publication_date"))
    assert got == date, f"{page}: field publication_date: expected {date!r}, got {got!r}"
