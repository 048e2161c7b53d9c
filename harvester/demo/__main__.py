"""``python -m harvester.demo [--port N]``: serve the demo journal site on 127.0.0.1 until Ctrl-C."""

from __future__ import annotations

import argparse
import sys

from harvester.demo.server import serve_until_interrupted
from harvester.demo.site import DemoSite

#: The port ``sources.toml`` points the ``demo`` source at.
DEFAULT_PORT = 8750


def main(argv: list[str] | None = None) -> int:
    """Serve the demo site, print its base URL, and stop cleanly on Ctrl-C (SIGINT)."""
    parser = argparse.ArgumentParser(prog="python -m harvester.demo", description=__doc__)
    parser.add_argument("--port", type=int, default=DEFAULT_PORT,
                        help=f"port to listen on (default {DEFAULT_PORT}; 0 picks a free one)")
    args = parser.parse_args(argv)
    return serve_until_interrupted(DemoSite(), args.port, "Demo journal site served at {base}/ (Ctrl-C to stop)")


if __name__ == "__main__":
    sys.exit(main())
