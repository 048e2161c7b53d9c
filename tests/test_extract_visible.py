"""Visible-page fallbacks: main content, text lines, heading, <title> and DOI."""

from __future__ import annotations

from pathlib import Path

import pytest
from parsel import Selector

from harvester.extract.visible import (
    doi_text_candidate,
    heading_candidate,
    in_reference_list,
    is_chrome,
    is_foreign,
    is_link_chrome,
    label_scope,
    PageText,
    reference_flags,
    strip_site_name,
    text_lines,
    title_tag_candidate,
)

FIXTURES = Path(__file__).parent / "fixtures" / "labels"
TITLE = "Soviet Defectors in Germany after World War II"


def page(name: str) -> Selector:
    return Selector(text=(FIXTURES / name).read_text(encoding="utf-8"))


def html(body: str, title: str = "Some Article Title | Site") -> Selector:
    return Selector(text=f"<html><head><title>{title}</title></head><body>{body}</body></html>")


# --- heading ------------------------------------------------------------------------------

# (the heading of each fixture page: tests/fixtures/labels/*.json, candidate 'heading')

@pytest.mark.parametrize(
    "body,title,expected",
    [
        # the site's logo heading in the page header is not the title
        ('<header><h1 class="logo"><a href="/">Site</a></h1></header><div><h1>Real <i>Title</i></h1></div>',
         "Real Title | Site", "Real Title"),
        # a heading that only links home is the site name, wherever it sits
        ('<div><h1><a href="/">Site</a></h1><h1>Real Title</h1></div>', "Site", "Real Title"),
        ('<div><h1><a href="https://site.example">Site</a></h1><h1><a href="?id=5">Real Title</a></h1></div>',
         "Site", "Real Title"),
        # an image-only h1 gives no text; the h3 the <title> repeats does
        ('<h1><img src="l.png" alt="Logo"></h1><h3>The Article</h3>', "The Article | Journal", "The Article"),
        # a journal-name h1 loses to the longer heading the <title> repeats
        ("<h1>Molecular Physics</h1><h1>Perturbation revisited</h1>",
         "Perturbation revisited: Molecular Physics: Vol 1", "Perturbation revisited"),
        ("<h1>Jahrbuch</h1><h2>Wellen in geschichteten Medien</h2>",
         "Wellen in geschichteten Medien - Beispiel - 1931 - Jahrbuch", "Wellen in geschichteten Medien"),
        # a line break inside the heading becomes a space; nothing else is stripped
        ("<main><h1>Salt and Silence:<br>Reading the Estuary</h1></main>", "Other",
         "Salt and Silence: Reading the Estuary"),
    ],
)
def test_heading_choice(body, title, expected):
    assert heading_candidate(html(body, title)).get("title") == expected


@pytest.mark.parametrize(
    "body",
    [
        "<p>No headings at all.</p>",
        "<h2>Abstract</h2><h2>1. Introduction</h2>",
        '<nav><h1>Menu</h1></nav><footer><h2>Contact</h2></footer>',
        '<h1 style="display:none">Hidden</h1>',
    ],
)
def test_no_heading_is_invented(body):
    assert heading_candidate(html(body, "Some Article Title | Site")).get("title") is None


def test_heading_never_comes_from_the_title_tag():
    assert not heading_candidate(html("<p>text</p>", "Only In Title")), "title-only page: heading"


# --- <title> ------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "title,expected",
    [
        ("Soviet Defectors in Germany after World War II | JournalHub", TITLE),
        ("JournalHub :: Soviet Defectors in Germany after World War II", TITLE),
        ("Soviet Defectors in Germany after World War II — JournalHub", TITLE),
        ("Soviet Defectors in Germany after World War II - JournalHub", TITLE),
        ("JournalHub - Soviet Defectors in Germany after World War II", TITLE),
        ("Title - Subtitle of the article | Site", "Title - Subtitle of the article"),
        ("  Spaced\n  title  ", "Spaced title"),
        (TITLE, TITLE),
    ],
)
def test_title_tag(title, expected):
    assert title_tag_candidate(html("<p>x</p>", title)).get("title") == expected


def test_title_tag_absent():
    assert not title_tag_candidate(Selector(text="<html><body><p>x</p></body></html>"))


def test_svg_title_is_not_the_page_title():
    sel = Selector(text="<html><head><title>Article Page | Site</title></head><body><svg><title>icon</title></svg></body></html>")
    assert title_tag_candidate(sel).get("title") == "Article Page"


# --- DOI ----------------------------------------------------------------------------------

