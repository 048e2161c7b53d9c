"""Meta-tag sources (citation_*, Dublin Core, PRISM, eprints, bepress, Open Graph) on fixture pages."""

from pathlib import Path

import pytest
from parsel import Selector

from harvester.extract.meta import (
    MetaIndex,
    bepress_candidate,
    citation_candidate,
    dublin_core_candidate,
    eprints_candidate,
    meta_candidates,
    opengraph_candidate,
    page_candidate,
    prism_candidate,
)
from tests.candidates import assert_fields

FIXTURES = Path(__file__).parent / "fixtures" / "embedded"


def load(page: str) -> Selector:
    return Selector(text=(FIXTURES / page).read_text(encoding="utf-8"))


def index_of(page: str) -> MetaIndex:
    return MetaIndex.from_selector(load(page))


def person(name, affiliations=(), orcid=None):
    return {"name": name, "affiliations": list(affiliations), "orcid": orcid}


def test_citation_one_tag_per_author_with_institutions_and_orcid():
    page = "highwire_one_tag_per_author.html"
    candidate = citation_candidate(index_of(page))
    assert candidate.source == "citation"
    assert_fields(page, candidate, {
        "title": "Soil crusts in dry valleys",
        "authors": [
            person("Maria Ortega",
                   ["University of Granada, Spain", "Estación Experimental de Zonas Áridas, Almería"],
                   "https://orcid.org/0000-0002-1825-0097"),
            person("Kwame Mensah", ["University of Ghana"]),
            person("Li Wei"),
        ],
        "journal_title": "Journal of Arid Ecology",
        "journal_abbrev": "J Arid Ecol",
        "issn": ["1234-5679", "2345-6787"],
        "publisher": "Arid Press",
        "volume": "24",
        "issue": "4",
        "first_page": "632",
        "last_page": "642",
        "publication_date": "2019/03/27",
        "keywords": ["biological soil crust", "drylands", "cyanobacteria"],
        "abstract": "Biological soil crusts cover most dry valleys. We mapped them over three seasons.",
        "language": "en",
        "doi": "https://doi.org/10.5555/jae.2019.24.4.632",
    })


def test_citation_authors_joined_in_one_plural_tag():
    page = "highwire_authors_joined.html"
    assert_fields(page, citation_candidate(index_of(page)), {
        "title": "Volatile markers of mould in stored wheat",
        "authors": [person("Laddomada, Barbara"), person("Del Coco, Laura"), person("Presicce, Dominique S.")],
        "journal_title": "Proceedings of the 12th Workshop on Arid Lands",
        "publication_date": "2021/6",
        "keywords": "HIV; online dating; design;",
        "doi": "10.5555/proc.2021.17",
        "first_page": "e4375",
    })


def test_citation_author_tag_joined_by_semicolon_splits_and_drops_ambiguous_details():
    page = "highwire_author_tag_joined.html"
    assert_fields(page, citation_candidate(index_of(page)), {
        "title": "Two ways of joining names",
        "authors": [
            person("Ortega, Maria"),
            person("Mensah, Kwame"),
            person("Wei, Li", ["Lanzhou University"], "0000-0001-5109-3700"),
            person("Okafor, C., Adeyemi, T."),
        ],
    })


def test_value_attributes_and_minified_markup_are_read_like_content():
    page = "value_attributes.html"
    index = index_of(page)
    assert_fields(page, citation_candidate(index), {
        "title": "Sub-nucleosomal organization in urine DNA",
        "authors": [
            person("Havell Markus", ["Genomics Research Institute"]),
            person("Jun Zhao", orcid="http://orcid.org/0000-0002-6034-007X"),
        ],
        "publication_date": "2019/01/01",
        "doi": "10.1101/696633",
        "journal_title": "bioArchive",
    })
    assert_fields(page, dublin_core_candidate(index), {
        "title": "Sub-nucleosomal organization in urine DNA",
        "publication_date": "2019-07-11",
        "doi": "10.1101/696633",
    })
    assert_fields(page, opengraph_candidate(index), {
        "title": "Sub-nucleosomal organization in urine DNA",
        "canonical_url": "https://preprints.example.org/content/10.1101/696633v1",
        "publication_date": "2019-07-11",
    })
    assert_fields(page, page_candidate(load(page), index), {
        "canonical_url": "https://preprints.example.org/content/10.1101/696633v1",
        "language": "en",  # <html lang>, the weakest language evidence
    })


def test_dublin_core_mixed_case_keys_and_year_only_date():
    page = "dublin_core_mixed_case.html"
    assert_fields(page, dublin_core_candidate(index_of(page)), {
        "title": "Los suelos de la Puna",
        "authors": [person("Quispe, Rosa"), person("Mamani, José")],
        "publication_date": "2019",
        "last_modified": "2020-01-15T10:00:00Z",
        "doi": "doi:10.5555/puna.2019.7",
        "journal_title": "Revista de Suelos Andinos",
        "issn": ["0378-5955"],
        "volume": "7",
        "issue": "2",
        "first_page": "45",
        "last_page": "61",
        "publisher": "Sociedad Andina de Suelos",
        "keywords": "suelos; Puna; altiplano",
        "abstract": "Describimos los suelos de la Puna.",
        "language": "es",
    })


def test_dublin_core_prefers_issued_date_personal_names_and_dcterms_abstract():
    page = "dublin_core_ojs_dates.html"
    assert_fields(page, dublin_core_candidate(index_of(page)), {
        "title": "Surveillance and design",
        "authors": [person("Calvin Liang"), person("Os Keyes")],
        "publication_date": "2020-10-01",
        "last_modified": "2020-10-02",
        "doi": "10.5555/om.v25i10.10274",
        "journal_title": "Open Monday",
        "issn": ["1396-0466"],
        "volume": "25",
        "issue": "10",
        "keywords": ["HIV", "online dating", "design"],
        "abstract": "Dating platforms changed practices of sex and love.",
        "language": "en",
    })


