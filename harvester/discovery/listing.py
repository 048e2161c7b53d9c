"""Per-article entries of a listing page: issue TOCs, journal pages, browse lists, search results.

A listing is recognised by its repeated structure, never by site.  The page's candidate links
(outside navigation, menus, sidebars, footers, pagination, breadcrumbs, reference lists and
figures; not labels such as ``PDF`` or ``Next »``; not links to people, searches or issue
lists) are grouped by their structural path: the tag names and table columns from the root
down, plus the link's own classes.  A group whose members point to different URLs of one
shape and mostly carry distinct title-like texts is a list of entries.  Each member's *item*
is its highest ancestor holding no other member (the ``li``, ``tr``, ``div.obj_article_summary``
or ``article`` around it); the item gives the rest: authors, a citation line
(``Acta Exempli Historica. 2020;19(2):292-297``), pages, a date, an abstract or snippet.

When a link carries a code rather than a title (``XPT-THESIS-001``, ``Proc(WORKSHOP 2013)503``),
the title is read beside it: an element classed as a title, the table's 'Title' column, or the
item's longest line.  When a page has no repeated structure (a list trimmed to one result), a
lone link counts only when it is marked as a title (heading, ``b``, a ``title`` class) or its
URL has an article shape; such a page is no listing.  Pure: no fetching.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterator, Optional
from urllib.parse import urljoin, urlsplit

from parsel import Selector

from harvester.extract.base import Candidate
from harvester.discovery.links import ARTICLE_PATH, LISTING_PATH, clean_link
from harvester.extract.visible import LINK_SKIP_TAGS, is_link_chrome, joined_text
from harvester.normalize import clean_text, parse_citation_line, split_authors
from harvester.vocabulary import MONTH_NAME, NUMBERING_LABEL, PAGE_LABEL, VOLUME_LABEL, label_pattern, pattern

#: Entries needed before a page counts as carrying a list of articles.
MIN_LISTING_ENTRIES = 3

# --- regions and links that never make entries ----------------------------------------------------------

# Which regions are chrome (navigation, sidebars, footers, references, figures, keyword lists) is
# decided by ``visible.is_link_chrome``, the extractors' one vocabulary of blocks.
_SKIP_TAGS = LINK_SKIP_TAGS
_LABEL_WORD = rf"(?:{pattern('link_qualifier')}\s+)?{pattern('link_label')}"
_GENERIC_TEXT = re.compile(
    rf"^(?:{pattern('link_verb')}\s+(?:{pattern('link_article')}\s+)?)?"
    rf"{_LABEL_WORD}(?:\s*[/|,&]\s*{_LABEL_WORD})*"
    r"(?:\s*[(\[][^)\]]{0,25}[)\]])?(?:\s*\d+(?:[.,]\d+)?\s*[kKmM]i?B)?\s*[»›>.…]*$",
    re.I,
)
_UI_TEXT = re.compile(rf"^\s*\[.*\]\s*$|^{pattern('ui_text')}\b", re.I)
# Links to indexing and linking services, as reference lists print them.
_SERVICE_TEXT = re.compile(r"pubmed|crossref|google\s+scholar|web\s+of\s+science|scopus|medline|\bsfx\b|"
                           r"openurl|worldcat|\bisi\b|webcite", re.I)
_SERVICE_MAX_WORDS = 5
# Numbering and dates without a title: 'Vol 5 No 2 (2020)', 'April 18, 2019 (version 1)'.
_NUMBERING_WORDS = re.compile(
    rf"\b(?:{NUMBERING_LABEL}|{pattern('supplement')}|{pattern('numbering_word')}|{MONTH_NAME})\b|[\W\d_]", re.I
)
_AUTHOR_URL = re.compile(
    r"(?:^|[/?&=_.-])(?:authors?\d*|authorsearch|creators?|contributors?|people|persons?|profiles?|"
    r"members?|showmember|researchers?)(?:$|[/?&=_.-])",
    re.I,
)
# Sites a page links to for sharing, identifiers of people and reference managers: never entries.
_FOREIGN_HOST = re.compile(
    r"(?:^|\.)(?:orcid\.org|mendeley\.com|readcube\.com|scholar\.google\.[a-z.]+|facebook\.com|twitter\.com|"
    r"x\.com|linkedin\.com|reddit\.com|addthis\.com|creativecommons\.org|ncbi\.nlm\.nih\.gov|crossref\.org)$",
    re.I,
)
# Search endpoints: a keyword or author link, a query rather than an entry.
_SEARCH_PATH = re.compile(r"(?:^|/)(?:[\w-]*search|find|results?)(?:\.\w+)?/?$", re.I)
# A link inside running text (a paragraph much longer than the link) points into the prose, not to an entry.
_PROSE_MIN_CHARS = 150
_PROSE_SHARE = 3
_LEADING_MARKS = " »›>«‹<-–—•·*|"
_HOME_PATHS = frozenset({"", "/", "/index.html", "/index.php"})
_LETTER = re.compile(r"[^\W\d_]")

# --- structure -----------------------------------------------------------------------------------------

# Class tokens that say what state an element is in, not what it is: they differ between items.
_STATE_TOKENS = frozenset({"even", "odd", "first", "last", "active", "current", "selected", "open", "closed",
                           "hidden", "visible", "new", "clearfix", "alt", "highlight", "hover", "read", "unread"})
_DIGIT = re.compile(r"\d")
_DIGITS = re.compile(r"\d+")
_BLOCK_TAGS = frozenset(
    "address article aside blockquote body br dd div dl dt figcaption figure footer form h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section table tbody td tfoot th thead tr ul caption".split()
)
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_TITLE_MARK_TAGS = _HEADINGS | {"b", "strong"}
_ITEM_TAGS = frozenset({"li", "tr", "article", "dd"})
_ITEM_CLASS = re.compile(r"result|item|entry|record|artifact|summary|article|paper|publication|hit|"
                         r"toc|views-row|teaser|post\b|\bnode\b|card", re.I)
#: How far a lone link may sit below the element that holds its whole entry.
_ITEM_DEPTH = 6
_TITLE_MARK_DEPTH = 3

# --- fields of an item ---------------------------------------------------------------------------------

_AUTHOR_CLASS = re.compile(r"author|creator", re.I)
_ABSTRACT_CLASS = re.compile(r"abstract|snippet|summary|description|excerpt|teaser", re.I)
_PAGES_CLASS = re.compile(r"(?:^|[\s_-])(?:pages|page-?range|pagerange|tocpages)(?:$|[\s_-])", re.I)
_DATE_CLASS = re.compile(r"date|year|published", re.I)
_TITLE_CLASS = re.compile(r"title", re.I)
_BY_LINE = re.compile(rf"^{pattern('byline')}\s+(?P<names>.+)$", re.I)
_AUTHORS_LABEL = re.compile(rf"^{label_pattern('authors')}\s*[:：]\s*(?P<names>.+)$", re.I)
_ROLE_SUFFIX = re.compile(r"\s*[\[(][^\])\d]{1,25}[\])]\s*$")
_PAGES_LINE = re.compile(
    rf"^{PAGE_LABEL}\.?\s*[:.]?\s*"
    r"(?P<pages>[A-Za-z]{0,3}\d+[A-Za-z]?(?:\s*[-–—]\s*[A-Za-z]{0,3}\d+[A-Za-z]?)?)\.?$",
    re.I,
)
_BARE_PAGES = re.compile(r"^(?P<pages>[A-Za-z]{0,3}\d+[A-Za-z]?(?:\s*[-–—]\s*[A-Za-z]{0,3}\d+[A-Za-z]?)?)$")
_DATE_IN_LINE = re.compile(
    r"(?<![\d.])(\d{4}-\d{2}-\d{2}|\d{1,2}[-./]\d{1,2}[-./]\d{4}|(?:1[5-9]|20)\d{2})(?![\d.])"
)
#: A line with a date in it is a date line only when short ('Published 2016', '(2015)').
_DATE_LINE_WORDS = 6
_SEGMENT_SPLIT = re.compile(r"\s+[·•|]\s+|\s*[·•]\s*")
_MIN_ABSTRACT_WORDS = 5
_MAX_NAME_WORDS = 30
_JOURNAL_PREFIX = re.compile(
    r"^(?P<journal>[^\W\d_](?:[^;:()]|:(?=\s*[^\W\d_]))*?)\s*[.,;]?\s+"
    rf"(?=(?:\(?(?:1[6-9]|20)\d{{2}}\)?(?:\s*[;,.:]|\s+\d)|{VOLUME_LABEL}(?![^\W\d_])|\d+\s*\(|\d+\s*:))",
    re.I,
)
_HEADER_ROLES = (
    ("title", re.compile(rf"^{pattern('column_title')}$")),
    ("authors", re.compile(rf"^{pattern('column_authors')}$")),
    ("date", re.compile(rf"\b{pattern('column_date')}\b")),
)


@dataclass
class ListingEntry:
    """One article as a listing shows it: link, title and whatever the list prints beside them."""

    url: str
    title: str
    authors: list[str] = field(default_factory=list)
    citation: Optional[str] = None
    """The citation line as printed (``Acta Exempli Historica. 2020;19(2):292-297``)."""
    pages: Optional[str] = None
    """A page range printed on its own (``292-297`` from ``pages 292-297``)."""
    abstract: Optional[str] = None
    date: Optional[str] = None
    """A date or year printed in the entry, as written."""

    @property
    def describes_article(self) -> bool:
        """True when the entry shows more than a linked title (authors, a citation line, pages or an abstract):
        enough to stand as a record of its own should the article page fail."""
        return bool(self.authors or self.citation or self.pages or self.abstract)

    def candidate(self) -> Candidate:
        """The entry as raw fields of a ``listing`` source."""
        cand = Candidate("listing")
        cand.set("title", self.title)
        cand.set("authors", [{"name": name, "affiliations": [], "orcid": None} for name in self.authors])
        cited = parse_citation_line(self.citation) if self.citation else {}
        cand.set("journal_title", journal_of_citation(self.citation))
        cand.set("volume", cited.get("volume"))
        cand.set("issue", cited.get("issue"))
        cand.set("first_page", cited.get("first_page"))
        cand.set("last_page", cited.get("last_page"))
        if not cited.get("first_page"):
            cand.set("pages", self.pages)
        cand.set("publication_date", self.date or cited.get("year"))
        cand.set("abstract", self.abstract)
        return cand


def journal_of_citation(citation: Optional[str]) -> Optional[str]:
    """The journal name a citation line starts with, when it starts with one.

    >>> journal_of_citation("Acta Exempli Historica. 2020;19(2):292-297")
    'Acta Exempli Historica'
    >>> journal_of_citation("Vol. 24, No. 4 (2025)") is None
    True
    """
    match = _JOURNAL_PREFIX.match(clean_text(citation) or "")
    if match is None or _NUMBERING_WORDS.sub("", match.group("journal")) == "":
        return None
    return match.group("journal").strip(" .,;")


@dataclass
class Listing:
    """What a page lists: its entries, and whether they came from a repeated list structure."""

    entries: list[ListingEntry]
    repeated: bool

    @property
    def is_listing(self) -> bool:
        """The page carries a repeated list of at least ``MIN_LISTING_ENTRIES`` article entries."""
        return self.repeated and len(self.entries) >= MIN_LISTING_ENTRIES


def listing_entries(selector: Selector, url: str) -> list[ListingEntry]:
    """Article entries the page lists, in page order, one per URL."""
    return read_listing(selector, url).entries


def is_listing(selector: Selector, url: str) -> bool:
    """True when the page carries a repeated list of at least ``MIN_LISTING_ENTRIES`` article entries."""
    return read_listing(selector, url).is_listing


def read_listing(selector: Selector, url: str) -> Listing:
    """Entries and verdict in one pass, for a caller that needs both."""
    tree = _Tree()
    links = _entry_links(selector, url, tree)
    groups: dict[int, list[_Link]] = defaultdict(list)
    for link in links:
        groups[link.path].append(link)
    found = [pair for group in groups.values() if _spans_urls(group) for pair in _group_entries(group, tree)]
    repeated = bool(found)
    if not repeated:
        found = [pair for group in groups.values() if not _spans_urls(group) for pair in _lone_entry(group, tree)]
    return Listing(_in_page_order(found), repeated)


def _in_page_order(found: list[tuple[int, ListingEntry]]) -> list[ListingEntry]:
    seen: set[str] = set()
    entries = []
    for _, entry in sorted(found, key=lambda pair: pair[0]):
        if entry.url not in seen:
            seen.add(entry.url)
            entries.append(entry)
    return entries


# --- the page's candidate links ------------------------------------------------------------------------

@dataclass
class _Link:
    element: Any
    url: str
    text: str
    position: int
    path: int


class _Tree:
    """Per-page memo of chrome regions, structural paths and table columns: each is judged once."""

    def __init__(self) -> None:
        self.chrome: dict[Any, bool] = {}
        self.paths: dict[Any, int] = {}
        self.path_ids: dict[tuple, int] = {}
        self.roles: dict[Any, dict[int, str]] = {}

    def column_roles(self, table: Any) -> dict[int, str]:
        """The table's column roles, read once."""
        if table not in self.roles:
            self.roles[table] = _column_roles(table)
        return self.roles[table]

    def in_chrome(self, element: Any) -> bool:
        """True when the element or an ancestor is navigation, menu, sidebar, footer or the like."""
        chain = []
        while element is not None and element not in self.chrome:
            chain.append(element)
            element = element.getparent()
        verdict = self.chrome.get(element, False)
        for node in reversed(chain):
            verdict = verdict or is_link_chrome(node)
            self.chrome[node] = verdict
        return verdict

    def path(self, element: Any) -> int:
        """An id for the element's structural path: tags and table columns from the root, the link's classes.

        Ancestors' classes are left out: sites mark rows 'even'/'odd', 'oddRowEvenCol' or by media type.
        """
        chain = []
        while element is not None and element not in self.paths:
            chain.append(element)
            element = element.getparent()
        parent_id = self.paths.get(element, -1)
        for node in reversed(chain):
            key = (parent_id, node.tag, _stable_classes(node) if node.tag == "a" else (), _column(node))
            parent_id = self.path_ids.setdefault(key, len(self.path_ids))
            self.paths[node] = parent_id
        return parent_id


