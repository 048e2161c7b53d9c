"""The article's region of a page: its main content widened to hold the title, and the chrome around it."""

from __future__ import annotations

from typing import Any, Optional

from parsel import Selector

from harvester.extract.visible import CONTENT_TAGS, PageText, is_chrome, within


def body(selector: Selector) -> Any:
    """The page's <body>, else its root."""
    return next(selector.root.iter("body"), selector.root)


def in_chrome(element: Any) -> bool:
    """Inside site chrome (navigation, header, footer, sidebars), judged as inside or outside the article."""
    chain = [element, *element.iterancestors()]
    in_article = any(e.tag in CONTENT_TAGS for e in chain)
    return any(isinstance(e.tag, str) and is_chrome(e, in_article) for e in chain)


def article_region(text: PageText) -> tuple[Any, Optional[Any]]:
    """The main content widened until it holds the title heading (its or the page's first <h1>); that heading."""
    region = text.main.root
    title = next(region.iter("h1"), None)
    if title is None:
        title = next((h for h in body(text.selector).iter("h1") if not in_chrome(h)), None)
    while title is not None and not within(title, region) and region.getparent() is not None:
        region = region.getparent()
    return region, title
