"""The hostile site end to end: nothing lost, nothing reached that should not be, every URL accounted for.

The fault site (``harvester.demo.faults``) listens on 127.0.0.1, the run's only start host; the
private servers it redirects to listen on 127.0.0.2, 127.0.0.3, 127.0.0.4 and ::1, and names the
address guard is told resolve to 169.254.169.254, 10.0.0.1 or fd00::1 are sent by the crawl's DNS
resolver to one of them — so any request that got through would be logged there.
"""

from __future__ import annotations

import json
from collections import Counter
from urllib.parse import urlsplit

import pytest

from harvester.demo.faults import (FAULTS, OAI_FAULTS, OAI_GOOD_TITLES, SITEMAP_ARTICLES, SITEMAP_FAULTS,
                                   serve_faults)
from tests.conftest import check_accounting, harvest

pytestmark = pytest.mark.e2e

#: Lines of the URLs file besides the listing: each must be one ``rejected``/``bad_start_url`` line.
BAD_LINES = ["journal.example/issue/1", "http://[::1/broken", "ftp://journal.example/a", "http:///nohost"]
GOOD_ARTICLES = sorted(kind for kind, fault in FAULTS.items() if fault.outcome == "written")
BAD_ARTICLES = sorted(kind for kind, fault in FAULTS.items() if fault.outcome != "written")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """Three crawls of the fault site (listings through a URLs file with bad lines; OAI-PMH; sitemaps)."""
    root = tmp_path_factory.mktemp("hostile")
    with serve_faults() as servers:
        base = servers.site.base_url
        urls_file = root / "urls.txt"
        urls_file.write_bytes("\n".join(["# the fault site", f"{base}/", *BAD_LINES]).encode("utf-8")
                              + b"\nhttp://journal.example/caf\xe9\n")
        html = harvest(root / "html", f"urls_file={urls_file}", "source=faults", settings=servers.settings(),
                       run_id="html")
        oai_urls = ",".join(f"{base}/{kind}/oai" for kind in OAI_FAULTS)
        oai = harvest(root / "oai", f"start_urls={oai_urls}", "source=faults", "mode=oai",
                      settings=servers.settings(), run_id="oai")
        sitemap = harvest(root / "sitemap", f"start_urls={servers.sitemap_site.base_url}/", "source=faults",
                          "mode=sitemap", settings=servers.settings(), run_id="sitemap")
        yield {"html": html, "oai": oai, "sitemap": sitemap, "base": base, "urls_file": str(urls_file),
               "sitemap_base": servers.sitemap_site.base_url, "internal": servers.internal.base_url,
               "private": servers.private_requests(), "private_servers": [s.base_url for s in servers.private]}


def _path(url: str) -> str:
    try:
        return urlsplit(url).path
    except ValueError:  # an unparsable line of the URLs file
        return ""


def test_crawls_end_with_the_documented_exit_code(hostile):
    for name in ("html", "oai", "sitemap"):
        run = hostile[name]
        assert run.returncode == 0, f"{name}: exit {run.returncode}; {run.report and run.report['problems']}"
        assert run.report["exit_code"] == 0
        assert "Traceback" not in run.log, run.log[-3000:]


def test_no_request_reached_a_private_server(hostile):
    assert len(hostile["private_servers"]) >= 3  # 127.0.0.2, 127.0.0.3, the trap (and ::1 where there is IPv6)
    assert hostile["private"] == []


def test_every_good_article_is_written_once(hostile):
    records = hostile["html"].records
    assert sorted(_path(r["url"]).removeprefix("/article/") for r in records) == GOOD_ARTICLES


def test_no_record_comes_from_a_bad_page_or_a_private_server(hostile):
    for record in hostile["html"].records + hostile["oai"].records + hostile["sitemap"].records:
        assert "secret" not in (record["title"] or "").lower()
        assert urlsplit(record["url"]).hostname == "127.0.0.1"
        assert urlsplit(record.get("final_url") or record["url"]).hostname == "127.0.0.1"


@pytest.mark.parametrize("kind", BAD_ARTICLES)
def test_each_bad_page_is_one_reject_with_its_reason(hostile, kind):
    fault = FAULTS[kind]
    lines = [r for r in hostile["html"].rejects if _path(r["url"]) == f"/article/{kind}"]
    assert len(lines) == 1, f"{kind} ({fault.description}): {lines}"
    assert (lines[0]["outcome"], lines[0]["reason"]) == (fault.outcome, fault.reason or lines[0]["reason"]), \
        f"{kind} ({fault.description}): {lines[0]}"
    detail = lines[0]["detail"]
    assert detail and detail != lines[0]["reason"] and len(detail) > len(lines[0]["reason"]) + 10, detail


def test_private_address_details_name_the_address(hostile):
    expected = {"to-internal": "127.0.0.2", "to-internal-name": "127.0.0.3", "to-metadata": "169.254.169.254",
                "to-intranet": "10.0.0.1", "to-v6": "fd00::1", "to-loopback-v6": "::1",
                "chain-to-internal": "127.0.0.2", "refresh-to-internal": "127.0.0.2"}
    details = {_path(r["url"]).removeprefix("/article/"): r["detail"] for r in hostile["html"].rejects
               if r["reason"] == "private_address"}
    for kind, address in expected.items():
        assert f"resolves to {address}," in details[kind], details[kind]


def test_robots_txt_redirected_to_the_metadata_address_is_refused(hostile):
    lines = [r for r in hostile["html"].rejects if _path(r["url"]) == "/robots.txt"]
    assert [(r["outcome"], r["reason"]) for r in lines] == [("skipped", "private_address")]
    assert "169.254.169.254" in lines[0]["detail"]


