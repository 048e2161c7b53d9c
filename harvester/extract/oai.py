"""OAI-PMH: request URLs for a repository and a safe, namespace-tolerant reader of its responses.

Pure: this module builds URLs and parses response bodies; fetching is the spider's job.
Records in the metadata formats journals and repositories serve (``oai_dc`` and its
``nsdl_dc`` cousin, OJS's JATS, MARCXML, arXiv) map to the raw fields of a ``Candidate``.

Hostile or broken bodies never raise from ``parse_response``: they come back as an
``OaiResponse`` whose ``error`` says what went wrong (``malformedXML``, ``notOaiPmh`` or
the repository's own OAI error code).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any, Callable, Iterable, Optional, Union
from urllib.parse import quote, urlencode

from lxml import etree

from harvester.extract.base import Candidate
from harvester.extract.meta import author, clean, strip_markup
from harvester.normalize import normalize_doi, normalize_language, parse_page_range, parse_volume_issue
from harvester.vocabulary import DUBLIN_CORE, NUMBERING_LABEL

OAI_NS = "http://www.openarchives.org/OAI/2.0/"
DC_NS = "http://purl.org/dc/elements/1.1/"
DCTERMS_NS = "http://purl.org/dc/terms/"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"

#: The six OAI-PMH verbs.
VERBS = frozenset({"Identify", "ListSets", "ListMetadataFormats", "ListRecords", "ListIdentifiers", "GetRecord"})
#: OAI error code for an empty result: the harvest is done, nothing failed.
NO_RECORDS = "noRecordsMatch"
#: Error code of a body that is not XML at all, even read leniently.
MALFORMED = "malformedXML"
#: Error code of a well-formed body that is not an OAI-PMH response (an HTML error page, say).
NOT_OAI = "notOaiPmh"

#: lxml options that keep a hostile document harmless: no entity expansion, no DTD, no network, size limits kept.
SAFE_XML_OPTIONS: dict[str, Any] = {
    "resolve_entities": False, "no_network": True, "huge_tree": False, "load_dtd": False,
    "remove_comments": True, "remove_pis": True,
}
_STRICT = etree.XMLParser(**SAFE_XML_OPTIONS)
_RECOVERING = etree.XMLParser(recover=True, **SAFE_XML_OPTIONS)

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]", re.I | re.S)
_HTML_TITLE = re.compile(rb"<title[^>]*>(.*?)</title>", re.I | re.S)
_UTF8_BOM = b"\xef\xbb\xbf"
_BARE_AMPERSAND = re.compile(rb"&(?!(?:[A-Za-z_][\w.-]*|#\d+|#x[0-9A-Fa-f]+);)")
_CLOSING_ROOT = re.compile(rb"</(?:[\w.-]+:)?OAI-PMH\s*>\s*$")
#: libxml2 errors that mean a safety limit stopped the parse (entity amplification, entity loop).
HOSTILE_XML_CODES = frozenset({etree.ErrorTypes.ERR_RESOURCE_LIMIT, etree.ErrorTypes.ERR_ENTITY_LOOP})


class ParseError(ValueError):
    """The body is not XML that can be read, even with a recovering parser."""


# --- request URLs -------------------------------------------------------------------------

def _stamp(value: Union[str, date, datetime, None]) -> Optional[str]:
    """An OAI ``from``/``until`` value: a day (``2025-01-31``) or a UTC second (``...T10:00:00Z``)."""
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(timezone.utc)
        return value.strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _oai_url(base: str, params: dict[str, Optional[str]]) -> str:
    """``base`` with the non-empty ``params`` appended as a query string."""
    query = urlencode({k: v for k, v in params.items() if v is not None}, quote_via=quote)
    joiner = "" if base.endswith(("?", "&")) else ("&" if "?" in base else "?")
    return f"{base}{joiner}{query}"


def identify_url(base: str) -> str:
    """URL of the repository's ``Identify`` response.

    >>> identify_url("https://journal.example/index.php/hist/oai")
    'https://journal.example/index.php/hist/oai?verb=Identify'
    """
    return _oai_url(base, {"verb": "Identify"})


def list_sets_url(base: str) -> str:
    """URL of the repository's ``ListSets`` response (the journals and sections of an OJS site)."""
    return _oai_url(base, {"verb": "ListSets"})


