"""Pick one value per field from the sources' candidates, by documented precedence.

Rules, in the order they apply:

1. Each field has an ordered list of sources (``PRECEDENCE``); sources it does not list rank
   after those it lists, in the order given. Declared, article-specific
   metadata (Highwire ``citation_*`` and its bepress/eprints cousins) beats generic vocabularies
   (Dublin Core, PRISM, JSON-LD), which beat visible labelled text, which beats page-wide guesses
   (the main heading, Open Graph, ``<title>``). The first source with a usable value wins.
2. A value must pass its field's check to be usable (a DOI must look like a DOI; a title must
   not read like a description; names read off visible text must look like names).
3. Dates: a more precise date that agrees with the winner on every part the winner states
   replaces it ("a full date beats a year"); a disagreeing one never does. A winner on the
   1st of January yields to another source's different date in the same year: platforms
   write ``YYYY/01/01`` when they only know the year.
4. Page numbers are taken as a pair from one source.
5. Authors: a later source's list replaces the winner when it is strictly longer and contains
   every winner name, since the winner then was a byline or a truncated list.
6. Abstract: a winner that another source's abstract begins with and goes on from (a meta
   description cut short, or only the first part of a structured abstract, perhaps after a
   leading label) yields to the longer one; so does a winner marked as cut short ("…", "(...)")
   to a longer abstract without such a mark. Open Graph descriptions (teasers) never serve as
   the abstract, and a "completion" far longer than any abstract is text that ran on.
7. Language: the article's own text (title and abstract, when they agree) outweighs a declared
   language when a confident identification disagrees and either an abstract backs it or the
   declaration only repeats the interface locale (a platform default); with nothing declared,
   the identified language is used; with neither, the page's ``<html lang>``, unless the
   text's likeliest language differs.

The result keeps, per field, the name of the winning source (``provenance``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from harvester.extract.base import Candidate
from harvester.extract.validators import plausible_name, plausible_title
from harvester.normalize import (date_precision, guess_language, identify_language, normalize_doi, normalize_language,
                                 parse_date, parse_page_range)
from harvester.normalize.identifiers import is_part_doi
from harvester.normalize.language import cjk_language, is_cjk_text, text_weight

DECLARED = ("citation", "bepress", "eprints")
GENERIC = ("dc", "prism", "jsonld", "microdata", "coins", "bibtex")
DECLARED_OR_GENERIC = frozenset(DECLARED + GENERIC + ("oai_dc", "oai_jats", "oai_marc", "oai_arxiv"))

PRECEDENCE: dict[str, tuple[str, ...]] = {
    "title": (*DECLARED, "dc", "jsonld", "microdata", "prism", "coins", "bibtex", "script", "labels", "heading", "og",
              "title_tag"),
    "authors": (*DECLARED, "jsonld", "microdata", "dc", "bylines", "coins", "bibtex", "script", "labels"),
    "journal_title": (*DECLARED, "prism", "jsonld", "microdata", "dc", "coins", "bibtex", "script", "labels",
                      "citeline"),
    "journal_abbrev": (*DECLARED, "jsonld", "microdata", "coins", "bibtex", "citeline"),
    "issn": (*DECLARED, "prism", "jsonld", "microdata", "dc", "coins", "bibtex"),
    "publisher": (*DECLARED, "dc", "jsonld", "microdata", "prism", "coins", "bibtex"),
    "volume": (*DECLARED, "prism", "jsonld", "microdata", "dc", "coins", "bibtex", "script", "labels", "citeline"),
    "issue": (*DECLARED, "prism", "jsonld", "microdata", "dc", "coins", "bibtex", "script", "labels", "citeline"),
    "pages": (*DECLARED, "prism", "jsonld", "microdata", "dc", "coins", "bibtex", "script", "labels", "citeline"),
    "publication_date": (*DECLARED, "prism", "jsonld", "microdata", "dc", "coins", "bibtex", "script", "labels",
                         "citeline", "og"),
    "keywords": (*DECLARED, "labels", "dc", "jsonld", "microdata", "prism", "script"),
    "abstract": (*DECLARED, "dc", "jsonld", "microdata", "script", "labels", "prism", "bibtex"),
    "language": (*DECLARED, "dc", "jsonld", "microdata", "coins", "bibtex", "script", "labels"),
    "doi": (*DECLARED, "prism", "dc", "jsonld", "microdata", "coins", "bibtex", "script", "labels", "text"),
    "canonical_url": ("page", "og", "jsonld", "microdata", *DECLARED),
    "last_modified": ("labels",),
    "related": ("labels",),
}

#: How sure the identification of a short text (a title) must be.
OVERRIDE_CONFIDENCE = 0.85
#: Sources whose "abstract" is a teaser (og:description), never an abstract on its own.
TEASER_SOURCES = frozenset({"og"})
#: Abstracts longer than this (and six times the text they would complete) are run-on text.
MAX_ABSTRACT_CHARS = 5000

#: Identified languages never taken from text alone: Latin phrases and species names in
#: articles written in other languages read as Latin.
UNTRUSTED_IDENTIFICATIONS = frozenset({"la"})

#: Sources that read the byline the page shows (its order is the authors' order).
VISIBLE_BYLINES = ("bylines", "labels")

#: Sources whose presence alone does not make a page an article.
WEAK_SOURCES = frozenset({"heading", "og", "title_tag", "page", "text", "langid"})


@dataclass
class Merged:
    """The winning raw value of each field and the source it came from."""

    values: dict[str, Any] = field(default_factory=dict)
    provenance: dict[str, str] = field(default_factory=dict)

    def put(self, name: str, value: Any, source: str) -> None:
        self.values[name] = value
        self.provenance[name] = source


def merge(candidates: Iterable[Candidate], lead: tuple[str, ...] = ()) -> Merged:
    """Apply the precedence rules to all candidates of one page (``lead``: sources ranked first for every field)."""
    by_source = {c.source: c for c in candidates if c}
    merged = Merged()
    for name in PRECEDENCE:
        pick = _PICKERS.get(name, _first_usable)
        pick(name, _ordered(name, by_source, lead), merged)
    settle_language(merged, by_source.get("page"))
    return merged


def _ordered(name: str, by_source: dict[str, Candidate], lead: tuple[str, ...] = ()) -> list[tuple[str, Any]]:
    key = "first_page" if name == "pages" else name
    found = []
    ranked = (*lead, *(s for s in PRECEDENCE[name] if s not in lead))
    # Sources a field's list does not rank (an OAI record, a listing entry) come after the ranked ones.
    for source in (*ranked, *(s for s in by_source if s not in ranked)):
        cand = by_source.get(source)
        if cand is not None and (cand.get(key) or (name == "pages" and cand.get("pages"))):
            found.append((source, cand))
    return [(s, c.get(key) if name != "pages" else c) for s, c in found]


def _first_usable(name: str, options: list[tuple[str, Any]], merged: Merged, check: Callable[[Any], bool] = bool) -> None:
    for source, value in options:
        if check(value):
            merged.put(name, value, source)
            return


def _pick_title(name: str, options: list[tuple[str, Any]], merged: Merged) -> None:
    _first_usable(name, options, merged, check=plausible_title)


def _pick_doi(name: str, options: list[tuple[str, Any]], merged: Merged) -> None:
    usable = [(s, v) for s, v in options if normalize_doi(v) is not None]
    if not usable:
        return
    source, value = usable[0]
    # A volume's or book's DOI that another source extends with the paper's number is not the paper's.
    part = next(((s, v) for s, v in usable[1:] if is_part_doi(normalize_doi(value), normalize_doi(v))), None)
    if part:
        source, value = part
    merged.put(name, value, source)


def _pick_date(name: str, options: list[tuple[str, Any]], merged: Merged) -> None:
    parsed = [(s, raw, parse_date(raw)) for s, raw in options]
    usable = [(s, raw, iso) for s, raw, iso in parsed if iso]
    if not usable:
        _first_usable(name, options, merged)  # keep the raw string: nothing is lost
        return
    source, raw, iso = usable[0]
    for other_source, other_raw, other_iso in usable[1:]:
        if _refines(iso, other_iso):
            source, raw, iso = other_source, other_raw, other_iso
    merged.put(name, raw, source)


def _refines(iso: str, other: str) -> bool:
    """``other`` says more than ``iso`` without contradicting it (``2019-01-01`` contradicts nothing in 2019)."""
    if iso.endswith("-01-01") and other[:4] == iso[:4] and date_precision(other) >= 2 and other != iso:
        return True
    return other.startswith(iso) and date_precision(other) > date_precision(iso)


def _pick_pages(name: str, options: list[tuple[str, Any]], merged: Merged) -> None:
    for source, cand in options:
        first, last = cand.get("first_page"), cand.get("last_page")
        if not first and cand.get("pages"):
            first, last = parse_page_range(cand.get("pages"))
        first, last = _split_first_page(first, last)
        if first:
            merged.put("first_page", first, source)
            if last:
                merged.put("last_page", last, source)
            return


def _split_first_page(first: Any, last: Any) -> tuple[Any, Any]:
    """A whole range given as the first page ('444-445', 'pp. 444–445') split into first and last page."""
    if not isinstance(first, str):
        return first, last
    range_first, range_last = parse_page_range(first)
    if range_first is None or range_last is None:
        return first, last
    return range_first, last if last and str(last).strip() != first.strip() else range_last


def _pick_authors(name: str, options: list[tuple[str, Any]], merged: Merged) -> None:
    # Names read off visible text must look like names; declared metadata may name a consortium.
    options = [(s, a if s in DECLARED_OR_GENERIC else [x for x in a if plausible_name(_author_name(x))])
               for s, a in options]
    options = [(s, a) for s, a in options if a]
    if not options:
        return
    source, authors = options[0]
    names = {_author_key(a) for a in authors}
    for other_source, other in options[1:]:
        if len(other) > len(authors) and names <= {_author_key(a) for a in other}:
            source, authors = other_source, other
    authors = _in_byline_order(authors, [lst for s, lst in options if s in VISIBLE_BYLINES])
    merged.put(name, _with_details(authors, [a for s, lst in options if s != source for a in lst]), source)


def _in_byline_order(authors: list, bylines: list[list]) -> list:
    """The authors in the order the page's visible byline prints them, when it names exactly the same people."""
    for byline in bylines:
        if len(byline) != len(authors):
            continue
        order = [next((a for a in authors if _same_person(_as_author(a), _as_author(b))), None) for b in byline]
        if None not in order and len({id(a) for a in order}) == len(authors):
            return order
    return authors


