"""Bounded extraction: caps on fields and lists, deep JSON-LD, over-long titles, lying charsets."""

from __future__ import annotations

import pytest

from harvester.extract.article import ArticlePage
from harvester.extract.reading import build_record
from harvester.extract.document import (TITLE_CAP, decode_page, parse_html, truncated_fields)
from harvester.extract.jsonld import MAX_DEPTH, parse_jsonld_block
from harvester.items import ArticleItem
from harvester.schema import schema_errors
from pipelines.bounds import MAX_AUTHORS, TEXT_CAPS, BoundsPipeline, cut
from pipelines.normalize import NormalizePipeline

PAGE = """<html><head><meta charset="utf-8"><meta name="citation_title" content="{title}">
<meta name="citation_author" content="Emmy Noether"><meta name="citation_journal_title" content="Mathematische Annalen">
<meta name="citation_volume" content="77"><meta name="citation_firstpage" content="89">{extra}</head>
<body><h1>{heading}</h1></body></html>"""


def _record(title: str = "Invariante Variationsprobleme", heading: str | None = None, extra: str = "") -> dict:
    """The record the page gives after normalise, bounds (and the schema check), as the crawl writes it."""
    page = ArticlePage(parse_html(PAGE.format(title=title, heading=heading or title, extra=extra)), "http://h/a")
    assert page.verdict().kind == "article", page.verdict()
    item = build_record("http://h/a", "test", "2025-01-01T00:00:00Z", page=page)
    item.truncated = truncated_fields(page.selector)
    item = BoundsPipeline().process_item(NormalizePipeline().process_item(item))
    record = item.to_dict()
    assert schema_errors(record) == []
    return record


@pytest.mark.parametrize("text, cap, expected", [
    ("short", 10, "short"),
    ("one two three four five", 14, "one two three…"),
    ("one two three four five", 13, "one two…"),
    ("abcdefghijklmnop", 6, "abcde…"),
    ("word, another", 7, "word…"),
])
def test_cut_at_a_word_boundary(text, cap, expected):
    assert cut(text, cap) == expected and len(cut(text, cap)) <= cap


def test_a_100_kb_title_is_cut_and_flagged_not_dropped():
    title = " ".join(f"word{i}" for i in range(15_000))
    record = _record(title)
    assert record["truncated"] == ["title"]
    assert record["title"].startswith("word0 word1") and record["title"].endswith("…")
    assert len(record["title"]) <= TITLE_CAP


def test_a_1_mb_publisher_is_cut_and_flagged():
    publisher = " ".join(["Verlag"] * 150_000)
    record = _record(extra=f'<meta name="citation_publisher" content="{publisher}">')
    assert record["truncated"] == ["journal.publisher"]
    assert len(record["journal"]["publisher"]) <= 500


def test_authors_are_capped():
    authors = "".join(f'<meta name="citation_author" content="Author Number{i}">' for i in range(MAX_AUTHORS + 50))
    record = _record(extra=authors)
    assert len(record["authors"]) == MAX_AUTHORS and record["truncated"] == ["authors"]


def test_an_ordinary_record_carries_no_flag():
    record = _record()
    assert "truncated" not in record and "final_url" not in record


def test_over_long_identifiers_are_dropped_not_cut():
    item = ArticleItem(url="http://h/a", source="t", title="T", doi="10.1234/" + "x" * 400,
                       provenance={"title": "citation", "doi": "citation"}, harvested_at="2025-01-01T00:00:00Z")
    item = BoundsPipeline().process_item(item)
    assert item.doi is None and "doi" not in item.provenance and item.truncated == []


def test_every_text_cap_is_applied():
    item = ArticleItem(url="http://h/a", source="t", harvested_at="2025-01-01T00:00:00Z",
                       **{name: "word " * cap for name, cap in TEXT_CAPS.items()})
    item = BoundsPipeline().process_item(item)
    for name, cap in TEXT_CAPS.items():
        assert len(getattr(item, name)) <= cap, name
    assert item.truncated == sorted(TEXT_CAPS)


def test_deep_json_ld_never_raises_and_the_other_sources_give_the_record():
    deep = '<script type="application/ld+json">' + '{"a":' * 100_000 + "1" + "}" * 100_000 + "</script>"
    assert _record(extra=deep)["title"] == "Invariante Variationsprobleme"


def test_json_ld_size_cap():
    from harvester.extract.jsonld import MAX_BLOCK_CHARS

    padding = " " * MAX_BLOCK_CHARS
    assert parse_jsonld_block('{"@type": "ScholarlyArticle", "headline": "Big"}' + padding) == []
    assert parse_jsonld_block('{"@type": "ScholarlyArticle", "headline": "Small"}')[0]["headline"] == "Small"


@pytest.mark.parametrize("depth, kept", [(MAX_DEPTH - 2, True), (MAX_DEPTH + 1, False), (5_000, False)])
def test_json_ld_depth_cap(depth, kept):
    block = "[" * depth + '{"@type": "ScholarlyArticle", "headline": "Deep"}' + "]" * depth
    assert bool(parse_jsonld_block(block)) is kept


