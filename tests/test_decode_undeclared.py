"""Undeclared charsets in the crawl path: Scrapy's guess from the bytes is no declaration."""

from __future__ import annotations

import pytest
from scrapy.http import HtmlResponse

from harvester.extract.document import decode_response

PAGES = [
    ("Latin-1, no charset", "<html><body><h1>Variação do Québec</h1><p>Revista Brasileira, São Paulo, Março</p>"
                            "</body></html>", "latin-1", "Variação do Québec"),
    ("Windows-1252 quotes", "<html><body><h1>The ‘Sapir–Whorf’ hypothesis</h1><p>Genders 58 © 2013</p></body></html>",
     "cp1252", "‘Sapir–Whorf’"),
    ("Cyrillic, no charset", "<html><body><h1>Квантование энергии</h1><p>Вестник университета, том 3, выпуск 2"
                             "</p></body></html>", "cp1251", "Квантование энергии"),
    ("UTF-8, no charset", "<html><body><h1>Schrödinger’s cat</h1></body></html>", "utf-8", "Schrödinger’s cat"),
]


@pytest.mark.parametrize("name, html, codec, expected", PAGES, ids=[p[0] for p in PAGES])
def test_undeclared_pages_decode_to_their_own_text(name, html, codec, expected):
    response = HtmlResponse(url="http://journal.test/a", body=html.encode(codec))
    assert expected in decode_response(response).text, f"{name}: read with {decode_response(response).codec}"


def test_a_declared_charset_still_rules():
    body = '<meta charset="windows-1251"><h1>Квантование</h1>'.encode("cp1251")
    assert "Квантование" in decode_response(HtmlResponse(url="http://journal.test/a", body=body)).text
