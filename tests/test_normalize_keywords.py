"""Table tests for harvester.normalize.keywords."""

import pytest

from harvester.normalize.keywords import split_keywords

SEED = [
    "Russian emigrants", "Soviet refugees", "Russian diaspora", "repatriation",
    "post-war USSR", "Russian anti-communists",
]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, []),
        ("", []),
        ("   ", []),
        ([], []),
        ([None, ""], []),
        (" ; ; ", []),
        ("Keywords", []),
        (
            "Russian emigrants; Soviet refugees; Russian diaspora; repatriation; "
            "post-war USSR; Russian anti-communists;",
            SEED,
        ),
        ("a; b; c", ["a", "b", "c"]),
        ("a, b, c", ["a", "b", "c"]),
        ("a; b, c", ["a", "b, c"]),  # ';' present: commas stay inside keywords
        ("a, b (c, d), e", ["a", "b (c, d)", "e"]),  # no split inside parentheses
        ("a · b · c", ["a", "b", "c"]),
        ("a • b", ["a", "b"]),
        ("a | b", ["a", "b"]),
        ("a\nb", ["a", "b"]),
        ("Keywords: a; b", ["a", "b"]),
        ("KEYWORDS: a, b", ["a", "b"]),
        ("Key words: a; b", ["a", "b"]),
        ("Keywords — a; b", ["a", "b"]),
        ("Ключевые слова: эмиграция; беженцы", ["эмиграция", "беженцы"]),
        ("Palavras-chave: emigração; refugiados.", ["emigração", "refugiados"]),
        ("Schlüsselwörter: Quantenmechanik, Atomphysik", ["Quantenmechanik", "Atomphysik"]),
        ("Mots-clés : évaluation, université", ["évaluation", "université"]),
        ("Palabras clave: salud; política", ["salud", "política"]),
        ("Keywordsmith; b", ["Keywordsmith", "b"]),  # not a label without a separator
        ("a; A; b; a ", ["a", "b"]),  # case-insensitive duplicates dropped, first kept
        ("Repatriation; repatriation", ["Repatriation"]),
        ("policy.", ["policy"]),  # a sentence-final stop
        ("U.S.; policy", ["U.S.", "policy"]),  # an abbreviation keeps its stop
        ("a\u00a0b;\u200bc", ["a b", "c"]),
        (SEED, SEED),
        (["a; b", "c"], ["a", "b", "c"]),  # list items may be joined strings
        (["a, b, c"], ["a", "b", "c"]),  # one joined item: commas split
        (["Spectroscopy, Raman", "NMR"], ["Spectroscopy, Raman", "NMR"]),  # several items: commas kept
        (["Keywords: a", "b", "A"], ["a", "b"]),
    ],
)
def test_split_keywords(raw, expected):
    assert split_keywords(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("15B52; 60B20; delocalization of eigenvectors; random matrices;", ["delocalization of eigenvectors", "random matrices"]),
    (["05.45.-a", "chaos", "35K55"], ["chaos"]),
    (["vitamin B12", "B12", "COVID-19", "2019-nCoV"], ["vitamin B12", "B12", "COVID-19", "2019-nCoV"]),
])
def test_classification_codes_are_not_keywords(raw, expected):
    assert split_keywords(raw) == expected
