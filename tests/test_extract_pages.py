"""Every fixture page with an expectation file beside it: ``X.html`` read as the spider reads it, checked
against ``X.json`` (the format: tests/fixtures/README.md). One test a page; its failure lists every field
that differs, each as "<class>/<page>.html: field <name>: expected …, got …"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from harvester.extract.article import ArticlePage
from harvester.extract.bibtex import bibtex_candidate
from harvester.extract.bylines import author_markup_candidate
from harvester.extract.citeline import citation_line_candidate
from harvester.extract.coins import coins_candidate
from harvester.extract.document import decode_page, parse_html
from harvester.extract.jsonld import jsonld_candidate
from harvester.extract.labels import labelled_text_candidate
from harvester.extract.microdata import microdata_candidate
from harvester.discovery.listing import is_listing, listing_entries
from harvester.extract.reading import build_record
from harvester.extract.scriptdata import script_candidate
from harvester.extract.visible import doi_text_candidate, heading_candidate
from harvester.normalize import normalize_language, parse_date, split_keywords
from pipelines.normalize import NormalizePipeline

FIXTURES = Path(__file__).parent / "fixtures"
EXPECTATIONS = sorted(path for path in FIXTURES.rglob("*.json") if path.with_suffix(".html").exists())
TOP_LEVEL = {"note", "url", "bytes", "kind", "record", "merged", "candidate", "listing"}

#: One source's candidate, by the name the JSON gives it under "candidate".
SOURCES = {
    "labels": labelled_text_candidate,
    "script": lambda page, url: script_candidate(page),
    "citeline": lambda page, url: citation_line_candidate(page),
    "bylines": lambda page, url: author_markup_candidate(page),
    "heading": lambda page, url: heading_candidate(page),
    "doi_text": lambda page, url: doi_text_candidate(page),
    "coins": lambda page, url: coins_candidate(page),
    "jsonld": lambda page, url: jsonld_candidate(page),
    "microdata": lambda page, url: microdata_candidate(page),
    "bibtex": lambda page, url: bibtex_candidate(page),
}

#: An expected value given as a JSON object names how the value found is read before it is compared.
READINGS = {
    "split_keywords": split_keywords,
    "normalize_language": normalize_language,
    "parse_date": parse_date,
    "names": lambda authors: [author["name"] for author in authors or []],
}


def _names(values: dict) -> dict:
    """A record or merged candidate with its authors as their names."""
    return {**values, "authors": [author["name"] for author in values.get("authors") or []]}


def _filled(value) -> bool:
    return value not in (None, "", [], {})


def compare(where: str, name: str, want, got) -> list[str]:
    """The problems of one field: empty when ``got`` is what ``want`` asks for."""
    if isinstance(want, dict):
        forms = set(want)
        if forms and forms <= {"prefix", "suffix"}:
            ok = isinstance(got, str) and got.startswith(want.get("prefix", "")) and got.endswith(want.get("suffix", ""))
            return [] if ok else [f"{where}: field {name}: expected {want!r}, got {got!r}"]
        if forms == {"each"}:
            return _each(where, name, want["each"], got)
        (form, value), = want.items()
        if form not in READINGS:
            raise ValueError(f"{where}: field {name}: unknown form {form!r}")
        got, want, name = READINGS[form](got), value, f"{name} ({form})"
    return [] if got == want else [f"{where}: field {name}: expected {want!r}, got {got!r}"]


def _each(where: str, name: str, wants: list[dict], got) -> list[str]:
    """A list of objects, one expected object each in order, compared on the keys the expected one names."""
    got = got or []
    if len(got) != len(wants):
        return [f"{where}: field {name}: expected {len(wants)} items, got {len(got)}: {got!r}"]
    return [problem for index, (want, item) in enumerate(zip(wants, got)) for key, value in want.items()
            for problem in compare(where, f"{name}[{index}].{key}", value, item.get(key))]


def check_view(where: str, view: str, expected: dict, got: dict) -> list[str]:
    """Each named field as expected (``null``: empty); with ``"*": null`` no other field filled.
    ``view`` ("record.", "merged.", "candidate.labels." …) leads each field's name in a message."""
    problems = [p for name, want in expected.items() if name != "*"
                for p in compare(where, view + name, want, got.get(name))]
    if "*" in expected:
        if expected["*"] is not None:
            raise ValueError(f"{where}: '*' takes only null")
        problems += [f"{where}: field {view}{name}: expected nothing, got {value!r}"
                     for name, value in got.items() if name not in expected and _filled(value)]
    return problems


