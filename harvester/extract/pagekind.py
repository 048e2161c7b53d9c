"""Tell article pages from listings and from pages that only sit at article URLs."""

from __future__ import annotations

import re
from dataclasses import dataclass

from parsel import Selector

from harvester.vocabulary import pattern

_CHALLENGE_TITLE = re.compile(rf"^\s*{pattern('challenge')}", re.I)
_CHALLENGE_MARKERS = ("cf-challenge", "cf_chl_", "challenge-platform", "g-recaptcha", "hcaptcha", "/cdn-cgi/challenge")
_LOGIN_TITLE = re.compile(rf"\b{pattern('login')}\b", re.I)


@dataclass(frozen=True)
class Verdict:
    """What a page is (``article``, ``listing`` or ``other``) and why."""

    kind: str
    reason: str


# An attribute value's closing quote glued to the next attribute's name: `content="x"name=y`.
_GLUED_ATTRIBUTE = re.compile(rb'="[^"<>]*"[A-Za-z][\w:-]*=')
_TAG_START = re.compile(rb"<[A-Za-z]")


def body_refusal(body: bytes) -> str | None:
    """A reason when the bytes are plainly not a usable HTML page (a PDF, empty, corrupted markup)."""
    head = body[:1024].lstrip()
    if not head:
        return "empty_body"
    if head.startswith(b"%PDF-"):
        return "pdf_bytes"
    if b"\x00" in head:
        return "binary_body"
    if corrupted_markup(body):
        return "corrupted_markup"
    return None


def corrupted_markup(body: bytes) -> bool:
    """True when attributes run together in over a tenth of the tags: a copy mangled by a broken tool.

    Such a copy cannot be trusted to keep attribute values with their names, so no record is made.
    """
    glued = len(_GLUED_ATTRIBUTE.findall(body))
    return glued >= 50 and glued * 10 > len(_TAG_START.findall(body))


def page_refusal(selector: Selector) -> str | None:
    """A reason when the page is a bot challenge or a login wall rather than content."""
    title = " ".join(selector.xpath("//title//text()").getall())
    if _CHALLENGE_TITLE.search(title):
        return "bot_challenge"
    scripts = " ".join(selector.xpath("//script/@src | //form/@action | //div/@id | //div/@class").getall())
    if any(marker in scripts for marker in _CHALLENGE_MARKERS) and len(_visible_words(selector)) < 200:
        return "bot_challenge"
    if selector.xpath("//input[@type='password']") and _LOGIN_TITLE.search(title):
        return "login_wall"
    return None


def _visible_words(selector: Selector) -> list[str]:
    text = selector.xpath("//body//text()[not(ancestor::script) and not(ancestor::style)]").getall()
    return " ".join(text).split()


#: Declared resource types (``DC.type``, ``DCTERMS.type``, ``og:type``) of works that are no articles.
NOT_ARTICLE_TYPES = frozenset({
    "dataset", "data package", "software", "image", "stillimage", "still image", "movingimage",
    "moving image", "sound", "collection", "physicalobject", "physical object", "service",
    "interactiveresource", "interactive resource", "video", "audio",
})
# The title a repository gives the record of the data behind an article: "Data from: <article title>".
_DATA_RECORD_TITLE = re.compile(rf"^\s*{pattern('data_record_title')}\s*:", re.I)


def not_article_work(title: str | None, declared_types: list[str]) -> str | None:
    """A reason when the page describes a work that is no article (a data package, software, an image).

    >>> not_article_work("Data from: Clone size and age", [])
    'data record: title names the work the data come from'
    >>> not_article_work("Clone size and age", ["Dataset"])
    'declared type: Dataset'
    >>> not_article_work("Data from the field: a review", ["Text"]) is None
    True
    """
    if title and _DATA_RECORD_TITLE.match(title):
        return "data record: title names the work the data come from"
    declared = next((t for t in declared_types if " ".join(t.lower().split()) in NOT_ARTICLE_TYPES), None)
    return f"declared type: {declared.strip()}" if declared else None


#: Facts about one article; journal, volume, issue and date also head an issue's table of contents.
ARTICLE_FACTS = frozenset({"authors", "doi", "abstract", "keywords", "first_page", "last_page"})


def classify(evidence: set[str], article_links: int, listing_links: int) -> Verdict:
    """Decide from the fields strong sources filled and the links the page carries.

    An article needs a title, two facts, and one of them about the article itself: a table of
    contents states its issue's journal, volume and date too.  The article decision never
    depends on the links, so a caller may decide it before sorting them.
    """
    facts = evidence - {"title", "language", "canonical_url", "related", "last_modified"}
    if "title" in evidence and len(facts) >= 2 and facts & ARTICLE_FACTS:
        return Verdict("article", f"title and {len(facts)} article fields ({', '.join(sorted(facts))})")
    if article_links or listing_links:
        return Verdict("listing", f"{article_links} article links, {listing_links} listing links")
    if "title" not in evidence:
        return Verdict("other", "no article title stated")
    if facts and not facts & ARTICLE_FACTS:
        return Verdict("other", f"only issue-level metadata ({', '.join(sorted(facts))})")
    return Verdict("other", f"too little article metadata ({', '.join(sorted(facts)) or 'none'})")
