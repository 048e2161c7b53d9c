"""Bad input never crashes the crawl and never vanishes: each URL ends as a record or a reasoned reject."""

from __future__ import annotations

import time
from urllib.parse import urlsplit

import pytest

from harvester.demo import LocalSite, respond, serve

pytestmark = pytest.mark.e2e

ARTICLE = """<html><head><meta charset="{charset}"><meta name="citation_title" content="{title}">
<meta name="citation_author" content="Erwin Schrödinger"><meta name="citation_journal_title" content="Annalen der Physik">
<meta name="citation_volume" content="385"><meta name="citation_date" content="1926"></head>
<body><h1>{title}</h1><p>Text.</p></body></html>"""

# path -> (what the page does, expected outcome, expected reason)
FAULTS = {
    "/missing": ("404", "error", "http_404"),
    "/boom": ("500", "error", "http_500"),
    "/pdf": ("PDF bytes served as HTML", "rejected", "pdf_bytes"),
    "/challenge": ("bot challenge", "rejected", "bot_challenge"),
    "/members": ("login wall", "rejected", "login_wall"),
    "/image": ("binary body", "rejected", "binary_body"),
    "/huge": ("over DOWNLOAD_MAXSIZE", "error", None),
    "/slow": ("over DOWNLOAD_TIMEOUT", "error", None),
    "/truncated": ("connection closed before Content-Length", "error", None),
    "/empty": ("empty body", "rejected", "empty_body"),
    "/about": ("ordinary page, no article", "skipped", "not_article"),
}


class FaultySite(LocalSite):
    """A listing of one good article, one with a lying charset, and every kind of fault."""

    def __init__(self):
        links = ["/ok", "/latin", *FAULTS]
        index = "<html><body><h1>Issue</h1><ul>" + "".join(
            # one-word link texts: plain links, not listing entries that would stand in for failed pages
            f'<li><a href="/article{path}">{path.strip("/")}</a></li>' for path in links) + "</ul></body></html>"
        self.routes = {
            "/": lambda request: respond(index),
            "/article/ok": lambda request: respond(ARTICLE.format(charset="utf-8", title="Quantisierung als Eigenwertproblem")),
            "/article/latin": lambda request: (200, {"Content-Type": "text/html; charset=iso-8859-1"},
                                               ARTICLE.format(charset="iso-8859-1", title="Über Schrödinger").encode("utf-8")),
            "/article/missing": lambda request: respond("<h1>Not found</h1>", 404),
            "/article/boom": lambda request: respond("<h1>Error</h1>", 500),
            "/article/pdf": lambda request: respond(b"%PDF-1.3\r%\xe2\xe3\xcf\xd3\r\n1 0 obj<<>>endobj"),
            "/article/challenge": lambda request: respond("<html><head><title>Just a moment...</title></head>"
                                                          "<body>Checking your browser</body></html>"),
            "/article/members": lambda request: respond("<html><head><title>Log in</title></head><body><form>"
                                                      "<input name=u><input type=password name=p></form></body></html>"),
            "/article/image": lambda request: respond(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", content_type="image/png"),
            "/article/huge": lambda request: respond("<html><body>" + "x" * 400_000 + "</body></html>"),
            "/article/slow": self._slow,
            "/article/truncated": lambda request: (200, {"Content-Length": "50000", "Connection": "close"},
                                                   b"<html><body><h1>Cut"),
            "/article/empty": lambda request: respond(b""),
            "/article/about": lambda request: respond("<html><body><h1>About us</h1><p>We are a journal.</p></body></html>"),
        }
        super().__init__()

    @staticmethod
    def _slow(request):
        time.sleep(4)
        return respond(ARTICLE.format(charset="utf-8", title="Too slow"))


@pytest.fixture(scope="module")
def faulty_crawl(tmp_path_factory):
    from tests.conftest import crawl

    with serve(FaultySite()) as handle:
        return crawl(tmp_path_factory.mktemp("faults"), f"start_urls={handle.base_url}/", "source=faults",
                     settings=("-s", "DOWNLOAD_MAXSIZE=200000", "-s", "DOWNLOAD_TIMEOUT=2", "-s", "RETRY_TIMES=0"))


def test_crawl_ends_cleanly(faulty_crawl):
    assert faulty_crawl.returncode == 0, faulty_crawl.log[-3000:]
    assert "Traceback" not in faulty_crawl.log, faulty_crawl.log[-3000:]


def test_good_pages_become_records_even_with_a_lying_charset(faulty_crawl):
    titles = {urlsplit(r["url"]).path: r["title"] for r in faulty_crawl.records}
    assert titles == {"/article/ok": "Quantisierung als Eigenwertproblem", "/article/latin": "Über Schrödinger"}


@pytest.mark.parametrize("path", sorted(FAULTS))
def test_each_fault_is_one_reject_with_its_reason(faulty_crawl, path):
    what, outcome, reason = FAULTS[path]
    entries = [r for r in faulty_crawl.rejects if urlsplit(r["url"]).path == f"/article{path}"]
    assert len(entries) == 1, f"{path} ({what}): {entries}"
    assert entries[0]["outcome"] == outcome, f"{path} ({what})"
    if reason:
        assert entries[0]["reason"] == reason, f"{path} ({what})"
    assert entries[0]["detail"], f"{path} ({what}): a reason in words"


def test_every_url_is_accounted_for_once(faulty_crawl):
    ended = [urlsplit(r["url"]).path for r in faulty_crawl.records + faulty_crawl.rejects]
    articles = sorted(p for p in ended if p.startswith("/article/"))
    assert articles == sorted(["/article/ok", "/article/latin", *(f"/article{p}" for p in FAULTS)])
