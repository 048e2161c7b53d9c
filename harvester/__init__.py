"""journal-harvester: crawl scholarly journal sites into structured article records."""

__version__ = "0.1.0"
