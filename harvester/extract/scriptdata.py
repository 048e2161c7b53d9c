"""Article metadata held only in an inline script: an object assigned to a variable, or an application/json block.

Nothing is executed. Each script is read by a bounded parser of JSON and plain JavaScript object
literals (quoted or bare keys, single or double quotes, trailing commas, ``undefined``); anything
else (calls, templates, functions) makes that one object unreadable; a string handed to
``JSON.parse`` is read as the object it spells. Scripts longer than
``MAX_SCRIPT_CHARS`` (or past the ``MAX_SCRIPTS``-th), objects nested deeper than ``MAX_DEPTH``
and more than ``MAX_NODES`` values are not read. An object is this page's article only when it
clearly says so: its title is the page's heading or ``<title>``, or its DOI shows on the page
outside the scripts (and the object is no entry of a list of works, such as references).
"""

from __future__ import annotations

import json
import re
from collections import deque
from typing import Any, Iterator, Optional

from parsel import Selector

from harvester.extract.base import Candidate
from harvester.extract.meta import author, clean, strip_markup

MAX_SCRIPT_CHARS = 1_000_000
MAX_DEPTH = 32
MAX_NODES = 20_000
#: Assignments tried per script ('var a = {…}; var b = {…};').
MAX_ASSIGNMENTS = 20
#: Objects looked at per page while searching for the article.
MAX_OBJECTS = 5_000
#: Inline scripts read per page.
MAX_SCRIPTS = 100

_JS_TYPES = frozenset({"", "text/javascript", "application/javascript", "module"})
_JSON_TYPES = frozenset({"application/json"})
# 'var article = {', 'window.__INITIAL_STATE__ = {', 'App.data["paper"] = {'
_ASSIGNMENT = re.compile(r"(?:[\w$]|\])\s*=\s*(?=\{)")
# 'window.__STATE__ = JSON.parse("{\"title\": …}")': the object as an escaped string.
_PARSED_ASSIGNMENT = re.compile(r"(?:[\w$]|\])\s*=\s*JSON\.parse\(\s*(?=[\"'])")
_IDENTIFIER = re.compile(r"[A-Za-z_$][\w$]*")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?")
_LITERALS = {"true": True, "false": False, "null": None, "undefined": None}
_JSON = json.JSONDecoder(strict=False)  # raw control characters pass, as they do in the reader
_SPACE = re.compile(r"(?:\s+|//[^\n]*|/\*.*?(?:\*/|\Z))*", re.S)  # blanks and comments, as _Reader._space skips
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}
_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")
_DOI = re.compile(r"10\.\d{4,9}/\S+")
_KEY_CHARS = re.compile(r"[^a-z0-9]")

#: Keys naming each field in script data, by the field they fill (compared without case, '_' or '-').
KEYS: dict[str, tuple[str, ...]] = {
    "title": ("title", "articletitle", "headline", "papertitle"),
    "authors": ("authors", "author", "creators", "creator", "contributors", "authorlist"),
    "doi": ("doi",),
    "journal_title": ("journal", "journaltitle", "journalname", "containertitle", "publicationname", "periodical",
                      "sourcetitle", "venue"),
    "publication_date": ("publicationdate", "datepublished", "publisheddate", "published", "pubdate",
                         "publishdate", "issued", "date", "year", "publicationyear"),
    "volume": ("volume", "volumenumber"),
    "issue": ("issue", "issuenumber", "number"),
    "first_page": ("firstpage", "pagestart", "startpage", "fpage", "spage"),
    "last_page": ("lastpage", "pageend", "endpage", "lpage", "epage"),
    "pages": ("pages", "pagerange", "page"),
    "abstract": ("abstract", "abstracttext"),
    "keywords": ("keywords", "keyword", "subjects"),
    "language": ("language", "languagecode"),
    "issn": ("issn", "eissn", "pissn"),
}
_NAME_KEYS = ("name", "fullname", "displayname", "literal")
_GIVEN_KEYS = ("given", "givenname", "firstname", "givennames", "forename")
_FAMILY_KEYS = ("family", "familyname", "lastname", "surname")
_NOT_AUTHOR_ROLES = re.compile(r"editor|translator|reviewer|illustrator", re.I)
_TITLE_MIN_CHARS = 10
#: Markup left in a value after the known tags are gone ('<article-title xmlns:mml="…">').
_ANY_TAG = re.compile(r"</?[A-Za-z][\w:.-]*(?:\s[^<>]*)?/?>")


