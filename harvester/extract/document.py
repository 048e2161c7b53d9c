"""Decode a response body once, right, and parse it once (bounded).

Charset lies: a body that does not decode strictly in the charset its header declares is tried in
the charset its own ``<meta>`` declares, then UTF-8, then the charset detected from its bytes;
when none works the text is decoded with replacement characters and, if many, ``Decoded.problem``
says so (the spider rejects the page as ``undecodable_text``). Parsing caps over-long titles
(``TITLE_CAP``) and ``<meta>`` values (``META_CAP``) at a word boundary and remembers which
fields it cut (``truncated_fields``).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from lxml import etree
from parsel import Selector
from parsel.selector import create_root_node

# Single-byte charsets that saved or misconfigured pages declare while their bytes are UTF-8
# (names as ``codecs.lookup`` spells them).
_SINGLE_BYTE = frozenset({"iso8859-1", "cp1252", "ascii"})


def codec_name(encoding: str | None) -> str | None:
    """Python's canonical codec name for ``encoding``, None when unknown."""
    try:
        return codecs.lookup(encoding).name if encoding else None
    except LookupError:
        return None


def decode_body(body: bytes, declared: str | None) -> str:
    """Text of an HTML body; valid UTF-8 bytes win over a single-byte or missing declaration.

    >>> decode_body("Schrödinger".encode("utf-8"), "iso-8859-1")
    'Schrödinger'
    >>> decode_body("Schr\\xf6dinger".encode("cp1252"), None)
    'Schrödinger'
    """
    name = codec_name(declared)
    if name is None or name in _SINGLE_BYTE:
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError:
            pass
    return body.decode(name or "cp1252", errors="replace")


_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)
#: Share of replacement characters above which a page counts as undecodable.
UNDECODABLE_SHARE = 0.005


@dataclass(frozen=True)
class Decoded:
    """A page's text, the codec that gave it, and what went wrong (None when nothing did)."""

    text: str
    codec: str | None = None
    problem: str | None = None


def meta_charset(body: bytes) -> str | None:
    """The charset the page's own ``<meta charset>`` / ``http-equiv`` declares in its first 4 KB.

    >>> meta_charset(b'<head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">')
    'cp1251'
    """
    match = _META_CHARSET.search(body[:4096])
    return codec_name(match.group(1).decode("ascii")) if match else None


def detect_charset(body: bytes) -> str | None:
    """The charset detected from the bytes (charset-normalizer, which Scrapy installs), None if unsure."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a Scrapy dependency
        return None
    best = from_bytes(body[:200_000]).best()
    return codec_name(best.encoding) if best is not None else None


_MARKUP = re.compile(rb"<(script|style)\b.*?</\1\s*>|<[^>]*>", re.I | re.S)
#: Share of non-ASCII letters in a page's text read as cp1252 above which it is no Western text.
NON_WESTERN_SHARE = 0.3


def guess_single_byte(body: bytes) -> str:
    """The charset of undeclared, non-UTF-8 bytes: cp1252, unless read so the text is mostly
    accented letters (Cyrillic, Greek or CJK bytes), then what detection finds (else cp1251).

    >>> guess_single_byte("<p>Variação do Québec</p>".encode("latin-1")), guess_single_byte("<p>Квантование</p>".encode("cp1251"))
    ('cp1252', 'cp1251')
    """
    text = _MARKUP.sub(b" ", body[:200_000]).decode("cp1252", errors="replace")
    letters = [c for c in text if c.isalpha()]
    foreign = sum(1 for c in letters if ord(c) > 127)
    if letters and foreign / len(letters) > NON_WESTERN_SHARE:
        detected = detect_charset(body)
        return detected if detected and not detected.startswith("utf") else "cp1251"
    return "cp1252"


def decode_page(body: bytes, declared: str | None) -> Decoded:
    """The text of an HTML body whose declared charset may lie (see the module docstring).

    >>> page = '<meta charset="windows-1251"><h1>Квантование</h1>'.encode("cp1251")
    >>> decode_page(page, "utf-8").text[-20:], decode_page(page, "utf-8").codec
    ('<h1>Квантование</h1>', 'cp1251')
    """
    name = codec_name(declared)
    in_meta = meta_charset(body)
    if name is None or name in _SINGLE_BYTE:
        order = ["utf-8", in_meta, name or guess_single_byte(body)]
    else:
        order = [name, in_meta, "utf-8"]
    tried = list(dict.fromkeys(c for c in order if c))
    for codec in tried:
        try:
            return Decoded(body.decode(codec), codec)
        except (UnicodeDecodeError, LookupError):
            continue
    detected = detect_charset(body)
    if detected and detected not in tried:
        try:
            return Decoded(body.decode(detected), detected)
        except (UnicodeDecodeError, LookupError):
            pass
    text = body.decode(tried[0], errors="replace")
    bad = text.count("\ufffd")
    if bad > max(3, UNDECODABLE_SHARE * len(text)):
        return Decoded(text, tried[0], f"{bad} of {len(text)} characters undecodable: the bytes are not "
                                       f"{', '.join(tried)} (header says {declared or 'nothing'}, <meta> says "
                                       f"{in_meta or 'nothing'}) and detection found {detected or 'nothing'}")
    return Decoded(text, tried[0])


def decode_response(response) -> Decoded:
    """The response's text: Scrapy's decoding when the declared charset holds, else ``decode_page``.

    A charset Scrapy only guessed from the bytes (no header, ``<meta>`` or BOM declares one) counts
    as none: old Latin-1 pages guess as cp1250 or cp1257 and would read "Variaçăo" for "Variação".
    """
    declared = _declared_charset(response)
    if declared is None:
        return decode_page(response.body, None)
    name = codec_name(declared)
    if name in _SINGLE_BYTE:
        return decode_page(response.body, declared)
    if name is not None:
        try:
            response.body.decode(name)
        except UnicodeDecodeError:
            return decode_page(response.body, declared)
    return Decoded(response.text, name)


def _declared_charset(response) -> str | None:
    """The charset a response declares (header, BOM, ``<meta>``), not one guessed from its bytes."""
    declared = getattr(response, "_declared_encoding", None)  # Scrapy's TextResponse, stable since 1.x
    if callable(declared):
        return declared()
    return getattr(response, "encoding", None)


def response_text(response) -> str:
    """The response's text, correcting a single-byte charset declared over UTF-8 bytes and other lies."""
    return decode_response(response).text


