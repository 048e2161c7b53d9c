"""The run report: what a run fetched, wrote and refused, whether it is healthy, and its exit code.

Written as ``<output>/<source>/<run id>.report.json`` beside each source's records, summed up
in a few lines at the end of the log, and turned into the exit code of ``scrapy crawl``:

====  =======================================================================================
code  meaning
====  =======================================================================================
0     healthy: the run fetched, nothing cut it short, every threshold held
3     incomplete: a cap (``DEPTH_LIMIT``, ``HARVEST_MAX_PAGES_PER_SITE``, a ``CLOSESPIDER_*``
      limit, a shutdown) ended the crawl early
4     nothing fetched, or every start URL failed, or there was no start URL
5     a source that gave records in its previous run gave none
6     error rate above ``HARVEST_MAX_ERROR_RATE`` or field coverage below ``HARVEST_MIN_COVERAGE``
70    the harvester itself failed (a crash while running or closing; no report)
====  =======================================================================================

When several apply, the code earliest in the order 70, 4, 5, 3, 6 wins.
"""

from __future__ import annotations

import json
import logging
import time
from collections import defaultdict
from typing import Any

from scrapy import signals

from harvester.crawl.accounting import ledger_for
from harvester.crawl.run import run_for, utc_now
from harvester.state import state_for

logger = logging.getLogger(__name__)

EXIT_CODES = {"internal_error": 70, "no_start_urls": 4, "nothing_fetched": 4, "start_urls_failed": 4,
              "source_silent": 5, "incomplete": 3, "error_rate": 6, "coverage": 6}
SEVERITY = (70, 4, 5, 3, 6)
EXIT_NO_REPORT = 70

#: Record fields whose coverage the report gives (share of the run's stored records that fill them).
COVERED_FIELDS = ("title", "authors", "journal", "volume", "issue", "first_page", "publication_date", "doi",
                  "keywords", "abstract", "language")


def cap_hit(crawler, cap: str, site: str, detail: str) -> None:
    """Count a cap that cut the crawl of a site; the first time per site and cap, say so as a WARNING."""
    key = f"harvest/caps/{cap}/{site}"
    if not crawler.stats.get_value(key):
        logger.warning("%s cut the crawl of %s: %s; the run is incomplete", cap, site, detail)
    crawler.stats.inc_value(key)


def exit_code(problems: list[dict]) -> int:
    """The exit code of the most severe problem, 0 for none.

    >>> exit_code([]), exit_code([{"kind": "coverage"}, {"kind": "incomplete"}])
    (0, 3)
    """
    codes = {EXIT_CODES[p["kind"]] for p in problems}
    return next((code for code in SEVERITY if code in codes), 0)


def filled(value: Any) -> bool:
    """A record field counts as covered when it holds something."""
    return value not in (None, "", [], {})