def _stable_classes(element: Any) -> tuple[str, ...]:
    tokens = element.get("class", "").lower().split()
    return tuple(sorted(t for t in tokens if t not in _STATE_TOKENS and not _DIGIT.search(t)))


def _column(element: Any) -> int:
    """Table column of a cell (-1 for anything else): rows differ in cells, not in path."""
    if element.tag not in ("td", "th"):
        return -1
    return sum(1 for sibling in element.itersiblings(preceding=True) if sibling.tag in ("td", "th"))


def _entry_links(selector: Selector, page_url: str, tree: _Tree) -> list[_Link]:
    """Links that could open an entry: outside page chrome, with a title-ish text, to another page."""
    base = urljoin(page_url, selector.xpath("//base/@href").get() or "")
    here = clean_link(page_url, page_url)
    links = []
    for position, anchor in enumerate(selector.root.iter("a")):
        href = anchor.get("href")
        if not href or href.lstrip().startswith("#"):
            continue
        if tree.in_chrome(anchor):
            continue
        text = _text(anchor)
        url = clean_link(href, base) if _may_be_title(text) and not _in_prose(anchor, text) else None
        if url and url != here and _may_open_entry(url) and not _author_marked(anchor):
            links.append(_Link(anchor, url, text, position, tree.path(anchor)))
    return links


