"""Visible-text sources are read only for fields embedded metadata leaves open, and skipping them changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from parsel import Selector

from harvester.extract.article import TEXT_SOURCES, ArticlePage
from harvester.extract.document import decode_page, parse_html
from harvester.extract.merge import merge
from harvester.extract.reading import assemble
from pipelines.normalize import NormalizePipeline

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = sorted(FIXTURES.rglob("*.html"))
URL = "http://journal.test/article/view/7"

#: Every field a text source could give, declared in the page's head.
FULL_HEAD = {
    "title": '<meta name="citation_title" content="Tidal Mills of the North Sea Coast">',
    "authors": '<meta name="citation_author" content="Ada Lovelace">'
               '<meta name="citation_author_institution" content="University of Leeds">',
    "journal": '<meta name="citation_journal_title" content="Journal of Harvest Studies">'
               '<meta name="citation_journal_abbrev" content="J. Harv. Stud.">',
    "numbers": '<meta name="citation_volume" content="12"><meta name="citation_issue" content="3">'
               '<meta name="citation_firstpage" content="45"><meta name="citation_lastpage" content="67">',
    "date": '<meta name="citation_publication_date" content="2019-05-03">',
    "doi": '<meta name="citation_doi" content="10.5555/johs.7">',
    "keywords": '<meta name="citation_keywords" content="mills; tides">',
    "abstract": '<meta name="citation_abstract" content="We surveyed every tidal mill on the coast.">',
    "language": '<meta name="citation_language" content="en">',
    "canonical": f'<link rel="canonical" href="{URL}">',
}
BODY = "<h1>Tidal Mills of the North Sea Coast</h1><p>Ada Lovelace</p><p>Full text of the article.</p>"


def page(head: dict[str, str], body: str = BODY) -> ArticlePage:
    return ArticlePage(Selector(text=f"<html><head>{''.join(head.values())}</head><body>{body}</body></html>"), URL)


def built(article: ArticlePage) -> set[str]:
    """The text sources the page object read."""
    return {c.source for c in article.candidates} & set(TEXT_SOURCES)


def test_a_page_whose_metadata_states_every_field_reads_no_visible_text():
    article = page(FULL_HEAD)
    assert article.open_fields == set() and built(article) == set()
    assert "text" not in article.__dict__, "the visible-text walk was not even started"


@pytest.mark.parametrize("change, field, sources", [
    ({"date": '<meta name="citation_publication_date" content="2019">'}, "publication_date", {"labels", "citeline"}),
    ({"date": '<meta name="citation_publication_date" content="2019-01-01">'}, "publication_date",
     {"labels", "citeline"}),
    ({"authors": '<meta name="citation_author" content="Ada Lovelace">'}, "authors", {"labels", "bylines"}),
    ({"abstract": '<meta name="citation_abstract" content="We surveyed every tidal mill …">'}, "abstract", {"labels"}),
    ({"abstract": '<meta name="citation_abstract" content="We surveyed every tidal mill on the">'}, "abstract",
     {"labels"}),
    ({"title": ""}, "title", {"labels", "heading", "title_tag"}),
    ({"doi": ""}, "doi", {"labels", "text"}),
    ({"numbers": ""}, "volume", {"labels", "citeline"}),
    ({"keywords": '<meta name="DC.Subject" content="mills; tides">'}, "keywords", {"labels"}),
])
def test_a_field_the_metadata_leaves_open_is_read_from_the_text(change, field, sources):
    article = page({**FULL_HEAD, **change})
    assert field in article.open_fields
    assert sources <= built(article)


@pytest.mark.parametrize("body, fields", [
    (BODY + '<p><a href="https://orcid.org/0000-0002-1825-0097">ORCID</a></p>', {"authors"}),
    (BODY + "<p>Last modified: 2020-02-03</p>", {"last_modified", "related"}),
    (BODY + '<p>Chapter: <a href="https://doi.org/10.5555/johs.7_3">10.5555/johs.7_3</a></p>', {"doi"}),
    (BODY + "<table><tr><td>dc.publisher</td><td>Leeds University Press</td></tr></table>", {"publisher"}),
])
def test_what_the_page_shows_can_reopen_a_field(body, fields):
    article = page(FULL_HEAD, body)
    assert fields <= article.open_fields
    assert "labels" in built(article) or fields == {"authors"}


def test_an_orcid_in_the_metadata_settles_the_authors_beside_an_orcid_link():
    head = {**FULL_HEAD, "orcid": '<meta name="citation_author_orcid" content="0000-0002-1825-0097">'}
    article = page(head, BODY + '<p><a href="https://orcid.org/0000-0002-1825-0097">ORCID</a></p>')
    assert article.merged.values["authors"][0]["orcid"] == "0000-0002-1825-0097"
    assert "authors" not in article.open_fields and built(article) == set()


def tree(path: Path) -> Selector:
    """A fixture page's tree: UTF-8 text, or bytes decoded as a response with no declared charset would be."""
    try:
        return parse_html(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        return parse_html(decode_page(path.read_bytes(), None).text)


TWO_AUTHORS = {"authors": '<meta name="citation_author" content="Ada Lovelace">'
                          '<meta name="citation_author_institution" content="University of Leeds">'
                          '<meta name="citation_author" content="Charles Babbage">'
                          '<meta name="citation_author_institution" content="University of York">'}


@pytest.mark.parametrize("byline, settled", [
    ("<p>Ada Lovelace, Charles Babbage</p>", True),
    ("<p>Charles Babbage, Ada Lovelace</p>", False),  # the byline's order may differ from the declaration
    ("<p>Ada Lovelace</p>", False),  # a name the page does not show: nothing to check the order against
])
def test_declared_authors_are_final_only_in_the_order_the_page_shows_them(byline, settled):
    article = page({**FULL_HEAD, **TWO_AUTHORS}, f"<h1>Tidal Mills</h1>{byline}<script>var a = 'Babbage';</script>")
    assert ("authors" not in article.open_fields) is settled


def record(article: ArticlePage, candidates) -> dict:
    item = assemble(merge(candidates), article.url, "test", "2026-01-01T00:00:00Z", article.platform)
    return NormalizePipeline().process_item(item).to_dict()


@pytest.mark.parametrize("path", PAGES, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_skipping_settled_sources_never_changes_a_record(path):
    """Every fixture page gives the same record and verdict from the sources it needs as from all of them."""
    lazy, full = ArticlePage(tree(path), URL), ArticlePage(tree(path), URL)
    assert record(lazy, lazy.candidates) == record(full, full.all_candidates), path.name
    full.__dict__["candidates"] = full.all_candidates
    assert lazy.verdict() == full.verdict(), path.name


@pytest.mark.parametrize("path", PAGES, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_each_text_source_gives_only_the_fields_it_declares(path):
    """``TEXT_SOURCES`` must name every field a source can give, or a field could be skipped unread."""
    article = ArticlePage(tree(path), URL)
    for candidate in article.all_candidates:
        if candidate.source in TEXT_SOURCES:
            given = {"pages" if name in ("first_page", "last_page") else name for name in candidate.values}
            assert given <= article.text_source_fields[candidate.source], (path.name, candidate.source)
