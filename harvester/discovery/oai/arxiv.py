"""arXiv OAI records (``arXiv`` format) as a ``Candidate``."""

from __future__ import annotations

from lxml import etree

from harvester.discovery.xmlread import child_texts, first, local_name
from harvester.extract.base import Candidate
from harvester.extract.meta import author, clean

def arxiv_candidate(root: etree._Element) -> Candidate:
    """Raw article fields from an ``arXiv`` metadata element (title, authors, abstract, DOI, date)."""
    texts = child_texts(root)
    cand = Candidate("oai_arxiv")
    cand.set("title", first(texts.get("title")))
    names = []
    for authors in (c for c in root if local_name(c) == "authors"):
        for entry in authors:
            parts = child_texts(entry)
            names.append(clean(f"{first(parts.get('forenames')) or ''} {first(parts.get('keyname')) or ''}"))
    cand.set("authors", [author(name) for name in names if name])
    cand.set("abstract", first(texts.get("abstract")))
    cand.set("doi", first(texts.get("doi")))
    cand.set("publication_date", first(texts.get("created")))
    return cand