class _Unreadable(ValueError):
    """The text is not a plain data literal (or breaks a bound)."""


class _Reader:
    """A bounded reader of one JSON or JavaScript object literal starting at ``pos``."""

    def __init__(self, text: str, pos: int):
        self.text, self.pos, self.nodes = text, pos, 0

    def value(self, depth: int = 0) -> Any:
        """The literal at the current position."""
        self.nodes += 1
        if depth > MAX_DEPTH or self.nodes > MAX_NODES:
            raise _Unreadable("too deep or too large")
        self._space()
        char = self.text[self.pos:self.pos + 1]
        if char == "{":
            return self._object(depth)
        if char == "[":
            return self._array(depth)
        if char in "\"'":
            return self._string()
        if (number := _NUMBER.match(self.text, self.pos)):
            self.pos = number.end()
            return float(number.group()) if any(c in number.group() for c in ".eE") else int(number.group())
        word = _IDENTIFIER.match(self.text, self.pos)
        if word and word.group() in _LITERALS:
            self.pos = word.end()
            return _LITERALS[word.group()]
        raise _Unreadable(f"not data at {self.pos}")

    def _object(self, depth: int) -> dict[str, Any]:
        self.pos += 1
        found: dict[str, Any] = {}
        while not self._closes("}"):
            key = self._key()
            self._expect(":")
            found[key] = self.value(depth + 1)
            self._after_item("}")
        return found

    def _array(self, depth: int) -> list[Any]:
        self.pos += 1
        found: list[Any] = []
        while not self._closes("]"):
            found.append(self.value(depth + 1))
            self._after_item("]")
        return found

    def _key(self) -> str:
        self._space()
        if self.text[self.pos:self.pos + 1] in ("\"", "'"):
            return self._string()
        word = _IDENTIFIER.match(self.text, self.pos) or _NUMBER.match(self.text, self.pos)
        if not word:
            raise _Unreadable(f"no key at {self.pos}")
        self.pos = word.end()
        return word.group()

    def _string(self) -> str:
        quote, self.pos, parts = self.text[self.pos], self.pos + 1, []
        while self.pos < len(self.text):
            char = self.text[self.pos]
            if char == quote:
                self.pos += 1
                return "".join(parts)
            if char == "\\":
                parts.append(self._escape())
                continue
            parts.append(char)
            self.pos += 1
        raise _Unreadable("unterminated string")

    def _escape(self) -> str:
        code = self.text[self.pos + 1:self.pos + 2]
        if code == "u":
            digits = self.text[self.pos + 2:self.pos + 6]
            if not re.fullmatch(r"[0-9a-fA-F]{4}", digits):
                raise _Unreadable("bad escape")
            self.pos += 6
            return chr(int(digits, 16))
        self.pos += 2
        return _ESCAPES.get(code, code)

    def _space(self) -> None:
        while self.pos < len(self.text):
            if self.text[self.pos].isspace():
                self.pos += 1
            elif self.text.startswith("//", self.pos):
                end = self.text.find("\n", self.pos)
                self.pos = len(self.text) if end < 0 else end
            elif self.text.startswith("/*", self.pos):
                end = self.text.find("*/", self.pos + 2)
                self.pos = len(self.text) if end < 0 else end + 2
            else:
                return

    def _closes(self, closer: str) -> bool:
        self._space()
        if self.pos >= len(self.text):
            raise _Unreadable("unterminated")
        if self.text[self.pos] == closer:
            self.pos += 1
            return True
        return False

    def _expect(self, char: str) -> None:
        self._space()
        if self.text[self.pos:self.pos + 1] != char:
            raise _Unreadable(f"expected {char!r} at {self.pos}")
        self.pos += 1

    def _after_item(self, closer: str) -> None:
        self._space()
        if self.text[self.pos:self.pos + 1] == ",":
            self.pos += 1
        elif self.text[self.pos:self.pos + 1] != closer:
            raise _Unreadable(f"expected ',' or {closer!r} at {self.pos}")


