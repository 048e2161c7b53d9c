"""The words the harvester reads pages with, in every language it knows, loaded once from data files.

Each language has one file here, ``<code>.toml`` (``en.toml``, ``ru.toml``, …), holding its words by kind:

* ``[labels]``: field labels read before a value ('Keywords:'), one list per kind of value
  (``title``, ``authors``, ``abstract``, ``keywords``, ``issue``, …, and ``stop`` for labels that only
  end the value before them);
* ``[headings]``: lower-case headings: ``reference`` lists, ``page_part`` names, article ``section`` names,
  structured-abstract ``abstract_parts`` and the ``part_joiners`` between them;
* ``[words]``: other plain words (name particles and suffixes, citation-line words, year words);
* ``[patterns]``: regular-expression fragments, matched case-insensitively (volume, issue and page
  abbreviations, byline words, next/previous and calendar words, login phrases, seasons, date labels, …);
* ``[months]`` (English): month names and abbreviations -> month number, where dateparser is not asked.

A word two languages share is listed once, in one of their files.  Two files are language-neutral:
``dublin_core.toml`` holds the Dublin Core field map, ``language_names.toml`` the ISO codes and names of
languages (in English and in the language itself).

Adding a language takes one new ``<code>.toml`` (any subset of the kinds above; a missing kind is an
empty list) and one row in ``tests/test_vocabulary.py``.  Nothing else changes: every extractor,
normaliser and pipeline reads its words from this module.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib.resources import files
from typing import Any, Optional

_PACKAGE = files(__name__)
_NEUTRAL = frozenset({"dublin_core.toml", "language_names.toml"})


def _load(name: str) -> dict[str, Any]:
    return tomllib.loads(_PACKAGE.joinpath(name).read_text(encoding="utf-8"))


#: Language code -> that language's words by table and kind, one entry per ``<code>.toml``.
LANGUAGE_FILES: dict[str, dict[str, Any]] = {
    entry.name.removesuffix(".toml"): _load(entry.name)
    for entry in sorted(_PACKAGE.iterdir(), key=lambda entry: entry.name)
    if entry.name.endswith(".toml") and entry.name not in _NEUTRAL
}
#: The Dublin Core field map: ``meta_tags``, ``record_rows`` and ``dcterms_refinements``.
DUBLIN_CORE: dict[str, dict[str, Any]] = _load("dublin_core.toml")
#: ISO 639-1 code -> ``codes`` (ISO 639-2 B and T) and ``names`` (English and native, lower case).
LANGUAGE_NAMES: dict[str, dict[str, list[str]]] = _load("language_names.toml")["languages"]


@cache
def collect(table: str, kind: str) -> tuple[str, ...]:
    """Every language's entries of one kind (``collect('labels', 'keywords')``), repeats dropped."""
    found = (word for language in LANGUAGE_FILES.values() for word in language.get(table, {}).get(kind, ()))
    return tuple(dict.fromkeys(found))


def labels(kind: str) -> tuple[str, ...]:
    """The field labels of one kind, in every language (``labels('keywords')``)."""
    return collect("labels", kind)


def headings(kind: str) -> frozenset[str]:
    """The lower-case headings of one kind ('reference', 'page_part', 'section', 'abstract_parts', …)."""
    return frozenset(collect("headings", kind))


def words(kind: str) -> tuple[str, ...]:
    """The plain words of one kind ('name_particles', 'citation_line', 'year', …)."""
    return collect("words", kind)


def pattern(kind: str) -> str:
    """One non-capturing alternation of every language's fragments of a kind, longest first."""
    return "(?:" + "|".join(sorted(collect("patterns", kind), key=len, reverse=True)) + ")"


def word_pattern(kind: str) -> str:
    """One non-capturing alternation of the plain words of a kind, escaped, longest first."""
    return "(?:" + "|".join(re.escape(word) for word in sorted(words(kind), key=len, reverse=True)) + ")"


#: Month names and abbreviations -> month number ('sept' -> 9).
MONTHS: dict[str, int] = {name: number for language in LANGUAGE_FILES.values()
                          for name, number in language.get("months", {}).items()}
#: Any month name or abbreviation, with an optional full stop ('Dec.', 'September').
MONTH_NAME = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"

