"""schema.org written into the markup (microdata ``itemprop``, RDFa Lite ``property``) as a candidate.

Each item becomes a JSON-LD shaped node (``{"@type": ..., "headline": ..., "author": [...]}``) read by
the same schema.org mapping as JSON-LD blocks (``jsonld.schema_org_candidate``). Only items that
stand at the top of the page's item tree are candidates for the article, and none inside a
reference list or a "related"/"cited by" block: those items describe other works. Two or more
top-level article items (a list of articles) leave the source empty rather than guess.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree
from parsel import Selector

from harvester.extract.base import Candidate
from harvester.extract.jsonld import ARTICLE_TYPES, schema_org_candidate, schema_types
from harvester.extract.meta import clean

_ITEMS = etree.XPath("//*[@itemscope or @typeof]")
_ITEM_ANCESTOR = etree.XPath("ancestor::*[@itemscope or @typeof][1]")
_OTHER_WORKS = re.compile(r"refer|citation|cited|bibliograph|related|recommend|similar|also-read|more-from", re.I)
#: Properties whose value is a link target when written on a link; all others read as text.
_URL_PROPERTIES = frozenset({"url", "sameAs", "mainEntityOfPage", "image", "license"})
MAX_ITEMS = 2_000  # items read from one page
MAX_DEPTH = 12  # items nested deeper than this are left out


def microdata_candidate(selector: Selector) -> Candidate:
    """The page's one top-level schema.org article item (microdata or RDFa Lite) as raw fields."""
    root = selector.root
    if not hasattr(root, "iter"):
        return Candidate("microdata")
    tops = [item for item in _ITEMS(root)[:MAX_ITEMS] if _is_top(item)]
    nodes = [_node(item, 0) for item in tops]
    articles = [node for node in nodes if schema_types(node) & ARTICLE_TYPES]
    if len(articles) != 1:
        return Candidate("microdata")
    article = articles[0]
    if isinstance(article.get("author"), list):
        article["author"] = _distinct_people(article["author"])
    return schema_org_candidate([article], "microdata")


def _distinct_people(people: list[Any]) -> list[Any]:
    """Each person once: a byline and a contributors panel often mark up the same authors twice."""
    seen, kept = set(), []
    for person in people:
        key = _person_key(person)
        if key not in seen:
            seen.add(key)
            kept.append(person)
    return kept


def _person_key(person: Any) -> str:
    if isinstance(person, dict):
        name = person.get("name") or f"{person.get('givenName', '')} {person.get('familyName', '')}"
        person = name if isinstance(name, str) else str(name)
    return " ".join(str(person).lower().split())


def _is_top(item: etree._Element) -> bool:
    """An item that is no other item's property and sits outside blocks about other works."""
    if _property_names(item) or _ITEM_ANCESTOR(item):
        return False
    return not any(_OTHER_WORKS.search(f"{el.get('class', '')} {el.get('id', '')}") for el in item.iterancestors())


def _property_names(element: etree._Element) -> list[str]:
    return (element.get("itemprop") or element.get("property") or "").split()


def _node(item: etree._Element, depth: int) -> dict[str, Any]:
    """One item as a JSON-LD shaped dict: ``@type`` and its properties (a list when repeated)."""
    found: dict[str, list[Any]] = {}
    for element in _own_properties(item):
        value = _node(element, depth + 1) if _is_item(element) and depth < MAX_DEPTH else None
        if value is None or set(value) == {"@type"} or schema_types(value) == {"Text"}:
            value = _text_value(element, value)
        if value in (None, ""):
            continue
        for name in _property_names(element):
            found.setdefault(name.rsplit("/", 1)[-1].rsplit(":", 1)[-1], []).append(value)  # schema:name, IRIs
    node: dict[str, Any] = {name: values[0] if len(values) == 1 else values for name, values in found.items()}
    node["@type"] = (item.get("itemtype") or item.get("typeof") or "").split()
    return node


def _is_item(element: etree._Element) -> bool:
    return element.get("itemscope") is not None or element.get("typeof") is not None


def _own_properties(item: etree._Element):
    """Descendants carrying a property whose nearest enclosing item is ``item``."""
    stack = list(item)
    while stack:
        element = stack.pop(0)
        if not isinstance(element.tag, str):
            continue
        if _property_names(element):
            yield element
        if not _is_item(element):
            stack[0:0] = list(element)


def _text_value(element: etree._Element, node: dict[str, Any] | None) -> str | None:
    """The value of a property element; a ``Text`` item (RDFa ``typeof="Text"``) is its text after its heading."""
    text = _value(element)
    heading = (node or {}).get("name")
    if text and isinstance(heading, str) and text.startswith(heading):
        text = text[len(heading):].strip() or None
    return text


def _value(element: etree._Element) -> str | None:
    """A property's value: ``content``, a ``datetime``, a link for URL properties, else the element's text."""
    if element.get("content") is not None:
        return clean(element.get("content"))
    if element.get("datetime"):
        return element.get("datetime")
    link = element.get("href") or element.get("src")
    if link and set(_property_names(element)) & _URL_PROPERTIES:
        return link
    return clean(" ".join(element.itertext())) or link
