"""The vocabulary package: one data file per language, each read by the compiled patterns.

Adding a language adds one ``harvester/vocabulary/<code>.toml`` and one row to ``LANGUAGES`` below.
"""

from __future__ import annotations

import re

import pytest

from harvester.extract.labelled.numbering import split_numbering
from harvester.normalize import normalize_language, parse_volume_issue, split_keywords, strip_label
from harvester.vocabulary import (
    ABSTRACT_LABELS, DUBLIN_CORE, LANGUAGE_FILES, LANGUAGE_NAMES, NUMBERING_LABEL, collect, is_label, label_kind, opens_abstract,
)

#: Tables a language file may hold, and the kinds each may have.
KINDS = {
    "labels": {"title", "journal", "date", "authors", "affiliations", "issue", "volume", "pages", "page_span",
               "keywords", "abstract", "scientific_abstract", "citation", "journal_ref", "related", "last_modified",
               "doi", "url", "ignored", "stop"},
    "headings": {"reference", "page_part", "section", "abstract_parts", "part_joiners"},
    "words": {"surname_particles", "name_suffixes", "name_connectors", "name_joiners", "full_name_joiners",
              "citation_line", "year", "not_a_name", "year_suffix"},
    "patterns": {"volume", "issue", "page", "page_word", "byline", "responsibility", "author_label", "editor_role",
                 "next_page", "step", "calendar_step", "calendar_unit", "login", "challenge", "season",
                 "date_label", "institution", "periodical", "other_numbered", "link_label", "column_title",
                 "column_authors", "column_date", "page_count_unit", "patronymic", "abstract_end",
                 "editorial_event", "date_preposition", "profile_link_verb", "profile_link_object",
                 "author_list_heading", "not_in_name", "editor_mark", "degree", "et_al", "whole_work_doi",
                 "cite_label", "other_issue", "article_number", "not_a_journal", "supplement", "special_issue",
                 "numbering_word", "link_verb", "link_article", "link_qualifier", "ui_text", "decade_ending",
                 "data_record_title"},
    "months": None,
}

#: Language -> (a keyword label, a numbering line and its (volume, issue), or None where the language has no
#: numbering words of its own).
LANGUAGES = {
    "cs": ("Klíčová slova", ("Ročník 3, číslo 2", (None, "2"))),
    "de": ("Schlüsselwörter", ("Bd. 12 Heft 3", ("12", "3"))),
    "en": ("Keywords", ("Vol. 24, No. 4", ("24", "4"))),
    "es": ("Palabras clave", ("Volumen 7, núm. 2", ("7", "2"))),
    "fr": ("Mots-clés", ("Tome 9, numéro 1", ("9", "1"))),
    "hr": (None, ("Vol. 5, broj 2", ("5", "2"))),
    "it": ("Parole chiave", ("Anno 4, numero 2", ("4", "2"))),
    "ja": ("キーワード", None),
    "ko": ("키워드", None),
    "nl": ("Trefwoorden", None),
    "pl": ("Słowa kluczowe", ("Tom 3, zeszyt 2", (None, "2"))),
    "pt": ("Palavras-chave", ("Ano 5, n. 2", ("5", "2"))),
    "ru": ("Ключевые слова", ("Том 24, Выпуск 4", ("24", "4"))),
    "sv": ("Nyckelord", None),
    "uk": ("Ключові слова", None),
    "zh": ("关键词", None),
}


def test_every_language_file_has_a_row():
    assert set(LANGUAGE_FILES) == set(LANGUAGES)


@pytest.mark.parametrize("code", sorted(LANGUAGES))
def test_file_holds_known_kinds_only(code):
    for table, kinds in LANGUAGE_FILES[code].items():
        assert table in KINDS, f"{code}.toml: unknown table [{table}]"
        if kinds is not None and KINDS[table] is not None:
            assert set(kinds) <= KINDS[table], f"{code}.toml [{table}]: {set(kinds) - KINDS[table]}"


@pytest.mark.parametrize("code", sorted(LANGUAGES))
def test_labels_are_read_as_their_kind(code):
    for kind, listed in LANGUAGE_FILES[code].get("labels", {}).items():
        for label in listed:
            assert is_label(label) and is_label(f"{label.upper()} :"), f"{code}: {label}"
            assert label_kind(label) == kind, f"{code}: {label} read as {label_kind(label)}"


@pytest.mark.parametrize("code", sorted(code for code, (label, _) in LANGUAGES.items() if label))
def test_keyword_label_is_stripped_from_keywords(code):
    label = LANGUAGES[code][0]
    assert label in LANGUAGE_FILES[code]["labels"]["keywords"]
    assert split_keywords(f"{label}: alpha; beta") == ["alpha", "beta"]


@pytest.mark.parametrize("code", sorted(LANGUAGES))
def test_abstract_labels_open_an_abstract_and_are_stripped(code):
    for label in LANGUAGE_FILES[code].get("labels", {}).get("abstract", ()):
        assert label in ABSTRACT_LABELS and opens_abstract(f"{label}: We report")
        assert strip_label(f"{label}: We report", ABSTRACT_LABELS) == "We report"


@pytest.mark.parametrize("code", sorted(code for code, (_, numbering) in LANGUAGES.items() if numbering))
def test_numbering_words_are_read(code):
    text, (volume, issue) = LANGUAGES[code][1]
    assert parse_volume_issue(text)["issue"] == issue, text
    assert split_numbering(text)[1] == issue, text
    if volume is not None:
        assert parse_volume_issue(text)["volume"] == volume, text


@pytest.mark.parametrize("code", sorted(LANGUAGES))
def test_patterns_compile_and_headings_are_lower_case(code):
    for kind, fragments in LANGUAGE_FILES[code].get("patterns", {}).items():
        for fragment in fragments:
            re.compile(fragment, re.I)
    for kind, listed in LANGUAGE_FILES[code].get("headings", {}).items():
        assert all(heading == heading.casefold() for heading in listed), f"{code} [headings] {kind}"


def test_a_word_is_listed_in_one_language_file_only():
    owners: dict[str, set[str]] = {}
    for code, tables in LANGUAGE_FILES.items():
        for table in ("labels", "patterns"):
            for listed in tables.get(table, {}).values():
                for word in listed:
                    owners.setdefault(word.casefold(), set()).add(code)
    assert {word: codes for word, codes in owners.items() if len(codes) > 1} == {}


def test_numbering_label_joins_every_language():
    assert re.fullmatch(NUMBERING_LABEL, "broj", re.I) and re.fullmatch(NUMBERING_LABEL, "jahrgang", re.I)
    assert collect("patterns", "issue")[0]


def test_dublin_core_map_is_one_table_per_use():
    assert set(DUBLIN_CORE) == {"meta_tags", "record_rows", "dcterms_refinements"}
    assert DUBLIN_CORE["record_rows"]["dc.title"] == "title"
    assert DUBLIN_CORE["meta_tags"]["title"][0] == "dc.title"


def test_language_names_read_as_their_code():
    assert all(set(known) == {"codes", "names"} for known in LANGUAGE_NAMES.values())
    for code, known in LANGUAGE_NAMES.items():
        for name in (*known["codes"], *known["names"]):
            assert normalize_language(name) == code, name
