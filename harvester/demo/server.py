r"""A tiny routing HTTP server on the standard library, for the demo site and for test sites.

A site is a ``LocalSite`` whose ``routes`` map path patterns (regular expressions matched
against the whole path, query string excluded) to handlers. A handler is called with the
``Request`` and the pattern's named groups as keyword arguments, and returns
``(status, headers, body bytes)``. ``serve()`` runs a site in a daemon thread on loopback only::

    with serve(MySite()) as site:
        urllib.request.urlopen(site.base_url + "/")
        assert ("GET", "/") in site.requests

Besides ``requests`` (``(method, path with query)`` pairs), the handle keeps ``log``: one
``LoggedRequest`` per answered request with its request headers and the status answered, so a
test can count what a crawler fetched and how::

    site.count(r"/index\.php/johs/article/view/\d+")  # article pages, any answer
    site.count(r"/index\.php/johs/article/view/\d+", conditional=True, status=304)
    site.clear_log()  # e.g. between two harvests

A site's ``latency_ms`` (0 by default) delays every answer by that long, for benchmarks. Answers
``304`` and ``204`` go out without a body or ``Content-Length``.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import socketserver
import sys
import threading
import time
import traceback
from dataclasses import dataclass, field
from functools import cached_property
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable, Mapping
from urllib.parse import parse_qs, urlsplit

#: What a handler returns: HTTP status, response headers, body.
Response = tuple[int, dict[str, str], bytes]
Handler = Callable[..., Response]

HTML = "text/html; charset=utf-8"
TEXT = "text/plain; charset=utf-8"

_QUIET_ERRORS = (ConnectionResetError, BrokenPipeError, ConnectionAbortedError, TimeoutError)
#: Statuses whose answers never carry a body.
_BODYLESS = frozenset({204, 304})
#: Request headers that make a request conditional.
CONDITIONAL_HEADERS = frozenset({"if-none-match", "if-modified-since"})


@dataclass(frozen=True)
class Request:
    """One request as a handler sees it."""

    method: str
    target: str
    headers: Mapping[str, str] = field(default_factory=dict)

    @cached_property
    def path(self) -> str:
        """The path without the query string."""
        return urlsplit(self.target).path or "/"

    @cached_property
    def query(self) -> dict[str, list[str]]:
        """Query parameters, each with all its values in order."""
        return parse_qs(urlsplit(self.target).query, keep_blank_values=True)

    def param(self, name: str, default: str | None = None) -> str | None:
        """The first value of query parameter ``name``."""
        values = self.query.get(name)
        return values[0] if values else default


def respond(body: str | bytes, status: int = 200, content_type: str = HTML, **headers: str) -> Response:
    """A handler result; text is encoded as UTF-8 (the charset the default content types declare)."""
    data = body.encode("utf-8") if isinstance(body, str) else body
    return status, {"Content-Type": content_type, **headers}, data


@dataclass(frozen=True)
class LoggedRequest:
    """One answered request: method, target (path with query), request headers and the status answered."""

    method: str
    target: str
    headers: Mapping[str, str]
    status: int

    @property
    def path(self) -> str:
        """The path without the query string."""
        return urlsplit(self.target).path or "/"

    def header(self, name: str) -> str | None:
        """A request header's value, whatever the case of its name."""
        return next((v for k, v in self.headers.items() if k.lower() == name.lower()), None)

    @property
    def conditional(self) -> bool:
        """True when the request carried ``If-None-Match`` or ``If-Modified-Since``."""
        return any(k.lower() in CONDITIONAL_HEADERS for k in self.headers)


class LocalSite:
    """A site served from memory: subclasses provide ``routes`` and may override ``not_found``.

    ``latency_ms`` (class or instance attribute) delays every answer by that many milliseconds.
    """

    routes: Mapping[str, Handler] = {}
    latency_ms: float = 0

    @cached_property
    def _table(self) -> list[tuple[re.Pattern[str], Handler]]:
        return [(re.compile(pattern), handler) for pattern, handler in self.routes.items()]

    def dispatch(self, request: Request) -> Response:
        """The response of the first route whose pattern matches the whole path."""
        for pattern, handler in self._table:
            match = pattern.fullmatch(request.path)
            if match:
                return handler(request, **match.groupdict())
        return self.not_found(request)

    def not_found(self, request: Request) -> Response:
        """The 404 answer for paths no route matches."""
        return respond("<!DOCTYPE html><html lang=\"en\"><title>Not found</title><h1>Not found</h1></html>", 404)


