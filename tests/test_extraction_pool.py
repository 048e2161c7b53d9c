"""Pages read in worker processes give exactly what reading inline gives (``harvester.crawl.extraction``)."""

from __future__ import annotations

import asyncio
import os
import signal
from pathlib import Path

import pytest
from scrapy.http import Headers, HtmlResponse, Response, TextResponse

from harvester.crawl.extraction import POOL_RESTARTS, PageReader, extract_processes, read_data, response_data
from harvester.extract.reading import Stored, read_page
from tests.conftest import alive

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PAGES = ["listings/ojs3_issue_toc.html", "listings/aggregator_article_latest.html",
         "listings/article_with_references.html", "embedded/highwire_one_tag_per_author.html",
         "embedded/jsonld_graph_ispartof.html", "chinese/headings_cn_first.html"]
WHEN = "2026-01-01T00:00:00Z"
OAI = Stored("oai_dc", {"title": "A title from the OAI-PMH record", "doi": "10.1234/oai.1"})


def fixture_page(name: str, **kwargs) -> HtmlResponse:
    return HtmlResponse(f"https://j.example.org/{name}", body=(FIXTURES / name).read_bytes(),
                        headers={"Content-Type": "text/html; charset=utf-8"}, **kwargs)


def cases() -> list[tuple[Response, dict]]:
    """Fixture pages as crawled (listing or article, followed or not, led by an OAI record) and odd responses."""
    pages = [(fixture_page(name), {"follow": True}) for name in PAGES]
    pages += [(fixture_page(PAGES[3]), {"follow": False, "oai": OAI}),
              (HtmlResponse("https://j.example.org/l1", body="<h1>Variação</h1>".encode("latin-1")), {}),
              (fixture_page(PAGES[4]).replace(encoding="utf-8"), {}),
              (Response("https://j.example.org/pdf", body=b"%PDF-1.4"), {})]
    return [(response, {"source": "test", "harvested_at": WHEN, "requested": response.url, **kw})
            for response, kw in pages]


@pytest.fixture(scope="module")
def reader():
    reader = PageReader(1)
    reader.start()
    yield reader
    reader.close()


def read_all(reader: PageReader, pages: list[tuple[Response, dict]]) -> list:
    async def main():
        return await asyncio.gather(*(reader.read(response, **kw) for response, kw in pages))
    return asyncio.run(main())


def test_pool_and_inline_readings_are_identical(reader):
    pages = cases()
    inline = [read_page(response, **kw) for response, kw in pages]
    assert read_all(reader, pages) == inline
    assert reader.worker_pids(), "the pages went to a worker"
    assert {r.kind for r in inline} >= {"article", "listing", "refused"}
    assert any(r.targets for r in inline) and any(r.record for r in inline)


def test_an_exception_in_a_worker_is_raised_as_inline(reader):
    response, kw = cases()[3]
    kw = {**kw, "oai": "not a stored record"}
    with pytest.raises(AttributeError) as inline:
        read_page(response, **kw)
    with pytest.raises(AttributeError) as pooled:
        read_all(reader, [(response, kw)])
    assert str(pooled.value) == str(inline.value)


def test_a_dead_worker_costs_no_page(reader):
    pages = cases()
    (victim,) = reader.worker_pids()
    os.kill(victim, signal.SIGKILL)
    assert read_all(reader, pages) == [read_page(response, **kw) for response, kw in pages]
    assert read_all(reader, pages[:1]) == [read_page(pages[0][0], **pages[0][1])]
    assert reader.worker_pids() and victim not in reader.worker_pids(), "a new pool took the dead one's place"


def test_a_pool_that_keeps_dying_gives_way_to_reading_inline():
    reader = PageReader(1)
    reader.start()
    pages = cases()[:2]
    for _ in range(POOL_RESTARTS + 1):
        os.kill(reader.worker_pids()[0], signal.SIGKILL)
        assert read_all(reader, pages) == [read_page(response, **kw) for response, kw in pages]
    assert reader.worker_pids() == [] and reader.restarts == POOL_RESTARTS + 1
    reader.close()


def test_close_ends_every_worker():
    reader = PageReader(2)
    reader.start()
    read_all(reader, cases()[:2])
    pids = reader.worker_pids()
    reader.close()
    assert len(pids) == 2 and not [pid for pid in pids if alive(pid)]
    assert reader.worker_pids() == [] and read_all(reader, cases()[:1])  # after close, pages are read inline


def test_repeated_headers_and_a_given_encoding_cross_the_boundary():
    headers = Headers()
    headers.appendlist("Set-Cookie", "a=1")
    headers.appendlist("Set-Cookie", "b=2")
    response = TextResponse("https://j.example.org/t", body=b"caf\xe9", headers=headers, encoding="latin-1")
    data = response_data(response)
    assert data[0] is TextResponse and data[5] == "latin-1"
    assert (b"Set-Cookie", b"a=1") in data[3] and (b"Set-Cookie", b"b=2") in data[3]
    rebuilt = read_data(data, {"source": "t", "harvested_at": WHEN, "requested": response.url})
    assert rebuilt == read_page(response, "t", WHEN, response.url)


def test_auto_is_the_usable_cores_less_one():
    assert extract_processes("auto") == len(os.sched_getaffinity(0)) - 1
    assert extract_processes("0") == 0 and extract_processes(3) == 3
    with pytest.raises(ValueError):
        extract_processes("-1")

