"""Retry-After: seconds and HTTP dates, and the middleware's decision to wait or pass on."""

from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import pytest

from harvester.crawl.middlewares import retry_after_seconds
from harvester.discovery.routes import is_oai_url, oai_endpoint_for


@pytest.mark.parametrize("value, low, high", [(b"0", 0, 0), (b"7", 7, 7)])
def test_retry_after_delta_seconds(value, low, high):
    assert low <= retry_after_seconds(value) <= high


@pytest.mark.parametrize("offset, low, high", [(30, 25, 31), (-30, 0, 0)])
def test_retry_after_http_date(offset, low, high):
    when = format_datetime(datetime.now(timezone.utc) + timedelta(seconds=offset), usegmt=True).encode()
    assert low <= retry_after_seconds(when) <= high


@pytest.mark.parametrize("value", [None, b"", b"later", b"-5"])
def test_retry_after_unusable(value):
    assert retry_after_seconds(value) is None


@pytest.mark.parametrize("url, endpoint, oai", [
    ("https://j.org/index.php/hist/article/view/5", "https://j.org/index.php/hist/oai", False),
    ("https://j.org/ojs/index.php/hist/index", "https://j.org/ojs/index.php/hist/oai", False),
    ("https://j.org/oai/request?verb=Identify", "https://j.org/oai/request", True),
    ("https://j.org/", "https://j.org/oai", False),
])
def test_oai_endpoint_guess(url, endpoint, oai):
    assert oai_endpoint_for(url) == endpoint and is_oai_url(url) is oai
