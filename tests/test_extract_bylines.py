"""Authors from author markup in the page body (ScienceDirect, Atypon, eLife, JATS, microdata)."""

from __future__ import annotations

from pathlib import Path

import pytest

from harvester.extract.article import ArticlePage
from harvester.extract.bylines import author_markup_candidate, clean_author_name, labelled_as_editor
from harvester.extract.document import parse_html

FIXTURES = Path(__file__).parent / "fixtures" / "publisher"


def authors_of(name: str) -> list[dict]:
    page = parse_html((FIXTURES / name).read_text(encoding="utf-8"))
    return author_markup_candidate(page).get("authors") or []


@pytest.mark.parametrize("raw, expected", [
    ("Ida L. Moss, PhD", "Ida L. Moss"),
    ("Olivia Oak, MD, MPH", "Olivia Oak"),
    (" Jean-Luc Verger ", "Jean-Luc Verger"),
    ("Tomas Dale , and", "Tomas Dale"),
    ("B. J. Lark*", "B. J. Lark"),
    ("Smith J.1,2*", "Smith J."),
    ("Ravi Kumar Sen†‡", "Ravi Kumar Sen"),
    ("Kern, Lotte [VerfasserIn]", "Kern, Lotte"),
    ("Show more", None),
    ("View ORCID profile", None),
    ("Author information", None),
    ("info@example.org", None),
    ("*", None),
])
def test_clean_author_name(raw, expected):
    assert clean_author_name(raw) == expected, raw


# (each page's authors in page order, with given and family names, affiliations and ORCIDs:
# tests/fixtures/publisher/*.json, candidate 'bylines')


@pytest.mark.parametrize("page, stranger", [
    ("sd_author_group.html", "Other Person"),            # 'Recommended articles'
    ("elife_cite_as.html", "Carp A"),                    # a reference's author
    ("tandf_issue_heading.html", "Edgar Poe"),           # the reviewing editor
    ("microdata_authors.html", "Erica Editor"),          # itemprop=editor
    ("microdata_authors.html", "Example Plants Editorial Office"),  # an organisation in <meta> only
    ("jats_with_editor.html", "Edith Editor"),           # JATS contrib type 'editor'
    ("jats_with_editor.html", "Old Author"),             # the reference list
    ("editor_labels.html", "Vera Quill"),                # 'Handling Editor:' before the name
    ("editor_labels.html", "Paul Marsh"),                # 'Reviewed by'
    ("editor_labels.html", "Rita Heath"),                # the second name after 'Reviewed by'
    ("editor_labels.html", "Ирина Лесная"),              # 'Ответственный редактор:'
    ("editor_labels.html", "Karl Moor"),                 # a 'Herausgeber' label line above the name
    ("editor_labels.html", "Luc Vigne"),                 # 'Traducteur'
    ("ojs3_author_list.html", "Other Person"),           # a 'Most Read' sidebar entry
])
def test_strangers_are_never_authors(page, stranger):
    names = [a["name"] for a in authors_of(page)]
    assert stranger not in names, f"{page}: {stranger!r} taken as an author"


@pytest.mark.parametrize("html, editor", [
    ('<p>Handling Editor: <span id="n">Ann Oak</span></p>', True),
    ('<p>Academic editor: <span id="n">Ann Oak</span></p>', True),
    ('<p>Edited by <b>Bo Ash</b> and <span id="n">Ann Oak</span></p>', True),
    ('<p>Translated by <span id="n">Ann Oak</span></p>', True),
    ('<p>Communicated by <span id="n">Ann Oak</span>, Example University</p>', True),
    ('<p>Редактор: <span id="n">Анна Дуб</span></p>', True),
    ('<p>Рецензент: <span id="n">Анна Дуб</span></p>', True),
    ('<p>Herausgeberin: <span id="n">Anna Eiche</span></p>', True),
    ('<p>Éditeur : <span id="n">Anne Chêne</span></p>', True),
    ('<p>Editora: <span id="n">Ana Roble</span></p>', True),
    ('<div><h4>Reviewers</h4><p><span id="n">Ann Oak</span></p></div>', True),
    ('<p>Authors: <span id="n">Ann Oak</span></p>', False),
    ('<p>By <span id="n">Ann Oak</span></p>', False),
    ('<p><span>Bo Ash</span>, <span id="n">Ann Oak</span></p>', False),
    # an authors' label after an editor's ends its reach
    ('<p>Editor: Bo Ash. Authors: Cy Elm, <span id="n">Ann Oak</span></p>', False),
    # a title above the byline is no label, even when it names editors
    ('<div><h1>Advice for Editors</h1><p><span id="n">Ann Oak</span></p></div>', False),
])
def test_labelled_as_editor(html, editor):
    element = parse_html(f"<html><body>{html}</body></html>").root.xpath("//*[@id='n']")[0]
    assert labelled_as_editor(element) is editor, html


def test_ojs_authors_come_with_affiliations_not_from_how_to_cite():
    html = (FIXTURES / "ojs3_author_list.html").read_text(encoding="utf-8")
    merged = ArticlePage(parse_html(html), "https://example.org/index.php/ejw/article/view/5").merged
    assert merged.provenance["authors"] == "bylines", "ojs3_author_list.html: authors provenance"
    got = [(a["name"], a["affiliations"]) for a in merged.values["authors"]]
    assert got == [("Petra Lind", ["Example Institute of Stone"]), ("Sam Holt", ["University of Exampleton"])], \
        f"ojs3_author_list.html: authors {got}"


def test_a_list_of_works_has_no_byline():
    assert authors_of("toc_listing.html") == [], "toc_listing.html: authors of listed works"


def test_repeated_author_lists_count_once():
    names = [a["name"] for a in authors_of("atypon_loa_info.html")]
    assert len(names) == len(set(names)) == 2, f"atypon_loa_info.html: authors {names}"


# --- in the merged record -------------------------------------------------------------------

BYLINE_PAGE = """<html><head><title>Ice</title>{meta}</head><body><main><h1>Ice</h1>
<div class="author-group"><span class="given-name">Ida</span> <span class="surname">Ice</span>,
<span class="given-name">Sven</span> <span class="surname">Snow</span></div>
<p>A page long enough to be its own main content, about ice and snow and the long winter.</p></main></body></html>"""


def test_bylines_fill_authors_no_metadata_states():
    merged = ArticlePage(parse_html(BYLINE_PAGE.format(meta="")), "https://example.org/a/2").merged
    assert [a["family"] for a in merged.values["authors"]] == ["Ice", "Snow"], "authors"
    assert merged.provenance["authors"] == "bylines", "authors provenance"


def test_declared_authors_beat_the_byline():
    meta = '<meta name="citation_author" content="Ice, Ida"><meta name="citation_author" content="Snow, Sven">'
    merged = ArticlePage(parse_html(BYLINE_PAGE.format(meta=meta)), "https://example.org/a/2").merged
    assert merged.provenance["authors"] == "citation", "authors provenance"
