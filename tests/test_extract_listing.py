"""Listing pages read into per-article entries, on small hand-made pages of each shape."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from parsel import Selector

from harvester.extract.listing import ListingEntry, is_listing, journal_of_citation, listing_entries, title_like

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "listings"
ROOT = Path(__file__).resolve().parents[1]
PAGE_URL = "https://site.test/listing/page"
OJS = "https://journals.example.org/russian-history/article/view/"
PUBLISHER = "https://publisher.example.com/article/10.1007/"


def read(name: str, url: str = PAGE_URL) -> list[ListingEntry]:
    return listing_entries(Selector(text=(FIXTURES / name).read_text(encoding="utf-8")), url)


def selector(name: str) -> Selector:
    return Selector(text=(FIXTURES / name).read_text(encoding="utf-8"))


# What a careful reader finds on each fixture page, entry by entry, in page order.
EXPECTED = {
    "ojs3_issue_toc.html": [
        {"url": OJS + "23001", "title": "Editorial", "authors": ["Petrov P.P."],
         "citation": "RUDN Journal of Russian History. 2020;19(2):285-291", "pages": "285-291"},
        {"url": OJS + "23002", "title": "The Moscow Rus and the Crimean Khanate in the Sixteenth Century",
         "authors": ["Sinitsyn F.L.", "Ivanova M.A."],
         "citation": "RUDN Journal of Russian History. 2020;19(2):292-297", "pages": "292-297"},
        {"url": OJS + "23003", "title": "Peasant Petitions to the Provincial Governors, 1861-1905",
         "authors": ["Kuznetsova O.V."], "citation": "RUDN Journal of Russian History. 2020;19(2):298-310",
         "pages": "298-310"},
    ],
    "aggregator_journal_page.html": [
        {"url": "https://site.test/view/paper/2204518", "title": "Seasonal Dynamics of Seagrass Meadows in a Temperate Lagoon",
         "authors": ["Smith, John", "Doe, Jane"], "citation": "Vol.12, No. 3", "date": "2024-09-30"},
        {"url": "https://site.test/view/paper/2204514", "title": "Microplastic Loads in Beach Sediments after Winter Storms",
         "authors": ["Nguyen T.H.", "Garcia, Maria"], "citation": "Vol.12, No. 3", "date": "2024-09-12"},
        {"url": "https://site.test/view/paper/2204502", "title": "Kelp Forest Recovery after Sea Urchin Removal",
         "authors": [], "citation": "Vol.12, No. 2", "date": "2024-06-01"},
    ],
    "aggregator_article_latest.html": [
        {"url": "https://site.test/view/paper/1012412", "authors": [], "citation": None,
         "title": "Exploring Possibilities of Colonization of Pacific Northwest by Russia, Great Britain and Spain in the 18th Century"},
        {"url": "https://site.test/view/paper/1012411",
         "title": "“Friendly Relations” of Great Rulers Stefan III of Moldavia and Ivan III of Moscow"},
        {"url": "https://site.test/view/paper/1012410",
         "title": "Role of Moscow Agricultural Academy in Formation and Development of Soviet Agricultural Science"},
    ],
    "dspace_browse_table.html": [
        {"url": "https://site.test/handle/11449/123975", "title": "Efeitos da equação de estado em hidrodinâmica relativística",
         "authors": ["Dudek, Danuce Marcele"], "citation": None, "date": "2014"},
        {"url": "https://site.test/handle/11449/123001", "title": "Estudo de colisões de íons pesados em altas energias",
         "authors": ["Silva, Ana", "Souza, Bruno"], "date": "2013-11-05"},
        {"url": "https://site.test/handle/11449/122950", "title": "Campos quânticos em espaços curvos",
         "authors": ["Lima, Carlos"], "date": "2013"},
    ],
    "search_results_snippets.html": [
        {"url": "https://site.test/record/4411", "title": "Measurement of Muon Neutrino Disappearance with an Off-Axis Beam",
         "authors": ["Dealtry, Thomas", "Wascko, Morgan"], "citation": None,
         "abstract": "… we report a precision measurement of neutrino oscillation parameters using the off-axis near detector …"},
        {"url": "https://site.test/record/4398", "title": "Electron Neutrino Appearance in the Far Detector",
         "authors": ["Ieki, Kei"],
         "abstract": "Observation of muon to electron neutrino oscillation with a significance of more than seven sigma …"},
        {"url": "https://site.test/record/4350", "title": "Flux Predictions for a Long Baseline Experiment",
         "authors": ["Galymov, Vyacheslav"]},
    ],
    "publisher_toc_sections.html": [
        {"url": PUBLISHER + "s10924-010-0192-1", "title": "Biodegradation of Starch-Based Films in Compost and Soil",
         "authors": ["Maria Rossi", "Paolo Bianchi", "Anna Verdi"], "citation": "J Polym Environ (2010) 18:1–9"},
        {"url": PUBLISHER + "s10924-010-0201-4", "title": "Thermal Stability of Lignin Blends with Poly(lactic acid)",
         "authors": ["Kenji Tanaka"], "citation": "J Polym Environ (2010) 18:10–22"},
        {"url": PUBLISHER + "s10924-010-0188-x", "title": "Bioplastics in Packaging: A Review of Life Cycle Assessments",
         "authors": ["Laura Gómez", "Jan Novak"], "citation": "J Polym Environ (2010) 18:23–41"},
    ],
    # Links carrying codes: the title is printed beside them (a table column, a classed span).
    "proceedings_codes_table.html": [
        {"url": "https://site.test/docs/thesis/101", "title": "Calibration of the Electromagnetic Calorimeter with Cosmic Muons",
         "authors": ["Ana Lopes"], "date": "2012-03-28"},
        {"url": "https://site.test/docs/thesis/102", "title": "Beam Monitoring", "authors": ["Ben Carter"]},
        {"url": "https://site.test/docs/thesis/103", "title": "Search for Sterile Neutrinos at the Near Detector",
         "authors": ["Chen Wei"]},
        {"url": "https://site.test/listing/contribution?id=55/001", "title": "Foreword", "authors": ["H. Weber"]},
        {"url": "https://site.test/listing/contribution?id=55/002", "title": "Lattice Results for Heavy Quark Masses",
         "authors": ["A. Rossi", "B. Klein", "C. Ortega"]},
        {"url": "https://site.test/listing/contribution?id=55/003", "title": "Algorithms for Chiral Fermions on Large Volumes",
         "authors": ["D. Novak"]},
    ],
    # A list trimmed to one result, entries not wrapped in any item element.
    "single_result_flat.html": [
        {"url": "https://site.test/exp/theses/phd-73",
         "title": "Two-particle Correlations of Identified Particles in Heavy Ion Collisions", "authors": ["Prabha Rai"]},
    ],
    # An article page: its reference list, in-text link and 'Most read' sidebar are no entries.
    "article_with_references.html": [],
}


@pytest.mark.parametrize("fixture", sorted(EXPECTED))
def test_entry_urls_in_page_order(fixture):
    found = [entry.url for entry in read(fixture)]
    assert found == [want["url"] for want in EXPECTED[fixture]], f"{fixture}: entry URLs"


@pytest.mark.parametrize("fixture", sorted(name for name, entries in EXPECTED.items() if entries))
def test_entry_fields(fixture):
    entries = read(fixture)
    for index, (entry, want) in enumerate(zip(entries, EXPECTED[fixture])):
        for name, value in want.items():
            assert getattr(entry, name) == value, f"{fixture}: entry {index} {name}"


@pytest.mark.parametrize("fixture, expected", [
    ("ojs3_issue_toc.html", True),
    ("aggregator_journal_page.html", True),
    ("aggregator_article_latest.html", True),
    ("dspace_browse_table.html", True),
    ("search_results_snippets.html", True),
    ("publisher_toc_sections.html", True),
    ("proceedings_codes_table.html", True),
    ("single_result_flat.html", False),  # one lone entry is no list
    ("article_with_references.html", False),
])
def test_is_listing(fixture, expected):
    assert is_listing(selector(fixture), PAGE_URL) is expected, f"{fixture}: is_listing"


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
    assert {name: row["count"] for name, row in rows.items()} == {name: len(e) for name, e in EXPECTED.items()}
    assert rows["ojs3_issue_toc.html"]["entries"][1]["pages"] == "292-297"


@pytest.mark.parametrize("entry, describes", [
    (ListingEntry("http://h/a/1", "Only a linked title"), False),
    (ListingEntry("http://h/a/1", "Title", authors=["Smith J."]), True),
    (ListingEntry("http://h/a/1", "Title", citation="J Tests. 2024;3(1):1-9"), True),
    (ListingEntry("http://h/a/1", "Title", pages="1-9"), True),
])
def test_entry_describes_an_article_only_with_more_than_a_title(entry, describes):
    assert entry.describes_article is describes
