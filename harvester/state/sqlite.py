"""The embedded harvest state: one SQLite file (WAL), safe for a kill at any moment.

Writes are grouped into transactions of at most ``BATCH`` operations or ``BATCH_SECONDS``:
a kill loses at most the last open transaction, and since a page counts as fresh only once
its record is committed, a run started again fetches exactly those pages once more. Several
processes may share the file; SQLite serialises their writes (``busy_timeout``).
"""

from __future__ import annotations

import json
import logging
import sqlite3
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from harvester.extract.works import fingerprint, merge_records, same_work, work_key
from harvester.state import PageStamp, Work, state_path

logger = logging.getLogger(__name__)

VERSION = 1  # the layout below; PRAGMA user_version of every state file
BATCH = 200
BATCH_SECONDS = 1.0

SCHEMA = """
CREATE TABLE IF NOT EXISTS pages (
    url TEXT PRIMARY KEY, work TEXT NOT NULL, source TEXT NOT NULL, record TEXT NOT NULL,
    fetched_at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS pages_work ON pages(work);
CREATE INDEX IF NOT EXISTS pages_source ON pages(source);
CREATE TABLE IF NOT EXISTS validators (url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT);
CREATE TABLE IF NOT EXISTS works (
    key TEXT PRIMARY KEY, record TEXT NOT NULL, fingerprint TEXT NOT NULL,
    first_seen TEXT NOT NULL, last_seen TEXT NOT NULL, last_changed TEXT NOT NULL);
-- base: the work's fingerprint when the run first touched it (NULL: the work did not exist yet).
CREATE TABLE IF NOT EXISTS run_works (run TEXT, source TEXT, work TEXT, base TEXT, PRIMARY KEY (run, source, work));
CREATE TABLE IF NOT EXISTS oai_lists (
    endpoint TEXT, set_spec TEXT, prefix TEXT, last_from TEXT NOT NULL, PRIMARY KEY (endpoint, set_spec, prefix));
CREATE TABLE IF NOT EXISTS runs (
    run TEXT, source TEXT, finished TEXT NOT NULL, works_seen INTEGER NOT NULL, PRIMARY KEY (run, source));
"""


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class SqliteState:
    """``HarvestState`` in one SQLite file."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # IMMEDIATE: a write transaction takes the write lock when it begins, so two runs sharing the
        # file wait for each other instead of failing on a stale read snapshot.
        self.db = sqlite3.connect(self.path, timeout=60, isolation_level="IMMEDIATE", check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self._check_version()
        self.db.executescript(SCHEMA)
        self.db.execute(f"PRAGMA user_version = {VERSION}")
        self._pending = 0
        self._since = time.monotonic()

    def _check_version(self) -> None:
        """Refuse a state file of another layout rather than misread it."""
        (version,) = self.db.execute("PRAGMA user_version").fetchone()
        (tables,) = self.db.execute("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'").fetchone()
        if tables and version != VERSION:
            raise RuntimeError(f"{self.path} holds harvest state of layout {version}, not {VERSION}: "
                               "move it away (the next run then starts from zero) or use the release that wrote it")

    @classmethod
    def from_settings(cls, settings) -> "SqliteState":
        return cls(state_path(settings))

    # -- pages and works

    def put_page(self, url: str, source: str, record: dict, run: str, fetched: bool = True) -> str:
        key = self._key(url, record)
        old = self.db.execute("SELECT work FROM pages WHERE url = ?", (url,)).fetchone()
        # A record not read from the page itself (an OAI-PMH record, a listing entry) leaves the
        # page unfetched as far as freshness goes: 0, or the time it was last really fetched.
        self.db.execute(
            "INSERT INTO pages (url, work, source, record, fetched_at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(url) DO UPDATE SET work = excluded.work, source = excluded.source, "
            "record = excluded.record, "
            "fetched_at = CASE WHEN excluded.fetched_at > 0 THEN excluded.fetched_at ELSE pages.fetched_at END",
            (url, key, source, json.dumps(record, ensure_ascii=False), time.time() if fetched else 0.0))
        if old and old[0] != key:
            self._remerge(old[0])  # the page now names another work (it gained a DOI)
        self.db.execute("INSERT OR IGNORE INTO run_works SELECT ?, ?, ?, (SELECT fingerprint FROM works WHERE key = ?)",
                        (run, source, key, key))
        print_ = self._remerge(key)
        (base,) = self.db.execute("SELECT base FROM run_works WHERE run = ? AND source = ? AND work = ?",
                                  (run, source, key)).fetchone()
        self._wrote()
        return _change(base, print_)

    def _key(self, url: str, record: dict) -> str:
        """The record's work key, or its own URL when the pages already under that key show other works."""
        key = work_key(record)
        rows = self.db.execute("SELECT record FROM pages WHERE work = ? AND url != ?", (key, url)).fetchall()
        if all(same_work(record, json.loads(r)) for (r,) in rows):
            return key
        logger.warning("%s shares %s with another article of its site: kept as a work of its own", url, key)
        return f"url:{url}"

    def _remerge(self, key: str) -> str | None:
        """Merge the records of a work's pages again; the work's fingerprint (None: no page left)."""
        rows = self.db.execute("SELECT record FROM pages WHERE work = ? ORDER BY rowid", (key,)).fetchall()
        if not rows:
            self.db.execute("DELETE FROM works WHERE key = ?", (key,))
            return None
        record = merge_records([json.loads(r[0]) for r in rows])
        record["work_id"] = key
        print_, now, text = fingerprint(record), _now(), json.dumps(record, ensure_ascii=False)
        self.db.execute(
            "INSERT INTO works VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET record = excluded.record, "
            "last_seen = excluded.last_seen, last_changed = CASE WHEN works.fingerprint = excluded.fingerprint "
            "THEN works.last_changed ELSE excluded.last_changed END, fingerprint = excluded.fingerprint",
            (key, text, print_, now, now, now))
        return print_

    def page(self, url: str) -> PageStamp | None:
        row = self.db.execute(
            "SELECT p.fetched_at, v.etag, v.last_modified FROM pages p LEFT JOIN validators v ON v.url = p.url "
            "WHERE p.url = ?", (url,)).fetchone()
        return PageStamp(*row) if row and row[0] else None

    def refresh_page(self, url: str, run: str, source: str) -> None:
        self.db.execute("UPDATE pages SET fetched_at = ? WHERE url = ?", (time.time(), url))
        self.saw_page(url)

    def saw_page(self, url: str) -> None:
        self.db.execute("UPDATE works SET last_seen = ? WHERE key = (SELECT work FROM pages WHERE url = ?)",
                        (_now(), url))
        self._wrote()

    def put_validators(self, url: str, etag: str | None, last_modified: str | None) -> None:
        self.db.execute("INSERT OR REPLACE INTO validators VALUES (?, ?, ?)", (url, etag, last_modified))
        self._wrote()

    def works(self, run: str, source: str, snapshot: bool = False) -> Iterator[Work]:
        self.flush()
        # A work the run did not touch is unchanged (touched: 0); one it touched compares with its base.
        if snapshot:
            query = ("SELECT w.key, w.record, w.fingerprint, r.base, r.work IS NOT NULL, w.first_seen, w.last_changed "
                     "FROM works w LEFT JOIN run_works r ON r.work = w.key AND r.run = ? AND r.source = ? "
                     "WHERE w.key IN (SELECT work FROM pages WHERE source = ?) ORDER BY w.first_seen, w.key")
            args: tuple = (run, source, source)
        else:
            query = ("SELECT w.key, w.record, w.fingerprint, r.base, 1, w.first_seen, w.last_changed "
                     "FROM run_works r JOIN works w ON w.key = r.work "
                     "WHERE r.run = ? AND r.source = ? ORDER BY w.first_seen, w.key")
            args = (run, source)
        # Row by row: a snapshot of a large journal never sits in memory whole.
        for key, record, print_, base, touched, first_seen, last_changed in self.db.execute(query, args):
            change = _change(base, print_) if touched else "unchanged"
            urls = tuple(u for (u,) in self.db.execute("SELECT url FROM pages WHERE work = ? ORDER BY rowid", (key,)))
            yield Work(key, json.loads(record), change, first_seen, last_changed, urls)

    def run_sources(self, run: str) -> set[str]:
        return {source for (source,) in self.db.execute("SELECT DISTINCT source FROM run_works WHERE run = ?", (run,))}

    # -- OAI-PMH lists and runs

    def oai_from(self, endpoint: str, set_spec: str | None, prefix: str) -> str | None:
        row = self.db.execute("SELECT last_from FROM oai_lists WHERE endpoint = ? AND set_spec = ? AND prefix = ?",
                              (endpoint, set_spec or "", prefix)).fetchone()
        return row[0] if row else None

    def oai_done(self, endpoint: str, set_spec: str | None, prefix: str, started: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO oai_lists VALUES (?, ?, ?, ?)",
                        (endpoint, set_spec or "", prefix, started))
        self._wrote()

    def works_seen_since(self, source: str, since: str) -> int:
        self.flush()
        return self.db.execute("SELECT COUNT(*) FROM works WHERE last_seen >= ? AND key IN "
                               "(SELECT work FROM pages WHERE source = ?)", (since, source)).fetchone()[0]

    def works_seen_last_time(self, source: str, run: str) -> int | None:
        row = self.db.execute("SELECT works_seen FROM runs WHERE source = ? AND run != ? ORDER BY finished DESC "
                              "LIMIT 1", (source, run)).fetchone()
        return row[0] if row else None

    def end_run(self, run: str, source: str, works_seen: int) -> None:
        self.db.execute("INSERT OR REPLACE INTO runs VALUES (?, ?, ?, ?)", (run, source, _now(), works_seen))
        self.flush()

    # -- durability

    def _wrote(self) -> None:
        self._pending += 1
        if self._pending >= BATCH or time.monotonic() - self._since > BATCH_SECONDS:
            self.flush()

    def flush(self) -> None:
        self.db.commit()
        self._pending, self._since = 0, time.monotonic()

    def close(self) -> None:
        self.flush()
        self.db.close()


def _change(base: str | None, current: str | None) -> str:
    if current is None:
        return "unchanged"
    if base is None:
        return "new"
    return "updated" if base != current else "unchanged"
