"""The demo journal site the project ships, and the small loopback HTTP server that serves it and test sites."""

from harvester.demo.server import LocalSite, Request, ServerHandle, respond, serve
from harvester.demo.site import SEED_PATH, DemoSite, expected_records

__all__ = ["DemoSite", "LocalSite", "Request", "SEED_PATH", "ServerHandle", "expected_records", "respond", "serve"]
