"""Harvest state: one record per work across pages, changes against earlier runs, OAI dates, freshness."""

from __future__ import annotations

import json
import sqlite3

import pytest

from harvester.extract.works import fingerprint, merge_records, work_key
from harvester.state.sqlite import SqliteState

AGGREGATOR = "http://aggregator.test/view/paper/7"
OJS = "http://journal.test/index.php/j/article/view/7"
MIRROR = "http://mirror.test/index.php/j/article/view/7?locale=ru"


def record(url: str, **fields) -> dict:
    """A normalised page record with provenance ``source`` for every field given."""
    source = fields.pop("_source", "citation")
    base = {"schema_version": "1.1", "record_type": "article", "url": url, "source": "s", "title": "A title",
            "authors": [], "journal": {}, "keywords": [], "related": [], "harvested_at": "2026-01-01T00:00:00Z",
            "provenance": {}}
    base.update(fields)
    base["provenance"] = {name: source for name in fields if name != "journal"} | {"title": source}
    if "journal" in fields:
        base["provenance"].update({"journal" if k == "title" else f"journal.{k}": source for k in fields["journal"]})
    return base


def same_work_pages() -> list[dict]:
    """The same article on an aggregator (labels only), the journal's OJS page and a Russian mirror."""
    aggregator = record(AGGREGATOR, _source="labels", doi="10.22363/2312-8674-2025-24-4-632-642",
                        publication_date="2025-12", publication_date_raw="December 2025", volume="24", issue="4",
                        keywords=["Russian emigrants", "Soviet refugees"],
                        last_modified="2025-12-16T21:42:27", last_modified_raw="2025-12-16 21:42:27")
    ojs = record(OJS, doi="10.22363/2312-8674-2025-24-4-632-642", publication_date="2025-12-16",
                 publication_date_raw="2025/12/16", first_page="632", last_page="642",
                 authors=[{"name": "Alexey V. Antoshin", "given": "Alexey V.", "family": "Antoshin"}],
                 journal={"title": "RUDN Journal of Russian History", "issn": ["2312-8674"]})
    mirror = record(MIRROR, _source="dc", doi="10.22363/2312-8674-2025-24-4-632-642", language="ru",
                    abstract="Статья посвящена советским перебежчикам в Германии.")
    return [aggregator, ojs, mirror]


def test_work_key_prefers_the_doi_case_insensitively():
    assert work_key({"url": "http://a/1", "doi": "10.1/AbC"}) == "doi:10.1/abc"
    assert work_key({"url": "http://a/1", "canonical_url": "http://a/c"}) == "url:http://a/c"
    assert work_key({"url": "http://a/1"}) == "url:http://a/1"


def test_fingerprint_ignores_when_a_record_was_made():
    page = same_work_pages()[1]
    assert fingerprint(page) == fingerprint({**page, "harvested_at": "2030-01-01T00:00:00Z", "change": "new"})
    assert fingerprint(page) != fingerprint({**page, "title": "Another title"})


def test_three_sites_give_one_work_with_the_union_of_their_fields():
    merged = merge_records(same_work_pages())
    assert merged["urls"] == [AGGREGATOR, OJS, MIRROR]
    assert (merged["first_page"], merged["last_page"]) == ("632", "642")
    assert merged["publication_date"] == "2025-12-16", "a full date refines the month that agrees with it"
    assert merged["publication_date_raw"] == "2025/12/16", "the raw string comes from the page whose date won"
    assert merged["keywords"] == ["Russian emigrants", "Soviet refugees"]
    assert merged["abstract"].startswith("Статья") and merged["language"] == "ru"
    assert merged["journal"] == {"title": "RUDN Journal of Russian History", "issn": ["2312-8674"]}
    assert [a["family"] for a in merged["authors"]] == ["Antoshin"]
    assert merged["last_modified_raw"] == "2025-12-16 21:42:27"
    assert merged["provenance_urls"]["first_page"] == OJS and merged["provenance"]["first_page"] == "citation"
    assert merged["provenance_urls"]["abstract"] == MIRROR and merged["provenance"]["abstract"] == "dc"
    assert merged["provenance_urls"]["keywords"] == AGGREGATOR


