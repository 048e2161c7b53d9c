"""Authors from structured author markup in the page body (the byline a reader sees).

Four kinds of markup are read, the first that finds an author wins:

1. Name parts: elements classed 'given-name(s)' and 'surname' ('family-name', 'last-name'),
   as ScienceDirect and JATS-derived pages print them.
2. schema.org microdata: ``itemprop="author"`` with ``name`` or ``givenName``/``familyName``.
3. Name elements classed as authors: 'author-name', 'hlFld-ContribAuthor' (Atypon), eLife's
   'content-header__author', 'entryAuthor' and the like, and elements classed 'name' inside an
   author list (Open Journal Systems 3: ``ul.authors li span.name``, with ``span.affiliation``).
4. Unclassed items of an element classed as the author list (JATS-derived ``div.contrib-group > span``).

Only the first byline counts.  A byline ends at a heading, or where more than separators and
marks stand between two names (a long text, or a link worded like a title).  Later author
markup (an 'Author details' section, popups, a mobile copy of the list) may repeat its names,
never add to them; repeats only lend an ORCID iD or affiliations to the author of the same name.
When two or more later runs bring names of their own the page lists works (a table of
contents, search results) and has no byline.  Reference lists, 'cited by', related and
recommended blocks, and editors or reviewers listed with the authors, are never read: marked
so by their markup, or by the label before the name ('Handling Editor:', 'Reviewed by',
'Translator:', in every language of ``harvester.vocabulary``).

Affiliations are the ones the markup ties to one author: elements classed as affiliations
inside the author's own element, and in-page links from it to an affiliation ('#aff-1').
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from typing import Any, Callable, Iterable, NamedTuple, Optional

from parsel import Selector

from harvester.extract.base import Candidate
from harvester.extract.citeline import foreign_memo, in_foreign_block
from harvester.extract.visible import BLOCK_TAGS, PageText, page_text
from harvester.vocabulary import pattern, word_pattern

_TOKEN_SPLIT = re.compile(r"[-_]+")
_CLASS_HINT = re.compile(r"author|contrib|creator|surname|family|last|given|first|fore|(?:^|\s)name(?:\s|$)", re.I)
_OTHER_WORKS = frozenset({"ref", "refs", "reference", "references", "cit", "cite", "citation", "citations"})
#: How far up from a name its author's element may reach.
_MAX_UNIT_DEPTH = 5
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
#: Parts of a name element that are not the name: footnote marks, popups, icons, contact links.
_NOISE_PARTS = frozenset(
    {"xref", "symbol", "aff", "affiliation", "affiliations", "info", "popup", "overlay", "tooltip", "orcid",
     "email", "mail", "separator", "sep", "suffix", "icon", "hidden", "visuallyhidden", "sr", "degrees", "role",
     "corresp", "footnote", "fn", "label", "ref", "notes"}
)
_NOISE_TAGS = frozenset({"sup", "script", "style", "svg", "img", "button", "picture", "template", "noscript"})
_AFFILIATION_PARTS = frozenset({"aff", "affiliation", "affiliations", "institution", "institutions"})
_MARKERS = "*†‡§¶#⊥∥‖⁎"
_EDGE_JUNK = re.compile(rf"^[\s,;{_MARKERS}]+|[\s,;{_MARKERS}\d]+$")
_BRACKETED_ROLE = re.compile(r"\[[^\]]*\]")  # 'Kern, Lotte [VerfasserIn]'
_TRAILING_AND = re.compile(rf"\s*(?:,\s*)?\b{word_pattern('name_joiners')}\s*$", re.I)
_DEGREES = re.compile(rf"(?:,\s*{pattern('degree')}\.?)+$", re.I)
_NOT_A_NAME = re.compile(rf"@|https?:|www\.|\b{pattern('not_in_name')}\b", re.I)
_MAX_NAME_WORDS, _MAX_NAME_CHARS = 8, 80
#: Class parts of an author list whose entries print each name in an element classed 'name'.
_AUTHOR_LIST_PARTS = frozenset({"authors", "contributors", "creators"})
#: 'ul.authors > li > span.name': the list is at most this many levels above the name.
_AUTHOR_LIST_DEPTH = 3
#: Text other than names allowed between two authors of one byline (separators, marks, labels).
_MAX_GAP = 200
#: Later runs of new names that make a page a list of works rather than one work's page.
_MAX_FOREIGN_RUNS = 2
#: A link of this many words between two authors is a work's title, not a name or a mark.
_TITLE_WORDS = 4
_EDITOR = re.compile(rf"\b{pattern('editor_mark')}\b", re.I)
_NOT_LETTER_BEFORE, _NOT_LETTER_AFTER = r"(?<![^\W\d_])", r"(?![^\W\d_])"
#: Labels naming someone other than an author ('Handling Editor:', 'Reviewed by', 'Translator:'),
#: in the languages read.
_ROLE_LABEL = re.compile(_NOT_LETTER_BEFORE + pattern("editor_role") + _NOT_LETTER_AFTER, re.I)
#: Labels naming the authors ('Authors:', 'By', in every language read): an editor's label ends at one.
_AUTHOR_LABEL = re.compile(_NOT_LETTER_BEFORE + pattern("author_label") + _NOT_LETTER_AFTER, re.I)
#: How much text before a name may hold its label; a label further back labels something else.
_LABEL_REACH = 120
#: A line above an author list longer than this is text, not its label.
_MAX_LABEL_ABOVE = 40
_SPACE_BEFORE_COMMA = re.compile(r"\s+,")
_LABEL_TAGS = frozenset({"sup", "label", "script", "style"})
_AFFILIATION_LINK = re.compile(r"(?:^#|[\s_-])aff", re.I)
_ORCID_HREF = re.compile(r"orcid\.org/\d{4}-\d{4}-\d{4}-\d{3}[\dXx]", re.I)

Author = dict[str, Any]


class _Found(NamedTuple):
    """One author name read from the page: its element, the author's own element, the name parts."""

    element: Any
    unit: Any
    name: str
    given: Optional[str] = None
    family: Optional[str] = None


