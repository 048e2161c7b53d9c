"""Article metadata held only in an inline script: read without executing, only when it describes this page.

The pages' expected fields are in tests/fixtures/script_data/*.json (checked by test_extract_pages.py)."""

import pytest

from harvester.extract.document import parse_html
from harvester.extract.scriptdata import MAX_DEPTH, read_literal, script_candidate


@pytest.mark.parametrize("text", [
    "{title: fetch('/x')}", "{a: `template`}", "{a: function () { return 1 }}", "{a: 'unterminated}",
    "[" * (MAX_DEPTH + 2) + "]" * (MAX_DEPTH + 2),
])
def test_no_code_and_no_runaway_nesting(text):
    with pytest.raises(ValueError):
        read_literal(text)


def test_reference_list_entries_never_the_article():
    html = ("<html><body><h1>Page heading</h1><p>See 10.5555/ref.1 and 10.5555/ref.2</p><script>var refs = "
            "{items: [{title: 'Cited one', doi: '10.5555/ref.1'}, {title: 'Cited two', doi: '10.5555/ref.2'}]};"
            "</script></body></html>")
    assert not script_candidate(parse_html(html))
