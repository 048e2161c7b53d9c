"""Shape checks for values read off visible text."""

import pytest

from harvester.extract.validators import plausible_authors, plausible_name, plausible_title


@pytest.mark.parametrize("value, ok", [
    ("Soviet Defectors in Germany after World War II", True),
    ("mRNA vaccines: a review", True),
    ("pH dependence of enzyme kinetics", True),  # lower-case start, no sentence end
    ("Советские невозвращенцы в Германии", True),
    ("concise and informative, no more than 20 words.", False),
    ("", False),
    ("12345", False),
])
def test_plausible_title(value, ok):
    assert plausible_title(value) is ok


@pytest.mark.parametrize("value, ok", [
    ("Alexey Antoshin", True), ("Antoshin A.V.", True), ("Антошин А.В.", True), ("Smith, John", True),
    ("Jean de La Fontaine", True), ("Livia d’Ursini", True), ("Ahmed al-Hassan", True),
    ("full names of all authors with their affiliations", False),
    ("University of Helsinki, Department of Forest Sciences, Finland", False),
    ("jane@example.org", False), ("", False),
])
def test_plausible_name(value, ok):
    assert plausible_name(value) is ok


def test_plausible_authors_needs_every_name():
    assert plausible_authors([{"name": "Ann Lee"}, "Bo Chen"])
    assert not plausible_authors([{"name": "Ann Lee"}, {"name": "see the author guidelines for details"}])
    assert not plausible_authors([])