# --- reading one author ---------------------------------------------------------------------

def clean_author_name(text: str) -> Optional[str]:
    """A displayed name without footnote marks, separators, 'and' or degrees; None when it is no name.

    >>> clean_author_name(" Ida L. Moss, PhD , and"), clean_author_name("Show more")
    ('Ida L. Moss', None)
    >>> clean_author_name("Kern, Lotte [VerfasserIn]"), clean_author_name("Smith J.1,2*")
    ('Kern, Lotte', 'Smith J.')
    """
    name = " ".join(_BRACKETED_ROLE.sub(" ", text).split())
    for _ in range(2):
        name = _EDGE_JUNK.sub("", _TRAILING_AND.sub("", _DEGREES.sub("", name)))
    if not name or sum(ch.isalpha() for ch in name) < 2 or _NOT_A_NAME.search(name):
        return None
    if len(name) > _MAX_NAME_CHARS or len(name.split()) > _MAX_NAME_WORDS:
        return None
    return name


def _parts(element: Any) -> set[str]:
    """Lower-case pieces of the element's class tokens ('text surname' -> {'text', 'surname'})."""
    parts: set[str] = set()
    for token in (element.get("class") or "").lower().split():
        parts.update(_TOKEN_SPLIT.split(token.split("--")[0]))
    return parts


def _is_noise(element: Any) -> bool:
    if element.tag in _NOISE_TAGS or element.get("aria-hidden") == "true":
        return True
    return not _NOISE_PARTS.isdisjoint(_parts(element))


def name_text(element: Any) -> str:
    """The name an author element shows: its inline text, without marks, popups and nested blocks."""
    pieces: list[str] = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and not _is_noise(child) and child.tag not in BLOCK_TAGS:
            pieces.append(name_text(child))
        pieces.append(child.tail or "")
    return " ".join("".join(pieces).split())


