"""Table tests for harvester.normalize.dates."""

import pytest

from harvester.normalize import dates
from harvester.normalize.dates import date_precision, parse_date, parse_datetime

FAST = [
    ("2025-12-16", "2025-12-16"),
    ("online10 October 2011", "2011-10-10"),  # a label glued to the date
    ("Published online: 07 May 2012", "2012-05-07"),
    ("May/June 2016", "2016"),  # an issue spanning two months states only its year
    ("Sept–Oct 2019", "2019"),
    ("2025/12/16", "2025-12-16"),
    ("2019/03/27", "2019-03-27"),
    ("2025.12.16", "2025-12-16"),
    ("2025-1-6", "2025-01-06"),
    ("2010/09", "2010-09"),
    ("2025-12", "2025-12"),
    ("2025", "2025"),
    ("1926", "1926"),
    ("20151203", "2015-12-03"),
    ("16.12.2025", "2025-12-16"),
    ("16/12/2025", "2025-12-16"),
    ("16-12-2025", "2025-12-16"),
    ("03/04/2020", "2020"),        # ambiguous with slashes: only the year is certain
    ("11/01/2013", "2013"),        # 1 November on a month-first platform, 11 January elsewhere
    ("03.04.2020", "2020-04-03"),  # dots: the European day-first form
    ("05/05/2016", "2016-05-05"),  # both orders give the same date
    ("01/2013", "2013-01"),        # month and year
    ("12/31/2020", "2020-12-31"),  # impossible day first: read month first
    ("2020-09-10T12:00:00Z", "2020-09-10"),
    ("2020-09-10T23:30:00-05:00", "2020-09-10"),  # the date as written, not shifted to UTC
    ("2020-09-10T23:30:00+0300", "2020-09-10"),
    ("2020-09-10 12:00", "2020-09-10"),
    ("2020-09-10T12:00:00.123Z", "2020-09-10"),
    ("16 December 2025", "2025-12-16"),
    ("16 Dec 2025", "2025-12-16"),
    ("3 December 2015", "2015-12-03"),
    ("07 May 2012", "2012-05-07"),
    ("December 16, 2025", "2025-12-16"),
    ("December 16 2025", "2025-12-16"),
    ("May 5th, 2010", "2010-05-05"),
    ("1 May, 2010", "2010-05-01"),
    ("2019 Mar 27", "2019-03-27"),
    ("2019 Mar", "2019-03"),
    ("December 2025", "2025-12"),
    ("Dec. 2025", "2025-12"),
    ("Sept. 2019", "2019-09"),
    ("october 2020", "2020-10"),
    ("Winter 2019", "2019"),
    ("Spring 2018", "2018"),
    ("Fall, 2017", "2017"),
    ("Printemps 2018", "2018"),
    ("Published: 07 May 2012", "2012-05-07"),
    ("Published online: 2010-05-05", "2010-05-05"),
    ("Publication Date: 2010-05-05", "2010-05-05"),
    ("Publication date 16 December 2025", "2025-12-16"),
    ("  2025-12-16  ", "2025-12-16"),
    ("2025-12-16.", "2025-12-16"),
]

TEXTUAL = [
    ("16 декабря 2025 г.", "2025-12-16"),
    ("16 декабря 2025", "2025-12-16"),
    ("1 июня 2019 года", "2019-06-01"),
    ("декабрь 2025", "2025-12"),
    ("июнь 2019 г.", "2019-06"),
    ("Опубликовано: 16 декабря 2025", "2025-12-16"),
    ("Dezember 2025", "2025-12"),
    ("15. März 2019", "2019-03-15"),
    ("Juni 2015", "2015-06"),
    ("5 octobre 2020", "2020-10-05"),
    ("27 mars 2019", "2019-03-27"),
    ("5 de outubro de 2020", "2020-10-05"),
    ("março de 2014", "2014-03"),
    ("5 de octubre de 2020", "2020-10-05"),
    ("marzo 2019", "2019-03"),
    ("Monday, 16 December 2025", "2025-12-16"),
    ("5 марта 2020г.", "2020-03-05"),  # the year word may follow the year unspaced
    ("2020年3月5日", "2020-03-05"),
]

