"""``python -m harvester.demo [--port N]``: serve the demo journal site on 127.0.0.1 until Ctrl-C."""

from __future__ import annotations

import argparse
import sys
import threading

from harvester.demo.server import serve
from harvester.demo.site import DemoSite

#: The port ``sources.toml`` points the ``demo`` source at.
DEFAULT_PORT = 8750


def main(argv: list[str] | None = None) -> int:
    """Serve the demo site, print its base URL, and stop cleanly on Ctrl-C (SIGINT)."""
    parser = argparse.ArgumentParser(prog="python -m harvester.demo", description=__doc__)
    parser.add_argument("--port", type=int, default=DEFAULT_PORT,
                        help=f"port to listen on (default {DEFAULT_PORT}; 0 picks a free one)")
    args = parser.parse_args(argv)
    try:
        handle = serve(DemoSite(), port=args.port)
    except OSError as error:
        print(f"Cannot listen on 127.0.0.1:{args.port}: {error.strerror or error}", file=sys.stderr)
        return 1
    with handle:
        print(f"Demo journal site served at {handle.base_url}/ (Ctrl-C to stop)", flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            print("Stopped.", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
