"""Fallbacks read from what a reader sees: the main content, its lines, heading, <title> and DOI.

``PageText`` holds what several sources read of one page (main content, its lines and reference
flags, site names, classed elements, document order), each computed on first use; the page object
keeps one, so the sources reading one page's visible text walk its DOM once.
This module is also the one home of the block vocabulary (chrome, side columns, reference lists,
blocks showing other works) that every extractor sorts page regions with.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import islice
from typing import Any, Callable, Iterable, Iterator, Optional
from urllib.parse import urlsplit

from parsel import Selector

from harvester.extract.base import Candidate
from harvester.extract.meta import strip_markup
from harvester.normalize.identifiers import doi_extension, is_part_doi
from harvester.vocabulary import PAGE_PART_HEADINGS, REFERENCE_HEADINGS, is_label, opens_abstract, pattern

BLOCK_TAGS = frozenset(
    "address article aside blockquote body caption center dd details dialog div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li main nav ol p pre "
    "section summary table tbody td tfoot th thead tr ul".split()
)
HEADING_TAGS = frozenset("h1 h2 h3 h4 h5 h6 dt th caption legend".split())
BOLD_TAGS = frozenset({"b", "strong"})
#: Never visible or never content, wherever they sit.
SKIP_TAGS = frozenset(
    "script style noscript template nav menu button select option input textarea svg iframe object "
    "embed canvas head title meta link".split()
)
#: Site chrome unless they sit inside an <article> or <main> (where they frame the article itself).
CHROME_TAGS = frozenset({"header", "footer", "aside"})
CONTENT_TAGS = frozenset({"article", "main"})
#: Page-wide wrappers whose classes describe page state ("nav-open"), not chrome.
_NEVER_CHROME = frozenset({"html", "body"})

# --- what a block is, from its tag, role, class tokens and id: the one vocabulary of the extractors ------
# ``is_chrome`` (text lines: menus, side columns, share bars), ``is_link_chrome`` (entry links of
# listings: broader, also references, figures and keyword lists), ``is_reference_block`` (reference
# lists, whose DOIs are other works') and ``is_foreign`` (blocks citing or showing other works:
# references, 'cited by', related and recommended articles, teasers of more articles).

#: ARIA roles of site chrome.
CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "menu", "menubar", "search"})
#: ARIA roles and class-token parts of side columns: chrome unless inside the article (its own info box).
SIDE_ROLES = frozenset({"complementary"})
SIDE_TOKEN_PARTS = frozenset({"sidebar", "sidebars"})
#: Class-token parts that say what state a wrapper is in ('has_sidebar', 'l-with-sidebar'), not what it is.
STATE_TOKEN_PARTS = frozenset({"has", "with", "no", "is", "show", "hide", "hidden"})
#: Class tokens treated like <header>/<footer>: chrome unless inside the article.
FRAME_TOKENS = frozenset({"header", "footer"})
#: Whole class tokens of chrome: screen-reader text, skip links, site-wide sidebar blocks and widget areas.
CHROME_WHOLE_TOKENS = frozenset(
    {"site-header", "site-footer", "sr-only", "visually-hidden", "screen-reader-text",
     "pkp_screen_reader", "skip", "skip-link", "masthead", "pkp_block", "widget-area", "widget_area",
     "tagcloud", "wordcloud", "keywordcloud"}
)
#: Class-token parts of chrome ('main-nav', 'share-buttons', 'block_keyword_cloud', 'widget_tag_cloud').
#: Class-token parts that name the work a page shows: a ``<header>`` so classed is the article's front matter.
WORK_TOKEN_PARTS = frozenset({"article", "entry", "paper", "publication", "record"})
CHROME_TOKEN_PARTS = frozenset(
    {"nav", "navbar", "navigation", "menu", "menubar", "breadcrumb", "breadcrumbs", "cookie",
     "cookies", "share", "sharing", "social", "toolbar", "skiplinks", "cloud"}
)
#: Link-list chrome, searched inside each lowercased class token and the id: 'nav' only as a word part
#: ('subnav', 'EXLResultsNavigation'), never inside 'unavailable'.
LINK_CHROME_TOKENS = re.compile(
    r"nav(?:igation|bar|list|menu|links?)?(?:$|[-_\d])|menu|breadcrumb|footer|pagination|pager|paging|"
    r"sidebar|toolbar|tabs$|tabs[-_]|^skip|skip[-_]?links?|share|social|cookie|banner|widget|masthead|modal|"
    r"^(?:site|page|portal|global|top|main)?[-_]?header$"
)
#: Blocks whose links lead to other works or to parts of this one: references, 'cited by' lists,
#: figures, supplementary files, keyword and subject lists.  'ref' only as a whole token part, never in 'preface'.
LINK_ELSEWHERE_TOKENS = re.compile(
    r"(?:^|[-_])(?:ref|refs|reflist|references?|bibliography|bibliographie|citations?|cit|cited|"
    r"citedby|fig|figs|figures?|addfile|supplementary|supplements?|kwd|keywords?|subjects?|tags?)(?:$|[-_\d.])|"
    r"reference|bibliograph|cited-?by|citation-?list|asset-viewer|table-?wrap",
    re.I,
)
#: Link-list chrome roles: a tab bar's links switch views of one page.
LINK_CHROME_ROLES = CHROME_ROLES | {"tablist"}
#: Tags whose links never open an entry of a listing.
LINK_SKIP_TAGS = frozenset({"nav", "footer", "aside", "select", "option", "script", "style", "noscript",
                            "template", "button", "menu", "figure", "figcaption", "video", "audio", "picture"})
#: 'has_sidebar', 'with-nav', 'no-footer': the element's layout, not the element being chrome.
_STATE_PREFIX = re.compile(r"^(?:has|with|no|is|show|hide|hidden)[-_]")
#: Reference and citation lists: 'ref' only at a class-token start ("ref-list", "c-article-references"),
#: never in "preface"; "bibliographic information" describes the article itself, a bibliography other works.
REFERENCE_TOKENS = re.compile(r"(?:^|[\s_-])ref|bibliograph(?!ic)|citation-list", re.I)
#: Blocks whose text cites or shows other works: references, 'cited by', related, recommended,
#: most read, 'more from this journal' teasers.
FOREIGN_TOKENS = re.compile(
    r"(?:^|[\s_-])ref(?:s\b|erence|list|[\s_-])|bibliograph|citation-?list|cited|cbycitation|"
    r"related|recommend|similar|also-?read|more-?like|most-?(?:read|cited|viewed)|trendmd|popular|"
    r"more-?from|more-?articles|read-?next|you-?may",
    re.I,
)
_LOGO_TOKEN_PARTS = frozenset({"logo", "brand", "branding", "sitename", "slogan", "tagline"})
_LOGO_TOKENS = frozenset({"site-title", "site-name", "site_title", "site_name", "title-area"})
#: How far up a logo wrapper may sit around a heading (<div class="logo"><a><h1>).
_LOGO_DEPTH = 2
_HOME_PATHS = frozenset({"/", "/index.html", "/index.php", "./"})
# BEM modifiers ("header--has-social-sharers") describe state, not what the element is.
_MODIFIER = re.compile(r"--.*$")
_TOKEN_SPLIT = re.compile(r"[-_]")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_DOI_URL = re.compile(r"(?:https?://)?(?:dx\.|www\.)?doi\.org/10\.\d{4,9}/[^\s\"'<>]+", re.I)
_DOI_LINE = re.compile(r"doi\s*[:：]?\s*((?:https?://(?:dx\.)?doi\.org/)?10\.\d{4,9}/\S+)", re.I)
#: 'doi:' after a short citation's numbers, not after a word of running text ('the doi: …').
_DOI_AFTER_CITATION = re.compile(r"^[^\n]{0,200}?[\d)]\s*[,.;]?\s+doi\s*[:：]\s*(10\.\d{4,9}/\S+)$", re.I)
_DOI_LABEL = re.compile(r"doi\b", re.I)
#: A link whose text is only a DOI ('10.1234/x', 'https://doi.org/10.1234/x', 'doi:10.1234/x').
_BARE_DOI = re.compile(r"(?:doi\s*:?\s*|(?:https?://)?(?:dx\.|www\.)?doi\.org/)?10\.\d{4,9}/\S+", re.I)
#: Running text around a link: 'available at <link>', '(see <link>), but ...'.
_PROSE_BEFORE = re.compile(r"(?:^|[\s(])(?!doi\b)[a-z]+\s*\(?$")
_WORD = re.compile(r"[^\W\d_]{2,}")
_PROSE_WORDS_AFTER = 3
_TITLE_SEPARATORS = (" | ", " :: ", " — ", " – ", " - ")
_SITE_NAME_META = (
    "//meta[@property='og:site_name' or @name='og:site_name' or @name='citation_journal_title'"
    " or @name='prism.publicationName' or @name='citation_conference_title']/@content"
)
#: Logo and site-name elements (their text or image alt names the site).
_LOGO_ELEMENTS = (
    "//body//*[contains(@class, 'logo') or contains(@class, 'site-title') or contains(@class, 'site-name')"
    " or contains(@class, 'sitename') or contains(@class, 'site_title') or contains(@class, 'brand')]"
)
#: Links in the page header or banner (the one to the front page carries the site's name).
_BANNER_LINKS = "//body//header//a[@href] | //body//*[@role='banner']//a[@href]"
_MAX_LOGOS = 5
_MAIN_SELECTORS = ("main", "article", "[role=main]", "#content", ".content", ".article")
#: A main-content candidate shorter than this (or than half the body) is a stub, not the content.
_MIN_MAIN_CHARS = 200
_DOMINANT_SHARE = 0.9
_WRAPPER_TAGS = frozenset(
    {"div", "section", "table", "tbody", "tr", "td", "center", "blockquote", "font", "form", "span"}
)
#: Headings looked at when matching them against the <title>.
_MAX_HEADINGS = 40
#: An image alt text longer than this is a description, never a label.
_MAX_IMAGE_LABEL = 40

#: Class-name parts of a <span> that may print a label ('label', JATS-style 'kwd-title', 'abstract-heading').
_LABEL_CLASS_PARTS = frozenset({"label", "title", "heading"})

_OPEN, _CLOSE, _TEXT = 0, 1, 2


@dataclass(frozen=True, slots=True)
class Line:
    """One visible line of text, with the block element it starts in and the links it holds."""

    text: str
    heading: bool
    node: Any
    links: tuple[tuple[str, str], ...]
    bold: bool = False
    start: Any = None
    """The innermost element holding the line's first text (``node`` is its block)."""

    @property
    def all_link(self) -> bool:
        """True when links make up (nearly) the whole line, as in menus and link lists."""
        return bool(self.links) and sum(len(t) for t, _ in self.links) >= len(self.text) - 2

    @property
    def heading_like(self) -> bool:
        """A heading element, or a line set wholly in bold (old-style section titles)."""
        return self.heading or self.bold