# --- field labels -------------------------------------------------------------------------------------

_LABEL_KIND_ORDER = ("title", "journal", "date", "authors", "affiliations", "issue", "volume", "pages", "page_span",
                     "keywords", "abstract", "scientific_abstract", "citation", "journal_ref", "related",
                     "last_modified", "doi", "url", "ignored")
#: Kind of value -> the labels that announce it; ``stop`` labels (reference headings among them) only end a value.
VOCABULARY: dict[str, tuple[str, ...]] = {
    **{kind: labels(kind) for kind in _LABEL_KIND_ORDER},
    "stop": (*sorted(headings("reference")), *labels("stop")),
}


def label_pattern(kind: str) -> str:
    """One non-capturing alternation of the labels of a kind, escaped, spaces as any whitespace, longest first."""
    escaped = (re.escape(label).replace(r"\ ", r"\s+") for label in sorted(labels(kind), key=len, reverse=True))
    return "(?:" + "|".join(escaped) + ")"


def label_key(label: str) -> str:
    """A label as looked up: whitespace collapsed, trailing colons dropped, case folded."""
    return " ".join(label.split()).rstrip(" :：").casefold()


#: Normalised label ('authors') -> kind of value.
LABELS: dict[str, str] = {label_key(label): kind for kind, listed in VOCABULARY.items() for label in listed}
LABELS_OF_AUTHORS = frozenset(label for label, kind in LABELS.items() if kind == "authors")
_ALTERNATION = "|".join(
    re.escape(label).replace(r"\ ", r"\s+")
    for label in sorted({label for listed in VOCABULARY.values() for label in listed}, key=len, reverse=True)
)
#: A label opening a line, with its colon and the space after it.
LABEL_AT_START = re.compile(rf"(?P<label>{_ALTERNATION})\s*[:：]\s*", re.I)
#: A label with its colon anywhere in a line.
LABEL_GLUED = re.compile(rf"(?P<label>{_ALTERNATION})\s*[:：]", re.I)
_ABSTRACT_KINDS = frozenset({"abstract", "scientific_abstract"})


def label_kind(text: str) -> Optional[str]:
    """The kind of value a label announces ('Authors :' -> 'authors'); None for other text."""
    return LABELS.get(label_key(text))


def is_label(text: str) -> bool:
    """True when ``text`` is a label of the vocabulary ('Authors :', 'Keywords').

    >>> is_label("Authors :"), is_label("KEYWORDS"), is_label("Soviet Defectors")
    (True, True, False)
    """
    return label_key(text) in LABELS


def opens_abstract(text: str) -> bool:
    """True for a line that is an abstract's label or starts with one ('Abstract', 'Summary: ...').

    >>> opens_abstract("Abstract"), opens_abstract("ABSTRACT: We report ..."), opens_abstract("Abstracts of talks")
    (True, True, False)
    """
    match = LABEL_AT_START.match(text)
    return label_kind(match.group("label") if match else text) in _ABSTRACT_KINDS


#: Headings that open a reference list (its DOIs are other works' DOIs).
REFERENCE_HEADINGS = headings("reference")
#: Headings that name a part of the page or the kind of page, never the article.
PAGE_PART_HEADINGS = headings("page_part")
#: Labels that may precede a keyword list; the normaliser strips them when leading.
KEYWORD_LABELS = labels("keywords")
#: Labels that may precede an abstract; the normaliser strips them when leading.
ABSTRACT_LABELS = labels("abstract")

# --- numbering: volume, issue and page abbreviations --------------------------------------------------

#: Words that label a volume ('Vol.' and its kin in every language), as a regular expression.
VOLUME_LABEL = pattern("volume")
#: Words that label an issue ('No.' and its kin in every language), as a regular expression.
ISSUE_LABEL = pattern("issue")
#: Words that label a volume or an issue.
NUMBERING_LABEL = f"(?:{VOLUME_LABEL}|{ISSUE_LABEL})"
#: Words that label pages ('pp' and its kin in every language), as a regular expression (without the dot).
PAGE_LABEL = pattern("page")
#: Whole words that label pages ('pages', 'pp'), never a bare letter.
PAGE_WORD = pattern("page_word")