def test_cp1251_served_as_utf8_is_read_by_its_meta():
    body = '<meta charset="windows-1251"><h1>Квантование</h1>'.encode("cp1251")
    decoded = decode_page(body, "utf-8")
    assert decoded.text.endswith("<h1>Квантование</h1>") and decoded.codec == "cp1251" and decoded.problem is None


def test_cp1251_served_as_utf8_without_meta_is_detected():
    text = "Статья рассматривает уравнение волны и его собственные значения в квантовой механике. " * 5
    decoded = decode_page(f"<p>{text}</p>".encode("cp1251"), "utf-8")
    assert decoded.problem is None and "собственные значения" in decoded.text


def test_undecodable_bytes_say_so():
    decoded = decode_page(b"<p>" + bytes(range(0x80, 0x100)) * 20 + b"</p>", "utf-8")
    assert decoded.problem and "undecodable" in decoded.problem and "header says utf-8" in decoded.problem


def test_valid_utf8_under_a_latin1_header_stays_utf8():
    decoded = decode_page("Schrödinger".encode("utf-8"), "iso-8859-1")
    assert decoded.text == "Schrödinger" and decoded.problem is None


# -- properties ---------------------------------------------------------------------------------

from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402

from harvester.extract.jsonld import within_depth  # noqa: E402

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=300)


@given(st.text(max_size=3000), st.integers(min_value=2, max_value=2000))
def test_cut_never_exceeds_its_cap_and_keeps_a_prefix(text, cap):
    result = cut(text, cap)
    assert len(result) <= cap
    assert result == text or text.startswith(result.removesuffix("…").rstrip())


@given(st.text(max_size=2000))
def test_json_ld_blocks_never_raise(text):
    assert isinstance(parse_jsonld_block(text), list)


JSON = st.recursive(st.none() | st.booleans() | st.integers() | TEXT,
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4), max_leaves=40)


@given(JSON)
def test_json_ld_depth_check_agrees_with_decoding(value):
    import json

    values = parse_jsonld_block(json.dumps(value))
    assert values == ([value] if within_depth(value, MAX_DEPTH) else [])


@given(st.binary(max_size=3000), st.sampled_from([None, "utf-8", "iso-8859-1", "windows-1251", "shift_jis", "bogus"]))
def test_decoding_never_raises(body, declared):
    decoded = decode_page(body, declared)
    assert isinstance(decoded.text, str) and (decoded.problem is None or "undecodable" in decoded.problem)


META_NAMES = ["citation_title", "citation_author", "citation_journal_title", "citation_volume", "citation_issue",
              "citation_firstpage", "citation_lastpage", "citation_date", "citation_doi", "citation_keywords",
              "citation_abstract", "citation_publisher", "citation_issn", "citation_language", "dc.title",
              "dc.creator", "dc.date", "og:title"]


def _attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


@st.composite
def article_pages(draw) -> str:
    """An HTML page of random citation_*/DC tags (random values, some absurdly long) and a heading."""
    tags = draw(st.lists(st.tuples(st.sampled_from(META_NAMES),
                                   TEXT | st.builds(lambda w, n: " ".join([w] * n), TEXT, st.integers(0, 2000))),
                         max_size=25))
    heading = draw(TEXT)
    metas = "".join(f'<meta name="{name}" content="{_attr(value)}">' for name, value in tags)
    return f"<html><head>{metas}</head><body><h1>{_attr(heading)}</h1><p>{_attr(draw(TEXT))}</p></body></html>"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article_pages())
def test_extraction_over_generated_pages_never_raises_and_records_are_schema_valid(html):
    page = ArticlePage(parse_html(html), "http://h/a")
    page.refusal()
    if page.verdict().kind != "article":
        return
    item = build_record("http://h/a", "test", "2025-01-01T00:00:00Z", page=page)
    item.truncated = truncated_fields(page.selector)
    record = BoundsPipeline().process_item(NormalizePipeline().process_item(item)).to_dict()
    assert len(record["title"] or "") <= TEXT_CAPS["title"] and len(record["authors"]) <= MAX_AUTHORS
    if record["title"]:
        assert schema_errors(record) == []


NORMALISERS = ["clean_number", "clean_text", "find_doi", "find_issns", "normalize_doi", "normalize_issn",
               "normalize_language", "normalize_orcid", "parse_author", "parse_citation_line", "parse_date",
               "parse_datetime", "parse_name", "parse_page_range", "parse_volume_issue", "split_authors",
               "split_keywords", "strip_separators", "guess_language", "identify_language"]


@pytest.mark.parametrize("name", NORMALISERS)
@settings(max_examples=100, deadline=None)
@given(text=TEXT)
def test_normalisers_never_raise(name, text):
    import harvester.normalize as N

    getattr(N, name)(text)
