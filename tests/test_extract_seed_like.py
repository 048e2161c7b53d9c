"""Aggregator pages shaped like the seed's: dashes inside titles stay; particle family names before initials are one author.

The pages' expected fields are in tests/fixtures/seed_like/*.json (checked by test_extract_pages.py)."""

import pytest

from harvester.extract.visible import strip_site_name
from harvester.normalize import split_authors

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
