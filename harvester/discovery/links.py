"""Sort a page's links into article pages, listings and next pages (pure: no fetching)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import parse_qsl, urljoin, urlsplit

from parsel import Selector
from w3lib.url import url_query_cleaner

from harvester.vocabulary import pattern, word_pattern, words

ARTICLE_PATH = re.compile(
    # OJS: /article/view/<id> is the article; /article/view/<id>/<galley> a PDF or full-text galley.
    r"/(view/paper/\d+|article/view/\d+/?$|doi/(abs/|full/|epdf/)?10\.\d{4,9}/|"
    r"articles?/(?!view\b)[^/?#]+/?$|paper/\d+|record/\d+/?$|content/\d+/\d+/[\w.-]+)", re.I)
LISTING_PATH = re.compile(
    r"/(journals?|issues?|archives?|toc|volumes?|latest|browse|current|section)(/|$|\?)|/issue/view/", re.I)
NEXT_TEXT = re.compile(rf"^\s*(?:{pattern('next_page')}|›|»|>|>>)\s*[›»>]*\s*$", re.I)
PAGE_PARAMS = ("page", "p", "pg", "paged", "pagenum", "start", "offset", "from", "skip")
# Parameters that change the view, not the content: following them multiplies pages.
NOISE_PARAMS = ("sort", "sortby", "sort_by", "order", "orderby", "dir", "direction", "per_page", "perpage",
                "limit", "rpp", "results_per_page", "pagesize", "page_size", "items_per_page", "sid", "sessionid",
                "jsessionid", "phpsessid", "cfid", "cftoken", "oscsid", "zenid", "ref", "fbclid", "gclid",
                "mc_cid", "mc_eid")
# Any name starting like these: sortField, sort_order, SortDir, orderBy, ordering, utm_*, ASPSESSIONIDxyz.
NOISE_PREFIXES = ("sort", "order", "utm_", "aspsessionid")
# 'view', 'display', 'layout' pick a presentation when their value says so (view=list, displayMode=full);
# elsewhere they pick content (Joomla's view=article) and are kept.
VIEW_PARAM = re.compile(r"^(?:view|display|layout)(?:_?mode|_?type)?$", re.I)
VIEW_VALUE = re.compile(r"^(?:list|grid|table|compact|full|brief|detailed?|simple|default|cards?|tiles?|"
                        r"thumbnails?|gallery|expanded|collapsed|short|long|\d+)$", re.I)
# ';jsessionid=…' and its kin glued to the path by servlet containers.
PATH_SESSION = re.compile(r";(?:jsessionid|sessionid|sid|phpsessid)=[^/?#]*", re.I)
_CALENDAR_STEP, _CALENDAR_UNIT = pattern("calendar_step"), pattern("calendar_unit")
# Calendar navigation: never pagination; below a year it is never followed at all, since every
# month page links the next one for ever.
CALENDAR_TEXT = re.compile(rf"\b{_CALENDAR_STEP}\s+{_CALENDAR_UNIT}\b|\b{_CALENDAR_UNIT}\s+{_CALENDAR_STEP}\b", re.I)
# The text of a step to a neighbouring page: arrows, previous/next words, or nothing at all.
STEP_TEXT = re.compile(rf"^[\W_]*$|[«‹<>›»←→]|\b{pattern('step')}", re.I)
DATE_PARAMS = ("month", "mon", "day", "week", "date", "cal", "calendar", "ym", "yearmonth", "monthyear")
YEAR_PARAMS = words("year")
# Only with a separator: a bare '201905' is as likely an id as a month.
MONTH_VALUE = re.compile(r"^(?:1[6-9]|2\d)\d{2}[-/.](?:0?[1-9]|1[0-2])(?:[-/.](?:0?[1-9]|[12]\d|3[01]))?$")
YEAR_VALUE = re.compile(r"^(?:1[6-9]|2\d)\d{2}$")
YEARISH = re.compile(r"(?:1[6-9]|2\d)\d{2}")
DATE_QUERY = re.compile(r"(?:^|&)(?:month|mon|day|week|date|cal|calendar|ym|yearmonth|monthyear)=|"
                        r"(?:1[6-9]|2\d)\d{2}", re.I)
# A path that ends at a month or a day (/2031/05/, /2031/05/17, /2031-05): a calendar page, not an article.
DATE_PATH = re.compile(r"/(?:1[6-9]|2\d)\d{2}(?:/(?:0?[1-9]|1[0-2])(?:/(?:0?[1-9]|[12]\d|3[01]))?|"
                       r"-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)(?:/page/\d+)?/?$")
# A year page only under a word that says so: '/record/2500' is a record, '/archive/2500' a year.
YEAR_PATH = re.compile(rf"/(?:archives?|years?|calendar|events?|news|blog|dates?|{word_pattern('year')})/"
                       r"((?:1[6-9]|2\d)\d{2})/?$", re.I)
#: How far past the current year a year link may point: archives list this year and, at times, the next.
YEARS_AHEAD = 1
#: Distinct years a page must link before its year links count as an archive index.
MIN_YEAR_INDEX = 3
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
    url = PATH_SESSION.sub("", url.split("#", 1)[0]) if ";" in parts.path else url.split("#", 1)[0]
    if parts.query:
        keep = [k for k, v in parse_qsl(parts.query, keep_blank_values=True) if not is_noise_param(k, v)]
        url = url_query_cleaner(url, keep, unique=True)
    return url


def is_noise_param(name: str, value: str) -> bool:
    """A query parameter that sorts, sizes, lays out, tracks or carries a session: never content.

    >>> is_noise_param("sortField", "title"), is_noise_param("view", "list"), is_noise_param("view", "article")
    (True, True, False)
    """
    name = name.lower()
    if name in NOISE_PARAMS or name.startswith(NOISE_PREFIXES):
        return True
    return bool(VIEW_PARAM.match(name) and VIEW_VALUE.match(value.strip()))


def calendar_step(url: str, text: str = "") -> str | None:
    """'fine' for a link to a month, week or day page of a calendar, 'year' for a year page, else None.

    >>> calendar_step("http://h/events?month=2031-05"), calendar_step("http://h/archive?year=2019")
    ('fine', 'year')
    """
    if text and CALENDAR_TEXT.search(text):
        return "fine"
    parts = urlsplit(url)
    if not YEARISH.search(parts.path) and not DATE_QUERY.search(parts.query):
        return None  # the common case, answered without parsing the query
    params = parse_qsl(parts.query, keep_blank_values=True)
    if DATE_PATH.search(parts.path) and not _numbered_page(parts.path):
        return "fine"
    if any(k.lower() in DATE_PARAMS or MONTH_VALUE.match(v) for k, v in params):
        return "fine"
    if any(k.lower() in YEAR_PARAMS and YEAR_VALUE.match(v) for k, v in params) or YEAR_PATH.search(parts.path):
        return "year"
    return None


def _numbered_page(path: str) -> bool:
    """An article or issue path whose trailing numbers are ids (/article/view/2019/5), not a date."""
    return ARTICLE_PATH.search(path) is not None or "/view/" in path


def link_year(url: str) -> int | None:
    """The year a year-page link points to (``?year=2019``, ``/archive/2019/``)."""
    parts = urlsplit(url)
    for key, value in parse_qsl(parts.query):
        if key.lower() in YEAR_PARAMS and YEAR_VALUE.match(value):
            return int(value)
    match = YEAR_PATH.search(parts.path)
    return int(match.group(1)) if match else None


def followed_years(year_links: list[tuple[int, str]], this_year: int) -> set[int]:
    """Years whose pages may be followed: never past next year, never by a lone previous/next step.

    A page linking three years or more is an archive by year (finite), and a link named '2019' or
    'Monthly archive' is an index entry; a calendar's '« 2024' / 'next »' step leads on for ever.
    """
    index = len({year for year, _ in year_links}) >= MIN_YEAR_INDEX
    return {year for year, text in year_links
            if (index or not STEP_TEXT.search(text)) and year <= this_year + YEARS_AHEAD}


def is_next_page(url: str, page_url: str, text: str, rel: str) -> bool:
    """A link to the following page of the same listing (calendar steps never are)."""
    return not calendar_step(url, text) and _next_page(url, page_url, text, rel)


def _next_page(url: str, page_url: str, text: str, rel: str) -> bool:
    if "next" in rel.lower().split() or NEXT_TEXT.match(text or ""):
        return True
    here, there = urlsplit(page_url), urlsplit(url)
    if here.path != there.path or not text.strip().isdigit():
        return False
    params = dict(parse_qsl(there.query))
    return any(p in params and params[p].isdigit() for p in PAGE_PARAMS)


def page_links(selector: Selector, page_url: str, today: date | None = None) -> PageLinks:
    """Article, listing and next-page links of a page; calendar steps that could run for ever are left out."""
    found = PageLinks()
    here = urlsplit(page_url)
    this_year = (today or date.today()).year
    for rel_next in selector.xpath("//link[@rel='next']/@href").getall():
        if (url := clean_link(rel_next, page_url)) and not calendar_step(url):
            found.add("next_pages", url)
    anchors = []
    for anchor in selector.xpath(_ANCHORS):
        url = clean_link(anchor.attrib["href"], page_url)
        if url and url != page_url.split("#", 1)[0]:
            text = " ".join(anchor.xpath(".//text()").getall()).strip()
            anchors.append((url, text, anchor.attrib.get("rel", ""), calendar_step(url, text)))
    year_links = [(link_year(url) or 0, text) for url, text, _, step in anchors if step == "year"]
    years = followed_years(year_links, this_year)
    for url, text, rel, step in anchors:
        if step == "fine" or (step == "year" and link_year(url) not in years):
            continue
        path = urlsplit(url).path
        if not step and _next_page(url, page_url, text, rel):
            found.add("next_pages", url)
        elif ARTICLE_PATH.search(path):
            found.add("articles", url)
        elif LISTING_PATH.search(path + ("?" if urlsplit(url).query else "")) and urlsplit(url).netloc == here.netloc:
            found.add("listings", url)
    return found
