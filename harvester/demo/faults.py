r"""A hostile journal site on loopback: every fault a crawl meets, each at its own URL, with what must come of it.

``FaultSite`` serves a listing (``/``) that links one article page per entry of ``FAULTS``: good
pages (some with lying charsets, absurd fields, deep JSON-LD, redirects within the site) and bad
ones (HTTP errors, timeouts, PDF/binary/empty bodies, challenges, login walls, truncated and huge
answers, gzip bombs, redirect loops and long chains, redirects and meta refreshes to private
addresses and off the site). Its ``robots.txt`` redirects to the cloud metadata address, and
``/<kind>/oai`` are OAI-PMH endpoints (alternating resumption tokens, broken XML, a good list).
A second instance (``sitemaps=True``) names sitemaps in its ``robots.txt``: good, broken off, a
gzip bomb, deeply nested XML, and one on a private address (``SITEMAP_FAULTS``).

Private targets are real servers on other loopback addresses (``InternalSite`` on 127.0.0.2 and
127.0.0.3, a ``trap`` on 127.0.0.4) that count every request they get, and host names
(``metadata.test``, ``intranet.test``, ...) that the crawl's address guard is told resolve to
169.254.169.254, 10.0.0.1, ... (``HARVEST_RESOLVE``) while ``TrapResolver``, the crawl's DNS
resolver, sends any connection to them to the trap: a guard that let one through would show as a
request logged by a loopback server, never as traffic leaving the machine. ``FaultSite.settings()``
gives the ``-s`` settings a crawl of the site needs::

    with serve_faults() as sites:
        crawl(..., f"start_urls={sites.site.base_url}/", settings=sites.settings())
        assert sites.private_requests() == []
"""

from __future__ import annotations

import gzip
import json
import time
from dataclasses import dataclass
from functools import lru_cache

from twisted.internet import defer
from twisted.internet.error import DNSLookupError

from scrapy.resolver import CachingThreadedResolver

from harvester.demo.server import HTML, LocalSite, ServerHandle, respond, serve

#: Host names the crawl's address guard resolves (``HARVEST_RESOLVE``): never looked up in DNS.
GUARD_VIEW = {"metadata.test": "169.254.169.254", "intranet.test": "10.0.0.1", "internal.test": "127.0.0.3",
              "v6.test": "fd00::1", "elsewhere.test": "93.184.216.34"}
TIMEOUT_SECONDS = 4  # the crawl's DOWNLOAD_TIMEOUT: generous, as the crawl's own CPU work delays reading
SLOW_SECONDS = 7  # how long the slow page takes


@dataclass(frozen=True)
class Fault:
    """One article URL of the site: what it does and how the crawl must account for it."""

    description: str
    outcome: str
    """``written`` (a record), or the reject's ``rejected``, ``error`` or ``skipped``."""
    reason: str | None = None
    """The reject's reason code (None: any)."""


ARTICLE = """<html><head><meta charset="{charset}"><meta name="citation_title" content="{title}">
<meta name="citation_author" content="{author}"><meta name="citation_journal_title" content="{journal}">
<meta name="citation_volume" content="12"><meta name="citation_issue" content="3">
<meta name="citation_firstpage" content="{page}"><meta name="citation_date" content="2024-05-01">{extra}</head>
<body><h1>{heading}</h1><p>{text}</p></body></html>"""