def _may_open_entry(url: str) -> bool:
    """A URL that may be an article's: not a person, a search, a sharing site or a listing of issues."""
    parts = urlsplit(url)
    if _AUTHOR_URL.search(parts.path) or _AUTHOR_URL.search(parts.query):
        return False
    if _FOREIGN_HOST.search(parts.hostname or ""):
        return False
    if _SEARCH_PATH.search(parts.path) and parts.query:
        return False
    if LISTING_PATH.search(parts.path + ("?" if parts.query else "")) and not ARTICLE_PATH.search(parts.path):
        return False
    return parts.path not in _HOME_PATHS or bool(parts.query)


def _author_marked(anchor: Any) -> bool:
    """The link sits in an element classed as an author (a name linking to the person's page)."""
    nodes = (anchor, *_ancestors(anchor, _TITLE_MARK_DEPTH))
    return any(_AUTHOR_CLASS.search(node.get("class", "")) for node in nodes)


def _may_be_title(text: str) -> bool:
    """Text a title link may carry: not empty, not a label ('PDF', 'Next »'), not bare numbering."""
    text = text.lstrip(_LEADING_MARKS)
    if not text or _GENERIC_TEXT.match(text) or _UI_TEXT.match(text):
        return False
    if _SERVICE_TEXT.search(text) and len(text.split()) <= _SERVICE_MAX_WORDS:
        return False
    return _NUMBERING_WORDS.sub("", text) != ""


