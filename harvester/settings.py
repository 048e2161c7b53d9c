"""Scrapy settings for journal-harvester.

Defaults are polite (robots.txt obeyed, AutoThrottle on, one site at a time per slot) and
bounded (page, depth and size limits), so a scheduled crawl of an unknown site ends.
"""

BOT_NAME = "journal-harvester"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"
COMMANDS_MODULE = "harvester.commands"

USER_AGENT = "journal-harvester/0.1 (+https://github.com/journal-harvester/journal-harvester)"
ROBOTSTXT_OBEY = True

# Politeness: a few requests per site at once, adapted to how fast the site answers.
CONCURRENT_REQUESTS = 32
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_DELAY = 0.25
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 0.5
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
DOWNLOAD_TIMEOUT = 30
RETRY_TIMES = 2

# Bounds: no endless crawls, no huge responses held in memory.
DEPTH_LIMIT = 6
DEPTH_PRIORITY = 1  # breadth-first: listings before deep chains of related links
DOWNLOAD_MAXSIZE = 20 * 1024 * 1024
DOWNLOAD_WARNSIZE = 5 * 1024 * 1024
HARVEST_MAX_PAGES_PER_SITE = 5000

# Where run output goes: <HARVEST_OUTPUT_DIR>/<source>/<run id>.jsonl and .rejects.jsonl
HARVEST_OUTPUT_DIR = "data"
HARVEST_RUN_ID = None  # default: UTC timestamp of the run start
HARVEST_WRITE_JSONL = True
HARVEST_SOURCES_FILE = "sources.toml"  # read by `scrapy crawl journal` when no URL is given
HARVEST_DEDUPE = True  # off when each page must yield its own record (evaluation of saved pages)
HARVEST_SEEN_STORE = "pipelines.dedupe.MemorySeenStore"

ITEM_PIPELINES = {
    "pipelines.normalize.NormalizePipeline": 100,
    "pipelines.validate.SchemaValidationPipeline": 200,
    "pipelines.dedupe.DuplicatesPipeline": 300,
    "pipelines.jsonlines.JsonLinesWriterPipeline": 800,
}

EXTENSIONS = {
    "harvester.rejects.RejectsLog": 100,
}

DOWNLOADER_MIDDLEWARES = {
    "harvester.middlewares.SitePageLimitMiddleware": 50,
    # Above Scrapy's RetryMiddleware (550) so it sees 429/503 answers first.
    "harvester.middlewares.RetryAfterMiddleware": 560,
}
HARVEST_RETRY_AFTER_MAX = 120.0  # never wait longer than this for one Retry-After
HARVEST_RETRY_AFTER_TIMES = 3

FEED_EXPORT_ENCODING = "utf-8"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
LOG_LEVEL = "INFO"
TELNETCONSOLE_ENABLED = False
