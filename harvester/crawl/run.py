"""One harvest run: its id, where its files go, and a crash-safe JSON Lines writer."""

from __future__ import annotations

import json
import os
import re
import secrets
import socket
import weakref
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

_RUNS: "weakref.WeakKeyDictionary[Any, Run]" = weakref.WeakKeyDictionary()
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def utc_now() -> str:
    """Current UTC time as ISO 8601 with a ``Z`` suffix, to the second."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def safe_name(name: str) -> str:
    """A file-system-safe version of a source name (``127.0.0.1:8000`` -> ``127.0.0.1_8000``)."""
    return _UNSAFE.sub("_", name).strip("._") or "unknown"


class LineWriter:
    """Appends JSON records as lines; the finished file never holds a half-written line.

    A kill can cut even a single ``write`` (the kernel stops between pages of a long line), so
    lines go to ``<path>.part`` and the file takes its final name only when closed. Opening a
    writer on a path whose ``.part`` a killed run left behind cuts that file's partial last
    line and goes on appending: what was written whole is kept.
    """

    def __init__(self, path: Path, fresh: bool = False):
        self.path = path
        self.part = path.with_name(path.name + ".part")
        path.parent.mkdir(parents=True, exist_ok=True)
        if fresh:
            self.part.unlink(missing_ok=True)  # the file is made anew from the harvest state
        elif path.exists() and not self.part.exists():
            os.replace(path, self.part)  # the same run id again: keep appending to its records
        _trim_partial_last_line(self.part)
        self._fd = os.open(self.part, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        self.count = 0

    def write(self, record: dict[str, Any]) -> None:
        line = json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
        os.write(self._fd, line.encode("utf-8"))
        self.count += 1

    def close(self) -> None:
        if self._fd >= 0:
            os.fsync(self._fd)
            os.close(self._fd)
            self._fd = -1
            os.replace(self.part, self.path)


def _trim_partial_last_line(path: Path) -> None:
    """Cut a trailing line without newline (left by a machine crash mid-write) before appending."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with open(path, "rb+") as handle:
        data = handle.read()
        if data.endswith(b"\n"):
            return
        handle.truncate(data.rfind(b"\n") + 1)


def worker_id(settings) -> str:
    """``HARVEST_WORKER_ID``, else ``<host>-<pid>``: names a distributed worker's files and Redis keys."""
    return settings.get("HARVEST_WORKER_ID") or f"{socket.gethostname()}-{os.getpid()}"


def new_run_id() -> str:
    """``20261207T201226Z-3f9a1c``: UTC start time (sorts by time) and a random part (never shared)."""
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(3)


class Run:
    """Run id, the run's sources and their output files, shared by the components of one crawl."""

    def __init__(self, output_dir: str | os.PathLike, run_id: str | None = None, worker: str | None = None):
        self.output_dir = Path(output_dir)
        self.run_id = run_id or new_run_id()
        self.worker = worker
        self.sources: set[str] = set()
        self._writers: dict[tuple[str, str], LineWriter] = {}

    @property
    def stem(self) -> str:
        """``<run id>``, or ``<run id>.<worker>`` for a distributed worker: the name of the run's files."""
        return f"{self.run_id}.{safe_name(self.worker)}" if self.worker else self.run_id

    def path(self, source: str, kind: str = "records") -> Path:
        """``<output>/<source>/<run id>.jsonl`` for records, ``.report.json`` for the report, ``.<kind>.jsonl`` else."""
        suffix = {"records": ".jsonl", "report": ".report.json"}.get(kind, f".{kind}.jsonl")
        return self.output_dir / safe_name(source) / f"{self.stem}{suffix}"

    def writer(self, source: str, kind: str = "records", fresh: bool = False) -> LineWriter:
        """The writer of a source's file of one kind (``fresh``: start the file anew)."""
        key = (source, kind)
        if key not in self._writers or fresh:
            self._writers[key] = LineWriter(self.path(source, kind), fresh=fresh)
        return self._writers[key]

    def sources_written(self) -> set[str]:
        """The sources the run has files for: its own, and a distributed worker's share of other workers' sources."""
        return {source for source, _ in self._writers}

    def written(self, kind: str = "records") -> dict[Path, int]:
        """Files of one kind written so far, with their line counts."""
        return {w.path: w.count for (_, k), w in self._writers.items() if k == kind}

    def close(self, kind: str) -> None:
        for (_, k), writer in self._writers.items():
            if k == kind:
                writer.close()


def run_for(crawler) -> Run:
    """The ``Run`` of a crawler, made on first use from its settings."""
    if crawler not in _RUNS:
        settings = crawler.settings
        worker = worker_id(settings) if settings.get("REDIS_URL") else None  # distributed: files per worker
        _RUNS[crawler] = Run(settings.get("HARVEST_OUTPUT_DIR", "data"), settings.get("HARVEST_RUN_ID"), worker)
    return _RUNS[crawler]
