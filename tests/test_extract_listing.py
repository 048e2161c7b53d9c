"""Listing pages read into per-article entries, on small hand-made pages of each shape.

The pages' expected entries are in tests/fixtures/listings/*.json (checked by test_extract_pages.py)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from parsel import Selector

from harvester.discovery.listing import ListingEntry, journal_of_citation, listing_entries, title_like

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "listings"
ROOT = Path(__file__).resolve().parents[1]
PAGE_URL = "https://site.test/listing/page"


def read(name: str, url: str = PAGE_URL) -> list[ListingEntry]:
    return listing_entries(Selector(text=(FIXTURES / name).read_text(encoding="utf-8")), url)


# What a careful reader finds on each fixture page, entry by entry, in page order, and whether the page is a
# listing at all: tests/fixtures/listings/*.json (checked by test_extract_pages.py).


def expected_entries() -> dict[str, list[dict]]:
    """The entries each fixture page's JSON file expects, by page name."""
    return {path.with_suffix(".html").name: json.loads(path.read_text(encoding="utf-8"))["listing"]["entries"]
            for path in sorted(FIXTURES.glob("*.json"))}


def test_ojs_entry_candidate_reads_citation_line():
    entry = read("ojs3_issue_toc.html")[1]
    values = entry.candidate().values
    assert entry.candidate().source == "listing"
    assert values["journal_title"] == "RUDN Journal of Russian History", "ojs3_issue_toc.html: journal_title"
    assert (values["volume"], values["issue"]) == ("19", "2"), "ojs3_issue_toc.html: volume/issue"
    assert (values["first_page"], values["last_page"]) == ("292", "297"), "ojs3_issue_toc.html: pages"
    assert values["publication_date"] == "2020", "ojs3_issue_toc.html: publication_date"
    assert values["authors"] == [{"name": "Sinitsyn F.L.", "affiliations": [], "orcid": None},
                                 {"name": "Ivanova M.A.", "affiliations": [], "orcid": None}]


@pytest.mark.parametrize("entry, expected", [
    (ListingEntry("u", "A title here", pages="292-297"), {"title": "A title here", "pages": "292-297"}),
    (ListingEntry("u", "A title here", date="2014", abstract="Short text of it."),
     {"title": "A title here", "publication_date": "2014", "abstract": "Short text of it."}),
    (ListingEntry("u", "A title here", citation="Vol.12, No. 3", date="2024-09-30"),
     {"title": "A title here", "volume": "12", "issue": "3", "publication_date": "2024-09-30"}),
    (ListingEntry("u", "A title here", citation="J Polym Environ (2010) 18:1–9"),
     {"title": "A title here", "journal_title": "J Polym Environ", "volume": "18", "first_page": "1",
      "last_page": "9", "publication_date": "2010"}),
])
def test_candidate_values(entry, expected):
    assert entry.candidate().values == expected


@pytest.mark.parametrize("citation, journal", [
    ("RUDN Journal of Russian History. 2020;19(2):292-297", "RUDN Journal of Russian History"),
    ("J Polym Environ (2010) 18:1–9", "J Polym Environ"),
    ("Journal of Physics: Conference Series, 1234(1), 012001", "Journal of Physics: Conference Series"),
    ("eLife 2019;8:e44753", "eLife"),
    ("Vol.12, No. 3", None),
    ("Vol. 24, No. 4 (2025)", None),
    (None, None),
])
def test_journal_of_citation(citation, journal):
    assert journal_of_citation(citation) == journal


@pytest.mark.parametrize("text, expected", [
    ("Soviet Defectors in Germany after World War II", True),
    ("Ken Wilson Obituary", True),
    ("PDF (Русский)", False),
    ("Full Text (HTML)", False),
    ("Download PDF", False),
    ("Abstract / FREE Full Text", False),
    ("Next page »", False),
    ("Read more", False),
    ("[Clear search options]", False),
    ("» View all Most Read articles", False),
    ("Vol 19, No 2 (2020)", False),
    ("April 18, 2019 (version 1)", False),
    ("Google Scholar", False),
    ("https://doi.org/10.1000/xyz", False),
    ("Editorial", False),
])
def test_title_like(text, expected):
    assert title_like(text) is expected


