"""Table tests for harvester.normalize.identifiers."""

import pytest

from harvester.normalize.identifiers import (
    find_doi,
    find_issns,
    normalize_doi,
    normalize_issn,
    normalize_orcid,
)

DOI = "10.22363/2312-8674-2025-24-4-632-642"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, None),
        ("", None),
        ("   ", None),
        (DOI, DOI),
        (f"  {DOI}  ", DOI),
        (f"doi:{DOI}", DOI),
        (f"DOI: {DOI}", DOI),
        (f"DOI {DOI}", DOI),
        (f"doi.org/{DOI}", DOI),
        (f"https://doi.org/{DOI}", DOI),
        (f"http://doi.org/{DOI}", DOI),
        (f"https://dx.doi.org/{DOI}", DOI),
        (f"http://dx.doi.org/{DOI}", DOI),
        (f"https://www.doi.org/{DOI}", DOI),
        (f"HTTPS://DOI.ORG/{DOI}", DOI),
        (f"https://doi.org/doi:{DOI}", DOI),
        (f"info:doi/{DOI}", DOI),
        (f"urn:doi:{DOI}", DOI),
        ("https://doi.org/10.1000%2F182", "10.1000/182"),  # URL-quoted slash
        (f"{DOI}.", DOI),
        (f"{DOI},", DOI),
        (f"{DOI};", DOI),
        (f"({DOI})", None),  # an opening bracket before the DOI is not a DOI
        (f"{DOI})", DOI),  # unbalanced closing bracket dropped
        ("10.1016/S0009-2614(97)04014-1", "10.1016/S0009-2614(97)04014-1"),  # balanced kept
        ("10.1016/S0009-2614(97)04014-1).", "10.1016/S0009-2614(97)04014-1"),
        ("10.1007/s10924-010-0192-1", "10.1007/s10924-010-0192-1"),
        ("10.1002/ANDP.19263851302", "10.1002/ANDP.19263851302"),  # case kept
        ("10.123/abc", None),  # registrant code too short
        ("10.1234/", None),
        ("10.1234/ab cd", None),  # whitespace inside
        ("ade/1391109086", None),  # a Project Euclid id, not a DOI
        ("11.1234/abc", None),
        ("not a doi", None),
        ("https://example.org/article/10.1234/abc", None),  # a URL is not a bare DOI
    ],
)
def test_normalize_doi(raw, expected):
    assert normalize_doi(raw) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (None, None),
        ("", None),
        ("no identifier here", None),
        (f"DOI: https://doi.org/{DOI}", DOI),
        (f"Cite as (doi:{DOI}).", DOI),
        ("https://onlinelibrary.wiley.com/doi/pdf/10.1002/andp.19263851302?download=true",
         "10.1002/andp.19263851302"),
        ('<a href="https://doi.org/10.1007/s10924-010-0192-1">link</a>', "10.1007/s10924-010-0192-1"),
        ("https://doi.org/10.1000%2F182", "10.1000/182"),
        ("first 10.1000/aaa then 10.1000/bbb", "10.1000/aaa"),
        ("10.1016/S0009-2614(97)04014-1, 1997", "10.1016/S0009-2614(97)04014-1"),
    ],
)
def test_find_doi(text, expected):
    assert find_doi(text) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, None),
        ("", None),
        ("2312-8674", "2312-8674"),
        ("2312-8675", None),  # bad check digit
        ("1396-0466", "1396-0466"),
        ("0028-0836", "0028-0836"),
        ("0028-0837", None),
        ("00280836", "0028-0836"),
        ("0028 0836", "0028-0836"),
        ("0028–0836", "0028-0836"),  # en dash
        ("2049-3630", "2049-3630"),
        ("1050-124x", "1050-124X"),  # lower-case check character
        ("1050-124X", "1050-124X"),
        ("ISSN 2312-8674 (Print)", "2312-8674"),
        ("eISSN: 2312-8674", "2312-8674"),
        ("2312-8675, 1396-0466", "1396-0466"),  # first valid one
        ("123-4567", None),
        ("12345-6789", None),
        ("ISSN", None),
    ],
)
def test_normalize_issn(raw, expected):
    assert normalize_issn(raw) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (None, []),
        ("", []),
        ("ISSN 2312-8674 (Print), ISSN 2312-8682 (Online)", ["2312-8674", "2312-8682"]),
        ("2312-8674; 2312-8674", ["2312-8674"]),
        ("2312-8675 2312-8674", ["2312-8674"]),
    ],
)
def test_find_issns(text, expected):
    assert find_issns(text) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, None),
        ("", None),
        ("0000-0002-1825-0097", "0000-0002-1825-0097"),
        ("0000-0002-1825-0098", None),  # bad checksum
        ("https://orcid.org/0000-0002-1825-0097", "0000-0002-1825-0097"),
        ("http://orcid.org/0000-0002-1825-0097/", "0000-0002-1825-0097"),
        ("ORCID: 0000-0002-1825-0097", "0000-0002-1825-0097"),
        ("0000000218250097", "0000-0002-1825-0097"),
        ("0000-0002-1694-233X", "0000-0002-1694-233X"),
        ("0000-0002-1694-233x", "0000-0002-1694-233X"),
        ("0000-0002-1694-2330", None),
        ("0000-0002-1825", None),
        ("orcid", None),
    ],
)
def test_normalize_orcid(raw, expected):
    assert normalize_orcid(raw) == expected
