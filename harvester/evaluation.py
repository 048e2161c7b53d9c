"""Accuracy of harvested records against gold files, by the rules of the real-page corpus.

A gold file states what a careful reader finds on one saved page::

    {"page": "pages/x/y.html", "expected": {...}, "absent": ["issue"], "notes": "..."}

``compare`` scores one record against one gold page, field by field; ``score`` adds the
results up into a ``Report`` (per-field counts, overall accuracy, the failures) and
``format_report`` prints it. The rules (see the corpus README):

- a list given for a scalar field means any of its values is right;
- ``authors``: same count, and each gold family name appears in the matching record author
  (its ``family``, else its ``name``);
- ``publication_date``: ISO strings compared exactly, so precision matters;
- ``keywords``: right when the sets match with F1 >= 0.8 (case and spacing ignored);
- ``abstract``: the gold ``prefix`` starts within the first 40 characters of the abstract and
  the abstract ends with the gold ``suffix``;
- ``journal``: the gold names are compared with the record's journal title or abbreviation;
- other strings compare case-insensitively after NFKC, unified dashes and quotes, collapsed
  whitespace and trailing ``.;:,`` stripped.

Nothing here crawls; ``load_gold`` and ``load_records`` are the only functions that read files.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from dataclasses import asdict, dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any, Iterable, Optional
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

FIELDS = (
    "title", "authors", "journal", "volume", "issue", "first_page", "last_page",
    "publication_date", "doi", "keywords", "abstract", "language",
)
"""The record fields scored, in report order."""

CORRECT, WRONG, MISSING, INVENTED, ABSENT = "correct", "wrong", "missing", "invented", "absent"
"""Verdicts. ``absent``: the gold says the page does not state the field and the record agrees."""

FAILURES = (WRONG, MISSING, INVENTED)
NO_RECORD = "no record for this page"
KEYWORD_F1 = Fraction(4, 5)  # exact: no float edge at the boundary
ABSTRACT_PREFIX_OFFSET = 40

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u2212\ufe58\ufe63\uff0d"
_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u0060\u00b4"
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"
_UNIFY = str.maketrans({**dict.fromkeys(_DASHES, "-"), **dict.fromkeys(_SINGLE_QUOTES, "'"),
                        **dict.fromkeys(_DOUBLE_QUOTES, '"')})
_SPACES = re.compile(r"\s+")
_TRAILING = re.compile(r"[\s.;:,]+$")


@dataclass(frozen=True)
class GoldPage:
    """One gold file: the saved page it describes and what that page states."""

    page: str
    expected: dict[str, Any]
    absent: frozenset[str] = frozenset()
    notes: str = ""
    source: str = ""


@dataclass(frozen=True)
class FieldResult:
    """The verdict on one field of one page."""

    page: str
    field: str
    verdict: str
    expected: Any = None
    got: Any = None
    note: str = ""


@dataclass
class FieldStats:
    """Counts for one field over all pages."""

    stated: int = 0
    correct: int = 0
    wrong: int = 0
    missing: int = 0
    invented: int = 0
    absent: int = 0

    @property
    def accuracy(self) -> Optional[float]:
        """``correct / stated``; ``None`` when no gold page states the field."""
        return self.correct / self.stated if self.stated else None


@dataclass
class Report:
    """Per-field counts, overall accuracy and the failures of one evaluation."""

    fields: dict[str, FieldStats]
    failures: list[FieldResult] = field(default_factory=list)
    pages: int = 0
    pages_without_record: list[str] = field(default_factory=list)

    @property
    def stated(self) -> int:
        """Fields stated by the gold pages, all fields together."""
        return sum(stats.stated for stats in self.fields.values())

    @property
    def correct(self) -> int:
        """Stated fields the records got right."""
        return sum(stats.correct for stats in self.fields.values())

    @property
    def overall(self) -> float:
        """``sum(correct) / sum(stated)``; 0.0 when nothing is stated."""
        return self.correct / self.stated if self.stated else 0.0

    @property
    def invented_total(self) -> int:
        """Values the records gave for fields the gold pages say are absent."""
        return sum(stats.invented for stats in self.fields.values())

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data."""
        return {
            "overall": self.overall, "stated": self.stated, "correct": self.correct,
            "invented_total": self.invented_total, "pages": self.pages,
            "pages_without_record": self.pages_without_record,
            "fields": {name: {**asdict(stats), "accuracy": stats.accuracy} for name, stats in self.fields.items()},
            "failures": [asdict(result) for result in self.failures],
        }


