"""MARCXML records as a ``Candidate``."""

from __future__ import annotations

from typing import Any

from lxml import etree

from harvester.discovery.oai.dublin_core import unique_texts
from harvester.discovery.xmlread import element_text, first, local_name
from harvester.extract.base import Candidate
from harvester.extract.meta import author, clean

def marc_fields(root: etree._Element) -> dict[str, list[dict[str, list[str]]]]:
    """MARC datafields by tag, each as ``{subfield code: [values]}``."""
    found: dict[str, list[dict[str, list[str]]]] = {}
    for datafield in root:
        if local_name(datafield) != "datafield":
            continue
        codes: dict[str, list[str]] = {}
        for sub in datafield:
            text = element_text(sub)
            if text:
                codes.setdefault(sub.get("code", ""), []).append(text)
        found.setdefault(datafield.get("tag", ""), []).append(codes)
    return found


def _marc(fields: dict, tags: str, code: str) -> list[str]:
    """Every ``code`` subfield value of the fields tagged with one of ``tags`` (space-separated)."""
    return [v for tag in tags.split() for f in fields.get(tag, []) for v in f.get(code, [])]


def _marc_authors(fields: dict) -> list[dict[str, Any]]:
    return [author(f["a"][0], f.get("u", [])) for tag in ("100", "700") for f in fields.get(tag, []) if f.get("a")]


def _marc_host(cand: Candidate, fields: dict) -> None:
    """Journal, volume, issue and pages from the first host-item entry (773) that names a journal."""
    host = next((f for f in fields.get("773", []) if f.get("p")), {})
    for name, code in (("journal_title", "p"), ("volume", "v"), ("issue", "n"), ("pages", "c")):
        cand.set(name, first(host.get(code)))
    cand.set("publication_date", first(host.get("y")))


def marc_candidate(root: etree._Element) -> Candidate:
    """Raw article fields from a MARCXML record (title, authors, DOI, host journal, date, abstract)."""
    if local_name(root) == "collection":
        root = next((child for child in root if local_name(child) == "record"), root)
    fields = marc_fields(root)
    cand = Candidate("oai_marc")
    title = first(_marc(fields, "245", "a"))
    subtitle = first(_marc(fields, "245", "b"))
    cand.set("title", clean(f"{title} : {subtitle}") if title and subtitle else title)
    cand.set("authors", _marc_authors(fields))
    dois = [f["a"][0] for f in fields.get("024", []) if f.get("a") and "doi" in " ".join(f.get("2", [])).lower()]
    cand.set("doi", first(dois))
    cand.set("publication_date", first(_marc(fields, "260 264", "c")))
    _marc_host(cand, fields)
    cand.set("abstract", first(_marc(fields, "520", "a")))
    cand.set("keywords", unique_texts(_marc(fields, "653", "a")))
    cand.set("language", first(_marc(fields, "041", "a")))
    cand.set("issn", unique_texts(_marc(fields, "022", "a")))
    cand.set("publisher", first(_marc(fields, "260 264", "b")))
    return cand
