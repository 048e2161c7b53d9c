"""Keywords as markup lists them: separately marked-up items, and the list right after a keywords label."""

from __future__ import annotations

import re
from typing import Any, Optional

from harvester.extract.labelled.headings import is_section_heading
from harvester.extract.labelled.line_labels import MAX_BARE
from harvester.extract.labelled.region import in_chrome
from harvester.extract.labelled.values import clean_value
from harvester.extract.visible import BLOCK_TAGS, CHROME_TAGS, Line, joined_text
from harvester.normalize import split_keywords
from harvester.vocabulary import KEYWORD_LABELS, label_key

#: Characters that may stand between separately marked-up keywords ('<a>A</a>, <a>B</a>').
_ITEM_GAPS = re.compile(r"[\s;,·•|/]+")
_MAX_ITEM_ELEMENTS = 400
_NOT_ITEM_TAGS = frozenset({"br", "img", "sup", "sub", "script", "style", "svg", "wbr", "hr"})
_KEYWORD_LABELS = frozenset(label_key(label) for label in KEYWORD_LABELS)
_KEYWORD_INITIALS = frozenset(label[0] for label in _KEYWORD_LABELS)
_MAX_KEYWORD_CHARS = 100
_MAX_KEYWORDS = 40
_FRAME_TAGS = CHROME_TAGS | {"nav", "menu"}


def _item_groups(block: Any) -> dict[tuple, list[Any]]:
    """Elements under ``block`` grouped by parent, tag and class: the candidates for repeated items."""
    groups: dict[tuple, list[Any]] = {}
    for count, element in enumerate(block.iterdescendants()):
        if count > _MAX_ITEM_ELEMENTS:
            break
        if isinstance(element.tag, str) and element.tag not in _NOT_ITEM_TAGS:
            groups.setdefault((element.getparent(), element.tag, element.get("class")), []).append(element)
    return groups


def separate_items(block: Any, text: str) -> Optional[list[str]]:
    """Texts of repeated sibling elements (same tag and class) that make up ``text`` exactly, one per element.

    ``<span class="Keyword">A</span> <span class="Keyword">B</span>`` are two values though the
    line reads 'A B'; None when no group of two or more elements covers the text.
    """
    wanted = _ITEM_GAPS.sub("", text)
    for items in _item_groups(block).values():
        if len(items) < 2:
            continue
        texts = [joined_text(item) for item in items]
        if all(texts) and _ITEM_GAPS.sub("", "".join(texts)) == wanted:
            return [clean_value(t) for t in texts]
    return None


def line_keywords(line: Line, text: str) -> str:
    """A keyword line's text, its separately marked-up keywords joined with '; '."""
    items = separate_items(line.node, text) if line.node is not None else None
    return "; ".join(items) if items and split_keywords(text) != items else text


def without_section_names(value: Optional[str]) -> Optional[str]:
    """A keyword list without article section names; None when it was mostly those (an outline)."""
    if not value:
        return value
    keywords = split_keywords(value)
    kept = [k for k in keywords if not is_section_heading(k)]
    if len(kept) == len(keywords):
        return value
    return "; ".join(kept) if kept and len(kept) > len(keywords) - len(kept) else None


def keyword_list(region: Any) -> Optional[str]:
    """The list right after a keywords label in the article's region (a tag dropdown, an info box)."""
    for label in region.iter():
        text = label.text
        if not text or len(text) > MAX_BARE or text.lstrip()[:1].casefold() not in _KEYWORD_INITIALS:
            continue
        if not isinstance(label.tag, str) or label_key(text) not in _KEYWORD_LABELS or in_chrome(label):
            continue
        items = _list_after(label)
        if items:
            return "; ".join(items)
    return None


def _list_after(label: Any) -> list[str]:
    """Items of the list whose text is the first text after ``label``, in the label's own section."""
    following = label.xpath("following::text()[normalize-space(.)][1]")
    holder = following[0].getparent() if following else None
    item = next((e for e in (holder, *holder.iterancestors()) if e.tag == "li"), None) if holder is not None else None
    if item is None or item.getparent() is None or not _near(label, item.getparent()):
        return []
    items = [joined_text(li) for li in item.getparent().iterchildren("li")]
    if len(items) > _MAX_KEYWORDS or any(len(text) > _MAX_KEYWORD_CHARS for text in items):
        return []
    return [text for text in items if text]


def _near(label: Any, found: Any) -> bool:
    """``found`` sits beside the label's block, not in the page's header, footer or menus."""
    block = next((e for e in (label, *label.iterancestors()) if e.tag in BLOCK_TAGS), label)
    section = block.getparent() if block.getparent() is not None else block
    between = []
    for ancestor in found.iterancestors():
        if ancestor is section:
            return not any(e.tag in _FRAME_TAGS for e in between)
        between.append(ancestor)
    return False
