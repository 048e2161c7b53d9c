"""The page object: one parsed page, its candidates from every source, and the merged record."""

from __future__ import annotations

from functools import cached_property
from typing import Callable

from parsel import Selector

from harvester.extract import (bibtex, bylines, citeline, coins, jsonld, labels, meta, microdata, scriptdata, settled,
                               visible)
from harvester.extract.base import Candidate
from harvester.extract.labelled.dspace import has_record_rows
from harvester.discovery.links import PageLinks, page_links
from harvester.discovery.listing import ListingEntry, listing_entries
from harvester.extract.merge import WEAK_SOURCES, Merged, merge
from harvester.extract.pagekind import Verdict, classify, not_article_work, page_refusal
from harvester.extract.platform import detect_platform
from harvester.extract.validators import plausible_name, plausible_title


#: Sources of embedded, machine-readable metadata: their title marks a page as one article.
EMBEDDED_SOURCES = frozenset({"citation", "bepress", "eprints", "dc", "prism", "jsonld", "microdata", "coins", "bibtex",
                              "script"})

#: Sources read off the page's visible text, each with the fields it can give, in merge order.
TEXT_SOURCES: dict[str, tuple[frozenset[str], Callable[[visible.PageText, str], Candidate]]] = {
    "labels": (frozenset({"title", "authors", "journal_title", "volume", "issue", "pages", "publication_date",
                          "keywords", "abstract", "doi", "canonical_url", "last_modified", "related"}),
               labels.labelled_text_candidate),
    "citeline": (frozenset({"journal_title", "journal_abbrev", "volume", "issue", "pages", "publication_date"}),
                 lambda text, url: citeline.citation_line_candidate(text)),
    "bylines": (frozenset({"authors"}), lambda text, url: bylines.author_markup_candidate(text)),
    "heading": (frozenset({"title"}), lambda text, url: visible.heading_candidate(text)),
    "title_tag": (frozenset({"title"}), lambda text, url: visible.title_tag_candidate(text)),
    "text": (frozenset({"doi"}), lambda text, url: visible.doi_text_candidate(text)),
}

#: Facts a table of contents does not state for the page itself.
PAGE_OWN_FACTS = frozenset({"authors", "abstract", "keywords"})