def list_metadata_formats_url(base: str) -> str:
    """URL of the repository's ``ListMetadataFormats`` response."""
    return _oai_url(base, {"verb": "ListMetadataFormats"})


def _list_params(verb: str, metadata_prefix: str, from_: Any, until: Any, set_: Optional[str]) -> dict:
    return {"verb": verb, "metadataPrefix": metadata_prefix, "from": _stamp(from_), "until": _stamp(until), "set": set_}


def list_records_url(base: str, metadata_prefix: str = "oai_dc", from_: Union[str, date, None] = None,
                     until: Union[str, date, None] = None, set_: Optional[str] = None) -> str:
    """URL of the first ``ListRecords`` page, optionally limited by datestamp and set.

    >>> list_records_url("http://x.example/oai", from_="2025-01-01", set_="hist:ART")
    'http://x.example/oai?verb=ListRecords&metadataPrefix=oai_dc&from=2025-01-01&set=hist%3AART'
    """
    return _oai_url(base, _list_params("ListRecords", metadata_prefix, from_, until, set_))


def list_identifiers_url(base: str, metadata_prefix: str = "oai_dc", from_: Union[str, date, None] = None,
                         until: Union[str, date, None] = None, set_: Optional[str] = None) -> str:
    """URL of the first ``ListIdentifiers`` page (headers only)."""
    return _oai_url(base, _list_params("ListIdentifiers", metadata_prefix, from_, until, set_))


def get_record_url(base: str, identifier: str, metadata_prefix: str = "oai_dc") -> str:
    """URL of one record by its OAI identifier."""
    return _oai_url(base, {"verb": "GetRecord", "identifier": identifier, "metadataPrefix": metadata_prefix})


def resume_url(base: str, verb: str, token: str) -> str:
    """URL of the next page of a list: only ``verb`` and ``resumptionToken``, as the protocol demands.

    >>> resume_url("http://x.example/oai", "ListRecords", "0/200/733/oai_dc")
    'http://x.example/oai?verb=ListRecords&resumptionToken=0%2F200%2F733%2Foai_dc'
    """
    return _oai_url(base, {"verb": verb, "resumptionToken": token})


# --- safe XML loading ---------------------------------------------------------------------

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


def _child_texts(element: etree._Element) -> dict[str, list[str]]:
    """Non-empty texts of the direct children, by local name, in document order."""
    found: dict[str, list[str]] = {}
    for child in element:
        text = element_text(child)
        if text:
            found.setdefault(local_name(child), []).append(text)
    return found


def _first(values: Optional[list[str]]) -> Optional[str]:
    return values[0] if values else None


def _int(value: Optional[str]) -> Optional[int]:
    return int(value) if value and value.strip().isdigit() else None


def _lpath(path: str) -> etree.XPath:
    """A compiled XPath over local names, so that ``front/article-meta`` matches in any namespace."""
    steps = []
    for step in path.split("/"):
        name, bracket, rest = step.partition("[")
        if name and name not in (".", "..") and not name.startswith("@") and not name.endswith("()"):
            step = f"*[local-name()='{name}']" + (bracket + rest if bracket else "")
        steps.append(step)
    return etree.XPath("/".join(steps))


# --- response model -----------------------------------------------------------------------

@dataclass
class OaiHeader:
    """The header of one record: identifier, datestamp, sets, and whether the record was deleted."""

    identifier: str = ""
    datestamp: Optional[str] = None
    set_specs: list[str] = field(default_factory=list)
    deleted: bool = False


@dataclass
class OaiRecord(OaiHeader):
    """One record: its header and its metadata element (absent for a deleted record)."""

    metadata_format: Optional[str] = None
    """What the metadata is, read from its root element: ``oai_dc``, ``nsdl_dc``, ``jats``, ``marcxml``, ``arXiv``."""
    metadata: Optional[etree._Element] = field(default=None, repr=False, compare=False)
    _candidate: Optional[Candidate] = field(default=None, init=False, repr=False, compare=False)

    def candidate(self) -> Candidate:
        """The record's raw article fields (empty for a deleted record or an unknown format); built once."""
        if self._candidate is None:
            self._candidate = _build_candidate(self)
        return Candidate(self._candidate.source, dict(self._candidate.values))

    @property
    def landing_url(self) -> Optional[str]:
        """The article's web page as the record states it, when it does."""
        return self.candidate().get("canonical_url")


