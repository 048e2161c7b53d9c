"""The page object: one parsed page, its candidates from every source, and the merged record."""

from __future__ import annotations

from functools import cached_property

from parsel import Selector

from harvester.extract import bibtex, bylines, citeline, coins, jsonld, labels, meta, microdata, scriptdata, visible
from harvester.extract.base import Candidate
from harvester.discovery.links import PageLinks, page_links
from harvester.discovery.listing import ListingEntry, listing_entries
from harvester.extract.merge import WEAK_SOURCES, Merged, merge
from harvester.extract.pagekind import Verdict, classify, not_article_work, page_refusal
from harvester.extract.platform import detect_platform
from harvester.extract.validators import plausible_name, plausible_title


#: Sources of embedded, machine-readable metadata: their title marks a page as one article.
EMBEDDED_SOURCES = frozenset({"citation", "bepress", "eprints", "dc", "prism", "jsonld", "microdata", "coins", "bibtex",
                              "script"})

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
    def candidates(self) -> list[Candidate]:
        """Raw values from every source, strongest vocabularies first."""
        sel, index, text = self.selector, self.meta, self.text
        return [
            meta.citation_candidate(index), meta.bepress_candidate(index), meta.eprints_candidate(index),
            meta.dublin_core_candidate(index), meta.prism_candidate(index), jsonld.jsonld_candidate(sel),
            microdata.microdata_candidate(sel),
            coins.coins_candidate(sel), bibtex.bibtex_candidate(sel), scriptdata.script_candidate(sel),
            labels.labelled_text_candidate(text, self.url),
            citeline.citation_line_candidate(text), bylines.author_markup_candidate(text),
            visible.heading_candidate(text), meta.opengraph_candidate(index), visible.title_tag_candidate(text),
            meta.page_candidate(sel, index), visible.doi_text_candidate(text),
        ]

    @cached_property
    def merged(self) -> Merged:
        return merge(self.candidates)

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