def test_redirect_failures_name_the_url_asked_for_and_the_chain(hostile):
    by_kind = {_path(r["url"]).removeprefix("/article/"): r for r in hostile["html"].rejects}
    assert "/hop/loop/1" in by_kind["loop"]["detail"]
    assert "21 redirects" in by_kind["long-chain"]["detail"] and "/hop/chain/21" in by_kind["long-chain"]["detail"]
    assert "redirect hop 4" in by_kind["chain-to-internal"]["detail"]


def test_a_redirect_within_the_site_keeps_both_urls(hostile):
    moved = next(r for r in hostile["html"].records if _path(r["url"]) == "/article/moved")
    assert _path(moved["final_url"]) == "/hop/moved/1"
    assert moved["title"] == "Moved within the site"


def test_lying_charsets_decode_right(hostile):
    titles = {_path(r["url"]).removeprefix("/article/"): r["title"] for r in hostile["html"].records}
    assert titles["latin-lie"] == "Über Schrödinger"
    assert titles["cp1251-meta"] == "Квантование как задача о собственных значениях"
    assert titles["cp1251-bare"] == "Волновая механика и собственные значения"


def test_absurd_fields_are_cut_and_flagged(hostile):
    records = {_path(r["url"]).removeprefix("/article/"): r for r in hostile["html"].records}
    assert records["long-title"]["truncated"] == ["title"]
    assert records["long-title"]["title"].startswith("Long word0 word1") and len(records["long-title"]["title"]) <= 600
    assert records["huge-meta"]["truncated"] == ["journal.publisher"]
    assert len(records["huge-meta"]["journal"]["publisher"]) <= 500
    assert records["many-authors"]["truncated"] == ["authors"] and len(records["many-authors"]["authors"]) == 500
    assert records["jsonld-deep"]["title"] == "Deep structures in linked data"
    assert "truncated" not in records["ok"]


def test_bad_start_url_lines_are_rejected_with_file_and_line(hostile):
    lines = [r for r in hostile["html"].rejects if r["reason"] == "bad_start_url"]
    assert len(lines) == len(BAD_LINES) + 1
    assert all(r["outcome"] == "rejected" and hostile["urls_file"] in r["detail"] for r in lines)
    numbers = sorted(int(r["detail"].split(" line ")[1].split(":")[0]) for r in lines)
    assert numbers == [3, 4, 5, 6, 7]  # line 1 is a comment, line 2 the listing, which was crawled


def test_oai_faults(hostile):
    run = hostile["oai"]
    assert sorted(r["title"] for r in run.records) == sorted(OAI_GOOD_TITLES)
    assert "root:" not in json.dumps(run.rejects)  # the external entity was never read
    reasons = Counter((_path(r["url"]).split("/")[1], r["outcome"], r["reason"]) for r in run.rejects
                      if _path(r["url"]) != "/robots.txt" and r["reason"] != "read_for_links")
    expected = Counter((kind, f.outcome, f.reason) for kind, f in OAI_FAULTS.items() if f.outcome != "written")
    assert reasons == expected
    read = {_path(r["url"]).split("/")[1] for r in run.rejects if r["reason"] == "read_for_links"}
    assert "good" in read, "a list page read whole ends as read for its links"


def test_sitemap_faults(hostile):
    run = hostile["sitemap"]
    assert sorted(_path(r["url"]).removeprefix("/article/") for r in run.records) == sorted(SITEMAP_ARTICLES)
    got = {r["url"].rsplit("/", 1)[1] if "/sitemaps/" in r["url"] else "private": (r["outcome"], r["reason"])
           for r in run.rejects if r["reason"] != "read_for_links"}
    read = {r["url"].rsplit("/", 1)[1] for r in run.rejects if r["reason"] == "read_for_links"}
    assert {"good.xml", "index.xml"} <= read, "sitemaps read whole end as read for their links"
    assert got == {name: (f.outcome, f.reason) for name, f in SITEMAP_FAULTS.items() if f.outcome != "written"}
    check_accounting(run, {f"{hostile['sitemap_base']}/article/{kind}" for kind in SITEMAP_ARTICLES}
                     | {f"{hostile['sitemap_base']}/sitemaps/{name}" for name in SITEMAP_FAULTS
                        if "." in name and name != "good.xml"} | {f"{hostile['internal']}/sitemap.xml"})


def test_accounting_identity_holds(hostile):
    base = hostile["base"]
    html = hostile["html"]
    bad_lines = [r["url"] for r in html.rejects if r["reason"] == "bad_start_url"]
    tried = {f"{base}/article/{kind}" for kind in FAULTS} | {f"{base}/robots.txt"} | set(bad_lines)
    figures = check_accounting(html, tried)
    assert figures["written"] == len(GOOD_ARTICLES)
    oai = hostile["oai"]
    oai_tried = {r["url"] for r in oai.records} | {r["url"] for r in oai.rejects if r["reason"] != "read_for_links"}
    assert len(oai_tried) == len(OAI_GOOD_TITLES) + 1 + sum(f.outcome != "written" for f in OAI_FAULTS.values())
    check_accounting(oai, oai_tried)


def test_fault_kinds_covered():
    kinds = len(FAULTS) + len(OAI_FAULTS) + len(SITEMAP_FAULTS) + len(BAD_LINES) + 2  # + robots.txt, a non-UTF-8 line
    assert kinds >= 30