# -- bounded parsing

TITLE_CAP = 600  # characters of a title element or title <meta>; longer ones are cut at a word boundary
META_CAP = 50_000  # characters of any other <meta> value
_TITLE_METAS = frozenset({"citation_title", "dc.title", "dcterms.title", "og:title", "twitter:title", "prism.title",
                          "eprints.title", "bepress_citation_title", "citation_journal_title", "dc.title.alternative"})
_LONG_METAS = "//meta[string-length(@content) > {cap}]"
_LONG_TITLES = "//title[string-length(.) > {cap}] | //h1[string-length(.) > {cap}]"
_MARK = "data-harvester-truncated"


def parse_html(text: str) -> Selector:
    """One parsed tree for all extraction sources of a page, over-long titles and ``<meta>`` values cut.

    The tree is built by lxml's plain HTML parser: ``lxml.html``'s parser (parsel's default) looks
    up a Python element class for every element the extractors touch, a cost of its own on every
    page, and nothing here uses the methods those classes add.
    """
    selector = Selector(root=create_root_node(text, etree.HTMLParser), type="html")
    _bound(selector)
    return selector


def _bound(selector: Selector) -> None:
    """Cut over-long title and ``<meta>`` values in the tree; mark the root with the fields cut."""
    root = selector.root
    if not hasattr(root, "xpath"):
        return
    cut_fields = set()
    for element in root.xpath(_LONG_METAS.format(cap=TITLE_CAP)):
        key = (element.get("name") or element.get("property") or "").strip().lower()
        cap = TITLE_CAP if key in _TITLE_METAS else META_CAP
        content = element.get("content") or ""
        if len(content) > cap:
            element.set("content", _cut(content, cap))
            cut_fields.add("title" if cap == TITLE_CAP and "journal" not in key else f"meta:{key}")
    for element in root.xpath(_LONG_TITLES.format(cap=TITLE_CAP)):
        if element.text and len(element.text) > TITLE_CAP and not len(element):
            element.text = _cut(element.text, TITLE_CAP)
            cut_fields.add("title")
    if cut_fields:
        root.set(_MARK, " ".join(sorted(cut_fields)))


def truncated_fields(selector: Selector) -> list[str]:
    """Record fields whose page value ``parse_html`` cut (``title``); other cut ``<meta>`` values are not fields."""
    root = selector.root
    marks = (root.get(_MARK) or "").split() if hasattr(root, "get") else []
    return [mark for mark in marks if not mark.startswith("meta:")]


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _cut(text: str, cap: int) -> str:
    """``text`` cut to at most ``cap`` characters at a word boundary, ended with ``…`` (XML-safe, as lxml wants)."""
    head = _NOT_XML.sub(" ", text[:cap])
    space = head.rfind(" ")
    return (head[:space] if space >= cap // 2 else head[:cap - 1]).rstrip(" ,;:-") + "…"