@dataclass
class OaiSet:
    """One set of a ``ListSets`` response (an OJS journal or section)."""

    spec: str
    name: Optional[str] = None


@dataclass
class MetadataFormat:
    """One format a repository offers (``ListMetadataFormats``)."""

    prefix: str
    schema: Optional[str] = None
    namespace: Optional[str] = None


@dataclass
class OaiIdentify:
    """What a repository says about itself in ``Identify``."""

    repository_name: Optional[str] = None
    base_url: Optional[str] = None
    protocol_version: Optional[str] = None
    earliest_datestamp: Optional[str] = None
    granularity: Optional[str] = None
    deleted_record: Optional[str] = None
    admin_emails: list[str] = field(default_factory=list)


@dataclass
class OaiResponse:
    """Everything one OAI-PMH response body says; ``error`` is set when it says something went wrong."""

    verb: Optional[str] = None
    error: Optional[tuple[str, str]] = None
    records: list[OaiRecord] = field(default_factory=list)
    headers: list[OaiHeader] = field(default_factory=list)
    token: Optional[str] = None
    complete_list_size: Optional[int] = None
    cursor: Optional[int] = None
    expiration_date: Optional[str] = None
    sets: list[OaiSet] = field(default_factory=list)
    identify: Optional[OaiIdentify] = None
    metadata_formats: list[MetadataFormat] = field(default_factory=list)
    request: dict[str, str] = field(default_factory=dict)
    """Attributes of the ``<request>`` element (verb, metadataPrefix, from, set, resumptionToken)."""
    base_url: Optional[str] = None
    response_date: Optional[str] = None
    recovered: bool = False
    """True when the body was not well-formed and had to be repaired or read leniently."""
    truncated: bool = False
    """True when the body stops before ``</OAI-PMH>``: its last item was dropped, and more pages may exist
    although no token was seen (retry the request rather than take the list as complete)."""

    @property
    def failed(self) -> bool:
        """True for a real error; ``noRecordsMatch`` is an empty result, not a failure."""
        return self.error is not None and self.error[0] != NO_RECORDS

    @property
    def has_more(self) -> bool:
        """True when a resumption token asks for another page."""
        return self.token is not None


# --- response parsing ---------------------------------------------------------------------

def parse_response(data: Union[str, bytes]) -> OaiResponse:
    """Read one OAI-PMH response body; never raises on bad input (see ``OaiResponse.error``)."""
    body = xml_bytes(data)
    if _HTML_START.match(body[:4096]):
        return OaiResponse(error=(NOT_OAI, _html_message(body)))
    try:
        root, recovered = load_xml(body)
    except ParseError as exc:
        return OaiResponse(error=(MALFORMED, str(exc)))
    if local_name(root) != "OAI-PMH":
        message = f"root element <{local_name(root)}> is not <OAI-PMH>"
        return OaiResponse(error=(NOT_OAI, message), recovered=recovered)
    response = _read_envelope(root, OaiResponse(recovered=recovered))
    if recovered and not _CLOSING_ROOT.search(body[-256:]):
        _drop_cut_item(response)
    return response


def _drop_cut_item(response: OaiResponse) -> None:
    """A body cut short: its last record or header may be cut too, and a missing token proves nothing."""
    response.truncated = True
    for items in (response.records, response.headers):
        if items:
            items.pop()


def _html_message(body: bytes) -> str:
    title = _HTML_TITLE.search(body[:16384])
    text = clean(title.group(1).decode("utf-8", "replace")) if title else ""
    return "HTML page instead of OAI-PMH XML" + (f": {text}" if text else "")


def _read_envelope(root: etree._Element, response: OaiResponse) -> OaiResponse:
    for child in root:
        name = local_name(child)
        if name == "request":
            response.request = {str(k): str(v) for k, v in child.attrib.items()}
            response.base_url = element_text(child) or None
        elif name == "responseDate":
            response.response_date = element_text(child) or None
        elif name == "error" and response.error is None:
            response.error = (child.get("code", ""), element_text(child))
        elif name in VERBS:
            response.verb = name
            (_read_identify if name == "Identify" else _read_list)(child, response)
    response.verb = response.verb or response.request.get("verb")
    return response