def read_literal(text: str, pos: int = 0) -> Any:
    """The JSON or JavaScript data literal at ``pos``; raises ValueError for anything else.

    Plain JSON is decoded by the C decoder (and held to the same bounds); anything else by ``_Reader``.

    >>> read_literal("{title: 'A', n: [1, 2.5,], ok: true, x: undefined}")
    {'title': 'A', 'n': [1, 2.5], 'ok': True, 'x': None}
    >>> read_literal('x = {"title": "A", "n": [1, 2.5e1]}', 4)
    {'title': 'A', 'n': [1, 25.0]}
    """
    start = _SPACE.match(text, pos).end()
    try:
        value, _ = _JSON.raw_decode(text, start)
    except (ValueError, RecursionError):
        return _Reader(text, pos).value()
    _check_bounds(value)
    return value


def _check_bounds(value: Any) -> None:
    """Raise as the reader would for data nested deeper than ``MAX_DEPTH`` or of more than ``MAX_NODES`` values."""
    stack, nodes = [(value, 0)], 0
    while stack:
        item, depth = stack.pop()
        nodes += 1
        if depth > MAX_DEPTH or nodes > MAX_NODES:
            raise _Unreadable("too deep or too large")
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)


def script_objects(selector: Selector) -> Iterator[Any]:
    """Data objects of the page's inline scripts: application/json blocks and objects assigned to variables."""
    for count, script in enumerate(selector.root.iter("script")):
        if count >= MAX_SCRIPTS:
            break
        kind = (script.get("type") or "").strip().lower()
        text = script.text or ""
        if len(text) > MAX_SCRIPT_CHARS or script.get("src") or (kind not in _JS_TYPES and kind not in _JSON_TYPES):
            continue
        if kind in _JSON_TYPES:
            yield from _parsed(text, text.find("{"))
            continue
        for count, match in enumerate(_ASSIGNMENT.finditer(text)):
            if count >= MAX_ASSIGNMENTS:
                break
            yield from _parsed(text, match.end())
        for count, match in enumerate(_PARSED_ASSIGNMENT.finditer(text)):
            if count >= MAX_ASSIGNMENTS:
                break
            for inner in _parsed(text, match.end()):
                if isinstance(inner, str):
                    yield from _parsed(inner, inner.find("{"))


def _parsed(text: str, start: int) -> list[Any]:
    """The literal at ``start`` as a one-item list, or none when it is not plain data."""
    if start < 0:
        return []
    try:
        return [read_literal(text, start)]
    except (_Unreadable, RecursionError, IndexError):
        return []


def _key(name: str) -> str:
    return _KEY_CHARS.sub("", name.lower())


def _works(value: Any) -> Iterator[tuple[dict[str, Any], bool]]:
    """Every object naming a work inside ``value``, breadth first, and whether it is one of a list of works."""
    queue, seen = deque([(value, False)]), 0
    while queue and seen < MAX_OBJECTS:
        item, listed = queue.popleft()
        if isinstance(item, dict):
            seen += 1
            if _is_work(item):
                yield item, listed
            queue.extend((v, False) for v in item.values())
        elif isinstance(item, list):
            several = sum(1 for v in item[:MAX_ASSIGNMENTS] if isinstance(v, dict) and _is_work(v)) > 1
            queue.extend((v, several) for v in item)


def _field(node: dict[str, Any], name: str) -> Any:
    """The first value of ``node`` under one of the keys naming ``name``."""
    keyed = {_key(k): v for k, v in node.items()}
    return next((keyed[k] for k in KEYS[name] if keyed.get(k) not in (None, "", [], {})), None)


def _text(value: Any) -> Optional[str]:
    """A string, a number, or the title/name/value of an object, as clean text."""
    if isinstance(value, dict):
        value = next((value[k] for k in value if _key(k) in ("title", "name", "value", "text")), None)
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return str(int(value)) if float(value).is_integer() else None
    return clean(_ANY_TAG.sub("", strip_markup(value))) if isinstance(value, str) else None


def _person(value: Any) -> Optional[dict[str, Any]]:
    """One author from a name string or an object with a name or given and family names."""
    if isinstance(value, str):
        return author(clean(value)) if clean(value) else None
    if not isinstance(value, dict):
        return None
    keyed = {_key(k): v for k, v in value.items() if isinstance(v, str)}
    role = " ".join(str(value.get(k)) for k in value if _key(k) in ("role", "type", "contributortype"))
    if _NOT_AUTHOR_ROLES.search(role):
        return None
    given = next((keyed[k] for k in _GIVEN_KEYS if keyed.get(k)), None)
    family = next((keyed[k] for k in _FAMILY_KEYS if keyed.get(k)), None)
    name = next((keyed[k] for k in _NAME_KEYS if keyed.get(k)), None)
    if family:
        return {**author(clean(f"{family}, {given}" if given else family)), "given": given, "family": family}
    return author(clean(name)) if name and clean(name) else None