def test_declared_metadata_outranks_labels_across_pages():
    labels = record(AGGREGATOR, _source="labels", volume="2")
    declared = record(OJS, volume="24")
    merged = merge_records([labels, declared])
    assert merged["volume"] == "24" and merged["provenance_urls"]["volume"] == OJS


def test_an_article_page_outranks_a_listing_record_of_the_same_work():
    listing = record(AGGREGATOR, _source="citation", record_type="listing", title="Listing title")
    page = record(OJS, _source="citation", title="Page title")
    merged = merge_records([listing, page])
    assert merged["title"] == "Page title" and merged["record_type"] == "article"


@pytest.fixture
def state(tmp_path):
    store = SqliteState(tmp_path / "state.sqlite")
    yield store
    store.close()


def exported(state: SqliteState, run: str, source: str = "s", snapshot: bool = False) -> dict[str, str]:
    return {w.key: w.change for w in state.works(run, source, snapshot=snapshot)}


def test_pages_of_one_work_merge_into_one_new_work(state):
    for page in same_work_pages():
        assert state.put_page(page["url"], "s", page, "run1") == "new"
    works = list(state.works("run1", "s"))
    assert len(works) == 1 and works[0].change == "new"
    assert works[0].urls == (AGGREGATOR, OJS, MIRROR)
    assert works[0].record["work_id"] == "doi:10.22363/2312-8674-2025-24-4-632-642"


def test_changes_are_measured_against_the_state_before_the_run(state):
    a, b = record("http://j.test/a", doi="10.1/a"), record("http://j.test/b", doi="10.1/b")
    state.put_page(a["url"], "s", a, "run1")
    state.put_page(b["url"], "s", b, "run1")
    assert exported(state, "run1") == {"doi:10.1/a": "new", "doi:10.1/b": "new"}
    assert state.put_page(a["url"], "s", a, "run2") == "unchanged"
    assert state.put_page(b["url"], "s", {**b, "title": "New title"}, "run2") == "updated"
    assert state.put_page(b["url"], "s", {**b, "title": "New title"}, "run2") == "updated", "still updated in run2"
    assert exported(state, "run2") == {"doi:10.1/a": "unchanged", "doi:10.1/b": "updated"}
    assert exported(state, "run3", snapshot=True) == {"doi:10.1/a": "unchanged", "doi:10.1/b": "unchanged"}


def test_storing_a_page_again_in_the_same_run_changes_nothing(state):
    page = record("http://j.test/a", doi="10.1/a")
    state.put_page(page["url"], "s", page, "run1")
    before = [(w.key, w.change, w.record) for w in state.works("run1", "s")]
    state.put_page(page["url"], "s", page, "run1")
    assert [(w.key, w.change, w.record) for w in state.works("run1", "s")] == before


def test_a_page_that_gains_a_doi_moves_to_that_work(state):
    url = "http://j.test/a"
    state.put_page(url, "s", record(url), "run1")
    state.put_page(url, "s", record(url, doi="10.1/a"), "run2")
    assert exported(state, "run2", snapshot=True) == {"doi:10.1/a": "new"}


def test_page_stamps_and_validators(state):
    url = "http://j.test/a"
    assert state.page(url) is None
    state.put_validators(url, '"abc"', "Mon, 07 Dec 2026 10:00:00 GMT")
    assert state.page(url) is None, "validators alone do not make a page known: it gave no record yet"
    state.put_page(url, "s", record(url), "run1")
    stamp = state.page(url)
    assert stamp.etag == '"abc"' and stamp.last_modified.endswith("GMT") and stamp.fetched_at > 0


def test_oai_lists_remember_their_last_complete_harvest(state):
    assert state.oai_from("http://j.test/oai", None, "oai_dc") is None
    state.oai_done("http://j.test/oai", None, "oai_dc", "2026-12-07")
    assert state.oai_from("http://j.test/oai", None, "oai_dc") == "2026-12-07"
    assert state.oai_from("http://j.test/oai", "set:a", "oai_dc") is None, "each set is its own list"


def test_runs_remember_how_many_works_they_saw(state):
    assert state.works_seen_last_time("s", "run2") is None
    state.end_run("run1", "s", 12)
    assert state.works_seen_last_time("s", "run2") == 12
    assert state.works_seen_last_time("s", "run1") is None, "a run is not its own previous run"