class RunReport:
    """Collects the run's figures, writes the report, logs the summary, sets ``crawler.harvest_report``."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.stats = crawler.stats
        self.settings = crawler.settings
        self.started = time.monotonic()
        self.started_at = utc_now()
        self.start_urls: set[str] = set()
        self.answered_starts: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler):
        ext = cls(crawler)
        crawler.signals.connect(ext.response_received, signal=signals.response_received)
        crawler.signals.connect(ext.request_scheduled, signal=signals.request_scheduled)
        crawler.signals.connect(ext.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def request_scheduled(self, request, spider=None) -> None:
        if request.meta.get("start"):
            self.start_urls.add(request.meta["start"])

    def response_received(self, response, request, spider=None) -> None:
        self.stats.inc_value(f"harvest/fetched/{request.meta.get('harvest_kind', 'other')}")
        start = request.meta.get("start")
        if start:  # a distributed worker may take requests another worker's start URL led to
            self.start_urls.add(start)
            if response.status < 400:
                self.answered_starts.add(start)

    def item_scraped(self, item, response=None, spider=None) -> None:
        record = item.to_dict() if hasattr(item, "to_dict") else dict(item)
        self.stats.inc_value("harvest/coverage/records")
        for name in COVERED_FIELDS:
            if filled(record.get(name)):
                self.stats.inc_value(f"harvest/coverage/{name}")

    def spider_closed(self, spider, reason: str) -> None:
        try:
            report = self.build(reason)
            self.write(report)
        except Exception:
            logger.exception("The run report could not be made")
            self.crawler.harvest_report = None
            return
        self.crawler.harvest_report = report
        self.log_summary(report)

    # -- building

    def build(self, reason: str) -> dict[str, Any]:
        """The report as plain JSON-ready data."""
        stats = self.stats.get_stats()
        run = run_for(self.crawler)
        per_source = self._per_source(run, stats)
        report = {
            "run_id": run.run_id, "worker": run.worker, "started": self.started_at, "finished": utc_now(),
            "duration_s": round(time.monotonic() - self.started, 3), "finish_reason": reason,
            "start_urls": sorted(self.start_urls), "sources": per_source,
            "pages_fetched": _under(stats, "harvest/fetched/"),
            "http_status": _under(stats, "downloader/response_status_count/"),
            "records": {"new": stats.get("harvest/works/new", 0), "updated": stats.get("harvest/works/updated", 0),
                        "unchanged": _unchanged(stats), "pages_left_fresh": stats.get("harvest/fresh", 0),
                        "pages_not_modified": stats.get("harvest/not_modified", 0),
                        "written": stats.get("harvest/written", 0)},
            "outcomes": {o: stats.get(f"harvest/{o}", 0) for o in ("rejected", "error", "skipped")},
            "urls": ledger_for(self.crawler).counts(),
            "reasons": _reasons(stats),
            "http_errors": {k.removeprefix("http_"): v for k, v in _under(stats, "harvest/error/").items()
                            if k.startswith("http_")},
            "coverage": self._coverage(stats),
            "caps": [{"cap": k.split("/")[0], "site": k.split("/", 1)[1], "count": v}
                     for k, v in _under(stats, "harvest/caps/").items()],
            "settings": {name: self.settings.get(name) for name in (
                "DEPTH_LIMIT", "HARVEST_MAX_PAGES_PER_SITE", "CLOSESPIDER_TIMEOUT", "HARVEST_REFRESH_AFTER_DAYS",
                "HARVEST_INCREMENTAL", "HARVEST_SNAPSHOT", "HARVEST_MAX_ERROR_RATE", "HARVEST_MIN_COVERAGE")},
        }
        report["problems"] = self._problems(report, stats)
        report["exit_code"] = exit_code(report["problems"])
        report["healthy"] = report["exit_code"] == 0
        return report

    def _per_source(self, run, stats: dict) -> dict[str, dict]:
        state = state_for(self.crawler)
        out = {}
        for source in sorted(run.sources):
            seen = state.works_seen_since(source, self.started_at)
            out[source] = {"works_seen": seen, "works_seen_last_run": state.works_seen_last_time(source, run.run_id),
                           "written": stats.get(f"harvest/output/{run.path(source)}", 0)}
            state.end_run(run.run_id, source, seen)
        return out

    def _coverage(self, stats: dict) -> dict[str, float]:
        total = stats.get("harvest/coverage/records", 0)
        return {name: round(stats.get(f"harvest/coverage/{name}", 0) / total, 3) for name in COVERED_FIELDS} if total else {}

    def _problems(self, report: dict, stats: dict) -> list[dict]:
        problems = []
        add = lambda kind, detail: problems.append({"kind": kind, "detail": detail})  # noqa: E731
        if stats.get("harvest/internal_error"):
            add("internal_error", str(stats["harvest/internal_error"]))
        if stats.get("harvest/error/unaccounted"):
            add("internal_error", f"{stats['harvest/error/unaccounted']} URL(s) with no outcome (error/unaccounted)")
        if not self.start_urls and run_for(self.crawler).worker:
            pass  # a distributed worker that found nothing to take: the run is the other workers' work
        elif not self.start_urls:
            add("no_start_urls", "the run had no start URL to fetch")
        elif not stats.get("response_received_count"):
            add("nothing_fetched", "no page was fetched")
        elif not self.answered_starts:
            add("start_urls_failed", f"none of the {len(self.start_urls)} start URLs was answered")
        for source, figures in report["sources"].items():
            if figures["works_seen_last_run"] and not figures["works_seen"]:
                add("source_silent", f"{source} gave {figures['works_seen_last_run']} works last run, none now")
        for cap in report["caps"]:
            add("incomplete", f"{cap['cap']} cut the crawl of {cap['site']} ({cap['count']} requests not made)")
        if report["finish_reason"] != "finished":
            add("incomplete", f"the crawl ended early: {report['finish_reason']}")
        problems += self._threshold_problems(report, stats)
        return problems

    def _threshold_problems(self, report: dict, stats: dict) -> list[dict]:
        problems = []
        tried = stats.get("downloader/request_count", 0)
        rate = report["outcomes"]["error"] / tried if tried else 0.0
        limit = self.settings.getfloat("HARVEST_MAX_ERROR_RATE", 0.5)
        if rate > limit:
            problems.append({"kind": "error_rate", "detail": f"{rate:.2f} of requests ended in error (limit {limit})"})
        for name, floor in (self.settings.getdict("HARVEST_MIN_COVERAGE") or {}).items():
            have = report["coverage"].get(name)
            if have is not None and have < float(floor):
                problems.append({"kind": "coverage", "detail": f"{name} in {have:.2f} of records (floor {floor})"})
        return problems

    # -- output

    def write(self, report: dict) -> None:
        run = run_for(self.crawler)
        # Beside every file of the run: a distributed worker also writes works of sources another worker started.
        paths = [run.path(source, "report") for source in sorted(run.sources | run.sources_written())]
        text = json.dumps(report, ensure_ascii=False, indent=2) + "\n"
        for path in paths or [run.output_dir / f"{run.stem}.report.json"]:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")

    def log_summary(self, report: dict) -> None:
        rec, out = report["records"], report["outcomes"]
        level = logging.INFO if report["healthy"] else logging.WARNING
        logger.log(level, "Run %s %s (exit code %d) in %.1f s: %d new, %d updated, %d unchanged, %d left fresh; "
                   "%d rejected, %d errors, %d skipped", report["run_id"],
                   "healthy" if report["healthy"] else "UNHEALTHY", report["exit_code"], report["duration_s"],
                   rec["new"], rec["updated"], rec["unchanged"], rec["pages_left_fresh"], out["rejected"],
                   out["error"], out["skipped"])
        for problem in report["problems"]:
            logger.warning("Run problem (%s): %s", problem["kind"], problem["detail"])


def _under(stats: dict, prefix: str) -> dict[str, int]:
    return {k[len(prefix):]: v for k, v in sorted(stats.items()) if k.startswith(prefix)}


def _reasons(stats: dict) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = defaultdict(dict)
    for outcome in ("rejected", "error", "skipped"):
        out[outcome] = _under(stats, f"harvest/{outcome}/")
    return dict(out)


def _unchanged(stats: dict) -> int:
    return stats.get("harvest/works/unchanged", 0)
