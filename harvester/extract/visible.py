"""Fallbacks read from what a reader sees: the main content, its lines, heading, <title> and DOI.

``main_content`` and ``main_lines`` are memoised per ``Selector`` (weakly), so the several
sources that read one page's visible text walk its DOM once.
"""

from __future__ import annotations

import re
import weakref
from itertools import islice
from dataclasses import dataclass
from typing import Any, Callable, Iterator, Optional
from urllib.parse import urlsplit

from parsel import Selector

from harvester.extract.base import Candidate

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
_CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "menu", "menubar", "search"})
#: Class tokens treated like <header>/<footer>: chrome unless inside the article.
_FRAME_TOKENS = frozenset({"header", "footer"})
_CHROME_WHOLE_TOKENS = frozenset(
    {"site-header", "site-footer", "sr-only", "visually-hidden", "screen-reader-text",
     "pkp_screen_reader", "skip", "skip-link", "masthead"}
)
_CHROME_TOKEN_PARTS = frozenset(
    {"nav", "navbar", "navigation", "menu", "menubar", "breadcrumb", "breadcrumbs", "cookie",
     "cookies", "share", "sharing", "social", "toolbar", "skiplinks"}
)
_LOGO_TOKEN_PARTS = frozenset({"logo", "brand", "branding", "sitename", "slogan", "tagline"})
_LOGO_TOKENS = frozenset({"site-title", "site-name", "site_title", "site_name", "title-area"})
#: How far up a logo wrapper may sit around a heading (<div class="logo"><a><h1>).
_LOGO_DEPTH = 2
_HOME_PATHS = frozenset({"/", "/index.html", "/index.php", "./"})
#: Headings that name a part of the page, never the article.
_SECTION_WORDS = frozenset(
    {"abstract", "keywords", "references", "menu", "navigation", "search", "resumo", "resumen",
     "résumé", "аннотация", "zusammenfassung", "main menu", "login", "sign in", "citation"}
)
#: Headings that open a reference list (its DOIs are other works' DOIs).
REFERENCE_HEADINGS = frozenset(
    {"references", "reference list", "bibliography", "literature cited", "works cited", "notes",
     "список литературы", "литература", "referências", "referências bibliográficas",
     "referencias", "referencias bibliográficas", "références", "bibliographie", "literatur",
     "literaturverzeichnis", "cited by"}
)
# BEM modifiers ("header--has-social-sharers") describe state, not what the element is.
_MODIFIER = re.compile(r"--.*$")
_TOKEN_SPLIT = re.compile(r"[-_]")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
# 'ref' only at a class-token start ("ref-list", "c-article-references"), never in "preface";
# "bibliographic information" describes the article itself, a bibliography lists other works.
_REFERENCE_HINT = re.compile(r"(?:^|[\s_-])ref|bibliograph(?!ic)|citation-list", re.I)
_DOI_URL = re.compile(r"(?:https?://)?(?:dx\.|www\.)?doi\.org/10\.\d{4,9}/[^\s\"'<>]+", re.I)
_DOI_LINE = re.compile(r"doi\s*[:：]?\s*((?:https?://(?:dx\.)?doi\.org/)?10\.\d{4,9}/\S+)", re.I)
_DOI_SUFFIX_BOUNDARY = frozenset("./-_")
_TITLE_SEPARATORS = (" | ", " :: ", " — ", " – ", " - ")
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

_OPEN, _CLOSE, _TEXT = 0, 1, 2
_MAIN_CACHE: "weakref.WeakKeyDictionary[Selector, Selector]" = weakref.WeakKeyDictionary()
_LINES_CACHE: "weakref.WeakKeyDictionary[Selector, tuple]" = weakref.WeakKeyDictionary()


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


def _token_hit(element: Any, whole: frozenset, parts: frozenset) -> bool:
    for token in _tokens(element):
        token = _MODIFIER.sub("", token)
        if token and (token in whole or not parts.isdisjoint(_TOKEN_SPLIT.split(token))):
            return True
    return False


def is_hidden(element: Any) -> bool:
    """True for elements a browser does not show (hidden, aria-hidden, display:none)."""
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    return bool(_HIDDEN_STYLE.search(element.get("style") or ""))


def is_chrome(element: Any, in_article: bool) -> bool:
    """True for invisible elements and site chrome (menus, headers, footers, share bars)."""
    tag = element.tag
    if tag in SKIP_TAGS or is_hidden(element) or element.get("role") in _CHROME_ROLES:
        return True
    if tag in _NEVER_CHROME:
        return False
    if not in_article and (tag in CHROME_TAGS or not _FRAME_TOKENS.isdisjoint(_tokens(element))):
        return True
    return _token_hit(element, _CHROME_WHOLE_TOKENS, _CHROME_TOKEN_PARTS)


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
        if element.tag == "span" and "label" not in _tokens(element):
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


def element_text(element: Any) -> str:
    """Visible text of one element on a single line (line breaks become spaces)."""
    return " ".join(line.text for line in text_lines(element))


def main_content(selector: Selector) -> Selector:
    """The node holding the page's main content (main, article, #content, ..., densest block)."""
    cached = _MAIN_CACHE.get(selector)
    if cached is None:
        cached = _MAIN_CACHE[selector] = _find_main(selector)
    return cached


def main_lines(selector: Selector, inline_label: Optional[Callable[[str], bool]] = None) -> list[Line]:
    """``text_lines`` of the page's main content, computed once per page and label marker."""
    cached = _LINES_CACHE.get(selector)
    if cached is None or cached[0] is not inline_label:
        cached = (inline_label, text_lines(main_content(selector).root, inline_label))
        _LINES_CACHE[selector] = cached
    return cached[1]


