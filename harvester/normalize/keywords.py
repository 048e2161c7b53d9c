"""Author keywords: split joined strings, drop labels and repeats, keep page order."""

from __future__ import annotations

import re

from harvester.vocabulary import KEYWORD_LABELS

from .text import strip_label, strip_separators

_STRONG_SPLIT_RE = re.compile(r"\s*[;；·•|▪\n\r]+\s*")
# ',' and the Chinese and Japanese commas ('，', '、'), outside brackets.
_COMMA_OUTSIDE_PARENS_RE = re.compile(r"[,，、](?![^()\[\]]*[)\]])")
# Subject classification codes listed among keywords: MSC (15B52, 60B20, 35K-xx), PACS (05.45.-a).
_CLASSIFICATION_CODE_RE = re.compile(r"^(\d{2}[A-Z-][\dXx]{2}|\d{2}\.\d{2}\.[\w+-]{1,3})$")


def _split_one(text: str, allow_commas: bool) -> list[str]:
    """Pieces of one string: on ``; · • |`` and newlines, else (when allowed) on commas."""
    pieces = _STRONG_SPLIT_RE.split(text)
    if len(pieces) == 1 and allow_commas:
        pieces = _COMMA_OUTSIDE_PARENS_RE.split(text)
    pieces[0] = strip_label(pieces[0], KEYWORD_LABELS) or ""
    return pieces


def _clean_keyword(piece: str) -> str | None:
    """One keyword without surrounding separators or a sentence-final full stop."""
    keyword = strip_separators(piece)
    if keyword is None:
        return None
    last_word = keyword.rsplit(" ", 1)[-1]
    # a sentence-final stop ('anti-communists.'), not an abbreviation's ('U.S.', 'e.')
    if len(last_word) > 3 and last_word.endswith(".") and last_word.count(".") == 1:
        keyword = keyword[:-1]
    return keyword if keyword.strip(".") else None


def is_classification_code(keyword: str) -> bool:
    """True for an MSC or PACS code, which classifies the subject but is no author keyword.

    >>> is_classification_code("15B52"), is_classification_code("05.45.-a"), is_classification_code("B12")
    (True, True, False)
    """
    return bool(_CLASSIFICATION_CODE_RE.match(keyword))


def split_keywords(raw: str | list[str] | None) -> list[str]:
    """Keywords from one joined string or a list (whose items may be joined), deduplicated, in order.

    A lone string, or a list of one string, is split on commas when it has no stronger separator;
    items of a longer list are split only on ``; · • |`` since one keyword may hold a comma.

    >>> split_keywords("Keywords: Russian emigrants; Soviet refugees; repatriation;")
    ['Russian emigrants', 'Soviet refugees', 'repatriation']
    """
    if not raw:
        return []
    items = [raw] if isinstance(raw, str) else [item for item in raw if item]
    allow_commas = len(items) == 1
    seen: set[str] = set()
    keywords: list[str] = []
    for item in items:
        for piece in _split_one(str(item), allow_commas):
            keyword = _clean_keyword(piece)
            if keyword and not is_classification_code(keyword) and keyword.casefold() not in seen:
                seen.add(keyword.casefold())
                keywords.append(keyword)
    return keywords
