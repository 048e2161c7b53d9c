"""Labelled visible text: one vocabulary over aggregator, OJS (en/pt/ru) and de/fr/es pages.

The fixture pages' expected fields are in tests/fixtures/labels/*.json (checked by test_extract_pages.py); the
checks here are those that are no field of one page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from parsel import Selector

from harvester.extract.labelled.apa import parse_citation
from harvester.extract.labelled.byline_shapes import byline_names
from harvester.extract.labelled.numbering import issue_line, split_numbering
from harvester.extract.labels import labelled_text_candidate
from harvester.vocabulary import LABELS, VOCABULARY

FIXTURES = Path(__file__).parent / "fixtures" / "labels"
AGGREGATOR_URL = "http://aggregator.example.com/view/paper/500"


def page(name: str) -> Selector:
    return Selector(text=(FIXTURES / name).read_text(encoding="utf-8"))


def labels_of(name: str, url: str = "https://journals.example.org/article") -> dict:
    return labelled_text_candidate(page(name), url).values


def html(body: str) -> Selector:
    return Selector(text=f"<html><head><title>T</title></head><body>{body}</body></html>")


# --- the aggregator page of TARGETS.md §1 -------------------------------------------------

def aggregator_expected() -> dict:
    """The aggregator page's labelled fields given as plain values in its JSON file."""
    spec = json.loads((FIXTURES / "aggregator_seed.json").read_text(encoding="utf-8"))["candidate"]["labels"]
    return {field: value for field, value in spec.items() if field != "*" and not isinstance(value, dict)}


def test_aggregator_abstract_is_the_pages_abstract_block():
    abstract = labels_of("aggregator_seed.html", AGGREGATOR_URL)["abstract"]
    shown = " ".join(page("aggregator_seed.html").css("div.abstract").xpath("string()").get().split())
    assert abstract == shown, "aggregator_seed.html: abstract differs from the page's abstract block"


@pytest.mark.parametrize("boilerplate", ["Share Your Research", "Facebook", "Sitemap", "Submit Paper", "JournalHub"])
def test_aggregator_boilerplate_never_leaks(boilerplate):
    dumped = json.dumps(labels_of("aggregator_seed.html", AGGREGATOR_URL), ensure_ascii=False)
    assert boilerplate not in dumped, f"aggregator_seed.html: {boilerplate!r} leaked"


def test_aggregator_without_a_content_container_gives_the_same_values():
    text = (FIXTURES / "aggregator_seed.html").read_text(encoding="utf-8").replace(' id="content"', "")
    got = labelled_text_candidate(Selector(text=text), AGGREGATOR_URL).values
    expected_fields = aggregator_expected()
    assert len(expected_fields) > 5, "aggregator_seed.json: its labelled fields"
    for field, expected in expected_fields.items():
        assert got.get(field) == expected, f"aggregator_seed.html without #content: {field}"
    assert "Share Your Research" not in json.dumps(got), "aggregator_seed.html without #content: slogan leaked"


# --- one article on OJS in three interface languages (TARGETS.md §2) ----------------------

OJS_PAGES = ["ojs_en.html", "ojs_pt.html", "ojs_ru.html"]


@pytest.mark.parametrize("name", OJS_PAGES)
def test_ojs_abstract_joins_its_paragraphs_with_one_space(name):
    abstract = labels_of(name)["abstract"]
    assert "  " not in abstract and "\n" not in abstract, f"{name}: abstract joins paragraphs with one space"


