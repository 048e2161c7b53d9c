"""One article on three sites (aggregator, OJS in English, OJS mirror in Russian) reads the same."""

from pathlib import Path

import pytest

from harvester.extract.article import ArticlePage
from harvester.extract.document import parse_html
from harvester.extract.reading import build_record
from pipelines.normalize import NormalizePipeline

PAGES = Path(__file__).parent / "fixtures" / "same_work"
SHARED = ("doi", "volume", "issue", "first_page", "last_page", "publication_date")
WANT = {"doi": "10.22363/2312-8674-2025-24-4-632-642", "volume": "24", "issue": "4",
        "first_page": "632", "last_page": "642", "publication_date": "2025-12-16"}


def record(name: str) -> dict:
    path = PAGES / name
    page = ArticlePage(parse_html(path.read_text(encoding="utf-8")), path.as_uri())
    assert page.verdict().kind == "article", f"{name}: {page.verdict().reason}"
    return NormalizePipeline().process_item(build_record(page.url, "test", "2026-01-01T00:00:00Z", page=page)).to_dict()


@pytest.mark.parametrize("name", ["aggregator.html", "ojs_en.html", "ojs_ru.html"])
def test_each_site_gives_the_shared_facts(name):
    got = record(name)
    for field in SHARED:
        assert got[field] == WANT[field], f"{name}: field {field}"


def test_author_family_name_agrees_across_sites():
    families = {name: record(name)["authors"][0]["family"] for name in ("aggregator.html", "ojs_en.html")}
    assert set(families.values()) == {"Antoshin"}, families
    assert record("ojs_ru.html")["authors"][0]["family"] == "Антошин"


def test_languages_follow_the_article_text():
    assert record("ojs_ru.html")["language"] == "ru", "Russian title and abstract on a Russian mirror"
    assert record("ojs_en.html")["language"] == "en"
