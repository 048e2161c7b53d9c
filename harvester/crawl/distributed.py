"""Distributed mode: many workers on one shared frontier, with scrapy-redis.

Setting ``REDIS_URL`` (scrapy-redis's own setting) switches it on: the spider then takes
scrapy-redis's scheduler and request fingerprint filter, shared by every worker, reads start
URLs from the Redis list ``journal:start_urls``, keeps its harvest state in Redis
(``harvester.state.redis``) and closes after ``MAX_IDLE_TIME_BEFORE_CLOSE`` idle seconds.

scrapy-redis pops a request from the shared queue when a worker takes it; a worker killed
then loses it. ``HarvestScheduler`` therefore takes a request and records it in a Redis hash of
that worker (``<prefix>inflight:<worker>``) in one server-side step (``TAKE_SCRIPT``: a kill
between the pop and the record would lose the request), keeps it there until it has been
answered for a while, and keeps a heartbeat key that expires when the worker dies; an idle
worker puts the requests of dead workers back into the queue. Taking a request twice is harmless: storing a page again changes
nothing in the harvest state.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections import deque

import redis

from scrapy import signals
from scrapy.exceptions import DontCloseSpider
from scrapy.settings import SETTINGS_PRIORITIES
from scrapy_redis.queue import FifoQueue, LifoQueue, PriorityQueue
from scrapy_redis.scheduler import Scheduler

from harvester.crawl.run import new_run_id, run_for, worker_id
from harvester.state import state_for

logger = logging.getLogger(__name__)

#: What ``REDIS_URL`` switches on, unless the user set the setting otherwise.
DISTRIBUTED_SETTINGS = {
    "SCHEDULER": "harvester.crawl.distributed.HarvestScheduler",
    "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
    "SCHEDULER_PERSIST": True,  # one worker's end must not empty the queue of the others
    "HARVEST_STATE_CLASS": "harvester.state.redis.RedisState",
    "MAX_IDLE_TIME_BEFORE_CLOSE": 30,
}

HEARTBEAT_SECONDS = 3.0
#: How soon a worker that found the shared queue empty looks again.
POLL_SECONDS = 0.2
HEARTBEAT_TTL = 12
#: A taken request is forgotten this long after it was answered (its page has long been stored).
KEEP_ANSWERED_SECONDS = 60.0


#: Pop the next request of a scrapy-redis queue (KEYS[1]; ARGV[2]: how that queue pops) and record it
#: under ARGV[1] in the worker's in-flight hash (KEYS[2]), atomically: Redis runs a script as one step.
TAKE_SCRIPT = """
local data
if ARGV[2] == 'lowest' then
    local found = redis.call('ZRANGE', KEYS[1], 0, 0)
    if #found == 0 then return false end
    redis.call('ZREMRANGEBYRANK', KEYS[1], 0, 0)
    data = found[1]
elseif ARGV[2] == 'right' then
    data = redis.call('RPOP', KEYS[1])
else
    data = redis.call('LPOP', KEYS[1])
