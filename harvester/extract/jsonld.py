"""JSON-LD (schema.org) article metadata from ``<script type="application/ld+json">`` blocks.

Blocks are read tolerantly (comment/CDATA wrappers, trailing commas, raw control characters,
several objects in one block); a block that still cannot be read is skipped, never raised.
Bounded: a block longer than ``MAX_BLOCK_CHARS`` or nested deeper than ``MAX_DEPTH`` is skipped
whole (so a hostile block never raises ``RecursionError``), and at most ``MAX_NODES`` objects
of a page are read.
"""

from __future__ import annotations

import json
import re
from itertools import chain
from typing import Any, Optional

from lxml import etree
from parsel import Selector

from harvester.extract.base import Candidate
from harvester.extract.meta import author, clean, looks_like_doi, strip_markup

_SCRIPTS = etree.XPath(
    "//script[contains(translate(@type, 'APLICTONDJS', 'aplictondjs'), 'application/ld+json')]"
)
_OPENER = re.compile(r"^\s*(?:(?://|/\*)\s*)?(?:<!--|<!\[CDATA\[)\s*(?:\*/)?")
_CLOSER = re.compile(r"(?:(?://|/\*)\s*)?(?:-->|\]\]>)\s*(?:\*/)?\s*$")
_TRAILING_COMMA = re.compile(r",\s*(?=[}\]])")
_SEPARATORS = re.compile(r"[\s;,]*")
_BARE_ORCID = re.compile(r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$")
_DECODER = json.JSONDecoder(strict=False)  # strict=False lets raw control characters through

# schema.org types that describe the article itself; lower rank wins.
_ARTICLE_RANK = {
    "ScholarlyArticle": 0, "MedicalScholarlyArticle": 1, "Article": 2,
    "Report": 3, "Chapter": 3, "Thesis": 3,
}
#: schema.org types that describe an article (or thesis, report, chapter).
ARTICLE_TYPES = frozenset(_ARTICLE_RANK)
_PERIODICAL_TYPES = {"Periodical", "Journal"}
_MAX_CHAIN = 6  # isPartOf hops: issue -> volume -> periodical, with room for odd nesting
MAX_BLOCK_CHARS = 2_000_000  # a script block longer than this is skipped unread
MAX_DEPTH = 48  # arrays and objects nested deeper than this: the block is skipped
MAX_NODES = 2_000  # objects read from one page's blocks


def _unwrap(text: str) -> str:
    """Remove ``<!-- -->`` and ``<![CDATA[ ]]>`` wrappers (also behind ``//`` or ``/* */``)."""
    for _ in range(2):
        text = _CLOSER.sub("", _OPENER.sub("", text))
    return text


def _decode_all(text: str) -> list[Any]:
    """Every JSON value in ``text``, several objects one after another allowed."""
    values: list[Any] = []
    position, end = 0, len(text)
    while True:
        position = _SEPARATORS.match(text, position).end()
        if position >= end:
            return values
        value, position = _DECODER.raw_decode(text, position)
        values.append(value)


def parse_jsonld_block(text: str) -> list[Any]:
    """The JSON values of one script block, repaired where cheap; ``[]`` when unreadable.

    >>> parse_jsonld_block('<!-- {"@type": "Article", "name": "A",} -->')
    [{'@type': 'Article', 'name': 'A'}]
    >>> parse_jsonld_block('{"a": 1} {"b": 2}')
    [{'a': 1}, {'b': 2}]
    >>> parse_jsonld_block('{"a": ')
    []
    """
    if len(text) > MAX_BLOCK_CHARS:
        return []
    text = _unwrap(text)
    for attempt in (text, None):
        try:
            values = _decode_all(text if attempt is not None else _TRAILING_COMMA.sub("", text))
        except (ValueError, RecursionError):
            continue
        return values if all(within_depth(v, MAX_DEPTH) for v in values) else []
    return []


def within_depth(value: Any, limit: int) -> bool:
    """True when ``value`` nests arrays and objects at most ``limit`` deep (checked without recursion).

    >>> within_depth({"a": [1, {"b": 2}]}, 3), within_depth([[[[]]]], 3)
    (True, False)
    """
    stack = [(value, 1)]
    while stack:
        current, depth = stack.pop()
        if isinstance(current, (dict, list)):
            if depth > limit:
                return False
            stack.extend((child, depth + 1) for child in (current.values() if isinstance(current, dict) else current))
    return True


def _collect(value: Any, nodes: list[dict[str, Any]]) -> None:
    """Top-level objects, ``@graph`` members and ``mainEntity`` objects; not citations or parts."""
    if len(nodes) >= MAX_NODES:
        return
    if isinstance(value, list):
        for item in value:
            _collect(item, nodes)
    elif isinstance(value, dict):
        nodes.append(value)
        _collect(value.get("@graph"), nodes)
        _collect(value.get("mainEntity"), nodes)


def _page_nodes(selector: Selector) -> list[dict[str, Any]]:
    root = selector.root
    if not hasattr(root, "iter"):
        return []
    nodes: list[dict[str, Any]] = []
    for script in _SCRIPTS(root):
        _collect(parse_jsonld_block(script.text or ""), nodes)
    return nodes


def schema_types(node: dict[str, Any]) -> set[str]:
    """The node's ``@type`` names without any vocabulary IRI in front."""
    names = (t for t in _as_list(node.get("@type")) if isinstance(t, str))
    return {name.rsplit("/", 1)[-1].rsplit(":", 1)[-1] for name in names}


def _pick_article(nodes: list[dict[str, Any]]) -> Optional[dict[str, Any]]:
    """The first node of the best-ranked article type (ScholarlyArticle before Article)."""
    best, best_rank = None, len(_ARTICLE_RANK)
    for node in nodes:
        rank = min((_ARTICLE_RANK[t] for t in schema_types(node) if t in _ARTICLE_RANK), default=None)
        if rank is not None and rank < best_rank:
            best, best_rank = node, rank
    return best


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, dict) and "@list" in value:
        return _as_list(value["@list"])
    return value if isinstance(value, list) else [value]