def _read_list(element: etree._Element, response: OaiResponse) -> None:
    for child in element:
        name = local_name(child)
        if name == "record":
            response.records.append(read_record(child))
        elif name == "header":
            response.headers.append(read_header(child))
        elif name == "set":
            texts = _child_texts(child)
            response.sets.append(OaiSet(_first(texts.get("setSpec")) or "", _first(texts.get("setName"))))
        elif name == "metadataFormat":
            response.metadata_formats.append(_read_format(child))
        elif name == "resumptionToken":
            _read_token(child, response)


def _read_format(element: etree._Element) -> MetadataFormat:
    texts = _child_texts(element)
    return MetadataFormat(_first(texts.get("metadataPrefix")) or "", _first(texts.get("schema")),
                          _first(texts.get("metadataNamespace")))


def _read_token(element: etree._Element, response: OaiResponse) -> None:
    """An empty token element means the list is complete: ``token`` stays None."""
    response.token = element_text(element) or None
    response.complete_list_size = _int(element.get("completeListSize"))
    response.cursor = _int(element.get("cursor"))
    response.expiration_date = element.get("expirationDate")


def _read_identify(element: etree._Element, response: OaiResponse) -> None:
    texts = _child_texts(element)
    response.identify = OaiIdentify(
        repository_name=_first(texts.get("repositoryName")), base_url=_first(texts.get("baseURL")),
        protocol_version=_first(texts.get("protocolVersion")),
        earliest_datestamp=_first(texts.get("earliestDatestamp")), granularity=_first(texts.get("granularity")),
        deleted_record=_first(texts.get("deletedRecord")), admin_emails=texts.get("adminEmail", []),
    )


def read_header(element: etree._Element) -> OaiHeader:
    """An ``OaiHeader`` from a ``<header>`` element."""
    texts = _child_texts(element)
    return OaiHeader(_first(texts.get("identifier")) or "", _first(texts.get("datestamp")),
                     texts.get("setSpec", []), element.get("status") == "deleted")


def read_record(element: etree._Element) -> OaiRecord:
    """An ``OaiRecord`` from a ``<record>`` element: header fields plus the metadata's root element."""
    header, metadata = OaiHeader(), None
    for child in element:
        name = local_name(child)
        if name == "header":
            header = read_header(child)
        elif name == "metadata":
            metadata = next((el for el in child if isinstance(el.tag, str)), None)
    fmt = metadata_format(metadata) if metadata is not None else None
    return OaiRecord(header.identifier, header.datestamp, header.set_specs, header.deleted, fmt, metadata)


def metadata_format(root: etree._Element) -> str:
    """Name of the format a metadata element is in, from its root tag and namespace."""
    name = local_name(root)
    namespace = etree.QName(root).namespace or ""
    if name == "dc" or namespace == "http://www.openarchives.org/OAI/2.0/oai_dc/":
        return "oai_dc"
    if name == "article":
        return "jats"
    if name in ("record", "collection") and ("MARC21" in namespace or "marc" in namespace.lower()):
        return "marcxml"
    return name


# --- Dublin Core --------------------------------------------------------------------------

@dataclass(frozen=True)
class DcValue:
    """One Dublin Core element's text and its ``xml:lang``."""

    text: str
    lang: Optional[str] = None


_DCTERMS_ALIASES = DUBLIN_CORE["dcterms_refinements"]
_PLAIN_DATE = re.compile(r"^\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T")
_HTTP = re.compile(r"^https?://", re.I)
_FILE_LINK = re.compile(r"\.pdf(?:$|[?#])|/(?:download|bitstream|retrieve)/", re.I)
_ISSN_VALUE = re.compile(
    r"^(?:(?:e|p|print|online|electronic)?[-\s]?issn\s*[:：]?\s*)?(\d{4}\s*[-‐–]?\s*\d{3}[\dXx])$", re.I)
_NUMBERING_LABEL = re.compile(rf"(?:^|(?<=[\s,.;:(])){NUMBERING_LABEL}\s*\d", re.I)


