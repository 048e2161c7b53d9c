"""Turn a failed request into an outcome, a short reason code and a detail in words for the rejects file.

The detail always adds to the code: what happened, to which URL, after which redirects.
"""

from __future__ import annotations

import re

from scrapy.exceptions import IgnoreRequest
from scrapy.spidermiddlewares.httperror import HttpError

from harvester.crawl.middlewares import REFUSED_AT_CONNECT, NotModified, SitePageLimitReached, _hostname

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_TOO_LARGE = re.compile(r"larger than (?:the )?download max ?size|max size|DOWNLOAD_MAXSIZE", re.I)
_FAILURE_REPR = re.compile(r"<twisted\.python\.failure\.Failure ([\w.]+): ?([^>]*)>")

#: What a network error means, for errors whose own message says little or nothing.
EXPLAINED = {
    "_DataLoss": "the connection closed before the whole body arrived (fewer bytes than Content-Length)",
    "DataLoss": "the connection closed before the whole body arrived (fewer bytes than Content-Length)",
    "ConnectionLost": "the connection was lost in the middle of the answer",
    "ConnectionDone": "the server closed the connection without a complete answer",
    "ConnectionAborted": "the connection was aborted",
    "ResponseNeverReceived": "the server closed the connection without answering",
    "TimeoutError": "no complete answer within DOWNLOAD_TIMEOUT",
    "DownloadTimeoutError": "no complete answer within DOWNLOAD_TIMEOUT",
    "ResponseDataLossError": "the connection closed before the whole body arrived (fewer bytes than Content-Length)",
    "TCPTimedOutError": "the connection timed out",
    "DNSLookupError": "the host name could not be resolved",
    "ConnectionRefusedError": "the server refused the connection",
    "CancelledError": "the download was cancelled (larger than DOWNLOAD_MAXSIZE, or the crawl stopped)",
    "ParseError": "the server's answer was not valid HTTP",
}


#: What a page refusal code means (``harvester.extract.pagekind``), for the reject detail.
REFUSALS = {
    "empty_body": "the answer has no body",
    "pdf_bytes": "the body is a PDF file, not an HTML page",
    "binary_body": "the body is binary data, not an HTML page",
    "corrupted_markup": "the markup is mangled (attributes run together in many tags)",
    "bot_challenge": "the site answered with a bot challenge instead of the page",
    "login_wall": "the site answered with a login form instead of the page",
    "not_text": "the answer is not text",
}


def describe_refusal(reason: str, response) -> str:
    """A detail for a page refused by its content: what the code means, and what was answered.

    >>> from scrapy.http import HtmlResponse
    >>> describe_refusal("pdf_bytes", HtmlResponse("http://h/a", body=b"%PDF-1.3"))
    'the body is a PDF file, not an HTML page (HTTP 200, 8 bytes, Content-Type none, from http://h/a)'
    """
    kind = response.headers.get(b"Content-Type")
    kind = kind.decode("latin-1") if kind else "none"
    return (f"{REFUSALS.get(reason, reason.replace('_', ' '))} (HTTP {response.status}, {len(response.body)} bytes, "
            f"Content-Type {kind}, from {response.url})")


def describe_failure(failure) -> tuple[str, str, str]:
    """``(outcome, reason, detail)`` for a Twisted failure from a request's errback."""
    error = failure.value
    request = getattr(failure, "request", None)
    if isinstance(error, HttpError):
        status = error.response.status
        return "error", f"http_{status}", f"HTTP {status} from {error.response.url}{_hops(request)}"
    if getattr(error, "reason", None) and getattr(error, "outcome", None):  # the harvester's own refusals
        return error.outcome, error.reason, str(error) or error.reason
    host = _hostname(request.url) if request is not None else ""
    if host in REFUSED_AT_CONNECT and ("Resolve" in type(error).__name__ or "DNS" in type(error).__name__):
        # GuardedResolver said no (Scrapy reports it as DNSLookupError or CannotResolveHostError)
        return "skipped", "private_address", (f"{request.url}{_hops(request)}: host {host} resolved to "
                                              f"{REFUSED_AT_CONNECT[host]}, a non-global address, when connecting "
                                              f"(after the address guard had found a global one: DNS rebinding?)")
    if _TOO_LARGE.search(str(error)):  # DOWNLOAD_MAXSIZE: a huge body or a decompression bomb
        return "error", "too_large", f"{type(error).__name__}: {_message(error)}{_at(request)}"
    if isinstance(error, SitePageLimitReached):
        return "skipped", "site_page_limit", str(error)
    if isinstance(error, NotModified):
        return "skipped", "not_modified", str(error)
    if isinstance(error, IgnoreRequest):
        reason = "robots_txt" if "robots.txt" in str(error) else "ignored"
        return "skipped", reason, f"{_message(error) or 'request ignored by a downloader middleware'}{_at(request)}"
    name = type(error).__name__
    reason = _CAMEL.sub("_", name.lstrip("_")).lower()
    return "error", reason, f"{name}: {explain(error)}{_at(request)}"


def explain(error: BaseException) -> str:
    """The error's message with Twisted's failure reprs spelled out; an explanation when it says nothing.

    >>> explain(TimeoutError())
    'no complete answer within DOWNLOAD_TIMEOUT'
    """
    message = _message(error)
    name = type(error).__name__
    inner = [m.group(1).rsplit(".", 1)[-1] for m in _FAILURE_REPR.finditer(str(error))]
    reasons = getattr(error, "reasons", None) or []
    inner += [type(getattr(r, "value", r)).__name__ for r in reasons if not inner]
    if inner:
        words = "; ".join(dict.fromkeys(EXPLAINED.get(n, n) for n in inner))
        return f"{EXPLAINED.get(name, name)}: {words}" if name in EXPLAINED else words
    if not message or _CAMEL.sub("_", name.lstrip("_")).lower() == message.lower():
        return EXPLAINED.get(name, f"{name} without a message")
    return message


def _message(error: BaseException) -> str:
    text = _FAILURE_REPR.sub(lambda m: m.group(1).rsplit(".", 1)[-1], str(error)).strip()
    return "" if text in ("[]", "()") else text


def _at(request) -> str:
    """`` fetching URL`` plus the redirect chain, when the request is known."""
    return f" (fetching {request.url}{_hops(request)})" if request is not None else ""


def _hops(request) -> str:
    chain = (request.meta.get("redirect_urls") or []) if request is not None else []
    return f", after {len(chain)} redirect(s) from {chain[0]}" if chain else ""