def _in_prose(anchor: Any, text: str) -> bool:
    """The link sits inside a paragraph of running text."""
    parent = anchor.getparent()
    while parent is not None and parent.tag not in _BLOCK_TAGS:
        parent = parent.getparent()
    if parent is None or parent.tag != "p":
        return False
    around = len(_text(parent))
    return around >= _PROSE_MIN_CHARS and around >= _PROSE_SHARE * len(text)


def title_like(text: Optional[str]) -> bool:
    """Text that reads as an article title: three words or more, no label, no link.

    >>> title_like("Soviet Defectors in Germany"), title_like("PDF (English)"), title_like("Next page »")
    (True, False, False)
    """
    if not text or "://" in text or not _may_be_title(text):
        return False
    words = [word for word in text.split() if _LETTER.search(word)]
    return len(words) >= 3 and len(text) >= 12


def _text(element: Any) -> str:
    return joined_text(element)


# --- repeated groups -----------------------------------------------------------------------------------

def _spans_urls(group: list[_Link]) -> bool:
    return len({link.url for link in group}) >= 2


def _group_entries(group: list[_Link], tree: _Tree) -> list[tuple[int, ListingEntry]]:
    """Entries of one repeated group, or none when its members do not read as article entries."""
    items = _exclusive_items(group)
    shared = _shared_urls(group, items)
    titled = [(link, item, *_title(link, item, tree)) for link, item in zip(group, items) if link.url not in shared]
    good = [(title, _url_shape(link.url)) for link, _, title, _, _ in titled
            if title_like(title) or _article_url(link.url)]
    if not _reads_as_entries(good, len({link.url for link in group})):
        return []
    titles = {title for title, _ in good}
    return [(link.position, _entry(link, item, title, title_el, tree))
            for link, item, title, title_el, marked in titled
            if _may_be_title(title) and (marked or title in titles)]


