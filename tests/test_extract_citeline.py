"""The page's own visible citation line (ACS, Taylor & Francis, eLife, Annual Reviews, Atypon shapes)."""

from __future__ import annotations

from pathlib import Path

import pytest

from harvester.extract.article import ArticlePage
from harvester.extract.citeline import citation_line_candidate, is_abbreviated, read_citation_text
from harvester.extract.document import parse_html

FIXTURES = Path(__file__).parent / "fixtures" / "publisher"


def citeline_of(name: str) -> dict:
    return citation_line_candidate(parse_html((FIXTURES / name).read_text(encoding="utf-8"))).values


# --- one line at a time ---------------------------------------------------------------------

@pytest.mark.parametrize("line, expected", [
    # ACS 'Cite This' line, commas styled in or printed
    ("Nano Lett. 2011, 11, 11, 4932–4938",
     {"journal": "Nano Lett.", "volume": "11", "issue": "11", "first_page": "4932", "last_page": "4938",
      "date": "2011"}),
    ("Chem. Lett. 2015 44 7 812-815",
     {"journal": "Chem. Lett.", "volume": "44", "issue": "7", "first_page": "812", "last_page": "815",
      "date": "2015"}),
    # ACS line without an issue: an article number
    ("J. Chem. Phys. 2019, 150, 124101",
     {"journal": "J. Chem. Phys.", "volume": "150", "first_page": "124101", "date": "2019"}),
    # Taylor & Francis issue heading and its page range on their own
    ("Volume 111, 2013 - Issue 9-11: Special Issue: In Honour of a Chemist",
     {"volume": "111", "issue": "9-11", "date": "2013"}),
    ("Pages 1092-1099", {"first_page": "1092", "last_page": "1099"}),
    ("Article: 1117749", {"first_page": "1117749"}),
    # Taylor & Francis 'cite this article' tail: volume:issue, then the pages
    ("Cogent Food & Agriculture, 1:1, 1117749",
     {"journal": "Cogent Food & Agriculture", "volume": "1", "issue": "1", "first_page": "1117749"}),
    ("Molecular Physics, 111:9-11, 1092-1099",
     {"journal": "Molecular Physics", "volume": "111", "issue": "9-11", "first_page": "1092",
      "last_page": "1099"}),
    # Annual Reviews
    ("Vol. 6:15-38 (Volume publication date March 2015)",
     {"volume": "6", "first_page": "15", "last_page": "38", "date": "March 2015"}),
    # eLife: an eLocation id, no issue
    ("Cite this article as: eLife 2019;8:e44753",
     {"journal": "eLife", "volume": "8", "first_page": "e44753", "date": "2019"}),
    # Atypon issue information, with and without the journal's name
    ("Annals of Internal Medicine, Volume 172, Number 7",
     {"journal": "Annals of Internal Medicine", "volume": "172", "issue": "7"}),
    ("7 April 2020 Volume 172, Issue 7", {"volume": "172", "issue": "7", "date": "7 April 2020"}),
    # ScienceDirect: no issue, and a month is no journal
    ("Volume 145, July 2023, Pages 228-237",
     {"volume": "145", "first_page": "228", "last_page": "237", "date": "July 2023"}),
    ("January 1977, Volume 37, Issue 1, pp 1–23",
     {"volume": "37", "issue": "1", "first_page": "1", "last_page": "23", "date": "January 1977"}),
    # Vancouver style, journal named before the year
    ("Example Journal of History. 2020;19(2):292-297",
     {"journal": "Example Journal of History", "volume": "19", "issue": "2", "first_page": "292",
      "last_page": "297", "date": "2020"}),
    # a name running into 'Volume' without a separator may be a section heading, not the journal
    ("Evolutionary Biology Phylogenetics Volume 14", {"volume": "14"}),
    # volume labels in other languages are no journal names
    ("Bd. 12 Nr. 3-4 (2021)", {"volume": "12", "issue": "3-4", "date": "2021"}),
    ("Том 24, № 4 (2025)", {"volume": "24", "issue": "4", "date": "2025"}),
    # a page range is never a year
    ("Volume 5, Pages 1092-1099", {"volume": "5", "first_page": "1092", "last_page": "1099"}),
    # not citation lines
    ("Cite This: ACS Photonics 2019 XXXX XXX XXX-XXX", {}),
    ("EndNote 8 (xml)", {}),
    ("Current issue: Vol 5 No 2", {}),
    ("Original Research 7 April 2020", {}),
    ("Download citation", {}),
])
def test_read_citation_text(line, expected):
    assert read_citation_text(line) == expected, line