@pytest.mark.parametrize("name", OJS_PAGES)
def test_ojs_ignored_labels_and_sidebar_stay_out(name):
    dumped = json.dumps(labels_of(name), ensure_ascii=False)
    for unwanted in ("ABCDEF", "EMIGRA", "emigração", "history, war", "2010-01-01", "Slavic Review"):
        assert unwanted not in dumped, f"{name}: {unwanted!r} leaked"


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
        ("Bd. 12 Nr. 3-4 (2021)", ("12", "3-4", "2021")),
        ("Vol. 15 Núm. 1 (2019)", ("15", "1", "2019")),
        ("Vol. 8 No 2 (2020)", ("8", "2", "2020")),
        ("v. 12 n. 3 (2020)", ("12", "3", "2020")),
        ("Volume 12, Number 3 - 1 March 2021", ("12", "3", "1 March 2021")),
        ("Issue 41, Winter 2009", (None, "41", "Winter 2009")),
        ("Vol 585, No 7823", ("585", "7823", None)),
        ("Issue 3, 2019", (None, "3", "2019")),
        ("Vol. 7", ("7", None, None)),
        ("no numbers here", (None, None, None)),
    ],
)
def test_split_numbering(text, expected):
    assert split_numbering(text) == expected


def test_deeply_nested_page_is_read():
    depth = 600
    body = "<div>" * depth + "<p>Pages: 1-2</p>" + "<p>word </p>" * 2000 + "</div>" * depth
    got = labelled_text_candidate(html(body), "http://x/")
    assert got.get("pages") == "1-2", "deep page: pages"


# --- pages with little or no embedded metadata: their shapes, one fixture each -------------
# (their fields: tests/fixtures/labels/*.json)

def test_structured_abstract_is_read_without_the_visual_abstract():
    abstract = labels_of("structured_abstract.html")["abstract"]
    for unwanted in ("Visual Abstract", "drawn for the figure", "Download figure", "Body text"):
        assert unwanted not in abstract, f"structured_abstract.html: {unwanted!r} in abstract"


def test_galley_doi_is_the_articles_not_a_references():
    assert labels_of("galley_citation_block.html")["doi"].endswith("10.5555/hn.v12i3.77"), \
        "galley_citation_block.html: doi"


def test_citation_doi_beats_a_supplement_doi_in_the_text():
    assert labels_of("lay_and_scientific_abstract.html")["doi"].endswith("aes0000029"), \
        "lay_and_scientific_abstract.html: doi"


def test_table_of_contents_gives_only_issue_level_facts():
    got = labels_of("toc_bylines.html")
    assert {k for k in got if k not in ("journal_title", "volume", "issue", "publication_date")} == set(), \
        f"toc_bylines.html: {sorted(got)}"


def test_keyword_list_in_the_footer_is_not_read():
    body = ("<div id='content'><h1>T</h1><p>Text of the page.</p></div>"
            "<footer><h3>Keywords</h3><ul><li>a</li></ul></footer>")
    assert labelled_text_candidate(html(body), "http://x/").get("keywords") is None, "footer keywords page"


def test_abstract_blocks_in_listings_are_not_read():
    items = "".join(f"<li><h4><a href='/handle/{i}'>Title {i}</a></h4><div class='artifact-abstract'>"
                    f"Abstract of item {i} that is long enough.</div></li>" for i in range(1))
    body = f"<div><ul class='ds-artifact-list'>{items}</ul></div>"
    assert labelled_text_candidate(html(body), "http://x/").get("abstract") is None, "listing page: abstract"


def test_many_abstract_blocks_make_a_listing():
    blocks = "".join(f"<div class='abstract'><p>Abstract number {i} of a listing page.</p></div>" for i in range(4))
    assert labelled_text_candidate(html(blocks), "http://x/").get("abstract") is None, "listing page: abstract"


def test_abstract_preview_and_full_text_give_the_full_text():
    body = ("<div id='abstract'><div class='abstract'><span class='abstractShort'><pre>The first words of a long "
            "abstract that the page cuts</pre></span><span class='abstractFull'><pre>The first words of a long "
            "abstract that the page cuts short here, and the rest of it.</pre></span><span>…</span></div></div>")
    got = labelled_text_candidate(html(f"<div>{body}</div>"), "http://x/").get("abstract")
    assert got == "The first words of a long abstract that the page cuts short here, and the rest of it.", \
        "preview page: abstract"


