"""Safe XML: hostile documents (entity bombs, external entities, DTDs) loaded harmlessly, elements read by local name.

Shared by the OAI-PMH reader and the sitemap reader; parsing never reaches the network or expands an entity.
"""

from __future__ import annotations

import re
from typing import Any, Iterable, Optional, Union

from lxml import etree

from harvester.extract.meta import clean

#: lxml options that keep a hostile document harmless: no entity expansion, no DTD, no network, size limits kept.
SAFE_XML_OPTIONS: dict[str, Any] = {
    "resolve_entities": False, "no_network": True, "huge_tree": False, "load_dtd": False,
    "remove_comments": True, "remove_pis": True,
}
_STRICT = etree.XMLParser(**SAFE_XML_OPTIONS)
_RECOVERING = etree.XMLParser(recover=True, **SAFE_XML_OPTIONS)

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_UTF8_BOM = b"\xef\xbb\xbf"
_BARE_AMPERSAND = re.compile(rb"&(?!(?:[A-Za-z_][\w.-]*|#\d+|#x[0-9A-Fa-f]+);)")
#: libxml2 errors that mean a safety limit stopped the parse (entity amplification, entity loop).
HOSTILE_XML_CODES = frozenset({etree.ErrorTypes.ERR_RESOURCE_LIMIT, etree.ErrorTypes.ERR_ENTITY_LOOP})


class ParseError(ValueError):
    """The body is not XML that can be read, even with a recovering parser."""


def xml_bytes(data: Union[str, bytes]) -> bytes:
    """Bytes lxml can read: a str loses its (now meaningless) encoding declaration; a UTF-8 BOM and
    whitespace before the declaration go."""
    if isinstance(data, str):
        return _XML_DECLARATION.sub("", data.lstrip("\ufeff"), count=1).encode("utf-8")
    head = data[:1024]  # look at the head only: a large body is never copied when nothing needs cutting
    skip = len(_UTF8_BOM) if head.startswith(_UTF8_BOM) else 0
    blank = len(head) - skip - len(head[skip:].lstrip())
    if blank and head[skip + blank:].startswith(b"<?xml"):
        skip += blank
    return data[skip:] if skip else data


def escape_bare_ampersands(body: bytes) -> bytes:
    """Escape each ``&`` that starts no entity or character reference: the commonest fault of generated XML.

    >>> escape_bare_ampersands(b"<t>Bread & Salt &amp; &#233;</t>")
    b'<t>Bread &amp; Salt &amp; &#233;</t>'
    """
    return _BARE_AMPERSAND.sub(b"&amp;", body)


def is_hostile(error: etree.XMLSyntaxError) -> bool:
    """True when libxml2 stopped on a safety limit (entity amplification or loop): refuse, do not recover."""
    return error.code in HOSTILE_XML_CODES


def load_xml(data: Union[str, bytes]) -> tuple[etree._Element, bool]:
    """Root element of ``data`` and whether repair was needed (bare ``&`` escaped, else a recovering parse).

    Raises ParseError when nothing usable comes out, or at once when a safety limit was hit.
    """
    body = xml_bytes(data)
    try:
        return etree.fromstring(body, _STRICT), False
    except etree.XMLSyntaxError as strict_error:
        if is_hostile(strict_error):
            raise ParseError(f"refused, a parser safety limit was hit: {strict_error}") from None
        first_error = strict_error
    repaired = escape_bare_ampersands(body)
    root = _parse_or_none(repaired, _STRICT)
    if root is None:
        root = _parse_or_none(repaired, _RECOVERING)
    if root is None:
        raise ParseError(f"not well-formed XML: {first_error}")
    return root, True


def _parse_or_none(body: bytes, parser: etree.XMLParser) -> Optional[etree._Element]:
    try:
        return etree.fromstring(body, parser)
    except etree.XMLSyntaxError:
        return None


def local_name(element: Any) -> str:
    """Tag name without namespace; '' for comments, entities and processing instructions."""
    tag = element.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def element_text(element: Optional[etree._Element]) -> str:
    """Text of an element and its descendants, whitespace collapsed; unexpanded entities left out."""
    if element is None:
        return ""
    return clean("".join(_text_parts(element)))


def _text_parts(element: etree._Element) -> Iterable[str]:
    yield element.text or ""
    for child in element:
        if isinstance(child.tag, str):  # an unexpanded entity's text is '&name;': never copy it
            yield from _text_parts(child)
            yield " " if child.tail is None else child.tail  # '<p>a</p><p>b</p>' reads 'a b'
        else:
            yield child.tail or ""


def child_texts(element: etree._Element) -> dict[str, list[str]]:
    """Non-empty texts of the direct children, by local name, in document order."""
    found: dict[str, list[str]] = {}
    for child in element:
        text = element_text(child)
        if text:
            found.setdefault(local_name(child), []).append(text)
    return found


def first(values: Optional[list[str]]) -> Optional[str]:
    return values[0] if values else None


def int_or_none(value: Optional[str]) -> Optional[int]:
    return int(value) if value and value.strip().isdigit() else None


def lpath(path: str) -> etree.XPath:
    """A compiled XPath over local names, so that ``front/article-meta`` matches in any namespace."""
    steps = []
    for step in path.split("/"):
        name, bracket, rest = step.partition("[")
        if name and name not in (".", "..") and not name.startswith("@") and not name.endswith("()"):
            step = f"*[local-name()='{name}']" + (bracket + rest if bracket else "")
        steps.append(step)
    return etree.XPath("/".join(steps))
