"""``scrapy listings [DIR]``: read saved listing pages into article entries and show what was found."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError
from scrapy.utils.conf import closest_scrapy_cfg

from harvester.extract.document import decode_body, parse_html
from harvester.discovery.listing import ListingEntry, is_listing, listing_entries

DEFAULT_LISTINGS = Path("..") / "shared" / "corpus" / "listings"
SHOWN_TITLES = 3
SHOWN_TITLE_CHARS = 100


class Command(ScrapyCommand):
    requires_project = True
    requires_crawler_process = False  # reads files, crawls nothing

    def syntax(self) -> str:
        return "[options] [DIR]"

    def short_desc(self) -> str:
        return "Read saved listing pages (*.html under DIR) into article entries"

    def long_desc(self) -> str:
        return ("Parses every *.html file under DIR (default: ../shared/corpus/listings next to the project) "
                "with harvester.discovery.listing and prints, per file, the number of article entries found "
                "and the first titles. --json PATH also writes every entry. Exit code 1 when DIR holds no page.")

    def add_options(self, parser) -> None:
        super().add_options(parser)
        parser.add_argument("--json", metavar="PATH", help="also write every file's entries as JSON to PATH")

    def process_options(self, args, opts) -> None:
        super().process_options(args, opts)
        if len(args) > 1:
            raise UsageError("at most one DIR", print_help=False)

    def run(self, args, opts) -> None:
        folder = _listing_dir(args)
        pages = sorted(folder.rglob("*.html"))
        report = [_read_page(path, folder) for path in pages]
        for row in report:
            print(_format_row(row))
        print(f"{len(report)} pages, {sum(row['count'] for row in report)} entries")
        if opts.json:
            Path(opts.json).write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
        self.exitcode = 0 if report else 1


def _listing_dir(args: list[str]) -> Path:
    """The folder to read: the argument, else ../shared/corpus/listings beside the project."""
    cfg = closest_scrapy_cfg()
    root = Path(cfg).parent if cfg else Path.cwd()
    folder = Path(args[0]) if args else root / DEFAULT_LISTINGS
    if not folder.is_dir():
        raise UsageError(f"{folder} is not a directory; pass DIR", print_help=False)
    return folder.resolve()


def _read_page(path: Path, folder: Path) -> dict:
    """One file's entries, with the file's place under ``folder`` and its file:// URL."""
    url = path.resolve().as_uri()
    selector = parse_html(decode_body(path.read_bytes(), None))
    entries: list[ListingEntry] = listing_entries(selector, url)
    return {"file": str(path.relative_to(folder)), "url": url, "count": len(entries),
            "is_listing": is_listing(selector, url), "entries": [asdict(entry) for entry in entries]}


def _format_row(row: dict) -> str:
    """``file: N entries`` and the first titles, indented."""
    noun = "entry" if row["count"] == 1 else "entries"
    lines = [f"{row['file']}: {row['count']} {noun}" + ("" if row["is_listing"] else " (not a listing)")]
    for entry in row["entries"][:SHOWN_TITLES]:
        title = entry["title"]
        lines.append("    " + (title if len(title) <= SHOWN_TITLE_CHARS else title[:SHOWN_TITLE_CHARS - 1] + "…"))
    return "\n".join(lines)