@pytest.mark.parametrize(
    "body,field,expected",
    [
        ("<p>Title: A Study of Examples</p>", "title", "A Study of Examples"),
        ("<table><tr><td>Título:</td><td>Um estudo</td></tr></table>", "title", "Um estudo"),
        ("<p>Conference: Example Workshop 2019</p>", "journal_title", "Example Workshop 2019"),
        ("<p>Issue Date: 2019-05-04</p>", "publication_date", "2019-05-04"),
        ("<p>Data: 2019</p>", "publication_date", "2019"),
        ("<p>Mots-clés : revues ; évaluation</p>", "keywords", "revues ; évaluation"),
        ("<h2>Summary</h2><p>Short.</p><h2>Technical Abstract</h2><p>Long and right.</p>", "abstract",
         "Long and right."),
        ("<h2>Plain Language Summary</h2><p>Lay.</p><h2>Abstract</h2><p>Right.</p>", "abstract", "Right."),
        ("<h2>Abstract</h2><p>Right.</p><h2>Author Summary</h2><p>Lay.</p>", "abstract", "Right."),
        ("<p>by Jane Doe and John Roe</p><p>Body text follows.</p>", "authors",
         [{"name": "Jane Doe", "affiliations": [], "orcid": None},
          {"name": "John Roe", "affiliations": [], "orcid": None}]),
        ("<p>Acta Exempli, Vol. 3, No. 2 (2019)</p>", "volume", "3"),
        ("<p>Acta Exempli, Vol. 3, No. 2 (2019)</p>", "journal_title", "Acta Exempli"),
    ],
)
def test_more_label_shapes(body, field, expected):
    assert labelled_text_candidate(html(body), "http://x/").get(field) == expected, f"inline page: {field}"


@pytest.mark.parametrize(
    "body,field",
    [
        ("<p>Published: online first</p>", "publication_date"),
        ("<p>By the end of the war the port had closed.</p>", "authors"),
        ("<p>Photo by Jane Doe</p>", "authors"),
        ("<p><a href='/a/1'>A title</a></p><p>by Jane Doe</p>", "authors"),  # a listing entry
        ("<h1>The Title</h1><p>Subtitle line</p><p>by Jane Doe</p>", "title"),  # the heading is the title
        ("<p>Number 10 of the series was lost at sea.</p>", "issue"),
        ("<p>Our sample had 3 groups; see Volume 2 of the report.</p>", "volume"),
    ],
)
def test_no_value_from_shapes_that_are_not_there(body, field):
    assert labelled_text_candidate(html(body), "http://x/").get(field) is None, f"inline page: {field} invented"


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Doe, J., & Roe, R. A. (2016). A title? Yes. Acta Exempli, 4(1), 32-37. https://doi.org/10.5555/ae.29",
         {"_authors": ["Doe, J.", "Roe, R. A."], "publication_date": "2016", "journal_title": "Acta Exempli",
          "volume": "4", "issue": "1", "pages": "32-37", "doi": "https://doi.org/10.5555/ae.29"}),
        ("Quinlan, M. & Brandt, T. (2021). Lighthouses & the making of coastal radio. Harbour Notes, 12(3). "
         "https://doi.org/10.5555/hn.v12i3.77",
         {"_authors": ["Quinlan, M.", "Brandt, T."], "publication_date": "2021", "journal_title": "Harbour Notes",
          "volume": "12", "issue": "3", "doi": "https://doi.org/10.5555/hn.v12i3.77"}),
        ("Smith J, Doe A. Title. J Ex 2001;1:1-2.", {}),
        ("No citation here.", {}),
    ],
)
def test_parse_citation(text, expected):
    assert parse_citation(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("By CHARLOTTE DOE", ["CHARLOTTE DOE"]),
        ("by Calvin Ray, Jo Ann Hill, and Os Lee.", ["Calvin Ray", "Jo Ann Hill", "Os Lee"]),
        ("von Anna Müller und Jonas Schneider", ["Anna Müller", "Jonas Schneider"]),
        ("By: Ludwig van Example", ["Ludwig van Example"]),
        ("By contrast, the results differ", None),
        ("by 2020 the port had closed", None),
        ("Edited by Jane Doe", None),
    ],
)
def test_byline_names(text, expected):
    assert byline_names(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Harbour Notes, Volume 12, Number 3 - 1 March 2021", ("Harbour Notes", "12", "3", "1 March 2021")),
        ("Issue 21, Spring 2011", (None, None, "21", "Spring 2011")),
        ("Vol. 7, No. 2 (2019)", (None, "7", "2", "2019")),
        ("Volume 3 of the collected works appeared later", None),
        ("Issue 41 is about ports", None),
    ],
)
def test_issue_line(text, expected):
    assert issue_line(text) == expected