def dc_values(root: etree._Element) -> dict[str, list[DcValue]]:
    """The Dublin Core children of a metadata element (``dc:`` and ``dcterms:``), by element name."""
    found: dict[str, list[DcValue]] = {}
    for child in root:
        tag = child.tag
        if not isinstance(tag, str) or not tag.startswith("{"):
            continue
        namespace, _, name = tag[1:].partition("}")
        if namespace == DCTERMS_NS:
            name = _DCTERMS_ALIASES.get(name, name)
        elif namespace != DC_NS:
            continue
        text = element_text(child)
        if text:
            found.setdefault(name, []).append(DcValue(text, child.get(XML_LANG)))
    return found


def _lang_code(lang: Optional[str]) -> Optional[str]:
    return normalize_language(lang) if lang else None


def _record_language(fields: dict[str, list[DcValue]]) -> Optional[str]:
    """The language the record's own texts are in: the declared one if a title carries it, else the first title's."""
    title_langs = [_lang_code(v.lang) for v in fields.get("title", []) if v.lang]
    if not title_langs:
        return None
    declared = _lang_code(_first([v.text for v in fields.get("language", [])]))
    return declared if declared in title_langs else title_langs[0]


def _preferred(values: list[DcValue], lang: Optional[str]) -> list[DcValue]:
    """Values in the record's language (or with none stated) first, then the rest."""
    if not lang:
        return list(values)
    mine = [v for v in values if v.lang is None or _lang_code(v.lang) == lang]
    return mine + [v for v in values if v not in mine]


def _in_language(values: list[DcValue], lang: Optional[str]) -> list[DcValue]:
    """Values in the record's language (or with none stated); all of them when none match."""
    if not lang:
        return values
    return [v for v in values if v.lang is None or _lang_code(v.lang) == lang] or values


def _unique(texts: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(t for t in texts if t))


def pick_dc_date(values: list[str]) -> Optional[str]:
    """The publication date among ``dc:date`` values: the most precise plain date, else the first non-timestamp.

    Repositories add accession timestamps (``2003-03-11T14:00:50Z``) next to the issue date.

    >>> pick_dc_date(["2010-05-06T12:00:00Z", "2010-05-06T12:00:00Z", "2009"])
    '2009'
    >>> pick_dc_date(["2001", "2001-01-04"]), pick_dc_date(["2013-07-19T10:00:21Z"])
    ('2001-01-04', '2013-07-19T10:00:21Z')
    """
    plain = [v for v in values if _PLAIN_DATE.match(v)]
    if plain:
        return max(plain, key=lambda v: v.count("-"))
    return next((v for v in values if not _DATETIME.match(v)), _first(values))


def _split_numbering(text: str) -> tuple[str, Optional[str]]:
    """``Journal, Vol. 1 No. 2 (2020)`` -> (``Journal``, ``Vol. 1 No. 2 (2020)``)."""
    match = _NUMBERING_LABEL.search(text)
    if match is None:
        return text, None
    return text[: match.start()].strip(" ,.;:-"), text[match.start():]


def parse_dc_source(text: str) -> dict[str, Any]:
    """Journal title, volume, issue, year, pages and ISSNs from a ``dc:source`` as OJS writes it.

    >>> parse_dc_source("RUDN Journal of Russian History; Vol 24, No 4 (2025); 632-642")
    {'journal_title': 'RUDN Journal of Russian History', 'volume': '24', 'issue': '4', 'year': '2025', 'pages': '632-642'}
    >>> parse_dc_source("Revista de Historia, v. 7 n. 2 (2019)")["issue"], parse_dc_source("2312-8674")
    ('2', {'issn': ['2312-8674']})
    """
    text = clean(text)
    issn = _ISSN_VALUE.match(text)
    if issn:
        return {"issn": [issn.group(1)]}
    if _HTTP.match(text) or normalize_doi(text):
        return {}
    parts = [part.strip() for part in text.split(";") if part.strip()] or [""]
    journal, numbering = _split_numbering(parts[0])
    rest = parts[1:]
    if numbering is None and rest:
        numbering, rest = rest[0], rest[1:]
    if numbering is None and any(ch.isdigit() for ch in journal):
        return {}  # a bare string with numbers: a citation we cannot split safely
    found: dict[str, Any] = {"journal_title": journal or None}
    found.update(parse_volume_issue(numbering) if numbering else {})
    found["pages"] = next((p for p in rest if parse_page_range(p)[0]), None)
    return {k: v for k, v in found.items() if v}


