"""Where a site's machine-readable routes live, guessed from any of its URLs (pure)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

MODES = ("auto", "html", "sitemap", "oai")
_OJS_JOURNAL = re.compile(r"^(/(?:[^/]+/)*?index\.php/[^/]+)/")
_OAI_PATH = re.compile(r"/oai2?(/(request)?)?/?$", re.I)


def oai_endpoint_for(url: str) -> str:
    """The OAI-PMH base URL a site most likely offers (OJS: ``/index.php/<journal>/oai``, else ``/oai``).

    >>> oai_endpoint_for("https://h.org/index.php/johs/issue/archive")
    'https://h.org/index.php/johs/oai'
    >>> oai_endpoint_for("https://h.org/oai?verb=Identify")
    'https://h.org/oai'
    >>> oai_endpoint_for("https://h.org/journal/x")
    'https://h.org/oai'
    """
    parts = urlsplit(url)
    if _OAI_PATH.search(parts.path):
        return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
    journal = _OJS_JOURNAL.match(parts.path)
    path = f"{journal.group(1)}/oai" if journal else "/oai"
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def robots_url(url: str) -> str:
    """``/robots.txt`` of the URL's site.

    >>> robots_url("http://127.0.0.1:8000/index.php/johs/index")
    'http://127.0.0.1:8000/robots.txt'
    """
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", ""))


def is_oai_url(url: str) -> bool:
    """True when the URL itself names an OAI-PMH endpoint or request."""
    parts = urlsplit(url)
    return bool(_OAI_PATH.search(parts.path)) or "verb=" in parts.query


def requested_url(request_or_response) -> str:
    """The URL as it was first asked for, before any redirect (records and rejects are filed under it)."""
    return (request_or_response.meta.get("redirect_urls") or [request_or_response.url])[0]
