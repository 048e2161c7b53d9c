"""The shared harvest state in Redis: the same interface as the SQLite store, for many workers.

Keys (all under ``HARVEST_REDIS_PREFIX``, default ``harvest:``):

* ``page:<url>`` hash — ``work``, ``source``, ``record`` (JSON), ``fetched_at``, ``etag``,
  ``last_modified``, ``order``; expires ``HARVEST_REDIS_PAGE_DAYS`` after it was last stored or
  refreshed (a page seen no more is forgotten); validators alone expire with the refresh age;
* ``work:<key>`` hash — ``record``, ``fingerprint``, ``first_seen``, ``last_seen``, ``last_changed``; ``workpages:<key>`` sorted set of its page URLs, in the order
  they were first stored; ``source:<source>`` set of the source's works;
* ``run:<run>:base`` hash work -> its fingerprint when the run first touched it ("" when new);
  ``run:<run>:owner`` hash work -> worker (the first worker to touch a work in a run writes it)
  and ``run:<run>:<worker>:<source>`` set of the works that worker writes;
* ``oai:<endpoint>|<set>|<prefix>`` the day the last complete harvest of a list began;
* ``runs:<source>`` sorted set of finished runs by time and ``runseen:<source>`` their works seen.

A work's pages are merged under a Redis lock on the work, so two workers storing pages of one
work never lose each other's page.
"""

from __future__ import annotations

import json
import logging
import time
from datetime import datetime, timezone
from typing import Iterator

import redis

from harvester.extract.works import fingerprint, merge_records, same_work, work_key
from harvester.crawl.run import worker_id
from harvester.state import PageStamp, Work

logger = logging.getLogger(__name__)

DAY = 86400


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _change(base: str | None, current: str | None) -> str:
    if current is None:
        return "unchanged"
    if not base:
        return "new"
    return "updated" if base != current else "unchanged"


