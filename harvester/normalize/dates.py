"""Dates and date-times to ISO 8601 at the precision the text gives; dateparser only as a fallback.

Choices:

* Precision is never invented: ``December 2025`` gives ``2025-12``, ``Winter 2019`` gives ``2019``.
* All-numeric dates with the year last are read day first when written with dots
  (``03.04.2020``, the European form); with slashes or hyphens both orders are in use
  (``11/01/2013`` is 1 November on US platforms), so such a date is read only when one number
  cannot be a month (``31/12/2020``, ``12/31/2020``) or both are equal; otherwise only its
  year is certain and only the year is given.  ``01/2013`` is a month and a year.
* Years outside 1000..2100, relative phrases (``2 days ago``, ``today``) and bare numbers are
  rejected.  A year with a letter after it is a decade or a code (``1980s``, ``1990's``,
  ``1980-е``), no date; only the year words ``г`` and ``年`` may follow it.
"""

from __future__ import annotations

import re
from datetime import date, time, timezone
from email.utils import parsedate_to_datetime
from typing import Any, Sequence

from harvester.vocabulary import MONTHS, pattern, words

from .language import normalize_language
from .text import clean_text

#: Years outside this range are taken for misreadings (a page number, a volume), not dates.
MIN_YEAR, MAX_YEAR = 1000, 2100
#: What may not follow a year: a digit, a letter (a decade, '1980s'; a code) or a decade ending
#: of the vocabulary ("'s"); the vocabulary's year suffixes ('2020г.') may.
YEAR_END = rf"(?!\d|[^\W\d_{''.join(words('year_suffix'))}]|{pattern('decade_ending')})"

_MONTHS = MONTHS
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"

_ISO_RE = re.compile(
    r"^(?P<year>\d{4})(?:(?P<sep>[-/.])(?P<month>\d{1,2})(?:(?P=sep)(?P<day>\d{1,2})"
    r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2})?)?)?)?$"
)
# Text made only of digits and date punctuation: when no numeric pattern reads it, nothing will.
_NUMERIC_ONLY_RE = re.compile(r"^[\d\s./:,+-]+$")
_COMPACT_RE = re.compile(r"^(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})$")
_NUMERIC_DMY_RE = re.compile(r"^(?P<first>\d{1,2})(?P<sep>[./-])(?P<second>\d{1,2})(?P=sep)(?P<year>\d{4})$")
_NUMERIC_MY_RE = re.compile(r"^(?P<month>\d{1,2})[./-](?P<year>\d{4})$")
_ENGLISH_RES = (
    re.compile(rf"^{_DAY}\s+{_MONTH},?\s+{_YEAR}$"),         # 16 December 2025
    re.compile(rf"^{_MONTH}\s+{_DAY},?\s+{_YEAR}$"),         # December 16, 2025
    re.compile(rf"^{_YEAR},?\s+{_MONTH}\s+{_DAY}$"),         # 2019 Mar 27
    re.compile(rf"^{_MONTH},?\s+{_YEAR}$"),                  # December 2025, Dec. 2025
    re.compile(rf"^{_YEAR}\s+{_MONTH}$"),                    # 2019 Mar
)
_SEASON_RE = re.compile(
    rf"^(?:(?:early|late|mid)[- ])?{pattern('season')}\s*,?\s*(?P<year>\d{{4}})$", re.IGNORECASE
)
# 'May/June 2016', 'Jan–Feb 2020': an issue spanning months states only its year.
_MONTH_SPAN_RE = re.compile(r"^(?P<first>[A-Za-z]{3,9})\.?\s*[/–-]\s*(?P<second>[A-Za-z]{3,9})\.?,?\s+(?P<year>\d{4})$")
_LABEL_RE = re.compile(
    rf"^{pattern('date_label')}(?![^\W\d_])\s*[:.\-–]?\s*|^[^\d:]{{1,40}}:\s*(?=\S)", re.IGNORECASE
)
#: 'Wien, 2016', 'Boston (Mass.) : Example University, February 26, 2014': no digits before the first comma.
_IMPRINT_RE = re.compile(r"^[^\d,]{2,80},\s*(?P<date>\S.*)$")
_YEAR_TOKEN_RE = re.compile(rf"(?<!\d)(\d{{4}}){YEAR_END}")
_NUMBER_RE = re.compile(r"\d+")
_LETTERS_RE = re.compile(r"[^\W\d_]{3,}")
_DATETIME_RE = re.compile(
    r"^(?P<date>\d{4}-\d{2}-\d{2})[T ](?P<hour>\d{1,2}):(?P<minute>\d{2})"
    r"(?::(?P<second>\d{2})(?P<fraction>[.,]\d+)?)?\s*(?P<zone>Z|UTC|GMT|[+-]\d{2}:?\d{2})?$"
)

