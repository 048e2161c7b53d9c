"""The demo journal site and the loopback server framework behind it."""

from __future__ import annotations

import http.client
import re
import signal
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from parsel import Selector

from harvester.demo import SEED_PATH, DemoSite, LocalSite, expected_records, respond, serve
from harvester.demo.site import PER_PAGE

REPO = Path(__file__).resolve().parents[1]

# The visible text of the aggregator page the project started from (mission seed), kept here
# independently of harvester/demo/data.py so that the page is checked against the original.
SEED_TEXT = """\
Soviet Defectors in Germany after World War II
Journal: RUDN Journal of Russian History (Vol.24, No. 4)Publication Date: 2025-12-16
Authors : Alexey Antoshin;
Page : 632-642
Keywords : Russian emigrants; Soviet refugees; Russian diaspora; repatriation; post-war USSR; Russian anti-communists;
Abstract
The article is devoted to the phenomenon of defectors from the Soviet Union in the first years after the end of \
the Great Patriotic War. The article is based on documents from the Archive of War, Revolution and Peace of the \
Hoover Institution (Stanford, USA), the Bakhmetev Archive of Russian and East European Culture of Columbia \
University (New York, USA), the Archive of the Center for East European Studies of the University of Bremen \
(Germany), etc. The author shows that Germany was the most important center where significant flows of defectors \
were directed. It is proven that one of the most noticeable groups of defectors were soldiers and officers of the \
Soviet troops stationed in post-war Germany. The situation of defectors in the Russian diaspora after World War \
II, their relations with representatives of the “second wave” of emigration from the USSR are analyzed. \
Particular attention is paid to the 1st conference of post-war political refugees (Hamburg, September 1951), it \
was established that it did not lead to the consolidation of defectors . The article devotes considerable space \
to the problem of the perception of the West and its foreign policy of the Cold War era by the defectors , and \
proves that they repeatedly subjected it to harsh criticism. The article proves that a number of defectors broke \
with anti-communist émigré organizations and decided to return to the Soviet Union. The author concludes that the \
reason for this was the disappointment of many defectors in the values of Western democracy, their critical \
attitude toward the spiritual atmosphere within Western societies and toward the US political elite.
Other Latest Articles
- Exploring Possibilities of Colonization of Pacific Northwest by Russia, Great Britain and Spain in the 18th Century
- “Friendly Relations” of Great Rulers Stefan III of Moldavia and Ivan III of Moscow
- Role of Moscow Agricultural Academy in Formation and Development of Soviet Agricultural Science and Higher \
Agricultural Education
- Contours of V.N. Khitrovo’s Worldview: on Genesis of Religious-Political Concept
- Formation of Political Discourse of Orthodox Western Russian Clergy during January Uprising of 1863
Last modified: 2025-12-16 21:42:27
Share Your Research, Maximize Your Social Impacts
"""
SEED_RELATED = [line[2:] for line in SEED_TEXT.splitlines() if line.startswith("- ")]

EXPECTED = expected_records()
EXPECTED_PATHS = {record["path"] for record in EXPECTED}
CYRILLIC = re.compile(r"[А-Яа-яЁё]")


@pytest.fixture(scope="module")
def site():
    with serve(DemoSite()) as handle:
        yield handle
    assert not handle.errors, handle.errors[0]


def fetch(url: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    """Status, headers and body of one request; HTTP errors are answers too."""
    request = urllib.request.Request(url, method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers.items()), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers.items()), error.read()


def page(site, path: str) -> Selector:
    status, _, body = fetch(site.url(path))
    assert status == 200, f"{path}: {status}"
    return Selector(text=body.decode("utf-8"))


def visible_text(selector: Selector, joiner: str) -> str:
    """Body text nodes joined by ``joiner``, no-break spaces and runs of whitespace collapsed."""
    return " ".join(joiner.join(selector.xpath("//body//text()").getall()).split())


def links(selector: Selector, base: str, prefix: str) -> list[str]:
    """Same-site paths (with query) of the page's links that start with ``prefix``."""
    found = []
    for href in selector.xpath("//a/@href").getall():
        parts = urlsplit(urljoin(base, href))
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        if parts.path.startswith(prefix) and target not in found:
            found.append(target)
    return found