def _set_source(cand: Candidate, sources: list[DcValue]) -> None:
    issns: list[str] = []
    for value in sources:
        parsed = parse_dc_source(value.text)
        issns += [i for i in parsed.pop("issn", []) if i not in issns]
        year = parsed.pop("year", None)
        for name, text in parsed.items():
            cand.set(name, text)
        cand.set("publication_date", year)  # only when no dc:date gave one
    cand.set("issn", issns)


def _set_identifiers(cand: Candidate, identifiers: list[DcValue]) -> None:
    for value in identifiers:
        if normalize_doi(value.text):
            cand.set("doi", value.text)
        elif _HTTP.match(value.text) and not _FILE_LINK.search(value.text):
            cand.set("canonical_url", value.text)


def dc_candidate(root: etree._Element, source: str = "oai_dc") -> Candidate:
    """Raw article fields from an ``oai_dc`` (or ``nsdl_dc``, or any DC-bearing) metadata element."""
    fields = dc_values(root)
    lang = _record_language(fields)
    cand = Candidate(source)
    cand.set("title", _first([strip_markup(v.text) for v in _in_language(fields.get("title", []), lang)]))
    cand.set("authors", [author(name) for name in _unique(v.text for v in fields.get("creator", []))])
    descriptions = [strip_markup(v.text) for v in _in_language(fields.get("description", []), lang)]
    cand.set("abstract", max(descriptions, key=len) if descriptions else None)
    cand.set("keywords", _unique(v.text for v in _in_language(fields.get("subject", []), lang)))
    cand.set("publication_date", pick_dc_date([v.text for v in fields.get("date", [])]))
    cand.set("language", _first([v.text for v in fields.get("language", [])]))
    cand.set("publisher", _first([v.text for v in _in_language(fields.get("publisher", []), lang)]))
    _set_identifiers(cand, fields.get("identifier", []))
    _set_source(cand, _preferred(fields.get("source", []), lang))
    return cand


# --- JATS (OJS's OAI JATS plugin) ---------------------------------------------------------

_J_ARTICLE_META = _lpath("front/article-meta")
_J_JOURNAL_META = _lpath("front/journal-meta")
_J_TITLE = _lpath("title-group/article-title")
_J_CONTRIBS = _lpath("contrib-group/contrib")
_J_NAME = _lpath(".//name")
_J_STRING_NAME = _lpath(".//string-name")
_J_GIVEN = _lpath("given-names")
_J_SURNAME = _lpath("surname")
_J_ORCID = _lpath("contrib-id[@contrib-id-type='orcid']")
_J_AFF_REFS = _lpath("xref[@ref-type='aff']/@rid")
_J_OWN_AFFS = _lpath("aff")
_J_ALL_AFFS = _lpath(".//aff[@id]")
_J_INSTITUTIONS = _lpath(".//institution")
_J_PUB_DATES = _lpath("pub-date")
_J_KWD_GROUPS = _lpath("kwd-group")
_J_KWDS = _lpath("kwd")
_J_ABSTRACT = _lpath("abstract")
_J_DOI = _lpath("article-id[@pub-id-type='doi']")
_J_SELF_URI = _lpath("self-uri")
_J_JOURNAL_TITLE = _lpath(".//journal-title")
_J_ABBREV = _lpath(".//abbrev-journal-title")
_J_ISSN = _lpath("issn")
_J_PUBLISHER = _lpath("publisher/publisher-name")
_J_SIMPLE = {"volume": _lpath("volume"), "issue": _lpath("issue"),
             "first_page": _lpath("fpage"), "last_page": _lpath("lpage")}
# Publication dates in order of preference: the version of record, then any.
_PUB_DATE_TYPES = ("pub", "epub", "ppub", "epub-ppub", "collection")


def _first_text(xpath: etree.XPath, element: etree._Element) -> str:
    found = xpath(element)
    return element_text(found[0]) if found else ""


def _aff_text(aff: etree._Element) -> str:
    """An affiliation's institution names (ROR links and labels left out), else its whole text."""
    institutions = [element_text(el) for el in _J_INSTITUTIONS(aff)]
    return ", ".join(t for t in institutions if t) or element_text(aff)