INVALID = [
    None,
    "1980s",  # a decade is no date
    "the 1990s",
    "in the 1990's",
    "1980-е годы",
    "1980er Jahre",
    "Spring 2020s",
    "2019a",  # a year with a letter after it is a code
    "",
    "   ",
    "not a date",
    "In press",
    "2025-13-45",
    "2025-02-30",
    "2025-13",
    "32.01.2020",
    "24",  # a bare number is not a date
    "2 days ago",
    "today",
    "yesterday",
    "0999",
    "2200-01-01",
    "May",  # no year: never invent one
    "16 December",
    "Vol 3 2019",
]


@pytest.mark.parametrize(("raw", "expected"), FAST)
def test_parse_date_fast_path(raw, expected):
    assert parse_date(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), TEXTUAL)
def test_parse_date_textual(raw, expected):
    assert parse_date(raw) == expected


@pytest.mark.parametrize("raw", INVALID)
def test_parse_date_invalid(raw):
    assert parse_date(raw) is None


@pytest.mark.parametrize(
    ("raw", "languages", "expected"),
    [
        ("16 декабря 2025 г.", ["ru"], "2025-12-16"),
        ("декабрь 2025", ["Русский"], "2025-12"),
        ("5 octobre 2020", ["fr"], "2020-10-05"),
        ("5 octobre 2020", ["ru"], "2020-10-05"),  # wrong hint: falls back to any language
        ("October 2020", ["de"], "2020-10"),
        ("Dezember 2025", ["nonsense"], "2025-12"),  # unknown hint ignored
    ],
)
def test_parse_date_with_language_hint(raw, languages, expected):
    assert parse_date(raw, languages) == expected


def test_fast_path_never_builds_a_dateparser(monkeypatch):
    monkeypatch.setattr(dates, "_parser_cache", {})
    for raw, expected in FAST:
        assert parse_date(raw) == expected
    for raw in ("2025-13-45", "24", "2025-02-30"):
        assert parse_date(raw) is None
    assert dates._parser_cache == {}


def test_dateparser_is_built_once_per_language_set(monkeypatch):
    monkeypatch.setattr(dates, "_parser_cache", {})
    parse_date("16 декабря 2025 г.")
    parse_date("декабрь 2025")
    assert list(dates._parser_cache) == [()]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, None),
        ("", None),
        ("garbage", None),
        ("2025-12-16 21:42:27", "2025-12-16T21:42:27"),
        ("2025-12-16T21:42:27", "2025-12-16T21:42:27"),
        ("2025-12-16 21:42", "2025-12-16T21:42:00"),
        ("2025-12-16 9:05:00", "2025-12-16T09:05:00"),
        ("2020-10-01T10:00:00Z", "2020-10-01T10:00:00Z"),
        ("2020-10-01T10:00:00+03:00", "2020-10-01T10:00:00+03:00"),
        ("2020-10-01T10:00:00+0300", "2020-10-01T10:00:00+03:00"),
        ("2020-10-01T10:00:00-05:00", "2020-10-01T10:00:00-05:00"),
        ("2020-10-01T10:00:00.123Z", "2020-10-01T10:00:00.123Z"),
        ("2020-10-01 10:00:00 UTC", "2020-10-01T10:00:00Z"),
        ("Tue, 16 Dec 2025 21:42:27 GMT", "2025-12-16T21:42:27Z"),
        ("Tue, 16 Dec 2025 21:42:27 +0300", "2025-12-16T18:42:27Z"),
        ("2025-12-16", "2025-12-16"),  # date only: same as parse_date
        ("16 December 2025", "2025-12-16"),
        ("2025-12", "2025-12"),
        ("2025-12-16 25:00:00", None),  # no such hour
        ("2025-12-16 21:61:00", None),
        ("2025-02-30 10:00:00", None),  # no such day
    ],
)
def test_parse_datetime(raw, expected):
    assert parse_datetime(raw) == expected


@pytest.mark.parametrize(
    ("iso", "expected"),
    [
        (None, 0),
        ("", 0),
        ("garbage", 0),
        ("2025", 1),
        ("2025-12", 2),
        ("2025-12-16", 3),
        ("2025-12-16T21:42:27", 3),
        ("2020-10-01T10:00:00Z", 3),
    ],
)
def test_date_precision(iso, expected):
    assert date_precision(iso) == expected


@pytest.mark.parametrize(("raw", "_expected"), FAST + TEXTUAL)
def test_parse_date_precision_matches_text(raw, _expected):
    """Round trip: the precision reported equals the parts written in the expected value."""
    assert date_precision(parse_date(raw)) == _expected.count("-") + 1
