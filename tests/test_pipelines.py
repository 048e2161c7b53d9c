"""Each pipeline does its one job: normalise, validate, write whole lines (works: tests/test_state.py)."""

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from harvester.exceptions import InvalidRecord
from harvester.items import ArticleItem
from harvester.crawl.run import LineWriter, Run, new_run_id
from pipelines.normalize import NormalizePipeline
from pipelines.validate import SchemaValidationPipeline


def raw_item(**overrides):
    values = dict(
        url="http://h.test/view/paper/1", source="test", title="  Soviet\u00a0Defectors in Germany\u200b ",
        authors=[{"name": "Antoshin A.V."}, {"name": " Smith,  John ", "orcid": "https://orcid.org/0000-0002-1825-0097"}],
        journal={"title": "RUDN Journal of Russian History", "issn": ["2312-8674", "2312-8675"]},
        volume="24", issue="4", first_page="632", last_page="642", publication_date_raw="December 2025",
        keywords="Russian emigrants; Soviet refugees;", abstract="Abstract: The article is devoted.",
        doi="https://doi.org/10.22363/2312-8674-2025-24-4-632-642", last_modified_raw="2025-12-16 21:42:27",
        related=[{"title": " Other  paper ", "url": "http://h.test/view/paper/2"}],
        provenance={"title": "heading", "doi": "labels", "journal.issn": "citation", "issue": "labels"},
        harvested_at="2026-01-01T00:00:00Z",
    )
    values.update(overrides)
    return ArticleItem(**values)


def test_normalize_pipeline_fills_normal_forms_and_keeps_raw_dates():
    item = NormalizePipeline().process_item(raw_item())
    assert item.title == "Soviet Defectors in Germany"
    assert [(a["given"], a["family"]) for a in item.authors] == [("A.V.", "Antoshin"), ("John", "Smith")]
    assert item.authors[1]["orcid"] == "0000-0002-1825-0097"
    assert item.journal["issn"] == ["2312-8674"], "ISSN with a bad check digit is dropped"
    assert (item.publication_date, item.publication_date_raw) == ("2025-12", "December 2025")
    assert item.keywords == ["Russian emigrants", "Soviet refugees"]
    assert item.abstract == "The article is devoted."
    assert item.doi == "10.22363/2312-8674-2025-24-4-632-642"
    assert (item.last_modified, item.last_modified_raw) == ("2025-12-16T21:42:27", "2025-12-16 21:42:27")
    assert item.related == [{"title": "Other paper", "url": "http://h.test/view/paper/2"}]


def test_normalize_drops_provenance_of_fields_left_empty():
    item = NormalizePipeline().process_item(raw_item(issue=" ", journal={"issn": ["2312-8675"]}))
    assert "issue" not in item.provenance and "journal.issn" not in item.provenance
    assert item.provenance["doi"] == "labels"


def test_valid_record_passes_schema():
    item = NormalizePipeline().process_item(raw_item())
    assert SchemaValidationPipeline().process_item(item) is item


@pytest.mark.parametrize("change, path", [
    ({"title": None}, "title"),
    ({"publication_date": "2025-13"}, "publication_date"),
    ({"doi": "not-a-doi"}, "doi"),
    ({"url": "ftp://x"}, "url"),
])
def test_invalid_record_is_rejected_with_reason(change, path):
    item = NormalizePipeline().process_item(raw_item())
    for name, value in change.items():
        setattr(item, name, value)
    with pytest.raises(InvalidRecord) as caught:
        SchemaValidationPipeline().process_item(item)
    assert caught.value.reason == "schema_invalid" and path in caught.value.detail
    assert caught.value.record["url"] == item.url, "the rejected record is kept for the rejects file"


def test_line_writer_resumes_a_killed_runs_file_without_its_half_line(tmp_path):
    path = tmp_path / "s" / "run.jsonl"
    path.parent.mkdir()
    (tmp_path / "s" / "run.jsonl.part").write_bytes(b'{"a":1}\n{"b":')
    writer = LineWriter(path)
    writer.write({"c": "Антошин"})
    writer.close()
    assert [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] == [{"a": 1}, {"c": "Антошин"}]
    assert not (tmp_path / "s" / "run.jsonl.part").exists()


def test_line_writer_appends_to_a_finished_file_of_the_same_run(tmp_path):
    path = tmp_path / "run.jsonl"
    for value in (1, 2):
        writer = LineWriter(path)
        writer.write({"n": value})
        writer.close()
    assert path.read_text(encoding="utf-8").splitlines() == ['{"n":1}', '{"n":2}']


KILLED_WRITER = """
import sys, os
from harvester.crawl.run import LineWriter
w = LineWriter(__import__('pathlib').Path(sys.argv[1]))
i = 0
while True:
    w.write({"i": i, "pad": "x" * 5000})
    i += 1
    if i == 50:
        print("ready", flush=True)
"""


def test_killed_writer_leaves_no_half_line_in_the_finished_file(tmp_path):
    path = tmp_path / "run.jsonl"
    proc = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(path)], stdout=subprocess.PIPE,
                            cwd=Path(__file__).resolve().parents[1])
    assert proc.stdout.readline().strip() == b"ready"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert not path.exists(), "a killed run has not finished its file"
    LineWriter(path).close()  # the next run (or a resume) takes the killed run's records over
    lines = path.read_bytes().split(b"\n")
    assert lines[-1] == b"", "file ends with a newline"
    records = [json.loads(line) for line in lines[:-1]]
    assert [r["i"] for r in records] == list(range(len(records))) and len(records) >= 50


def test_run_paths_per_source(tmp_path):
    run = Run(tmp_path, "r1")
    assert run.path("127.0.0.1:8000") == tmp_path / "127.0.0.1_8000" / "r1.jsonl"
    assert run.path("demo", "rejects") == tmp_path / "demo" / "r1.rejects.jsonl"


def test_run_ids_started_in_the_same_second_differ():
    ids = {new_run_id() for _ in range(50)}
    assert len(ids) == 50
    assert all(len(i.split("-")[0]) == len("20261207T201226Z") for i in ids)


def test_fresh_writer_starts_the_file_anew(tmp_path):
    path = tmp_path / "run.jsonl"
    (tmp_path / "run.jsonl.part").write_bytes(b'{"old":1}\n{"half":')
    writer = LineWriter(path, fresh=True)
    writer.write({"n": 1})
    writer.close()
    assert path.read_text(encoding="utf-8").splitlines() == ['{"n":1}']
