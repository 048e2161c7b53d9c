"""The accuracy evaluation: every comparison rule of the corpus README, the report, and ``scrapy evaluate``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from harvester import evaluation
from harvester.evaluation import (
    ABSENT, CORRECT, FIELDS, INVENTED, MISSING, NO_RECORD, WRONG, GoldPage, compare, format_failures,
    format_report, load_gold, normalise, score,
)

ROOT = Path(__file__).resolve().parents[1]


def verdict(name, expected, got):
    """The verdict on one field when the gold expects ``expected`` and the record holds ``got``."""
    [result] = compare(GoldPage("p.html", {name: expected}), {"url": "file:///p.html", name: got})
    return result.verdict


def authors(*names):
    """Record authors from ``(family, name)`` pairs (``None`` leaves a part out)."""
    return [{k: v for k, v in (("family", family), ("name", name)) if v is not None} for family, name in names]


def gold_authors(*families):
    return [{"given": "X", "family": family} for family in families]


@pytest.mark.parametrize("text, expected", [
    ("Plain Title", "plain title"),
    ("  Spaced \t out\n title ", "spaced out title"),
    ("Title.", "title"),
    ("Title ;:, .", "title"),
    ("Is it? Yes!", "is it? yes!"),
    ("e.g. inside. stays", "e.g. inside. stays"),
    ("\ufb01nite \uff11\uff12", "finite 12"),                 # NFKC: ligature, full-width digits
    ("a\u2013b\u2014c\u2212d\u2010e", "a-b-c-d-e"),            # dashes
    ("\u2018single\u2019 \u201cdouble\u201d \u00abguillemets\u00bb", "'single' \"double\" \"guillemets\""),
    ("NBSP\u00a0here", "nbsp here"),
    ("Stra\u00dfe", "strasse"),                                # casefold
    (12, "12"),
])
def test_normalise(text, expected):
    assert normalise(text) == expected


@pytest.mark.parametrize("name, expected, got, want", [
    # scalar fields, list alternatives
    ("title", "A Study of Things", "a study of things.", CORRECT),
    ("title", ["A Study: The Long Form", "A Study"], "A Study", CORRECT),
    ("title", ["A Study: The Long Form", "A Study"], "A Study: The Long Form", CORRECT),
    ("title", ["A Study: The Long Form", "A Study"], "The Long Form", WRONG),
    ("title", "A Study: Things", "A Study Things", WRONG),
    ("title", "Quantum\u2013classical \u201ctransition\u201d", "Quantum-classical \"transition\"", CORRECT),
    ("title", "\ufb01nite groups", "finite groups", CORRECT),
    ("title", "A Study", "", MISSING),
    ("title", "A Study", "   ", MISSING),
    ("title", "A Study", None, MISSING),
    ("volume", "12", "12", CORRECT),
    ("volume", "12", 12, CORRECT),
    ("volume", "12", "\uff11\uff12", CORRECT),
    ("volume", "12", "120", WRONG),
    ("issue", "3/4", "3-4", WRONG),
    ("issue", "9-11", "9\u201311", CORRECT),
    ("first_page", "231", "231", CORRECT),
    ("last_page", "234", "23", WRONG),
    ("doi", "10.7554/elife.44753", "10.7554/eLife.44753", CORRECT),
    ("doi", "10.7554/elife.44753", "10.7554/elife.4475", WRONG),
    ("language", "en", "EN", CORRECT),
    ("language", "de", "en", WRONG),
    # journal: gold names against the record journal's title or abbreviation
    ("journal", ["Journal of Polymers", "J Polym"], {"title": "Journal of Polymers", "issn": ["1566-2543"]}, CORRECT),
    ("journal", ["Journal of Polymers", "J Polym"], {"title": "Polymer News", "abbreviation": "J Polym"}, CORRECT),
    ("journal", ["Journal of Polymers", "J Polym"], {"abbreviation": "J. Polym."}, WRONG),
    ("journal", ["Journal of Polymers"], {"title": "Journal of Polymers Research"}, WRONG),
    ("journal", ["Journal of Polymers"], {"issn": ["1566-2543"], "publisher": "Springer"}, MISSING),
    ("journal", ["Journal of Polymers"], {}, MISSING),
    ("journal", ["Journal of Polymers"], "Journal of Polymers", CORRECT),
    # publication_date: exact ISO strings, precision included
    ("publication_date", ["2010-09"], "2010-09", CORRECT),
    ("publication_date", ["2010-09"], "2010-09-01", WRONG),
    ("publication_date", ["2010-09-01"], "2010-09", WRONG),
    ("publication_date", ["2010-09"], "2010", WRONG),
    ("publication_date", ["2010-12-01", "2010-12"], "2010-12", CORRECT),
    ("publication_date", ["2010-12-01", "2010-12"], "2010-12-01", CORRECT),
    ("publication_date", ["2010-12-01", "2010-12"], "2010-11-30", WRONG),
    ("publication_date", "2016", "2016", CORRECT),
    ("publication_date", ["2016"], None, MISSING),
])
def test_field_rules(name, expected, got, want):
    assert verdict(name, expected, got) == want, f"{name}: gold {expected!r} vs record {got!r}"


@pytest.mark.parametrize("gold, record, want", [
    (gold_authors("Rudelson", "Vershynin"), authors(("Rudelson", "Mark Rudelson"), ("Vershynin", "Roman Vershynin")), CORRECT),
    # same families in the other order: each author is compared with the one at its place
    (gold_authors("Rudelson", "Vershynin"), authors(("Vershynin", "Roman Vershynin"), ("Rudelson", "Mark Rudelson")), WRONG),
    # count mismatch, either way
    (gold_authors("Rudelson", "Vershynin"), authors(("Rudelson", "Mark Rudelson")), WRONG),
    (gold_authors("Rudelson"), authors(("Rudelson", "M Rudelson"), ("Vershynin", "R Vershynin")), WRONG),
    # no family in the record: the name is searched
    (gold_authors("Ho", "Barnes"), authors((None, "Simon YW Ho"), (None, "Barnes, Ian")), CORRECT),
    # a compound family name split differently: it still appears in the author's name
    (gold_authors("Freire da Silva"), authors(("da Silva", "Pedro Freire da Silva")), CORRECT),
    (gold_authors("Freire da Silva"), authors(("da Silva", "Pedro da Silva")), WRONG),
    # whole words only: a family name inside a longer one is not a match
    (gold_authors("Ho"), authors(("Hoffmann", "Simon Hoffmann")), WRONG),
    (gold_authors("Smith"), authors(("Newman-Smith", "Erin Newman-Smith")), WRONG),
    (gold_authors("Newman-Smith"), authors(("Newman\u2013Smith", None)), CORRECT),
    # normalised compare: case, quotes, NFKC
    (gold_authors("d\u2019Uscio"), authors(("D'USCIO", "Luis d'Uscio")), CORRECT),
    (gold_authors("Le Scao"), authors(("Le  Scao", None)), CORRECT),
    (gold_authors("Rudelson"), authors((None, "")), WRONG),
    (gold_authors("Rudelson"), "Mark Rudelson", WRONG),
    (gold_authors("Rudelson"), [], MISSING),
])
def test_authors(gold, record, want):
    assert verdict("authors", gold, record) == want, f"gold {gold} vs record {record}"


KW5 = ["alpha", "beta", "gamma", "delta", "epsilon"]


@pytest.mark.parametrize("gold, record, want", [
    (KW5, list(KW5), CORRECT),
    (KW5, KW5[:4] + ["zeta"], CORRECT),              # F1 = 8/10 = 0.8 exactly: right
    (KW5, KW5[:3] + ["zeta", "eta"], WRONG),         # F1 = 6/10
    (KW5[:3], KW5[:3] + ["15B52", "60B20"], WRONG),  # F1 = 6/8 = 0.75: extra codes cost
    (KW5[:2], KW5[:2] + ["zeta"], CORRECT),          # F1 = 4/5 = 0.8
    (KW5[:4], KW5[:3], CORRECT),                     # F1 = 6/7
    (KW5[:4], KW5[:2], WRONG),                       # F1 = 4/6
    (["Ancient DNA", "Panthera leo"], ["ancient  dna", "PANTHERA LEO"], CORRECT),
    (["Ancient DNA", "Panthera leo"], ["AncientDNA", " Panthera\u00a0leo "], CORRECT),
    (["Ancient DNA", "Panthera leo"], ["Ancient DNA", "Ancient DNA", "ancient dna"], WRONG),  # duplicates count once
    (["Ancient DNA"], [], MISSING),
])
def test_keywords(gold, record, want):
    assert verdict("keywords", gold, record) == want, f"gold {gold} vs record {record}"


ABSTRACT = {"prefix": "We prove that an n\u00d7n random matrix", "suffix": "approach to delocalization."}
BODY = "We prove that an n\u00d7n random matrix is delocalized, by a geometric approach to delocalization."


@pytest.mark.parametrize("record, want", [
    (BODY, CORRECT),
    ("Background: " + BODY, CORRECT),                              # a leading label is tolerated
    ("x" * 40 + BODY, CORRECT),                                    # prefix starts at offset 40
    ("x" * 41 + BODY, WRONG),                                      # ... at offset 41
    (BODY[:-1], CORRECT),                                          # trailing full stop is not compared
    (BODY + " Export citation and abstract BibTeX RIS", WRONG),    # page furniture after the abstract
    (BODY[:60] + "...", WRONG),                                    # truncated
    ("A summary of something else entirely.", WRONG),
    (BODY.replace("\u00d7", "x"), WRONG),
    ("  WE PROVE that an n\u00d7n   random matrix is delocalized, approach to delocalization ", CORRECT),
    ("", MISSING),
])
def test_abstract(record, want):
    assert verdict("abstract", ABSTRACT, record) == want, f"record abstract {record!r}"


def test_abstract_typographic_quotes_and_dashes_match_plain_ones():
    gold = {"prefix": "L\u2019\u00e9valuation \u2013 et la place", "suffix": "sauf r\u00e9seaux particuliers"}
    assert verdict("abstract", gold, "L'\u00e9valuation - et la place ... sauf r\u00e9seaux particuliers.") == CORRECT


@pytest.mark.parametrize("absent, record, want", [
    (["issue"], {"issue": "3"}, INVENTED),
    (["issue"], {"issue": None}, ABSENT),
    (["issue"], {"issue": ""}, ABSENT),
    (["issue"], {}, ABSENT),
    (["keywords"], {"keywords": []}, ABSENT),
    (["keywords"], {"keywords": ["x"]}, INVENTED),
    (["journal"], {"journal": {"issn": ["1566-2543"]}}, ABSENT),
    (["journal"], {"journal": {"title": "Some Journal"}}, INVENTED),
    (["publication_date"], {"publication_date": "2019"}, INVENTED),
])
def test_absent_fields(absent, record, want):
    [result] = compare(GoldPage("p.html", {}, frozenset(absent)), {"url": "u", **record})
    assert (result.field, result.verdict) == (absent[0], want)


def test_fields_neither_expected_nor_absent_are_not_scored():
    gold = GoldPage("p.html", {"title": "T"}, frozenset({"issue"}))
    record = {"title": "T", "volume": "3", "doi": "10.1/x", "issue": None, "platform": "ojs"}
    assert [(r.field, r.verdict) for r in compare(gold, record)] == [("title", CORRECT), ("issue", ABSENT)]


def test_missing_record_counts_every_expected_field_as_missing():
    gold = GoldPage("p.html", {"title": "T", "doi": "10.1/x", "notes_field": "?"}, frozenset({"issue"}))
    results = compare(gold, None)
    assert [(r.field, r.verdict, r.note) for r in results] == [("title", MISSING, NO_RECORD), ("doi", MISSING, NO_RECORD)]
    report = score(results)
    assert (report.fields["title"].missing, report.pages_without_record, report.invented_total) == (1, ["p.html"], 0)


def test_score_counts_and_failures():
    results = (compare(GoldPage("a", {"title": "T", "volume": "1"}, frozenset({"issue"})), {"title": "T", "issue": "2"})
               + compare(GoldPage("b", {"title": "T", "volume": "1"}), {"title": "U", "volume": "1"}))
    report = score(results)
    title, volume, issue = (report.fields[f] for f in ("title", "volume", "issue"))
    assert (title.stated, title.correct, title.wrong, title.accuracy) == (2, 1, 1, 0.5)
    assert (volume.stated, volume.correct, volume.missing) == (2, 1, 1)
    assert (issue.stated, issue.invented, issue.accuracy) == (0, 1, None)
    assert (report.overall, report.invented_total, report.pages) == (0.5, 1, 2)
    assert [(f.page, f.field, f.verdict) for f in report.failures] == [
        ("a", "volume", MISSING), ("a", "issue", INVENTED), ("b", "title", WRONG)]


def write_corpus(root: Path) -> Path:
    """A tiny synthetic corpus: three gold pages and one bad page (pages themselves are never read)."""
    golds = {
        "one": {"title": "First Paper", "doi": "10.1000/one", "publication_date": ["2010-09"],
                "authors": [{"given": "A", "family": "Alpha"}]},
        "two": {"title": "Second Paper", "doi": "10.1000/two", "volume": "4"},
        "three": {"title": "Third Paper", "language": "en"},
    }
    for name, expected in golds.items():
        gold = {"page": f"pages/site/{name} page.html", "expected": expected, "absent": ["issue"], "notes": ""}
        (root / "gold" / "site").mkdir(parents=True, exist_ok=True)
        (root / "gold" / "site" / f"{name}.json").write_text(json.dumps(gold), encoding="utf-8")
    (root / "bad").mkdir()
    (root / "bad" / "challenge.html").write_text("<html>Just a moment...</html>", encoding="utf-8")
    return root


def records_for(corpus: Path) -> list[dict]:
    """Records for the synthetic corpus: page one all right, page two half right with an invented issue, page three none."""
    url = lambda page: evaluation.page_url(corpus, page)  # noqa: E731
    return [
        {"url": url("pages/site/one page.html"), "title": "First paper.", "doi": "10.1000/ONE",
         "publication_date": "2010-09", "authors": [{"name": "Ann Alpha", "family": "Alpha"}]},
        {"url": url("pages/site/two page.html"), "title": "Second Paper", "doi": "10.1000/2",
         "volume": None, "issue": "7"},
    ]


def table_row(text: str, name: str) -> list[str]:
    [row] = [line.split() for line in text.splitlines() if line.split()[:1] == [name]]
    return row[1:]


def test_format_report_numbers_on_a_tiny_corpus(tmp_path):
    corpus = write_corpus(tmp_path / "corpus")
    gold = load_gold(corpus)
    assert [g.page for g in gold] == ["pages/site/one page.html", "pages/site/three page.html", "pages/site/two page.html"]
    report = evaluation.evaluate(gold, records_for(corpus), corpus)
    text = format_report(report)
    assert table_row(text, "field") == ["stated", "correct", "wrong", "missing", "invented", "accuracy"]
    assert table_row(text, "title") == ["3", "2", "0", "1", "0", "0.667"]
    assert table_row(text, "doi") == ["2", "1", "1", "0", "0", "0.500"]
    assert table_row(text, "volume") == ["1", "0", "0", "1", "0", "0.000"]
    assert table_row(text, "issue") == ["0", "0", "0", "0", "1", "-"]
    assert table_row(text, "total") == ["9", "5", "1", "3", "1", "0.556"]
    assert "overall accuracy: 0.556 (5/9 stated fields, 3 pages, 1 without a record); invented values: 1" in text
    assert [name for name in FIELDS] == [line.split()[0] for line in text.splitlines()[1:len(FIELDS) + 1]]
    data = report.to_dict()
    assert (data["stated"], data["correct"], data["invented_total"]) == (9, 5, 1)
    assert data["fields"]["doi"]["accuracy"] == 0.5 and data["pages_without_record"] == ["pages/site/three page.html"]
    json.dumps(data)


def test_format_failures_folds_pages_without_record_and_limits(tmp_path):
    corpus = write_corpus(tmp_path / "corpus")
    report = evaluation.evaluate(load_gold(corpus), records_for(corpus), corpus)
    lines = format_failures(report.failures).splitlines()
    assert lines == [
        'pages/site/three page.html  NO RECORD  (2 expected fields missing)',
        'pages/site/two page.html  volume  MISSING  expected="4"  got=null',
        'pages/site/two page.html  issue  INVENTED  expected=null  got="7"',
        'pages/site/two page.html  doi  WRONG  expected="10.1000/two"  got="10.1000/2"',
    ]
    assert format_failures(report.failures, limit=1).splitlines() == [lines[0], "... and 3 more"]


def test_failure_lines_show_authors_by_the_names_compared():
    [failure] = score(compare(GoldPage("p", {"authors": gold_authors("Ho")}), {"authors": authors(("Hoffmann", "S Hoffmann"))})).failures
    assert format_failures([failure]) == 'p  authors  WRONG  expected=["Ho"]  got=["Hoffmann / S Hoffmann"]'


def test_records_are_matched_to_pages_by_url_and_bad_pages_are_found(tmp_path):
    corpus = write_corpus(tmp_path / "corpus")
    escaped = evaluation.page_url(corpus, "pages/site/one page.html")
    assert "%20" in escaped
    records = [{"url": escaped.replace("%20", " "), "title": "a"}, {"url": escaped, "title": "b"},
               {"url": evaluation.page_url(corpus, "bad/challenge.html")}, {"url": "https://example.org/x"}, {}]
    assert evaluation.match_records(records, corpus) == {"pages/site/one page.html": records[0],
                                                         "bad/challenge.html": records[2]}
    assert evaluation.bad_page_records(records, corpus) == [records[2]["url"]]
    assert evaluation.bad_pages(corpus) == ["bad/challenge.html"]


@pytest.mark.parametrize("data", [
    {"expected": {"title": "T"}},
    {"page": "p.html"},
    {"page": "p.html", "expected": {"issue": "1"}, "absent": ["issue"]},
])
def test_malformed_gold_is_refused(data):
    with pytest.raises(ValueError):
        evaluation.parse_gold(data, "gold/x.json")


@pytest.mark.parametrize("text, expected", [
    ("", {}),
    ("title=0.98", {"title": 0.98}),
    (" title = 0.98 , doi=1 ,", {"title": 0.98, "doi": 1.0}),
])
def test_parse_field_floors(text, expected):
    assert evaluation.parse_field_floors(text) == expected


@pytest.mark.parametrize("text", ["title", "titel=0.9", "title=high"])
def test_parse_field_floors_refuses_bad_input(text):
    with pytest.raises(ValueError):
        evaluation.parse_field_floors(text)


def test_floor_violations():
    report = score(compare(GoldPage("a", {"title": "T", "doi": "d"}, frozenset({"issue"})),
                           {"title": "T", "doi": "x", "issue": "1"}))
    assert evaluation.floor_violations(report) == []
    assert evaluation.floor_violations(report, floor=0.5, field_floors={"title": 1.0}) == []
    assert evaluation.floor_violations(report, floor=0.6, field_floors={"doi": 0.9, "volume": 0.5}, no_invented=True) == [
        "overall accuracy 0.500 < floor 0.600", "doi accuracy 0.000 < floor 0.900",
        "volume accuracy n/a (no gold page states it) < floor 0.500", "1 invented value(s)"]


def run_evaluate(*args: str) -> subprocess.CompletedProcess:
    """``scrapy evaluate ARGS`` from the project root, as a user runs it."""
    return subprocess.run([sys.executable, "-m", "scrapy", "evaluate", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_scrapy_evaluate_command_on_a_records_file(tmp_path):
    corpus = write_corpus(tmp_path / "corpus")
    records = tmp_path / "records.jsonl"
    records.write_text("".join(json.dumps(r) + "\n" for r in records_for(corpus)), encoding="utf-8")
    report_file = tmp_path / "report.json"

    passed = run_evaluate("--records", str(records), "--floor", "0.5", "--json", str(report_file), str(corpus))
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert table_row(passed.stdout, "title") == ["3", "2", "0", "1", "0", "0.667"]
    assert "overall accuracy: 0.556 (5/9 stated fields" in passed.stdout
    assert "records from bad/: 0" in passed.stdout
    assert json.loads(report_file.read_text(encoding="utf-8"))["correct"] == 5

    bad_url = evaluation.page_url(corpus, "bad/challenge.html")
    with records.open("a", encoding="utf-8") as out:
        out.write(json.dumps({"url": bad_url, "title": "Just a moment"}) + "\n")
    failed = run_evaluate("--records", str(records), "--floor", "0.5", "--no-invented",
                          "--field-floor", "title=0.9", str(corpus))
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "records from bad/: 1" in failed.stdout
    assert "FAIL: title accuracy 0.667 < floor 0.900" in failed.stdout
    assert "FAIL: 1 invented value(s)" in failed.stdout