def _jats_author(contrib: etree._Element, affs: dict[str, str]) -> Optional[dict[str, Any]]:
    names = _J_NAME(contrib)
    if names:
        given, family = _first_text(_J_GIVEN, names[0]), _first_text(_J_SURNAME, names[0])
        name = clean(f"{given} {family}")
    else:
        name = _first_text(_J_STRING_NAME, contrib)
    if not name:
        return None
    affiliations = [_aff_text(a) for a in _J_OWN_AFFS(contrib)] + [affs[r] for r in _J_AFF_REFS(contrib) if r in affs]
    return author(name, _unique(affiliations), _first_text(_J_ORCID, contrib) or None)


def _jats_authors(meta: etree._Element, article: etree._Element) -> list[dict[str, Any]]:
    affs = {aff.get("id"): _aff_text(aff) for aff in _J_ALL_AFFS(article)}
    found = []
    for contrib in _J_CONTRIBS(meta):
        if contrib.get("contrib-type", "author") in ("author", "person"):
            entry = _jats_author(contrib, affs)
            if entry:
                found.append(entry)
    return found


def _jats_date(meta: etree._Element) -> Optional[str]:
    """The publication date as stated: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, never more precise."""
    dates = _J_PUB_DATES(meta)
    rank = {kind: i for i, kind in enumerate(_PUB_DATE_TYPES)}
    dates.sort(key=lambda d: rank.get(d.get("date-type") or d.get("pub-type") or "", len(rank)))
    for pub_date in dates:
        if pub_date.get("iso-8601-date"):
            return pub_date.get("iso-8601-date")
        parts = _child_texts(pub_date)
        year, month, day = (_first(parts.get(k)) for k in ("year", "month", "day"))
        if year:
            stated = [year] + ([month.zfill(2)] if month else []) + ([day.zfill(2)] if month and day else [])
            return "-".join(stated)
    return None


def _jats_keywords(meta: etree._Element, lang: Optional[str]) -> list[str]:
    groups = _J_KWD_GROUPS(meta)
    mine = [g for g in groups if not lang or _lang_code(g.get(XML_LANG)) in (None, lang)] or groups
    return _unique(element_text(kwd) for group in mine for kwd in _J_KWDS(group))


def _self_uri(meta: etree._Element) -> Optional[str]:
    for uri in _J_SELF_URI(meta):
        href = uri.get(XLINK_HREF) or element_text(uri)
        if _HTTP.match(href or "") and "pdf" not in (uri.get("content-type") or "") and not _FILE_LINK.search(href):
            return href
    return None


def _jats_article_fields(cand: Candidate, meta: etree._Element, article: etree._Element, lang: Optional[str]) -> None:
    cand.set("title", _first_text(_J_TITLE, meta))
    cand.set("authors", _jats_authors(meta, article))
    for name, xpath in _J_SIMPLE.items():
        cand.set(name, _first_text(xpath, meta))
    cand.set("publication_date", _jats_date(meta))
    cand.set("keywords", _jats_keywords(meta, lang))
    cand.set("abstract", _first_text(_J_ABSTRACT, meta))
    cand.set("doi", _first_text(_J_DOI, meta))
    cand.set("canonical_url", _self_uri(meta))


def _jats_journal_fields(cand: Candidate, journal: etree._Element) -> None:
    cand.set("journal_title", _first_text(_J_JOURNAL_TITLE, journal))
    cand.set("journal_abbrev", _first_text(_J_ABBREV, journal))
    cand.set("issn", _unique(element_text(el) for el in _J_ISSN(journal)))
    cand.set("publisher", _first_text(_J_PUBLISHER, journal))


def jats_candidate(article: etree._Element) -> Candidate:
    """Raw article fields from a JATS ``<article>`` (front matter only)."""
    cand = Candidate("oai_jats")
    lang = _lang_code(article.get(XML_LANG))
    for meta in _J_ARTICLE_META(article)[:1]:
        _jats_article_fields(cand, meta, article, lang)
    for journal in _J_JOURNAL_META(article)[:1]:
        _jats_journal_fields(cand, journal)
    cand.set("language", article.get(XML_LANG))
    return cand


# --- MARCXML and arXiv --------------------------------------------------------------------

