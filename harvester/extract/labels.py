"""Labelled visible text ('Pages: 632-642', <dt>DOI</dt>, OJS item labels) read with one vocabulary.

The main content is turned into visible lines once; a line that starts with a known label
(any language in ``VOCABULARY``) carries its value after the colon, and further labels glued
onto that value ('…(Vol.24, No. 4)Publication Date: 2025-12-16') split it.  A label standing
alone on its line (a heading, <dt>, <th>, OJS ``.label``) takes its value from the lines that
follow, inside the element that frames the label, up to the next label or heading.

Values are raw: whitespace collapsed, trailing ';' or ',' dropped.  ``keywords`` is one raw
string, several value lines joined with '; '.  Only this module knows the numbering shapes
'Journal: NAME (Vol.24, No. 4)' and 'Issue: Vol 24, No 4 (2025)', so it splits them into
volume and issue; the issue's year becomes ``publication_date`` only when no date label is
found.  Lines in reference lists are never read.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Optional
from urllib.parse import urljoin

from parsel import Selector

from harvester.extract.base import Candidate
from harvester.extract.visible import (
    REFERENCE_HEADINGS, Line, label_scope, main_content, main_lines, reference_flags, within,
)

#: Kind of value -> the labels that announce it, in every language the harvester reads.
VOCABULARY: dict[str, tuple[str, ...]] = {
    "journal": ("Journal", "Revista", "Журнал", "Zeitschrift", "Revue"),
    "date": (
        "Publication Date", "Date of publication", "Published", "Date", "Publicado",
        "Data de publicação", "Опубликован", "Опубликовано", "Дата публикации", "Veröffentlicht",
        "Erscheinungsdatum", "Publié", "Date de publication", "Fecha de publicación",
    ),
    "authors": ("Authors", "Author", "Autores", "Autor", "Авторы", "Автор", "Autoren", "Autor(en)",
                "Auteurs", "Auteur"),
    "affiliations": ("Affiliations", "Affiliation", "Afiliações", "Afiliação", "Учреждения",
                     "Afiliaciones", "Afiliación", "Institutionen"),
    "issue": ("Issue", "Edição", "Выпуск", "Ausgabe", "Heft", "Numéro", "Número", "Number", "No.",
              "№", "Nr."),
    "volume": ("Volume", "Vol.", "Том", "Band", "Jahrgang"),
    "pages": ("Page", "Pages", "Páginas", "Страницы", "Seiten", "Seite"),
    "keywords": ("Keywords", "Key words", "Palavras-chave", "Ключевые слова", "Schlagwörter",
                 "Schlüsselwörter", "Mots-clés", "Mots clés", "Palabras clave", "Palabras-clave"),
    "abstract": ("Abstract", "Summary", "Resumo", "Аннотация", "Реферат", "Zusammenfassung",
                 "Résumé", "Resumen"),
    "related": ("Other Latest Articles", "Latest Articles", "Other Articles", "Recent Articles"),
    "last_modified": ("Last modified", "Last updated", "Zuletzt geändert", "Dernière modification",
                      "Última modificación", "Последнее изменение"),
    "doi": ("DOI",),
    "url": ("URL",),
    "ignored": ("Section", "Seção", "Sección", "Раздел", "Rubrik", "Rubrique", "EDN", "ID"),
    # Labels that only end the value before them (an abstract never runs into these).
    "stop": (
        *sorted(REFERENCE_HEADINGS), "Citations", "Full Text", "Полный текст", "Texto completo", "Texte intégral",
        "Volltext", "Download", "Downloads", "Скачать", "How to Cite", "Como Citar", "Cómo citar",
        "Comment citer", "Zitationsvorschlag", "Как цитировать", "Author Biographies",
        "Biografia do Autor", "Биография автора", "Supplementary Files", "Arquivos suplementares",
        "Дополнительные файлы", "Metrics", "Statistics", "Статистика", "License", "Licence",
        "Copyright", "Most read articles by the same author(s)", "Similar Articles",
        "Related Articles", "Funding", "Acknowledgements", "Acknowledgments",
    ),
}


def _label_key(label: str) -> str:
    return " ".join(label.split()).rstrip(" :：").casefold()


#: Normalised label ('authors', 'ключевые слова') -> kind of value.
LABELS: dict[str, str] = {_label_key(label): kind for kind, labels in VOCABULARY.items() for label in labels}
_ALTERNATION = "|".join(
    re.escape(label).replace(r"\ ", r"\s+")
    for label in sorted({l for ls in VOCABULARY.values() for l in ls}, key=len, reverse=True)
)
_LABEL_AT_START = re.compile(rf"(?P<label>{_ALTERNATION})\s*[:：]\s*", re.I)
_LABEL_GLUED = re.compile(rf"(?P<label>{_ALTERNATION})\s*[:：]", re.I)
#: A label alone on its line is never longer than this.
_MAX_BARE = 60
_REFERENCE_STOP = [("stop", "")]
_LIST_KINDS = frozenset({"authors", "affiliations", "keywords"})
#: Sub-headings of structured abstracts, which belong to the abstract.
_ABSTRACT_PARTS = frozenset(
    {"background", "objective", "objectives", "aim", "aims", "purpose", "methods", "methodology",
     "design", "results", "findings", "conclusion", "conclusions", "interpretation", "context"}
)
_STOP_PREFIX = re.compile(
    r"(?:copyright\b|©|\(c\)\s*\d{4}|export citation|download citation|cite this article)", re.I
)
#: Interface text that sits among author names (search and profile links), never a name.
_NOT_A_NAME = re.compile(
    r"^(?:view|search|show|see|find|hide)\b.*\b(?:authors?|publications?|profiles?|more|less|all)\b"
    r"|:|^(?:authors? and affiliations|affiliations?)$",
    re.I,
)

_VOLUME = re.compile(
    r"(?:\b(?:vol(?:ume)?|tome|band|bd|jahrgang|jg|año|ano)\b\.?|\bv\.|\bт(?:ом)?\.?(?=\s*\d)|\bt\.)\s*"
    r"(\d+[a-z]?)\b",
    re.I,
)
_ISSUE = re.compile(
    r"(?:\b(?:no|nos|num|núm|nr|number|issue|heft|número|numéro|n|вып(?:уск)?)\b\.?|№|\bnº|\bn°)\s*"
    r"(\d+(?:[-–/]\d+)?)",
    re.I,
)
_ISSUE_DATE = re.compile(r"\((\d{4})\)|\s[-–—]\s+([^-–—]*\d{4})\s*$")
_SHORT_NUMBER = re.compile(r"\d+[a-z]?(?:\s*[-–/]\s*\d+)?|[A-Za-z]+\.?\s*\d+", re.I)
_LEADING_NUMBER = re.compile(r"\d+[a-z]?\b", re.I)
_JOURNAL_NUMBERING = re.compile(r"^(?P<name>.*?)\s*\((?P<numbering>[^()]*\d[^()]*)\)\s*$")


def is_label(text: str) -> bool:
    """True when ``text`` is a label of the vocabulary ('Authors :', 'Ключевые слова').

    >>> is_label("Authors :"), is_label("Palavras-chave"), is_label("Soviet Defectors")
    (True, True, False)
    """
    return _label_key(text) in LABELS


def split_numbering(text: str) -> tuple[Optional[str], Optional[str], Optional[str]]:
    """Raw (volume, issue, date) from a numbering such as 'Vol 24, No 4 (2025)'.

    >>> split_numbering("Vol.24, No. 4")
    ('24', '4', None)
    >>> split_numbering("Том 24, № 4 (2025)")
    ('24', '4', '2025')
    >>> split_numbering("Volume 25, Number 10 - 5 October 2020")
    ('25', '10', '5 October 2020')
    >>> split_numbering("Bd. 12 Nr. 3-4 (2021)")
    ('12', '3-4', '2021')
    """
    volume, issue, date = _VOLUME.search(text), _ISSUE.search(text), _ISSUE_DATE.search(text)
    return (
        volume.group(1) if volume else None,
        issue.group(1) if issue else None,
        (date.group(1) or date.group(2)) if date else None,
    )


def _clean(value: str) -> str:
    return value.strip(" :：").rstrip(";,").strip()


def _glued_labels(text: str, start: int):
    """Labels that begin right after a value ends, with no space or line break between."""
    for match in _LABEL_GLUED.finditer(text, start):
        at = match.start()
        before = text[at - 1] if at else " "
        if not before.isalpha() or (before.islower() and text[at].isupper()):
            yield match


def _entries(line: Line) -> Optional[list[tuple[str, str]]]:
    """(kind, inline value) for each label on ``line``; None when the line is not labelled."""
    text = line.text
    if len(text) <= _MAX_BARE and not line.all_link and _label_key(text) in LABELS:
        return [(LABELS[_label_key(text)], "")]
    match = _LABEL_AT_START.match(text)
    if match is None:
        return None
    entries, kind, position = [], LABELS[_label_key(match.group("label"))], match.end()
    for glued in _glued_labels(text, position):
        entries.append((kind, text[position:glued.start()]))
        kind, position = LABELS[_label_key(glued.group("label"))], glued.end()
    entries.append((kind, text[position:]))
    return entries


def _following(index: int, lines: list[Line], labelled: list) -> list[Line]:
    """Lines after a label alone on its line, inside its frame, up to the next label."""
    scope, found = label_scope(lines[index]), []
    for position in range(index + 1, len(lines)):
        line = lines[position]
        if labelled[position] is not None or not within(line.node, scope):
            break
        found.append(line)
    return found


def _until_heading(lines: list[Line]) -> list[Line]:
    return lines[: next((i for i, line in enumerate(lines) if line.heading), len(lines))]


def _abstract_lines(lines: list[Line]) -> list[Line]:
    """The abstract's own lines: stop at a heading, a link list or page furniture.

    Sub-headings of a structured abstract ('Methods') stay, unless nothing follows them.
    """
    kept = []
    for line in lines:
        part = line.heading_like and line.text.casefold().rstrip(" :.") in _ABSTRACT_PARTS
        if (line.heading_like and not part) or line.all_link or _STOP_PREFIX.match(line.text):
            break
        kept.append(line)
    while kept and kept[-1].heading_like:
        kept.pop()
    return kept


def _related(lines: list[Line], url: str) -> list[dict[str, str]]:
    """Links listed under a 'latest articles' heading, with absolute URLs."""
    related, seen = [], set()
    for line in lines:
        if line.heading and not line.links:
            break
        for title, href in line.links:
            absolute = urljoin(url, href)
            if href.startswith(("#", "javascript:", "mailto:")) or absolute in seen:
                continue
            seen.add(absolute)
            related.append({"title": title, "url": absolute})
    return related


def _value_from_lines(kind: str, lines: list[Line]) -> str:
    if kind == "abstract":
        return " ".join(line.text for line in _abstract_lines(lines)).strip(" :：")
    lines = _until_heading(lines)
    if kind == "authors":
        lines = [line for line in lines if not _NOT_A_NAME.search(line.text)]
    if kind in _LIST_KINDS:
        return "; ".join(_clean(line.text) for line in lines if _clean(line.text))
    return _clean(lines[0].text) if lines else ""


def _put(found: dict[str, Any], name: str, value: Any) -> None:
    if value not in (None, "", []) and name not in found:
        found[name] = value


def _take_numbering(found: dict[str, Any], value: str) -> None:
    volume, issue, date = split_numbering(value)
    if volume is None and issue is None and _SHORT_NUMBER.fullmatch(value):
        issue = value
    _put(found, "volume", volume)
    _put(found, "issue", issue)
    _put(found, "_issue_date", date)


def _take_volume(found: dict[str, Any], value: str) -> None:
    """'24', 'Vol. 24' or '24 (2025)'; never a proceedings title under a 'Volume' label."""
    leading = _LEADING_NUMBER.match(value)
    _put(found, "volume", split_numbering(value)[0] or (leading.group(0) if leading else None))


def _take_journal(found: dict[str, Any], value: str) -> None:
    """'RUDN Journal of Russian History (Vol.24, No. 4)' -> title, volume, issue."""
    match = _JOURNAL_NUMBERING.match(value)
    if match and any(split_numbering(match.group("numbering"))[:2]):
        _take_numbering(found, match.group("numbering"))
        value = match.group("name")
    _put(found, "journal_title", _clean(value))


def _split_list(value: str) -> list[str]:
    return [part for part in (_clean(p) for p in value.split(";")) if part]


_TAKERS: dict[str, Callable[[dict[str, Any], str], None]] = {
    "journal": _take_journal,
    "issue": _take_numbering,
    "volume": _take_volume,
    "date": lambda found, value: _put(found, "publication_date", value),
    "authors": lambda found, value: _put(found, "_authors", _split_list(value)),
    "affiliations": lambda found, value: _put(found, "_affiliations", _split_list(value)),
    "pages": lambda found, value: _put(found, "pages", value),
    "keywords": lambda found, value: _put(found, "keywords", value),
    "abstract": lambda found, value: _put(found, "abstract", value),
    "last_modified": lambda found, value: _put(found, "last_modified", value),
    "doi": lambda found, value: _put(found, "doi", value),
    "url": lambda found, value: _put(found, "canonical_url", value),
}


_READ_KINDS = frozenset(_TAKERS) | {"related"}


def _authors(found: dict[str, Any]) -> list[dict[str, Any]]:
    """Authors with affiliations attached by position when the two lists have the same length."""
    names, affiliations = found.get("_authors", []), found.get("_affiliations", [])
    paired = len(affiliations) == len(names)
    return [
        {"name": name, "affiliations": [affiliations[i]] if paired else [], "orcid": None}
        for i, name in enumerate(names)
    ]


def _read(lines: list[Line], in_references: list[bool], url: str) -> dict[str, Any]:
    """Every labelled value outside reference lists; the first occurrence giving a value wins."""
    # A reference line ends any value before it and is never read itself.
    labelled = [_REFERENCE_STOP if skip else _entries(line) for line, skip in zip(lines, in_references)]
    found: dict[str, Any] = {}
    done: set[str] = set()
    for index, entries in enumerate(labelled):
        for kind, inline in entries or ():
            if kind in done or kind not in _READ_KINDS:
                continue
            before = len(found)
            # An inline value stands alone; only 'related' reads links from that same line.
            following = [lines[index]] if _clean(inline) else _following(index, lines, labelled)
            _take(found, kind, inline, following, url)
            if len(found) > before:
                done.add(kind)
    return found


def _take(found: dict[str, Any], kind: str, inline: str, following: list[Line], url: str) -> None:
    """Store one label's value: its inline text, else what the lines after it hold."""
    if kind == "related":
        _put(found, "related", _related(following, url))
    else:
        _TAKERS[kind](found, _clean(inline) or _value_from_lines(kind, following))


def labelled_text_candidate(selector: Selector, url: str) -> Candidate:
    """Raw field values read from labelled visible text of the page's main content."""
    lines = main_lines(selector, is_label)
    found = _read(lines, reference_flags(lines, main_content(selector).root), url)
    candidate = Candidate("labels")
    for name, value in found.items():
        if not name.startswith("_"):
            candidate.set(name, value)
    candidate.set("authors", _authors(found))
    candidate.set("publication_date", found.get("_issue_date"))
    return candidate