def _reads_as_entries(good: list[tuple[str, str]], url_count: int) -> bool:
    """Distinct titles for most URLs, most of them under one URL shape (not links strewn over a page)."""
    shapes = defaultdict(set)
    for title, shape in good:
        shapes[shape].add(title)
    # One text under many URLs ('In this window', 'Request a protocol') is a label, not titles.
    best = max((len(titles) for titles in shapes.values()), default=0)
    return best >= 2 and best * 2 >= url_count


def _shared_urls(group: list[_Link], items: list[Any]) -> set[str]:
    """URLs that several items link beside their own title link: a section, type or category link.

    The same article listed twice (a 'featured' list and the table of contents) stays an entry.
    """
    holders: dict[str, set[int]] = defaultdict(set)
    beside: dict[str, bool] = defaultdict(lambda: True)
    for link, item in zip(group, items):
        holders[link.url].add(id(item))
        beside[link.url] = beside[link.url] and _has_other_title_link(item, link.element)
    return {url for url, held in holders.items() if len(held) > 1 and beside[url]}


def _has_other_title_link(item: Any, anchor: Any) -> bool:
    return any(a is not anchor and title_like(_text(a)) for a in item.iter("a"))


def _url_shape(url: str) -> str:
    """Host and path with the last segment and all digits blanked: entries of one list share it.

    >>> _url_shape("https://h.org/j/article/view/23002") == _url_shape("https://h.org/j/article/view/2")
    True
    """
    parts = urlsplit(url)
    head = parts.path.rstrip("/").rsplit("/", 1)[0]
    return f"{parts.hostname}{_DIGITS.sub('#', head)}"


