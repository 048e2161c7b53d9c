"""One article printed as sibling <article> parts (front, abstract, body): its abstract and keywords are read."""

from pathlib import Path

import pytest

from harvester.extract.document import parse_html
from harvester.extract.labels import labelled_text_candidate

PAGES = Path(__file__).parent / "fixtures" / "split_article"

EXPECTED = {
    "header_abstract_body.html": {
        "abstract": "Barley grown near the coast tolerates twice the salt of inland strains, and the tolerance is inherited.",
        "keywords": "Barley, Salinity, Heredity",
    },
    "three_articles_in_div.html": {
        "abstract": "Rain of more than forty millimetres an hour moved most of the soil lost from bare plots in the cerrado.",
        "keywords": "erosion; rainfall; cerrado",
    },
}


@pytest.mark.parametrize("page, field", [(p, f) for p, fields in EXPECTED.items() for f in fields])
def test_split_article_field(page, field):
    path = PAGES / page
    got = labelled_text_candidate(parse_html(path.read_text(encoding="utf-8")), path.as_uri()).get(field)
    assert got == EXPECTED[page][field], f"{page}: field {field}: expected {EXPECTED[page][field]!r}, got {got!r}"
