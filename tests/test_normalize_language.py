"""Table tests for harvester.normalize.language."""

import pytest

from harvester.normalize import language
from harvester.normalize.language import identify_language, normalize_language


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, None),
        ("", None),
        ("   ", None),
        ("en", "en"),
        ("EN", "en"),
        ("en-US", "en"),
        ("en_GB", "en"),
        ("eng", "en"),
        ("English", "en"),
        ("english", "en"),
        (" English ", "en"),
        ("English (United States)", "en"),
        ("ru", "ru"),
        ("Русский", "ru"),
        ("russian", "ru"),
        ("rus", "ru"),
        ("ru_RU", "ru"),
        ("ru-RU", "ru"),
        ("Deutsch", "de"),
        ("German", "de"),
        ("ger", "de"),
        ("deu", "de"),
        ("de-AT", "de"),
        ("fr", "fr"),
        ("fre", "fr"),
        ("fra", "fr"),
        ("Français", "fr"),
        ("francais", "fr"),
        ("pt-BR", "pt"),
        ("pt_PT", "pt"),
        ("Português", "pt"),
        ("por", "pt"),
        ("es", "es"),
        ("Español", "es"),
        ("spa", "es"),
        ("it", "it"),
        ("Italiano", "it"),
        ("ita", "it"),
        ("dut", "nl"),
        ("nld", "nl"),
        ("Polski", "pl"),
        ("ukr", "uk"),
        ("Українська", "uk"),
        ("cze", "cs"),
        ("ces", "cs"),
        ("chi", "zh"),
        ("zho", "zh"),
        ("zh-Hans", "zh"),
        ("zh-CN", "zh"),
        ("jpn", "ja"),
        ("kor", "ko"),
        ("tur", "tr"),
        ("gre", "el"),
        ("per", "fa"),
        ("iw", "he"),  # deprecated code for Hebrew
        ("in", "id"),  # deprecated code for Indonesian
        ("nb", "no"),  # Bokmål folded into Norwegian
        ("sw", "sw"),  # a valid ISO 639-1 code outside the name table
        ("xx", None),
        ("zz-ZZ", None),
        ("Klingon", None),
        ("und", None),
        ("12", None),
    ],
)
def test_normalize_language(raw, expected):
    assert normalize_language(raw) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The article is devoted to the phenomenon of defectors, Soviet citizens who fled to the West.", "en"),
        ("Статья посвящена феномену перебежчиков — советских граждан, бежавших на Запад после войны.", "ru"),
        ("Die vorliegende Arbeit untersucht die Entwicklung der Quantenmechanik in den zwanziger Jahren.", "de"),
        ("Cet article analyse les pratiques d’évaluation des politiques publiques en France depuis 2000.", "fr"),
        ("Este trabalho analisa a evolução das políticas públicas de saúde no Brasil entre 1990 e 2010.", "pt"),
        ("El presente estudio examina los efectos del cambio climático sobre la agricultura en la región andina.", "es"),
        ("Questo articolo analizza l’evoluzione delle politiche pubbliche sanitarie in Italia dal 1990.", "it"),
        ("Niniejszy artykuł analizuje rozwój polityki zdrowotnej w Polsce w latach dziewięćdziesiątych.", "pl"),
    ],
)
def test_identify_language(text, expected):
    assert identify_language(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        None,
        "",
        "   ",
        "Short English title",  # under min_chars
        "12345 67890 12345 67890 12345 67890 12345 67890",  # no language at all
        "Abstract 1234 5678 DOI 10.1234/abc 2020 ISSN 2312-8674",  # codes, weak confidence
    ],
)
def test_identify_language_abstains(text):
    assert identify_language(text) is None


def test_identify_language_min_chars_is_adjustable():
    text = "The war and the peace of the people"  # 35 characters, clearly English
    assert identify_language(text) is None
    assert identify_language(text, min_chars=10) == "en"


def test_identify_language_counts_characters_after_cleaning():
    padded = "Soviet defectors" + " " * 40 + "\u200b" * 40
    assert identify_language(padded) is None


def test_identifier_is_loaded_once():
    identify_language("The article is devoted to the phenomenon of defectors in Germany.")
    first = language._get_identifier()
    identify_language("Статья посвящена феномену перебежчиков в Германии после войны.")
    assert language._get_identifier() is first
    assert len(language._identifier) == 1
