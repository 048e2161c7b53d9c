"""``scrapy demo``: serve the bundled demo journal site on loopback and harvest it end to end."""

from __future__ import annotations

from scrapy.commands import ScrapyCommand
from scrapy.settings import SETTINGS_PRIORITIES

from harvester.commands.crawl import run_exit_code
from harvester.demo.server import serve
from harvester.demo.site import DemoSite
from harvester.crawl.run import run_for


#: The demo site's port in sources.toml: ``scrapy demo`` serves it there when it can.
DEMO_PORT = 8750


class Command(ScrapyCommand):
    requires_project = True
    # The demo site is our own server on loopback: no politeness delay is owed to it. Set at
    # command-line priority, since project settings outrank a command's defaults.
    loopback_settings = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False}

    def short_desc(self) -> str:
        return "Serve the demo journal site on 127.0.0.1 and crawl it into data/demo/<run id>.jsonl"

    def add_options(self, parser) -> None:
        super().add_options(parser)
        parser.add_argument("--port", type=int, default=DEMO_PORT,
                            help=f"port to serve the demo site on (default {DEMO_PORT}, as in sources.toml; "
                                 "any free one when it is taken; 0: any free one)")

    def process_options(self, args, opts) -> None:
        super().process_options(args, opts)
        for name, value in self.loopback_settings.items():
            if self.settings.getpriority(name) < SETTINGS_PRIORITIES["cmdline"]:  # a user's -s still wins
                self.settings.set(name, value, priority="cmdline")

    def run(self, args, opts) -> None:
        with _serve_demo(opts.port) as site:
            print(f"Demo journal site served at {site.base_url}/")
            crawler = self.crawler_process.create_crawler("journal")
            self.crawler_process.crawl(crawler, start_urls=f"{site.base_url}/", source="demo")
            self.crawler_process.start()
        self.exitcode = _report(crawler)


def _serve_demo(port: int):
    """The demo site on ``port`` (a fixed port keeps its URLs, so a second run finds nothing new), else any."""
    try:
        return serve(DemoSite(), port=port)
    except OSError:
        print(f"Port {port} is taken: serving the demo site on another port (its pages count as new there)")
        return serve(DemoSite(), port=0)


def _report(crawler) -> int:
    """Print where the run's files are; the run's exit code (see ``harvester.crawl.report``)."""
    run = run_for(crawler)
    for path, count in run.written("records").items():
        print(f"Wrote {count} article records to {path} (the works new or changed since the last demo run)")
    for path, count in run.written("rejects").items():
        print(f"Wrote {count} rejected/skipped/failed URLs to {path}")
    for source in sorted(run.sources):
        print(f"Run report: {run.path(source, 'report')}")
    return run_exit_code(crawler)
