"""Print, for every OAI-PMH response in a folder, what harvester.discovery.oai reads from it.

Usage: python scripts/count_oai_records.py [FOLDER]   (default: ../shared/corpus/oai next to the repository)

One line per file: verb, records or headers, deleted ones, metadata formats, token state, error.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from harvester.discovery.oai import OaiResponse, parse_response  # noqa: E402

DEFAULT_FOLDER = ROOT.parent / "shared" / "corpus" / "oai"


def token_state(response: OaiResponse) -> str:
    """``more: <token>``, ``complete`` (empty or no token), ``cut short`` for a truncated body, ``-`` after an error."""
    size = f" completeListSize={response.complete_list_size}" if response.complete_list_size is not None else ""
    cursor = f" cursor={response.cursor}" if response.cursor is not None else ""
    if response.failed:
        return "-"
    if response.truncated:
        return "cut short (no token seen)"
    if response.token:
        return f"more: {response.token!r}{size}{cursor}"
    return f"complete{size}{cursor}"


def describe(path: Path) -> str:
    """One report line for one response file."""
    response = parse_response(path.read_bytes())
    items = response.records + response.headers
    deleted = sum(item.deleted for item in items)
    formats = Counter(r.metadata_format for r in response.records if r.metadata_format)
    filled = sum(bool(r.candidate().get("title")) for r in response.records)
    parts = [f"{path.name}: verb={response.verb}", f"records={len(response.records)}",
             f"headers={len(response.headers)}", f"deleted={deleted}", f"with_title={filled}",
             f"formats={dict(formats)}", f"token={token_state(response)}"]
    if response.error:
        parts.append(f"error={response.error}")
    if response.recovered:
        parts.append("recovered")
    return "  ".join(parts)


def main(argv: list[str]) -> int:
    folder = Path(argv[1]) if len(argv) > 1 else DEFAULT_FOLDER
    files = sorted(p for p in folder.iterdir() if p.is_file())
    if not files:
        print(f"no files in {folder}", file=sys.stderr)
        return 1
    for path in files:
        print(describe(path))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