def text_len(element: Any) -> int:
    """Number of characters of whitespace-normalised text under an lxml element."""
    return int(element.xpath("string-length(normalize-space(.))"))


def _tokens(element: Any) -> list[str]:
    return (element.get("class") or "").lower().split() + [(element.get("id") or "").lower()]


def _token_parts(element: Any) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each class token and the id, BEM modifier dropped, split into its word parts."""
    return _split_tokens(element.get("class") or "", element.get("id") or "")


@lru_cache(maxsize=8192)
def _split_tokens(classes: str, ident: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``_token_parts`` of one class attribute and id (pages repeat a few hundred class strings thousands of times)."""
    tokens = (_MODIFIER.sub("", token) for token in [*classes.lower().split(), ident.lower()])
    return tuple((token, tuple(_TOKEN_SPLIT.split(token))) for token in tokens if token)


def _token_hit(element: Any, whole: frozenset, parts: frozenset) -> bool:
    return _tokens_hit(element.get("class") or "", element.get("id") or "", whole, parts)


@lru_cache(maxsize=8192)
def _tokens_hit(classes: str, ident: str, whole: frozenset, parts: frozenset) -> bool:
    """Whether a class attribute or id has a token in ``whole`` or a word part in ``parts``."""
    return any(token in whole or not parts.isdisjoint(split) for token, split in _split_tokens(classes, ident))