def _as_author(author: Any) -> dict:
    return author if isinstance(author, dict) else {"name": str(author)}


def _with_details(authors: list, others: list) -> list:
    """The winning authors, each given the affiliations and ORCID another source ties to the same person."""
    enriched = []
    for author in authors:
        if not isinstance(author, dict):
            author = {"name": str(author)}
        matches = [o for o in others if isinstance(o, dict) and _same_person(author, o)]
        for key in ("affiliations", "orcid"):
            found = next((m[key] for m in matches if m.get(key)), None)
            if found and not author.get(key):
                author = {**author, key: found}
        enriched.append(author)
    return enriched


def _same_person(a: dict, b: dict) -> bool:
    """Same longest name word and same first initial (``Liang, Calvin`` is ``Calvin Liang``)."""
    words_a, words_b = _name_words(a), _name_words(b)
    if not words_a or not words_b:
        return False
    family = family_word(words_a)
    rest_a = sorted(w[0] for w in words_a if w != family)
    rest_b = sorted(w[0] for w in words_b if w != family)
    return family in words_b and (not rest_a or not rest_b or rest_a[0] in rest_b)


def _name_words(author: dict) -> list[str]:
    return name_words(_author_name(author))


def name_words(name: str) -> list[str]:
    """A name's words, case-folded, without commas and dots ('Liang, Calvin' -> ['liang', 'calvin'])."""
    return [w for w in re.split(r"[\s,.]+", name.casefold()) if w]


