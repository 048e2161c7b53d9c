"""Table tests for harvester.normalize.numbering."""

import pytest

from harvester.normalize.numbering import (
    clean_number,
    parse_citation_line,
    parse_page_range,
    parse_volume_issue,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, (None, None)),
        ("", (None, None)),
        ("   ", (None, None)),
        ("garbage", (None, None)),
        ("pp.", (None, None)),
        ("12 pp.", (None, None)),  # a page count, not a range
        ("632-642", ("632", "642")),
        ("632–642", ("632", "642")),  # en dash
        ("632—642", ("632", "642")),  # em dash
        ("632‒642", ("632", "642")),  # figure dash
        ("632−642", ("632", "642")),  # minus sign
        ("632‐642", ("632", "642")),  # hyphen
        ("632‑642", ("632", "642")),  # non-breaking hyphen
        ("632﹣642", ("632", "642")),  # small hyphen-minus
        ("632－642", ("632", "642")),  # fullwidth hyphen-minus
        ("632 - 642", ("632", "642")),
        ("632--642", ("632", "642")),
        ("632-642.", ("632", "642")),
        ("pp. 632-642", ("632", "642")),
        ("pp 632-642", ("632", "642")),
        ("P. 632 - 642", ("632", "642")),
        ("p. 5", ("5", None)),
        ("p.5", ("5", None)),
        ("С. 632–642", ("632", "642")),
        ("с. 632-642", ("632", "642")),
        ("Стр. 632-642", ("632", "642")),
        ("pages 292-297", ("292", "297")),
        ("Pages: 231–234", ("231", "234")),
        ("Seiten 437–490", ("437", "490")),
        ("S. 437–490", ("437", "490")),
        ("págs. 10-20", ("10", "20")),
        ("437-90", ("437", "490")),  # abbreviated last page completed
        ("1234-56", ("1234", "1256")),
        ("1299-05", ("1299", "05")),  # completing would go backwards: kept as written
        ("5-5", ("5", "5")),
        ("e0213978", ("e0213978", None)),
        ("632", ("632", None)),
        ("041027", ("041027", None)),
        ("R1-R10", ("R1", "R10")),
        ("S1-S10", ("S1", "S10")),  # supplement pages, not the German label 'S.'
        ("xii-xv", ("xii", "xv")),
        ("632 to 642", (None, None)),
    ],
)
def test_parse_page_range(raw, expected):
    assert parse_page_range(raw) == expected


def vi(volume=None, issue=None, year=None):
    return {"volume": volume, "issue": issue, "year": year}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, vi()),
        ("", vi()),
        ("garbage", vi()),
        ("(Vol.24, No. 4)", vi("24", "4")),
        ("RUDN Journal of Russian History (Vol.24, No. 4)", vi("24", "4")),
        ("Vol 24, No 4 (2025)", vi("24", "4", "2025")),
        ("Volume 24, Nº 4 (2025)", vi("24", "4", "2025")),
        ("Edição: Volume 24, Nº 4 (2025)", vi("24", "4", "2025")),
        ("Том 24, № 4 (2025)", vi("24", "4", "2025")),
        ("Выпуск: Том 24, № 4 (2025)", vi("24", "4", "2025")),
        ("Т. 24, № 4", vi("24", "4")),
        ("Bd. 24, Nr. 4 (2025)", vi("24", "4", "2025")),
        ("Vol. 24, n° 4", vi("24", "4")),
        ("vol. 24 núm. 4", vi("24", "4")),
        ("Vol 24 (2025)", vi("24", None, "2025")),
        ("No 4 (2025)", vi(None, "4", "2025")),
        ("Issue 13", vi(None, "13")),
        ("Volume 25, Number 10 - 5 October 2020", vi("25", "10", "2020")),
        ("Vol. 19, No. 3-4", vi("19", "3-4")),
        ("Vol. 19, No. 3 - 4 (2014)", vi("19", "3 - 4", "2014")),
        ("Vol. 19 no. 3/4 (2014)", vi("19", "3/4", "2014")),
        ("Volume 278, Issues 4–6", vi("278", "4–6")),
        ("Vol 24, Suppl 1", vi("24", "Suppl 1")),
        ("Vol 24, No. Suppl. 2", vi("24", "Suppl. 2")),
        ("Vol XII, No 2", vi("XII", "2")),
        ("Vol. I, No. 2", vi("I", "2")),
        ("Vol.24No.4", vi("24", "4")),  # no spaces at all
        ("Vol 24A, No 3b (2001)", vi("24A", "3b", "2001")),
        ("Vol dim 5", vi()),  # lower-case letters are not a roman volume
        ("Vol 2014 (2014)", vi("2014", None, "2014")),  # a volume numbered like a year
        ("Volume 1144, 15 November 2018", vi("1144", None, "2018")),
        ("Heft 3, 2019", vi(None, "3", "2019")),
        ("19(2)", vi("19", "2")),
        ("24 (4)", vi("24", "4")),
        ("Polymer 18 (2010)", vi(None, None, "2010")),  # a year in brackets is not an issue
        ("(2025)", vi(None, None, "2025")),
    ],
)
def test_parse_volume_issue(raw, expected):
    assert parse_volume_issue(raw) == expected


def cite(volume=None, issue=None, year=None, first=None, last=None):
    return {"volume": volume, "issue": issue, "year": year, "first_page": first, "last_page": last}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, cite()),
        ("", cite()),
        ("garbage", cite()),
        ("RUDN Journal of Russian History. 2020;19(2):292-297", cite("19", "2", "2020", "292", "297")),
        ("RUDN Journal of Russian History. 2025;24(4):632–642.", cite("24", "4", "2025", "632", "642")),
        ("Nature. 2019 Mar 27;567(7749):305-307.", cite("567", "7749", "2019", "305", "307")),
        ("J Polym Environ (2010) 18:231–234", cite("18", None, "2010", "231", "234")),
        ("PLoS One. 2019;14(4):e0213978", cite("14", "4", "2019", "e0213978", None)),
        ("Ann Phys 385(13), pp. 437–490 (1926)", cite("385", "13", "1926", "437", "490")),
        ("Vol 24, No 4 (2025), pp. 632-642", cite("24", "4", "2025", "632", "642")),
        ("Vol 24, No 4 (2025)", cite("24", "4", "2025")),
        ("2020;19(2)", cite("19", "2", "2020")),
    ],
)
def test_parse_citation_line(raw, expected):
    assert parse_citation_line(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, None),
        ("", None),
        ("   ", None),
        ("Special", None),
        ("vol", None),
        ("Vol. 24", "24"),
        ("Volume 24", "24"),
        ("vol.24", "24"),
        ("Том 24", "24"),
        ("Т. 24", "24"),
        ("№ 4", "4"),
        ("No. 4", "4"),
        ("Nº 4", "4"),
        ("Issue 13", "13"),
        ("  18 ", "18"),
        ("18,", "18"),
        ("4.", "4"),
        ("No. 3-4", "3-4"),
        ("Suppl 1", "Suppl 1"),
        ("XII", "XII"),
        ("xii", "xii"),
        ("pp. 632", "632"),
        ("e0213978", "e0213978"),
    ],
)
def test_clean_number(raw, expected):
    assert clean_number(raw) == expected
