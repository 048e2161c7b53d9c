"""The page's own BibTeX entry ('@inproceedings{key, title = {...}, ...}') shown in a <pre> or cite box.

Conference and static proceedings pages often carry no meta tags but print the paper's BibTeX.
Only a page showing exactly one entry is read (a page of several entries lists works), and only
outside reference lists and blocks showing other works. Values are raw; braces and the simplest
TeX accents are undone, a value still holding TeX commands is left out rather than guessed.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Optional

from parsel import Selector

from harvester.extract.base import Candidate
from harvester.extract.meta import author, clean
from harvester.extract.visible import any_ancestor, is_foreign, is_reference_block

#: Entry types of one work; '@string', '@comment' and '@preamble' are no works.
_ENTRY = re.compile(
    r"@(article|inproceedings|conference|incollection|inbook|phdthesis|mastersthesis|techreport|"
    r"misc|unpublished|book|proceedings)\s*\{", re.I)
#: One field: name = {braced} | "quoted" | bare word or number ('year = 2014', 'month = may').
_FIELD = re.compile(r"(?:^|[,\s])([A-Za-z][\w-]*)\s*=\s*(?=[{\"\w])", re.M)
_BARE = re.compile(r"[\w.-]+")
_ACCENTS = {"'": "\u0301", "`": "\u0300", '"': "\u0308", "^": "\u0302", "~": "\u0303", "c": "\u0327"}
_ACCENT = re.compile(r"\{?\\([`'\"^~c])\s*\{?([A-Za-z])\}?\}?")
_AUTHOR_SPLIT = re.compile(r"\s+and\s+", re.I)
_MAX_ENTRY = 6000
#: BibTeX field -> raw candidate field.
_FIELDS = {"title": "title", "journal": "journal_title", "booktitle": "journal_title", "volume": "volume",
           "number": "issue", "pages": "pages", "doi": "doi", "publisher": "publisher",
           "abstract": "abstract", "keywords": "keywords", "language": "language"}


def _value_end(text: str, start: int) -> int:
    """Index just past the value starting at ``start`` (balanced braces, quotes, or a bare word)."""
    opener = text[start]
    if opener in "{\"":
        depth, closer = 0, "}" if opener == "{" else '"'
        for index in range(start, len(text)):
            char = text[index]
            if char == "{":
                depth += 1
            elif char == "}" and (opener == "{" or depth > 0):
                depth -= 1
            if (opener == "{" and depth == 0) or (char == closer and opener == '"' and index > start and depth == 0):
                return index + 1
        return len(text)
    match = _BARE.match(text, start)
    return match.end() if match else start + 1


def _detex(value: str) -> Optional[str]:
    """Text of a BibTeX value: accents composed, braces dropped; None when TeX commands remain.

    >>> _detex("{3D} Pose of Sch{\\\\\\"o}dinger")
    '3D Pose of Schödinger'
    """
    text = _ACCENT.sub(lambda m: m.group(2) + _ACCENTS[m.group(1)], value)
    text = text.replace("\\&", "&").replace("{", "").replace("}", "")
    if "\\" in text:
        return None
    return clean(unicodedata.normalize("NFC", text)).strip('"') or None


def parse_entry(text: str) -> dict[str, str]:
    """Field name (lower case) -> raw value of the first BibTeX entry in ``text``.

    >>> parse_entry('@article{k, title = {A {B} c}, year = 2014, author = "X, Y and Z, W"}')["author"]
    'X, Y and Z, W'
    """
    found: dict[str, str] = {}
    entry = _ENTRY.search(text)
    if entry is None:
        return found
    body = text[entry.end(): entry.end() + _MAX_ENTRY]
    position = 0
    while (match := _FIELD.search(body, position)) is not None:
        start = match.end()
        end = _value_end(body, start)
        raw = body[start:end]
        found.setdefault(match.group(1).lower(), raw[1:-1] if raw[:1] in "{\"" else raw)
        position = end
    return found


def _entry_texts(selector: Selector) -> list[str]:
    """Texts of elements that print a BibTeX entry, outside reference lists and other works' blocks."""
    memo: dict = {}
    texts = []
    for node in selector.root.xpath("//body//*[contains(text(), '@')]"):
        text = "".join(node.itertext())
        if node.tag in ("script", "style") or not _ENTRY.search(text):
            continue
        if any_ancestor(node, lambda e: is_reference_block(e) or is_foreign(e), memo):
            continue
        texts.append(text)
    return texts


def _authors(value: str) -> list[dict]:
    names = [_detex(part) for part in _AUTHOR_SPLIT.split(value)]
    return [author(name) for name in names if name] if all(names) else []


def bibtex_candidate(selector: Selector) -> Candidate:
    """Title, authors, venue, numbering, year, DOI from the one BibTeX entry the page shows."""
    candidate = Candidate("bibtex")
    texts = _entry_texts(selector)
    if len(texts) != 1 or len(_ENTRY.findall(texts[0])) != 1:
        return candidate
    fields = parse_entry(texts[0])
    candidate.set("authors", _authors(fields.get("author", "")))
    for name, target in _FIELDS.items():
        value = fields.get(name)
        candidate.set(target, _detex(value) if value else None)
    candidate.set("publication_date", _detex(fields.get("year", "")) if fields.get("year", "").isdigit() else None)
    return candidate
