"""The sources file: which sites a plain ``scrapy crawl journal`` harvests.

Format (TOML), one table per source::

    [[source]]
    name = "demo"                          # short name: output goes to data/<name>/
    start_urls = ["http://127.0.0.1:8750/"]  # journal, listing or article pages
    follow = true                          # false: parse the start URLs as article pages only
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Source:
    """One site to harvest."""

    name: str
    start_urls: tuple[str, ...]
    follow: bool = True


def load_sources(path: str | Path) -> list[Source]:
    """Sources listed in a TOML sources file; a clear ``ValueError`` for a malformed entry."""
    data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    sources = []
    for number, entry in enumerate(data.get("source", []), start=1):
        urls = entry.get("start_urls")
        if not entry.get("name") or not isinstance(urls, list) or not urls:
            raise ValueError(f"{path}: source #{number} needs a name and a non-empty start_urls list")
        sources.append(Source(entry["name"], tuple(urls), bool(entry.get("follow", True))))
    return sources


def read_urls_file(path: str | Path) -> list[str]:
    """URLs listed one per line; blank lines and ``#`` comments ignored."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
