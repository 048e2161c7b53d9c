"""Downloader middlewares: a per-site page budget, ``Retry-After``, conditional requests, and the address guard
(no request to a non-global address, redirect hops only within the run's sites, loops and long chains reported)."""

from __future__ import annotations

import ipaddress
import socket
from collections import Counter
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware, RedirectMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.resolver import CachingThreadedResolver
from twisted.internet.error import DNSLookupError

from harvester.crawl import signals as harvester_signals
from harvester.crawl.report import cap_hit
from harvester.discovery.routes import requested_url
from harvester.crawl.run import run_for
from harvester.state import state_for


class SitePageLimitReached(IgnoreRequest):
    """The request's host already had ``HARVEST_MAX_PAGES_PER_SITE`` pages fetched this run."""


class SitePageLimitMiddleware:
    """Refuses requests to a host once ``HARVEST_MAX_PAGES_PER_SITE`` of them went out (after duplicates are filtered)."""

    def __init__(self, limit: int, crawler):
        self.limit = limit
        self.crawler = crawler
        self.counts: Counter[str] = Counter()

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.settings.getint("HARVEST_MAX_PAGES_PER_SITE", 0), crawler)

    def process_request(self, request, spider=None):
        host = urlsplit(request.url).netloc
        if self.limit and self.counts[host] >= self.limit and not request.meta.get("dont_obey_robotstxt"):
            self.crawler.stats.inc_value("harvest/site_page_limit")
            cap_hit(self.crawler, "HARVEST_MAX_PAGES_PER_SITE", host or "local", f"{self.limit} pages fetched")
            raise SitePageLimitReached(f"{self.limit} pages already fetched from {host}")
        self.counts[host] += 1
        return None


class RetryAfterMiddleware:
    """Honours ``Retry-After`` on 429/503 answers: waits as told (capped), then asks again.

    Scrapy's own retry middleware retries at once, which an overloaded OAI-PMH endpoint
    answers with the same 503; this one runs before it and only for answers that say when.
    """

    def __init__(self, max_wait: float, max_times: int, stats):
        self.max_wait = max_wait
        self.max_times = max_times
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        return cls(settings.getfloat("HARVEST_RETRY_AFTER_MAX", 120.0),
                   settings.getint("HARVEST_RETRY_AFTER_TIMES", 3), crawler.stats)

    async def process_response(self, request, response, spider=None):
        wait = retry_after_seconds(response.headers.get(b"Retry-After"))
        tries = request.meta.get("retry_after_times", 0)
        if response.status not in (429, 503) or wait is None or tries >= self.max_times:
            return response
        self.stats.inc_value("harvest/retry_after")
        await _sleep(min(wait, self.max_wait))
        retry = request.replace(dont_filter=True)
        retry.meta["retry_after_times"] = tries + 1
        return retry


def retry_after_seconds(value: bytes | None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header: delta-seconds or an HTTP date.

    >>> retry_after_seconds(b"2"), retry_after_seconds(None), retry_after_seconds(b"soon")
    (2.0, None, None)
    """
    if not value:
        return None
    text = value.decode("latin-1").strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


async def _sleep(seconds: float) -> None:
    from twisted.internet import reactor
    from twisted.internet.task import deferLater

    from scrapy.utils.defer import maybe_deferred_to_future

    await maybe_deferred_to_future(deferLater(reactor, seconds, lambda: None))


class NotModified(IgnoreRequest):
    """A conditional request for a known page was answered ``304 Not Modified``."""


class ConditionalRequestMiddleware:
    """Keeps article pages' ``ETag``/``Last-Modified`` in the harvest state; a ``304`` marks the page seen.

    ``FreshPagesMiddleware`` adds the conditional headers; an answer ``304`` ends the request as
    ``skipped``/``not_modified`` and makes the stored record fresh again.
    """

    def __init__(self, crawler):
        self.crawler = crawler
        self.enabled = crawler.settings.getbool("HARVEST_INCREMENTAL", True)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_response(self, request, response, spider=None):
        if not self.enabled or request.meta.get("harvest_kind") != "article":
            return response
        url = requested_url(request)
        if response.status == 304 and request.meta.get("conditional"):
            state_for(self.crawler).refresh_page(url, run_for(self.crawler).run_id, request.meta.get("source"))
            self.crawler.stats.inc_value("harvest/not_modified")
            raise NotModified(f"{url} unchanged since it was last fetched (HTTP 304)")
        if response.status == 200:
            etag, modified = response.headers.get(b"ETag"), response.headers.get(b"Last-Modified")
            if etag or modified:
                state_for(self.crawler).put_validators(url, _header(etag), _header(modified))
        return response


def _header(value: bytes | None) -> str | None:
    return value.decode("latin-1") if value else None


# -- addresses and redirects --------------------------------------------------------------------

#: IPv6 prefixes that carry an IPv4 address in their last 32 bits (NAT64).
_NAT64 = (ipaddress.ip_network("64:ff9b::/96"),)
_LOCAL_NAT64 = ipaddress.ip_network("64:ff9b:1::/48")
_RESOLVE_CACHE_SIZE = 1024
#: Host names that may resolve to a non-global address in this process (start hosts, HARVEST_ALLOWED_HOSTS),
#: filled by the address guard and read by ``GuardedResolver`` when the downloader connects.
PRIVATE_OK: set[str] = set()
#: Host names ``GuardedResolver`` refused -> the non-global address they resolved to (for the reject detail).
REFUSED_AT_CONNECT: dict[str, str] = {}


class PrivateAddress(IgnoreRequest):
    """The request's host is, or resolves to, an address that is not globally reachable."""

    outcome, reason = "skipped", "private_address"


class OffsiteRedirect(IgnoreRequest):
    """A redirect hop leads off the run's sites."""

    outcome, reason = "skipped", "offsite_redirect"


class RedirectLoop(IgnoreRequest):
    """A redirect hop leads back to a URL of the same chain."""

    outcome, reason = "error", "redirect_loop"


class TooManyRedirects(IgnoreRequest):
    """A redirect chain is longer than ``REDIRECT_MAX_TIMES``."""

    outcome, reason = "error", "too_many_redirects"


def non_global(address: str) -> bool:
    """True for a private, loopback, link-local, reserved, multicast or unspecified address.

    IPv4 addresses inside IPv6 (mapped, 6to4, NAT64) are judged by their IPv4 part.

    >>> [non_global(a) for a in ("10.0.0.1", "169.254.169.254", "::1", "fe80::1", "::ffff:127.0.0.2")]
    [True, True, True, True, True]
    >>> [non_global(a) for a in ("93.184.216.34", "2606:4700::1111", "64:ff9b::a00:1", "not an address")]
    [False, False, True, True]
    """
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return True
    if ip.version == 6:
        if ip in _LOCAL_NAT64:
            return True  # RFC 8215 local-use translation: never globally reachable
        inner = ip.ipv4_mapped or ip.sixtofour or (
            ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF) if any(ip in net for net in _NAT64) else None)
        if inner is not None:
            return non_global(str(inner))
    return not ip.is_global or ip.is_multicast or ip.is_unspecified