def _is_side_column(element: Any) -> bool:
    """A side column ('sidebar', 'l-with-sidebar__sidebar', role=complementary); 'has_sidebar' is a layout state."""
    if element.get("role") in SIDE_ROLES:
        return True
    for token, _ in _token_parts(element):
        parts = _TOKEN_SPLIT.split(token.rpartition("__")[2])  # a BEM element names what it is
        if not SIDE_TOKEN_PARTS.isdisjoint(parts) and STATE_TOKEN_PARTS.isdisjoint(parts):
            return True
    return False


def is_hidden(element: Any) -> bool:
    """True for elements a browser does not show (hidden, aria-hidden, display:none)."""
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    return bool(_HIDDEN_STYLE.search(element.get("style") or ""))


def is_chrome(element: Any, in_article: bool) -> bool:
    """True for invisible elements and site chrome (menus, headers, footers, side columns, share bars)."""
    tag = element.tag
    if tag in SKIP_TAGS or is_hidden(element) or element.get("role") in CHROME_ROLES:
        return True
    if tag in _NEVER_CHROME:
        return False
    if not in_article and ((tag in CHROME_TAGS and not _names_the_work(element))
                           or not FRAME_TOKENS.isdisjoint(_tokens(element)) or _is_side_column(element)):
        return True
    return _token_hit(element, CHROME_WHOLE_TOKENS, CHROME_TOKEN_PARTS)


def is_link_chrome(element: Any) -> bool:
    """True where links never open a listing's entry: chrome, references, figures, keyword lists."""
    tag = element.tag
    if not isinstance(tag, str) or tag in LINK_SKIP_TAGS:
        return True
    if element.get("role", "").lower() in LINK_CHROME_ROLES:
        return True
    if tag == "header" and not any(a.tag in CONTENT_TAGS or a.tag == "li" for a in element.iterancestors()):
        return True
    return any(token and not _STATE_PREFIX.match(token)
               and (LINK_CHROME_TOKENS.search(token) or LINK_ELSEWHERE_TOKENS.search(token))
               for token in _tokens(element))


def is_reference_block(element: Any) -> bool:
    """True for an element classed as a reference or citation list."""
    return REFERENCE_TOKENS.search(f"{element.get('class') or ''} {element.get('id') or ''}") is not None