def family_word(words: list[str]) -> str:
    """The longest of a name's words: its family name whichever order it is written in."""
    return max(words, key=len, default="")


def _pick_abstract(name: str, options: list[tuple[str, Any]], merged: Merged) -> None:
    # og:description is a teaser on editorials and news: it may only confirm, never stand alone.
    options = [(s, v) for s, v in options if s not in TEASER_SOURCES]
    if not options:
        return
    if is_cjk_text(str(merged.values.get("title") or "")):
        # A Chinese (Japanese, Korean) article's own abstract before its English parallel one.
        options = sorted(options, key=lambda option: not is_cjk_text(str(option[1])))
    source, text = options[0]
    for other_source, other in options[1:]:
        if _completes(text, other):
            source, text = other_source, other
    merged.put(name, text, source)


def _completes(text: str, other: str) -> bool:
    """``other`` is the whole of an abstract that ``text`` gives only part of (rule 6).

    Either ``other`` goes on from ``text`` (allowing a leading label such as "Background"), or
    ``text`` is marked as cut short and ``other`` is a longer, unmarked abstract.
    """
    stem, longer = _comparable(text), _comparable(other)
    if len(longer) <= len(stem) or (TRUNCATION.search(other) and not TRUNCATION.search(text)):
        return False  # a text marked as cut short never replaces one that is not
    if len(longer) > max(MAX_ABSTRACT_CHARS, 6 * len(stem)):
        return False  # far longer than any abstract: visible text that ran on into the article
    if 0 <= longer.find(stem[: max(40, len(stem) - 10)]) <= 40:
        return True
    return bool(TRUNCATION.search(text)) and not TRUNCATION.search(other)