def _hostname(url: str) -> str:
    """The lower-case host of ``url`` without port, brackets or trailing dot; ``""`` when none."""
    try:
        return (urlsplit(url).hostname or "").rstrip(".").lower()
    except ValueError:
        return ""


def same_site(host: str, sites: set[str]) -> bool:
    """True when ``host`` is one of ``sites`` or differs from one only by a leading ``www.``.

    >>> same_site("www.example.org", {"example.org"}), same_site("evil.example", {"example.org"})
    (True, False)
    """
    bare = host.removeprefix("www.")
    return any(bare == site.removeprefix("www.") for site in sites)


def _getaddrinfo(host: str) -> list[str]:
    """Every address ``host`` resolves to (blocking: run it in a thread)."""
    return sorted({info[4][0] for info in socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)})


class AddressGuardMiddleware:
    """No request to a non-global address, and redirect hops only within the run's sites.

    Every request (links, start URLs, robots.txt fetches and each redirect hop, which Scrapy's
    redirect middleware schedules as a new request) is checked before it goes out: its host is
    resolved (in a thread, cached per host) and a private, loopback, link-local, reserved or
    multicast address refuses it as ``skipped``/``private_address`` — unless the host is one of the
    run's start hosts or named in ``HARVEST_ALLOWED_HOSTS``. A redirect hop to a host outside the
    request's sites (its start hosts, ``www.`` aside) is ``skipped``/``offsite_redirect``, unless the
    spider itself sent the first request off its sites. ``HARVEST_RESOLVE`` maps host names to
    addresses before DNS is asked (for tests; a host named there is never looked up).
    """

    def __init__(self, crawler, allowed: set[str], resolve_map: dict[str, list[str]]):
        self.crawler = crawler
        self.allowed = allowed
        self.resolve_map = resolve_map
        self.start_hosts: set[str] = set()
        self.cache: dict[str, list[str]] = {}

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        allowed = {h.strip().lower().rstrip(".") for h in settings.getlist("HARVEST_ALLOWED_HOSTS") if h.strip()}
        resolve = {k.lower(): ([v] if isinstance(v, str) else list(v))
                   for k, v in (settings.getdict("HARVEST_RESOLVE") or {}).items()}
        PRIVATE_OK.update(allowed)
        return cls(crawler, allowed, resolve)

    async def process_request(self, request, spider=None):
        if urlsplit(request.url).scheme not in ("http", "https"):
            return None
        if request.meta.get("start"):
            self.start_hosts.add(_hostname(request.meta["start"]))
            PRIVATE_OK.add(_hostname(request.meta["start"]))
        host = _hostname(request.url)
        try:
            if host in REFUSED_AT_CONNECT and host not in PRIVATE_OK:
                raise PrivateAddress(f"{request.url}: host {host} resolved to {REFUSED_AT_CONNECT[host]}, a "
                                     f"non-global address, when connecting (after a global answer: DNS rebinding?)")
            if host not in self.start_hosts and host not in self.allowed:
                await self._check_address(request, host)
            self._check_hop(request, host)
        except (PrivateAddress, OffsiteRedirect) as refusal:
            self._account(request, refusal)
            raise
        return None

    def _check_hop(self, request, host: str) -> None:
        """An offsite redirect hop raises ``OffsiteRedirect``."""
        chain = request.meta.get("redirect_urls")
        if not chain:
            return
        sites = {_hostname(f"//{netloc}") for netloc in request.meta.get("sites") or ()} or set(self.start_hosts)
        sites |= self.allowed
        first = _hostname(chain[0])
        if same_site(host, sites) or not same_site(first, sites):
            return
        raise OffsiteRedirect(f"redirect from {chain[-1]} to {request.url}: {host} is not one of the run's sites "
                              f"({', '.join(sorted(sites))}); HARVEST_ALLOWED_HOSTS can name it")

    async def _check_address(self, request, host: str) -> None:
        """A host that is or resolves to a non-global address raises ``PrivateAddress``."""
        addresses = await self._resolve(host)
        bad = next((a for a in addresses if non_global(a)), None)
        if bad is None:
            return
        via = f" (redirect hop {len(request.meta['redirect_urls'])} from {request.meta['redirect_urls'][0]})" \
            if request.meta.get("redirect_urls") else ""
        raise PrivateAddress(f"{request.url}{via}: host {host} resolves to {bad}, a non-global address; "
                             f"only start hosts and HARVEST_ALLOWED_HOSTS may be private")

    async def _resolve(self, host: str) -> list[str]:
        """The host's addresses: itself when it is one, else the map, the cache or a lookup in a thread."""
        try:
            return [str(ipaddress.ip_address(host.split("%", 1)[0]))]
        except ValueError:
            pass
        if host in self.resolve_map:
            return self.resolve_map[host]
        if host not in self.cache:
            from twisted.internet.threads import deferToThread

            from scrapy.utils.defer import maybe_deferred_to_future

            try:
                found = await maybe_deferred_to_future(deferToThread(_getaddrinfo, host))
            except OSError:
                return []  # unresolvable: the download fails with its own DNS error
            if len(self.cache) >= _RESOLVE_CACHE_SIZE:
                self.cache.pop(next(iter(self.cache)))
            self.cache[host] = found
        return self.cache[host]

    def _account(self, request, refusal: IgnoreRequest) -> None:
        """Write the refusal's one reject line here, under the URL asked for (robots.txt fetches have no errback)."""
        self.crawler.stats.inc_value(f"harvest/guard/{refusal.reason}")
        refusal.accounted = True  # the spider's errback must not write a second line
        self.crawler.signals.send_catch_log(
            harvester_signals.page_rejected, url=requested_url(request),
            source=request.meta.get("source"), outcome=refusal.outcome, reason=refusal.reason,
            detail=str(refusal))


