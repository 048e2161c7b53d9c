"""OAI-PMH responses: the envelope (errors, lists, resumption tokens, Identify) read safely, records mapped by format.

Hostile or broken bodies never raise from ``parse_response``: they come back as an ``OaiResponse``
whose ``error`` says what went wrong (``malformedXML``, ``notOaiPmh`` or the repository's own OAI error code).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Optional, Union

from lxml import etree

from harvester.discovery.oai.arxiv import arxiv_candidate
from harvester.discovery.oai.dublin_core import DC_NS, DCTERMS_NS, dc_candidate
from harvester.discovery.oai.jats import jats_candidate
from harvester.discovery.oai.marc import marc_candidate
from harvester.discovery.oai.urls import VERBS
from harvester.discovery.xmlread import (ParseError, child_texts, element_text, first, int_or_none, load_xml, local_name,
                                         xml_bytes)
from harvester.extract.base import Candidate
from harvester.extract.meta import clean

#: OAI error code for an empty result: the harvest is done, nothing failed.
NO_RECORDS = "noRecordsMatch"
#: Error code of a body that is not XML at all, even read leniently.
MALFORMED = "malformedXML"
#: Error code of a well-formed body that is not an OAI-PMH response (an HTML error page, say).
NOT_OAI = "notOaiPmh"

_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]", re.I | re.S)
_HTML_TITLE = re.compile(rb"<title[^>]*>(.*?)</title>", re.I | re.S)
_CLOSING_ROOT = re.compile(rb"</(?:[\w.-]+:)?OAI-PMH\s*>\s*$")


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
            texts = child_texts(child)
            response.sets.append(OaiSet(first(texts.get("setSpec")) or "", first(texts.get("setName"))))
        elif name == "metadataFormat":
            response.metadata_formats.append(_read_format(child))
        elif name == "resumptionToken":
            _read_token(child, response)


def _read_format(element: etree._Element) -> MetadataFormat:
    texts = child_texts(element)
    return MetadataFormat(first(texts.get("metadataPrefix")) or "", first(texts.get("schema")),
                          first(texts.get("metadataNamespace")))


def _read_token(element: etree._Element, response: OaiResponse) -> None:
    """An empty token element means the list is complete: ``token`` stays None."""
    response.token = element_text(element) or None
    response.complete_list_size = int_or_none(element.get("completeListSize"))
    response.cursor = int_or_none(element.get("cursor"))
    response.expiration_date = element.get("expirationDate")


def _read_identify(element: etree._Element, response: OaiResponse) -> None:
    texts = child_texts(element)
    response.identify = OaiIdentify(
        repository_name=first(texts.get("repositoryName")), base_url=first(texts.get("baseURL")),
        protocol_version=first(texts.get("protocolVersion")),
        earliest_datestamp=first(texts.get("earliestDatestamp")), granularity=first(texts.get("granularity")),
        deleted_record=first(texts.get("deletedRecord")), admin_emails=texts.get("adminEmail", []),
    )


def read_header(element: etree._Element) -> OaiHeader:
    """An ``OaiHeader`` from a ``<header>`` element."""
    texts = child_texts(element)
    return OaiHeader(first(texts.get("identifier")) or "", first(texts.get("datestamp")),
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
