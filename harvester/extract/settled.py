"""Which fields a page's embedded metadata settles: no visible-text source could change them.

Reading the visible text (the walk over the main content and the sources built on its lines)
costs most of a page's extraction. Embedded metadata (``citation_*``, Dublin Core, JSON-LD, ...)
outranks every visible-text source for most fields (``merge.PRECEDENCE``), so once it gives a
field in a form the merge rules never let a lower-ranked source replace or refine, the text
sources are not needed for that field. ``open_fields`` names the fields still open; a text
source is built only when it can give one of them.

What counts as final, per field, follows the merge rules:

- a winner ranked after a text source for its field is never final (a ``DC.Subject`` keyword
  list yields to labelled keywords);
- a date is final only when it states the day and is not a 1st of January (rule 3 lets a
  more precise or a same-year date replace it otherwise);
- a DOI is final unless the page writes it followed by a part's number (rule for part DOIs);
- authors are final when declared metadata (``citation_*`` and its cousins) names them all,
  each with an affiliation and, where the page links ORCID iDs, an ORCID (a byline could add
  no detail), and the page shows their family names in the declared order (a byline would not
  reorder them). Rule 5, a byline naming more people than the declaration, is not consulted
  for such a list: one of the two narrowings of the rules here;
- an abstract is final when it is not marked as cut short and ends a sentence. Rule 6 also
  completes the first part of a structured abstract that ends a sentence: the other narrowing;
- ``related`` and ``last_modified`` come from labels alone: they are open only when the page's
  text holds one of their labels (or labels are read for another field anyway).

Fields no text source can give on the page (ISSN, publisher, unless the page holds a 'dc.*'
record table) are never open.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import Any, Iterable

from harvester import vocabulary
from harvester.extract.base import FIELDS, Candidate
from harvester.extract.merge import DECLARED, PRECEDENCE, TRUNCATION, Merged, family_word, name_words
from harvester.normalize import date_precision, normalize_doi, parse_date
from harvester.normalize.identifiers import DOI_SUFFIX_BOUNDARY

#: Field names as ``merge.PRECEDENCE`` has them (the page pair is "pages").
ALL_FIELDS = frozenset(name for name in FIELDS if name not in ("first_page", "last_page")) | {"pages"}

#: Fields read from labels alone; each is open only when the page shows one of its labels.
LABEL_ONLY = ("related", "last_modified")

#: Sources whose complete author list (affiliations, ORCIDs) is taken as final: the article's own declaration.
FINAL_AUTHORS = frozenset(DECLARED)

_SENTENCE_END = re.compile(r"[.!?。．！？)\]\"'”’»]\s*$")
# Matched against lower-cased text without re.I, which is several times slower over a whole page.
_LABEL_ONLY_PATTERN = re.compile("|".join(vocabulary.label_pattern(kind) for kind in LABEL_ONLY).lower())


class PageHints:
    """Cheap facts about the page that bound what its visible text can give, each found on first use."""

    def __init__(self, root: Any):
        self.root = root

    @cached_property
    def orcid_links(self) -> bool:
        """The page links to an ORCID iD (a byline may then give one)."""
        return bool(self.root.xpath("boolean(//a[contains(@href, 'orcid.org')])"))

    @cached_property
    def searchable(self) -> str:
        """The page's whole text and link targets, lower-cased."""
        return f"{self.root.xpath('string()')} {' '.join(self.root.xpath('//a/@href'))}".lower()

    @cached_property
    def shown(self) -> str:
        """The body's text without scripts and styles, case-folded as ``merge.name_words`` folds names."""
        return " ".join(self.root.xpath("//body//text()[not(ancestor::script or ancestor::style)]")).casefold()

    def shows_in_order(self, words: list[str]) -> bool:
        """Each word is shown in the body, first occurrences in the order given (a byline would not reorder them)."""
        places = [self.shown.find(word) if word else -1 for word in words]
        return -1 not in places and places == sorted(places)

    def shows_label_only_fields(self) -> bool:
        """The page's text holds a label of a field only labels give."""
        return bool(_LABEL_ONLY_PATTERN.search(self.searchable))

    def extends_doi(self, doi: str) -> bool:
        """The page writes ``doi`` followed by a part's number (a chapter of that book, a paper of that volume)."""
        boundary = re.escape("".join(sorted(DOI_SUFFIX_BOUNDARY)))
        return re.search(f"{re.escape(doi.lower())}[{boundary}][1-9]", self.searchable) is not None