# --- normalisation -------------------------------------------------------------------------

def normalise(text: Any) -> str:
    """Comparable form of a string: NFKC, unified dashes and quotes, one space, no case, no trailing ``.;:,``.

    >>> normalise("  Quantum\u2013Sensing:\u00a0A \u201cReview\u201d. ")
    'quantum-sensing: a "review"'
    """
    text = unicodedata.normalize("NFKC", str(text)).translate(_UNIFY)
    return _TRAILING.sub("", _SPACES.sub(" ", text).strip()).casefold()


def _alternatives(expected: Any) -> list[Any]:
    """A gold scalar as a list of accepted values."""
    return list(expected) if isinstance(expected, list) else [expected]


def _is_empty(value: Any) -> bool:
    """True for a value a record leaves unfilled (``None``, blank string, empty list or object)."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, dict, tuple)):
        return not value
    return False


# --- field rules ----------------------------------------------------------------------------

def _scalar_ok(expected: Any, got: Any) -> bool:
    """Any gold alternative equals the record value after normalisation."""
    return normalise(got) in {normalise(value) for value in _alternatives(expected)}


def _date_ok(expected: Any, got: Any) -> bool:
    """Any gold ISO date equals the record date exactly (precision included)."""
    return str(got).strip() in {str(value).strip() for value in _alternatives(expected)}


def _journal_names(journal: Any) -> list[str]:
    """The record journal's title and abbreviation (a bare string is taken as the title)."""
    if isinstance(journal, dict):
        return [journal[key] for key in ("title", "abbreviation") if not _is_empty(journal.get(key))]
    return [] if _is_empty(journal) else [str(journal)]


def _journal_ok(expected: Any, got: Any) -> bool:
    """Any gold journal name equals the record's journal title or abbreviation."""
    return any(_scalar_ok(expected, name) for name in _journal_names(got))


def _author_texts(author: Any) -> list[str]:
    """Where a gold family name is looked for in a record author: its ``family``, then its ``name``."""
    if isinstance(author, dict):
        return [str(author[key]) for key in ("family", "name") if not _is_empty(author.get(key))]
    return [] if _is_empty(author) else [str(author)]


def _family_appears(family: str, author: Any) -> bool:
    """The gold family name occurs, as whole words, in the record author's family or name."""
    wanted = normalise(family)
    pattern = re.compile(r"(?<![\w'-])" + re.escape(wanted) + r"(?![\w'-])")
    return bool(wanted) and any(pattern.search(normalise(text)) for text in _author_texts(author))


def _gold_family(author: Any) -> str:
    """A gold author's family name (a bare string is taken as the family name)."""
    return (author.get("family") or "") if isinstance(author, dict) else str(author)


def _authors_ok(expected: list, got: list) -> bool:
    """Same number of authors, and each gold family name appears in the author at its place."""
    return isinstance(got, list) and len(expected) == len(got) and all(
        _family_appears(_gold_family(gold), author) for gold, author in zip(expected, got))


def _keyword_key(keyword: Any) -> str:
    """A keyword compared without case or spacing."""
    return _SPACES.sub("", normalise(keyword))


def _keywords_ok(expected: list, got: Any) -> bool:
    """The keyword sets match with F1 = 2|G∩R| / (|G| + |R|) >= 0.8."""
    gold = {_keyword_key(k) for k in expected}
    found = {_keyword_key(k) for k in _alternatives(got)}
    return 2 * len(gold & found) >= KEYWORD_F1 * (len(gold) + len(found))


def _abstract_ok(expected: dict, got: Any) -> bool:
    """The gold prefix starts within the first 40 characters and the abstract ends with the suffix."""
    text = normalise(got)
    prefix, suffix = normalise(expected.get("prefix", "")), normalise(expected.get("suffix", ""))
    return prefix in text[:ABSTRACT_PREFIX_OFFSET + len(prefix)] and text.endswith(suffix)


_RULES = {
    "authors": _authors_ok, "journal": _journal_ok, "publication_date": _date_ok,
    "keywords": _keywords_ok, "abstract": _abstract_ok,
}


def _record_value(record: dict, name: str) -> Any:
    """The record's value for a scored field, ``None`` when unfilled."""
    value = record.get(name)
    if name == "journal" and not _journal_names(value):
        return None  # ISSNs or a publisher alone do not name the journal
    return None if _is_empty(value) else value


# --- comparing and scoring -----------------------------------------------------------------