# (the DOI of each fixture page: tests/fixtures/labels/*.json, candidate 'doi_text')

@pytest.mark.parametrize(
    "body,expected",
    [
        ("<p>doi:10.1234/abc.def.</p>", "10.1234/abc.def"),
        ("<p>DOI 10.1234/x-1</p>", "10.1234/x-1"),
        ("<p><b>DOI</b> https://doi.org/10.1234/y</p>", "https://doi.org/10.1234/y"),
        # a galley: references after a bold 'References:' line, the article's DOI after them
        ("<p><strong>References:</strong></p><p>A. 2001. doi: <a href='https://doi.org/10.1111/ref'>x</a></p>"
         "<p><strong>Editorial history</strong></p><p>doi: <a href='http://dx.doi.org/10.2222/own'>y</a></p>",
         "http://dx.doi.org/10.2222/own"),
        # figure and table DOIs extend the article's DOI
        ("<p><a href='https://doi.org/10.5555/ex.1/table-1'>t</a></p><p><a href='https://doi.org/10.5555/ex.1'>a</a></p>",
         "https://doi.org/10.5555/ex.1"),
        ("<div class='preface'><p><a href='https://doi.org/10.4444/own'>own</a></p></div>", "https://doi.org/10.4444/own"),
        # links in menus and citation lists are not the article's
        ("<nav><a href='https://doi.org/10.9999/nav'>n</a></nav><div class='citation-list'><a href='https://doi.org/10.9999/c'>c</a></div>"
         "<p>DOI: 10.5555/own</p>", "10.5555/own"),
    ],
)
def test_doi_text(body, expected):
    assert doi_text_candidate(html(body)).get("doi") == expected


def test_doi_only_in_references_gives_nothing():
    body = "<h2>Abstract</h2><p>Text.</p><h2>References</h2><ol><li><a href='https://doi.org/10.1111/r'>r</a></li></ol>"
    assert not doi_text_candidate(html(body))


# --- main content and lines ---------------------------------------------------------------

LONG = "word " * 60


@pytest.mark.parametrize(
    "body,expected_id",
    [
        (f"<div id='menu'>{LONG}</div><main id='m'>{LONG}</main>", "m"),
        (f"<main id='m'>tiny</main><article id='a'>{LONG}</article>", "a"),
        (f"<article id='a'><header>Header</header><main id='m'>{LONG}</main></article>", "a"),
        (f"<div id='content'>{LONG}</div><div class='sidebar'>side</div>", "content"),
        (f"<div id='w'><div id='inner'><p>Pages: 1-2</p><ul><li>{LONG}</li><li>{LONG}</li></ul></div></div>", "inner"),
    ],
)
def test_main_content(body, expected_id):
    assert PageText(html(body)).main.root.get("id") == expected_id


def test_main_content_and_lines_are_computed_once_per_page():
    text = PageText(html(f"<main>{LONG}</main>"))
    assert text.main is text.main
    assert text.lines is text.lines


def test_text_lines_skip_invisible_and_chrome():
    root = html(
        "<div><script>var a='Pages: 1';</script><style>p{}</style><p hidden>hidden</p>"
        "<p aria-hidden='true'>aria</p><p style='display: none'>styled</p><nav>menu</nav>"
        "<div class='share-buttons'>share</div><span class='sr-only'>reader</span><p>Visible</p></div>"
    ).css("body")[0].root
    assert [line.text for line in text_lines(root)] == ["Visible"]


def test_text_lines_keep_inline_glue_and_split_blocks_and_breaks():
    root = html("<p>Journal: <a href='/j'>Name</a> (Vol.1)<span>Date: 2</span></p><p>a<br>b</p>").css("body")[0].root
    lines = text_lines(root)
    assert [line.text for line in lines] == ["Journal: Name (Vol.1)Date: 2", "a", "b"]
    assert lines[0].links == (("Name", "/j"),)


def test_text_lines_flag_headings_and_bold_lines():
    root = html("<h2>Head</h2><p><b>Bold line</b></p><p><b>Label:</b> value</p><dl><dt>T</dt></dl>").css("body")[0].root
    assert [(l.text, l.heading, l.bold) for l in text_lines(root)] == [
        ("Head", True, False), ("Bold line", False, True), ("Label: value", False, False), ("T", True, False),
    ]


def test_text_lines_add_the_colon_a_label_element_left_out():
    root = html("<p><strong>Pages</strong> 1-2</p><p><strong>Important</strong> note</p>").css("body")[0].root
    lines = text_lines(root, inline_label=lambda text: text == "Pages")
    assert [line.text for line in lines] == ["Pages: 1-2", "Important note"]


