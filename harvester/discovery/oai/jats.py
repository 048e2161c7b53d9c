"""JATS records (OJS's OAI JATS plugin) as a ``Candidate``."""

from __future__ import annotations

from typing import Any, Optional

from lxml import etree

from harvester.discovery.oai.dublin_core import FILE_LINK, HTTP_URL, XML_LANG, lang_code, unique_texts
from harvester.discovery.xmlread import child_texts, element_text, first, lpath
from harvester.extract.base import Candidate
from harvester.extract.meta import author, clean

XLINK_HREF = "{http://www.w3.org/1999/xlink}href"

_J_ARTICLE_META = lpath("front/article-meta")
_J_JOURNAL_META = lpath("front/journal-meta")
_J_TITLE = lpath("title-group/article-title")
_J_CONTRIBS = lpath("contrib-group/contrib")
_J_NAME = lpath(".//name")
_J_STRING_NAME = lpath(".//string-name")
_J_GIVEN = lpath("given-names")
_J_SURNAME = lpath("surname")
_J_ORCID = lpath("contrib-id[@contrib-id-type='orcid']")
_J_AFF_REFS = lpath("xref[@ref-type='aff']/@rid")
_J_OWN_AFFS = lpath("aff")
_J_ALL_AFFS = lpath(".//aff[@id]")
_J_INSTITUTIONS = lpath(".//institution")
_J_PUB_DATES = lpath("pub-date")
_J_KWD_GROUPS = lpath("kwd-group")
_J_KWDS = lpath("kwd")
_J_ABSTRACT = lpath("abstract")
_J_DOI = lpath("article-id[@pub-id-type='doi']")
_J_SELF_URI = lpath("self-uri")
_J_JOURNAL_TITLE = lpath(".//journal-title")
_J_ABBREV = lpath(".//abbrev-journal-title")
_J_ISSN = lpath("issn")
_J_PUBLISHER = lpath("publisher/publisher-name")
_J_SIMPLE = {"volume": lpath("volume"), "issue": lpath("issue"),
             "first_page": lpath("fpage"), "last_page": lpath("lpage")}
# Publication dates in order of preference: the version of record, then any.
_PUB_DATE_TYPES = ("pub", "epub", "ppub", "epub-ppub", "collection")


def _first_text(xpath: etree.XPath, element: etree._Element) -> str:
    found = xpath(element)
    return element_text(found[0]) if found else ""


def _aff_text(aff: etree._Element) -> str:
    """An affiliation's institution names (ROR links and labels left out), else its whole text."""
    institutions = [element_text(el) for el in _J_INSTITUTIONS(aff)]
    return ", ".join(t for t in institutions if t) or element_text(aff)


def _jats_author(contrib: etree._Element, affs: dict[str, str]) -> Optional[dict[str, Any]]:
    names = _J_NAME(contrib)
    if names:
        given, family = _first_text(_J_GIVEN, names[0]), _first_text(_J_SURNAME, names[0])
        name = clean(f"{given} {family}")
    else:
        name = _first_text(_J_STRING_NAME, contrib)
    if not name:
        return None
    affiliations = [_aff_text(a) for a in _J_OWN_AFFS(contrib)] + [affs[r] for r in _J_AFF_REFS(contrib) if r in affs]
    return author(name, unique_texts(affiliations), _first_text(_J_ORCID, contrib) or None)


def _jats_authors(meta: etree._Element, article: etree._Element) -> list[dict[str, Any]]:
    affs = {aff.get("id"): _aff_text(aff) for aff in _J_ALL_AFFS(article)}
    found = []
    for contrib in _J_CONTRIBS(meta):
        if contrib.get("contrib-type", "author") in ("author", "person"):
            entry = _jats_author(contrib, affs)
            if entry:
                found.append(entry)
    return found


def _jats_date(meta: etree._Element) -> Optional[str]:
    """The publication date as stated: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, never more precise."""
    dates = _J_PUB_DATES(meta)
    rank = {kind: i for i, kind in enumerate(_PUB_DATE_TYPES)}
    dates.sort(key=lambda d: rank.get(d.get("date-type") or d.get("pub-type") or "", len(rank)))
    for pub_date in dates:
        if pub_date.get("iso-8601-date"):
            return pub_date.get("iso-8601-date")
        parts = child_texts(pub_date)
        year, month, day = (first(parts.get(k)) for k in ("year", "month", "day"))
        if year:
            stated = [year] + ([month.zfill(2)] if month else []) + ([day.zfill(2)] if month and day else [])
            return "-".join(stated)
    return None


def _jats_keywords(meta: etree._Element, lang: Optional[str]) -> list[str]:
    groups = _J_KWD_GROUPS(meta)
    mine = [g for g in groups if not lang or lang_code(g.get(XML_LANG)) in (None, lang)] or groups
    return unique_texts(element_text(kwd) for group in mine for kwd in _J_KWDS(group))


def _self_uri(meta: etree._Element) -> Optional[str]:
    for uri in _J_SELF_URI(meta):
        href = uri.get(XLINK_HREF) or element_text(uri)
        if HTTP_URL.match(href or "") and "pdf" not in (uri.get("content-type") or "") and not FILE_LINK.search(href):
            return href
    return None


def _jats_article_fields(cand: Candidate, meta: etree._Element, article: etree._Element, lang: Optional[str]) -> None:
    cand.set("title", _first_text(_J_TITLE, meta))
    cand.set("authors", _jats_authors(meta, article))
    for name, xpath in _J_SIMPLE.items():
        cand.set(name, _first_text(xpath, meta))
    cand.set("publication_date", _jats_date(meta))
    cand.set("keywords", _jats_keywords(meta, lang))
    cand.set("abstract", _first_text(_J_ABSTRACT, meta))
    cand.set("doi", _first_text(_J_DOI, meta))
    cand.set("canonical_url", _self_uri(meta))


def _jats_journal_fields(cand: Candidate, journal: etree._Element) -> None:
    cand.set("journal_title", _first_text(_J_JOURNAL_TITLE, journal))
    cand.set("journal_abbrev", _first_text(_J_ABBREV, journal))
    cand.set("issn", unique_texts(element_text(el) for el in _J_ISSN(journal)))
    cand.set("publisher", _first_text(_J_PUBLISHER, journal))


def jats_candidate(article: etree._Element) -> Candidate:
    """Raw article fields from a JATS ``<article>`` (front matter only)."""
    cand = Candidate("oai_jats")
    lang = lang_code(article.get(XML_LANG))
    for meta in _J_ARTICLE_META(article)[:1]:
        _jats_article_fields(cand, meta, article, lang)
    for journal in _J_JOURNAL_META(article)[:1]:
        _jats_journal_fields(cand, journal)
    cand.set("language", article.get(XML_LANG))
    return cand