def marc_fields(root: etree._Element) -> dict[str, list[dict[str, list[str]]]]:
    """MARC datafields by tag, each as ``{subfield code: [values]}``."""
    found: dict[str, list[dict[str, list[str]]]] = {}
    for datafield in root:
        if local_name(datafield) != "datafield":
            continue
        codes: dict[str, list[str]] = {}
        for sub in datafield:
            text = element_text(sub)
            if text:
                codes.setdefault(sub.get("code", ""), []).append(text)
        found.setdefault(datafield.get("tag", ""), []).append(codes)
    return found


def _marc(fields: dict, tags: str, code: str) -> list[str]:
    """Every ``code`` subfield value of the fields tagged with one of ``tags`` (space-separated)."""
    return [v for tag in tags.split() for f in fields.get(tag, []) for v in f.get(code, [])]


def _marc_authors(fields: dict) -> list[dict[str, Any]]:
    return [author(f["a"][0], f.get("u", [])) for tag in ("100", "700") for f in fields.get(tag, []) if f.get("a")]


def _marc_host(cand: Candidate, fields: dict) -> None:
    """Journal, volume, issue and pages from the first host-item entry (773) that names a journal."""
    host = next((f for f in fields.get("773", []) if f.get("p")), {})
    for name, code in (("journal_title", "p"), ("volume", "v"), ("issue", "n"), ("pages", "c")):
        cand.set(name, _first(host.get(code)))
    cand.set("publication_date", _first(host.get("y")))


def marc_candidate(root: etree._Element) -> Candidate:
    """Raw article fields from a MARCXML record (title, authors, DOI, host journal, date, abstract)."""
    if local_name(root) == "collection":
        root = next((child for child in root if local_name(child) == "record"), root)
    fields = marc_fields(root)
    cand = Candidate("oai_marc")
    title = _first(_marc(fields, "245", "a"))
    subtitle = _first(_marc(fields, "245", "b"))
    cand.set("title", clean(f"{title} : {subtitle}") if title and subtitle else title)
    cand.set("authors", _marc_authors(fields))
    dois = [f["a"][0] for f in fields.get("024", []) if f.get("a") and "doi" in " ".join(f.get("2", [])).lower()]
    cand.set("doi", _first(dois))
    cand.set("publication_date", _first(_marc(fields, "260 264", "c")))
    _marc_host(cand, fields)
    cand.set("abstract", _first(_marc(fields, "520", "a")))
    cand.set("keywords", _unique(_marc(fields, "653", "a")))
    cand.set("language", _first(_marc(fields, "041", "a")))
    cand.set("issn", _unique(_marc(fields, "022", "a")))
    cand.set("publisher", _first(_marc(fields, "260 264", "b")))
    return cand


def arxiv_candidate(root: etree._Element) -> Candidate:
    """Raw article fields from an ``arXiv`` metadata element (title, authors, abstract, DOI, date)."""
    texts = _child_texts(root)
    cand = Candidate("oai_arxiv")
    cand.set("title", _first(texts.get("title")))
    names = []
    for authors in (c for c in root if local_name(c) == "authors"):
        for entry in authors:
            parts = _child_texts(entry)
            names.append(clean(f"{_first(parts.get('forenames')) or ''} {_first(parts.get('keyname')) or ''}"))
    cand.set("authors", [author(name) for name in names if name])
    cand.set("abstract", _first(texts.get("abstract")))
    cand.set("doi", _first(texts.get("doi")))
    cand.set("publication_date", _first(texts.get("created")))
    return cand


_MAPPERS: dict[str, Callable[[etree._Element], Candidate]] = {
    "oai_dc": dc_candidate, "nsdl_dc": dc_candidate, "jats": jats_candidate,
    "marcxml": marc_candidate, "arXiv": arxiv_candidate,
}


def _has_dc(root: etree._Element) -> bool:
    return any(isinstance(c.tag, str) and c.tag.startswith(("{" + DC_NS, "{" + DCTERMS_NS)) for c in root)


def _build_candidate(record: OaiRecord) -> Candidate:
    """The record's fields from the mapper of its format (any DC-bearing format reads as DC)."""
    if record.deleted or record.metadata is None:
        return Candidate("oai_dc")
    mapper = _MAPPERS.get(record.metadata_format or "")
    if mapper is None and _has_dc(record.metadata):
        mapper = dc_candidate
    cand = mapper(record.metadata) if mapper else Candidate("oai_" + (record.metadata_format or "unknown"))
    cand.set("last_modified", record.datestamp)
    return cand
