"""One record per work: the records of the pages that show one work, merged by the field rules.

The same article may be read from an aggregator page, the journal's own page and a mirror.
Each page gives a normalised record; ``merge_records`` picks each field from them with the
same precedence and pickers that merge the sources of one page (``harvester.extract.merge``),
ranking a page's value by the source it came from on that page. The result keeps every URL
the work was seen at (``urls``) and, per field, the page the value came from
(``provenance_urls``) beside the source (``provenance``).
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any
from urllib.parse import urlsplit

from harvester.extract.merge import _PICKERS, PRECEDENCE, Merged, _first_usable

#: Merge field -> (record path, provenance name).
FIELDS: dict[str, tuple[tuple[str, ...], str]] = {
    "title": (("title",), "title"),
    "authors": (("authors",), "authors"),
    "journal_title": (("journal", "title"), "journal"),
    "journal_abbrev": (("journal", "abbreviation"), "journal.abbreviation"),
    "issn": (("journal", "issn"), "journal.issn"),
    "publisher": (("journal", "publisher"), "journal.publisher"),
    "volume": (("volume",), "volume"),
    "issue": (("issue",), "issue"),
    "pages": (("first_page",), "first_page"),
    "publication_date": (("publication_date",), "publication_date"),
    "keywords": (("keywords",), "keywords"),
    "abstract": (("abstract",), "abstract"),
    "language": (("language",), "language"),
    "doi": (("doi",), "doi"),
    "canonical_url": (("canonical_url",), "canonical_url"),
    "last_modified": (("last_modified",), "last_modified"),
    "related": (("related",), "related"),
}

#: Fields that say when or how a record was made, not what the work is: no part of its fingerprint.
VOLATILE = frozenset({"harvested_at", "change", "first_seen", "last_changed"})

#: Raw strings kept beside a normalised field, taken from the page whose value won.
RAW_BESIDE = {"publication_date": "publication_date_raw", "last_modified": "last_modified_raw"}


def work_key(record: dict) -> str:
    """``doi:<doi>`` (case-insensitive), else ``url:<canonical URL>`` when it can name one work, else ``url:<URL>``."""
    if record.get("doi"):
        return f"doi:{record['doi'].lower()}"
    canonical = record.get("canonical_url")
    return f"url:{canonical if canonical and names_one_page(canonical, record['url']) else record['url']}"


def names_one_page(canonical: str, url: str) -> bool:
    """A canonical URL that may stand for one article: not a site's root, not an ancestor of the page.

    Some sites declare their home or section page as every page's canonical URL; taken as the
    identity, it would merge all their articles into one.

    >>> names_one_page("https://j.org/article/5", "https://j.org/article/5?lang=ru")
    True
    >>> names_one_page("https://j.org/", "https://j.org/article/5"), names_one_page("https://j.org/journal", "https://j.org/journal/article/5")
    (False, False)
    """
    target, page = urlsplit(canonical), urlsplit(url)
    path = target.path.rstrip("/")
    if not path:
        return False
    return not (target.netloc == page.netloc and page.path.startswith(path + "/"))


def same_work(record: dict, other: dict) -> bool:
    """False for two records of one site whose titles share less than half their words.

    One identifier on two pages of the same site naming different articles is a wrong
    identifier (a journal's or a proceedings volume's DOI repeated on every paper), not one
    work; across sites, titles may differ by language and the identifier decides.
    """
    if urlsplit(record["url"]).netloc != urlsplit(other["url"]).netloc:
        return True
    words, others = _title_words(record), _title_words(other)
    if len(words) < 3 or len(others) < 3:
        return True
    return len(words & others) / len(words | others) >= 0.5


def _title_words(record: dict) -> set[str]:
    return set(re.findall(r"\w+", (record.get("title") or "").casefold()))


def fingerprint(record: dict) -> str:
    """A hash of what the record says about the work (harvest times left out)."""
    stable = {k: v for k, v in record.items() if k not in VOLATILE}
    return hashlib.sha256(json.dumps(stable, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def merge_records(records: list[dict]) -> dict:
    """One record from the records of several pages of a work (article pages before listings)."""
    records = sorted(records, key=lambda r: r.get("record_type") != "article")  # stable: keeps page order
    if len(records) == 1:
        return {**records[0], "urls": [records[0]["url"]], "provenance_urls": _single_urls(records[0])}
    out = {k: v for k, v in records[0].items() if k not in {"provenance"}}
    out["provenance"], out["provenance_urls"] = {}, {}
    for name, (path, prov) in FIELDS.items():
        _clear(out, path, name)
        options = _options(records, name, path, prov)
        if options:
            _take(out, name, path, prov, options)
    out["harvested_at"] = max((r.get("harvested_at") or "" for r in records), default=None) or None
    out["urls"] = list(dict.fromkeys(r["url"] for r in records))
    return out


def _single_urls(record: dict) -> dict[str, str]:
    return {name: record["url"] for name in record.get("provenance") or {}}


def _get(record: dict, path: tuple[str, ...]) -> Any:
    value: Any = record
    for part in path:
        value = value.get(part) if isinstance(value, dict) else None
    return value


def _clear(out: dict, path: tuple[str, ...], name: str) -> None:
    if path[0] == "journal":
        out["journal"] = {k: v for k, v in (out.get("journal") or {}).items() if k != path[1]}
    elif name == "pages":
        out["first_page"] = out["last_page"] = None
    else:
        out[path[0]] = [] if isinstance(out.get(path[0]), list) else None
    if name in RAW_BESIDE:
        out[RAW_BESIDE[name]] = None


def _options(records: list[dict], name: str, path: tuple[str, ...], prov: str) -> list[tuple[str, Any, dict]]:
    """``(source, value, record)`` for every record that fills the field, strongest source first."""
    ranked = PRECEDENCE.get(name, ())
    found = []
    for record in records:
        value = _get(record, path)
        if value in (None, "", [], {}):
            continue
        if name == "pages":
            value = {"first_page": record.get("first_page"), "last_page": record.get("last_page")}
        found.append((record.get("provenance", {}).get(prov, "unknown"), value, record))
    return sorted(found, key=lambda o: ranked.index(o[0]) if o[0] in ranked else len(ranked))


def _take(out: dict, name: str, path: tuple[str, ...], prov: str, options: list[tuple[str, Any, dict]]) -> None:
    merged = Merged()
    _PICKERS.get(name, _first_usable)(name, [(s, v) for s, v, _ in options], merged)
    if name == "pages":
        name = "first_page"
    if name not in merged.values:
        return
    value, source = merged.values[name], merged.provenance[name]
    record = _winning_record(options, value, source)
    if name == "first_page":
        out["first_page"], out["last_page"] = value, merged.values.get("last_page")
    elif path[0] == "journal":
        out["journal"] = {**out.get("journal", {}), path[1]: value}
    else:
        out[path[0]] = value
    if name in RAW_BESIDE:
        out[RAW_BESIDE[name]] = record.get(RAW_BESIDE[name])
    out["provenance"][prov] = source
    out["provenance_urls"][prov] = record["url"]
    if name == "first_page" and out["last_page"]:
        out["provenance"]["last_page"], out["provenance_urls"]["last_page"] = source, record["url"]


def _winning_record(options: list[tuple[str, Any, dict]], value: Any, source: str) -> dict:
    """The record whose value won: the same object, else the first of the winning source."""
    for option_source, option_value, record in options:
        if option_value is value:
            return record
    return next((r for s, _, r in options if s == source), options[0][2])
