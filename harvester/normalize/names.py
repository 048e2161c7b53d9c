"""Author strings: split joined lists, then read given and family names from each name.

Choices:

* Suffixes (``Jr.``, ``Sr.``, ``II``, ``III``) stay in ``name`` but go to neither ``given`` nor
  ``family``: they belong to neither and would break matching on the family name.
* Particles (``van``, ``de``, ``da``, ``von``, ``Le``, ...) inside a name start the family name:
  ``Ludwig van Beethoven`` has family ``van Beethoven``; ``y``/``e``/``i`` join two family names
  (``Ortega y Gasset``).
* Family-first order is recognised from trailing initials (``Antoshin A.V.``, ``Smith JA``), a
  comma (``Smith, John``), a Russian patronymic (``Антошин Алексей Владимирович``) and an
  all-capitals family (``SMITH John``); otherwise the last word is the family name.
* Undotted capitals count as initials only at the end (``Smith JA``) or alone (``D N Astrov``),
  so ``LI Wei`` keeps ``LI`` as its family name.
"""

from __future__ import annotations

import re

from harvester.vocabulary import pattern, word_pattern, words

from .identifiers import normalize_orcid
from .text import clean_text, strip_separators

Split = tuple[list[str], list[str]]  # (given tokens, family tokens)

_MARKERS = "*†‡§¶#⁎¹²³⁰⁴⁵⁶⁷⁸⁹0-9"
# Footnote markers glued to a name: 'Smith J.1,2*' -> 'Smith J.'
_FOOTNOTE_RE = re.compile(rf"(?<=[^\W\d_]|\.)(?:[{_MARKERS}]+(?:,(?=[{_MARKERS}]))?)+")
_ET_AL_RE = re.compile(rf"[,;]?\s*\b{pattern('et_al')}\b\.?", re.IGNORECASE)
_STRONG_SPLIT_RE = re.compile(rf"\s*(?:;|\n|\r|,?\s+{word_pattern('name_joiners')}\s+|,?\s*&\s*)\s*")
_FULL_NAME_JOINER_RE = re.compile(rf"\s+{word_pattern('full_name_joiners')}\s+")
_INITIAL_PIECES_RE = re.compile(r"[.\-‐]")
_GLUED_RE = re.compile(r"^((?:[^\W\d_]{1,2}\.)+)([^\W\d_][^\W\d_'’\-]+.*)$")
_PATRONYMIC_RE = re.compile(rf"{pattern('patronymic')}$", re.IGNORECASE)
_ORCID_PART_RE = re.compile(
    r"[\[(]?\s*(?:orcid(?:\s*id)?\s*[:：]?\s*)?(?:https?://)?(?:www\.)?(?:orcid\.org/)?"
    r"\d{4}-\d{4}-\d{4}-\d{3}[\dXx]\s*[\])]?",
    re.IGNORECASE,
)
_SUFFIXES = frozenset(words("name_suffixes"))
_PARTICLES = frozenset(words("surname_particles"))
_CONNECTORS = frozenset(words("name_connectors"))


# --- splitting a joined list -------------------------------------------------------------

def _strip_footnotes(text: str) -> str:
    """Drop footnote digits and symbols glued to the end of names."""
    return _FOOTNOTE_RE.sub("", text)


def _is_initials(token: str, final: bool = False) -> bool:
    """``A.``, ``A.V.``, ``X.-X.``, ``Yu.``; undotted capitals (``AV``) only as the final token."""
    if "." in token:
        pieces = [p for p in _INITIAL_PIECES_RE.split(token) if p]
        return bool(pieces) and all(len(p) <= 2 and p[0].isupper() and p.isalpha() for p in pieces)
    if len(token) == 1:
        return token.isalpha() and token.isupper()
    return final and len(token) <= 3 and token.isalpha() and token.isupper()


def _only_initials(part: str) -> bool:
    return all(_is_initials(token, final=True) for token in part.split())


def _word_count(part: str) -> int:
    return len(part.split())


def _family_words(part: str) -> int:
    """Words of a family name not counting its particles ('de la Cruz' is one word)."""
    return sum(1 for word in part.split() if word.casefold() not in _PARTICLES)


def _pair_up(parts: list[str]) -> list[str] | None:
    """Join 'Family, Given' pairs when every part alternates that way, else None."""
    if len(parts) % 2:
        return None
    pairs = []
    for family, given in zip(parts[::2], parts[1::2]):
        if _word_count(family) > 1 and _word_count(given) > 1 and not _only_initials(given):
            return None
        pairs.append(f"{family}, {given}")
    return pairs


def _join_greedily(parts: list[str]) -> list[str]:
    """Keep parts apart, except a one-word family followed by its initials (``Smith, J.``)."""
    names: list[str] = []
    index = 0
    while index < len(parts):
        part, following = parts[index], parts[index + 1] if index + 1 < len(parts) else None
        if following and _family_words(part) == 1 and not _only_initials(part) and _only_initials(following):
            names.append(f"{part}, {following}")
            index += 2
        else:
            names.append(part)
            index += 1
    return names


def _split_commas(chunk: str) -> list[str]:
    """Split a comma-joined list into names, keeping 'Family, Given' pairs together."""
    parts = [p.strip() for p in chunk.split(",") if p.strip()]
    if len(parts) < 2 or all(_word_count(p) > 1 and not _only_initials(p) for p in parts):
        return parts
    return _pair_up(parts) or _join_greedily(parts)


