"""The package re-exports every public normaliser."""

import pytest

import harvester.normalize as normalize

PUBLIC = [
    "clean_text", "strip_separators", "strip_label",
    "parse_date", "parse_datetime", "date_precision",
    "split_authors", "parse_name", "parse_author",
    "parse_page_range", "parse_volume_issue", "parse_citation_line", "clean_number",
    "normalize_doi", "find_doi", "normalize_issn", "find_issns", "normalize_orcid",
    "split_keywords",
    "normalize_language", "identify_language", "guess_language",
]


@pytest.mark.parametrize("name", PUBLIC)
def test_public_name_is_exported(name):
    assert callable(getattr(normalize, name))
    assert name in normalize.__all__


def test_all_lists_only_public_names():
    assert sorted(normalize.__all__) == sorted(PUBLIC)


@pytest.mark.parametrize("name", PUBLIC)
def test_public_name_has_docstring(name):
    assert getattr(normalize, name).__doc__