#: The mark of a text cut short at its end ("…", "(...)", "[…]").
TRUNCATION = re.compile(r"\s*(\.\.\.|…|\(\.\.\.\)|\[\.\.\.\]|\(…\)|\[…\])\s*$")
_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "«": '"', "»": '"'})


def _comparable(text: str) -> str:
    """Abstract text for prefix comparison: no truncation mark, unified quotes and spaces, casefolded."""
    text = TRUNCATION.sub("", str(text)).translate(_QUOTES)
    return " ".join(text.split()).casefold()


def settle_language(merged: Merged, page: Candidate | None = None) -> None:
    """Rule 7: the article's own text against declarations; ``<html lang>`` as the last resort.

    A declared language yields to a confident reading of the text when the text is more than
    a title (an abstract stands beside it) or when the declaration only repeats the interface
    locale (a platform default). Title and abstract in different languages settle nothing.
    """
    title, abstract = (str(merged.values.get(k) or "") for k in ("title", "abstract"))
    declared = normalize_language(merged.values.get("language")) if "language" in merged.values else None
    interface = normalize_language(page.get("language")) if page is not None else None
    identified = _text_language(title, abstract)
    if declared is not None:
        if identified and identified != declared and (text_weight(abstract) >= 100 or declared == interface):
            merged.put("language", identified, "langid")
    elif identified:
        merged.put("language", identified, "langid")
    elif interface and guess_language(f"{title} {abstract}") in (interface, None):
        merged.put("language", page.get("language"), "page")


def _text_language(title: str, abstract: str) -> str | None:
    """The language title and abstract are confidently written in, when they agree."""
    text = f"{title} {abstract}".strip()
    if (script := cjk_language(title)) and (not abstract or cjk_language(abstract) == script):
        return script  # the script says it more surely than a model does on a few dozen characters
    found = identify_language(text) or identify_language(text, min_chars=20, min_confidence=OVERRIDE_CONFIDENCE)
    if found in UNTRUSTED_IDENTIFICATIONS:
        return None
    if found and abstract and guess_language(title) not in (found, None):
        return None
    return found


def _pick_language(name: str, options: list[tuple[str, Any]], merged: Merged) -> None:
    _first_usable(name, [(s, v) for s, v in options if s != "page"], merged)


def _author_name(author: Any) -> str:
    return author.get("name", "") if isinstance(author, dict) else str(author)


def _author_key(author: Any) -> str:
    name = author.get("name", "") if isinstance(author, dict) else str(author)
    return " ".join(name.lower().replace(",", " ").split())


_PICKERS = {
    "title": _pick_title,
    "doi": _pick_doi,
    "publication_date": _pick_date,
    "pages": _pick_pages,
    "authors": _pick_authors,
    "abstract": _pick_abstract,
    "language": _pick_language,
}
