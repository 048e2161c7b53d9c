"""The extractor's entry points: ``read_page`` (a fetched page to a reading) and ``build_record``."""

import pytest
from scrapy.http import HtmlResponse, Response

from harvester.extract.article import ArticlePage
from harvester.extract.document import parse_html
from harvester.extract.reading import Stored, build_record, read_page

WHEN = "2026-01-01T00:00:00Z"
ARTICLE = """<html lang="en"><head>
<meta name="citation_title" content="Rivers of the north">
<meta name="citation_author" content="Ames, Ruth">
<meta name="citation_journal_title" content="Journal of Water">
<meta name="citation_publication_date" content="2019/05/03">
<meta name="citation_volume" content="12">
</head><body><h1>Rivers of the north</h1>
<div class="related"><a href="/article/view/9">Lakes of the south</a></div></body></html>"""
LISTING = """<html><body><h1>Vol. 3 No. 2 (2020)</h1><ul>
<li><a href="/article/view/1">First paper title here</a> <span>Ames, R.</span> pp. 1-10</li>
<li><a href="/article/view/2">Second paper title here</a> <span>Berg, T.</span> pp. 11-20</li>
<li><a href="/article/view/3">Third paper title here</a> <span>Cole, U.</span> pp. 21-30</li>
</ul><a rel="next" href="/issue/archive/2">Next</a></body></html>"""


def html(body: str, url: str = "https://j.example.org/article/view/5") -> HtmlResponse:
    return HtmlResponse(url, body=body.encode("utf-8"), headers={"Content-Type": "text/html; charset=utf-8"})


@pytest.mark.parametrize("response, reason", [
    (html(""), "empty_body"),
    (html("%PDF-1.4 binary"), "pdf_bytes"),
    (Response("https://j.example.org/a", body=b"plain bytes"), "not_text"),
])
def test_unusable_bodies_are_refused_with_their_reason(response, reason):
    reading = read_page(response, "test", WHEN, response.url)
    assert (reading.kind, reading.reason, reading.record) == ("refused", reason, None)


def test_article_page_gives_its_record_under_the_requested_url_and_its_related_targets():
    response = html(ARTICLE)
    reading = read_page(response, "test", WHEN, "https://j.example.org/a/5")
    assert reading.kind == "article"
    assert reading.record.title == "Rivers of the north" and reading.record.volume == "12"
    assert (reading.record.url, reading.record.final_url) == ("https://j.example.org/a/5", response.url)
    assert all(t.kind == "article" for t in reading.targets)


def test_page_read_without_following_lists_no_targets():
    reading = read_page(html(LISTING, "https://j.example.org/issue/view/3"), "test", WHEN,
                        "https://j.example.org/issue/view/3", follow=False)
    assert reading.record is None and reading.targets == []


def test_listing_leads_to_its_articles_and_next_page():
    url = "https://j.example.org/issue/view/3"
    reading = read_page(html(LISTING, url), "test", WHEN, url)
    assert reading.kind == "listing" and reading.record is None
    articles = {t.url for t in reading.targets if t.kind == "article"}
    assert {f"https://j.example.org/article/view/{n}" for n in (1, 2, 3)} <= articles
    assert "https://j.example.org/issue/archive/2" in {t.url for t in reading.targets if t.kind == "listing"}


def test_oai_record_leads_and_the_landing_page_completes_and_refines_it():
    oai = Stored("oai_dc", {"title": "Rivers of the North (OAI)", "publication_date": "2019"})
    page = ArticlePage(parse_html(ARTICLE), "https://j.example.org/article/view/5")
    record = build_record(page.url, "test", WHEN, page=page, oai=oai)
    assert record.title == "Rivers of the North (OAI)" and record.provenance["title"] == "oai_dc"
    assert record.volume == "12" and record.journal["title"] == "Journal of Water"
    assert record.publication_date_raw == "2019/05/03"  # the page's full date agrees with the record's year


def test_listing_entry_is_the_record_only_when_nothing_else_is_at_hand():
    listing = Stored("listing", {"title": "First paper title here", "first_page": "1", "last_page": "10"})
    record = build_record("https://j.example.org/article/view/1", "test", WHEN, listing=listing)
    assert (record.record_type, record.title, record.first_page) == ("listing", "First paper title here", "1")
    page = ArticlePage(parse_html(ARTICLE), "https://j.example.org/article/view/1")
    assert build_record(page.url, "test", WHEN, page=page, listing=listing).title == "Rivers of the north"


def test_a_record_needs_something_that_describes_the_article():
    with pytest.raises(ValueError):
        build_record("https://j.example.org/a/1", "test", WHEN)
