"""Sitemaps: the ``Sitemap:`` lines of robots.txt, and a safe reader of sitemap bodies.

Pure: no fetching. ``parse_sitemap`` takes the body bytes (gzip or not, XML or plain text)
and never raises on bad input; problems come back in ``Sitemap.error``. Decompression is
capped so that a gzip bomb costs at most ``MAX_SITEMAP_BYTES`` of memory, and XML is read
as a stream with entity expansion, DTDs and network access off.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field
from typing import Iterable, Optional, Union
from urllib.parse import urljoin

from lxml import etree

from harvester.discovery.links import ARTICLE_PATH
from harvester.discovery.xmlread import SAFE_XML_OPTIONS, escape_bare_ampersands, is_hostile, local_name, xml_bytes

#: The protocol's limit on an uncompressed sitemap (50 MiB); decompression stops there.
MAX_SITEMAP_BYTES = 50 * 1024 * 1024
GZIP_MAGIC = b"\x1f\x8b"
_BLOCK = 1024 * 1024

_SITEMAP_LINE = re.compile(r"^\s*sitemap\s*:\s*(\S+)", re.I | re.M)
_HTTP = re.compile(r"^https?://", re.I)
_URL_PATH = re.compile(r"^[A-Za-z][\w+.-]*://[^/?#]*([^?#]*)")
_ENTRY_TAGS = ("{*}url", "{*}sitemap", "{*}urlset", "{*}sitemapindex")
_KINDS = ("urlset", "sitemapindex")
_CLOSING_ROOT = re.compile(rb"</(?:[\w.-]+:)?(?:urlset|sitemapindex)\s*>\s*$")


@dataclass(frozen=True)
class SitemapEntry:
    """One ``<url>`` or ``<sitemap>`` of a sitemap: its address and, when given, its last change."""

    loc: str
    lastmod: Optional[str] = None


@dataclass
class Sitemap:
    """What one sitemap body lists; ``error`` says what went wrong, entries read before it are kept."""

    kind: Optional[str] = None
    """``urlset`` (pages, also for plain-text sitemaps) or ``sitemapindex`` (more sitemaps); None when unknown."""
    entries: list[SitemapEntry] = field(default_factory=list)
    error: Optional[str] = None
    truncated: bool = False
    """True when decompression stopped at the size cap."""
    hostile: bool = False
    """True when the XML tripped a parser safety limit (entity expansion): nothing after that point is read."""

    @property
    def urls(self) -> list[str]:
        """The entries' addresses."""
        return [entry.loc for entry in self.entries]


def sitemap_urls_from_robots(robots_text: Union[str, bytes], base_url: str) -> list[str]:
    """Absolute URLs of the ``Sitemap:`` lines of a robots.txt, in order, without repeats.

    >>> sitemap_urls_from_robots("User-agent: *\\nSitemap: /sitemap.xml\\nsitemap:https://b.example/s.xml", "https://a.example/robots.txt")
    ['https://a.example/sitemap.xml', 'https://b.example/s.xml']
    """
    if isinstance(robots_text, bytes):
        robots_text = robots_text.decode("utf-8", "replace")
    found: list[str] = []
    for match in _SITEMAP_LINE.finditer(robots_text.lstrip("\ufeff")):
        url = urljoin(base_url, match.group(1).strip())
        if _HTTP.match(url) and url not in found:
            found.append(url)
    return found


def gunzip_capped(body: bytes, max_bytes: int = MAX_SITEMAP_BYTES) -> tuple[bytearray, bool]:
    """Decompressed gzip data (every member) up to ``max_bytes``, and whether the cap cut it.

    Inflates a block at a time into one buffer, so memory stays near ``max_bytes`` whatever the
    compression ratio. Raises ``zlib.error`` for data that is not gzip.

    >>> import gzip; gunzip_capped(gzip.compress(b"x" * 100), max_bytes=10)
    (bytearray(b'xxxxxxxxxx'), True)
    """
    out = bytearray()
    data = body
    while data[:2] == GZIP_MAGIC and len(out) < max_bytes:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        data = _inflate_into(out, inflater, data, max_bytes)
        if not inflater.eof:  # the cap was hit, or the stream ends early (a cut download)
            return out, len(out) >= max_bytes and bool(inflater.unconsumed_tail or data)
    return out, len(out) >= max_bytes and data[:2] == GZIP_MAGIC


def _inflate_into(out: bytearray, inflater, data: bytes, max_bytes: int) -> bytes:
    """Inflate one gzip member into ``out`` up to ``max_bytes``; the input left after that member."""
    while len(out) < max_bytes and not inflater.eof:
        chunk = inflater.decompress(data, min(_BLOCK, max_bytes - len(out)))
        out += chunk
        data = inflater.unconsumed_tail
        if not chunk and not data:
            return b""
    return inflater.unused_data if inflater.eof else data


def parse_sitemap(body: bytes, max_bytes: int = MAX_SITEMAP_BYTES) -> Sitemap:
    """Entries of a sitemap body: XML ``urlset``/``sitemapindex`` (namespaced or not), gzip, or plain text."""
    truncated = False
    if body[:2] == GZIP_MAGIC:
        try:
            body, truncated = gunzip_capped(body, max_bytes)
        except zlib.error as exc:
            return Sitemap(error=f"broken gzip data: {exc}")
    elif len(body) > max_bytes:
        body, truncated = body[:max_bytes], True
    sitemap = _parse_text_sitemap(body) if _is_plain_text(body) else _parse_xml_sitemap(body)
    if truncated:
        sitemap.truncated = True
        sitemap.error = f"decompressed size exceeds {max_bytes} bytes; read stopped there"
    return sitemap


