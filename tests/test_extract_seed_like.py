"""Aggregator pages shaped like the seed's: dashes inside titles stay; particle family names before initials are one author."""

from pathlib import Path

import pytest

from harvester.extract.visible import strip_site_name
from harvester.normalize import split_authors
from tests.candidates import assert_merged

PAGES = Path(__file__).parent / "fixtures" / "seed_like"

EXPECTED = {
    "div_title.html": {
        "title": "Земское самоуправление в Тверской губернии в конце XIX – начале XX в.",
        "authors": ["de la Cruz, C. C.", "Иванов, И. И."],
    },
    "div_title_site.html": {
        "title": "Trade routes of the Baltic – the Hanseatic period",
        "authors": ["van der Berg, J. P.", "Smith, A."],
    },
    "div_title_unknown_site.html": {
        "title": "Salt trade on the Volga – from Astrakhan to Nizhny",
        "authors": ["dos Santos, M. A.", "Petrova, E. V."],
    },
}


@pytest.mark.parametrize("page, field", [(p, f) for p, fields in EXPECTED.items() for f in fields])
def test_seed_like_field(page, field):
    assert_merged(PAGES / page, field, EXPECTED[page][field])


@pytest.mark.parametrize("raw, expected", [
    ("de la Cruz, C. C.", ["de la Cruz, C. C."]),
    ("de la Cruz, C. C., van der Berg, J. P.", ["de la Cruz, C. C.", "van der Berg, J. P."]),
    ("Maria de la Cruz, Juan Perez", ["Maria de la Cruz", "Juan Perez"]),
])
def test_particle_family_names(raw, expected):
    assert split_authors(raw) == expected


def test_dash_is_cut_only_before_the_site_name():
    assert strip_site_name("Late XIX – early XX century", guess=False) == "Late XIX – early XX century"
    assert strip_site_name("Late XIX – early XX century – Hub", ["Hub"]) == "Late XIX – early XX century"