def compare(gold: GoldPage, record: Optional[dict]) -> list[FieldResult]:
    """Verdicts on every scored field the gold page expects or lists as absent."""
    if record is None:
        return [FieldResult(gold.page, name, MISSING, gold.expected[name], None, NO_RECORD)
                for name in FIELDS if name in gold.expected]
    results = []
    for name in FIELDS:
        got = _record_value(record, name)
        if name in gold.expected:
            results.append(_judge(gold.page, name, gold.expected[name], got))
        elif name in gold.absent:
            results.append(FieldResult(gold.page, name, ABSENT if got is None else INVENTED, None, got))
    return results


def _judge(page: str, name: str, expected: Any, got: Any) -> FieldResult:
    """Verdict on one expected field."""
    if got is None:
        return FieldResult(page, name, MISSING, expected, None)
    right = _RULES.get(name, _scalar_ok)(expected, got)
    return FieldResult(page, name, CORRECT if right else WRONG, expected, got)


def score(results: Iterable[FieldResult]) -> Report:
    """Per-field counts, overall accuracy and the failure list of a set of verdicts."""
    report = Report({name: FieldStats() for name in FIELDS})
    pages, unrecorded = set(), set()
    for result in results:
        stats = report.fields.setdefault(result.field, FieldStats())
        setattr(stats, result.verdict, getattr(stats, result.verdict) + 1)
        stats.stated += result.verdict in (CORRECT, WRONG, MISSING)
        if result.verdict in FAILURES:
            report.failures.append(result)
        pages.add(result.page)
        if result.note == NO_RECORD:
            unrecorded.add(result.page)
    report.pages, report.pages_without_record = len(pages), sorted(unrecorded)
    return report


def evaluate(gold_pages: Iterable[GoldPage], records: Iterable[dict], corpus_dir: str | Path) -> Report:
    """Score records against gold pages, matching each record to its page by ``url``."""
    by_page = match_records(records, corpus_dir)
    results = []
    for gold in gold_pages:
        results += compare(gold, by_page.get(gold.page))
    return score(results)


# --- pages, URLs and files -----------------------------------------------------------------

def page_url(corpus_dir: str | Path, page: str) -> str:
    """The ``file://`` URL of a corpus page."""
    return (Path(corpus_dir) / page).resolve().as_uri()


def url_page(url: str, corpus_dir: str | Path) -> Optional[str]:
    """The corpus-relative path (``pages/x/y.html``) of a ``file://`` URL, ``None`` outside the corpus."""
    parts = urlsplit(url or "")
    if parts.scheme != "file":
        return None
    path = Path(url2pathname(unquote(parts.path))).resolve()
    try:
        return path.relative_to(Path(corpus_dir).resolve()).as_posix()
    except ValueError:
        return None


def match_records(records: Iterable[dict], corpus_dir: str | Path) -> dict[str, dict]:
    """Records keyed by the corpus page their ``url`` points at (the first record per page wins)."""
    by_page: dict[str, dict] = {}
    for record in records:
        page = url_page(record.get("url", ""), corpus_dir)
        if page is not None:
            by_page.setdefault(page, record)
    return by_page


def bad_page_records(records: Iterable[dict], corpus_dir: str | Path) -> list[str]:
    """URLs of records that came from ``bad/`` pages (there must be none)."""
    return [record["url"] for record in records
            if (url_page(record.get("url", ""), corpus_dir) or "").startswith("bad/")]


def bad_pages(corpus_dir: str | Path) -> list[str]:
    """Corpus-relative paths of the ``bad/*.html`` pages."""
    return sorted(path.relative_to(corpus_dir).as_posix() for path in Path(corpus_dir).glob("bad/*.html"))


def load_gold(corpus_dir: str | Path) -> list[GoldPage]:
    """Every gold file under ``<corpus_dir>/gold`` (sorted by path); ``ValueError`` on a malformed one."""
    files = sorted(Path(corpus_dir).glob("gold/**/*.json"))
    return [parse_gold(json.loads(path.read_text(encoding="utf-8")), str(path)) for path in files]


def parse_gold(data: dict, source: str = "") -> GoldPage:
    """A ``GoldPage`` from one gold file's JSON; ``ValueError`` naming the file when malformed."""
    if not isinstance(data, dict) or not data.get("page") or not isinstance(data.get("expected"), dict):
        raise ValueError(f"{source}: a gold file needs 'page' and an 'expected' object")
    absent = frozenset(data.get("absent") or ())
    both = absent & set(data["expected"])
    if both:
        raise ValueError(f"{source}: fields both expected and absent: {sorted(both)}")
    return GoldPage(data["page"], data["expected"], absent, data.get("notes", ""), source)