def _exclusive_items(group: list[_Link]) -> list[Any]:
    """For each member, its highest ancestor that holds no member with another URL."""
    owners: dict[Any, set[str]] = defaultdict(set)
    for link in group:
        for ancestor in link.element.iterancestors():
            owners[ancestor].add(link.url)
    items = []
    for link in group:
        item = link.element
        parent = item.getparent()
        while parent is not None and parent.tag not in ("body", "html") and owners[parent] == {link.url}:
            item, parent = parent, parent.getparent()
        items.append(item)
    return items


def _article_url(url: str) -> bool:
    return ARTICLE_PATH.search(urlsplit(url).path) is not None


# --- a lone link (a list trimmed to one result) --------------------------------------------------------

def _lone_entry(group: list[_Link], tree: _Tree) -> list[tuple[int, ListingEntry]]:
    """The group's link as an entry when it is marked as a title or has an article URL."""
    link = group[0]
    if not title_like(link.text) or not (_title_marked(link.element) or _article_url(link.url)):
        return []
    if any(a.tag == "h1" for a in _ancestors(link.element, _TITLE_MARK_DEPTH)):
        return []  # the page's own heading
    item = _enclosing_item(link.element)
    return [(link.position, _entry(link, item, link.text, link.element, tree))]


def _ancestors(element: Any, depth: int) -> Iterator[Any]:
    for count, ancestor in enumerate(element.iterancestors()):
        if count >= depth or ancestor.tag in ("body", "html"):
            return
        yield ancestor


def _title_marked(element: Any, within: Any = None) -> bool:
    """The link is, or sits in, a heading, bold text or an element classed as a title."""
    for node in (element, *_ancestors(element, _TITLE_MARK_DEPTH)):
        if node is within:
            return False
        if node.tag in _TITLE_MARK_TAGS or _TITLE_CLASS.search(node.get("class", "")):
            return True
    return False


def _enclosing_item(element: Any) -> Any:
    """The nearest ancestor shaped like a list item, else the nearest block around the link."""
    block = None
    for ancestor in _ancestors(element, _ITEM_DEPTH):
        if ancestor.tag in _HEADINGS or _TITLE_CLASS.search(ancestor.get("class", "")):
            continue
        if ancestor.tag in _ITEM_TAGS or _ITEM_CLASS.search(ancestor.get("class", "")):
            return ancestor
        if block is None and ancestor.tag in _BLOCK_TAGS:
            block = ancestor
    return block if block is not None else element.getparent()


# --- the title of an item ------------------------------------------------------------------------------

def _title(link: _Link, item: Any, tree: _Tree) -> tuple[str, Any, bool]:
    """The entry's title, the element it was read from, and whether markup says it is the title."""
    if _title_marked(link.element, within=item):
        return link.text, link.element, True
    if title_like(link.text) or not _DIGIT.search(link.text):
        return link.text, link.element, False
    # A code for a link ('XPT-THESIS-001', 'Proc(WORKSHOP 2013)503'): the title is printed beside it.
    element = _title_element(link.element, item)
    if element is None:
        element = _row_cells(link.element, tree).get("title")
        element = None if element is None or _has_link(element) else element
    if element is None:
        element = _longest_line(item)
    return (_text(element), element, True) if element is not None else (link.text, link.element, False)


def _title_element(link: Any, item: Any) -> Optional[Any]:
    """A heading or an element classed as a title, elsewhere in the item."""
    for element in item.iter():
        if element is link or not isinstance(element.tag, str) or element.tag == "a":
            continue
        marked = element.tag in _HEADINGS or _TITLE_CLASS.search(element.get("class", ""))
        if marked and _text(element) and not _has_link(element):
            return element
    return None