class _Handler(BaseHTTPRequestHandler):
    """Answers GET and HEAD from the server's site; keeps quiet on stderr."""

    protocol_version = "HTTP/1.1"  # keep-alive, as crawlers expect; every answer has a Content-Length
    server_version = "harvester-demo"
    sys_version = ""
    timeout = 30  # idle keep-alive connections do not hold a thread forever
    server: _Server

    def setup(self) -> None:
        super().setup()
        self.server.track(self.connection, open_=True)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self.server.track(self.connection, open_=False)

    def do_GET(self) -> None:
        self._answer(with_body=True)

    def do_HEAD(self) -> None:
        self._answer(with_body=False)

    def _answer(self, with_body: bool) -> None:
        self.server.record(self.command, self.path)
        request = Request(self.command, self.path, dict(self.headers.items()))
        if self.server.site.latency_ms:
            time.sleep(self.server.site.latency_ms / 1000)
        status, headers, body = self._dispatch(request)
        self.server.log_answer(LoggedRequest(request.method, request.target, request.headers, status))
        self.send_response(status)
        if status in _BODYLESS:
            headers, body = {k: v for k, v in headers.items() if k.lower() != "content-type"}, b""
        else:
            headers = {"Content-Type": HTML, "Content-Length": str(len(body)), **headers}
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if with_body and body:
            self.wfile.write(body)

    def _dispatch(self, request: Request) -> Response:
        try:
            return self.server.site.dispatch(request)
        except Exception:  # a broken handler must show up in the test, not kill the connection
            self.server.record_error(traceback.format_exc())
            return respond("Internal Server Error", 500, TEXT)

    def log_message(self, format: str, *args) -> None:
        """Silenced: ``ServerHandle.requests`` is the request log."""


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], site: LocalSite, family: int):
        self.address_family = family
        self.site = site
        self.requests: list[tuple[str, str]] = []
        self.log: list[LoggedRequest] = []
        self.errors: list[str] = []
        self._lock = threading.Lock()
        self._connections: set[socket.socket] = set()
        super().__init__(address, _Handler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind would look the host up with getfqdn(): a DNS query we do not need.
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = str(self.server_address[0]), self.server_address[1]

    def record(self, method: str, target: str) -> None:
        with self._lock:
            self.requests.append((method, target))

    def log_answer(self, entry: LoggedRequest) -> None:
        with self._lock:
            self.log.append(entry)

    def record_error(self, error: str) -> None:
        with self._lock:
            self.errors.append(error)

    def track(self, connection: socket.socket, open_: bool) -> None:
        with self._lock:
            (self._connections.add if open_ else self._connections.discard)(connection)

    def close_connections(self) -> None:
        """Wake handler threads blocked on idle keep-alive connections so they can end."""
        with self._lock:
            connections = list(self._connections)
        for connection in connections:
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def handle_error(self, request, client_address) -> None:
        """Record unexpected errors instead of printing them; a client hanging up is not one."""
        if isinstance(sys.exc_info()[1], _QUIET_ERRORS):
            return
        self.record_error(traceback.format_exc())


class ServerHandle:
    """A site being served; a context manager that stops the server on exit."""

    def __init__(self, site: LocalSite, host: str = "127.0.0.1", port: int = 0):
        address = loopback_address(host)
        family = socket.AF_INET6 if address.version == 6 else socket.AF_INET
        self._server = _Server((str(address), port), site, family)
        self.host, self.port = str(address), self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name=f"{type(site).__name__}@{self.port}", daemon=True)
        self._thread.start()
        self._stopped = False

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:<port>``, without a trailing slash."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def server_address(self) -> tuple:
        """The address the listening socket is bound to."""
        return self._server.server_address

    @property
    def requests(self) -> list[tuple[str, str]]:
        """A snapshot of ``(method, path with query)`` of every request answered so far, in order."""
        with self._server._lock:
            return list(self._server.requests)

    @property
    def log(self) -> list[LoggedRequest]:
        """A snapshot of every answered request with its headers and status, in the order answered."""
        with self._server._lock:
            return list(self._server.log)

    def count(self, path_pattern: str | re.Pattern[str] = ".*", *, conditional: bool | None = None,
              status: int | None = None, method: str | None = None) -> int:
        """How many answered requests have a path (no query) fully matching ``path_pattern`` and the given traits."""
        pattern = re.compile(path_pattern)
        return sum(1 for entry in self.log if pattern.fullmatch(entry.path)
                   and (conditional is None or entry.conditional == conditional)
                   and (status is None or entry.status == status)
                   and (method is None or entry.method == method))

    def clear_log(self) -> None:
        """Forget the requests answered so far (``requests`` and ``log``)."""
        with self._server._lock:
            self._server.requests.clear()
            self._server.log.clear()

    @property
    def errors(self) -> list[str]:
        """Tracebacks of handler errors (each answered 500) and unexpected server errors."""
        with self._server._lock:
            return list(self._server.errors)

    def url(self, path: str = "/") -> str:
        """Absolute URL of ``path`` on this server."""
        return self.base_url + path

    def stop(self) -> None:
        """Stop serving, close open connections and the listening socket; safe to call twice."""
        if self._stopped:
            return
        self._stopped = True
        self._server.shutdown()
        self._server.close_connections()
        self._server.server_close()  # also joins the handler threads
        self._thread.join()

    @property
    def running(self) -> bool:
        """True until ``stop()`` has finished."""
        return self._thread.is_alive()

    def __enter__(self) -> ServerHandle:
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()


def loopback_address(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    """The address for ``host``; ``ValueError`` unless it is a loopback address (or ``localhost``).

    >>> str(loopback_address("localhost"))
    '127.0.0.1'
    >>> loopback_address("0.0.0.0")
    Traceback (most recent call last):
    ...
    ValueError: refusing to serve on non-loopback address '0.0.0.0'
    """
    try:
        address = ipaddress.ip_address("127.0.0.1" if host == "localhost" else host)
    except ValueError:
        raise ValueError(f"refusing to serve on non-loopback address {host!r}") from None
    if not address.is_loopback:
        raise ValueError(f"refusing to serve on non-loopback address {host!r}")
    return address


def serve(site: LocalSite, host: str = "127.0.0.1", port: int = 0) -> ServerHandle:
    """Start serving ``site`` on loopback in a daemon thread (port 0: any free port)."""
    return ServerHandle(site, host, port)


def serve_until_interrupted(site: LocalSite, port: int, banner: str) -> int:
    """Serve ``site`` on 127.0.0.1:``port``, print ``banner`` (``{base}`` = base URL), stop on Ctrl-C; exit status."""
    try:
        handle = serve(site, port=port)
    except OSError as error:
        print(f"Cannot listen on 127.0.0.1:{port}: {error.strerror or error}", file=sys.stderr)
        return 1
    with handle:
        print(banner.format(base=handle.base_url), flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            print("Stopped.", flush=True)
    return 0