def _affiliation_texts(unit: Any, targets: list[tuple[Any, bool]]) -> list[str]:
    """Affiliations classed as such inside the author's element or the in-page targets it links to.

    A target reached by an affiliation link ('#aff-1', class 'xref-aff') is an affiliation whole.
    """
    found = [_affiliation_text(target) for target, is_affiliation in targets if is_affiliation]
    for scope in (unit, *(target for target, is_affiliation in targets if not is_affiliation)):
        for element in scope.iter():
            if not isinstance(element.tag, str) or _AFFILIATION_PARTS.isdisjoint(_parts(element)):
                continue
            if element.tag == "a" and (element.get("href") or "").startswith("#"):
                continue  # a footnote link to the affiliation, read through its target
            if not any(_AFFILIATION_PARTS & _parts(inner) for inner in element.iterdescendants()):
                found.append(_affiliation_text(element))
    return list(dict.fromkeys(text for text in found if sum(ch.isalpha() for ch in text) >= 3))


def _affiliation_text(element: Any) -> str:
    """An affiliation's text without its footnote label ('1', 'a')."""
    text = " ".join(_unlabelled_text(element).split())
    return _SPACE_BEFORE_COMMA.sub(",", text).strip(" ,;")


def _unlabelled_text(element: Any) -> str:
    pieces = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag not in _LABEL_TAGS and "label" not in _parts(child):
            pieces.append(_unlabelled_text(child))
        pieces.append(child.tail or "")
    return "".join(pieces)


def _linked_targets(unit: Any, by_id: Callable[[str], Any]) -> list[tuple[Any, bool]]:
    """Elements an author's in-page links point to ('#aff-1', eLife's '#x8d8d9914' popup), and
    whether the link is an affiliation link.  An empty anchor stands for its parent element."""
    targets = []
    for link in unit.xpath("descendant-or-self::a[contains(@href, '#')]"):
        target = by_id(link.get("href").partition("#")[2])
        if target is None or target is unit or target in unit.iterancestors():
            continue
        if not "".join(target.itertext()).strip() and target.getparent() is not None:
            target = target.getparent()
        is_affiliation = bool(_AFFILIATION_LINK.search(f"{link.get('href')} {link.get('class') or ''}"))
        targets.append((target, is_affiliation))
    return targets


def _orcid(scopes: Iterable[Any]) -> Optional[str]:
    for scope in scopes:
        for href in scope.xpath(".//a/@href | self::a/@href"):
            if (match := _ORCID_HREF.search(href)):
                return match.group(0)
    return None


def _author(found: _Found, by_id: Callable[[str], Any]) -> Author:
    """The author's values, with the affiliations and ORCID iD tied to the author's element."""
    targets = _linked_targets(found.unit, by_id)
    return {"name": found.name, "given": found.given, "family": found.family,
            "affiliations": _affiliation_texts(found.unit, targets),
            "orcid": _orcid((found.unit, *(target for target, _ in targets)))}


def _is_editor(element: Any, unit: Any) -> bool:
    """True for an editor or reviewer listed with the authors (itemprop, JATS contrib type, a role
    element, the label before the name)."""
    for node in (element, *list(element.iterancestors())[:_MAX_UNIT_DEPTH + 2]):
        marks = f"{node.get('itemprop') or ''} {node.get('data-jats-contrib-type') or ''} {node.get('class') or ''}"
        if _EDITOR.search(marks):
            return True
    roles = (" ".join(e.itertext()) for e in unit.iter() if isinstance(e.tag, str) and "role" in _parts(e))
    return any(_EDITOR.search(text) for text in roles) or labelled_as_editor(element)


def labelled_as_editor(element: Any) -> bool:
    """True when the last label before a name, in its block or just above it, names an editor,
    reviewer or translator ('Handling Editor: <span>X</span>'); an authors' label ends its reach."""
    before, block = _text_before(element)
    if not any(ch.isalpha() for ch in before):
        before = _label_above(block)
    role, author = _last_end(_ROLE_LABEL, before), _last_end(_AUTHOR_LABEL, before)
    return role > 0 and role >= author


