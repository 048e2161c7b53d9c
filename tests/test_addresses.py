"""The address guard: no request to a non-global address, redirect hops only within the run's sites.

The guard is driven directly here, with names mapped to addresses by ``HARVEST_RESOLVE``: no DNS
query and no connection happens (there is no downloader); ``tests/test_crawl_hostile.py`` checks
the same end to end against real loopback servers.
"""

from __future__ import annotations

import asyncio

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse, Response
from scrapy.utils.test import get_crawler

from harvester.crawl.failures import describe_failure
from harvester.crawl.middlewares import (AddressGuardMiddleware, GuardedRedirectMiddleware, OffsiteRedirect,
                                   PrivateAddress, RedirectLoop, TooManyRedirects, non_global, same_site)

START = "http://127.0.0.1:8000/journal"
RESOLVE = {"metadata.test": "169.254.169.254", "intranet.test": "10.0.0.1", "journal.test": "93.184.216.34",
           "www.journal.test": "93.184.216.34", "cdn.test": "151.101.1.1", "both.test": ["93.184.216.34", "10.1.2.3"],
           "v6.test": "fd12:3456::1"}


@pytest.mark.parametrize("address, refused", [
    ("10.0.0.1", True), ("172.16.5.4", True), ("192.168.1.1", True), ("127.0.0.2", True), ("169.254.169.254", True),
    ("100.64.0.1", True), ("0.0.0.0", True), ("255.255.255.255", True), ("224.0.0.1", True), ("198.18.0.1", True),
    ("192.0.2.1", True), ("::1", True), ("::", True), ("fe80::1", True), ("fd00::1", True), ("ff02::1", True),
    ("2001:db8::1", True), ("::ffff:10.0.0.1", True), ("::ffff:169.254.169.254", True), ("2002:a00:1::1", True),
    ("64:ff9b::a9fe:a9fe", True), ("fe80::1%eth0", True), ("not an address", True),
    ("93.184.216.34", False), ("8.8.8.8", False), ("2606:4700:4700::1111", False), ("::ffff:93.184.216.34", False),
])
def test_non_global(address, refused):
    assert non_global(address) is refused


def test_same_site_ignores_only_www():
    assert same_site("www.journal.test", {"journal.test"}) and same_site("journal.test", {"www.journal.test"})
    assert not same_site("evil-journal.test", {"journal.test"}) and not same_site("journal.test.evil", {"journal.test"})


def _guard(**settings) -> AddressGuardMiddleware:
    return AddressGuardMiddleware.from_crawler(get_crawler(settings_dict={"HARVEST_RESOLVE": RESOLVE, **settings}))


def _check(guard: AddressGuardMiddleware, url: str, start: str = START, **meta):
    """The guard's verdict on a request: None (let through) or the refusal it raised."""
    request = Request(url, meta={"start": start, "sites": [start.split("/")[2]], **meta})
    try:
        return asyncio.run(guard.process_request(request))
    except (PrivateAddress, OffsiteRedirect) as refusal:
        return refusal


@pytest.mark.parametrize("url, address", [
    ("http://10.0.0.1/", "10.0.0.1"), ("http://169.254.169.254/latest/meta-data/", "169.254.169.254"),
    ("http://[::1]:8080/", "::1"), ("http://[fe80::1]/", "fe80::1"), ("http://127.0.0.2:8000/", "127.0.0.2"),
    ("http://metadata.test/latest/meta-data/", "169.254.169.254"), ("http://intranet.test/", "10.0.0.1"),
    ("http://both.test/", "10.1.2.3"), ("http://v6.test/", "fd12:3456::1"),
])
def test_links_to_non_global_addresses_are_refused_before_any_connection(url, address):
    refusal = _check(_guard(), url)
    assert isinstance(refusal, PrivateAddress), refusal
    assert f"resolves to {address}," in str(refusal)
    assert (refusal.outcome, refusal.reason) == ("skipped", "private_address")


def test_odd_ipv4_spellings_resolve_to_what_they_mean():
    from harvester.crawl.middlewares import _getaddrinfo

    # numeric hosts are read by the resolver itself (inet_aton), no DNS: the guard sees the real address
    assert _getaddrinfo("2130706434") == ["127.0.0.2"]
    assert _getaddrinfo("0x7f.1") == ["127.0.0.1"]


