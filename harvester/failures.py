"""Turn a failed request into an outcome and a short reason code for the rejects file."""

from __future__ import annotations

import re

from scrapy.exceptions import IgnoreRequest
from scrapy.spidermiddlewares.httperror import HttpError

from harvester.middlewares import NotModified, SitePageLimitReached

_CAMEL = re.compile(r"(?<!^)(?=[A-Z])")


def describe_failure(failure) -> tuple[str, str, str]:
    """``(outcome, reason, detail)`` for a Twisted failure from a request's errback."""
    error = failure.value
    if isinstance(error, HttpError):
        status = error.response.status
        return "error", f"http_{status}", f"HTTP {status} from {error.response.url}"
    if isinstance(error, SitePageLimitReached):
        return "skipped", "site_page_limit", str(error)
    if isinstance(error, NotModified):
        return "skipped", "not_modified", str(error)
    if isinstance(error, IgnoreRequest):
        reason = "robots_txt" if "robots.txt" in str(error) else "ignored"
        return "skipped", reason, str(error) or type(error).__name__
    name = _CAMEL.sub("_", type(error).__name__).lower()
    return "error", name, f"{type(error).__name__}: {error}"