class RedisState:
    """``HarvestState`` shared by every worker that talks to one Redis server."""

    def __init__(self, client: redis.Redis, worker: str, prefix: str = "harvest:", page_days: float = 365.0,
                 validator_days: float = 30.0):
        self.r = client
        self.worker = worker
        self.p = prefix
        self.page_ttl = int(page_days * DAY)
        self.validator_ttl = max(1, int(validator_days * DAY))

    @classmethod
    def from_settings(cls, settings) -> "RedisState":
        client = redis.Redis.from_url(settings.get("REDIS_URL"), decode_responses=True)
        return cls(client, worker_id(settings), settings.get("HARVEST_REDIS_PREFIX", "harvest:"),
                   settings.getfloat("HARVEST_REDIS_PAGE_DAYS", 365.0),
                   settings.getfloat("HARVEST_REFRESH_AFTER_DAYS", 30.0))

    def k(self, *parts: str) -> str:
        """A key under the prefix."""
        return self.p + ":".join(parts)

    # -- pages and works

    def put_page(self, url: str, source: str, record: dict, run: str, fetched: bool = True) -> str:
        key = self._key(url, record)
        page = self.k("page", url)
        old = self.r.hget(page, "work")
        fields = {"work": key, "source": source, "record": json.dumps(record, ensure_ascii=False)}
        if fetched:
            fields["fetched_at"] = repr(time.time())
        pipe = self.r.pipeline()
        pipe.hset(page, mapping=fields)
        pipe.expire(page, self.page_ttl)
        pipe.sadd(self.k("source", source), key)
        pipe.execute()
        if old and old != key:
            self.r.zrem(self.k("workpages", old), url)
            self._remerge(old)
        self.r.zadd(self.k("workpages", key), {url: time.time()}, nx=True)
        # The work's fingerprint when this run first touched it ("": it did not exist yet).
        self.r.hsetnx(self.k("run", run, "base"), key, self.r.hget(self.k("work", key), "fingerprint") or "")
        print_ = self._remerge(key)
        change = _change(self.r.hget(self.k("run", run, "base"), key), print_)
        if self.r.hsetnx(self.k("run", run, "owner"), key, self.worker) or \
                self.r.hget(self.k("run", run, "owner"), key) == self.worker:
            self.r.sadd(self.k("run", run, self.worker, source), key)
        return change

    def _key(self, url: str, record: dict) -> str:
        """The record's work key, or its own URL when the pages already under that key show other works."""
        key = work_key(record)
        others = [u for u in self.r.zrange(self.k("workpages", key), 0, -1) if u != url]
        stored = [r for r in (self.r.hget(self.k("page", u), "record") for u in others) if r]
        if all(same_work(record, json.loads(r)) for r in stored):
            return key
        logger.warning("%s shares %s with another article of its site: kept as a work of its own", url, key)
        return f"url:{url}"

    def _remerge(self, key: str) -> str | None:
        """Merge the records of a work's pages again; the work's fingerprint (None: no page left)."""
        with self.r.lock(self.k("lock", key), timeout=30, blocking_timeout=60):
            urls = self.r.zrange(self.k("workpages", key), 0, -1)
            records = [r for r in (self.r.hget(self.k("page", u), "record") for u in urls) if r]
            if not records:
                self.r.delete(self.k("work", key))
                return None
            record = merge_records([json.loads(r) for r in records])
            record["work_id"] = key
            return self._store_work(key, record)

    def _store_work(self, key: str, record: dict) -> str:
        print_, now, work = fingerprint(record), _now(), self.k("work", key)
        current = self.r.hget(work, "fingerprint")
        fields = {"record": json.dumps(record, ensure_ascii=False), "fingerprint": print_, "last_seen": now}
        if current is None:
            fields["first_seen"] = now
        if print_ != current:
            fields["last_changed"] = now
        self.r.hset(work, mapping=fields)
        return print_

    def page(self, url: str) -> PageStamp | None:
        fetched, etag, modified = self.r.hmget(self.k("page", url), "fetched_at", "etag", "last_modified")
        return PageStamp(float(fetched), etag, modified) if fetched else None

    def refresh_page(self, url: str, run: str, source: str) -> None:
        page = self.k("page", url)
        if self.r.exists(page):
            self.r.hset(page, "fetched_at", repr(time.time()))
            self.r.expire(page, self.page_ttl)
            self.saw_page(url)

    def saw_page(self, url: str) -> None:
        key = self.r.hget(self.k("page", url), "work")
        if key:
            self.r.hset(self.k("work", key), "last_seen", _now())

    def put_validators(self, url: str, etag: str | None, last_modified: str | None) -> None:
        page = self.k("page", url)
        self.r.hset(page, mapping={"etag": etag or "", "last_modified": last_modified or ""})
        if not self.r.hexists(page, "record"):
            self.r.expire(page, self.validator_ttl)

    def works(self, run: str, source: str, snapshot: bool = False) -> Iterator[Work]:
        keys = self.r.smembers(self.k("source", source) if snapshot else self.k("run", run, self.worker, source))
        rows = [(key, self.r.hgetall(self.k("work", key))) for key in keys]
        bases = self.r.hgetall(self.k("run", run, "base"))
        for key, row in sorted((r for r in rows if r[1]), key=lambda r: (r[1]["first_seen"], r[0])):
            change = _change(bases[key], row["fingerprint"]) if key in bases else "unchanged"
            urls = tuple(self.r.zrange(self.k("workpages", key), 0, -1))
            yield Work(key, json.loads(row["record"]), change, row["first_seen"], row["last_changed"], urls)

    def run_sources(self, run: str) -> set[str]:
        prefix = self.k("run", run, self.worker, "")
        return {key[len(prefix):] for key in self.r.scan_iter(match=prefix + "*")}

    def adopt(self, worker: str, run: str) -> set[str]:
        """Take over the works a stopped worker was to write in its run; the sources they belong to."""
        prefix, owner = self.k("run", run, worker, ""), self.k("run", run, "owner")
        sources = set()
        for key in list(self.r.scan_iter(match=prefix + "*")):
            source, members = key[len(prefix):], self.r.smembers(key)
            if members:
                self.r.sadd(self.k("run", run, self.worker, source), *members)
                self.r.hset(owner, mapping={m: self.worker for m in members})
                sources.add(source)
            self.r.delete(key)
        return sources

    # -- OAI-PMH lists and runs

    def oai_from(self, endpoint: str, set_spec: str | None, prefix: str) -> str | None:
        return self.r.get(self.k("oai", f"{endpoint}|{set_spec or ''}|{prefix}"))

    def oai_done(self, endpoint: str, set_spec: str | None, prefix: str, started: str) -> None:
        self.r.set(self.k("oai", f"{endpoint}|{set_spec or ''}|{prefix}"), started)

    def works_seen_since(self, source: str, since: str) -> int:
        keys = list(self.r.smembers(self.k("source", source)))
        pipe = self.r.pipeline()
        for key in keys:
            pipe.hget(self.k("work", key), "last_seen")
        return sum(1 for seen in pipe.execute() if seen and seen >= since)

    def works_seen_last_time(self, source: str, run: str) -> int | None:
        for previous in self.r.zrevrange(self.k("runs", source), 0, 1):
            if previous != run:
                return int(self.r.hget(self.k("runseen", source), previous) or 0)
        return None

    def end_run(self, run: str, source: str, works_seen: int) -> None:
        self.r.zadd(self.k("runs", source), {run: time.time()})
        seen = max(works_seen, int(self.r.hget(self.k("runseen", source), run) or 0))
        self.r.hset(self.k("runseen", source), run, seen)

    def flush(self) -> None:
        """Every write went to Redis at once: nothing to flush."""

    def close(self) -> None:
        self.r.close()
