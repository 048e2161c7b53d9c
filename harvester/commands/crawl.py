"""``scrapy crawl``: Scrapy's own command, with the run report's exit code (see ``harvester.crawl.report``)."""

from __future__ import annotations

from scrapy.commands.crawl import Command as ScrapyCrawl
from scrapy.exceptions import UsageError

from harvester.crawl.report import EXIT_NO_REPORT


class Command(ScrapyCrawl):
    def short_desc(self) -> str:
        return "Run a spider; exit code 0 only for a healthy, complete run (see README: exit codes)"

    def run(self, args, opts) -> None:
        if len(args) != 1:
            raise UsageError("give exactly one spider name" if args else "give a spider name")
        crawler = self._create_crawler(args[0])
        self.crawler_process.crawl(crawler, **opts.spargs)
        self.crawler_process.start()
        self.exitcode = 1 if self.crawler_process.bootstrap_failed else run_exit_code(crawler)


def run_exit_code(crawler) -> int:
    """The exit code the run report chose; 70 when the run ended without one."""
    report = getattr(crawler, "harvest_report", None)
    return report["exit_code"] if report else EXIT_NO_REPORT
