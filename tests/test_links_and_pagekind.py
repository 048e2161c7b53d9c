"""Link sorting and page-kind decisions on small hand-made pages."""

import pytest
from parsel import Selector

from harvester.extract.links import clean_link, page_links
from harvester.extract.pagekind import body_refusal, classify, page_refusal

LISTING = """<html><head><link rel="next" href="/journal/hist?page=2"></head><body>
<nav><a href="/login">Log in</a> <a href="/about">About</a></nav>
<ul><li><a href="/view/paper/101">First paper</a></li><li><a href="/view/paper/102#abs">Second</a></li>
<li><a href="/view/paper/101">First paper again</a></li></ul>
<div class="pager"><a href="/journal/hist?page=1">1</a> <a href="/journal/hist?page=2">2</a>
<a href="/journal/hist?page=3&sort=title">Next »</a></div>
<a href="/journal/other">Another journal</a> <a href="/files/paper.pdf">PDF</a>
<a href="mailto:x@example.org">mail</a></body></html>"""


def test_listing_links_are_sorted_and_deduplicated():
    links = page_links(Selector(text=LISTING), "http://h.test/journal/hist?page=1")
    assert links.articles == ["http://h.test/view/paper/101", "http://h.test/view/paper/102"]
    assert links.next_pages == ["http://h.test/journal/hist?page=2", "http://h.test/journal/hist?page=3"]
    assert links.listings == ["http://h.test/journal/other"]


@pytest.mark.parametrize("href, expected", [
    ("/a/b?sort=asc&page=2", "http://h.test/a/b?page=2"),
    ("/a/b?utm_source=x", "http://h.test/a/b"),
    ("/a/b#frag", "http://h.test/a/b"),
    ("/logout", None),
    ("/x/y.pdf", None),
    ("javascript:void(0)", None),
])
def test_clean_link(href, expected):
    assert clean_link(href, "http://h.test/start") == expected


@pytest.mark.parametrize("body, reason", [
    (b"%PDF-1.3\r%\xe2\xe3\xcf\xd3\r\n", "pdf_bytes"),
    (b"   ", "empty_body"),
    (b"<html><body>ok</body></html>", None),
    (b"<!doctypehtml><html>" + b'<meta value="x"name=citation_title>' * 60 + b"<p>text</p>" * 100, "corrupted_markup"),
    (b"<html>" + b'<a href="/x?a=1"class=y>' * 5 + b"<p>text</p>" * 100, None),
])
def test_body_refusal(body, reason):
    assert body_refusal(body) == reason


@pytest.mark.parametrize("html, reason", [
    ("<html><head><title>Just a moment...</title></head><body>Checking</body></html>", "bot_challenge"),
    ("<html><head><title>Sign in</title></head><body><form><input type='password'></form></body></html>", "login_wall"),
    ("<html><head><title>A paper</title></head><body><h1>A paper</h1></body></html>", None),
])
def test_page_refusal(html, reason):
    assert page_refusal(Selector(text=html)) == reason


@pytest.mark.parametrize("evidence, articles, listings, kind", [
    ({"title", "authors", "journal_title"}, 0, 0, "article"),
    ({"title", "authors", "journal_title"}, 12, 3, "article"),
    ({"title"}, 12, 1, "listing"),
    ({"title", "language"}, 0, 0, "other"),
    (set(), 0, 0, "other"),
])
def test_classify(evidence, articles, listings, kind):
    assert classify(evidence, articles, listings).kind == kind