def is_foreign(element: Any) -> bool:
    """True for a block citing or showing other works: references, 'cited by', related, recommended."""
    if element.get("itemprop") == "citation" or element.tag in ("nav", "footer"):
        return True
    return FOREIGN_TOKENS.search(f"{element.get('class') or ''} {element.get('id') or ''}") is not None


def _names_the_work(element: Any) -> bool:
    """A header or footer classed for the article itself ('article-header', 'entry-header'): content, not chrome."""
    return any(part in WORK_TOKEN_PARTS for _, parts in _token_parts(element) for part in parts)


def _inside_content(element: Any) -> bool:
    return element.tag in CONTENT_TAGS or any(a.tag in CONTENT_TAGS for a in element.iterancestors())


def _collapse(text: str) -> str:
    return " ".join(text.split())


class _LineBuilder:
    """Accumulates text into lines while the DOM is walked once, in document order."""

    _LABELISH = frozenset({"b", "strong", "label", "span", "em"})

    def __init__(self, root: Any, inline_label: Optional[Callable[[str], bool]]):
        self.root, self.inline_label = root, inline_label
        self.lines: list[Line] = []
        self.blocks: list[Any] = [root]
        self.anchors: list[list] = []
        self.heading = self.bold = self.generation = 0
        self._reset()

    def _reset(self) -> None:
        self.buf: list[str] = []
        self.links: list[tuple[str, str]] = []
        self.node: Any = None
        self.start: Any = None
        self.bold_text = self.plain_text = False

    def add(self, text: str, parent: Any = None) -> None:
        """Append text (found inside ``parent``) to the current line."""
        if not text.isspace():
            if self.node is None:
                self.node, self.start = self.blocks[-1], parent if parent is not None else self.blocks[-1]
            self.bold_text |= self.bold > 0
            self.plain_text |= self.bold == 0
        self.buf.append(text)

    def flush(self) -> None:
        """End the current line (if it has text) and start a new one."""
        for anchor in self.anchors:
            self._link_from(anchor)
            anchor[1] = 0
        text = _collapse("".join(self.buf))
        if text:
            bold = self.bold_text and not self.plain_text
            self.lines.append(Line(text, self.heading > 0, self.node, tuple(self.links), bold, self.start))
        self._reset()
        self.generation += 1

    def _link_from(self, anchor: list) -> None:
        text = _collapse("".join(self.buf[anchor[1]:]))
        if text:
            self.links.append((text, anchor[0]))

    def open(self, element: Any) -> tuple:
        """Start an element; returns what ``close`` needs to end it."""
        tag = element.tag
        if tag == "br":
            self.flush()
            return (False, False, False, None, False)
        if tag == "img":
            self._image_label(element)
        block = tag in BLOCK_TAGS
        if block:
            self.flush()
            self.blocks.append(element)
        heading = block and (tag in HEADING_TAGS or "label" in _tokens(element))
        bold = tag in BOLD_TAGS
        self.heading += heading
        self.bold += bold
        anchor = tag == "a" and bool(element.get("href"))
        if anchor:
            self.anchors.append([element.get("href").strip(), len(self.buf)])
        return (block, heading, bold, self._label_mark(element, block), anchor)

    def _image_label(self, image: Any) -> None:
        """An image whose alt text is a label ('Abstract' drawn as a picture) reads as that label."""
        alt = _collapse(image.get("alt") or "")
        if alt and self.inline_label is not None and len(alt) <= _MAX_IMAGE_LABEL and self.inline_label(alt):
            self.add(alt, image)
            self.flush()

    def _label_mark(self, element: Any, block: bool) -> Optional[tuple[int, int]]:
        if block or self.inline_label is None or element.tag not in self._LABELISH:
            return None
        if element.tag == "span" and not any(_LABEL_CLASS_PARTS.intersection(_TOKEN_SPLIT.split(token))
                                             for token in _tokens(element)):
            return None
        if "".join(self.buf).strip():
            return None
        return (self.generation, len(self.buf))

    def close(self, state: tuple) -> None:
        """End an element opened by ``open``."""
        block, heading, bold, mark, anchor = state
        if anchor:
            self._link_from(self.anchors.pop())
        if mark is not None and mark[0] == self.generation:
            text = _collapse("".join(self.buf[mark[1]:]))
            if text and not text.endswith((":", "：")) and self.inline_label(text):
                self.buf.append(": ")
        if block:
            self.flush()
            self.blocks.pop()
        self.heading -= heading
        self.bold -= bold


def text_lines(root: Any, inline_label: Optional[Callable[[str], bool]] = None) -> list[Line]:
    """The visible lines under an lxml element, chrome and hidden parts skipped, in one pass.

    ``inline_label`` marks a bold/label element that opens a line and names a label
    (``<b>Pages</b> 12``) by adding the colon the markup left out.
    """
    builder = _LineBuilder(root, inline_label)
    stack: list[tuple[int, Any, Any]] = [(_OPEN, root, _inside_content(root))]
    while stack:
        kind, item, extra = stack.pop()
        if kind == _TEXT:
            builder.add(item, extra)
        elif kind == _CLOSE:
            builder.close(extra)
        else:
            _visit(builder, item, extra, stack)
    builder.flush()
    return builder.lines


