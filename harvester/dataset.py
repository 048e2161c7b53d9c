"""The current dataset of a source: the latest version of each work across all its runs' JSON Lines."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, Iterator

from harvester.extract.works import work_key
from harvester.crawl.run import LineWriter

CURRENT = "current.jsonl"


def run_files(folder: Path) -> list[Path]:
    """A source folder's record files, oldest run first (run ids begin with their UTC start time)."""
    return sorted(p for p in folder.glob("*.jsonl") if p.name != CURRENT and not p.name.endswith(".rejects.jsonl"))


def read_records(paths: Iterable[Path]) -> Iterator[dict]:
    """Every record of the given JSON Lines files, in order."""
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    yield json.loads(line)


def latest_versions(records: Iterable[dict]) -> dict[str, dict]:
    """Work id -> its last record (first-seen order kept)."""
    works: dict[str, dict] = {}
    for record in records:
        works[record.get("work_id") or work_key(record)] = record
    return works


def compact(folder: Path) -> tuple[Path, int]:
    """Write ``<folder>/current.jsonl`` from all runs in ``folder``; its path and number of works."""
    works = latest_versions(read_records(run_files(folder)))
    target = folder / CURRENT
    writer = LineWriter(target, fresh=True)
    for record in works.values():
        writer.write(record)
    writer.close()
    return target, writer.count