_PERIOD_PARTS = {"day": 3, "week": 3, "month": 2, "year": 1}
_parser_cache: dict[tuple[str, ...], Any] = {}  # DateDataParser per language set, built on first use
_DATEPARSER_SETTINGS = {
    "PARSERS": ["absolute-time"],  # no relative dates ('2 days ago'), no timestamps
    "REQUIRE_PARTS": ["year"],
    "DATE_ORDER": "DMY",
    "PREFER_DAY_OF_MONTH": "first",
}


def _iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    """ISO string for the parts given, or None when they do not form a real date."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        date(year, month or 1, day or 1)
    except ValueError:
        return None
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def _int(value: str | None) -> int | None:
    """The number in ``value``, or None for a missing part."""
    return int(value) if value else None


def _numeric_date(text: str) -> str | None:
    """Dates written only with digits: ISO-like, compact ``YYYYMMDD`` or ``DD.MM.YYYY``."""
    match = _ISO_RE.match(text) or _COMPACT_RE.match(text)
    if match:
        parts = match.groupdict()
        return _iso(int(parts["year"]), _int(parts.get("month")), _int(parts.get("day")))
    match = _NUMERIC_DMY_RE.match(text)
    if match:
        return _day_month_year(int(match["first"]), int(match["second"]), int(match["year"]), match["sep"])
    match = _NUMERIC_MY_RE.match(text)
    return _iso(int(match["year"]), int(match["month"])) if match else None


def _day_month_year(first: int, second: int, year: int, separator: str) -> str | None:
    """``first``/``second``/``year`` as a date when its order is certain, else the year alone.

    >>> _day_month_year(3, 4, 2020, "."), _day_month_year(11, 1, 2013, "/"), _day_month_year(12, 31, 2020, "/")
    ('2020-04-03', '2013', '2020-12-31')
    """
    day_first, month_first = _iso(year, second, first), _iso(year, first, second)
    if separator == "." or first == second or not (day_first and month_first):
        return day_first or month_first
    return _iso(year)


def _english_date(text: str) -> str | None:
    """Dates with an English month name, the commonest textual form."""
    for pattern in _ENGLISH_RES:
        match = pattern.match(text)
        month = _MONTHS.get(match["month"].lower()) if match else None
        if month is not None:
            return _iso(int(match["year"]), month, _int(match.groupdict().get("day")))
    match = _SEASON_RE.match(text)
    if match is None and (span := _MONTH_SPAN_RE.match(text)):
        match = span if {span["first"].lower(), span["second"].lower()} <= _MONTHS.keys() else None
    return _iso(int(match["year"])) if match else None


def _fast_date(text: str) -> str | None:
    """Answer common shapes without dateparser; None when no fast path matches."""
    if text[0].isdigit():
        found = _numeric_date(text)
        if found:
            return found
    return _english_date(text)


def _get_parser(languages: tuple[str, ...]) -> Any:
    """The cached DateDataParser for ``languages`` (empty tuple: any language)."""
    parser = _parser_cache.get(languages)
    if parser is None:
        from dateparser.date import DateDataParser

        parser = DateDataParser(languages=list(languages) or None, settings=_DATEPARSER_SETTINGS)
        _parser_cache[languages] = parser
    return parser


def _language_keys(languages: Sequence[str] | None) -> list[tuple[str, ...]]:
    """Parsers to try in turn: the hinted languages plus English, then any language."""
    codes = [normalize_language(lang) for lang in languages or ()]
    hinted = tuple(dict.fromkeys([code for code in codes if code] + ["en"])) if codes else ()
    return [hinted, ()] if hinted else [()]


def _precision(text: str, period: str, year: int) -> int:
    """How many parts (1 year, 2 month, 3 day) the text itself states, capped by dateparser's period."""
    numbers = [n for n in _NUMBER_RE.findall(text) if n != str(year)]
    others = len(numbers) + (1 if _LETTERS_RE.search(text) else 0)  # parts besides the year
    return min(1 + min(others, 2), _PERIOD_PARTS.get(period, 1))