def _visit(builder: _LineBuilder, element: Any, in_article: bool, stack: list) -> None:
    if element is not builder.root and element.tail:
        stack.append((_TEXT, element.tail, element.getparent()))
    if not isinstance(element.tag, str):
        return
    if element is not builder.root and is_chrome(element, in_article):
        return
    stack.append((_CLOSE, element, builder.open(element)))
    inner = in_article or element.tag in CONTENT_TAGS
    stack.extend((_OPEN, child, inner) for child in reversed(element))
    if element.text:
        stack.append((_TEXT, element.text, element))


def joined_text(element: Any) -> str:
    """All text under an element: inline elements joined as written ('CO<sub>2</sub>' is 'CO2'), blocks by a space."""
    parts: list[str] = []
    stack: list[tuple[bool, Any]] = [(True, element)]
    while stack:
        opening, node = stack.pop()
        block = node.tag in BLOCK_TAGS or node.tag == "br"
        if not opening:
            parts.append(" " if block else "")
            if node is not element and node.tail:
                parts.append(node.tail)
            continue
        if not isinstance(node.tag, str) or node.tag in SKIP_TAGS:
            if node is not element and node.tail:
                parts.append(node.tail)
            continue
        parts.append(" " if block else node.text or "")
        if block and node.text:
            parts.append(node.text)
        stack.append((False, node))
        stack.extend((True, child) for child in reversed(node))
    return _collapse("".join(parts))


def element_text(element: Any) -> str:
    """Visible text of one element on a single line (line breaks become spaces)."""
    return " ".join(line.text for line in text_lines(element))


class PageText:
    """What several sources read of one page, each part computed on first use and kept."""

    def __init__(self, selector: Selector):
        self.selector = selector

    @cached_property
    def main(self) -> Selector:
        """The node holding the page's main content (main, article, #content, ..., densest block)."""
        return _find_main(self.selector)

    @cached_property
    def lines(self) -> list[Line]:
        """``text_lines`` of the main content, labels set in bold or as a label element marked with a colon."""
        return text_lines(self.main.root, is_label)

    @cached_property
    def reference_flags(self) -> list[bool]:
        """``reference_flags`` of ``lines``."""
        return reference_flags(self.lines, self.main.root)

    @cached_property
    def site_names(self) -> tuple[str, ...]:
        """Names the page gives its site (``find_site_names``)."""
        return find_site_names(self.selector)

    @cached_property
    def classed(self) -> list[Any]:
        """Every element that has a class attribute, in document order."""
        return self.selector.root.xpath("//*[@class]")

    @cached_property
    def order(self) -> dict[Any, int]:
        """Each element's position in document order."""
        return {node: i for i, node in enumerate(self.selector.root.iter())}


def page_text(page: Selector | PageText) -> PageText:
    """``page`` when it is a ``PageText`` already, else a new one for the selector (its parts computed afresh)."""
    return page if isinstance(page, PageText) else PageText(page)