# --- the server framework ------------------------------------------------------------------

class EchoSite(LocalSite):
    """A two-route test site: echoes a path group and a query parameter; one route breaks."""

    @property
    def routes(self):
        return {
            r"/echo/(?P<word>\w+)": lambda request, word: respond(f"{word}:{request.param('q', '-')}"),
            r"/broken": lambda request: 1 / 0,
        }


def test_server_routes_path_groups_and_query_strings():
    with serve(EchoSite()) as handle:
        status, headers, body = fetch(handle.url("/echo/hello?q=%D0%B4%D0%B0&q=no"))
        assert (status, body.decode("utf-8")) == (200, "hello:да")
        assert headers["Content-Type"] == "text/html; charset=utf-8"
        assert fetch(handle.url("/echo/hello/more"))[0] == 404
        assert handle.requests == [("GET", "/echo/hello?q=%D0%B4%D0%B0&q=no"), ("GET", "/echo/hello/more")]


def test_server_answers_head_with_headers_only():
    with serve(EchoSite()) as handle:
        get_status, get_headers, get_body = fetch(handle.url("/echo/x"))
        head_status, head_headers, head_body = fetch(handle.url("/echo/x"), method="HEAD")
        assert (head_status, head_body) == (get_status, b"")
        assert head_headers["Content-Length"] == get_headers["Content-Length"] == str(len(get_body))
        assert handle.requests == [("GET", "/echo/x"), ("HEAD", "/echo/x")]


def test_server_turns_a_handler_error_into_500_and_records_it():
    with serve(EchoSite()) as handle:
        assert fetch(handle.url("/broken"))[0] == 500
        assert len(handle.errors) == 1 and "ZeroDivisionError" in handle.errors[0]
        assert fetch(handle.url("/echo/still_alive"))[0] == 200


def test_server_listens_on_loopback_only():
    with serve(EchoSite()) as handle:
        assert handle.server_address[0] == "127.0.0.1"
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", handle.base_url)
    with serve(EchoSite(), host="localhost") as handle:
        assert handle.server_address[0] == "127.0.0.1"


@pytest.mark.parametrize("host", ["0.0.0.0", "", "::", "192.168.1.10", "10.0.0.1", "example.com"])
def test_server_refuses_non_loopback_hosts(host):
    with pytest.raises(ValueError, match="non-loopback"):
        serve(EchoSite(), host=host)


def test_server_stops_cleanly_even_with_an_idle_keep_alive_connection():
    handle = serve(EchoSite())
    port = handle.port
    idle = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    idle.request("GET", "/echo/keep")
    assert idle.getresponse().read() == b"keep:-"  # connection stays open (HTTP/1.1 keep-alive)
    stopping = threading.Thread(target=handle.stop)
    stopping.start()
    stopping.join(timeout=60)  # a guard against hanging, not a speed check
    assert not stopping.is_alive() and not handle.running
    handle.stop()  # a second stop is harmless
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
    idle.close()


# --- the demo site: reachability and listings ----------------------------------------------

def crawl_listings(site) -> tuple[list[str], list[str], list[str]]:
    """Journal paths linked from the home page, every listing page reached, article paths listed on them."""
    journals = links(page(site, "/"), site.base_url, "/journal/")
    queue, seen, articles = list(journals), [], []
    while queue:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.append(path)
        listing = page(site, path)
        articles += [p for p in links(listing, site.url(path), "/view/paper/") if p not in articles]
        queue += [p for p in links(listing, site.url(path), "/journal/") if p not in seen]
    return journals, seen, articles


def test_every_article_is_reachable_from_the_home_page(site):
    journals, listing_pages, articles = crawl_listings(site)
    assert len(journals) >= 3
    assert len(articles) >= 60
    assert set(articles) == EXPECTED_PATHS
    assert any("?page=3" in path for path in listing_pages), listing_pages


