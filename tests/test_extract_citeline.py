"""The page's own visible citation line (ACS, Taylor & Francis, eLife, Annual Reviews, Atypon shapes)."""

from __future__ import annotations

from pathlib import Path

import pytest

from harvester.extract.article import ArticlePage
from harvester.extract.citeline import citation_line_candidate, is_abbreviated, read_citation_text, reads_as_prose
from harvester.extract.document import parse_html

FIXTURES = Path(__file__).parent / "fixtures" / "publisher"


def citeline_of(name: str) -> dict:
    return citation_line_candidate(parse_html((FIXTURES / name).read_text(encoding="utf-8"))).values


# --- one line at a time ---------------------------------------------------------------------

@pytest.mark.parametrize("line, expected", [
    # ACS 'Cite This' line, commas styled in or printed
    ("Exam. Lett. 2016, 12, 9, 5120–5128",
     {"journal": "Exam. Lett.", "volume": "12", "issue": "9", "first_page": "5120", "last_page": "5128",
      "date": "2016"}),
    ("Chem. Lett. 2015 44 7 812-815",
     {"journal": "Chem. Lett.", "volume": "44", "issue": "7", "first_page": "812", "last_page": "815",
      "date": "2015"}),
    # ACS line without an issue: an article number
    ("J. Exam. Phys. 2019, 150, 124101",
     {"journal": "J. Exam. Phys.", "volume": "150", "first_page": "124101", "date": "2019"}),
    # Taylor & Francis issue heading and its page range on their own
    ("Volume 98, 2014 - Issue 5-7: Special Issue: In Honour of a Chemist",
     {"volume": "98", "issue": "5-7", "date": "2014"}),
    ("Pages 1201-1209", {"first_page": "1201", "last_page": "1209"}),
    ("Article: 1204567", {"first_page": "1204567"}),
    # Taylor & Francis 'cite this article' tail: volume:issue, then the pages
    ("Cogent Example Studies, 3:1, 1204567",
     {"journal": "Cogent Example Studies", "volume": "3", "issue": "1", "first_page": "1204567"}),
    ("Example Physics, 98:5-7, 1201-1209",
     {"journal": "Example Physics", "volume": "98", "issue": "5-7", "first_page": "1201",
      "last_page": "1209"}),
    # Annual Reviews
    ("Vol. 12:101-125 (Volume publication date June 2020)",
     {"volume": "12", "first_page": "101", "last_page": "125", "date": "June 2020"}),
    # eLife: an eLocation id, no issue
    ("Cite this article as: eLife 2020;9:e51234",
     {"journal": "eLife", "volume": "9", "first_page": "e51234", "date": "2020"}),
    # Atypon issue information, with and without the journal's name
    ("Annals of Example Medicine, Volume 174, Number 7",
     {"journal": "Annals of Example Medicine", "volume": "174", "issue": "7"}),
    ("14 May 2021 Volume 174, Issue 5", {"volume": "174", "issue": "5", "date": "14 May 2021"}),
    # ScienceDirect: no issue, and a month is no journal
    ("Volume 152, August 2022, Pages 310-318",
     {"volume": "152", "first_page": "310", "last_page": "318", "date": "August 2022"}),
    ("February 1981, Volume 41, Issue 2, pp 33–58",
     {"volume": "41", "issue": "2", "first_page": "33", "last_page": "58", "date": "February 1981"}),
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
    ("Volume 5, Pages 1201-1209", {"volume": "5", "first_page": "1201", "last_page": "1209"}),
    # not citation lines
    ("Cite This: ACS Photonics 2019 XXXX XXX XXX-XXX", {}),
    ("EndNote 8 (xml)", {}),
    ("Current issue: Vol 5 No 2", {}),
    ("Original Research 7 April 2020", {}),
    ("Download citation", {}),
    # a preprint's dateline: a year is no volume, a version no issue
    ("[Submitted on 3 Mar 2022 (v1), last revised 1 Apr 2022 (this version, v3)]", {}),
    ("Chapter 5 (pp. 112-130)", {"first_page": "112", "last_page": "130"}),
])
def test_read_citation_text(line, expected):
    assert read_citation_text(line) == expected, line


@pytest.mark.parametrize("text, prose", [
    ("Volume 12, Issue 3, pages 45-67", False),
    ("Example Journal of the Society for History and Theory, Vol. 4, No. 2", False),
    ("Tome 12, numéro 3, juillet-septembre 2020, p. 45-67", False),  # lower-case months and labels
    ("Вестник примерного университета. Серия: История. 2020. Т. 19. № 2. С. 292–297", False),
    ("[Submitted on 3 Mar 2022 (v1), last revised 1 Apr 2022 (this version, v3)]", False),  # numbers outweigh
    ("It came out in Example Letters, Volume 4, Issue 2 this spring and was widely read by others.", True),
    ("Rivers are warmer than in the 1990s, says a study in Example Water Letters, Volume 21, Issue 6.", True),
    ("Warm rivers. The team read records from gauges.", True),  # a sentence ends, another begins
])
def test_reads_as_prose(text, prose):
    assert reads_as_prose(text) is prose, text


@pytest.mark.parametrize("name, abbreviated", [
    ("Exam. Lett.", True), ("J. Exam. Phys.", True), ("Phys. Rev. Lett.", True),
    ("Example Physics", False), ("Example Journal of Russian History.", False), ("Science.", False),
])
def test_is_abbreviated(name, abbreviated):
    assert is_abbreviated(name) is abbreviated, name


# --- fixture pages --------------------------------------------------------------------------
# (each page's citation-line fields, and that nothing else is filled: tests/fixtures/publisher/*.json,
# candidate 'citeline')

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


def test_prose_near_the_title_states_no_numbers():
    html = (FIXTURES / "news_story.html").read_text(encoding="utf-8")
    merged = ArticlePage(parse_html(html), "https://example.org/news/rivers").merged
    for field in ("volume", "issue", "journal_title"):
        assert field not in merged.values, f"news_story.html: {field} is {merged.values.get(field)!r}"
    assert merged.provenance.get("publication_date") != "citeline", "news_story.html: publication_date from prose"


def test_declared_metadata_beats_the_visible_line():
    meta = '<meta name="citation_volume" content="8"><meta name="citation_firstpage" content="11">'
    merged = ArticlePage(parse_html(CITED_PAGE.format(meta=meta)), "https://example.org/a/1").merged
    assert (merged.values["volume"], merged.provenance["volume"]) == ("8", "citation"), "volume"
    assert merged.values["first_page"] == "11" and "last_page" not in merged.values, "pages come as one pair"