def test_start_hosts_and_allowed_hosts_may_be_private():
    guard = _guard(HARVEST_ALLOWED_HOSTS=["intranet.test"])
    assert _check(guard, "http://127.0.0.1:8000/article/1") is None
    assert _check(guard, "http://intranet.test/wiki") is None
    assert isinstance(_check(guard, "http://metadata.test/"), PrivateAddress)


def test_public_hosts_pass():
    assert _check(_guard(), "https://cdn.test/a.pdf") is None


def test_redirect_hops_stay_within_the_run_sites():
    guard = _guard()
    start = "https://journal.test/issue/1"
    hop = {"redirect_urls": ["https://journal.test/article/1"]}
    assert _check(guard, "https://www.journal.test/article/1", start, **hop) is None
    refusal = _check(guard, "https://cdn.test/article/1", start, **hop)
    assert isinstance(refusal, OffsiteRedirect) and "cdn.test is not one of the run's sites" in str(refusal)
    # a request the spider itself sent off its sites (an OAI landing page) may be redirected further
    assert _check(guard, "https://cdn.test/b", start, redirect_urls=["https://cdn.test/a"]) is None


def test_a_private_hop_is_refused_and_named_under_the_url_asked_for():
    refusal = _check(_guard(), "http://metadata.test/latest/meta-data/", START,
                     redirect_urls=[f"{START}/article/1", f"{START}/article/1b"])
    assert isinstance(refusal, PrivateAddress)
    assert f"redirect hop 2 from {START}/article/1" in str(refusal)


def _redirects(max_times: int = 20) -> GuardedRedirectMiddleware:
    return GuardedRedirectMiddleware.from_crawler(get_crawler(settings_dict={"REDIRECT_MAX_TIMES": max_times}))


def _hop(middleware, request: Request, location: str):
    return middleware.process_response(request, Response(request.url, status=302, headers={"Location": location}))


def test_redirect_loop_is_an_error_naming_the_chain():
    middleware = _redirects()
    first = Request("http://127.0.0.1:8000/a")
    second = _hop(middleware, first, "/b")
    with pytest.raises(RedirectLoop) as raised:
        _hop(middleware, second, "/a")
    assert "http://127.0.0.1:8000/a -> http://127.0.0.1:8000/b" in str(raised.value)


def test_too_long_chain_is_an_error_naming_hops_and_last_url():
    middleware = _redirects(max_times=3)
    request = Request("http://127.0.0.1:8000/0")
    with pytest.raises(TooManyRedirects) as raised:
        for n in range(1, 10):
            request = _hop(middleware, request, f"/{n}")
    assert "4 redirects" in str(raised.value) and "last URL http://127.0.0.1:8000/4" in str(raised.value)
    assert "from http://127.0.0.1:8000/0" in str(raised.value)


class _Failure:
    """What an errback gets: the error and the request (Twisted's ``Failure`` with Scrapy's ``request``)."""

    def __init__(self, error, request):
        self.value, self.request = error, request


@pytest.mark.parametrize("error, reason", [
    (RedirectLoop("redirect loop after 2 hop(s)"), "redirect_loop"),
    (TooManyRedirects("21 redirects"), "too_many_redirects"),
    (PrivateAddress("resolves to 10.0.0.1"), "private_address"),
])
def test_describe_failure_keeps_the_guard_reasons(error, reason):
    outcome, got, detail = describe_failure(_Failure(error, Request("http://127.0.0.1/")))
    assert (got, detail) == (reason, str(error))


def test_describe_failure_details_add_information():
    from twisted.internet.error import DNSLookupError
    from twisted.python.failure import Failure
    from twisted.web._newclient import ResponseFailed, _DataLoss

    request = Request("http://127.0.0.1/b", meta={"redirect_urls": ["http://127.0.0.1/a"]})
    for error in (ResponseFailed([Failure(_DataLoss())]), DNSLookupError(), ValueError()):
        outcome, reason, detail = describe_failure(_Failure(error, request))
        assert outcome == "error" and detail and reason not in detail.lower().replace(" ", "_")[:len(reason)]
        assert "http://127.0.0.1/b" in detail and "from http://127.0.0.1/a" in detail
        assert "twisted.python.failure" not in detail
    assert describe_failure(_Failure(DNSLookupError(), request))[1] == "dns_lookup_error"