def test_journal_pages_list_newest_first_ten_a_page(site):
    slug = "/journal/rudn-journal-of-russian-history"
    expected = sorted((r for r in EXPECTED if r["journal"]["title"] == "RUDN Journal of Russian History"),
                      key=lambda r: (r["publication_date"], int(r["path"].rsplit("/", 1)[1])), reverse=True)
    listed = []
    for number in (1, 2, 3):
        listing = page(site, slug if number == 1 else f"{slug}?page={number}")
        on_page = listing.xpath("//ul[@class='paper-list']/li/a/@href").getall()
        assert len(on_page) == (PER_PAGE if number < 3 else len(expected) - 2 * PER_PAGE)
        listed += on_page
        has_next = number < 3
        assert bool(listing.xpath("//link[@rel='next']")) == has_next, number
        assert bool(listing.xpath("//a[@rel='next'][normalize-space()='Next »']")) == has_next, number
        page_numbers = listing.xpath("//nav[@class='pagination']/a[re:test(., '^\\d+$')]/text()").getall()
        assert sorted(page_numbers) == sorted(str(n) for n in (1, 2, 3) if n != number)
    assert listed == [r["path"] for r in expected]


@pytest.mark.parametrize("path", [
    "/nope", "/view/paper/999", "/view/paper/abc", "/view/paper/01012406", "/journal/unknown",
    "/journal/rudn-journal-of-russian-history?page=4", "/journal/rudn-journal-of-russian-history?page=0",
    "/journal/rudn-journal-of-russian-history?page=two", "/about/more", "/favicon.ico",
])
def test_unknown_paths_answer_404(site, path):
    assert fetch(site.url(path))[0] == 404


def test_robots_txt_allows_everything(site):
    status, headers, body = fetch(site.url("/robots.txt"))
    assert status == 200 and headers["Content-Type"].startswith("text/plain")
    assert body.decode("utf-8").split() == ["User-agent:", "*", "Allow:", "/"]


def test_menu_links_non_article_pages(site):
    menu = page(site, SEED_PATH).xpath("//nav[@class='menu']//a/@href").getall()
    assert {"/about", "/login"} <= set(menu)
    assert page(site, "/login").xpath("//input[@type='password']")
    assert "invented for testing" in visible_text(page(site, "/about"), " ")


# --- the demo site: article pages ----------------------------------------------------------

def test_seed_page_shows_the_seed_text(site):
    seed = page(site, SEED_PATH)
    as_rendered = visible_text(seed, "")       # text nodes as a browser shows them
    as_separated = visible_text(seed, " ")     # text nodes kept apart, as extractors often read them
    for line in SEED_TEXT.splitlines():
        line = " ".join(line.removeprefix("- ").split())
        assert line in as_rendered, line
        assert line.replace(")Publication", ") Publication") in as_separated, line
    assert ")Publication Date: 2025-12-16" in as_rendered
    titles = seed.xpath("//h2[.='Other Latest Articles']/following-sibling::ul[1]/li/a/text()").getall()
    assert titles == SEED_RELATED


def test_seed_related_articles_are_demo_pages(site):
    seed = next(r for r in EXPECTED if r["path"] == SEED_PATH)
    by_path = {r["path"]: r for r in EXPECTED}
    assert [r["title"] for r in seed["related"]] == SEED_RELATED
    for related in seed["related"]:
        assert by_path[related["path"]]["title"] == related["title"]
        assert fetch(site.url(related["path"]), method="HEAD")[0] == 200