@pytest.mark.parametrize(
    "title,body,expected",
    [
        ("Example Quarterly Online - Essays", "<p>Issue 3, Fall 2010</p><p>By Jane Doe</p>",
         "Example Quarterly Online"),
        # the part of <title> that is the article's own title is never the journal
        ("A Review of Tides | Example Site", "<h1>A Review of Tides</h1><p>Issue 3, Fall 2010</p>", None),
        # without an issue line the site name is not taken for a journal
        ("Example Quarterly Online - Essays", "<p>By Jane Doe</p><p>Text.</p>", None),
    ],
)
def test_journal_from_the_site_name(title, body, expected):
    page = Selector(text=f"<html><head><title>{title}</title></head><body>{body}</body></html>")
    assert labelled_text_candidate(page, "http://x/").get("journal_title") == expected, f"{title!r}: journal_title"


def test_repository_date_labels():
    body = ("<table><tr><th>Date of Publication (online):</th><td>2015/12/03</td></tr>"
            "<tr><th>Date of final exam:</th><td>2015/11/12</td></tr></table>")
    assert labelled_text_candidate(html(body), "http://x/").get("publication_date") == "2015/12/03", \
        "repository record page: publication_date"


# --- shapes a review found misread: one rule each, on fixture pages that model them ---------------

@pytest.mark.parametrize(
    "stopper",
    ["<p>1. Introduction</p>", "<p>I. INTRODUCTION</p>", "<p>2.1 Study sites</p>", "<p>MATERIALS AND METHODS</p>",
     "<p>Introduction</p>", "<p>Article metrics</p>", "<p>Figures</p>", "<p>1. Background</p>"],
)
def test_abstract_stops_at_section_headings_set_as_plain_text(stopper):
    body = f"<div><p>Abstract</p><p>First.</p><p>Second.</p>{stopper}<p>Body text after the abstract.</p></div>"
    got = labelled_text_candidate(html(body), "http://x/").get("abstract")
    assert got == "First. Second.", f"abstract page with {stopper}: abstract"


def test_abstract_stops_at_a_part_word_set_in_the_labels_own_style():
    body = ("<div><p class='sec'>Abstract</p><p>We counted birds.</p><p class='sec'>Background</p>"
            "<p>Birds have long been counted.</p></div>")
    got = labelled_text_candidate(html(body), "http://x/").get("abstract")
    assert got == "We counted birds.", "same-style 'Background' page: abstract"


@pytest.mark.parametrize(
    "body,expected",
    [
        # capitalised sub-headings of a structured abstract belong to it
        ("<h2>Abstract</h2><p>BACKGROUND</p><p>Why.</p><p>PATIENTS AND METHODS</p><p>How.</p><p>1. Introduction</p>",
         "BACKGROUND Why. PATIENTS AND METHODS How."),
        # paragraphs sharing the label's class are text, not headings
        ("<p class='MsoNormal'><b>Abstract</b></p><p class='MsoNormal'>One long sentence of the abstract.</p>"
         "<p class='MsoNormal'>And a second one.</p>", "One long sentence of the abstract. And a second one."),
        # an abstract sentence that starts with a number is no numbered heading
        ("<h2>Abstract</h2><p>12 sites were sampled.</p><p>All were wet.</p>", "12 sites were sampled. All were wet."),
    ],
)
def test_abstract_keeps_lines_that_only_look_like_headings(body, expected):
    got = labelled_text_candidate(html(f"<div>{body}</div>"), "http://x/").get("abstract")
    assert got == expected, "structured abstract page: abstract"