def test_article_in_two_lists_is_one_entry_at_its_first_place():
    html = """<html><body><main>
    <h2>Most read</h2>
    <ol class="most-read">
      <li><a href="/article/view/3">A Featured Study of Coastal Erosion</a></li>
      <li><a href="/article/view/7">Older Work on Dune Vegetation Patterns</a></li>
    </ol>
    <h2>In this issue</h2>
    <ol class="toc">
      <li><a href="/article/view/1">The First Article of the Issue</a></li>
      <li><a href="/article/view/2">The Second Article of the Issue</a></li>
      <li><a href="/article/view/3">A Featured Study of Coastal Erosion</a></li>
    </ol></main></body></html>"""
    urls = [entry.url for entry in listing_entries(Selector(text=html), "http://h.test/issue/view/9")]
    assert urls == ["http://h.test/article/view/3", "http://h.test/article/view/7",
                    "http://h.test/article/view/1", "http://h.test/article/view/2"]


def test_link_repeated_in_every_item_is_a_type_not_an_entry():
    html = """<html><body><ol class="listing">""" + "".join(
        f"""<li><h3><a href="/articles/{n}">Neural Circuits of Larval Behaviour Number {n}</a></h3>
        <a class="meta__type" href="/articles/research-article">Research Article</a></li>""" for n in (11, 12, 13)
    ) + "</ol></body></html>"
    urls = [entry.url for entry in listing_entries(Selector(text=html), "http://h.test/subjects/neuro")]
    assert urls == ["http://h.test/articles/11", "http://h.test/articles/12", "http://h.test/articles/13"]


def test_lists_of_journals_issues_and_category_links_are_not_entries():
    html = """<html><body><main>
    <ul><li><a href="/journal/coastal-ecology">Coastal Ecology Letters Journal</a></li>
        <li><a href="/journal/russian-history">RUDN Journal of Russian History</a></li>
        <li><a href="/journal/polymers">Journal of Polymers and the Environment</a></li></ul>
    <ul><li><a href="/index.php/j/issue/view/12">Vol 19, No 2 (2020)</a></li>
        <li><a href="/index.php/j/issue/view/11">Vol 19, No 1 (2020)</a></li>
        <li><a href="/index.php/j/issue/view/10">Vol 18, No 4 (2019)</a></li></ul>
    </main></body></html>"""
    assert listing_entries(Selector(text=html), "http://h.test/") == []


def test_lone_link_needs_title_markup():
    html = """<html><body><div id="main"><h1><a href="/exp/">The Experiment Collaboration Pages</a></h1>
    <p>See also <a href="/exp/about-the-detector-hall">the detector hall and its many instruments</a>.</p>
    </div></body></html>"""
    assert listing_entries(Selector(text=html), "http://h.test/exp/theses") == []


def test_scrapy_listings_command_prints_counts_and_writes_json(tmp_path):
    out = tmp_path / "entries.json"
    proc = subprocess.run([sys.executable, "-m", "scrapy", "listings", str(FIXTURES), "--json", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "ojs3_issue_toc.html: 3 entries" in proc.stdout
    assert "    The Moscow Rus and the Crimean Khanate in the Sixteenth Century" in proc.stdout
    rows = {row["file"]: row for row in json.loads(out.read_text(encoding="utf-8"))}
    expected = expected_entries()
    assert len(expected) == 9, "listings/*.json"
    assert {name: row["count"] for name, row in rows.items()} == {name: len(e) for name, e in expected.items()}
    assert rows["ojs3_issue_toc.html"]["entries"][1]["pages"] == "292-297"


@pytest.mark.parametrize("entry, describes", [
    (ListingEntry("http://h/a/1", "Only a linked title"), False),
    (ListingEntry("http://h/a/1", "Title", authors=["Smith J."]), True),
    (ListingEntry("http://h/a/1", "Title", citation="J Tests. 2024;3(1):1-9"), True),
    (ListingEntry("http://h/a/1", "Title", pages="1-9"), True),
])
def test_entry_describes_an_article_only_with_more_than_a_title(entry, describes):
    assert entry.describes_article is describes