def _has_link(element: Any) -> bool:
    """The element holds a link: its text then names that link's target, not this entry."""
    return element.tag == "a" or any(True for _ in element.iterdescendants("a"))


def _contains(element: Any, other: Any) -> bool:
    return any(ancestor is element for ancestor in other.iterancestors())


def _longest_line(item: Any) -> Optional[Any]:
    """The element holding the item's longest title-like text outside links."""
    best, best_len = None, 0
    for element in item.iter():
        if not isinstance(element.tag, str) or _has_link(element):
            continue
        text = _text(element)
        if len(text) > best_len and title_like(text):
            best, best_len = element, len(text)
    return best


# --- table columns -------------------------------------------------------------------------------------

def _row_cells(element: Any, tree: _Tree) -> dict[str, Any]:
    """Cells of the element's table row by the role of their column header (title, authors, date)."""
    cell = next((a for a in element.iterancestors() if a.tag in ("td", "th")), None)
    row = cell.getparent() if cell is not None else None
    table = next((a for a in row.iterancestors() if a.tag == "table"), None) if row is not None else None
    if table is None:
        return {}
    roles = tree.column_roles(table)
    cells = [c for c in row if c.tag in ("td", "th")]
    return {role: cells[index] for index, role in roles.items() if index < len(cells)}


def _column_roles(table: Any) -> dict[int, str]:
    """Column index to role, read from the table's header row (the row of most ``th`` cells)."""
    rows = [r for r in table.iter("tr", "thead") if _own_table(r) is table]
    best = max(rows, key=lambda r: len(_header_cells(r)), default=None)
    headers = _header_cells(best) if best is not None else []
    roles = {}
    if len(headers) >= 2:
        for index, header in enumerate(headers):
            name = " ".join(_text(header).lower().split())
            role = next((role for role, pattern in _HEADER_ROLES if pattern.search(name)), None)
            if role and role not in roles.values():
                roles[index] = role
    return roles


def _own_table(element: Any) -> Any:
    return next((a for a in element.iterancestors() if a.tag == "table"), None)


def _header_cells(row: Any) -> list[Any]:
    if row.tag == "thead":
        return [cell for cell in row.iter("th") if _own_table(cell) is _own_table(row)]
    return [cell for cell in row if cell.tag == "th"]


# --- the other fields of an item -----------------------------------------------------------------------

def _entry(link: _Link, item: Any, title: str, title_el: Any, tree: _Tree) -> ListingEntry:
    """Everything the item says about the article besides its link."""
    entry = ListingEntry(url=link.url, title=clean_text(title) or title)
    skip = {title_el, link.element}
    cells = _row_cells(link.element, tree)
    classed = [(el, cls) for el in item.iterdescendants() if isinstance(el.tag, str) and (cls := el.get("class"))]
    entry.authors = _authors(item, classed, skip, cells)
    entry.abstract = _marked_text(classed, _ABSTRACT_CLASS, skip, min_words=_MIN_ABSTRACT_WORDS)
    entry.pages = _page_range(_marked_text(classed, _PAGES_CLASS, skip))
    dated = _marked_text(classed, _DATE_CLASS, skip) or (_text(cells["date"]) if "date" in cells else None)
    entry.date = _date_in(dated)
    _read_lines(entry, _lines(item, skip))
    return entry


def _page_range(text: Optional[str]) -> Optional[str]:
    """``292-297`` from ``pages 292-297`` or ``292-297``."""
    match = _PAGES_LINE.match(text or "") or _BARE_PAGES.match(text or "")
    return match.group("pages") if match else None


def _date_in(text: Optional[str]) -> Optional[str]:
    """The date or year in a short dated text ('Published 2016', '(2015)')."""
    match = _DATE_IN_LINE.search(text or "")
    return match.group(1) if match else None