def load_records(path: str | Path) -> list[dict]:
    """The records of a JSON Lines file (blank lines skipped)."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


# --- floors and formatting -----------------------------------------------------------------

def parse_field_floors(text: str) -> dict[str, float]:
    """``'title=0.98,doi=0.98'`` -> ``{'title': 0.98, 'doi': 0.98}``; ``ValueError`` on an unknown field.

    >>> parse_field_floors("title=0.98, doi=1")
    {'title': 0.98, 'doi': 1.0}
    """
    floors = {}
    for item in filter(None, (part.strip() for part in (text or "").split(","))):
        name, sep, value = item.partition("=")
        if not sep or name.strip() not in FIELDS:
            raise ValueError(f"bad field floor {item!r}: expected FIELD=NUMBER with FIELD one of {', '.join(FIELDS)}")
        floors[name.strip()] = float(value)
    return floors


def floor_violations(report: Report, floor: Optional[float] = None,
                     field_floors: Optional[dict[str, float]] = None, no_invented: bool = False) -> list[str]:
    """Why the report fails the given floors (empty when it passes)."""
    problems = []
    if floor is not None and report.overall < floor:
        problems.append(f"overall accuracy {report.overall:.3f} < floor {floor:.3f}")
    for name, minimum in (field_floors or {}).items():
        accuracy = report.fields[name].accuracy
        if accuracy is None or accuracy < minimum:
            shown = "n/a (no gold page states it)" if accuracy is None else f"{accuracy:.3f}"
            problems.append(f"{name} accuracy {shown} < floor {minimum:.3f}")
    if no_invented and report.invented_total:
        problems.append(f"{report.invented_total} invented value(s)")
    return problems


_ROW = "{:<18}{:>7}{:>8}{:>7}{:>8}{:>9}{:>10}"


def format_report(report: Report) -> str:
    """The per-field table (field, stated, correct, wrong, missing, invented, accuracy) and the overall line."""
    lines = [_ROW.format("field", "stated", "correct", "wrong", "missing", "invented", "accuracy")]
    for name, stats in report.fields.items():
        lines.append(_stats_row(name, stats))
    total = FieldStats(*(sum(getattr(s, key) for s in report.fields.values())
                         for key in ("stated", "correct", "wrong", "missing", "invented", "absent")))
    lines += ["-" * len(lines[0]), _stats_row("total", total)]
    lines.append(f"overall accuracy: {report.overall:.3f} ({report.correct}/{report.stated} stated fields, "
                 f"{report.pages} pages, {len(report.pages_without_record)} without a record); "
                 f"invented values: {report.invented_total}")
    return "\n".join(lines)


def _stats_row(name: str, stats: FieldStats) -> str:
    """One table row."""
    accuracy = "-" if stats.accuracy is None else f"{stats.accuracy:.3f}"
    return _ROW.format(name, stats.stated, stats.correct, stats.wrong, stats.missing, stats.invented, accuracy)


def format_failures(failures: Iterable[FieldResult], limit: Optional[int] = None) -> str:
    """One line per failed field (page, field, verdict, expected, got); one line per page without a record."""
    lines = _failure_lines(list(failures))
    shown = lines if limit is None else lines[:limit]
    more = [f"... and {len(lines) - len(shown)} more"] if len(shown) < len(lines) else []
    return "\n".join(shown + more)


def _failure_lines(failures: list[FieldResult]) -> list[str]:
    """The failure lines, pages without a record folded into one line each."""
    unrecorded = Counter(f.page for f in failures if f.note == NO_RECORD)
    lines = []
    for f in failures:
        if f.note != NO_RECORD:
            lines.append(f"{f.page}  {f.field}  {f.verdict.upper()}  expected={_shown(f.field, f.expected)}  "
                         f"got={_shown(f.field, f.got)}")
        elif unrecorded.pop(f.page, None):
            lines.append(f"{f.page}  NO RECORD  ({sum(g.page == f.page for g in failures)} expected fields missing)")
    return lines


def _shown(name: str, value: Any) -> str:
    """A field value as a failure line shows it: authors by the names compared, long text cut."""
    if name == "authors" and isinstance(value, list):
        value = [" / ".join(_author_texts(author)) for author in value]
    return _short(value)


def _short(value: Any, width: int = 160) -> str:
    """A value as compact JSON, its middle cut when longer than ``width``."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= width else f"{text[:width // 2 - 2]} … {text[-(width // 2 - 2):]}"