class GuardedResolver(CachingThreadedResolver):
    """Scrapy's DNS resolver, refusing a non-global answer for a host not in ``PRIVATE_OK`` when connecting.

    The address guard resolves a host before its request goes out; the downloader resolves it
    again to connect. This resolver checks that second answer too, so a name that changes its
    answer in between (DNS rebinding) still never leads to a private address.
    """

    def getHostByName(self, name, timeout=()):
        return super().getHostByName(name, timeout).addCallback(self.checked, name)

    @staticmethod
    def checked(address: str, name: str) -> str:
        """``address`` when ``name`` may have it; ``DNSLookupError`` for a non-global address of any other host."""
        host = name.rstrip(".").lower()
        if non_global(address) and host not in PRIVATE_OK:
            REFUSED_AT_CONNECT[host] = address
            raise DNSLookupError(f"{name} resolved to {address}, a non-global address, when connecting")
        return address


class _GuardedRedirects:
    """Mixin for Scrapy's redirect middlewares: a loop or an over-long chain fails the URL asked for."""

    def _redirect(self, redirected, request, reason):
        chain = [*request.meta.get("redirect_urls", []), request.url]
        if redirected.url in chain:
            raise RedirectLoop(f"redirect loop after {len(chain)} hop(s): {request.url} redirects ({reason}) to "
                               f"{redirected.url}, already visited; chain: {' -> '.join(chain)}")
        try:
            return super()._redirect(redirected, request, reason)
        except IgnoreRequest:
            raise TooManyRedirects(f"{len(chain)} redirects (REDIRECT_MAX_TIMES is {self.max_redirect_times}) "
                                   f"from {chain[0]}; last URL {redirected.url}") from None


class GuardedRedirectMiddleware(_GuardedRedirects, RedirectMiddleware):
    """Scrapy's ``RedirectMiddleware`` with loops and over-long chains reported (see ``_GuardedRedirects``)."""


class GuardedMetaRefreshMiddleware(_GuardedRedirects, MetaRefreshMiddleware):
    """Scrapy's ``MetaRefreshMiddleware`` with loops and over-long chains reported."""