def _text(value: Any) -> Optional[str]:
    """A cleaned string from a literal, a ``{"@value"}``/named object, or the first usable list item."""
    if isinstance(value, str):
        return clean(value) or None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, dict):
        return _text(value.get("@value", value.get("name")))
    if isinstance(value, list):
        return next(filter(None, map(_text, value)), None)
    return None


def _texts(value: Any) -> list[str]:
    return [text for text in map(_text, _as_list(value)) if text]


class _Graph:
    """Nodes of one page by ``@id``, to resolve references such as ``{"@id": "#issue"}``."""

    def __init__(self, nodes: list[dict[str, Any]]) -> None:
        self.by_id: dict[str, dict[str, Any]] = {}
        for node in nodes:
            node_id = node.get("@id")
            if isinstance(node_id, str) and len(node) > 1:
                self.by_id.setdefault(node_id, node)

    def resolve(self, value: Any) -> Any:
        """The full node a reference points to; anything else unchanged."""
        if isinstance(value, dict) and set(value) <= {"@id", "@type"}:
            reference = value.get("@id")
            return self.by_id.get(reference, value) if isinstance(reference, str) else value
        if isinstance(value, str):
            return self.by_id.get(value, value)
        return value


def _orcid(node: dict[str, Any]) -> Optional[str]:
    """An ORCID iD or URL from ``identifier``, ``sameAs``, ``@id`` or ``url``."""
    for value in chain(*(_as_list(node.get(key)) for key in ("identifier", "sameAs", "@id", "url"))):
        if isinstance(value, dict) and str(value.get("propertyID", "")).lower() == "orcid":
            value = value.get("value")
        text = _text(value) if not isinstance(value, dict) else None
        if text and ("orcid.org/" in text.lower() or _BARE_ORCID.match(text)):
            return text
    return None


def _affiliations(value: Any, graph: _Graph) -> list[str]:
    return [text for text in (_text(graph.resolve(item)) for item in _as_list(value)) if text]


def _author(value: Any, graph: _Graph) -> Optional[dict[str, Any]]:
    """One author from a plain name or a Person/Organization object; given/family kept when stated."""
    value = graph.resolve(value)
    if not isinstance(value, dict):
        name = clean(value) if isinstance(value, str) else None
        return author(name) if name else None
    given, family = _text(value.get("givenName")), _text(value.get("familyName"))
    name = _text(value.get("name")) or clean(f"{given or ''} {family or ''}")
    if not name:
        return None
    entry = author(name, _affiliations(value.get("affiliation"), graph), _orcid(value))
    if given:
        entry["given"] = given
    if family:
        entry["family"] = family
    return entry