def open_fields(merged: Merged, candidates: Iterable[Candidate], text_sources: dict[str, frozenset[str]],
                hints: PageHints) -> set[str]:
    """Fields the visible-text sources (``text_sources``: name -> fields it can give) could still give or
    change, given ``merged`` from the embedded sources' ``candidates`` and the page's ``hints``."""
    names, readable = tuple(text_sources), frozenset().union(*text_sources.values())
    given = {c.source: c for c in candidates if c}
    open_ = {name for name in readable - set(LABEL_ONLY) if not _settled(name, merged, given, names, hints)}
    # Labels read for another field give these too; otherwise only a page showing their labels needs them.
    if open_ & text_sources.get("labels", frozenset()) or hints.shows_label_only_fields():
        open_.update(LABEL_ONLY)
    return open_


def _settled(name: str, merged: Merged, given: dict[str, Candidate], text_sources: tuple[str, ...],
             hints: PageHints) -> bool:
    key = "first_page" if name == "pages" else name
    if name == "language":
        return _declared_ahead(name, given, text_sources)
    winner = merged.provenance.get(key)
    if winner is None or not _ahead_of_text(name, winner, text_sources):
        return False
    check = _FINAL.get(name)
    return check is None or check(merged.values[key], winner, hints)


def _ahead_of_text(name: str, source: str, text_sources: tuple[str, ...]) -> bool:
    """``source`` ranks before every text source in the field's precedence (unranked ones come last)."""
    order = PRECEDENCE.get(name, ())
    if source not in order:
        return False
    rank = order.index(source)
    return all(text not in order or order.index(text) > rank for text in text_sources)


def _declared_ahead(name: str, given: dict[str, Candidate], text_sources: tuple[str, ...]) -> bool:
    """Some embedded source ranked ahead of the text sources states the field (the language case:
    ``settle_language`` may then replace it, but only from title and abstract)."""
    return any(c.get(name) and _ahead_of_text(name, source, text_sources) for source, c in given.items())


def _final_date(raw: Any, source: str, hints: PageHints) -> bool:
    iso = parse_date(raw)
    return bool(iso) and date_precision(iso) == 3 and not iso[:10].endswith("-01-01")


def _final_doi(raw: Any, source: str, hints: PageHints) -> bool:
    """Rule for DOIs: another source's DOI that extends this one with a part's number replaces it."""
    doi = normalize_doi(raw)
    return doi is not None and not hints.extends_doi(doi)


def _final_authors(authors: Any, source: str, hints: PageHints) -> bool:
    """Declared authors, each with an affiliation and, when the page links ORCID iDs, an ORCID (rule 5's
    details); a byline could add nothing to them."""
    if source not in FINAL_AUTHORS or not isinstance(authors, list) or not authors:
        return False
    people = [a for a in authors if isinstance(a, dict)]
    return (len(people) == len(authors)
            and all(a.get("affiliations") and (a.get("orcid") or not hints.orcid_links) for a in people)
            and hints.shows_in_order([family_word(name_words(a.get("name", ""))) for a in people]))


def _final_abstract(text: Any, source: str, hints: PageHints) -> bool:
    text = str(text)
    return not TRUNCATION.search(text) and bool(_SENTENCE_END.search(text))


_FINAL = {"doi": _final_doi, "publication_date": _final_date, "authors": _final_authors, "abstract": _final_abstract}