def test_prism_ignores_empty_pages_and_number():
    page = "prism.html"
    assert_fields(page, prism_candidate(index_of(page)), {
        "journal_title": "Metabolic Notes",
        "issn": ["2218-1989", "2218-1997"],
        "volume": "4",
        "pages": "932-945",
        "doi": "doi:10.5555/metab4040932",
        "publication_date": "2014-10-17",
        "keywords": ["volatiles", "wheat"],
        "canonical_url": "https://notes.example.org/4/4/932",
    })


def test_eprints():
    page = "eprints.html"
    assert_fields(page, eprints_candidate(index_of(page)), {
        "title": "Rainfall pulses and crust respiration",
        "authors": [person("Okafor, Chinedu"), person("Lindqvist, Anna")],
        "journal_title": "Journal of Arid Ecology",
        "issn": ["1234-5679"],
        "publisher": "Arid Press",
        "volume": "23",
        "issue": "2",
        "pages": "101-118",
        "publication_date": "2018-05",
        "abstract": "Short rain pulses trigger respiration.",
        "keywords": "rainfall, respiration, crusts",
        "doi": "doi:10.5555/jae.2018.23.2.101",
    })


def test_bepress_reads_its_own_prefix_only():
    page = "bepress.html"
    index = index_of(page)
    assert_fields(page, bepress_candidate(index), {
        "title": "L’évaluation et les listes de revues",
        "authors": [person("Florence Audier", ["CNRS"]), person("Jean Dupont")],
        "publication_date": "2009-09-15",
        "journal_title": "Revue des idées",
        "volume": "3",
        "issue": "1",
        "first_page": "12",
        "last_page": "19",
    })
    assert_fields(page, citation_candidate(index), {})


def test_opengraph_title_loses_its_site_name_and_skips_locale_and_tags():
    page = "opengraph.html"
    index = index_of(page)
    assert_fields(page, opengraph_candidate(index), {
        "title": "Soil crusts in dry valleys",  # og:site_name appended to og:title is removed
        "abstract": "Crusts cover most dry valleys.",
        "canonical_url": "https://journal.example.org/articles/632",
        "publication_date": "2019-03-27T08:00:00+00:00",
    })
    # The canonical link stays raw (relative); <html lang> is kept as the page's interface locale.
    assert_fields(page, page_candidate(load(page), index), {"canonical_url": "/articles/632", "language": "es"})


def test_page_candidate_builds_its_own_index_when_given_none():
    page = "highwire_one_tag_per_author.html"
    assert_fields(page, page_candidate(load(page)), {
        "canonical_url": "https://journal.example.org/jae/article/view/632",
        "language": "en",
    })


@pytest.mark.parametrize("page, sources", [
    ("highwire_one_tag_per_author.html", ["citation"]),
    ("value_attributes.html", ["citation", "dc", "og"]),
    ("bepress.html", ["bepress"]),
    ("opengraph.html", ["og"]),
    ("jsonld_graph_ispartof.html", []),
])
def test_meta_candidates_returns_only_vocabularies_the_page_uses(page, sources):
    found = [candidate.source for candidate in meta_candidates(index_of(page))]
    assert found == sources, f"{page}: expected sources {sources}, got {found}"


def test_meta_index_normalises_keys_and_keeps_document_order():
    index = index_of("dublin_core_mixed_case.html")
    assert "dc.title" in index and "DC.Title" not in index.keys()
    assert index.all("dc.title") == ["Los suelos de la Puna", "Soils of the Puna"]
    assert index.first("dc.nothing", "dc.title") == "Los suelos de la Puna"
    assert index.first("dc.nothing") is None
    assert index.first("dc.type") == "Text"  # written DC:type
    assert index.all("dc.identifier") == ["https://revista.example.org/article/view/88", "doi:10.5555/puna.2019.7"]
    assert "dc.coverage" not in index


def test_meta_index_all_merges_keys_in_document_order_and_drops_empty_values():
    index = index_of("highwire_one_tag_per_author.html")
    assert index.all("citation_eissn", "citation_issn") == ["1234-5679", "2345-6787", "1234-5679"]
    assert "content-type" not in index  # http-equiv tags carry no key


def test_meta_index_ordered_pairs_rebuild_author_groups():
    ordered = index_of("highwire_author_tag_joined.html").ordered()
    assert ordered[:4] == [
        ("citation_title", "Two ways of joining names"),
        ("citation_author", "Ortega, Maria; Mensah, Kwame"),
        ("citation_author_institution", "University of Granada"),
        ("citation_author", "Wei, Li"),
    ]


def test_meta_index_links_by_rel_token_case_insensitively():
    index = index_of("opengraph.html")
    assert index.links("canonical") == ["/articles/632"]
    assert index.links("alternate") == ["/feed"]
    assert index.links("next") == []


def test_meta_index_indexes_name_and_property_once_when_equal():
    index = index_of("opengraph.html")
    assert index.all("og:title") == ["Soil crusts in dry valleys | Journal of Arid Ecology"]


def test_page_without_meta_gives_empty_candidates():
    index = MetaIndex.from_selector(Selector(text="<html><body><p>Nothing here</p></body></html>"))
    assert list(index.keys()) == []
    assert meta_candidates(index) == []
    assert not page_candidate(Selector(text="<p>x</p>"), index)