def _authors(value: Any) -> list[dict[str, Any]]:
    if isinstance(value, dict) and not _person(value):
        value = next((v for v in value.values() if isinstance(v, list)), [])
    items = value if isinstance(value, list) else [value]
    return [person for person in map(_person, items) if person]


def _date(value: Any) -> Optional[str]:
    """A date as written ('2013-05-02', 'May 2013'), CSL date-parts ([[2013, 5]]) or a bare year; never a timestamp."""
    if isinstance(value, dict):
        parts = next((v for k, v in value.items() if _key(k) == "dateparts"), None)
        if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
            numbers = [p for p in parts[0][:3] if isinstance(p, int)]
            return "-".join(f"{n:02d}" if i else str(n) for i, n in enumerate(numbers)) if numbers else None
        return _date(_text(value))
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value) if _YEAR.fullmatch(str(value)) else None
    text = _text(value)
    return text if text and _YEAR.search(text) and len(text) <= 40 else None


def _list(value: Any) -> Any:
    if isinstance(value, list):
        return [t for t in map(_text, value) if t]
    return _text(value)


def _norm(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _page_evidence(selector: Selector) -> tuple[list[str], str]:
    """The page's headings and <title> (normalised), and its text and links outside scripts (lower case)."""
    headings = [_norm(t) for t in selector.xpath("//h1//text() | //h2//text() | //title/text()").getall()]
    headings += [_norm("".join(h.xpath(".//text()").getall())) for h in selector.xpath("//h1 | //h2 | //title")]
    shown = selector.xpath("//body//text()[not(ancestor::script) and not(ancestor::style)] | //@href | "
                           "//meta/@content").getall()
    return [h for h in headings if h], " ".join(shown).lower()


def _describes_page(node: dict[str, Any], listed: bool, headings: list[str], shown: str) -> bool:
    """The object's title is the page's heading or <title>, or (when it is no entry of a list of works,
    such as references) its DOI shows on the page."""
    doi = _text(_field(node, "doi"))
    match = _DOI.search(doi or "")
    if match and not listed and match.group().lower().rstrip(".") in shown:
        return True
    title = _norm(_text(_field(node, "title")) or "")
    return len(title) >= _TITLE_MIN_CHARS and any(h == title or (title in h and len(title) * 2 >= len(h))
                                                  for h in headings)


def _is_work(node: dict[str, Any]) -> bool:
    """An object naming a work: a title, and authors or a DOI beside it."""
    return bool(_text(_field(node, "title"))) and (_field(node, "authors") is not None
                                                    or _field(node, "doi") is not None)


def _read(node: dict[str, Any], candidate: Candidate) -> None:
    """Fill the candidate from the article's object."""
    candidate.set("title", _text(_field(node, "title")))
    candidate.set("authors", _authors(_field(node, "authors")))
    candidate.set("doi", _text(_field(node, "doi")))
    candidate.set("journal_title", _text(_field(node, "journal_title")))
    candidate.set("publication_date", _date(_field(node, "publication_date")))
    for name in ("volume", "issue", "first_page", "last_page", "pages", "abstract", "language"):
        candidate.set(name, _text(_field(node, name)))
    candidate.set("keywords", _list(_field(node, "keywords")))
    venue = _field(node, "journal_title")
    issn = _list(_field(node, "issn") or (_field(venue, "issn") if isinstance(venue, dict) else None))
    candidate.set("issn", [issn] if isinstance(issn, str) else issn)


def script_candidate(selector: Selector) -> Candidate:
    """Raw values of the one script object that describes this page's article (none when unsure)."""
    candidate = Candidate("script")
    if not hasattr(selector.root, "iter"):
        return candidate
    evidence = None
    for value in script_objects(selector):
        for node, listed in _works(value):
            evidence = evidence or _page_evidence(selector)
            if _describes_page(node, listed, *evidence):
                _read(node, candidate)
                return candidate
    return candidate