#: path under /article/ -> the fault and the outcome the crawl must give it.
FAULTS: dict[str, Fault] = {
    # good pages: each must be written
    "ok": Fault("an ordinary article page", "written"),
    "latin-lie": Fault("UTF-8 bytes served as iso-8859-1", "written"),
    "cp1251-meta": Fault("windows-1251 bytes served as utf-8, <meta charset> right", "written"),
    "cp1251-bare": Fault("windows-1251 bytes served as utf-8, no <meta charset>: detection", "written"),
    "jsonld-deep": Fault("a JSON-LD block nested 100,000 deep beside good citation_* tags", "written"),
    "long-title": Fault("a 100 KB title in <meta> and <h1>: cut and flagged", "written"),
    "huge-meta": Fault("a 1 MB publisher <meta>: cut and flagged", "written"),
    "many-authors": Fault("3,000 authors: capped and flagged", "written"),
    "moved": Fault("301 to another page of the site: record keeps both URLs", "written"),
    # bad pages: each must be one reject with its reason
    "missing": Fault("HTTP 404", "error", "http_404"),
    "boom": Fault("HTTP 500", "error", "http_500"),
    "busy": Fault("HTTP 503 without Retry-After", "error", "http_503"),
    "slow": Fault("no answer within DOWNLOAD_TIMEOUT", "error", "download_timeout_error"),
    "pdf": Fault("PDF bytes served as HTML", "rejected", "pdf_bytes"),
    "empty": Fault("an empty body", "rejected", "empty_body"),
    "challenge": Fault("a bot challenge page", "rejected", "bot_challenge"),
    "members": Fault("a login wall", "rejected", "login_wall"),
    "image": Fault("a PNG body", "rejected", "binary_body"),
    "huge": Fault("a body over DOWNLOAD_MAXSIZE", "error", "too_large"),
    "truncated": Fault("connection closed before Content-Length bytes", "error", "response_data_loss_error"),
    "gzip-bomb": Fault("a gzip body that inflates past DOWNLOAD_MAXSIZE", "error", "too_large"),
    "about": Fault("an ordinary page, no article", "skipped", "not_article"),
    "mojibake": Fault("bytes no charset decodes", "rejected", "undecodable_text"),
    "to-internal": Fault("302 to 127.0.0.2 (a private server)", "skipped", "private_address"),
    "to-internal-name": Fault("302 to a name resolving to 127.0.0.3", "skipped", "private_address"),
    "to-metadata": Fault("302 to a name resolving to 169.254.169.254", "skipped", "private_address"),
    "to-intranet": Fault("302 to a name resolving to 10.0.0.1", "skipped", "private_address"),
    "to-v6": Fault("302 to a name resolving to fd00::1", "skipped", "private_address"),
    "to-loopback-v6": Fault("302 to [::1]", "skipped", "private_address"),
    "chain-to-internal": Fault("three hops within the site, then 127.0.0.2", "skipped", "private_address"),
    "refresh-to-internal": Fault("<meta http-equiv=refresh> to 127.0.0.2", "skipped", "private_address"),
    "offsite": Fault("302 to a public host that is not the run's site", "skipped", "offsite_redirect"),
    "loop": Fault("a -> b -> a redirect loop", "error", "redirect_loop"),
    "self-loop": Fault("a page redirecting to itself", "error", "redirect_loop"),
    "long-chain": Fault("25 redirects within the site", "error", "too_many_redirects"),
    "to-file": Fault("302 to a file:// URL", "error", "http_302"),
    "to-seen": Fault("302 to a page the listing links too (the duplicate filter drops the hop)", "skipped",
                     "duplicate_redirect"),
}

#: OAI-PMH endpoints at /<kind>/oai: the start URL's fault and its outcome.
OAI_FAULTS: dict[str, Fault] = {
    "good": Fault("two pages of records", "written"),
    "alternating": Fault("resumption tokens A, B, A, ...", "error", "oai_token_loop"),
    "broken": Fault("XML that breaks off mid-record", "error", "oai_truncated"),
    "garbage": Fault("no XML at all", "error", "oai_malformedXML"),
    "deep": Fault("a title nested 100,000 elements deep", "error", "oai_malformedXML"),
    "xxe": Fault("a title that is an external entity (file:///etc/passwd): never read, the titleless record refused",
                 "rejected", "schema_invalid"),
}
#: Sitemaps the sitemap site's robots.txt names (through an index) and what must come of each.
SITEMAP_FAULTS: dict[str, Fault] = {
    "good.xml": Fault("a sitemap of two good articles", "written"),
    "broken.xml": Fault("a sitemap that breaks off after one entry (the entry is still crawled)", "error",
                        "bad_sitemap"),
    "bomb.xml.gz": Fault("a gzip sitemap inflating past the cap", "rejected", "bad_sitemap"),
    "deep.xml": Fault("XML nested 100,000 deep", "rejected", "bad_sitemap"),
    "private": Fault("a sitemap on 127.0.0.2, named in robots.txt", "skipped", "private_address"),
}
#: Article pages the sitemaps name that must be written.
SITEMAP_ARTICLES = ("ok", "latin-lie", "cp1251-meta")

