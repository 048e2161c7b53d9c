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
        ("e0187654", ("e0187654", None)),
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
        ("Volume 31, Number 8 - 3 August 2022", vi("31", "8", "2022")),
        ("Vol. 19, No. 3-4", vi("19", "3-4")),
        ("Vol. 19, No. 3 - 4 (2014)", vi("19", "3 - 4", "2014")),
        ("Vol. 19 no. 3/4 (2014)", vi("19", "3/4", "2014")),
        ("Volume 301, Issues 2–4", vi("301", "2–4")),
        ("Vol 24, Suppl 1", vi("24", "Suppl 1")),
        ("Vol 24, No. Suppl. 2", vi("24", "Suppl. 2")),
        ("Vol XII, No 2", vi("XII", "2")),
        ("Vol. I, No. 2", vi("I", "2")),
        ("Vol.24No.4", vi("24", "4")),  # no spaces at all
        ("Vol 24A, No 3b (2001)", vi("24A", "3b", "2001")),
        ("Vol dim 5", vi()),  # lower-case letters are not a roman volume
        ("Vol 2014 (2014)", vi("2014", None, "2014")),  # a volume numbered like a year
        ("Volume 1207, 9 March 2017", vi("1207", None, "2017")),
        ("Heft 3, 2019", vi(None, "3", "2019")),
        ("19(2)", vi("19", "2")),
        ("24 (4)", vi("24", "4")),
        ("Polymer 18 (2010)", vi(None, None, "2010")),  # a year in brackets is not an issue
        ("(2025)", vi(None, None, "2025")),
        # unlabelled numbers that are no volume and issue
        ("Chapter 5 (pp. 112-130)", vi()),  # a chapter, and brackets holding no issue
        ("Chapter 5 (2)", vi()),
        ("Fig. 3(b)", vi()),
        ("[Submitted on 4 Feb 2022 (v1)]", vi(None, None, "2022")),  # a year-like volume, a version
        ("2022 (3)", vi(None, None, "2022")),  # a year is never an unlabelled volume
        ("Vol 2022", vi("2022")),  # ... but a labelled one may be
        ("12(S1)", vi("12", "S1")),  # a supplement needs no leading digit
        ("12(Special Issue)", vi("12", "Special Issue")),
        ("Review 7 (draft)", vi()),
        ("Old Tools 2 (repr. 1980)", vi(None, None, "1980")),
        ("Vol 3, in the 1980s", vi("3")),  # a decade is no year
        ("Vol 3 (1990's)", vi("3")),
        ("Vol 3 2019a", vi("3")),  # a year with a letter after it is a code
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
        ("J Exampl Sci (2012) 21:305–311", cite("21", None, "2012", "305", "311")),
        ("PLoS One. 2018;13(6):e0187654", cite("13", "6", "2018", "e0187654", None)),
        ("Ann Phys 385(13), pp. 437–490 (1926)", cite("385", "13", "1926", "437", "490")),
        ("Vol 24, No 4 (2025), pp. 632-642", cite("24", "4", "2025", "632", "642")),
        ("Vol 24, No 4 (2025)", cite("24", "4", "2025")),
        ("2020;19(2)", cite("19", "2", "2020")),
        ("Example Review 2021:112-118", cite(None, None, "2021")),  # a year is no volume
        ("Fig. 3(b):4-5", cite()),
        ("Chapter 5 (pp. 112-130)", cite(first="112", last="130")),
        ("Since the 1980s, volume 3:10-12", cite("3", None, None, "10", "12")),
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
        ("e0187654", "e0187654"),
    ],
)
def test_clean_number(raw, expected):
    assert clean_number(raw) == expected
