"""Structured abstracts with sub-headings in other languages stay whole; keyword lists in two languages join."""

from pathlib import Path

import pytest

from harvester.extract.document import parse_html
from harvester.extract.labels import labelled_text_candidate

PAGES = Path(__file__).parent / "fixtures" / "structured"

EXPECTED = {
    "pt_h2_parts.html": "Objetivo: medir a confiança entre membros de equipes que trabalham à distância. "
                        "Métodos: questionário aplicado a 312 profissionais de seis empresas. "
                        "Resultados e conclusões: a confiança cresce com reuniões curtas e frequentes.",
    "de_bold_parts.html": "Hintergrund Schichtarbeit stört den Schlaf vieler Pflegekräfte. "
                          "Methoden Wir befragten 480 Pflegekräfte in vier Kliniken. "
                          "Ergebnisse Nachtschichten kürzten den Schlaf um im Mittel 70 Minuten. "
                          "Schlussfolgerungen Kürzere Nachtschichtfolgen sind zu empfehlen.",
}


@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_structured_abstract_is_whole(page):
    path = PAGES / page
    got = labelled_text_candidate(parse_html(path.read_text(encoding="utf-8")), path.as_uri()).get("abstract")
    assert got == EXPECTED[page], f"{page}: field abstract: expected {EXPECTED[page]!r}, got {got!r}"


KEYWORDS = {
    "bilingual_keywords_br.html": "erosão; chuva; cerrado; erosion; rainfall",
    "bilingual_keywords_dl.html": "Schlaf; Schichtarbeit; Pflege; sleep; shift work; nursing",
}


@pytest.mark.parametrize("page", sorted(KEYWORDS))
def test_keywords_in_two_languages_are_joined(page):
    path = PAGES / page
    got = labelled_text_candidate(parse_html(path.read_text(encoding="utf-8")), path.as_uri()).get("keywords")
    assert got == KEYWORDS[page], f"{page}: field keywords: expected {KEYWORDS[page]!r}, got {got!r}"
