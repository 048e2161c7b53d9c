"""A bare link-following spider: the throughput yardstick for ``scripts/benchmark.py``."""

from urllib.parse import urlsplit

import scrapy


class BareSpider(scrapy.Spider):
    """Follows every same-site link and extracts nothing."""

    name = "bare"

    def __init__(self, start_urls: str = "", **kwargs):
        super().__init__(**kwargs)
        self.start_urls = start_urls.split(",")
        self.sites = {urlsplit(u).netloc for u in self.start_urls}

    def parse(self, response):
        for href in response.xpath("//a/@href").getall():
            url = response.urljoin(href)
            if urlsplit(url).netloc in self.sites:
                yield scrapy.Request(url)
