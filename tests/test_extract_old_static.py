"""Old static pages: no meta tags, Latin-1 bytes with no declared charset, the record read off the visible text."""

from pathlib import Path

import pytest

from harvester.extract.article import ArticlePage
from harvester.extract.citeline import read_citation_text
from harvester.extract.document import decode_page, parse_html

PAGES = Path(__file__).parent / "fixtures" / "old_static"

EXPECTED = {
    "latin1_table_layout.html": {
        "title": "Variação sazonal da precipitação no semiárido de Pernambuco",
        "authors": ["José Antônio da Silva", "Maria Conceição Araújo"],
        "journal_title": "Revista Brasileira de Geografia Física", "volume": "4", "issue": "2",
        "publication_date": "Junho de 2011",
    },
    "latin1_centered_header.html": {
        "title": "Zur Geschichte der Mühlen im Schwarzwald",
        "authors": ["Günter Bäuerle", "Jürgen Weiß"],
        "journal_title": "Alemannisches Jahrbuch", "volume": "58", "issue": "1", "first_page": "77",
        "last_page": "102", "publication_date": "2010",
    },
    "latin1_font_sizes.html": {
        "title": "Risky play in Québec kindergartens",
        "authors": ["Hélène Tremblay", "Marc Côté"],
        "journal_title": "Journal of Outdoor Play and Adventure", "volume": "7", "issue": "3",
        "publication_date": "Fall 2011",
    },
}


def _merged(page: str) -> dict:
    path = PAGES / page
    decoded = decode_page(path.read_bytes(), None)
    values = ArticlePage(parse_html(decoded.text), path.as_uri()).merged.values
    return {**values, "authors": [a["name"] for a in values.get("authors") or []]}


@pytest.mark.parametrize("page, field", [(p, f) for p, fields in EXPECTED.items() for f in fields])
def test_old_static_field(page, field):
    got = _merged(page).get(field)
    assert got == EXPECTED[page][field], f"{page}: field {field}: expected {EXPECTED[page][field]!r}, got {got!r}"


@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_no_doi_invented(page):
    assert _merged(page).get("doi") is None, f"{page}: field doi: expected nothing"


def test_journal_before_a_volume_label_of_any_language():
    assert read_citation_text("Вестник истории, Том 3, вып. 2 (2009), с. 5-20")["journal"] == "Вестник истории"
