"""Labelled visible text ('Pages: 632-642', <dt>DOI</dt>, OJS item labels) read into one candidate.

The labelled lines of the main content give most fields (``labelled.reader``).  Fields no label
gives are then looked for in shapes that carry no labels, each a fallback: a repository's record
table (``labelled.dspace``); a byline and an issue line heading the article, or closing it
(``labelled.byline_shapes``), with the journal's name from <title> or a masthead
(``labelled.periodical``); an APA-style citation under a 'How to cite' label (``labelled.apa``);
in the article's region, a list after a keywords label (``labelled.keyword_lists``) and a block
classed as the abstract (``labelled.abstract_blocks``).

A 'Scientific Abstract' beats a plain 'Abstract' (then a lay summary); lay and popular
summaries end an abstract and are never one.  The issue's year becomes ``publication_date`` only
when no date label is found.
"""

from __future__ import annotations

from typing import Any

from parsel import Selector

from harvester.extract.base import Candidate
from harvester.extract.labelled.abstract_blocks import abstract_block
from harvester.extract.labelled.apa import parse_citation
from harvester.extract.labelled.byline_shapes import header_shapes, under_prominent_title, under_title
from harvester.extract.labelled.dspace import record_rows, take_record_rows
from harvester.extract.labelled.keyword_lists import keyword_list, without_section_names
from harvester.extract.labelled.line_labels import labelled_lines
from harvester.extract.labelled.periodical import masthead_periodical, site_periodical
from harvester.extract.labelled.reader import read_labelled
from harvester.extract.labelled.region import article_region
from harvester.extract.labelled.values import put
from harvester.extract.visible import Line, PageText, page_text
from harvester.normalize.language import is_cjk_text


def labelled_text_candidate(page: Selector | PageText, url: str) -> Candidate:
    """Raw field values read from labelled visible text of the page's main content.

    Then, for fields no label gave: 'dc.*' record rows, a byline and issue line, an APA-style
    citation of the article; in the main content widened to hold the title heading, a keyword
    list after a label and a block classed as the abstract.
    """
    text = page_text(page)
    labelled = labelled_lines(text.lines, text.reference_flags)
    found = read_labelled(text.lines, labelled, url)
    take_record_rows(found, record_rows(text.selector))
    header_shapes(text.lines, labelled, found)
    for name, value in parse_citation(found.get("_citation", "")).items():
        put(found, name, value)
    _authors_under_title(text.lines, labelled, found)
    _journal_beside_numbering(text, found)
    _choose_abstract(text.lines, found)
    _from_article_markup(text, found)
    return _candidate(found)


def _authors_under_title(lines: list[Line], labelled: list, found: dict[str, Any]) -> None:
    """Authors from an unprefixed byline under the first heading, else under a bold title (which it gives too)."""
    if "_authors" not in found and (under := under_title(lines, labelled)):
        put(found, "_authors", under[1])
    if "_authors" not in found and (titled := under_prominent_title(lines, labelled)):
        put(found, "title", titled[0])
        put(found, "_authors", titled[1])


def _journal_beside_numbering(text: PageText, found: dict[str, Any]) -> None:
    """With a volume or issue and no journal: the periodical <title> or a masthead line names."""
    if ("volume" in found or "issue" in found) and "journal_title" not in found:
        masthead = masthead_periodical(text.lines, found.get("title"))
        put(found, "journal_title", site_periodical(text.selector, text.lines) or masthead)


def _choose_abstract(lines: list[Line], found: dict[str, Any]) -> None:
    """The scientific abstract over a plain one; of several, the one in the title's CJK script."""
    if "_scientific_abstract" in found:
        found["abstract"] = found["_scientific_abstract"]
    elif "_more_abstracts" in found and "abstract" in found:
        title = found.get("title") or next((line.text for line in lines if line.heading), "")
        found["abstract"] = _in_title_script(found["abstract"], found["_more_abstracts"], title)


def _in_title_script(abstract: str, others: list[str], title: str) -> str:
    """The abstract a Chinese (Japanese, Korean) title's page gives in that script, before an English parallel one."""
    if not is_cjk_text(title) or is_cjk_text(abstract):
        return abstract
    return next((other for other in others if other and is_cjk_text(other)), abstract)


def _from_article_markup(text: PageText, found: dict[str, Any]) -> None:
    """Keywords and abstract no label gave, from markup in the article's region."""
    if "keywords" in found and "abstract" in found:
        return
    region, title = article_region(text)
    if "keywords" not in found:
        put(found, "keywords", without_section_names(keyword_list(region)))
    if "abstract" not in found:
        put(found, "abstract", abstract_block(text.selector, region, title))


def _candidate(found: dict[str, Any]) -> Candidate:
    candidate = Candidate("labels")
    for name, value in found.items():
        if not name.startswith("_"):
            candidate.set(name, value)
    candidate.set("authors", _authors(found))
    candidate.set("publication_date", found.get("_issue_date"))
    return candidate


def _authors(found: dict[str, Any]) -> list[dict[str, Any]]:
    """Authors with affiliations attached by position when the two lists have the same length."""
    names, affiliations = found.get("_authors", []), found.get("_affiliations", [])
    paired = len(affiliations) == len(names)
    return [
        {"name": name, "affiliations": [affiliations[i]] if paired else [], "orcid": None}
        for i, name in enumerate(names)
    ]
