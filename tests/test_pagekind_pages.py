"""Pages that look a little like articles are not made into records: instructions, labelled TOCs, blog posts."""

from pathlib import Path

import pytest

from harvester.extract.article import ArticlePage
from harvester.extract.document import parse_html

PAGES = Path(__file__).parent / "fixtures" / "pagekind"


@pytest.mark.parametrize("page, kind", [
    ("instructions.html", "other"),     # labels hold descriptions, not values
    ("labelled_toc.html", "listing"),   # 'Authors:'/'Pages:' repeat in every entry
    ("blog_post.html", "other"),        # a byline and a date are no article
    ("data_package_titled.html", "other"),  # "Data from: <article title>": the data, not the article
    ("dataset_typed.html", "other"),    # full citation_* tags, but declared a Dataset
])
def test_page_kind(page, kind):
    path = PAGES / page
    verdict = ArticlePage(parse_html(path.read_text(encoding="utf-8")), path.as_uri()).verdict()
    assert verdict.kind == kind, f"{page}: {verdict.reason}"