def _find_main(selector: Selector) -> Selector:
    body = (selector.xpath("//body") or [selector])[0]
    floor = min(_MIN_MAIN_CHARS, text_len(body.root) // 2)
    for css in _MAIN_SELECTORS:
        sized = [(text_len(node.root), node) for node in selector.css(css)]
        if sized:
            size, best = max(sized, key=lambda pair: pair[0])
            if size >= floor:
                return _enclosing_article(best)
    return Selector(root=_densest_block(body.root), type="html")


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
        if sizes[child] < _DOMINANT_SHARE * sizes[element] or _has_reference_hint(child):
            return element
        element = child


def _has_reference_hint(element: Any) -> bool:
    return _REFERENCE_HINT.search(f"{element.get('class') or ''} {element.get('id') or ''}") is not None


def in_reference_list(element: Any) -> bool:
    """True when ``element`` or an ancestor is classed as a reference or citation list."""
    return any(_has_reference_hint(e) for e in (element, *element.iterancestors()))


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
    return any_ancestor(node, _has_reference_hint, memo)


def is_reference_heading(text: str) -> bool:
    """True for a line that opens a reference list ('References', 'Список литературы:').

    >>> is_reference_heading("References:"), is_reference_heading("Referências"), is_reference_heading("Abstract")
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
    """(tag, text) of content headings: h1s of the main content, then all h1s, then h2/h3."""
    seen = set()
    for heading in (*main.iter("h1"), *document.iter("h1"), *document.iter("h2", "h3")):
        if heading in seen or _is_chrome_heading(heading):
            continue
        seen.add(heading)
        text = element_text(heading)
        if text and text.casefold().rstrip(": ") not in _SECTION_WORDS:
            yield heading.tag, text


def _page_title(selector: Selector) -> str:
    titles = selector.xpath("//head/title") or selector.xpath("//title")
    return _collapse(titles[0].xpath("string()").get()) if titles else ""


def _choose_heading(headings: list[tuple[str, str]], page_title: str) -> Optional[str]:
    """The longest heading the <title> repeats; else the first h1 (an h2/h3 only without a <title>)."""
    wanted = strip_site_name(page_title).casefold()
    repeated = [text for _, text in headings if wanted and text.casefold() in wanted]
    if repeated:
        return max(repeated, key=len)
    return next((text for tag, text in headings if tag == "h1" or not wanted), None)


def heading_candidate(selector: Selector) -> Candidate:
    """Title from the page's main heading (never the <title>, never the site name)."""
    candidate = Candidate("heading")
    headings = _heading_texts(selector.root, main_content(selector).root)
    first = list(islice(headings, _MAX_HEADINGS))
    candidate.set("title", _choose_heading(first, _page_title(selector)))
    return candidate


def strip_site_name(title: str) -> str:
    """The title without a shorter site-name part joined by ' | ', ' :: ', ' — ', ' – ' or ' - '.

    >>> strip_site_name("Soviet Defectors in Germany after World War II | JournalHub")
    'Soviet Defectors in Germany after World War II'
    >>> strip_site_name("JournalHub :: Soviet Defectors in Germany")
    'Soviet Defectors in Germany'
    >>> strip_site_name("A long article title - with a subtitle | Site")
    'A long article title - with a subtitle'
    >>> strip_site_name("Plain title")
    'Plain title'
    """
    for separator in _TITLE_SEPARATORS:
        if separator not in title:
            continue
        head, _, tail = title.rpartition(separator)
        if len(tail) < len(head):
            return head.strip()
        first, _, rest = title.partition(separator)
        return rest.strip() if len(first) < len(rest) else title
    return title


def title_tag_candidate(selector: Selector) -> Candidate:
    """Title from <title>, with a site-name prefix or suffix removed."""
    candidate = Candidate("title_tag")
    candidate.set("title", strip_site_name(_page_title(selector)))
    return candidate


def _shortest_parent_doi(found: str, others: list[str]) -> str:
    """The article's DOI when ``found`` extends it ('…/peerj.4375/table-1' -> '…/peerj.4375')."""
    bare = found.split("doi.org/", 1)[-1]
    parents = [o for o in others if (b := o.split("doi.org/", 1)[-1]) != bare and bare.startswith(b)
               and bare[len(b)] in _DOI_SUFFIX_BOUNDARY]
    return min(parents, key=len) if parents else found


def _doi_links(lines: list[Line], flags: list[bool]) -> list[str]:
    found = []
    for line, in_references in zip(lines, flags):
        if not in_references:
            found.extend(m.group(0) for _, href in line.links if (m := _DOI_URL.search(href)))
    return found


def _doi_line(lines: list[Line], flags: list[bool]) -> Optional[str]:
    for line, in_references in zip(lines, flags):
        match = None if in_references else _DOI_LINE.match(line.text)
        if match:
            return match.group(1).rstrip(".,;")
    return None


def doi_text_candidate(selector: Selector) -> Candidate:
    """The article's DOI from a doi.org link in the main content, else a 'DOI:' text line.

    Links and lines inside reference lists (by class, or after a 'References' heading) are skipped.
    """
    from harvester.extract.labels import is_label  # shares the lines labels.py walks

    candidate = Candidate("text")
    lines = main_lines(selector, is_label)
    flags = reference_flags(lines, main_content(selector).root)
    links = _doi_links(lines, flags)
    candidate.set("doi", _shortest_parent_doi(links[0], links) if links else _doi_line(lines, flags))
    return candidate