def _authors(node: dict[str, Any], graph: _Graph) -> list[dict[str, Any]]:
    people = _as_list(node.get("author")) or _as_list(node.get("creator"))
    return [entry for entry in (_author(person, graph) for person in people) if entry]


def _doi(node: dict[str, Any]) -> Optional[str]:
    """A DOI stated as ``identifier`` (text or PropertyValue), ``sameAs``, ``@id`` or ``doi``."""
    for value in chain(*(_as_list(node.get(key)) for key in ("identifier", "sameAs", "@id", "doi"))):
        if isinstance(value, dict) and str(value.get("propertyID", "")).lower() == "doi":
            value = value.get("value")
        text = _text(value) if not isinstance(value, dict) else None
        if text and looks_like_doi(text):
            return text
    return None


def _page_url(node: dict[str, Any]) -> Optional[str]:
    page = node.get("mainEntityOfPage")
    if isinstance(page, dict):
        page = page.get("@id") or page.get("url")
    return _text(node.get("url")) or _text(page)


def _keywords(value: Any) -> Any:
    """A keyword list stays a list; one string (maybe comma-joined) stays one string."""
    if isinstance(value, str):
        return clean(value)
    return _texts(value)


def _read_work(node: dict[str, Any], graph: _Graph, candidate: Candidate) -> None:
    title = _text(node.get("headline")) or _text(node.get("name"))
    candidate.set("title", strip_markup(title) if title else None)
    candidate.set("authors", _authors(node, graph))
    candidate.set("publication_date", _text(node.get("datePublished")) or _text(node.get("dateCreated")))
    candidate.set("last_modified", _text(node.get("dateModified")))
    candidate.set("keywords", _keywords(node.get("keywords")))
    abstract = _text(node.get("abstract")) or _text(node.get("description"))
    candidate.set("abstract", strip_markup(abstract) if abstract else None)
    candidate.set("language", _text(node.get("inLanguage")))
    candidate.set("doi", _doi(node))
    candidate.set("canonical_url", _page_url(node))


def _read_pages(node: dict[str, Any], candidate: Candidate) -> None:
    candidate.set("first_page", _text(node.get("pageStart")))
    candidate.set("last_page", _text(node.get("pageEnd")))
    candidate.set("pages", _text(node.get("pagination")))


def _read_venue(node: dict[str, Any], graph: _Graph, candidate: Candidate) -> None:
    """Follow ``isPartOf`` (issue -> volume -> periodical); the nearest value of each field wins."""
    candidate.set("publisher", _text(graph.resolve(node.get("publisher"))))
    current = node
    for _ in range(_MAX_CHAIN):
        parents = _as_list(current.get("isPartOf"))
        current = graph.resolve(parents[0]) if parents else None
        if not isinstance(current, dict):
            return
        candidate.set("issue", _text(current.get("issueNumber")))
        candidate.set("volume", _text(current.get("volumeNumber")))
        if schema_types(current) & _PERIODICAL_TYPES or "issn" in current:
            candidate.set("journal_title", _text(current.get("name")))
        candidate.set("issn", _texts(current.get("issn")))
        candidate.set("publisher", _text(graph.resolve(current.get("publisher"))))


def jsonld_candidate(selector: Selector) -> Candidate:
    """The article node of the page's JSON-LD (ScholarlyArticle preferred) as raw fields."""
    return schema_org_candidate(_page_nodes(selector), "jsonld")


def schema_org_candidate(nodes: list[dict[str, Any]], source: str) -> Candidate:
    """The article among schema.org nodes (JSON-LD shaped, from any syntax) as the raw fields of ``source``."""
    candidate = Candidate(source)
    article = _pick_article(nodes)
    if article is None:
        return candidate
    graph = _Graph(nodes)
    _read_work(article, graph, candidate)
    _read_pages(article, candidate)
    _read_venue(article, graph, candidate)
    return candidate