def _dateparser_date(text: str, languages: Sequence[str] | None) -> str | None:
    """Textual dates in any language, via dateparser; precision checked against the text."""
    years = {int(y) for y in _YEAR_TOKEN_RE.findall(text)}
    if not any(MIN_YEAR <= y <= MAX_YEAR for y in years):
        return None  # dateparser would otherwise read '24' or 'May' with an invented year
    for key in _language_keys(languages):
        try:
            data = _get_parser(key).get_date_data(text)
        except (ValueError, OverflowError):
            continue
        found = data.date_obj if data else None
        if found is not None and found.year in years:
            parts = _precision(text, data.period or "day", found.year)
            return _iso(found.year, found.month if parts > 1 else None, found.day if parts > 2 else None)
    return None


def parse_date(raw: str | None, languages: Sequence[str] | None = None) -> str | None:
    """ISO 8601 date (``2025``, ``2025-12`` or ``2025-12-16``) at the precision ``raw`` states.

    >>> parse_date("16 December 2025"), parse_date("Dec. 2025"), parse_date("2019/03/27")
    ('2025-12-16', '2025-12', '2019-03-27')
    """
    text = clean_text(raw)
    if text is None:
        return None
    text = _LABEL_RE.sub("", text, count=1).rstrip(" .,;") or text
    found = _fast_date(text) or _imprint_date(text)
    if found or _NUMERIC_ONLY_RE.match(text):
        return found
    return _dateparser_date(text, languages)


def _imprint_date(text: str) -> str | None:
    """The date of an imprint: place (and publisher), then the date after a comma.

    >>> _imprint_date("Wien, 2016"), _imprint_date("Boston (Mass.) : Example University, February 26, 2014")
    ('2016', '2014-02-26')
    """
    match = _IMPRINT_RE.match(text)
    return _fast_date(match["date"]) if match else None


def _format_zone(zone: str | None) -> str:
    """``Z`` for UTC, ``+HH:MM`` for an offset, nothing when the text gives no zone."""
    if not zone:
        return ""
    if zone in ("Z", "UTC", "GMT"):
        return "Z"
    digits = zone[1:].replace(":", "")
    return f"{zone[0]}{digits[:2]}:{digits[2:]}"


def _http_datetime(text: str) -> str | None:
    """RFC 2822 / HTTP dates (``Tue, 16 Dec 2025 21:42:27 GMT``)."""
    if not text[:1].isalpha() or ":" not in text:
        return None
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if moment is None or not MIN_YEAR <= moment.year <= MAX_YEAR:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc)
        return moment.replace(tzinfo=None).isoformat(timespec="seconds") + "Z"
    return moment.isoformat(timespec="seconds")


def parse_datetime(raw: str | None) -> str | None:
    """ISO 8601 date-time (``2025-12-16T21:42:27``, zone kept as given), else the date alone.

    >>> parse_datetime("2025-12-16 21:42:27"), parse_datetime("2020-10-01T10:00:00+0300")
    ('2025-12-16T21:42:27', '2020-10-01T10:00:00+03:00')
    """
    text = clean_text(raw)
    if text is None:
        return None
    match = _DATETIME_RE.match(text)
    if match is None:
        return _http_datetime(text) or parse_date(text)
    clock = f"{int(match['hour']):02d}:{match['minute']}:{match['second'] or '00'}"
    if parse_date(match["date"]) is None or not _valid_clock(clock):
        return None
    fraction = (match["fraction"] or "").replace(",", ".")
    return f"{match['date']}T{clock}{fraction}{_format_zone(match['zone'])}"


def _valid_clock(clock: str) -> bool:
    """Whether ``HH:MM:SS`` is a real time of day."""
    try:
        time.fromisoformat(clock)
    except ValueError:
        return False
    return True


_PRECISION_RE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?")


def date_precision(iso: str | None) -> int:
    """Parts an ISO date states: 0 none, 1 year, 2 month, 3 day (a date-time counts as day).

    >>> [date_precision(v) for v in (None, "2025", "2025-12", "2025-12-16T21:42:27")]
    [0, 1, 2, 3]
    """
    match = _PRECISION_RE.match(iso or "")
    return match.group().count("-") + 1 if match else 0
