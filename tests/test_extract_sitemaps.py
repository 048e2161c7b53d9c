"""robots.txt sitemap lines and the sitemap reader, on our own fixtures (tests/fixtures/sitemaps/)."""

from __future__ import annotations

import gzip
import tracemalloc
import zlib
from pathlib import Path

import pytest

from harvester.discovery.sitemaps import (MAX_SITEMAP_BYTES, Sitemap, SitemapEntry, article_entries, article_urls,
                                        gunzip_capped, parse_sitemap, sitemap_urls_from_robots)

SITEMAPS = Path(__file__).resolve().parent / "fixtures" / "sitemaps"
OAI = Path(__file__).resolve().parent / "fixtures" / "oai"
SITE = "https://journals.example.org/index.php/jih"


def fixture(name: str) -> bytes:
    return (SITEMAPS / name).read_bytes()


def gzip_bomb(uncompressed: int) -> bytes:
    """``uncompressed`` zero bytes, gzipped a megabyte at a time (never held in memory whole)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = bytes(1024 * 1024)
    parts = [packer.compress(block) for _ in range(uncompressed // len(block))]
    return b"".join(parts) + packer.flush()


# --- robots.txt ---------------------------------------------------------------------------

def test_robots_sitemap_lines():
    robots = fixture("robots.txt").decode("utf-8")
    assert sitemap_urls_from_robots(robots, "https://journals.example.org/robots.txt") == [
        "https://journals.example.org/sitemap.xml",
        "https://journals.example.org/index.php/jih/sitemap",
        "https://cdn.example.org/sitemaps/index.xml.gz",
    ]


@pytest.mark.parametrize("robots, expected", [
    (b"\xef\xbb\xbfSitemap: https://a.example/s.xml\r\n", ["https://a.example/s.xml"]),
    ("User-agent: *\nDisallow: /\n", []),
    ("Sitemap: https://a.example/s.xml # main sitemap\n", ["https://a.example/s.xml"]),
    ("", []),
], ids=["bytes-with-bom", "none", "trailing-comment", "empty"])
def test_robots_variants(robots, expected):
    assert sitemap_urls_from_robots(robots, "https://a.example/robots.txt") == expected


# --- XML sitemaps -------------------------------------------------------------------------

def test_sitemap_index():
    sitemap = parse_sitemap(fixture("sitemap_index.xml"))
    assert (sitemap.kind, sitemap.error, sitemap.truncated) == ("sitemapindex", None, False)
    assert sitemap.entries == [
        SitemapEntry(f"{SITE}/sitemap", "2025-02-28"),
        SitemapEntry("https://journals.example.org/index.php/ri/sitemap", None),
        SitemapEntry("https://journals.example.org/sitemap-static.xml.gz", "2024-01-01T00:00:00+00:00"),
    ]


def test_urlset_entries():
    sitemap = parse_sitemap(fixture("urlset.xml"))
    assert (sitemap.kind, sitemap.error) == ("urlset", None)
    assert len(sitemap.entries) == 9, "the <url> without <loc> is skipped"
    assert SitemapEntry(f"{SITE}/article/view/1101", "2024-10-02") in sitemap.entries
    assert not any("cover.png" in url for url in sitemap.urls), "image-extension <image:loc> is not a page"


def test_article_urls_from_urlset():
    entries = parse_sitemap(fixture("urlset.xml")).entries
    # the galley /article/view/1101/880 is no article page
    assert article_urls(entries) == [f"{SITE}/article/view/1101", f"{SITE}/article/view/1102"]
    assert article_entries(entries)[1] == SitemapEntry(f"{SITE}/article/view/1102", "2024-10-03")


def test_article_urls_with_own_pattern():
    import re
    entries = parse_sitemap(fixture("urlset.xml")).entries
    assert article_urls(entries, re.compile(r"/issue/view/\d+$")) == [f"{SITE}/issue/view/88"]


def test_urlset_without_namespace():
    sitemap = parse_sitemap(fixture("urlset_no_namespace.xml"))
    assert sitemap.kind == "urlset"
    assert sitemap.entries == [SitemapEntry("https://papers.example.net/paper/501", "2023-03-03"),
                               SitemapEntry("https://papers.example.net/browse?page=2")]
    assert article_urls(sitemap.entries) == ["https://papers.example.net/paper/501"]


def test_plain_text_sitemap():
    sitemap = parse_sitemap(fixture("sitemap.txt"))
    assert (sitemap.kind, sitemap.error) == ("urlset", None)
    assert sitemap.urls == ["https://papers.example.net/view/paper/7001", "https://papers.example.net/view/paper/7002",
                            "https://papers.example.net/journals/12"]
    assert article_urls(sitemap.entries) == sitemap.urls[:2]


def test_broken_xml_keeps_what_it_can_and_says_so():
    sitemap = parse_sitemap(fixture("urlset_broken.xml"))
    assert sitemap.kind == "urlset" and sitemap.error and "malformed XML" in sitemap.error
    assert sitemap.urls == ["https://papers.example.net/article/alpha", "https://papers.example.net/search?q=a&page=2",
                            "https://papers.example.net/article/beta"], "the cut last URL must not be guessed"


@pytest.mark.parametrize("body", [
    (OAI / "html_error_page.html").read_bytes(),
    b'<?xml version="1.0"?><rss version="2.0"><channel><url><loc>https://x.example/a</loc></url></channel></rss>',
    b"",
    b"just words",
], ids=["html", "rss", "empty", "words"])
def test_not_a_sitemap(body):
    sitemap = parse_sitemap(body)
    assert sitemap.kind is None and sitemap.entries == [] and sitemap.error


def test_entity_expansion_attack_is_refused():
    body = (OAI / "billion_laughs.xml").read_bytes().replace(b"OAI-PMH", b"urlset")
    sitemap = parse_sitemap(body)
    assert sitemap.error and sitemap.hostile and "lollol" not in repr(sitemap)


# --- gzip ---------------------------------------------------------------------------------

def test_gzipped_sitemap_reads_like_the_plain_one():
    plain = fixture("urlset.xml")
    assert parse_sitemap(gzip.compress(plain)) == parse_sitemap(plain)


def test_multi_member_gzip():
    plain = fixture("sitemap_index.xml")
    body = gzip.compress(plain[:100]) + gzip.compress(plain[100:])
    assert parse_sitemap(body).entries == parse_sitemap(plain).entries


def test_gzipped_text_sitemap():
    assert parse_sitemap(gzip.compress(fixture("sitemap.txt"))).urls[0] == "https://papers.example.net/view/paper/7001"


def test_broken_gzip_is_reported():
    sitemap = parse_sitemap(b"\x1f\x8b\x08\x00garbage-not-deflate")
    assert sitemap.kind is None and "gzip" in sitemap.error


def test_gunzip_capped_small_cap():
    assert gunzip_capped(gzip.compress(b"x" * 100), max_bytes=40) == (b"x" * 40, True)
    assert gunzip_capped(gzip.compress(b"x" * 40), max_bytes=40) == (b"x" * 40, False)


def test_gzip_bomb_small_cap():
    sitemap = parse_sitemap(gzip_bomb(8 * 1024 * 1024), max_bytes=1024 * 1024)
    assert sitemap.truncated and "exceeds" in sitemap.error and sitemap.entries == []


def test_gzip_bomb_default_cap_keeps_memory_bounded():
    bomb = gzip_bomb(4 * MAX_SITEMAP_BYTES)  # 200 MiB of zeros in about 200 KB
    assert len(bomb) < 1024 * 1024
    tracemalloc.start()
    try:
        sitemap = parse_sitemap(bomb)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert sitemap.truncated and sitemap.error
    assert peak < MAX_SITEMAP_BYTES * 1.5, f"peak {peak} bytes"


def test_oversized_plain_body_is_cut():
    body = b"\n".join(b"https://x.example/article/%d" % i for i in range(1000))
    sitemap = parse_sitemap(body, max_bytes=len(body) // 2)
    assert sitemap.truncated and 0 < len(sitemap.entries) < 1000


def test_sitemap_defaults():
    assert Sitemap().urls == [] and Sitemap().error is None
