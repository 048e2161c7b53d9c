"""``scrapy compact``: one current JSON Lines file per source, the latest version of each work."""

from __future__ import annotations

from pathlib import Path

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from harvester.dataset import compact
from harvester.crawl.run import safe_name


class Command(ScrapyCommand):
    requires_project = True
    default_settings = {"LOG_ENABLED": False}

    def syntax(self) -> str:
        return "[SOURCE ...]"

    def short_desc(self) -> str:
        return "Merge all runs of each source into <output>/<source>/current.jsonl (latest version of each work)"

    def run(self, args, opts) -> None:
        root = Path(self.settings.get("HARVEST_OUTPUT_DIR", "data"))
        folders = [root / safe_name(name) for name in args] or sorted(p for p in root.glob("*") if p.is_dir())
        missing = [str(f) for f in folders if not f.is_dir()]
        if missing:
            raise UsageError(f"no such source folder: {', '.join(missing)}", print_help=False)
        for folder in folders:
            path, count = compact(folder)
            print(f"{count} works in {path}")
