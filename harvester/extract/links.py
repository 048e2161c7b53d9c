"""Sort a page's links into article pages, listings and next pages (pure: no fetching)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urljoin, urlsplit

from parsel import Selector
from w3lib.url import url_query_cleaner

ARTICLE_PATH = re.compile(
    r"/(view/paper/\d+|article/view/\d+(/\d+)?/?$|doi/(abs/|full/|epdf/)?10\.\d{4,9}/|"
    r"articles?/(?!view\b)[^/?#]+/?$|paper/\d+|record/\d+/?$|content/\d+/\d+/[\w.-]+)", re.I)
LISTING_PATH = re.compile(
    r"/(journals?|issues?|archives?|toc|volumes?|latest|browse|current|section)(/|$|\?)|/issue/view/", re.I)
NEXT_TEXT = re.compile(
    r"^\s*(next( page)?|older( entries)?|more|›|»|>|>>|next\s*[›»>]|далее|следующая|вперёд|siguiente|"
    r"suivant|weiter|nächste|próxima|avanti|successiva)\s*[›»>]*\s*$", re.I)
PAGE_PARAMS = ("page", "p", "pg", "paged", "pagenum", "start", "offset", "from", "skip")
# Parameters that change the view, not the content: following them multiplies pages.
NOISE_PARAMS = ("sort", "sortby", "sort_by", "order", "orderby", "dir", "view", "sid", "sessionid", "jsessionid",
                "phpsessid", "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "ref", "fbclid")
SKIP_EXTENSIONS = re.compile(r"\.(pdf|jpe?g|png|gif|svg|css|js|ico|zip|gz|xml|ris|bib|enw|docx?|xlsx?|pptx?|epub|mp[34])$", re.I)
SKIP_PATH = re.compile(r"/(login|logout|register|signin|signup|user|account|cart|feed|rss|print|download|cdn-cgi)(/|$)", re.I)

_ANCHORS = "//a[@href][not(ancestor::script)]"


@dataclass
class PageLinks:
    """Links of one page worth following, in page order, without duplicates."""

    articles: list[str] = field(default_factory=list)
    listings: list[str] = field(default_factory=list)
    next_pages: list[str] = field(default_factory=list)

    def add(self, kind: str, url: str) -> None:
        bucket = getattr(self, kind)
        if url not in bucket:
            bucket.append(url)


def clean_link(href: str, base_url: str) -> str | None:
    """Absolute URL without fragment and view/session/tracking parameters; None when not worth a visit."""
    url = urljoin(base_url, href.strip())
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https", "file") or SKIP_EXTENSIONS.search(parts.path):
        return None
    if SKIP_PATH.search(parts.path):
        return None
    url = url.split("#", 1)[0]
    if parts.query:
        keep = [k for k, _ in parse_qsl(parts.query, keep_blank_values=True) if k.lower() not in NOISE_PARAMS]
        url = url_query_cleaner(url, keep, unique=True)
    return url


def is_next_page(url: str, page_url: str, text: str, rel: str) -> bool:
    """A link to the following page of the same listing."""
    if "next" in rel.lower().split() or NEXT_TEXT.match(text or ""):
        return True
    here, there = urlsplit(page_url), urlsplit(url)
    if here.path != there.path or not text.strip().isdigit():
        return False
    params = dict(parse_qsl(there.query))
    return any(p in params and params[p].isdigit() for p in PAGE_PARAMS)


def page_links(selector: Selector, page_url: str) -> PageLinks:
    """Article, listing and next-page links of a page."""
    found = PageLinks()
    here = urlsplit(page_url)
    for rel_next in selector.xpath("//link[@rel='next']/@href").getall():
        if (url := clean_link(rel_next, page_url)):
            found.add("next_pages", url)
    for anchor in selector.xpath(_ANCHORS):
        url = clean_link(anchor.attrib["href"], page_url)
        if not url or url == page_url.split("#", 1)[0]:
            continue
        text = " ".join(anchor.xpath(".//text()").getall()).strip()
        path = urlsplit(url).path
        if is_next_page(url, page_url, text, anchor.attrib.get("rel", "")):
            found.add("next_pages", url)
        elif ARTICLE_PATH.search(path):
            found.add("articles", url)
        elif LISTING_PATH.search(path + ("?" if urlsplit(url).query else "")) and urlsplit(url).netloc == here.netloc:
            found.add("listings", url)
    return found