@pytest.mark.parametrize("name, abbreviated", [
    ("Nano Lett.", True), ("J. Chem. Phys.", True), ("Phys. Rev. Lett.", True),
    ("Molecular Physics", False), ("Example Journal of Russian History.", False), ("Science.", False),
])
def test_is_abbreviated(name, abbreviated):
    assert is_abbreviated(name) is abbreviated, name


# --- fixture pages --------------------------------------------------------------------------

PAGES = {
    "acs_cite_this.html": {"journal_abbrev": "Chem. Lett.", "volume": "44", "issue": "7", "first_page": "812",
                           "last_page": "815", "publication_date": "2015"},
    "tandf_issue_heading.html": {"journal_title": "Journal of Example Studies", "volume": "42", "issue": "3-4",
                                 "first_page": "201", "last_page": "219", "publication_date": "2019"},
    "tandf_article_number.html": {"journal_title": "Cogent Example Studies", "volume": "3", "issue": "1",
                                  "first_page": "1204567", "publication_date": "2016"},
    "annual_review_details.html": {"journal_title": "Annual Review of Example Physics", "volume": "12",
                                   "first_page": "101", "last_page": "125", "publication_date": "June 2020"},
    "elife_cite_as.html": {"journal_title": "eLife", "volume": "9", "first_page": "e51234",
                           "publication_date": "2020"},
    "atypon_current_issue.html": {"volume": "174", "issue": "5", "first_page": "601", "last_page": "609",
                                  "publication_date": "14 May 2021"},
    "acs_asap.html": {},
    "no_citation_line.html": {},
    # a table of contents: each entry's citation line belongs to its own article
    "toc_citation_lines.html": {},
    "toc_same_issue.html": {},
}
CASES = [(page, field) for page, fields in PAGES.items() for field in sorted(fields)]


@pytest.mark.parametrize("page, field", CASES)
def test_fixture_field(page, field):
    got = citeline_of(page).get(field)
    assert got == PAGES[page][field], f"{page}: {field} is {got!r}"


@pytest.mark.parametrize("page", sorted(PAGES))
def test_fixture_fills_nothing_else(page):
    got = citeline_of(page)
    assert set(got) == set(PAGES[page]), f"{page}: fields {sorted(got)}"


@pytest.mark.parametrize("page, foreign", [
    ("acs_cite_this.html", "138"),        # a 'Cited By' entry's own cite-this line
    ("tandf_issue_heading.html", "50"),   # the sidebar's link to the journal's current issue
    ("tandf_issue_heading.html", "12"),   # a reference's volume
    ("annual_review_details.html", "3"),  # a 'Literature Cited' line of the same shape
    ("atypon_current_issue.html", "180"), # a 'latest issue' box after the article
])
def test_other_works_are_never_read(page, foreign):
    got = citeline_of(page)
    assert foreign not in got.values(), f"{page}: took {foreign!r} from another work's block"


def test_elife_states_no_issue():
    assert "issue" not in citeline_of("elife_cite_as.html"), "elife_cite_as.html: issue"


# --- in the merged record -------------------------------------------------------------------

CITED_PAGE = """<html><head><title>Tides</title>{meta}</head><body><main><h1>Tides</h1>
<div class="issue-info">Journal of Example Studies, Volume 7, Issue 2, Pages 10-20</div>
<p>A page long enough to be its own main content, about tides and the moon and the sea.</p></main></body></html>"""


def test_citeline_fills_what_no_metadata_states():
    page = ArticlePage(parse_html(CITED_PAGE.format(meta="")), "https://example.org/a/1")
    merged = page.merged
    assert (merged.values["volume"], merged.provenance["volume"]) == ("7", "citeline"), "volume"
    assert (merged.values["first_page"], merged.values["last_page"]) == ("10", "20"), "pages"
    assert merged.values["journal_title"] == "Journal of Example Studies", "journal_title"


def test_declared_metadata_beats_the_visible_line():
    meta = '<meta name="citation_volume" content="8"><meta name="citation_firstpage" content="11">'
    merged = ArticlePage(parse_html(CITED_PAGE.format(meta=meta)), "https://example.org/a/1").merged
    assert (merged.values["volume"], merged.provenance["volume"]) == ("8", "citation"), "volume"
    assert merged.values["first_page"] == "11" and "last_page" not in merged.values, "pages come as one pair"
