"""Start-URL sources are read defensively: each bad line, entry or file is one ``BadInput``, the rest is read."""

from __future__ import annotations

import pytest

from harvester.demo import LocalSite, respond, serve
from harvester.crawl.sources import BadInput, Source, read_sources, read_start_urls, url_problem
from tests.conftest import check_accounting, harvest


@pytest.mark.parametrize("url, problem", [
    ("https://journal.example/issue/1", None),
    ("file:///tmp/page.html", None),
    ("http://127.0.0.1:8000/", None),
    ("journal.example/issue/1", "no scheme"),
    ("//journal.example/a", "no scheme"),
    ("http://[::1/broken", "unparsable"),
    ("http://host:99999/", "unparsable"),
    ("ftp://journal.example/a", "scheme 'ftp'"),
    ("javascript:alert(1)", "no scheme"),
    ("http:///nohost", "no host"),
    ("http://journal.example/a b", "white space"),
])
def test_url_problem(url, problem):
    found = url_problem(url)
    assert (found is None) if problem is None else (problem in found), found


def test_a_bad_line_does_not_stop_reading(tmp_path):
    path = tmp_path / "urls.txt"
    path.write_bytes(b"# start\nhttps://a.example/1\njournal.example/x\n\nhttps://a.example/2\n"
                     b"http://b.example/caf\xe9\nhttps://a.example/3\n")
    good, bad = read_start_urls(path)
    assert good == ["https://a.example/1", "https://a.example/2", "https://a.example/3"]
    assert [(b.where, b.reason) for b in bad] == [(f"{path} line 3", "bad_start_url"), (f"{path} line 6", "bad_start_url")]
    assert bad[0].url == "journal.example/x" and "no scheme" in bad[0].detail and f"{path} line 3" in bad[0].detail
    assert "not UTF-8" in bad[1].detail


def test_an_unreadable_urls_file_is_one_bad_source(tmp_path):
    good, bad = read_start_urls(tmp_path / "missing.txt")
    assert good == [] and len(bad) == 1
    assert bad[0].reason == "bad_source" and "cannot read" in bad[0].detail and bad[0].url.endswith("missing.txt")


def test_a_byte_order_mark_is_no_bad_line(tmp_path):
    path = tmp_path / "urls.txt"
    path.write_bytes(b"\xef\xbb\xbfhttps://a.example/1\n")
    assert read_start_urls(path) == (["https://a.example/1"], [])


SOURCES = """
[[source]]
name = "good"
start_urls = ["https://a.example/", "a.example/no-scheme"]

[[source]]
start_urls = ["https://nameless.example/"]

[[source]]
name = "empty"
start_urls = []

[[source]]
name = "odd"
start_urls = ["https://c.example/", 42]
follow = "maybe"
"""


def test_bad_sources_entries_are_reported_with_their_line(tmp_path):
    path = tmp_path / "sources.toml"
    path.write_text(SOURCES, encoding="utf-8")
    sources, bad = read_sources(path)
    assert sources == [Source("good", ("https://a.example/",), True), Source("odd", ("https://c.example/",), True)]
    problems = {(b.where.split(" (")[0], b.reason) for b in bad}
    assert problems == {(f"{path} line 2", "bad_start_url"), (f"{path} line 6", "bad_source"),
                        (f"{path} line 9", "bad_source"), (f"{path} line 13", "bad_start_url"),
                        (f"{path} line 13", "bad_source")}
    assert all(b.detail and b.detail != b.reason for b in bad)


def test_unparsable_sources_file_is_one_bad_source(tmp_path):
    path = tmp_path / "sources.toml"
    path.write_text("[[source]\nname = 'x'\n", encoding="utf-8")
    sources, bad = read_sources(path)
    assert sources == [] and [b.reason for b in bad] == ["bad_source"]
    assert "line 1" in bad[0].detail


class OneArticle(LocalSite):
    """One article page."""

    routes = {"/a": lambda request: respond(
        '<html><head><meta name="citation_title" content="Kept despite its neighbours">'
        '<meta name="citation_author" content="Lise Meitner"><meta name="citation_doi" content="10.9999/kept">'
        '<meta name="citation_volume" content="1"></head><body><h1>Kept despite its neighbours</h1></body></html>')}


@pytest.mark.e2e
def test_a_crawl_goes_on_past_bad_sources_entries(tmp_path):
    with serve(OneArticle()) as site:
        sources = tmp_path / "sources.toml"
        sources.write_text(f"""
[[source]]
name = "local"
start_urls = ["{site.url('/a')}", "no-scheme.example/a"]
follow = false

[[source]]
name = "broken"
""", encoding="utf-8")
        run = harvest(tmp_path / "out", f"sources={sources}", run_id="bad-sources")
    assert run.returncode == 0, run.log[-2000:]
    assert [r["title"] for r in run.records] == ["Kept despite its neighbours"]
    lines = sorted((r["outcome"], r["reason"]) for r in run.rejects)
    assert lines == [("rejected", "bad_source"), ("rejected", "bad_start_url")]
    check_accounting(run, {site.url("/a"), "no-scheme.example/a", f"{sources} line 7"})


@pytest.mark.e2e
def test_only_bad_lines_is_no_start_url(tmp_path):
    urls = tmp_path / "urls.txt"
    urls.write_text("no-scheme.example/a\n", encoding="utf-8")
    run = harvest(tmp_path / "out", f"urls_file={urls}", run_id="bad-lines")
    assert run.returncode == 4
    assert [(r["outcome"], r["reason"]) for r in run.rejects] == [("rejected", "bad_start_url")]


def test_bad_input_detail_names_place_and_text():
    bad = BadInput("x.example", "urls.txt line 4", "no scheme (http, https or file)")
    assert bad.detail == "urls.txt line 4: no scheme (http, https or file) ('x.example')"
    assert BadInput("", "sources.toml line 9", "the source needs a name", "bad_source").url == "sources.toml line 9"


# -- properties ---------------------------------------------------------------------------------

from urllib.parse import urlsplit  # noqa: E402

from hypothesis import given, strategies as st  # noqa: E402


@given(st.text(max_size=200))
def test_url_problem_never_raises_and_what_it_accepts_parses(text):
    if url_problem(text) is None:
        parts = urlsplit(text)
        assert parts.scheme.lower() in ("http", "https", "file")
        assert parts.hostname or parts.scheme.lower() == "file"


def _blank(line: bytes) -> bool:
    """A line that holds nothing: ASCII or (when it is UTF-8) Unicode white space only, or a byte-order mark."""
    try:
        return not line.decode("utf-8-sig").strip()
    except UnicodeDecodeError:
        return not line.strip()


@given(st.lists(st.binary(max_size=80).filter(lambda b: b"\n" not in b and b"\r" not in b), max_size=30))
def test_every_line_of_a_urls_file_ends_once(tmp_path_factory, lines):
    path = tmp_path_factory.mktemp("urls") / "urls.txt"
    path.write_bytes(b"\n".join(lines))
    good, bad = read_start_urls(path)
    counted = [line for line in lines if not _blank(line) and not line.lstrip().startswith(b"#")]
    assert len(good) + len(bad) == len(counted)
    assert all(b.detail and b.where.startswith(str(path)) for b in bad)