def test_meta_refresh_is_redirect_like():
    from harvester.crawl.middlewares import GuardedMetaRefreshMiddleware

    middleware = GuardedMetaRefreshMiddleware.from_crawler(get_crawler())
    request = Request("http://127.0.0.1:8000/a")
    body = b'<html><head><meta http-equiv="refresh" content="0; url=/a"></head></html>'
    with pytest.raises(RedirectLoop):
        middleware.process_response(request, HtmlResponse(request.url, body=body))


# -- properties ---------------------------------------------------------------------------------

import ipaddress  # noqa: E402

from hypothesis import given, strategies as st  # noqa: E402


@given(st.ip_addresses(v=4))
def test_an_ipv4_address_inside_ipv6_is_judged_by_its_ipv4_part(address):
    mapped = ipaddress.IPv6Address(f"::ffff:{address}")
    assert non_global(str(mapped)) == non_global(str(address))


@given(st.ip_addresses())
def test_non_global_agrees_with_the_standard_library_where_it_is_plain(address):
    if address.version == 6 and (address.ipv4_mapped or address.sixtofour):
        return
    if not address.is_global or address.is_multicast or address.is_unspecified:
        assert non_global(str(address))


@given(st.text(max_size=60))
def test_non_global_never_raises(text):
    assert non_global(text) in (True, False)


# -- DNS rebinding: the address is checked again when the downloader connects --------------------

from harvester.demo import LocalSite, respond, serve  # noqa: E402
from harvester.demo.faults import oai_page  # noqa: E402
from harvester.crawl.middlewares import PRIVATE_OK, GuardedResolver  # noqa: E402
from tests.conftest import check_accounting, harvest  # noqa: E402


def test_guarded_resolver_refuses_non_global_answers_for_other_hosts():
    from twisted.internet.error import DNSLookupError

    assert GuardedResolver.checked("93.184.216.34", "journal.test") == "93.184.216.34"
    with pytest.raises(DNSLookupError, match="169.254.169.254"):
        GuardedResolver.checked("169.254.169.254", "rebound.test")
    PRIVATE_OK.add("intranet.test")
    try:
        assert GuardedResolver.checked("10.0.0.1", "intranet.test") == "10.0.0.1"
    finally:
        PRIVATE_OK.discard("intranet.test")


class RebindingRepository(LocalSite):
    """An OAI-PMH endpoint whose record's landing page is on ``localhost`` (the same server, by another name)."""

    def __init__(self):
        self.port = 0
        self.routes = {"/oai": self._oai, "/landing": lambda request: respond("<h1>Internal</h1>")}
        super().__init__()

    def _oai(self, request):
        page = oai_page("oai:rebind:1", "A record whose landing page rebinds", None)
        page = page.replace("</dc:title>", f"</dc:title><dc:identifier>http://localhost:{self.port}/landing"
                                           "</dc:identifier>")
        return respond(page, content_type="text/xml")


@pytest.mark.e2e
def test_a_name_rebound_to_a_private_address_after_the_guard_is_refused_when_connecting(tmp_path):
    site = RebindingRepository()
    with serve(site) as handle:
        site.port = handle.port
        # The guard is told localhost is public (as a rebinding name would first answer); the downloader's
        # resolver then gets 127.0.0.1 from /etc/hosts (no DNS query) and must refuse it.
        run = harvest(tmp_path / "out", f"start_urls={handle.url('/oai')}", "mode=oai", "complete=yes",
                      settings=("-s", 'HARVEST_RESOLVE={"localhost": "93.184.216.34"}'), run_id="rebind")
        assert handle.count("/landing") == 0 and handle.count("/robots.txt") == 1  # the start host's only
    landing = f"http://localhost:{handle.port}/landing"
    lines = [r for r in run.rejects if r["url"] == landing]
    assert [(r["outcome"], r["reason"]) for r in lines] == [("skipped", "private_address")], run.rejects
    assert "resolved to 127.0.0.1" in lines[0]["detail"] and "when connecting" in lines[0]["detail"]
    # the page was refused, not the work: the OAI record is written in its place
    assert [(r["title"], r["url"]) for r in run.records] == [("A record whose landing page rebinds", landing)]
    # the landing host's robots.txt met the same refusal; its retry was refused before it went out
    robots = [(r["outcome"], r["reason"]) for r in run.rejects if r["url"].endswith("/robots.txt")]
    assert robots == [("skipped", "private_address")]
    assert [line for line in run.log.splitlines() if " ERROR: " in line] == []