def test_reference_flags_end_with_the_reference_block():
    sel = html("<section><h2>References</h2><p>Ref one.</p></section><p>After.</p><h2>More</h2>")
    lines = PageText(sel).lines
    flags = reference_flags(lines, PageText(sel).main.root)
    assert list(zip([l.text for l in lines], flags)) == [
        ("References", True), ("Ref one.", True), ("After.", False), ("More", False),
    ]


def test_lines_know_the_inline_element_their_text_starts_in():
    root = html("<div><span id='kw'><h5>Keywords: </h5>a; <em>b</em></span></div>").css("body")[0].root
    lines = text_lines(root)
    assert [(line.text, line.node.tag, line.start.tag) for line in lines] == [
        ("Keywords:", "h5", "h5"), ("a; b", "div", "span"),
    ]


def test_an_image_whose_alt_text_is_a_label_reads_as_that_label():
    root = html("<p><img src='a.gif' alt='Abstract'><br>The abstract.</p><p><img src='l.gif' alt='Logo'>x</p>"
                ).css("body")[0].root
    lines = text_lines(root, inline_label=lambda text: text == "Abstract")
    assert [line.text for line in lines] == ["Abstract", "The abstract.", "x"]


def test_label_scope_does_not_count_script_text():
    sel = html("<div class='kw'><p class='lab'><span>KEYWORDS:</span><script>var s = 'a long script "
               "that writes the label';</script></p><p>one, two</p></div><p>Other text.</p>")
    label = next(line for line in PageText(sel).lines if line.text == "KEYWORDS:")
    assert label_scope(label).get("class") == "kw"


@pytest.mark.parametrize(
    "classes,expected",
    [
        ("c-bibliographic-information__column", False),  # about this article, not a bibliography
        ("bibliography", True),
        ("c-article-references", True),
        ("ref-list", True),
        ("preface", False),
    ],
)
def test_in_reference_list(classes, expected):
    sel = html(f"<div class='{classes}'><p id='x'>Text.</p></div>")
    assert in_reference_list(sel.css("#x")[0].root) is expected, classes


def test_bibliographic_information_box_is_not_a_reference_list():
    sel = html("<main><h1>T</h1><p>Body text of the article.</p><div class='c-bibliographic-information'>"
               "<h3>Keywords</h3><ul><li>Starch</li></ul></div></main>")
    lines = PageText(sel).lines
    assert not any(reference_flags(lines, PageText(sel).main.root)), "bibliographic box flagged as references"


# --- shapes a review found misread --------------------------------------------------------

def test_doi_cited_in_the_running_text_is_not_the_articles():
    assert not doi_text_candidate(page("doi_in_running_text.html")), "doi_in_running_text.html: doi invented"


@pytest.mark.parametrize(
    "body,expected",
    [
        # in the header, before the abstract: the article's own link
        ("<h1>T</h1><p>Published 2020. <a href='https://doi.org/10.5555/own'>https://doi.org/10.5555/own</a></p>"
         "<h2>Abstract</h2><p>Text.</p>", "https://doi.org/10.5555/own"),
        # a 'DOI:' line anywhere
        ("<h1>T</h1><h2>Abstract</h2><p>Text.</p><p>DOI: <a href='https://doi.org/10.5555/own'>link</a></p>",
         "https://doi.org/10.5555/own"),
        # a bare DOI on a line of its own, after the body began
        ("<h1>T</h1><h2>Abstract</h2><p>Text.</p><div><a href='https://doi.org/10.5555/own'>"
         "https://doi.org/10.5555/own</a></div>", "https://doi.org/10.5555/own"),
        # cited in a sentence of the header area: passed over for the 'DOI:' line
        ("<h1>T</h1><p>This replies to <a href='https://doi.org/10.5555/other'>our earlier paper</a> on tides.</p>"
         "<p>DOI: 10.5555/own</p>", "10.5555/own"),
    ],
)
def test_doi_links_that_name_the_article(body, expected):
    assert doi_text_candidate(html(f"<main>{body}</main>")).get("doi") == expected


