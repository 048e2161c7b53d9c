"""Decode a response body once, right, and parse it once."""

from __future__ import annotations

import codecs

from parsel import Selector

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


def response_text(response) -> str:
    """The response's text, correcting a single-byte charset declared over UTF-8 bytes."""
    if codec_name(getattr(response, "encoding", None)) in _SINGLE_BYTE:
        return decode_body(response.body, response.encoding)
    return response.text


def parse_html(text: str) -> Selector:
    """One parsed tree for all extraction sources of a page."""
    return Selector(text=text, type="html")
