"""OAI-PMH request URLs: Identify, ListSets, ListMetadataFormats, ListRecords, ListIdentifiers, GetRecord, resumption."""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any, Optional, Union
from urllib.parse import quote, urlencode

#: The six OAI-PMH verbs.
VERBS = frozenset({"Identify", "ListSets", "ListMetadataFormats", "ListRecords", "ListIdentifiers", "GetRecord"})


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