def test_flushed_writes_are_seen_by_another_process(tmp_path):
    store = SqliteState(tmp_path / "state.sqlite")
    page = record("http://j.test/a", doi="10.1/a")
    store.put_page(page["url"], "s", page, "run1")
    store.flush()
    other = sqlite3.connect(tmp_path / "state.sqlite")
    (stored,) = other.execute("SELECT record FROM pages").fetchone()
    assert json.loads(stored)["doi"] == "10.1/a"
    other.close()
    store.close()


def test_a_record_not_read_from_its_page_leaves_the_page_unfetched(state):
    url = "http://j.test/a"
    state.put_page(url, "s", record(url, _source="oai_dc", doi="10.1/a"), "run1", fetched=False)
    assert state.page(url) is None, "an OAI-PMH record says nothing of the page's freshness"
    state.put_page(url, "s", record(url, doi="10.1/a"), "run2")
    fetched = state.page(url).fetched_at
    state.put_page(url, "s", record(url, _source="oai_dc", doi="10.1/a"), "run3", fetched=False)
    assert state.page(url).fetched_at == fetched, "the page keeps the time it was really fetched"


@pytest.mark.parametrize("record_type, sources, expected", [
    ("article", {"title": "citation"}, True),
    ("article", {"title": "oai_dc", "language": "langid"}, False),
    ("article", {"title": "oai_dc", "abstract": "labels"}, True),
    ("listing", {"title": "listing"}, False),
])
def test_read_from_page(record_type, sources, expected):
    from harvester.items import ArticleItem
    from pipelines.works import read_from_page

    item = ArticleItem(url="http://j.test/a", source="s", record_type=record_type, provenance=sources)
    assert read_from_page(item) is expected


def test_a_canonical_url_naming_the_site_is_no_identity():
    assert work_key({"url": "http://j.test/article/5", "canonical_url": "http://j.test/"}) == "url:http://j.test/article/5"
    assert work_key({"url": "http://j.test/j/article/5", "canonical_url": "http://j.test/j"}) == \
        "url:http://j.test/j/article/5"
    assert work_key({"url": "http://j.test/a/5?lang=ru", "canonical_url": "http://j.test/a/5"}) == "url:http://j.test/a/5"


def test_one_doi_on_two_articles_of_one_site_merges_nothing(state):
    """A DOI repeated on every paper of a site (the proceedings volume's) names no single work."""
    first = record("http://j.test/paper/1", doi="10.1/volume", title="Sparse matrices in the wild")
    second = record("http://j.test/paper/2", doi="10.1/volume", title="Graph colouring by local search")
    state.put_page(first["url"], "s", first, "run1")
    state.put_page(second["url"], "s", second, "run1")
    works = {w.key: w.record["title"] for w in state.works("run1", "s")}
    assert works == {"doi:10.1/volume": "Sparse matrices in the wild",
                     "url:http://j.test/paper/2": "Graph colouring by local search"}


def test_one_site_pages_of_one_article_still_merge(state):
    english = record("http://j.test/paper/1", doi="10.1/a", title="Sparse matrices in the wild")
    listing = record("http://j.test/paper/1?view=full", doi="10.1/a", title="Sparse matrices in the wild (full text)")
    state.put_page(english["url"], "s", english, "run1")
    state.put_page(listing["url"], "s", listing, "run1")
    assert [w.urls for w in state.works("run1", "s")] == [(english["url"], listing["url"])]


def test_two_runs_at_once_each_see_their_own_changes(state):
    """Run B touching a work run A made new leaves it new for A (and unchanged for B): A writes it."""
    page = record("http://j.test/a", doi="10.1/a")
    assert state.put_page(page["url"], "s", page, "runA") == "new"
    assert state.put_page(page["url"], "s", page, "runB") == "unchanged"
    assert exported(state, "runA") == {"doi:10.1/a": "new"}
    assert exported(state, "runB") == {"doi:10.1/a": "unchanged"}


def test_a_state_file_of_another_layout_is_refused(tmp_path):
    path = tmp_path / "old.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE works (key TEXT)")
    with pytest.raises(RuntimeError, match="layout 0, not 1"):
        SqliteState(path)