def _is_plain_text(body: bytes) -> bool:
    """A text sitemap starts with a URL, not with markup."""
    head = xml_bytes(body[:1024]).lstrip()
    return not head.startswith(b"<") and bool(_HTTP.match(head[:8].decode("latin-1")))


def _parse_text_sitemap(body: bytes) -> Sitemap:
    lines = body.decode("utf-8", "replace").lstrip("\ufeff").splitlines()
    urls = dict.fromkeys(line.strip() for line in lines if _HTTP.match(line.strip()))
    return Sitemap(kind="urlset", entries=[SitemapEntry(url) for url in urls])


def _entry(element: etree._Element) -> Optional[SitemapEntry]:
    """A ``SitemapEntry`` from the direct ``loc``/``lastmod`` children (image and news extensions ignored)."""
    loc = lastmod = None
    for child in element:
        name = local_name(child)
        if name == "loc":
            loc = (child.text or "").strip()
        elif name == "lastmod":
            lastmod = (child.text or "").strip() or None
    return SitemapEntry(loc, lastmod) if loc else None


def _parse_xml_sitemap(body: bytes) -> Sitemap:
    """Read strictly; after a syntax error, read again with bare ``&`` escaped (the usual fault), then leniently,
    and keep the longest list; ``error`` keeps the first complaint."""
    body = xml_bytes(body)
    sitemap = _stream_entries(body, recover=False)
    if not (sitemap.error and sitemap.kind) or sitemap.hostile:
        return sitemap
    repaired = escape_bare_ampersands(body)
    for recover in (False, True):
        retry = _stream_entries(repaired, recover)
        if recover and retry.entries and not _CLOSING_ROOT.search(repaired[-256:]):
            retry.entries.pop()  # a cut-off body: its last URL may be cut too
        if len(retry.entries) > len(sitemap.entries):
            sitemap.entries = retry.entries
        if retry.error is None:
            break
    return sitemap


def _stream_entries(body: bytes, recover: bool) -> Sitemap:
    """Feed the XML a block at a time so that memory stays flat; entries read before an error are kept."""
    sitemap = Sitemap()
    parser = etree.XMLPullParser(events=("end",), tag=_ENTRY_TAGS, recover=recover, **SAFE_XML_OPTIONS)
    view = memoryview(body)
    try:
        for start in range(0, len(body), _BLOCK):
            parser.feed(bytes(view[start:start + _BLOCK]))
            if not _take_events(parser, sitemap):
                return sitemap
        parser.close()
        _take_events(parser, sitemap)
    except etree.XMLSyntaxError as exc:
        sitemap.hostile = is_hostile(exc)
        problem = "refused, a parser safety limit was hit" if sitemap.hostile else "malformed XML"
        sitemap.error = f"{problem} after {len(sitemap.entries)} entries: {exc}"
    if sitemap.kind is None:
        sitemap.error = "not a sitemap: no <urlset> or <sitemapindex> root" + (f" ({sitemap.error})" if sitemap.error else "")
    return sitemap


def _take_events(parser: etree.XMLPullParser, sitemap: Sitemap) -> bool:
    return all(_take(element, sitemap) for _, element in parser.read_events())


def _take(element: etree._Element, sitemap: Sitemap) -> bool:
    """Handle one closed element; False stops the read (entries under a root that is not a sitemap's)."""
    parent = element.getparent()
    if parent is None:  # the root itself closes: an empty urlset is still a urlset
        name = local_name(element)
        sitemap.kind = sitemap.kind or (name if name in _KINDS else None)
        return True
    if sitemap.kind is None and not _settle_kind(element, parent, sitemap):
        return False
    entry = _entry(element)
    if entry:
        sitemap.entries.append(entry)
    element.clear(keep_tail=False)
    while element.getprevious() is not None:  # free what the stream has passed
        del parent[0]
    return True


def _settle_kind(element: etree._Element, parent: etree._Element, sitemap: Sitemap) -> bool:
    """The first entry tells the kind: its parent must be a ``urlset``/``sitemapindex`` root."""
    kind = local_name(parent)
    if kind not in _KINDS or parent.getparent() is not None:
        sitemap.error = f"not a sitemap: <{local_name(element)}> sits in <{kind}>"
        return False
    sitemap.kind = kind
    return True


def article_entries(entries: Iterable[SitemapEntry], pattern: re.Pattern = ARTICLE_PATH) -> list[SitemapEntry]:
    """Entries whose URL path looks like an article page, in order, without repeated URLs."""
    seen: set[str] = set()
    found = []
    for entry in entries:
        path = _URL_PATH.match(entry.loc)
        if entry.loc not in seen and path and pattern.search(path.group(1)):
            seen.add(entry.loc)
            found.append(entry)
    return found


def article_urls(entries: Iterable[SitemapEntry], pattern: re.Pattern = ARTICLE_PATH) -> list[str]:
    """URLs of the entries that look like article pages (see ``harvester.discovery.links.ARTICLE_PATH``)."""
    return [entry.loc for entry in article_entries(entries, pattern)]
