"""Table tests for harvester.normalize.text."""

import pytest

from harvester.normalize.text import clean_text, strip_label, strip_separators


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, None),
        ("", None),
        ("   ", None),
        ("\n\t \r", None),
        ("\u200b\u00ad\ufeff", None),
        ("Soviet Defectors", "Soviet Defectors"),
        ("  Soviet   Defectors  ", "Soviet Defectors"),
        ("Soviet\u00a0Defectors", "Soviet Defectors"),  # no-break space
        ("Soviet\u2009Defectors", "Soviet Defectors"),  # thin space
        ("Soviet\u202fDefectors", "Soviet Defectors"),  # narrow no-break space
        ("Soviet\u3000Defectors", "Soviet Defectors"),  # ideographic space
        ("Soviet\nDefectors\tin\r\nGermany", "Soviet Defectors in Germany"),
        ("Sov\u200biet", "Soviet"),  # zero-width space
        ("Sov\u200c\u200di\u2060et", "Soviet"),  # zero-width non-joiner, joiner, word joiner
        ("de\u00adfectors", "defectors"),  # soft hyphen
        ("\ufeffTitle", "Title"),  # byte order mark
        ("\u200eTitle\u200f", "Title"),  # LRM / RLM
        ("\u202aTitle\u202c", "Title"),  # bidi embedding
        ("\u2066Title\u2069", "Title"),  # bidi isolates
        ("Title\x00\x07", "Title"),  # control characters
        ("a\x85b", "a b"),  # next line (C1 control)
        ("e\u0301cole", "\u00e9cole"),  # NFC composes
        ("defectors .", "defectors ."),  # punctuation spacing is kept as written
        ("Антошин\u00a0А.В.", "Антошин А.В."),
    ],
)
def test_clean_text(raw, expected):
    assert clean_text(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, None),
        ("", None),
        (" ; ", None),
        ("Alexey Antoshin;", "Alexey Antoshin"),
        ("; Alexey Antoshin ;", "Alexey Antoshin"),
        ("Russian anti-communists;", "Russian anti-communists"),
        ("keyword, ", "keyword"),
        ("a | ", "a"),
        ("/ a /", "a"),
        ("Label:", "Label"),
        ("Antoshin A.V.", "Antoshin A.V."),  # trailing period kept: abbreviations end in '.'
        ("repatriation -", "repatriation"),
        ("repatriation –", "repatriation"),
        ("– repatriation", "repatriation"),
        ("post-war", "post-war"),  # a dash inside a word stays
        ("anti-", "anti-"),  # only a lone dash is a separator
        (" - ", None),
        ("a ;, b ;,", "a ;, b"),
    ],
)
def test_strip_separators(raw, expected):
    assert strip_separators(raw) == expected


ABSTRACT_LABELS = ["Abstract", "Аннотация", "Resumo", "Summary"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, None),
        ("", None),
        ("Abstract", None),
        ("Abstract:", None),
        ("Abstract: The article is devoted", "The article is devoted"),
        ("ABSTRACT The article is devoted", "The article is devoted"),
        ("abstract. The article", "The article"),
        ("Abstract — The article", "The article"),
        ("Аннотация. Статья посвящена", "Статья посвящена"),
        ("Аннотация:\nСтатья", "Статья"),
        ("Resumo: O artigo", "O artigo"),
        ("Abstraction is a theme", "Abstraction is a theme"),  # not a label: no separator after it
        ("The Abstract: later", "The Abstract: later"),  # only a leading label
        ("Summary Abstract text", "Abstract text"),  # one label removed, not two
        ("  The article  ", "The article"),  # still cleaned when no label
    ],
)
def test_strip_label(raw, expected):
    assert strip_label(raw, ABSTRACT_LABELS) == expected


def test_strip_label_without_labels_only_cleans():
    assert strip_label("  Abstract:  text ", []) == "Abstract: text"


def test_strip_label_accepts_labels_given_with_punctuation():
    assert strip_label("Keywords: a; b", ["Keywords:"]) == "a; b"