@pytest.mark.parametrize(
    "side",
    ["<div class='sidebar'>{}</div>", "<aside class='widget widget_tag_cloud'>{}</aside>",
     "<div role='complementary'>{}</div>", "<div class='tag-cloud'>{}</div>"],
)
def test_keyword_lists_in_side_columns_are_not_read(side):
    keywords = "<h3>Keywords</h3><ul><li>alpha</li><li>beta</li></ul>"
    body = f"<main><h1>A Title</h1><p>{'Text of the article. ' * 15}</p></main>" + side.format(keywords)
    assert labelled_text_candidate(html(body), "http://x/").get("keywords") is None, f"{side}: keywords"


def test_more_from_this_journal_block_gives_no_abstract():
    body = ("<main><h1>A letter</h1><p>Letter text.</p><section class='more-from-journal'><h2>More</h2>"
            "<div class='abstract'>Abstract of another article in the journal.</div></section></main>")
    assert labelled_text_candidate(html(body), "http://x/").get("abstract") is None, "more-from page: abstract"


@pytest.mark.parametrize(
    "body,expected",
    [
        # abstracts in three languages: the one nearest the title
        ("<h1>T</h1><div class='abstract' lang='en'>English one.</div><div class='abstract' lang='fr'>Français."
         "</div><div class='abstract' lang='de'>Deutsch.</div>", "English one."),
        ("<div class='abstract'>Far away.</div><p>Many words in between.</p><h1>T</h1>"
         "<div class='abstract'>Right below the title.</div>", "Right below the title."),
        # the article's own title may link to its PDF: one block under it is still the abstract
        ("<h1><a href='/paper.pdf'>T</a></h1><div class='card'><div class='abstract'>The abstract.</div></div>",
         "The abstract."),
    ],
)
def test_abstract_block_nearest_the_title(body, expected):
    got = labelled_text_candidate(html(f"<main>{body}</main>"), "http://x/").get("abstract")
    assert got == expected, "several abstract blocks page: abstract"


@pytest.mark.parametrize(
    "value,expected",
    [
        ("Sara Ahmed, Omar Khalil and Lina Haddad", ["Sara Ahmed", "Omar Khalil", "Lina Haddad"]),
        ("Müller, Anna; Schneider, Jonas", ["Müller, Anna", "Schneider, Jonas"]),
        ("Antoshin A.V., Petrov I.I.", ["Antoshin A.V.", "Petrov I.I."]),
        ("Jane Doe; Universidad de Ejemplo; John Roe", ["Jane Doe", "John Roe"]),
    ],
)
def test_inline_author_label_splits_names(value, expected):
    got = labelled_text_candidate(html(f"<p>Authors: {value}</p>"), "http://x/").get("authors")
    assert [a["name"] for a in got] == expected, f"inline authors page {value!r}: authors"


@pytest.mark.parametrize(
    "body,expected",
    [
        ("<p>Pages: 32</p>", None),  # a page count
        ("<p>Páginas: 120 p.</p>", None),
        ("<p>Pages: 32-40</p>", "32-40"),
        ("<p>Page: 32</p>", "32"),  # one page named by a singular label
        ("<p>Page : 632-642</p>", "632-642"),
        ("<p>Seiten: 45–67</p>", "45–67"),
    ],
)
def test_plural_pages_label_over_a_lone_number_is_a_count(body, expected):
    assert labelled_text_candidate(html(body), "http://x/").get("pages") == expected, f"{body}: pages"
