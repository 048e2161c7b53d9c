"""COinS source on fixture pages: first article span only, several rft.au, aulast/aufirst, artnum."""

from pathlib import Path

import pytest
from parsel import Selector

from harvester.extract.coins import coins_candidate, parse_kev
from tests.candidates import assert_fields

FIXTURES = Path(__file__).parent / "fixtures" / "embedded"


def load(page: str) -> Selector:
    return Selector(text=(FIXTURES / page).read_text(encoding="utf-8"))


def person(name, **parts):
    return {"name": name, "affiliations": [], "orcid": None, **parts}


def test_first_article_span_with_several_authors():
    page = "coins_several_authors.html"
    candidate = coins_candidate(load(page))
    assert candidate.source == "coins"
    assert_fields(page, candidate, {
        "title": "Prediction of bleeding outcomes: new initiator cohort study",
        "authors": [person("Wang, Shirley V"), person("Franklin, Jessica M"), person("Glück, Robert J")],
        "journal_title": "British Medical Letters",
        "journal_abbrev": "Br Med Lett",
        "issn": ["0959-8138", "1756-1833"],
        "publisher": "Medical Letters Group",
        "volume": "353",
        "publication_date": "2016-05-24 13:41:19",
        "language": "eng",
        "doi": "10.5555/bmj.i2607",
    })


def test_aulast_aufirst_author_article_number_and_legacy_title():
    page = "coins_aulast_artnum.html"
    assert_fields(page, coins_candidate(load(page)), {
        "title": "Tearing Instability and Current-Sheet Disruption",
        "authors": [
            person("Alisa K. Galishnikova", given="Alisa K.", family="Galishnikova"),
            person("Kunz, Matthew W."),
        ],
        "journal_title": "Physical Review Letters X",
        "volume": "12",
        "issue": "4",
        "first_page": "041027",
        "pages": "041027-1--041027-30",
        "publication_date": "2022",
        "doi": "https://doi.org/10.5555/PhysRevX.12.041027",
    })


# (pages without COinS give an empty candidate: tests/fixtures/embedded/*.json, candidate 'coins')


def test_spans_that_describe_no_article_are_skipped():
    html = ('<span class="Z3988" title="ctx_ver=Z39.88-2004&amp;rft.title=A+thesis&amp;rft.format=doctoralThesis"></span>'
            '<span class="Z3988x" title="rft.genre=article&amp;rft.atitle=Wrong+class"></span>')
    assert not coins_candidate(Selector(text=html))


def test_genre_article_without_atitle_counts_as_article():
    html = '<span class="Z3988" title="rft.genre=Article&amp;rft.jtitle=Journal+Only&amp;rft.volume=3"></span>'
    page = "inline genre-only span"
    assert_fields(page, coins_candidate(Selector(text=html)), {"journal_title": "Journal Only", "volume": "3"})


@pytest.mark.parametrize("kev, expected", [
    ("rft.au=Wang%2C+Shirley&rft.au=Gagne%2C+J", {"rft.au": ["Wang, Shirley", "Gagne, J"]}),
    ("rft.spage=&rft.epage=&rft.volume=353", {"rft.volume": ["353"]}),
    ("rft.atitle=Phonon%20Magnetochiral%20Effect", {"rft.atitle": ["Phonon Magnetochiral Effect"]}),
    ("rft_id=info%3Adoi%2F10.1103%2Fx&amp;rft.issue=14", {"rft_id": ["info:doi/10.1103/x"], "rft.issue": ["14"]}),
    ("rft.title=Produ%C3%A7%C3%A3o+de+mem%C3%B3rias", {"rft.title": ["Produção de memórias"]}),
    ("", {}),
])
def test_parse_kev(kev, expected):
    assert parse_kev(kev) == expected
