"""Charset handling: pages that lie about their encoding still decode right."""

import pytest

from harvester.extract.document import decode_body


@pytest.mark.parametrize("body, declared, expected", [
    ("Schrödinger — “quoted”".encode("utf-8"), "iso-8859-1", "Schrödinger — “quoted”"),
    ("Schrödinger".encode("utf-8"), None, "Schrödinger"),
    ("it\u2019s".encode("cp1252"), None, "it\u2019s"),
    ("caf\xe9".encode("latin-1"), "iso-8859-1", "caf\xe9"),
    ("Антошин".encode("cp1251"), "windows-1251", "Антошин"),
    ("Антошин".encode("utf-8"), "utf-8", "Антошин"),
])
def test_decode_body(body, declared, expected):
    assert decode_body(body, declared) == expected
