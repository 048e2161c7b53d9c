"""JSON-LD source on fixture pages: @graph references, isPartOf chains, malformed blocks."""

from pathlib import Path

import pytest
from parsel import Selector

from harvester.extract.jsonld import jsonld_candidate, parse_jsonld_block
from tests.candidates import assert_fields

FIXTURES = Path(__file__).parent / "fixtures" / "embedded"


def load(page: str) -> Selector:
    return Selector(text=(FIXTURES / page).read_text(encoding="utf-8"))


def person(name, affiliations=(), orcid=None, **parts):
    return {"name": name, "affiliations": list(affiliations), "orcid": orcid, **parts}


def test_graph_with_id_references_and_ispartof_chain():
    page = "jsonld_graph_ispartof.html"
    candidate = jsonld_candidate(load(page))
    assert candidate.source == "jsonld"
    assert_fields(page, candidate, {
        "title": "Soil crusts in dry valleys",
        "authors": [
            person("Maria Ortega", ["University of Granada", "Estación Experimental de Zonas Áridas"],
                   "https://orcid.org/0000-0002-1825-0097", given="Maria", family="Ortega"),
            person("Kwame Mensah", ["University of Ghana"], given="Kwame", family="Mensah"),
            person("Li Wei"),
        ],
        "publication_date": "2019-03-27",
        "last_modified": "2019-04-02T10:00:00Z",
        "keywords": "biological soil crust, drylands, cyanobacteria",
        "abstract": "Biological soil crusts cover most dry valleys.",
        "language": "en",
        "doi": "10.5555/jae.2019.24.4.632",
        "canonical_url": "https://journal.example.org/jae/632",
        "first_page": "632",
        "last_page": "642",
        "issue": "4",
        "volume": "24",
        "journal_title": "Journal of Arid Ecology",
        "issn": ["1234-5679", "2345-6787"],
        "publisher": "Arid Press",
    })


def test_malformed_block_is_skipped_and_repairable_blocks_are_read():
    page = "jsonld_malformed_then_valid.html"
    assert_fields(page, jsonld_candidate(load(page)), {
        "title": "Grazing and crust recovery",
        "authors": [person("Rosa Quispe", orcid="0000-0001-5109-3700")],
        "publication_date": "2020-06",
        "abstract": "First line second line",
        "keywords": ["grazing", "recovery"],
        "pages": "45-61",
        "canonical_url": "https://journal.example.org/articles/45",
        "doi": "https://doi.org/10.5555/jae.2020.45",
    })


def test_main_entity_preferred_over_earlier_plain_article_and_citations_ignored():
    page = "jsonld_mainentity.html"
    assert_fields(page, jsonld_candidate(load(page)), {
        "title": "On the theory of identical particles",
        "authors": [
            person("J. M. Leinaas"),
            person("J. Myrheim", ["University of Oslo"], "0000-0003-1234-5678"),
        ],
        "publication_date": "2007-10-23T00:00:00Z",
        "first_page": "1",
        "last_page": "23",
        "doi": "https://doi.org/10.5555/BF02727953",
        "keywords": ["Physics", "general"],
        "language": "English",
        "journal_title": "Il Nuovo Giornale B",
        "issn": ["1826-9877"],
        "volume": "37",
        "publisher": "Società Italiana di Fisica",
    })


# (pages without JSON-LD give an empty candidate: tests/fixtures/embedded/*.json, candidate 'jsonld')


def test_page_with_only_non_article_nodes_gives_empty_candidate():
    html = ('<script type="application/ld+json">{"@type": "BreadcrumbList", "name": "Home"}</script>'
            '<script type="application/ld+json">[{"@type": "WebSite", "headline": "Not an article"}]</script>')
    assert not jsonld_candidate(Selector(text=html))


@pytest.mark.parametrize("text, expected", [
    ('{"a": 1}', [{"a": 1}]),
    ('[{"a": 1}, {"b": 2}]', [[{"a": 1}, {"b": 2}]]),
    ('{"a": 1}\n{"b": 2};', [{"a": 1}, {"b": 2}]),
    ('<!-- {"a": [1, 2,],} -->', [{"a": [1, 2]}]),
    ('/*<![CDATA[*/ {"a": 1} /*]]>*/', [{"a": 1}]),
    ('{"a": "tab\there"}', [{"a": "tab\there"}]),
    ('{"a": ', []),
    ("", []),
    ("not json at all", []),
])
def test_parse_jsonld_block_tolerates_common_damage(text, expected):
    assert parse_jsonld_block(text) == expected


def test_unreadable_scripts_never_raise():
    html = ('<script type="application/ld+json">{{{</script>'
            '<script type="application/ld+json"></script>'
            '<script type="application/ld+json">"just a string"</script>'
            '<script type="application/ld+json">{"@type": "ScholarlyArticle", "author": [null, 3, {"name": ""}],'
            ' "isPartOf": "#missing", "headline": ["", {"@value": "Value title"}]}</script>')
    page = "inline damaged scripts"
    assert_fields(page, jsonld_candidate(Selector(text=html)), {"title": "Value title"})


def test_ispartof_chain_cycle_terminates():
    html = ('<script type="application/ld+json">{"@graph": ['
            '{"@type": "ScholarlyArticle", "headline": "Loop", "isPartOf": {"@id": "#a"}},'
            '{"@id": "#a", "@type": "PublicationIssue", "issueNumber": "2", "isPartOf": {"@id": "#b"}},'
            '{"@id": "#b", "@type": "PublicationVolume", "volumeNumber": "9", "isPartOf": {"@id": "#a"}}]}</script>')
    page = "inline cyclic graph"
    assert_fields(page, jsonld_candidate(Selector(text=html)), {"title": "Loop", "issue": "2", "volume": "9"})
