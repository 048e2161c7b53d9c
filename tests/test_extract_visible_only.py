"""Pages without embedded metadata: title under escaped <title> markup, byline and citation line under an <h2>,
an abstract paragraph the parser split off its empty 'abstract' <p>, a 'doi:' ending the citation line,
a heading classed as the title outside the main <article>, header lines in parts ('Article • Journal 14 (3) • 2019')."""

from pathlib import Path

import pytest

from harvester.extract.labels import title_byline_names
from tests.candidates import article_page, assert_merged

PAGES = Path(__file__).parent / "fixtures" / "visible_only"

EXPECTED = {
    "cms_caption_h2.html": {
        "title": "Tooth wear in the hadrosaur Edmontosaurus annectens",
        "authors": ["Hanna K. Berg", "Omar T. Said"],
        "journal_title": "Acta Exempli Zoologica", "volume": "41", "issue": "2",
        "first_page": "233", "last_page": "251", "publication_date": "2019",
        "doi": "10.5555/aez.00233.2019",
        "abstract": "Microwear on the teeth of Edmontosaurus records a diet of coarse plants, and the wear facets "
                    "change with the age of the animal in ways that earlier counts missed.",
    },
    "static_table_h2.html": {
        "title": "Glacial lakes of the Tatra Mountains",
        "authors": ["Piotr Z. Nowak", "Ewa Lis", "Marta Kowal"],
        "journal_title": "Studia Exempli Geographica", "volume": "12", "issue": "3",
        "first_page": "45", "last_page": "61", "publication_date": "2004",
        "doi": "10.5555/seg.2004.045",
        "abstract": "We mapped the depth of nineteen lakes and found that most of them are deeper than older maps show.",
    },
    # the heading classed as the title sits above the main <article>; the header line is split at its bullets
    "bullet_header_title_class.html": {
        "title": "Liderança e confiança em pequenas empresas",
        "journal_abbrev": "Rev. exempl. adm", "volume": "14", "issue": "03",
        "doi": "https://doi.org/10.5555/rea.2019.014",
    },
    "pipe_header_h2_class.html": {
        "title": "Snow depth and river ice on northern rivers",
        "journal_abbrev": "Exempl. Hydrol. Lett", "volume": "7", "issue": "2",
        "doi": "https://doi.org/10.5555/ehl.7.2.11",
    },
}



@pytest.mark.parametrize("page, field", [(p, f) for p, fields in EXPECTED.items() for f in fields])
def test_visible_only_field(page, field):
    assert_merged(PAGES / page, field, EXPECTED[page][field])


@pytest.mark.parametrize("page", ["cms_caption_h2.html", "static_table_h2.html"])
def test_visible_only_page_is_an_article(page):
    verdict = article_page(PAGES / page).verdict()
    assert verdict.kind == "article", f"{page}: {verdict.reason}"


@pytest.mark.parametrize("line", ["Research Article", "Open Access and Original Research", "Jane Doe", "Figure 1"])
def test_lines_under_a_title_that_are_no_byline(line):
    assert title_byline_names(line) is None, line
