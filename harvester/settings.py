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

# Bounds: no endless crawls, no huge responses held in memory. DEPTH_LIMIT counts only steps
# away from a site's listings (article pages, related links): archive pages, tables of contents,
# "next" pages, sitemaps and OAI-PMH resumption tokens never use it up. A cap that cuts a crawl
# (depth, pages per site, CLOSESPIDER_TIMEOUT) is a WARNING, a line in the run report and exit code 3.
DEPTH_LIMIT = 6
DEPTH_PRIORITY = 1  # breadth-first: listings before deep chains of related links
DOWNLOAD_MAXSIZE = 20 * 1024 * 1024
DOWNLOAD_WARNSIZE = 5 * 1024 * 1024
HARVEST_MAX_PAGES_PER_SITE = 20000

# Where pages are read (harvester.crawl.extraction): 0 = inline on the reactor thread; N = in N
# worker processes (spawned, started when the spider opens), so downloads never wait for extraction;
# "auto" = the usable cores less one (none on a single core).
HARVEST_EXTRACT_PROCESSES = "auto"

# Where run output goes: <HARVEST_OUTPUT_DIR>/<source>/<run id>.jsonl and .rejects.jsonl
HARVEST_OUTPUT_DIR = "data"
HARVEST_RUN_ID = None  # default: UTC start time and a random part; give a killed run's id to resume it
HARVEST_WRITE_JSONL = True
HARVEST_SOURCES_FILE = "sources.toml"  # read by `scrapy crawl journal` when no URL is given

# Harvest state (harvester.state): per page and per work what earlier runs saw, so a run writes
# only new and changed works ("change": "new" | "updated") and leaves fresh article pages unfetched.
HARVEST_STATE_CLASS = "harvester.state.sqlite.SqliteState"
HARVEST_STATE_PATH = None  # default: <HARVEST_OUTPUT_DIR>/state.sqlite
HARVEST_INCREMENTAL = True  # False: fetch every page, ask OAI-PMH lists from the start
HARVEST_REFRESH_AFTER_DAYS = 30.0  # a known article page is fetched again after this (sooner if a sitemap says so)
HARVEST_SNAPSHOT = False  # True: the run's file holds every known work of the source, unchanged ones too

# Health of a run (harvester.crawl.report): thresholds that make the exit code non-zero.
HARVEST_MAX_ERROR_RATE = 0.5  # share of requests ending in an error (HTTP errors, timeouts, parse failures)
HARVEST_MIN_COVERAGE = {"title": 0.99}  # field -> least share of the run's records that fill it

ITEM_PIPELINES = {
    "pipelines.normalize.NormalizePipeline": 100,
    "pipelines.bounds.BoundsPipeline": 150,  # caps on field lengths and list sizes (documented there)
    "pipelines.validate.SchemaValidationPipeline": 200,
    "pipelines.works.WorksPipeline": 300,
    "pipelines.jsonlines.JsonLinesWriterPipeline": 800,
}

EXTENSIONS = {
    "harvester.crawl.accounting.UrlAccounting": 90,  # before the rejects log and the report: lines it writes at the end
    "harvester.crawl.rejects.RejectsLog": 100,
    "harvester.crawl.report.RunReport": 110,
}

SPIDER_MIDDLEWARES = {
    "scrapy.spidermiddlewares.depth.DepthMiddleware": None,
    "harvester.crawl.spidermiddlewares.StrayDepthMiddleware": 900,
    "harvester.crawl.spidermiddlewares.FreshPagesMiddleware": 950,
    "harvester.crawl.spidermiddlewares.RunSourcesMiddleware": 960,
    "harvester.crawl.accounting.PagesReadForLinks": 990,  # next to the spider: sees all it gave for a page
    "harvester.crawl.spidermiddlewares.SiteScopeMiddleware": 995,  # pages off the run's sites: skipped/offsite
}

DOWNLOADER_MIDDLEWARES = {
    # First of all: no request to a private/loopback/link-local/reserved address (after DNS), no
    # redirect hop off the run's sites; sees every redirect hop and robots.txt fetch.
    "harvester.crawl.middlewares.AddressGuardMiddleware": 40,
    # Scrapy's redirect middlewares, with loops and over-long chains reported under the URL asked for.
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "harvester.crawl.middlewares.GuardedRedirectMiddleware": 600,
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "harvester.crawl.middlewares.GuardedMetaRefreshMiddleware": 580,
    "harvester.crawl.middlewares.SitePageLimitMiddleware": 50,
    # Above Scrapy's RetryMiddleware (550) so it sees 429/503 answers first.
    "harvester.crawl.middlewares.RetryAfterMiddleware": 560,
    # Next to the downloader: sees a 304 before any other middleware.
    "harvester.crawl.middlewares.ConditionalRequestMiddleware": 950,
}
HARVEST_RETRY_AFTER_MAX = 120.0  # never wait longer than this for one Retry-After
HARVEST_RETRY_AFTER_TIMES = 3
# The address guard (harvester.crawl.middlewares.AddressGuardMiddleware): hosts that may be private
# besides the run's start hosts, and host -> address(es) used instead of DNS (tests, split horizons).
HARVEST_ALLOWED_HOSTS = []
HARVEST_RESOLVE = {}
# Scrapy's resolver, checking the address again when connecting (no DNS rebinding past the guard).
DNS_RESOLVER = "harvester.crawl.middlewares.GuardedResolver"

FEED_EXPORT_ENCODING = "utf-8"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
LOG_LEVEL = "INFO"
TELNETCONSOLE_ENABLED = False
