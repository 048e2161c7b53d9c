"""Inline elements join without invented spaces ('CO<sub>2</sub>' is 'CO2'); block elements with one space."""

from pathlib import Path

import pytest

from harvester.extract.document import parse_html
from harvester.extract.meta import strip_markup
from harvester.extract.visible import joined_text
from harvester.normalize import split_keywords
from tests.candidates import assert_merged

PAGES = Path(__file__).parent / "fixtures" / "text_joining"

EXPECTED = {
    "escaped_markup_in_meta.html": {
        "title": "Rising CO2 and Quercus robur seedlings",
        "abstract": "Seedlings at 800 ppm CO2 grew faster. N2O fell.",
    },
    "record_table_cells.html": {
        "title": "Uptake of NH4+ by Sphagnum mosses",
        "abstract": "Mosses took up NH4+ faster than NO3- in every bog. A second paragraph.",
        "keywords": ["NH4+ uptake", "peat bogs"],
    },
    "linked_tag_list.html": {
        "keywords": ["CO2 degassing", "karst", "δ13C"],
        "abstract": "Streams in karst lost most of their dissolved CO2 within a kilometre of the spring, "
                    "raising δ13C of the carbon that remained.",
    },
}


@pytest.mark.parametrize("page, field", [(p, f) for p, fields in EXPECTED.items() for f in fields])
def test_joined_field(page, field):
    if field == "keywords":
        from tests.candidates import article_page

        got = split_keywords(article_page(PAGES / page).merged.values.get("keywords"))
        assert got == EXPECTED[page][field], f"{page}: field keywords: expected {EXPECTED[page][field]!r}, got {got!r}"
    else:
        assert_merged(PAGES / page, field, EXPECTED[page][field])


@pytest.mark.parametrize("html, expected", [
    ("<div>CO<sub>2</sub> and <i>Quercus</i> <b>robur</b><a href='#n1'>*</a></div>", "CO2 and Quercus robur*"),
    ("<div><p>First.</p><p>Second</p>line<br>break<script>no()</script> <span>s</span>pan</div>",
     "First. Second line break span"),
])
def test_joined_text(html, expected):
    assert joined_text(parse_html(html).root.find(".//div")) == expected


def test_markup_in_meta_text():
    assert strip_markup("H<sub>2</sub>O<sub>2</sub><br/>and <jats:p>Ca<sup>2+</sup></jats:p>") == "H2O2 and Ca2+"