def _split_full_names(chunk: str) -> list[str]:
    """Split on a full-name joiner only between two full names (one compound family name stays whole)."""
    pieces = _FULL_NAME_JOINER_RE.split(chunk)
    if len(pieces) == 2 and all(_word_count(p) > 1 for p in pieces):
        return pieces
    return [chunk]


def split_authors(raw: str | None) -> list[str]:
    """Names from one joined author string (``A. Smith, B. Jones and C. Brown``), in order.

    >>> split_authors("Smith, John; Doe, Jane")
    ['Smith, John', 'Doe, Jane']
    >>> split_authors("de la Cruz, C. C., van der Berg, J. P.")
    ['de la Cruz, C. C.', 'van der Berg, J. P.']
    """
    if not raw:
        return []
    text = _ET_AL_RE.sub("", _strip_footnotes(raw))
    names: list[str] = []
    for chunk in _STRONG_SPLIT_RE.split(text):
        chunk = clean_text(chunk)
        for piece in _split_full_names(chunk) if chunk else ():
            names.extend(_split_commas(piece))
    return [name for name in map(strip_separators, names) if name]


# --- reading one name ---------------------------------------------------------------------

def _trailing_initials(tokens: list[str]) -> Split | None:
    """``Antoshin A.V.``, ``Smith J A``: family first, initials last."""
    start = len(tokens)
    while start > 1 and _is_initials(tokens[start - 1], final=start == len(tokens)):
        start -= 1
    if start < len(tokens) and not _is_initials(tokens[0]):
        return tokens[start:], tokens[:start]
    return None


def _patronymic_last(tokens: list[str]) -> Split | None:
    """Russian order ``Family Given Patronymic``."""
    if len(tokens) >= 3 and _PATRONYMIC_RE.search(tokens[-1]) and not _is_initials(tokens[0]):
        return tokens[1:], tokens[:1]
    return None


def _capitalised_family(tokens: list[str]) -> Split | None:
    """``SMITH John``, ``LI Wei``, ``Jean-Paul MALRIEU``: one run of all-capital words among mixed-case ones."""
    capitals = [i for i, t in enumerate(tokens) if len(t) > 1 and t.isupper() and t.replace("-", "").isalpha()]
    if not capitals or len(capitals) == len(tokens):
        return None
    first, last = capitals[0], capitals[-1]
    if capitals != list(range(first, last + 1)):
        return None
    if first > 0 and all(len(tokens[i]) <= 3 for i in capitals):
        return None  # 'Simon YW Ho': middle initials, not a family name
    return tokens[:first] + tokens[last + 1:], tokens[first: last + 1]


def _particle_family(tokens: list[str]) -> Split | None:
    """``Ludwig van Beethoven``, ``José Ortega y Gasset``: the family starts at a particle."""
    for i in range(1, len(tokens) - 1):
        word = tokens[i].lower()
        if word in _CONNECTORS and i >= 2:
            return tokens[: i - 1], tokens[i - 1:]
        if word in _PARTICLES:
            return tokens[:i], tokens[i:]
    return None


_RULES = (_trailing_initials, _patronymic_last, _capitalised_family, _particle_family)


def _split_tokens(tokens: list[str]) -> Split:
    """Given and family tokens for a name written without a comma; else the last word is the family."""
    for rule in _RULES:
        found = rule(tokens)
        if found:
            return found
    return tokens[:-1], tokens[-1:]


def _unglue_initials(tokens: list[str]) -> list[str]:
    """Separate initials glued to a family name (``A.V.Antoshin`` -> ``A.V.``, ``Antoshin``)."""
    result: list[str] = []
    for token in tokens:
        match = _GLUED_RE.match(token)
        if match and _is_initials(match.group(1)) and not _is_initials(match.group(2)):
            result.extend(match.groups())
        else:
            result.append(token)
    return result


def _comma_form(name: str) -> dict[str, str | None] | None:
    """``Family, Given`` (a suffix part such as ``, Jr.`` ignored), else None."""
    parts = [p.strip() for p in name.split(",")]
    parts = [p for p in parts if p and p.lower() not in _SUFFIXES]
    if len(parts) != 2:
        return None
    return {"name": name, "given": parts[1], "family": parts[0]}


def parse_name(raw: str | None) -> dict[str, str | None]:
    """``{'name', 'given', 'family'}`` from one personal name in any common order.

    >>> parse_name("Antoshin A.V.")
    {'name': 'Antoshin A.V.', 'given': 'A.V.', 'family': 'Antoshin'}
    """
    name = strip_separators(_strip_footnotes(raw)) if raw else None
    if name is None or not any(char.isalpha() for char in name):
        return {"name": None, "given": None, "family": None}
    found = _comma_form(name) if "," in name else None
    if found:
        return found
    tokens = [t for t in name.replace(",", " ").split() if t.lower() not in _SUFFIXES] or name.split()
    tokens = _unglue_initials(tokens)
    if len(tokens) == 1:
        return {"name": name, "given": None, "family": tokens[0]}
    given, family = _split_tokens(tokens)
    return {"name": name, "given": " ".join(given) or None, "family": " ".join(family) or None}


def parse_author(raw: str | None) -> dict[str, str | None]:
    """Like :func:`parse_name`, plus the ORCID iD the string carries (``orcid``, else None).

    >>> parse_author("Alexey Antoshin https://orcid.org/0000-0002-1825-0097")["orcid"]
    '0000-0002-1825-0097'
    """
    orcid = None
    match = _ORCID_PART_RE.search(raw) if raw else None
    if match:
        orcid = normalize_orcid(match.group())
        raw = raw[: match.start()] + " " + raw[match.end():]
    return {**parse_name(raw), "orcid": orcid}