#: Titles of the good records the OAI endpoints give (both pages of ``good``, the first of ``alternating``).
OAI_GOOD_TITLES = ("Records over resumption tokens, part one", "Records over resumption tokens, part two",
                   "An alternating list's first record")


def article(title: str, *, charset: str = "utf-8", heading: str | None = None, extra: str = "",
            text: str = "Text of the article.", author: str = "Erwin Schrödinger", page: str = "1",
            journal: str = "Annalen der Physik") -> str:
    """An article page with citation_* tags."""
    return ARTICLE.format(charset=charset, title=title, heading=heading or title, extra=extra, text=text,
                          author=author, page=page, journal=journal)


class InternalSite(LocalSite):
    """A private server: any path answers a tempting article page (a record would show a leak)."""

    def __init__(self, name: str):
        self.name = name
        super().__init__()

    def dispatch(self, request):
        return respond(article(f"Internal secret of {self.name}"))


class FaultSite(LocalSite):
    """The hostile site; ``internal`` and ``internal3``/``trap`` are the private servers' base URLs."""

    def __init__(self, internal: str, internal3: str, trap_port: int, v6_port: int | None, sitemaps: bool = False):
        self.internal, self.internal3, self.trap_port, self.v6_port = internal, internal3, trap_port, v6_port
        robots = self._robots_with_sitemaps if sitemaps else \
            (lambda request: self._redirect(f"http://metadata.test:{trap_port}/latest/meta-data/"))
        self.routes = {
            "/": self._listing,
            "/robots.txt": robots,
            "/sitemaps/(?P<name>[a-z.]+)": self._sitemap,
            "/article/(?P<kind>[a-z0-9-]+)": self._article,
            "/hop/(?P<kind>[a-z-]+)/(?P<n>\\d+)": self._hop,
            "/(?P<kind>[a-z]+)/oai": self._oai,
        }
        super().__init__()

    # -- pages

    def _listing(self, request):
        items = "".join(f'<li><a href="/article/{kind}">{kind.replace("-", "")}</a></li>' for kind in FAULTS)
        return respond(f"<html><body><h1>Issue 3</h1><ul>{items}</ul></body></html>")

    def _article(self, request, kind: str):
        handler = getattr(self, "_" + kind.replace("-", "_"), None)
        if handler is None:
            return self._redirect_fault(kind)
        return handler(request)

    @staticmethod
    def _redirect(location: str, status: int = 302):
        return status, {"Location": location, "Content-Type": HTML}, b"<html><body>Moved</body></html>"

    def _redirect_fault(self, kind: str):
        targets = {
            "to-internal": f"{self.internal}/article/secret",
            "to-internal-name": f"http://internal.test:{self.internal3.rsplit(':', 1)[1]}/admin",
            "to-metadata": f"http://metadata.test:{self.trap_port}/latest/meta-data/",
            "to-intranet": f"http://intranet.test:{self.trap_port}/",
            "to-v6": f"http://v6.test:{self.trap_port}/",
            "to-loopback-v6": f"http://[::1]:{self.v6_port or self.trap_port}/secret",
            "chain-to-internal": "/hop/internal/1",
            "offsite": f"http://elsewhere.test:{self.trap_port}/article/1",
            "loop": "/hop/loop/1",
            "self-loop": "/article/self-loop",
            "long-chain": "/hop/chain/1",
            "to-file": "file:///etc/passwd",
            "to-seen": "/article/ok",
        }
        if kind not in targets:
            return self.not_found(None)
        return self._redirect(targets[kind])

    def _hop(self, request, kind: str, n: str):
        n = int(n)
        if kind == "loop":
            return self._redirect("/article/loop")
        if kind == "internal":
            return self._redirect(f"/hop/internal/{n + 1}" if n < 3 else f"{self.internal}/after-hops")
        if kind == "chain":
            return self._redirect(f"/hop/chain/{n + 1}" if n < 25 else "/article/ok")
        if kind == "moved":
            return respond(article("Moved within the site", page="9"))
        return self.not_found(request)

    def _ok(self, request):
        return respond(article("Quantisierung als Eigenwertproblem"))

    def _latin_lie(self, request):
        return 200, {"Content-Type": "text/html; charset=iso-8859-1"}, \
            article("Über Schrödinger", charset="iso-8859-1", page="2").encode("utf-8")

    def _cp1251_meta(self, request):
        page = article("Квантование как задача о собственных значениях", charset="windows-1251",
                       author="Антошин Алексей", page="3", journal="Вестник физики")
        return 200, {"Content-Type": "text/html; charset=utf-8"}, page.encode("cp1251")

    def _cp1251_bare(self, request):
        text = "Статья рассматривает уравнение волны и его собственные значения в квантовой механике. " * 8
        page = article("Волновая механика и собственные значения", author="Иванов Пётр", page="4",
                       journal="Вестник физики", text=text).replace('<meta charset="utf-8">', "")
        return 200, {"Content-Type": "text/html; charset=utf-8"}, page.encode("cp1251")

    def _jsonld_deep(self, request):
        block = '<script type="application/ld+json">' + '{"a":' * 100_000 + "1" + "}" * 100_000 + "</script>"
        return respond(article("Deep structures in linked data", extra=block, page="5"))

    def _long_title(self, request):
        title = "Long " + " ".join(f"word{i}" for i in range(15_000))  # about 100 KB
        return respond(article(title, page="6"))

    def _huge_meta(self, request):
        publisher = " ".join(["Publisher"] * 100_000)  # 1 MB
        return respond(article("A modest article with an immodest publisher", page="7",
                               extra=f'<meta name="citation_publisher" content="{publisher}">'))

    def _many_authors(self, request):
        authors = "".join(f'<meta name="citation_author" content="Author Number{i}">' for i in range(3000))
        return respond(article("Written by a crowd", page="8", extra=authors))

    def _moved(self, request):
        return self._redirect("/hop/moved/1", 301)

    def _missing(self, request):
        return respond("<h1>Not found</h1>", 404)

    def _boom(self, request):
        return respond("<h1>Error</h1>", 500)

    def _busy(self, request):
        return respond("<h1>Busy</h1>", 503)

    def _slow(self, request):
        time.sleep(SLOW_SECONDS)
        return respond(article("Too slow"))

    def _pdf(self, request):
        return respond(b"%PDF-1.3\r%\xe2\xe3\xcf\xd3\r\n1 0 obj<<>>endobj")

    def _empty(self, request):
        return respond(b"")

    def _challenge(self, request):
        return respond("<html><head><title>Just a moment...</title></head><body>Checking your browser</body></html>")

    def _members(self, request):
        return respond("<html><head><title>Log in</title></head><body><form><input name=u>"
                       "<input type=password name=p></form></body></html>")

    def _image(self, request):
        return respond(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", content_type="image/png")

    def _huge(self, request):
        return respond("<html><body>" + "x" * 4_000_000 + "</body></html>")

    def _truncated(self, request):
        return 200, {"Content-Length": "50000", "Connection": "close"}, b"<html><body><h1>Cut"

    def _gzip_bomb(self, request):
        return 200, {"Content-Type": HTML, "Content-Encoding": "gzip"}, gzip_bomb()

    def _about(self, request):
        return respond("<html><body><h1>About us</h1><p>We are a journal.</p></body></html>")

    def _mojibake(self, request):
        return 200, {"Content-Type": "text/html; charset=utf-8"}, mojibake()

    def _refresh_to_internal(self, request):
        return respond(f'<html><head><meta http-equiv="refresh" content="0; url={self.internal}/refreshed">'
                       "</head><body>Redirecting</body></html>")

    # -- sitemaps

    def _robots_with_sitemaps(self, request):
        base = f"http://{request.headers.get('Host')}"
        return respond(f"User-agent: *\nAllow: /\nSitemap: {base}/sitemaps/index.xml\n"
                       f"Sitemap: {self.internal}/sitemap.xml\n", content_type="text/plain")

    def _sitemap(self, request, name: str):
        base = f"http://{request.headers.get('Host')}"
        urlset = '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        xml = "application/xml"
        if name == "index.xml":
            maps = "".join(f"<sitemap><loc>{base}/sitemaps/{n}</loc></sitemap>" for n in SITEMAP_FAULTS if "." in n)
            return respond('<?xml version="1.0" encoding="UTF-8"?><sitemapindex '
                           f'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{maps}</sitemapindex>', content_type=xml)
        if name == "good.xml":
            urls = "".join(f"<url><loc>{base}/article/{kind}</loc></url>" for kind in SITEMAP_ARTICLES[:2])
            return respond(f"{urlset}{urls}</urlset>", content_type=xml)
        if name == "broken.xml":
            return respond(f"{urlset}<url><loc>{base}/article/{SITEMAP_ARTICLES[2]}</loc></url><url><loc>{base}/art",
                           content_type=xml)
        if name == "bomb.xml.gz":
            return respond(sitemap_bomb(), content_type="application/x-gzip")
        if name == "deep.xml":
            return respond(urlset + "<a>" * 100_000 + "</a>" * 100_000 + "</urlset>", content_type=xml)
        return self.not_found(request)

    # -- OAI-PMH

    def _oai(self, request, kind: str):
        token = request.param("resumptionToken")
        if kind == "deep":
            page = oai_page("oai:faults:deep", "Deep", None)
            return respond(page.replace("<dc:title>Deep</dc:title>",
                                        "<dc:title>" + "<i>" * 100_000 + "Deep" + "</i>" * 100_000 + "</dc:title>"),
                           content_type="text/xml")
        if kind == "xxe":
            page = oai_page("oai:faults:xxe", "&xxe;", None).replace(
                "?>", '?><!DOCTYPE OAI-PMH [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', 1)
            return respond(page, content_type="text/xml")
        if kind == "garbage":
            return respond("Fatal error: database connection lost", content_type="text/xml")
        if kind == "broken":
            return respond("<?xml version='1.0'?><OAI-PMH><ListRecords><record><header>", content_type="text/xml")
        if kind == "good":
            title = OAI_GOOD_TITLES[1] if token else OAI_GOOD_TITLES[0]
            return respond(oai_page(f"oai:faults:good-{1 if token else 0}", title, None if token else "page2"),
                           content_type="text/xml")
        if kind == "alternating":
            nxt = {None: "A", "A": "B", "B": "A"}[token]
            title = OAI_GOOD_TITLES[2] if token is None else None
            return respond(oai_page(f"oai:faults:alt-{token}", title, nxt), content_type="text/xml")
        return self.not_found(request)


def oai_page(identifier: str, title: str | None, token: str | None) -> str:
    """A ListRecords answer with one record (or none when ``title`` is None) and a resumption token."""
    record = "" if title is None else f"""<record><header><identifier>{identifier}</identifier>
<datestamp>2024-05-01</datestamp></header><metadata><oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"
xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{title}</dc:title><dc:creator>Noether, Emmy</dc:creator>
<dc:date>2024-05-01</dc:date><dc:source>Annalen der Physik; Vol. 12 No. 3 (2024)</dc:source>
<dc:identifier>https://doi.org/10.9999/faults.{identifier.rsplit(":", 1)[1]}</dc:identifier>
</oai_dc:dc></metadata></record>"""
    resume = f"<resumptionToken>{token}</resumptionToken>" if token else "<resumptionToken/>"
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2024-06-01T00:00:00Z</responseDate>
<request verb="ListRecords">http://127.0.0.1/oai</request><ListRecords>{record}{resume}</ListRecords></OAI-PMH>"""


@lru_cache(maxsize=1)
def gzip_bomb() -> bytes:
    """About 50 KB of gzip that inflates to 32 MB of spaces."""
    return gzip.compress(b"<html><body>" + b" " * (32 * 1024 * 1024) + b"</body></html>", compresslevel=6)


@lru_cache(maxsize=1)
def sitemap_bomb() -> bytes:
    """About 60 KB of gzip that inflates to a 60 MB sitemap (more than the sitemap reader's cap)."""
    return gzip.compress(b'<?xml version="1.0"?><urlset>' + b" " * (60 * 1024 * 1024) + b"</urlset>", compresslevel=6)


def mojibake() -> bytes:
    """An HTML page whose text bytes are no valid UTF-8 and no plausible single-byte text either."""
    noise = bytes(range(0x80, 0x100)) * 40
    return b"<html><head><title>" + noise[:300] + b"</title></head><body><p>" + noise + b"</p></body></html>"


class TrapResolver(CachingThreadedResolver):
    """A Scrapy ``DNS_RESOLVER`` that knows only ``FAULT_TRAP_HOSTS`` (name -> loopback address); never asks DNS."""

    @classmethod
    def from_crawler(cls, crawler, reactor):
        resolver = super().from_crawler(crawler, reactor)
        resolver.hosts = dict(crawler.settings.getdict("FAULT_TRAP_HOSTS"))
        return resolver

    def getHostByName(self, name, timeout=()):
        if name in self.hosts:
            return defer.succeed(self.hosts[name])
        if name.replace(".", "").isdigit():
            return defer.succeed(name)
        return defer.fail(DNSLookupError(f"{name} is no host of the fault site"))


class FaultServers:
    """The fault site on 127.0.0.1 and the private servers it points at, started together."""

    def __init__(self):
        self.internal = serve(InternalSite("127.0.0.2"), host="127.0.0.2")
        self.internal3 = serve(InternalSite("127.0.0.3"), host="127.0.0.3")
        self.trap = serve(InternalSite("trap"), host="127.0.0.4")
        try:
            self.v6: ServerHandle | None = serve(InternalSite("::1"), host="::1")
        except OSError:  # no IPv6 loopback here: the [::1] redirect meets a closed port instead
            self.v6 = None
        gzip_bomb(), sitemap_bomb()  # made before the crawl asks for them
        ports = (self.internal.base_url, self.internal3.base_url, self.trap.port, self.v6.port if self.v6 else None)
        self.site = serve(FaultSite(*ports))
        self.sitemap_site = serve(FaultSite(*ports, sitemaps=True), host="127.0.0.1")

    @property
    def private(self) -> list[ServerHandle]:
        """The servers no request may reach."""
        return [s for s in (self.internal, self.internal3, self.trap, self.v6) if s is not None]

    def private_requests(self) -> list[tuple[str, str, str]]:
        """``(server, method, path)`` of every request a private server got: must stay empty."""
        return [(s.base_url, m, p) for s in self.private for m, p in s.requests]

    def settings(self) -> tuple[str, ...]:
        """``-s`` settings for a crawl of the site: the guard's and the trap resolver's view of its names."""
        trap = {name: "127.0.0.3" if name == "internal.test" else "127.0.0.4" for name in GUARD_VIEW}
        return ("-s", f"HARVEST_RESOLVE={json.dumps(GUARD_VIEW)}", "-s", "DNS_RESOLVER=harvester.demo.faults.TrapResolver",
                "-s", f"FAULT_TRAP_HOSTS={json.dumps(trap)}", "-s", "DOWNLOAD_MAXSIZE=3000000",
                "-s", f"DOWNLOAD_TIMEOUT={TIMEOUT_SECONDS}", "-s", "RETRY_TIMES=0")

    def stop(self) -> None:
        """Stop every server."""
        for handle in (self.site, self.sitemap_site, *self.private):
            handle.stop()

    def __enter__(self) -> FaultServers:
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()


def serve_faults() -> FaultServers:
    """Start the fault site and its private servers on loopback."""
    return FaultServers()
