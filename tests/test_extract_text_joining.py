"""Inline elements join without invented spaces ('CO<sub>2</sub>' is 'CO2'); block elements with one space.

The pages' expected fields are in tests/fixtures/text_joining/*.json (checked by test_extract_pages.py)."""

import pytest

from harvester.extract.document import parse_html
from harvester.extract.meta import strip_markup
from harvester.extract.visible import joined_text

@pytest.mark.parametrize("html, expected", [
    ("<div>CO<sub>2</sub> and <i>Quercus</i> <b>robur</b><a href='#n1'>*</a></div>", "CO2 and Quercus robur*"),
    ("<div><p>First.</p><p>Second</p>line<br>break<script>no()</script> <span>s</span>pan</div>",
     "First. Second line break span"),
])
def test_joined_text(html, expected):
    assert joined_text(parse_html(html).root.find(".//div")) == expected


def test_markup_in_meta_text():
    assert strip_markup("H<sub>2</sub>O<sub>2</sub><br/>and <jats:p>Ca<sup>2+</sup></jats:p>") == "H2O2 and Ca2+"
