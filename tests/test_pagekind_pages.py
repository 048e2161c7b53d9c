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
])
def test_page_kind(page, kind):
    path = PAGES / page
    verdict = ArticlePage(parse_html(path.read_text(encoding="utf-8")), path.as_uri()).verdict()
    assert verdict.kind == kind, f"{page}: {verdict.reason}"