def check_listing(where: str, expected: dict, page, url: str) -> list[str]:
    problems = []
    if "is_listing" in expected:
        problems += compare(where, "listing.is_listing", expected["is_listing"], is_listing(page, url))
    if "entries" in expected:
        entries, wants = listing_entries(page, url), expected["entries"]
        problems += compare(where, "listing.entries.url", [w["url"] for w in wants], [e.url for e in entries])
        problems += [p for index, (entry, want) in enumerate(zip(entries, wants)) for key, value in want.items()
                     for p in compare(where, f"listing.entries[{index}].{key}", value, getattr(entry, key))]
    return problems


def read_page(path: Path, spec: dict):
    """The page's parsed tree: UTF-8 text, or bytes decoded as a response with no declared charset."""
    if spec.get("bytes") == "undeclared":
        return parse_html(decode_page(path.read_bytes(), None).text)
    if "bytes" in spec:
        raise ValueError(f"{path.name}: unknown bytes {spec['bytes']!r}")
    return parse_html(path.read_text(encoding="utf-8"))


def page_problems(expectation: Path) -> list[str]:
    spec = json.loads(expectation.read_text(encoding="utf-8"))
    html = expectation.with_suffix(".html")
    where = html.relative_to(FIXTURES).as_posix()
    unknown = set(spec) - TOP_LEVEL
    assert not unknown, f"{where}: unknown keys {sorted(unknown)} in {expectation.name}"
    url = spec.get("url", html.as_uri())
    page = read_page(html, spec)
    article = ArticlePage(page, url)
    problems = []
    if "kind" in spec:
        verdict = article.verdict()
        if verdict.kind != spec["kind"]:
            problems.append(f"{where}: field kind: expected {spec['kind']!r}, got {verdict.kind!r} ({verdict.reason})")
    if "record" in spec:
        record = NormalizePipeline().process_item(build_record(url, "test", "2026-01-01T00:00:00Z", page=article))
        problems += check_view(where, "record.", spec["record"], _names(record.to_dict()))
    if "merged" in spec:
        problems += check_view(where, "merged.", spec["merged"], _names(article.merged.values))
    for source, expected in spec.get("candidate", {}).items():
        assert source in SOURCES, f"{where}: unknown source {source!r} (known: {sorted(SOURCES)})"
        problems += check_view(where, f"candidate.{source}.", expected, SOURCES[source](page, url).values)
    if "listing" in spec:
        problems += check_listing(where, spec["listing"], page, url)
    return problems


@pytest.mark.parametrize("expectation", EXPECTATIONS,
                         ids=[p.with_suffix(".html").relative_to(FIXTURES).as_posix() for p in EXPECTATIONS])
def test_page(expectation):
    problems = page_problems(expectation)
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


def test_every_expectation_file_has_its_page():
    orphans = [p.relative_to(FIXTURES).as_posix() for p in FIXTURES.rglob("*.json") if p not in EXPECTATIONS]
    assert not orphans, f"expectation files without their .html page: {orphans}"


@pytest.mark.parametrize("want, got, ok", [
    ("a", "a", True), ("a", "b", False), (None, None, True), (None, "a", False),
    ({"prefix": "Ab"}, "Abc", True), ({"suffix": "bc", "prefix": "A"}, "Abc", True), ({"suffix": "b"}, "Abc", False),
    ({"prefix": "A"}, None, False),
    ({"split_keywords": ["a", "b"]}, "a; b", True), ({"split_keywords": ["a"]}, "a; b", False),
    ({"names": ["A B"]}, [{"name": "A B", "orcid": None}], True), ({"names": []}, [{"name": "A B"}], False),
    ({"each": [{"name": "A", "orcid": None}]}, [{"name": "A", "orcid": None, "affiliations": []}], True),
    ({"each": [{"name": "A", "orcid": None}]}, [{"name": "A", "orcid": "x"}], False),
    ({"each": [{"name": "A"}]}, [{"name": "A"}, {"name": "B"}], False),
])
def test_compare_forms(want, got, ok):
    assert (compare("p.html", "f", want, got) == []) is ok


def test_star_means_nothing_else_filled():
    assert check_view("p.html", "candidate.labels.", {"title": "T", "*": None}, {"title": "T", "keywords": []}) == []
    assert check_view("p.html", "candidate.labels.", {"title": "T", "*": None}, {"title": "T", "doi": "10.1/x"}) == [
        "p.html: field candidate.labels.doi: expected nothing, got '10.1/x'"]
    assert check_view("p.html", "merged.", {"title": "T"}, {"title": "T", "doi": "10.1/x"}) == []


def test_unknown_form_is_an_error():
    with pytest.raises(ValueError):
        compare("p.html", "f", {"startswith": "a"}, "abc")