def _authors(item: Any, classed: list, skip: set, cells: dict[str, Any]) -> list[str]:
    """Names from author-classed elements, an 'Authors' column, or links to author pages."""
    names: list[str] = []
    for element in _outermost(classed, _AUTHOR_CLASS, skip):
        skip.add(element)
        parts = [child for child in element if isinstance(child.tag, str) and _text(child)]
        texts = [_text(child) for child in parts] if len(parts) >= 2 else [_text(element)]
        names += [name for text in texts for name in _names(text)]
    if not names and "authors" in cells:
        skip.add(cells["authors"])
        names = _names(_text(cells["authors"]))
    if not names:
        names = [_text(a) for a in item.iter("a") if a not in skip and _AUTHOR_URL.search(a.get("href", ""))]
    return [name for name in names if name]


def _names(text: str) -> list[str]:
    text = _AUTHORS_LABEL.sub(r"\g<names>", _BY_LINE.sub(r"\g<names>", text.strip()))
    return [_ROLE_SUFFIX.sub("", name) for name in split_authors(text)]


def _outermost(classed: list, pattern: re.Pattern, skip: set) -> list[Any]:
    """Elements classed by ``pattern``, leaving out those inside another one, a skipped one or around one."""
    found = []
    for element, cls in classed:
        if not pattern.search(cls):
            continue
        if any(element is s or _contains(s, element) or _contains(element, s) for s in skip if s is not None):
            continue
        if not any(_contains(outer, element) for outer in found):
            found.append(element)
    return found


def _marked_text(classed: list, pattern: re.Pattern, skip: set, min_words: int = 1) -> Optional[str]:
    """Text of the first element classed by ``pattern`` that is neither a skipped element nor around one."""
    for element in _outermost(classed, pattern, skip):
        text = _text(element)
        if element.tag != "a" and len(text.split()) >= min_words:
            skip.add(element)
            return text
    return None


def _lines(item: Any, skip: set) -> list[str]:
    """The item's visible lines (split at blocks and ``br``), leaving out skipped elements."""
    lines: list[str] = []
    buffer: list[str] = []
    if item in skip:
        return lines

    def flush() -> None:
        line = " ".join(" ".join(buffer).split())
        if line:
            lines.append(line)
        buffer.clear()

    def walk(element: Any) -> None:
        tag = element.tag if isinstance(element.tag, str) else None
        if tag in _BLOCK_TAGS:
            flush()
        if tag and element not in skip and tag not in _SKIP_TAGS:
            buffer.append(element.text or "")
            for child in element:
                walk(child)
        if tag in _BLOCK_TAGS:
            flush()
        buffer.append(element.tail or "")

    buffer.append(item.text or "")
    for child in item:
        walk(child)
    flush()
    return lines


def _read_lines(entry: ListingEntry, lines: list[str]) -> None:
    """Citation line, pages, date and (failing markup) authors from the item's lines."""
    for line in lines:
        segments = [segment.strip() for segment in _SEGMENT_SPLIT.split(line) if segment.strip()]
        read = [_read_segment(entry, segment) for segment in segments]
        # 'Smith, J.; Doe, J. · Vol.12, No. 3 · 2024-09-30': names lead a line of numbering and date.
        if not entry.authors and len(segments) >= 2 and any(read[1:]) and not read[0] and _is_name_list(segments[0]):
            entry.authors = _names(segments[0])
        by_line = _BY_LINE.match(line) or _AUTHORS_LABEL.match(line)
        if not entry.authors and by_line:
            entry.authors = _names(by_line.group("names"))


def _read_segment(entry: ListingEntry, segment: str) -> bool:
    """Store the segment as pages, citation line or date when it reads as one; whether it did."""
    pages = _PAGES_LINE.match(segment)
    if pages:
        entry.pages = entry.pages or pages.group("pages")
        return True
    if parse_citation_line(segment)["volume"]:
        entry.citation = entry.citation or segment
        return True
    date = _date_in(segment) if len(segment.split()) <= _DATE_LINE_WORDS else None
    entry.date = entry.date or date
    return date is not None


def _is_name_list(text: str) -> bool:
    """A segment that may list names: letters, no digits, not a sentence."""
    return not _DIGIT.search(text) and _LETTER.search(text) is not None and len(text.split()) <= _MAX_NAME_WORDS
