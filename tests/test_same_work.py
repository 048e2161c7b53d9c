"""One article on three sites (aggregator, OJS in English, OJS mirror in Russian) reads the same.

Each page's shared facts (DOI, numbering, pages, date) and language are in tests/fixtures/same_work/*.json
(checked by test_extract_pages.py); the authors' family names are compared here."""

from pathlib import Path

from harvester.extract.article import ArticlePage
from harvester.extract.document import parse_html
from harvester.extract.reading import build_record
from pipelines.normalize import NormalizePipeline

PAGES = Path(__file__).parent / "fixtures" / "same_work"


def record(name: str) -> dict:
    path = PAGES / name
    page = ArticlePage(parse_html(path.read_text(encoding="utf-8")), path.as_uri())
    assert page.verdict().kind == "article", f"{name}: {page.verdict().reason}"
    return NormalizePipeline().process_item(build_record(page.url, "test", "2026-01-01T00:00:00Z", page=page)).to_dict()


def test_author_family_name_agrees_across_sites():
    families = {name: record(name)["authors"][0]["family"] for name in ("aggregator.html", "ojs_en.html")}
    assert set(families.values()) == {"Antoshin"}, families
    assert record("ojs_ru.html")["authors"][0]["family"] == "Антошин"