end
if not data then return false end
redis.call('HSET', KEYS[2], ARGV[1], data)
return data
"""
#: How each scrapy-redis queue class pops (as its own ``pop`` does).
_POP_ENDS = ((PriorityQueue, "lowest"), (FifoQueue, "right"), (LifoQueue, "left"))


def distributed(settings) -> bool:
    """True when ``REDIS_URL`` is set."""
    return bool(settings.get("REDIS_URL"))


def apply_distributed_settings(settings) -> None:
    """Switch the scrapy-redis components on; a value the user gave on the command line stays.

    Workers started while others run join their run (one run id, one duplicate filter per run),
    so the next night's run fetches its listings again.
    """
    for name, value in DISTRIBUTED_SETTINGS.items():
        if (settings.getpriority(name) or 0) < SETTINGS_PRIORITIES["cmdline"]:
            settings.set(name, value, priority="spider")
    run = settings.get("HARVEST_RUN_ID") or shared_run_id(settings)
    settings.set("HARVEST_RUN_ID", run, priority="spider")
    if (settings.getpriority("SCHEDULER_DUPEFILTER_KEY") or 0) < SETTINGS_PRIORITIES["cmdline"]:
        settings.set("SCHEDULER_DUPEFILTER_KEY", f"%(spider)s:{run}:dupefilter", priority="spider")


def shared_run_id(settings) -> str:
    """The run the workers now running share, or a new one (``<prefix>run:current`` in Redis)."""
    client = redis.Redis.from_url(settings.get("REDIS_URL"), decode_responses=True)
    key = settings.get("HARVEST_REDIS_PREFIX", "harvest:") + "run:current"
    client.set(key, new_run_id(), nx=True)
    return client.get(key)


class HarvestScheduler(Scheduler):
    """scrapy-redis's scheduler, with the requests a worker took kept until they are surely done."""

    @classmethod
    def from_crawler(cls, crawler):
        scheduler = super().from_crawler(crawler)
        scheduler.crawler = crawler
        scheduler.worker = worker_id(crawler.settings)
        scheduler.prefix = crawler.settings.get("HARVEST_REDIS_PREFIX", "harvest:")
        scheduler.answered: deque[tuple[float, str]] = deque()
        scheduler._wake_call = None
        crawler.signals.connect(scheduler.response_received, signal=signals.response_received)
        crawler.signals.connect(scheduler.spider_idle, signal=signals.spider_idle)
        return scheduler

    def key(self, *parts: str) -> str:
        return self.prefix + ":".join(parts)

    def open(self, spider):
        super().open(spider)
        self._beat, self._mood = 0.0, "busy"
        self.server.hset(self.key("workers"), self.worker, run_for(self.crawler).run_id)
        self.heartbeat()

    def close(self, reason):
        if self._wake_call is not None and self._wake_call.active():
            self._wake_call.cancel()
        self.server.delete(self.key("inflight", self.worker), self.key("worker", self.worker))
        self.server.hdel(self.key("workers"), self.worker)
        run = run_for(self.crawler).run_id
        if not self.server.hlen(self.key("workers")) and _text(self.server.get(self.key("run", "current")) or b"") == run:
            self.server.delete(self.key("run", "current"), self.df.key)  # the last worker ends the run
        return super().close(reason)

    def heartbeat(self, mood: str | None = None) -> None:
        """Say this worker is alive and ``busy`` or ``idle`` (at most every few seconds, or on a change)."""
        now = time.monotonic()
        if now - self._beat >= HEARTBEAT_SECONDS or (mood and mood != self._mood):
            self._mood = mood or self._mood
            self.server.set(self.key("worker", self.worker), self._mood, ex=HEARTBEAT_TTL)
            self._beat = now

    def next_request(self):
        self._forget_answered()
        request = self.take()
        self.heartbeat("busy" if request is not None else None)
        if request is None:
            self._wake_soon()
        return request

    def _wake_soon(self) -> None:
        """Ask the engine for requests again in ``POLL_SECONDS``: other workers fill the shared queue
        without waking this one, and Scrapy's engine would otherwise look only every 5 seconds."""
        if self._wake_call is None or not self._wake_call.active():
            from twisted.internet import reactor

            self._wake_call = reactor.callLater(POLL_SECONDS, self._wake)

    def _wake(self) -> None:
        engine = self.crawler.engine
        slot = getattr(engine, "_slot", None) or getattr(engine, "slot", None)  # private in Scrapy; absent: 5 s
        if slot is not None and getattr(slot, "nextcall", None) is not None:
            slot.nextcall.schedule()

    def take(self):
        """The next request of the shared queue, recorded as this worker's in the same step (None: queue empty)."""
        end = next((end for cls, end in _POP_ENDS if isinstance(self.queue, cls)), None)
        if end is None:
            raise TypeError(f"{type(self.queue).__name__}: distributed mode needs a scrapy-redis queue class "
                            "(SCHEDULER_QUEUE_CLASS) whose pop it knows")
        token = uuid.uuid4().hex
        data = self.server.eval(TAKE_SCRIPT, 2, self.queue.key, self.key("inflight", self.worker), token, end)
        if not data:
            return None
        request = self.queue._decode_request(data)
        request.meta["harvest_taken"] = token
        if self.stats:
            self.stats.inc_value("scheduler/dequeued/redis", spider=self.spider)
        return request

    def response_received(self, response, request, spider=None) -> None:
        token = request.meta.get("harvest_taken")
        if token:
            self.answered.append((time.monotonic(), token))

    def _forget_answered(self) -> None:
        cutoff = time.monotonic() - KEEP_ANSWERED_SECONDS
        done = []
        while self.answered and self.answered[0][0] < cutoff:
            done.append(self.answered.popleft()[1])
        if done:
            self.server.hdel(self.key("inflight", self.worker), *done)

    def spider_idle(self, spider=None) -> None:
        """Put back what dead workers had taken; stay open while another worker still holds requests."""
        self.heartbeat("idle")
        busy_peers = self.recover_orphans()
        if busy_peers or len(self.queue):
            raise DontCloseSpider

    def recover_orphans(self) -> int:
        """Requests of workers whose heartbeat stopped go back to the shared queue (their works to this
        worker); the number of other workers still busy (they may yet find work for everyone)."""
        busy = 0
        for key in list(self.server.scan_iter(match=self.key("inflight", "*"))):
            worker = _text(key)[len(self.key("inflight", "")):]
            if worker == self.worker:
                continue
            mood = self.server.get(self.key("worker", worker))
            if mood is None:
                self._take_over(worker, key)
            elif _text(mood) == "busy":
                busy += 1
        return busy

    def _take_over(self, worker: str, key) -> None:
        recovered = 0
        for token, data in self.server.hgetall(key).items():
            if self.server.hdel(key, token):  # claimed by exactly one worker
                request = self.queue._decode_request(data)
                request.dont_filter = True
                self.queue.push(request)
                recovered += 1
        run = self.server.hget(self.key("workers"), worker)
        adopt = getattr(state_for(self.crawler), "adopt", None)
        if run and adopt:
            run_for(self.crawler).sources.update(adopt(worker, _text(run)))
        self.server.hdel(self.key("workers"), worker)
        logger.warning("Worker %s stopped: put %d of its requests back in the shared queue and took over "
                       "its works", worker, recovered)
        self.stats.inc_value("harvest/distributed/recovered", recovered)


def _text(value) -> str:
    return value.decode() if isinstance(value, bytes) else value
