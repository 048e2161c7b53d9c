"""``scrapy evaluate``: crawl the saved corpus pages and score the records against the gold files."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError
from scrapy.utils.conf import closest_scrapy_cfg

from harvester import evaluation

DEFAULT_CORPUS = Path("..") / "shared" / "corpus"
SHOWN_FAILURES = 20


class Command(ScrapyCommand):
    requires_project = True
    requires_crawler_process = False  # the crawl runs in a subprocess, exactly as a user would run it

    def syntax(self) -> str:
        return "[options] [CORPUS_DIR]"

    def short_desc(self) -> str:
        return "Crawl the corpus pages and report field accuracy against its gold files"

    def long_desc(self) -> str:
        return ("Runs `scrapy crawl journal -a follow=no` on every gold page and every bad/*.html page of "
                "CORPUS_DIR (default: ../shared/corpus next to the project), scores the records by the "
                "corpus rules and prints a per-field table. Exit code 1 when a floor is not met, a "
                "record came from bad/, or the crawl failed.")

    def add_options(self, parser) -> None:
        super().add_options(parser)
        parser.add_argument("--records", metavar="FILE", help="evaluate this JSON Lines file instead of crawling")
        parser.add_argument("--floor", type=float, metavar="FLOAT", help="fail when overall accuracy is below FLOAT")
        parser.add_argument("--field-floor", default="", metavar="FIELD=FLOAT,...",
                            help="fail when a field's accuracy is below its floor (e.g. title=0.98,doi=0.98)")
        parser.add_argument("--no-invented", action="store_true", help="fail when any record invents an absent field")
        parser.add_argument("--json", metavar="PATH", help="also write the report as JSON to PATH")
        parser.add_argument("--verbose", action="store_true", help="list every failure, not only the first ones")

    def process_options(self, args, opts) -> None:
        super().process_options(args, opts)
        try:
            opts.field_floors = evaluation.parse_field_floors(opts.field_floor)
        except ValueError as error:
            raise UsageError(str(error), print_help=False) from None
        if len(args) > 1:
            raise UsageError("at most one CORPUS_DIR", print_help=False)

    def run(self, args, opts) -> None:
        root = _project_root()
        corpus = _corpus_dir(args, root)
        gold = evaluation.load_gold(corpus)
        if not gold:
            raise UsageError(f"no gold files under {corpus / 'gold'}", print_help=False)
        crawl_ok = True
        if opts.records:
            records = evaluation.load_records(opts.records)
        else:
            records, crawl_ok = _crawl(root, corpus, gold, opts.set)
        report = evaluation.evaluate(gold, records, corpus)
        from_bad = evaluation.bad_page_records(records, corpus)
        self.exitcode = _print_and_judge(report, from_bad, crawl_ok, opts)
        if opts.json:
            payload = {**report.to_dict(), "corpus": str(corpus), "records": len(records), "records_from_bad": from_bad}
            Path(opts.json).write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")


def _project_root() -> Path:
    """The folder holding scrapy.cfg."""
    cfg = closest_scrapy_cfg()
    return Path(cfg).parent if cfg else Path(__file__).resolve().parents[2]


def _corpus_dir(args: list[str], root: Path) -> Path:
    """The corpus to evaluate on: the argument, else ../shared/corpus beside the project."""
    corpus = Path(args[0]) if args else root / DEFAULT_CORPUS
    if not (corpus / "gold").is_dir():
        raise UsageError(f"{corpus} is not a corpus (no gold/ folder); pass CORPUS_DIR", print_help=False)
    return corpus.resolve()


def _crawl(root: Path, corpus: Path, gold, settings: list[str]) -> tuple[list[dict], bool]:
    """Run the journal spider on the gold and bad pages; its records and whether it exited cleanly."""
    pages = [g.page for g in gold] + evaluation.bad_pages(corpus)
    with tempfile.TemporaryDirectory(prefix="harvester-evaluate-") as tmp:
        urls, out = Path(tmp) / "urls.txt", Path(tmp) / "records.jsonl"
        urls.write_text("".join(evaluation.page_url(corpus, page) + "\n" for page in pages), encoding="utf-8")
        cmd = [sys.executable, "-m", "scrapy", "crawl", "journal", "-a", "follow=no", "-a", f"urls_file={urls}",
               "-O", str(out)]
        # Local files owe no politeness delay; each saved page gives its own record in the feed (-O),
        # and a harvest state of its own in the temporary folder (no earlier run's state applies).
        crawl_settings = ["LOG_LEVEL=WARNING", "DOWNLOAD_DELAY=0", "AUTOTHROTTLE_ENABLED=False",
                          "HARVEST_INCREMENTAL=False", f"HARVEST_OUTPUT_DIR={tmp}", *settings]  # the user's -s values last
        for setting in crawl_settings:
            cmd += ["-s", setting]
        print(f"Crawling {len(pages)} corpus pages ...", flush=True)
        proc = subprocess.run(cmd, cwd=root, capture_output=True, text=True)
        if proc.returncode:
            print(f"The crawl exited with code {proc.returncode}:\n" + "\n".join(proc.stderr.splitlines()[-20:]))
        records = evaluation.load_records(out) if out.exists() else []
    return records, proc.returncode == 0


def _print_and_judge(report: evaluation.Report, from_bad: list[str], crawl_ok: bool, opts) -> int:
    """Print table, failures and checks; the exit code (1 when anything fails)."""
    print(evaluation.format_report(report))
    if report.failures:
        limit = None if opts.verbose else SHOWN_FAILURES
        hint = "" if opts.verbose else f"; at most {SHOWN_FAILURES} lines, --verbose lists all"
        print(f"\nFailures ({len(report.failures)} fields{hint}):")
        print(evaluation.format_failures(report.failures, limit))
    print(f"\nrecords from bad/: {len(from_bad)}")
    for url in from_bad:
        print(f"  {url}")
    problems = evaluation.floor_violations(report, opts.floor, opts.field_floors, opts.no_invented)
    problems += [f"{len(from_bad)} record(s) from bad/ pages"] if from_bad else []
    problems += [] if crawl_ok else ["the crawl failed"]
    for problem in problems:
        print(f"FAIL: {problem}")
    return 1 if problems else 0
