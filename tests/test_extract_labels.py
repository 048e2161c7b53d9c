"""Labelled visible text: one vocabulary over aggregator, OJS (en/pt/ru) and de/fr/es pages."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from parsel import Selector

from harvester.extract.labels import LABELS, VOCABULARY, labelled_text_candidate, split_numbering

FIXTURES = Path(__file__).parent / "fixtures" / "labels"
AGGREGATOR_URL = "http://aggregator.example.com/view/paper/500"
DOI = "https://doi.org/10.22363/2312-8674-2025-24-4-632-642"


def page(name: str) -> Selector:
    return Selector(text=(FIXTURES / name).read_text(encoding="utf-8"))


def labels_of(name: str, url: str = "https://journals.example.org/article") -> dict:
    return labelled_text_candidate(page(name), url).values


def html(body: str) -> Selector:
    return Selector(text=f"<html><head><title>T</title></head><body>{body}</body></html>")


# --- the aggregator page of TARGETS.md §1 -------------------------------------------------

AGGREGATOR_EXPECTED = {
    "journal_title": "RUDN Journal of Russian History",
    "volume": "24",
    "issue": "4",
    "publication_date": "2025-12-16",
    "authors": [{"name": "Alexey Antoshin", "affiliations": [], "orcid": None}],
    "pages": "632-642",
    # keywords stay one raw string; the keyword normaliser splits it.
    "keywords": "Russian emigrants; Soviet refugees; Russian diaspora; repatriation; post-war USSR; "
    "Russian anti-communists",
    "last_modified": "2025-12-16 21:42:27",
    "related": [
        {"title": "Exploring Possibilities of Colonization of Pacific Northwest by Russia, Great Britain "
                  "and Spain in the 18th Century", "url": "http://aggregator.example.com/view/paper/501"},
        {"title": "“Friendly Relations” of Great Rulers Stefan III of Moldavia and Ivan III of Moscow",
         "url": "http://aggregator.example.com/view/paper/502"},
        {"title": "Role of Moscow Agricultural Academy in Formation and Development of Soviet Agricultural "
                  "Science and Higher Agricultural Education",
         "url": "http://aggregator.example.com/view/paper/503"},
        {"title": "Contours of V.N. Khitrovo’s Worldview: on Genesis of Religious-Political Concept",
         "url": "http://aggregator.example.com/view/paper/504"},
        {"title": "Formation of Political Discourse of Orthodox Western Russian Clergy during January "
                  "Uprising of 1863", "url": "http://aggregator.example.com/view/paper/505"},
    ],
}


@pytest.mark.parametrize("field", sorted(AGGREGATOR_EXPECTED))
def test_aggregator_field(field):
    got = labels_of("aggregator_seed.html", AGGREGATOR_URL).get(field)
    assert got == AGGREGATOR_EXPECTED[field], f"aggregator_seed.html: {field}"


def test_aggregator_abstract_is_whole_and_nothing_after():
    abstract = labels_of("aggregator_seed.html", AGGREGATOR_URL)["abstract"]
    assert abstract.startswith("The article is devoted to the phenomenon of defectors"), "aggregator_seed.html: abstract"
    assert abstract.endswith("toward the US political elite."), "aggregator_seed.html: abstract"
    shown = " ".join(page("aggregator_seed.html").css("div.abstract").xpath("string()").get().split())
    assert abstract == shown, "aggregator_seed.html: abstract differs from the page's abstract block"


def test_aggregator_fills_no_title_and_nothing_unexpected():
    got = labels_of("aggregator_seed.html", AGGREGATOR_URL)
    assert set(got) == set(AGGREGATOR_EXPECTED) | {"abstract"}, "aggregator_seed.html: field set"


@pytest.mark.parametrize("boilerplate", ["Share Your Research", "Facebook", "Sitemap", "Submit Paper", "JournalHub"])
def test_aggregator_boilerplate_never_leaks(boilerplate):
    dumped = json.dumps(labels_of("aggregator_seed.html", AGGREGATOR_URL), ensure_ascii=False)
    assert boilerplate not in dumped, f"aggregator_seed.html: {boilerplate!r} leaked"


def test_aggregator_without_a_content_container_gives_the_same_values():
    text = (FIXTURES / "aggregator_seed.html").read_text(encoding="utf-8").replace(' id="content"', "")
    got = labelled_text_candidate(Selector(text=text), AGGREGATOR_URL).values
    for field, expected in AGGREGATOR_EXPECTED.items():
        assert got.get(field) == expected, f"aggregator_seed.html without #content: {field}"
    assert "Share Your Research" not in json.dumps(got), "aggregator_seed.html without #content: slogan leaked"


# --- one article on OJS in three interface languages (TARGETS.md §2) ----------------------

OJS_PAGES = ["ojs_en.html", "ojs_pt.html", "ojs_ru.html"]
OJS_SHARED = {"volume": "24", "issue": "4", "pages": "632-642", "doi": DOI}


@pytest.mark.parametrize("name", OJS_PAGES)
@pytest.mark.parametrize("field", sorted(OJS_SHARED))
def test_ojs_pages_agree(name, field):
    assert labels_of(name).get(field) == OJS_SHARED[field], f"{name}: {field}"


OJS_OWN = {
    "ojs_en.html": {
        "authors": [{"name": "Antoshin A.V.", "affiliations": ["Ural Federal University"], "orcid": None}],
        "canonical_url": "https://journals.example.org/russian-history/article/view/47596",
        "publication_date": "2025",
        "keywords": "Russian emigrants, Soviet refugees, Russian diaspora, repatriation, post-war USSR, "
        "Russian anti-communists",
    },
    "ojs_pt.html": {
        "authors": [{"name": "Antoshin A.V.", "affiliations": ["Ural Federal University"], "orcid": None}],
        "canonical_url": "https://mirror.example.net/2312-8674/article/view/359011",
        "publication_date": "16.12.2025",
        "keywords": "Russian emigrants; Soviet refugees; Russian diaspora",
    },
    "ojs_ru.html": {
        "authors": [{"name": "Антошин А.В.", "affiliations": ["Уральский федеральный университет"], "orcid": None}],
        "canonical_url": "https://mirror.example.net/2312-8674/article/view/359011",
        "publication_date": "2025",
        "keywords": "русские эмигранты; советские беженцы; репатриация",
    },
}


@pytest.mark.parametrize(
    "name,field", [(name, field) for name, fields in OJS_OWN.items() for field in sorted(fields)]
)
def test_ojs_page_field(name, field):
    assert labels_of(name).get(field) == OJS_OWN[name][field], f"{name}: {field}"


@pytest.mark.parametrize(
    "name,start,end",
    [
        ("ojs_en.html", "The article is devoted", "toward the US political elite."),
        ("ojs_pt.html", "The article is devoted", "toward the US political elite."),
        ("ojs_ru.html", "Статья посвящена явлению", "ценностях западной демократии."),
    ],
)
def test_ojs_abstract_spans_its_paragraphs_and_stops(name, start, end):
    abstract = labels_of(name)["abstract"]
    assert abstract.startswith(start) and abstract.endswith(end), f"{name}: abstract"
    assert "  " not in abstract and "\n" not in abstract, f"{name}: abstract joins paragraphs with one space"


@pytest.mark.parametrize("name", OJS_PAGES)
def test_ojs_ignored_labels_and_sidebar_stay_out(name):
    dumped = json.dumps(labels_of(name), ensure_ascii=False)
    for unwanted in ("ABCDEF", "EMIGRA", "emigração", "history, war", "2010-01-01", "Slavic Review"):
        assert unwanted not in dumped, f"{name}: {unwanted!r} leaked"


# --- German, French and Spanish label pages -----------------------------------------------

OTHER_LANGUAGES = {
    "de_table.html": {
        "authors": [{"name": "Müller, Anna", "affiliations": [], "orcid": None},
                    {"name": "Schneider, Jonas", "affiliations": [], "orcid": None}],
        "journal_title": "Zeitschrift für Stadtgeschichte",
        "volume": "12",
        "issue": "3",
        "pages": "45–67",
        "publication_date": "30.09.2021",
        "keywords": "Stadtgeschichte; Handel; Brückenbau",
        "doi": "10.5555/zfs.2021.12.3.45",
        "abstract": "Der Beitrag untersucht den Zusammenhang von Brückenbau und Marktrechten. "
        "Er zeigt, dass Brücken den Handel der Städte neu ordneten.",
    },
    "fr_inline.html": {
        "authors": [{"name": "Marie Dupont", "affiliations": [], "orcid": None},
                    {"name": "Jean Martin", "affiliations": [], "orcid": None}],
        "journal_title": "Revue d’histoire des sciences",
        "volume": "8",
        "issue": "2",
        "pages": "101-118",
        "publication_date": "15 juin 2020",
        "keywords": "revues ; lecture ; histoire du livre",
        "abstract": "Cet article étudie la façon dont les lecteurs se sont approprié les revues savantes au XIXe siècle.",
    },
    "es_spans.html": {
        "authors": [{"name": "Carmen López García", "affiliations": [], "orcid": None},
                    {"name": "Luis Fernández", "affiliations": [], "orcid": None}],
        "journal_title": "Revista de Historia Económica",
        "volume": "15",
        "issue": "1",
        "pages": "10-25",
        "publication_date": "2019-03-01",
        "keywords": "plata; precios; Castilla",
        "abstract": "Se analiza la llegada de plata americana y su efecto sobre los precios en Castilla.",
    },
}


@pytest.mark.parametrize(
    "name,field", [(name, field) for name, fields in OTHER_LANGUAGES.items() for field in sorted(fields)]
)
def test_other_language_page_field(name, field):
    assert labels_of(name).get(field) == OTHER_LANGUAGES[name][field], f"{name}: {field}"


def test_footer_labels_are_not_read():
    assert "last_modified" not in labels_of("de_table.html"), "de_table.html: last_modified from the footer"


def test_references_page_labels():
    got = labels_of("references_dois.html")
    assert got.get("doi") == "https://doi.org/10.5555/jch.2024.0007", "references_dois.html: doi"
    assert got.get("pages") == "5-19", "references_dois.html: pages"
    assert got.get("abstract") == "Tidal mills were common along the North Sea coast until the nineteenth century.", \
        "references_dois.html: abstract"


# --- markup shapes and edge cases, on small inline pages ----------------------------------

@pytest.mark.parametrize(
    "body,field,expected",
    [
        ("<p>Authors : A. One; B. Two;</p>", "authors",
         [{"name": "A. One", "affiliations": [], "orcid": None}, {"name": "B. Two", "affiliations": [], "orcid": None}]),
        ("<p><strong>Pages:</strong> 12-19</p>", "pages", "12-19"),
        ("<p><b>Pages</b> 12-19</p>", "pages", "12-19"),
        ('<div><span class="label">Issue:</span> <span>Vol 3, No 2 (2001)</span></div>', "issue", "2"),
        ("<dl><dt>Pages</dt><dd>632-642</dd><dt>DOI</dt><dd>10.1234/x</dd></dl>", "pages", "632-642"),
        ("<table><tr><th>DOI</th><td>10.1234/x</td></tr><tr><th>Pages</th><td>1-2</td></tr></table>", "doi", "10.1234/x"),
        ('<section class="item pages"><h2 class="label">Pages</h2><span class="value">632-642</span></section>',
         "pages", "632-642"),
        ("<p>Pages: 632-642</p>", "pages", "632-642"),
        ("<p>Number: 4</p>", "issue", "4"),
        ("<p>Heft: 3-4</p>", "issue", "3-4"),
        ("<p>Volume: 24 (2025)</p>", "volume", "24"),
        ("<p>Ausgabe: Bd. 7 Nr. 2 (2019)</p>", "volume", "7"),
        ("<p>Edição: v. 12 n. 3 (2020)</p>", "issue", "3"),
        ("<p>Last modified: 2024-01-02 03:04:05</p>", "last_modified", "2024-01-02 03:04:05"),
        ("<p>Journal: Acta Example (Vol. 5, No. 1)Publication Date: 2020-01-01</p>", "journal_title", "Acta Example"),
        ("<p>Journal: Acta Example (Vol. 5, No. 1)Publication Date: 2020-01-01</p>", "publication_date", "2020-01-01"),
        ("<p>Journal: Acta Example</p>", "journal_title", "Acta Example"),
    ],
)
def test_label_shapes(body, field, expected):
    assert labelled_text_candidate(html(body), "http://x/").get(field) == expected, f"inline page: {field}"


@pytest.mark.parametrize(
    "body,field",
    [
        ("<p>Volume: Proceedings of the 2021 Conference on Examples</p>", "volume"),
        ("<p>Keywords: schema; update: weekly</p>", "publication_date"),
        ('<ul class="toc"><li><a href="#abs">Abstract</a></li><li><a href="#intro">Introduction</a></li></ul>',
         "abstract"),
        ("<p>Section: Articles</p><p>EDN: QWERTY</p><p>ID: 47596</p>", "issue"),
        ("<h2>Abstract</h2><h2>Results</h2><h3>Cell counts</h3><p>Text of results.</p>", "abstract"),
        ("<p>Page layout matters: keep it</p>", "pages"),
        ("<p>Pages</p>", "pages"),
        ("<p>Keywords:</p>", "keywords"),
    ],
)
def test_no_value_where_there_is_none(body, field):
    assert labelled_text_candidate(html(body), "http://x/").get(field) is None, f"inline page: {field} invented"


def test_glued_labels_split_at_the_label_and_never_include_it():
    got = labelled_text_candidate(html("<p>Pages: 5-9DOI: 10.1234/abc</p>"), "http://x/").values
    assert got.get("pages") == "5-9", "glued page: pages"
    assert got.get("doi") == "10.1234/abc", "glued page: doi"


def test_abstract_keeps_structured_parts_and_stops_at_furniture():
    body = (
        "<h2>Abstract</h2><h3>Background</h3><p>Why.</p><h3>Methods</h3><p>How.</p>"
        "<p><a href='/pdf'>Download PDF</a></p><p>Not abstract.</p>"
    )
    got = labelled_text_candidate(html(body), "http://x/").get("abstract")
    assert got == "Background Why. Methods How.", "structured abstract page: abstract"


@pytest.mark.parametrize(
    "stopper",
    ["<p>Copyright (c) 2025 The Authors</p>", "<p>Keywords: x; y</p>", "<h2>Introduction</h2>",
     "<p>References</p>", "<p><strong>Notes</strong></p>"],
)
def test_abstract_stops(stopper):
    body = f"<h2>Abstract</h2><p>First.</p><p>Second.</p>{stopper}<p>After.</p>"
    got = labelled_text_candidate(html(body), "http://x/").get("abstract")
    assert got == "First. Second.", f"abstract page with {stopper}: abstract"


def test_inline_abstract_label():
    got = labelled_text_candidate(html("<p><b>Abstract:</b> One line only.</p><p>Other.</p>"), "http://x/")
    assert got.get("abstract") == "One line only.", "inline abstract page: abstract"


def test_affiliations_attach_by_position_only_when_counts_match():
    matched = "<dl><dt>Authors</dt><dd>A. One; B. Two</dd><dt>Affiliations</dt><dd><ul><li>U1</li><li>U2</li></ul></dd></dl>"
    unmatched = "<dl><dt>Authors</dt><dd>A. One; B. Two</dd><dt>Affiliations</dt><dd>U1</dd></dl>"
    got = labelled_text_candidate(html(matched), "http://x/").get("authors")
    assert [a["affiliations"] for a in got] == [["U1"], ["U2"]], "matched affiliations page: authors"
    got = labelled_text_candidate(html(unmatched), "http://x/").get("authors")
    assert [a["affiliations"] for a in got] == [[], []], "unmatched affiliations page: authors"


def test_author_lists_skip_interface_text():
    body = ("<div>Authors</div><ul><li>J. Smith</li><li><a href='/s'>View author publications</a></li>"
            "<li>Search author on:PubMed Google Scholar</li><li>K. Jones</li></ul>")
    got = labelled_text_candidate(html(f"<div>{body}</div>"), "http://x/").get("authors")
    assert [a["name"] for a in got] == ["J. Smith", "K. Jones"], "author list page: authors"


def test_issue_year_yields_to_a_stated_date():
    body = "<p>Issue: Vol 2, No 1 (2019)</p><p>Published: 2019-05-04</p>"
    assert labelled_text_candidate(html(body), "http://x/").get("publication_date") == "2019-05-04", \
        "issue+published page: publication_date"


def test_hidden_labels_are_not_read():
    assert labels_of("es_spans.html").get("pages") == "10-25", "es_spans.html: pages from a display:none block"


def test_related_links_inline_after_the_label():
    body = "<p>Other Latest Articles: <a href='/p/1'>One</a>, <a href='/p/2'>Two</a></p>"
    got = labelled_text_candidate(html(body), "http://site.example/").get("related")
    assert [r["url"] for r in got] == ["http://site.example/p/1", "http://site.example/p/2"], "inline related page"


def test_related_links_resolve_against_page_url_and_skip_anchors():
    body = ("<h3>Latest Articles</h3><ul><li><a href='a/1'>One</a></li><li><a href='#top'>Top</a></li>"
            "<li><a href='/b/2'>Two</a></li></ul><p>Last modified: 2020-01-01 00:00:00</p>")
    got = labelled_text_candidate(html(body), "http://site.example/x/y").get("related")
    assert got == [{"title": "One", "url": "http://site.example/x/a/1"},
                   {"title": "Two", "url": "http://site.example/b/2"}], "latest articles page: related"


# --- the vocabulary and the numbering splitter --------------------------------------------

def test_every_label_names_one_kind():
    listed = [label for labels in VOCABULARY.values() for label in labels]
    kinds = {}
    for kind, labels in VOCABULARY.items():
        for label in labels:
            kinds.setdefault(label.casefold(), set()).add(kind)
    assert all(len(k) == 1 for k in kinds.values()), {l: k for l, k in kinds.items() if len(k) > 1}
    assert len(LABELS) == len({l.casefold() for l in listed})


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Vol.24, No. 4", ("24", "4", None)),
        ("Vol 24, No 4 (2025)", ("24", "4", "2025")),
        ("Volume 24, Nº 4 (2025)", ("24", "4", "2025")),
        ("Том 24, № 4 (2025)", ("24", "4", "2025")),
        ("Т. 24, вып. 4", ("24", "4", None)),
        ("Bd. 12 Nr. 3 (2021)", ("12", "3", "2021")),
        ("Vol. 15 Núm. 1 (2019)", ("15", "1", "2019")),
        ("Vol. 8 No 2 (2020)", ("8", "2", "2020")),
        ("v. 12 n. 3 (2020)", ("12", "3", "2020")),
        ("Volume 25, Number 10 - 5 October 2020", ("25", "10", "5 October 2020")),
        ("Issue 58, Fall 2013", (None, "58", None)),
        ("Vol. 7", ("7", None, None)),
        ("no numbers here", (None, None, None)),
    ],
)
def test_split_numbering(text, expected):
    assert split_numbering(text) == expected


def test_deeply_nested_page_stays_fast():
    depth = 600
    body = "<div>" * depth + "<p>Pages: 1-2</p>" + "<p>word </p>" * 2000 + "</div>" * depth
    started = time.perf_counter()
    got = labelled_text_candidate(html(body), "http://x/")
    assert got.get("pages") == "1-2", "deep page: pages"
    assert time.perf_counter() - started < 2.0, "deep page: extraction is not linear in depth"