@pytest.mark.parametrize(
    "body",
    [
        "<h1>T</h1><h2>Abstract</h2><p>Text.</p><p>Data are at <a href='https://doi.org/10.5555/data'>the archive</a>.</p>",
        "<h1>T</h1><h2>Methods</h2><ul><li><a href='https://doi.org/10.5555/read'>https://doi.org/10.5555/read</a></li></ul>",
        "<h1>T</h1><p>As shown (<a href='https://doi.org/10.5555/x'>https://doi.org/10.5555/x</a>), tides rise and fall.</p>",
    ],
)
def test_doi_links_of_other_works_give_nothing(body):
    assert not doi_text_candidate(html(f"<main>{body}</main>")), "cited DOI page: doi invented"


@pytest.mark.parametrize(
    "title,known,expected",
    [
        ("Editorial | Acta Exempli Studiorum Internationalis", ["Acta Exempli Studiorum Internationalis"], "Editorial"),
        ("Example Site - Short Note", ["Example Site"], "Short Note"),
        ("A title - with a subtitle | Tiny", ["Tiny"], "A title - with a subtitle"),
        ("Editorial | Acta Exempli Studiorum Internationalis", [], "Acta Exempli Studiorum Internationalis"),
        ("Editorial | Acta Exempli", ["Another Name"], "Acta Exempli"),
    ],
)
def test_strip_site_name_drops_the_known_site(title, known, expected):
    assert strip_site_name(title, known) == expected


@pytest.mark.parametrize(
    "head,body",
    [
        ("<meta property='og:site_name' content='Acta Exempli Studiorum Internationalis'>", "<p>x</p>"),
        ("<meta name='citation_journal_title' content='Acta Exempli Studiorum Internationalis'>", "<p>x</p>"),
        ("", "<header><a href='/'>Acta Exempli Studiorum Internationalis</a></header><p>x</p>"),
        ("", "<div class='site-logo'><img src='l.png' alt='Acta Exempli Studiorum Internationalis'></div><p>x</p>"),
    ],
)
def test_title_tag_loses_the_site_name_the_page_states(head, body):
    sel = Selector(text=f"<html><head><title>Editorial | Acta Exempli Studiorum Internationalis</title>{head}</head>"
                        f"<body>{body}</body></html>")
    assert title_tag_candidate(sel).get("title") == "Editorial", f"{head or body}: title"


def test_site_names_are_read_once_per_page():
    text = PageText(html("<header><a href='/'>Site</a></header>"))
    assert text.site_names == ("Site",) and text.site_names is text.site_names


@pytest.mark.parametrize(
    "markup,in_article,expected",
    [
        ("<div id='x' class='pkp_structure_sidebar left'>", False, True),
        ("<div id='x' role='complementary'>", False, True),
        ("<div id='x' class='sidebar'>", True, False),  # the article's own info box
        ("<div id='x' class='has_sidebar'>", False, False),  # a layout state
        ("<div id='x' class='l-with-sidebar'>", False, False),
        ("<div id='x' class='l-with-sidebar__sidebar'>", False, True),
        ("<div id='x' class='pkp_block block_keyword_cloud'>", True, True),
        ("<div id='x' class='widget widget_tag_cloud'>", True, True),
        ("<div id='x' class='widget literatumPublicationContentWidget'>", False, False),  # a page-builder wrapper
        ("<aside id='x'>", False, True),
        ("<aside id='x'>", True, False),
    ],
)
def test_is_chrome_side_columns(markup, in_article, expected):
    element = Selector(text=f"<html><body>{markup}text</div></body></html>").css("#x")[0].root
    assert is_chrome(element, in_article) is expected, markup


@pytest.mark.parametrize(
    "classes,expected",
    [("related-articles", True), ("more-from-journal", True), ("c-article-recommendations", True),
     ("ref-list", True), ("article-body", False), ("abstract", False)],
)
def test_is_foreign(classes, expected):
    sel = html(f"<div id='x' class='{classes}'>Text.</div>")
    assert is_foreign(sel.css("#x")[0].root) is expected, classes


@pytest.mark.parametrize(
    "markup,expected",
    [("<div id='x' class='subnav'>", True), ("<div id='x' class='kwd-group'>", True),
     ("<div id='x' class='preface'>", False), ("<div id='x' class='has_sidebar'>", False),
     ("<div id='x' role='tablist'>", True), ("<div id='x' class='obj_article_summary'>", False)],
)
def test_is_link_chrome(markup, expected):
    element = Selector(text=f"<html><body>{markup}text</div></body></html>").css("#x")[0].root
    assert is_link_chrome(element) is expected, markup


def test_reference_flags_are_computed_once_per_page():
    text = PageText(html("<main><h2>References</h2><p>Ref one.</p></main>"))
    flags = text.reference_flags
    assert flags == [True, True] and text.reference_flags is flags