def _text_before(element: Any) -> tuple[str, Any]:
    """The text before ``element`` inside its block (the last ``_LABEL_REACH`` characters), and the block.

    Walked backwards from the name, so a long block costs no more than the reach.
    """
    pieces: list[str] = []
    node = element
    while node.getparent() is not None:
        for sibling in node.itersiblings(preceding=True):
            pieces.append(_shown_text(sibling) + (sibling.tail or ""))
            if sum(map(len, pieces)) >= _LABEL_REACH:
                return "".join(reversed(pieces))[-_LABEL_REACH:], node.getparent()
        node = node.getparent()
        pieces.append(node.text or "")
        if node.tag in BLOCK_TAGS:
            break
    return "".join(reversed(pieces))[-_LABEL_REACH:], node


def _shown_text(node: Any) -> str:
    return "".join(node.itertext()) if isinstance(node.tag, str) else ""


def _label_above(block: Any) -> str:
    """The short text of the element just before ``block`` or its parent, when one is a label line."""
    for node in (block, block.getparent()):
        previous = node.getprevious() if node is not None else None
        while previous is not None and not isinstance(previous.tag, str):
            previous = previous.getprevious()
        if previous is not None:
            text = " ".join(_shown_text(previous).split())
            is_label = previous.tag != "h1" and len(text) <= _MAX_LABEL_ABOVE and len(text.split()) <= 3
            return text if is_label else ""  # the title above a byline is no label
    return ""


def _last_end(pattern: re.Pattern[str], text: str) -> int:
    """Where the last match of ``pattern`` in ``text`` ends (0 for none)."""
    ends = [match.end() for match in pattern.finditer(text)]
    return ends[-1] if ends else 0


# --- finding the author elements ------------------------------------------------------------

def _units(names: list[Any]) -> dict[Any, Any]:
    """For each name element, the widest ancestor (a few levels up) that holds no other name."""
    chains = {name: [name, *list(name.iterancestors())[:_MAX_UNIT_DEPTH]] for name in names}
    shared = Counter(node for chain in chains.values() for node in set(chain))
    units = {}
    for name, chain in chains.items():
        unit = name
        for node in chain[1:]:
            if shared[node] > 1 or node.tag in ("body", "html"):
                break
            unit = node
        units[name] = unit
    return units


def _is_other_works_token(parts: set[str]) -> bool:
    return not _OTHER_WORKS.isdisjoint(parts)


def _is_surname(parts: set[str]) -> bool:
    return ("surname" in parts or {"family", "name"} <= parts or {"last", "name"} <= parts
            or "familyname" in parts or "lastname" in parts) and not _is_other_works_token(parts)


def _is_given(parts: set[str]) -> bool:
    return bool(({"given", "first", "fore"} & parts and {"name", "names"} & parts)
                or {"givenname", "givennames", "firstname", "forename", "forenames"} & parts)


def _is_author_name(element: Any) -> bool:
    """A class token that names one author's element ('author-name', 'hlFld-ContribAuthor', 'c-header__author'),
    or a plain 'name' inside an author list (OJS 3: ``ul.authors li span.name``)."""
    for token in (element.get("class") or "").lower().split():
        token = token.split("--")[0]
        parts = _TOKEN_SPLIT.split(token)
        if _is_other_works_token(set(parts)):
            continue
        if token.endswith("author") or parts[-2:] in (["author", "name"], ["authors", "name"]):
            return True
        if parts[-1] == "authorname" or (token == "name" and _in_author_list(element)):
            return True
    return False


def _in_author_list(element: Any) -> bool:
    """True inside an element classed as the author list ('authors', 'author-list'), a few levels up."""
    for ancestor in list(element.iterancestors())[:_AUTHOR_LIST_DEPTH]:
        for token in (ancestor.get("class") or "").lower().split():
            parts = set(_TOKEN_SPLIT.split(token))
            if _AUTHOR_LIST_PARTS & parts and not _is_other_works_token(parts):
                return True
    return False