def _find_main(selector: Selector) -> Selector:
    body = (selector.xpath("//body") or [selector])[0]
    floor = min(_MIN_MAIN_CHARS, text_len(body.root) // 2)
    for css in _MAIN_SELECTORS:
        sized = [(text_len(node.root), node) for node in selector.css(css)]
        if sized:
            size, best = max(sized, key=lambda pair: pair[0])
            if size >= floor:
                return _with_title_heading(_enclosing_article(_with_sibling_parts(best)), selector)
    return Selector(root=_densest_block(body.root), type="html")


#: Class tokens of the heading that holds the article's title.
TITLE_CLASS_TOKENS = frozenset({"article-title", "articletitle", "article_title", "citation-title", "citation_title",
                                "document-title", "paper-title", "entry-title", "chapter-title"})


def _title_headings(root: Any) -> list[Any]:
    """<h1>/<h2> elements classed as the article's title, outside site chrome."""
    found = [h for h in root.iter("h1", "h2") if not TITLE_CLASS_TOKENS.isdisjoint(_tokens(h))]
    return [h for h in found if not any(is_chrome(e, _inside_content(h)) for e in (h, *h.iterancestors()))]


def _with_title_heading(node: Selector, selector: Selector) -> Selector:
    """The main content widened to hold the heading classed as the article's title (its header, citation, DOI)."""
    titles = _title_headings(selector.root)
    if len(titles) != 1 or within(titles[0], node.root):
        return node
    ancestor = next((a for a in node.root.iterancestors() if within(titles[0], a)), None)
    if ancestor is None or ancestor.tag in ("body", "html"):
        return node
    return Selector(root=ancestor, type="html")


def _with_sibling_parts(node: Selector) -> Selector:
    """The parent of an <article> that has <article> siblings: the parts (header, abstract, body) of one article.

    A page of several articles is no concern here: a listing has no main <article> text to choose.
    """
    root = node.root
    parent = root.getparent()
    if root.tag != "article" or parent is None or parent.tag in ("body", "html"):
        return node
    siblings = [child for child in parent if child is not root and child.tag == "article"]
    return Selector(root=parent, type="html") if siblings else node


def _enclosing_article(node: Selector) -> Selector:
    """The <article> around a chosen <main>, which holds the article's header and metadata too."""
    article = next((a for a in node.root.iterancestors("article")), None)
    return node if article is None else Selector(root=article, type="html")


def _text_sizes(root: Any) -> dict[Any, int]:
    """Visible characters under every element, children summed before parents (one pass)."""
    sizes: dict[Any, int] = {}
    for element in reversed(list(root.iter())):
        if not isinstance(element.tag, str) or element.tag in SKIP_TAGS:
            sizes[element] = 0
            continue
        size = len("".join((element.text or "").split()))
        for child in element:
            size += sizes.get(child, 0) + len("".join((child.tail or "").split()))
        sizes[element] = size
    return sizes


def _densest_block(root: Any) -> Any:
    """Descend from ``root`` through wrappers while one of them holds nearly all of the text.

    Lists, paragraphs and reference blocks are never entered: a long reference list or
    abstract must not become "the content" and cut off the labels around it.
    """
    sizes, element = _text_sizes(root), root
    while True:
        children = [child for child in element if child.tag in _WRAPPER_TAGS]
        if not children or sizes[element] == 0:
            return element
        child = max(children, key=sizes.__getitem__)
        if sizes[child] < _DOMINANT_SHARE * sizes[element] or is_reference_block(child):
            return element
        element = child


def in_reference_list(element: Any) -> bool:
    """True when ``element`` or an ancestor is classed as a reference or citation list."""
    return any(is_reference_block(e) for e in (element, *element.iterancestors()))


def any_ancestor(node: Any, test: Callable[[Any], bool], memo: dict[Any, bool]) -> bool:
    """True when ``test`` holds for ``node`` or an ancestor; ``memo`` caches verdicts per element."""
    chain = []
    while node is not None and node not in memo:
        chain.append(node)
        node = node.getparent()
    verdict = memo.get(node, False)
    for element in reversed(chain):
        verdict = memo[element] = verdict or test(element)
    return verdict


def _in_reference_block(node: Any, memo: dict[Any, bool]) -> bool:
    """True when ``node`` or an ancestor is a reference/citation list; ``memo`` holds verdicts."""
    return any_ancestor(node, is_reference_block, memo)


def is_reference_heading(text: str) -> bool:
    """True for a line that opens a reference list ('References', 'Bibliography:').

    >>> is_reference_heading("References:"), is_reference_heading("Works cited"), is_reference_heading("Abstract")
    (True, True, False)
    """
    return text.rstrip(" :：").casefold() in REFERENCE_HEADINGS


def label_scope(line: Line) -> Any:
    """The element that frames a heading or label line: its block, widened while it holds only that line."""
    node, size = line.node, _solid_len(line.text) + 2
    while node.getparent() is not None and not _shows_more_than(node, size):
        node = node.getparent()
    return node


def _solid_len(text: str) -> int:
    return len(text) - text.count(" ")


def _shows_more_than(element: Any, limit: int) -> bool:
    """True when ``element`` shows more than ``limit`` non-space characters (scripts and styles unseen)."""
    seen = 0
    for node in element.iter():
        if node is not element and node.tail:
            seen += len("".join(node.tail.split()))
        if isinstance(node.tag, str) and node.tag not in SKIP_TAGS and node.text:
            seen += len("".join(node.text.split()))
        if seen > limit:
            return True
    return False


def within(node: Any, scope: Any) -> bool:
    """True when ``node`` is ``scope`` or inside it."""
    return node is scope or any(ancestor is scope for ancestor in node.iterancestors())


def reference_flags(lines: list[Line], root: Any) -> list[bool]:
    """For each line, whether it belongs to a reference list.

    A list runs from a 'References' heading to the next heading or out of the heading's frame;
    lines inside an element classed as references or citation list belong to one as well.
    """
    flags, scope, memo = [], None, {root: False}
    for line in lines:
        if is_reference_heading(line.text):
            scope = label_scope(line)
        elif scope is not None and (line.heading_like or not within(line.node, scope)):
            scope = None
        flags.append(scope is not None or _in_reference_block(line.node, memo))
    return flags


def _is_logo(heading: Any) -> bool:
    """True for a heading that is the site's name: logo markup, or a lone link to the home page."""
    nearby = (heading, *list(heading.iterancestors())[:_LOGO_DEPTH])
    if any(_token_hit(e, _LOGO_TOKENS, _LOGO_TOKEN_PARTS) for e in nearby if e.tag not in _NEVER_CHROME):
        return True
    links = heading.xpath(".//a/@href")
    return len(links) == 1 and _is_home(links[0])


def _is_home(href: str) -> bool:
    """True for a link to a site's front page ('/', 'https://site.example', '/index.php')."""
    parts = urlsplit(href.strip())
    return not parts.query and (parts.path in _HOME_PATHS or (bool(parts.netloc) and not parts.path))


def _is_chrome_heading(heading: Any) -> bool:
    """True for headings in menus, site headers, footers, hidden parts, or naming the site."""
    in_article = _inside_content(heading)
    if any(is_chrome(e, in_article) for e in (heading, *heading.iterancestors())):
        return True
    return _is_logo(heading)


def _heading_texts(document: Any, main: Any) -> Iterator[tuple[str, str]]:
    """(tag, text) of content headings: those classed as the title, h1s of the main content, all h1s, h2/h3."""
    seen = set()
    for heading in (*_title_headings(document), *main.iter("h1"), *document.iter("h1"), *document.iter("h2", "h3")):
        if heading in seen or _is_chrome_heading(heading):
            continue
        seen.add(heading)
        text = element_text(heading)
        if text and text.casefold().rstrip(": ") not in PAGE_PART_HEADINGS:
            yield heading.tag, text


def _page_title(selector: Selector) -> str:
    """The <title> text; inline markup a site wrote escaped into it ('&lt;em&gt;Homo&lt;/em&gt;') dropped."""
    titles = selector.xpath("//head/title") or selector.xpath("//title")
    return strip_markup(titles[0].xpath("string()").get()) if titles else ""


def _choose_heading(headings: list[tuple[str, str]], page_title: str, sites: tuple[str, ...]) -> Optional[str]:
    """The longest heading the <title> repeats; else the first h1 (an h2/h3 only without a <title>)."""
    wanted = strip_site_name(page_title, sites).casefold()
    wanted = "" if wanted.rstrip(": ") in PAGE_PART_HEADINGS else wanted
    repeated = [text for _, text in headings if wanted and text.casefold() in wanted]
    if repeated:
        return max(repeated, key=len)
    return next((text for tag, text in headings if tag == "h1" or not wanted), None)


def heading_candidate(page: Selector | PageText) -> Candidate:
    """Title from the page's main heading (never the <title>, never the site name)."""
    text = page_text(page)
    candidate = Candidate("heading")
    headings = _heading_texts(text.selector.root, text.main.root)
    first = list(islice(headings, _MAX_HEADINGS))
    candidate.set("title", _choose_heading(first, _page_title(text.selector), text.site_names))
    return candidate


def strip_site_name(title: str, known: Iterable[str] = (), guess: bool = True) -> str:
    """The title without its site-name part joined by ' | ', ' :: ', ' — ', ' – ' or ' - '.

    The part naming a ``known`` site or journal goes; without one, the shorter end part does
    (unless ``guess`` is False).

    >>> strip_site_name("Tidal Mills of the North Sea Coast | JournalHub")
    'Tidal Mills of the North Sea Coast'
    >>> strip_site_name("JournalHub :: Tidal Mills of the North Sea Coast")
    'Tidal Mills of the North Sea Coast'
    >>> strip_site_name("A long article title - with a subtitle | Site")
    'A long article title - with a subtitle'
    >>> strip_site_name("Editorial | Acta Exempli Internationalis", ["Acta Exempli Internationalis"])
    'Editorial'
    >>> strip_site_name("Plain title")
    'Plain title'
    >>> strip_site_name("Trade in the late XIX – early XX century - Hub", ["Hub"])
    'Trade in the late XIX – early XX century'
    >>> strip_site_name("Trade in the late XIX – early XX century", guess=False)
    'Trade in the late XIX – early XX century'
    """
    names = {_name_key(name) for name in known if name}
    names.discard("")
    for separator in _TITLE_SEPARATORS if names else ():
        head, _, tail = title.rpartition(separator)
        if head and _name_key(tail) in names:
            return head.strip()
        first, _, rest = title.partition(separator)
        if rest and _name_key(first) in names:
            return rest.strip()
    return _strip_shorter_end(title) if guess else title


def _name_key(name: str) -> str:
    return " ".join(name.split()).strip(" .,:;").casefold()


def _strip_shorter_end(title: str) -> str:
    for separator in _TITLE_SEPARATORS:
        if separator not in title:
            continue
        head, _, tail = title.rpartition(separator)
        if len(tail) < len(head):
            return head.strip()
        first, _, rest = title.partition(separator)
        return rest.strip() if len(first) < len(rest) else title
    return title


def find_site_names(selector: Selector) -> tuple[str, ...]:
    """The site names of ``site_names``, read from the page."""
    named = [_collapse(name) for name in selector.xpath(_SITE_NAME_META).getall()]
    named += [_logo_text(logo) for logo in selector.xpath(_LOGO_ELEMENTS)[:_MAX_LOGOS]]
    named += [_logo_text(link) for link in selector.xpath(_BANNER_LINKS)[:_MAX_LOGOS * 4]
              if _is_home(link.attrib.get("href", ""))]
    return tuple(dict.fromkeys(n for n in named if 0 < len(n) <= 200))


def _logo_text(logo: Selector) -> str:
    """A logo's text, else its image's alt text."""
    return _collapse(logo.xpath("string()").get() or "") or _collapse(logo.xpath(".//img/@alt").get() or "")


def title_tag_candidate(page: Selector | PageText) -> Candidate:
    """Title from <title>, with the site-name prefix or suffix removed."""
    text = page_text(page)
    candidate = Candidate("title_tag")
    page_title, sites = _page_title(text.selector), text.site_names
    whole = strip_site_name(page_title, sites, guess=False)
    shown = _shown_part(whole, [line.text for line in text.lines]) if whole else None
    candidate.set("title", shown or strip_site_name(page_title, sites))
    return candidate


def _shown_part(title: str, shown: list[str]) -> Optional[str]:
    """The <title> when the page shows it whole as a line (a dash inside stays), else the part before one
    of its separators that the page shows; None when the page shows neither."""
    if title in shown:
        return title
    for separator in _TITLE_SEPARATORS:
        head, _, tail = title.rpartition(separator)
        if head and head.strip() in shown:
            return head.strip()
    return None


def _article_doi(found: str, others: list[str]) -> str:
    """The article's DOI among the links: ``found``'s parent when it is a component of one ('…/ex.4375/table-1'
    -> '…/ex.4375'); the paper inside when ``found`` is a volume's DOI."""
    parents = [o for o in others if doi_extension(o, found) and not is_part_doi(o, found)]
    if parents:
        return min(parents, key=len)
    return next((o for o in others if is_part_doi(found, o)), found)


def _header_end(lines: list[Line], opens_abstract: Callable[[str], bool]) -> int:
    """Index of the first line past the article's header: its abstract label or the body's first <h2>."""
    for index, line in enumerate(lines[1:], 1):
        if (line.heading and line.node.tag == "h2") or opens_abstract(line.text):
            return index
    return len(lines)


def _in_prose(line: Line, link_text: str) -> bool:
    """A link set inside a sentence: a lower-case word right before it, or words going on after it."""
    before, _, after = line.text.partition(link_text)
    return bool(_PROSE_BEFORE.search(before)) or len(_WORD.findall(after)) >= _PROSE_WORDS_AFTER


def _article_doi_link(line: Line, link_text: str, in_header: bool) -> bool:
    """A DOI link naming the article: on a 'DOI:' line, bare on a line of its own, or in the header, not in prose."""
    if _DOI_LABEL.match(line.text):
        return True
    if line.all_link and _BARE_DOI.fullmatch(link_text) and line.node.tag != "li":
        return True
    return in_header and not _in_prose(line, link_text)


#: A DOI the page gives as the volume's, book's or proceedings' ('Volume DOI:', 'DOI of the book'), never the paper's.
_WHOLE_WORK_DOI = re.compile(rf"\b{pattern('whole_work_doi')}\b", re.I)


def _doi_links(lines: list[Line], flags: list[bool], header_end: int) -> list[str]:
    found = []
    for index, (line, in_references) in enumerate(zip(lines, flags)):
        if not in_references and not _WHOLE_WORK_DOI.search(line.text):
            found.extend(m.group(0) for text, href in line.links
                         if (m := _DOI_URL.search(href)) and _article_doi_link(line, text, index < header_end))
    return found


def _doi_line(lines: list[Line], flags: list[bool], header_end: int) -> Optional[str]:
    """A 'DOI:' line; in the header also a 'doi:' ending a citation line ('Acta 68 (4), 2023: 709-718 doi:…')."""
    for index, (line, in_references) in enumerate(zip(lines, flags)):
        skipped = in_references or _WHOLE_WORK_DOI.search(line.text)
        match = None if skipped else _DOI_LINE.match(line.text)
        if match is None and not skipped and index < header_end:
            match = _DOI_AFTER_CITATION.search(line.text)
        if match:
            return match.group(1).rstrip(".,;")
    return None


def doi_text_candidate(page: Selector | PageText) -> Candidate:
    """The article's DOI from a doi.org link in the main content, else a 'DOI:' text line.

    Links in reference lists (by class, or after a 'References' heading) and links cited in the
    running text (a dataset's, another paper's) are skipped: a link counts on a 'DOI:' line, as a
    bare DOI on a line of its own, or in the article's header (before its abstract or first <h2>).
    """
    text = page_text(page)
    candidate = Candidate("text")
    lines, flags = text.lines, text.reference_flags
    header_end = _header_end(lines, opens_abstract)
    links = _doi_links(lines, flags, header_end)
    candidate.set("doi", _article_doi(links[0], links) if links else _doi_line(lines, flags, header_end))
    return candidate