class ArticlePage:
    """Everything the harvester reads from one HTML page, parsed once."""

    def __init__(self, selector: Selector, url: str):
        self.selector = selector
        self.url = url

    @cached_property
    def meta(self) -> meta.MetaIndex:
        return meta.MetaIndex.from_selector(self.selector)

    @cached_property
    def text(self) -> visible.PageText:
        """The page's visible text (main content, lines, site names), computed once for every source."""
        return visible.PageText(self.selector)

    @cached_property
    def embedded(self) -> list[Candidate]:
        """Candidates of the machine-readable sources (meta vocabularies, JSON-LD, microdata, ...): cheap to read."""
        sel, index = self.selector, self.meta
        return [
            meta.citation_candidate(index), meta.bepress_candidate(index), meta.eprints_candidate(index),
            meta.dublin_core_candidate(index), meta.prism_candidate(index), jsonld.jsonld_candidate(sel),
            microdata.microdata_candidate(sel), coins.coins_candidate(sel), bibtex.bibtex_candidate(sel),
            scriptdata.script_candidate(sel), meta.opengraph_candidate(index), meta.page_candidate(sel, index),
        ]

    @cached_property
    def open_fields(self) -> set[str]:
        """Fields the embedded metadata leaves open to the visible-text sources (``settled``)."""
        return settled.open_fields(self._embedded_merged, self.embedded, self.text_source_fields,
                                   settled.PageHints(self.selector.root))

    @cached_property
    def _embedded_merged(self) -> Merged:
        return merge(self.embedded)

    @cached_property
    def text_source_fields(self) -> dict[str, frozenset[str]]:
        """What each text source can give on this page: labels read a repository's 'dc.*' record table for any field."""
        fields = {source: fields for source, (fields, _) in TEXT_SOURCES.items()}
        if has_record_rows(self.selector):
            fields["labels"] = settled.ALL_FIELDS
        return fields

    @cached_property
    def candidates(self) -> list[Candidate]:
        """Raw values of the embedded sources and of each text source that can give an open field."""
        text = [build(self.text, self.url) for source, (_, build) in TEXT_SOURCES.items()
                if self.text_source_fields[source] & self.open_fields]
        return self.embedded + text

    @cached_property
    def all_candidates(self) -> list[Candidate]:
        """Raw values from every source, whether or not a field needs them (for diagnosis and comparison)."""
        return self.embedded + [build(self.text, self.url) for fields, build in TEXT_SOURCES.values()]

    @cached_property
    def merged(self) -> Merged:
        """The record's raw values by the merge rules (the embedded sources' merge when no text source was needed)."""
        return self._embedded_merged if len(self.candidates) == len(self.embedded) else merge(self.candidates)

    @cached_property
    def links(self) -> PageLinks:
        return page_links(self.selector, self.url)

    @cached_property
    def platform(self) -> str | None:
        return detect_platform(self.selector, self.meta, self.candidates)

    def refusal(self) -> str | None:
        """Why this page cannot be an article page at all (challenge, login wall), if so."""
        return page_refusal(self.selector)

    def verdict(self) -> Verdict:
        """Article, listing or other, from the evidence of strong sources and the links."""
        declared = self.meta.all("dc.type", "dcterms.type", "og:type")
        if (reason := not_article_work(self.merged.values.get("title"), declared)):
            return Verdict("other", reason)
        distrusted = WEAK_SOURCES if self._labels_describe_values() else WEAK_SOURCES | {"labels"}
        evidence = {k for k, source in self.merged.provenance.items() if source not in distrusted}
        if "title" in self.merged.values:
            evidence.add("title")
        verdict = classify(evidence, 0, 0)
        if verdict.kind == "article" and self._looks_like_listing(evidence):
            return Verdict("listing", f"{len(self.listed_elsewhere)} listed articles, no embedded metadata, "
                                      "no authors, abstract or keywords of its own")
        if verdict.kind == "article":
            return verdict  # an article page's links are not needed to say so: skip sorting them
        return classify(evidence, len(self.links.articles), len(self.links.listings) + len(self.links.next_pages))

    @cached_property
    def entries(self) -> list[ListingEntry]:
        """Articles the page lists (a TOC's entries, an article page's related links)."""
        return listing_entries(self.selector, self.url)

    @cached_property
    def listed_elsewhere(self) -> list[ListingEntry]:
        """Listed articles other than the page's own related links."""
        related = {r.get("url") for r in self.merged.values.get("related") or []}
        return [e for e in self.entries if e.url not in related]

    def _looks_like_listing(self, evidence: set[str]) -> bool:
        """A table of contents: its only "article facts" are one entry's citation line.

        Embedded metadata stating the title, or authors/abstract/keywords read off the page by a
        source other than labels, mean one article (whose sidebar may list others).
        """
        if self.merged.provenance.get("title") in EMBEDDED_SOURCES:
            return False
        # Labels repeat in every entry of a labelled table of contents: only other sources vouch.
        own = {k for k in evidence & PAGE_OWN_FACTS if self.merged.provenance.get(k) != "labels"}
        return not own and len(self.listed_elsewhere) >= 3

    def _labels_describe_values(self) -> bool:
        """False when labelled text holds descriptions instead of values (an instructions page)."""
        labels = next((c for c in self.candidates if c.source == "labels"), None)
        if labels is None:
            return True
        title_ok = labels.get("title") is None or plausible_title(labels.get("title"))
        names = [a.get("name") if isinstance(a, dict) else a for a in labels.get("authors") or []]
        return title_ok and all(plausible_name(n) for n in names)