#: Class tokens of an author list whose items carry no class of their own (JATS 'contrib-group').
_AUTHOR_GROUP_TOKENS = frozenset({"contrib-group", "contribgroup", "author-group", "authors-list", "author-list",
                                  "authors", "contributors", "creators"})
_ITEM_TAGS = frozenset({"span", "li", "a"})


def _list_item_authors(classed: list[Any]) -> list[_Found]:
    """Authors from the unclassed items of an author list (``div.contrib-group > span``, ``ul.authors > li``)."""
    found = []
    for group in classed:
        if _AUTHOR_GROUP_TOKENS.isdisjoint((group.get("class") or "").lower().split()):
            continue
        for item in group:
            if item.tag not in _ITEM_TAGS or item.get("class") or any(e.tag in BLOCK_TAGS for e in item.iterdescendants()):
                continue
            name = clean_author_name(name_text(item))
            if name and not _is_editor(item, item):
                found.append(_Found(item, item, name))
    return found


def _name_part_authors(classed: list[Any]) -> list[_Found]:
    """Authors from 'given-name' / 'surname' elements, one per surname."""
    surnames = [e for e in classed if _is_surname(_parts(e))]
    units = _units(surnames)
    found = []
    for surname in surnames:
        unit = units[surname]
        given_el = next((e for e in unit.iter() if isinstance(e.tag, str) and _is_given(_parts(e))), None)
        family, given = name_text(surname), name_text(given_el) if given_el is not None else None
        name = clean_author_name(f"{given or ''} {family}")
        if name and family and not _is_editor(surname, unit):
            found.append(_Found(surname, unit, name, given or None, family))
    return found


def _microdata_authors(root: Any) -> list[_Found]:
    """Authors from schema.org microdata (``itemprop="author"``)."""
    found = []
    for element in root.xpath("//*[contains(concat(' ', normalize-space(@itemprop), ' '), ' author ')]"):
        if (element.get("itemtype") or "").endswith("Organization"):
            continue
        given, family = _itemprop_text(element, "givenName"), _itemprop_text(element, "familyName")
        shown = _itemprop_text(element, "name") or (" ".join(p for p in (given, family) if p))
        if not shown and element.get("itemscope") is None:
            shown = name_text(element)
        name = clean_author_name(shown or "")
        if name:
            found.append(_Found(element, element, name, given, family))
    return found


def _itemprop_text(element: Any, prop: str) -> Optional[str]:
    for node in element.xpath(f".//*[@itemprop='{prop}']"):
        text = name_text(node)  # a <meta> carries no visible name
        if text and text.strip():
            return " ".join(text.split())
    return None


def _class_authors(classed: list[Any]) -> list[_Found]:
    """Authors from elements classed as one author's name; the innermost of nested ones names it."""
    names = [e for e in classed if _is_author_name(e)]
    inner = set(names)
    for element in names:
        inner.difference_update(element.iterancestors())
    names = [e for e in names if e in inner]
    units = _units(names)
    found = []
    for element in names:
        name = clean_author_name(name_text(element))
        if name and not _is_editor(element, units[element]):
            found.append(_Found(element, units[element], name))
    return found


# --- the first byline -----------------------------------------------------------------------

def _first_byline(found: list[_Found], text: PageText, by_id: Callable[[str], Any]) -> list[Author]:
    """The first run of authors; repeats of its names elsewhere only lend it ORCID iDs and affiliations.

    A page where two or more later runs bring new names lists works (a table of contents, search
    results), and has no byline of its own.
    """
    runs = _runs(found, text)
    if not runs:
        return []
    byline: dict[str, Author] = {}
    for f in runs[0]:
        if (key := _name_key(f.name)) not in byline:
            byline[key] = _author(f, by_id)
    if sum(any(_name_key(f.name) not in byline for f in run) for run in runs[1:]) >= _MAX_FOREIGN_RUNS:
        return []
    for f in (f for run in runs[1:] for f in run):
        if (key := _name_key(f.name)) in byline:
            _lend(byline[key], _author(f, by_id))
    return list(byline.values())


