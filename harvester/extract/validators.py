"""Checks that a raw value has the shape of what its field holds (patterns live in the extractors).

Instruction pages ("Title: concise and informative, no more than 20 words.") and page furniture
label fields with descriptions; these checks keep such text out of records and out of the
evidence that a page is an article.
"""

from __future__ import annotations

import re

from harvester.vocabulary import PAGE_PART_HEADINGS

# Words that may stand in lower case inside a person's name (particles), in several languages.
_PARTICLES = frozenset("""
    van von der den de del della di da das dos du la le les y e i bin ibn al el ter ten zu
    af av st. mac
""".split())
_LETTER = re.compile(r"[^\W\d_]")
_SENTENCE_END = re.compile(r"[.!;]\s*$")
_NOT_IN_NAMES = re.compile(r"[@<>=/\\|{}]|https?:|\d{3,}")


def plausible_title(value: str | None) -> bool:
    """A title: has letters, is not a sentence-like description starting in lower case.

    >>> plausible_title("Soviet Defectors in Germany after World War II")
    True
    >>> plausible_title("mRNA vaccines: a review")
    True
    >>> plausible_title("concise and informative, no more than 20 words.")
    False
    >>> plausible_title("Proceedings")
    False
    """
    text = (value or "").strip()
    if not text or not _LETTER.search(text) or len(text) > 600:
        return False
    if text.casefold().rstrip(" :.") in PAGE_PART_HEADINGS:
        return False  # 'Conference', 'Abstract', 'Article': the page's kind, not its title
    first = text.split()[0]
    sentence_like = first.islower() and len(first) > 1 and _SENTENCE_END.search(text)
    return not sentence_like


def plausible_name(value: str | None) -> bool:
    """A person's name: a few words, capitalised apart from particles, no addresses or long numbers.

    >>> plausible_name("Alexey Antoshin"), plausible_name("Antoshin A.V."), plausible_name("Ludwig van Beethoven")
    (True, True, True)
    >>> plausible_name("Livia d’Ursini"), plausible_name("Антошин А.В.")
    (True, True)
    >>> plausible_name("full names of all authors with their affiliations and e-mail addresses.")
    False
    """
    text = (value or "").strip()
    words = text.replace(",", " ").split()
    if not words or len(words) > 6 or _NOT_IN_NAMES.search(text) or not _LETTER.search(text):
        return False
    # "d’Uscio", "al-Hassan": a lower-case prefix before a capital is part of a name
    lower = [w for w in words if w.islower() and w not in _PARTICLES]
    return not lower


def plausible_authors(authors) -> bool:
    """Every listed author has a plausible name."""
    names = [a.get("name") if isinstance(a, dict) else a for a in authors or []]
    return bool(names) and all(plausible_name(n) for n in names)
