"""The abstract from a block classed as one ('abstract', 'hlFld-Abstract', SPIP 'chapo') where no label shows it."""

from __future__ import annotations

import re
from typing import Any, Optional

from parsel import Selector

from harvester.extract.labelled.abstract_lines import ABSTRACT_KINDS, abstract_lines
from harvester.extract.labelled.line_labels import line_entries
from harvester.extract.labelled.region import body, in_chrome
from harvester.extract.labelled.values import clean_value
from harvester.extract.visible import Line, any_ancestor, in_reference_list, is_foreign, text_len, text_lines, within
from harvester.vocabulary import is_label

_ABSTRACT_BLOCKS = (
    "descendant::*/@class[contains(., 'bstract') or contains(., 'chapo')]/.. | descendant::*[@id = 'abstract']"
)
#: Class names of a block holding the abstract with no label: 'abstract', 'hlFld-Abstract', SPIP's 'chapo'.
_ABSTRACT_CLASS_ENDS = frozenset({"abstract", "chapo", "chapeau"})
#: Class-name parts of blocks that only look like the abstract (a visual abstract, highlights, a toggle).
_NOT_ABSTRACT_PARTS = frozenset(
    {"visual", "graphical", "lay", "plain", "popular", "teaser", "highlights", "link", "toggle", "button",
     "btn", "title", "heading", "label", "figure", "nav", "menu", "tab", "tabs", "artifact"}
)
_CLASS_PARTS = re.compile(r"[-_]+")
_HEADINGS = "descendant::*[self::h1 or self::h2 or self::h3 or self::h4 or self::h5 or self::h6]"
_AWAY_LINKS = "descendant::a[@href and not(starts-with(normalize-space(@href), '#'))]"
_PREVIEW_CHARS = 40


def _is_abstract_block(element: Any) -> bool:
    """Classed as the abstract ('abstract', 'hlFld-Abstract'), and nothing marks it a look-alike."""
    tokens = [[p for p in _CLASS_PARTS.split(token) if p] for token in
              (element.get("class") or "").lower().split() + [(element.get("id") or "").lower()]]
    if any(not _NOT_ABSTRACT_PARTS.isdisjoint(parts) for parts in tokens):
        return False
    return any(parts and parts[-1] in _ABSTRACT_CLASS_ENDS for parts in tokens)


def abstract_block(selector: Selector, region: Any, title: Optional[Any]) -> Optional[str]:
    """The abstract from a block classed as one in the article, when the page shows it without a label.

    Only blocks in or around the main content (widened to hold the title heading) count; those in
    list items or teaser cards (a listing's entries, 'more from this journal'), in related,
    recommended or reference blocks and in site chrome are passed over.  Of several blocks (abstracts in several
    languages) the one nearest the title wins; several and no title to tell them apart give nothing.
    """
    foreign_memo = dict.fromkeys([region, *region.iterancestors()], False)
    blocks = [e for e in body(selector).xpath(_ABSTRACT_BLOCKS)
              if (within(e, region) or within(region, e)) and _is_abstract_block(e)
              and not in_chrome(e) and not in_reference_list(e)
              and not any_ancestor(e, is_foreign, foreign_memo) and not _in_entry(e, region)]
    outer = [e for e in blocks if not any(a in blocks for a in e.iterancestors())]
    for block in _nearest_first(outer, title):
        text = _abstract_text(text_lines(block, is_label)) or _split_paragraph_text(block)
        if text:
            return text
    return None


def _split_paragraph_text(block: Any) -> Optional[str]:
    """The text of a paragraph written inside an empty abstract <p> ('<p id=abstract><p>…</p></p>'),
    which the parser sets right after it."""
    following = block.getnext()
    if block.tag != "p" or text_len(block) or following is None or following.tag != "p":
        return None
    return _abstract_text(text_lines(following, is_label)) or None


def _in_entry(block: Any, region: Any) -> bool:
    """Inside a listing's entry: a list item, or a card whose heading links elsewhere among cards like it."""
    for ancestor in block.iterancestors():
        if ancestor.tag == "li":
            return True
        if ancestor is region:
            return False
        headings = [h for h in ancestor.xpath(_HEADINGS) if not within(h, block)]
        if headings:
            return any(h.xpath(_AWAY_LINKS) for h in headings) and _has_twin_card(ancestor)
    return False


def _has_twin_card(item: Any) -> bool:
    """Another element beside ``item``, of its tag and class, also holds a heading that links elsewhere."""
    return any(sibling.tag == item.tag and sibling.get("class") == item.get("class")
               and sibling.xpath(f"{_HEADINGS}/{_AWAY_LINKS}")
               for sibling in (*item.itersiblings(preceding=True), *item.itersiblings()))


def _nearest_first(blocks: list[Any], title: Optional[Any]) -> list[Any]:
    """The blocks by distance from the title heading in document order; none of several without a title."""
    if len(blocks) < 2:
        return blocks
    if title is None:
        return []
    order = {element: position for position, element in enumerate(title.getroottree().getroot().iter())}
    return sorted(blocks, key=lambda block: abs(order[block] - order[title]))


def _abstract_text(lines: list[Line]) -> str:
    """An abstract block's text without its own 'Abstract' label."""
    head = ""
    if lines and (entries := line_entries(lines[0])) and entries[0][0] in ABSTRACT_KINDS:
        head, lines = clean_value(entries[0][1]), lines[1:]
    body_text = _without_preview(" ".join(line.text for line in abstract_lines(lines)))
    return " ".join(part for part in (head, body_text) if part).strip(" :：")


def _without_preview(text: str) -> str:
    """The full text where a cut preview precedes it ('show more' toggles): the opening recurs.

    >>> _without_preview("The first words of a long abstract the page cuts "
    ...                  "The first words of a long abstract the page cuts short here.")
    'The first words of a long abstract the page cuts short here.'
    """
    again = text.find(text[:_PREVIEW_CHARS], 1) if len(text) > 2 * _PREVIEW_CHARS else -1
    return text[again:] if again > 0 else text