def _runs(found: list[_Found], text: PageText) -> list[list[_Found]]:
    """Authors split into runs at headings and where other text stands between two of them."""
    if not found:
        return []
    order = text.order
    breaks = _section_breaks(text.selector.root, [f.element for f in found], order)
    runs = [[found[0]]]
    for previous, current in zip(found, found[1:]):
        split = bisect_left(breaks, order[current.element]) != bisect_left(breaks, order[previous.element])
        if split or _separated(previous, current):
            runs.append([])
        runs[-1].append(current)
    return runs


def _separated(previous: _Found, current: _Found) -> bool:
    """True when more than separators stand between two authors: over ``_MAX_GAP`` characters of
    text, or a link worded like a title (a list of works puts each work's title between its authors).

    The walk runs forward from the first author and stops at the second; marks, popups and hidden
    parts are not counted.
    """
    gap = _Gap(current.element)
    node = previous.element
    while node is not None:
        if gap.add(node.tail):
            return True
        for sibling in node.itersiblings():
            found = gap.visit(sibling)
            if found is not None:
                return found
            if gap.add(sibling.tail):
                return True
        node = node.getparent()
    return False


class _Gap:
    """Text met on the way to ``stop``, counted until it is too much for a byline."""

    def __init__(self, stop: Any):
        self.stop, self.size = stop, 0

    def add(self, text: Optional[str]) -> bool:
        """Count ``text``; True once the gap is too wide."""
        self.size += len((text or "").strip())
        return self.size > _MAX_GAP

    def visit(self, node: Any) -> Optional[bool]:
        """False on reaching ``stop``, True when the gap is too wide or holds a title link, else None."""
        if node is self.stop:
            return False
        if not isinstance(node.tag, str) or _is_noise(node):
            return False if self.stop in node.iterdescendants() else None
        if node.tag == "a" and len("".join(node.itertext()).split()) >= _TITLE_WORDS:
            return True
        if self.add(node.text):
            return True
        for child in node:
            found = self.visit(child)
            if found is not None:
                return found
            if self.add(child.tail):
                return True
        return None


def _section_breaks(root: Any, elements: list[Any], order: dict[Any, int]) -> list[int]:
    """Sorted positions of headings, leaving out headings that hold an author or sit inside one."""
    names = set(elements)
    holders = {a for element in elements for a in element.iterancestors()}
    return sorted(order[h] for h in root.iter(*_HEADINGS)
                  if h not in holders and h not in names and names.isdisjoint(h.iterancestors()))


def _lend(author: Author, repeat: Author) -> None:
    """Fill an author's missing ORCID iD and affiliations from a repeat of the same name."""
    author["orcid"] = author["orcid"] or repeat["orcid"]
    author["affiliations"] = author["affiliations"] or repeat["affiliations"]
    author["given"], author["family"] = author["given"] or repeat["given"], author["family"] or repeat["family"]


def _name_key(name: str) -> str:
    return " ".join(name.casefold().replace(".", " ").split())


def author_markup_candidate(page: Selector | PageText) -> Candidate:
    """Authors (name, given, family, affiliations, ORCID) from the page's author markup, in page order."""
    text = page_text(page)
    candidate = Candidate("bylines")
    root = text.selector.root
    memo = foreign_memo(text)
    classed = [e for e in text.classed if _CLASS_HINT.search(e.get("class"))
               and not in_foreign_block(e, memo)]
    ids: dict[str, Any] = {}

    def by_id(ident: str) -> Any:
        if not ids:
            ids.update((e.get("id"), e) for e in root.xpath("//*[@id]"))
        return ids.get(ident)

    for strategy in (lambda: _name_part_authors(classed),
                     lambda: [f for f in _microdata_authors(root) if not in_foreign_block(f.element, memo)],
                     lambda: _class_authors(classed), lambda: _list_item_authors(classed)):
        authors = _first_byline(strategy(), text, by_id)
        if authors:
            candidate.set("authors", authors)
            break
    return candidate