@pytest.mark.parametrize("record", EXPECTED, ids=[r["path"] for r in EXPECTED])
def test_every_expected_record_has_its_page(site, record):
    status, headers, body = fetch(site.url(record["path"]))
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    html = body.decode("utf-8")
    selector = Selector(text=html)
    text = visible_text(selector, "").replace(" :", ":").replace(": ", ":")
    where = record["path"]
    assert selector.xpath("//html/@lang").get() == "en", where
    assert " ".join(selector.xpath("//h1//text()").get().split()) == record["title"], where
    assert f"Last modified:{record['last_modified'].replace('T', ' ')}" in text, where
    assert f"Publication Date:{record['publication_date']}" in text, where
    assert f"({'Vol.'}{record['volume']}, No. {record['issue']})" in visible_text(selector, ""), where
    assert ("Authors:" in text) == bool(record["authors"]), where
    assert ("Page:" in text) == bool(record["first_page"]), where
    assert ("Keywords:" in text) == bool(record["keywords"]), where
    assert ("DOI:" in text) == bool(record["doi"]), where
    assert bool(selector.xpath("//h2[.='Abstract']")) == bool(record["abstract"]), where
    assert "citation_" not in html and "ld+json" not in html and "<meta name=\"DC." not in html, where
    related = selector.xpath("//h2[.='Other Latest Articles']/following-sibling::ul[1]/li/a/@href").getall()
    assert related == [r["path"] for r in record["related"]], where


def test_expected_records_cover_the_required_variety():
    assert len(EXPECTED) >= 60 and len(EXPECTED_PATHS) == len(EXPECTED)
    assert len({r["journal"]["title"] for r in EXPECTED}) >= 3
    russian = [r for r in EXPECTED if r["language"] == "ru"]
    assert len(russian) >= 10
    for record in EXPECTED:  # the language flag agrees with the script of title and abstract
        assert bool(CYRILLIC.search(record["title"])) == (record["language"] == "ru"), record["path"]
    assert any(not r["keywords"] for r in EXPECTED)
    assert any(r["first_page"] is None for r in EXPECTED)
    assert any(r["abstract"] is None for r in EXPECTED)
    assert any(not r["authors"] for r in EXPECTED)
    assert any(re.fullmatch(r"\d{4}-\d{2}", r["publication_date"]) for r in EXPECTED)
    assert any(r["doi"] for r in EXPECTED)
    names = [a["name"] for r in EXPECTED for a in r["authors"]]
    for form in (r"\w+ [A-Z]\.[A-Z]\.$", r"\w+, \w+$", r"[А-Я]\w+ [А-Я]\.[А-Я]\.$"):
        assert any(re.match(form, name) for name in names), form
    assert any(len(r["authors"]) >= 3 for r in EXPECTED)
    for record in EXPECTED:
        assert all(r["path"] in EXPECTED_PATHS for r in record["related"]), record["path"]
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}", record["last_modified"])


def test_seed_record_matches_the_mission_target():
    seed = next(r for r in EXPECTED if r["path"] == SEED_PATH)
    assert {k: seed[k] for k in ("title", "journal", "volume", "issue", "first_page", "last_page",
                                 "publication_date", "authors", "last_modified", "language")} == {
        "title": "Soviet Defectors in Germany after World War II",
        "journal": {"title": "RUDN Journal of Russian History"}, "volume": "24", "issue": "4",
        "first_page": "632", "last_page": "642", "publication_date": "2025-12-16",
        "authors": [{"name": "Alexey Antoshin", "given": "Alexey", "family": "Antoshin"}],
        "last_modified": "2025-12-16T21:42:27", "language": "en",
    }
    assert seed["keywords"] == ["Russian emigrants", "Soviet refugees", "Russian diaspora", "repatriation",
                                "post-war USSR", "Russian anti-communists"]
    assert seed["abstract"].startswith("The article is devoted to the phenomenon of defectors")
    assert seed["abstract"].endswith("toward the US political elite.")


def test_awkward_spacing_pages_exist(site):
    html = "".join(fetch(site.url(path))[2].decode("utf-8") for path in EXPECTED_PATHS)
    assert "<b>Page :</b>" in html and re.search(r"<b>Page :</b>\d", html)  # glued label
    assert "&nbsp;:</b>&nbsp;" in html
    assert re.search(r"<b>Authors :</b> {2,}", html)


# --- python -m harvester.demo --------------------------------------------------------------

def test_module_serves_until_interrupted():
    process = subprocess.Popen([sys.executable, "-m", "harvester.demo", "--port", "0"], cwd=REPO,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:\d+", line)
        assert match, line + process.stderr.read()
        assert fetch(match.group(0) + "/")[0] == 200
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0
        assert process.stderr.read() == ""
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
