"""Journals of any size for the OJS-like test site, invented and the same on every run.

``generate_journal(issues, per_issue)`` returns a ``Journal`` (``harvester.demo.ojs_data``) in the
shape of the default one: the same journal title, ISSNs and DOI prefix (``10.5555``), issues
oldest first, articles in id order (ids from 101, so DOIs ``10.5555/johs.<id>`` are unique),
each issue's research articles before its reviews, pages running on through a volume. Serve it
with ``OjsSite(journal=generate_journal(60, 50), issues_per_page=3, oai_page_size=150)``.

Keywords (all optional):

* ``issues_per_year`` (4): issues of one volume; volume ``first_volume + year - first_year``;
* ``first_year`` (2010), ``first_volume`` (1): where the journal starts;
* ``reviews_per_issue``: how many of each issue's ``per_issue`` entries are book reviews
  (default: one in ten);
* ``deleted`` (0): withdrawn articles; the OAI-PMH repository keeps a header for each;
* ``padding_kb`` (0): about that many KB of full-text paragraphs on every article page, for
  throughput benchmarks (``padding_kb=92`` makes pages of about 100 KB).

Datestamps (the OAI-PMH last-modified day) fall between an article's publication day and
``LATEST_DATESTAMP``, so that changes made "now" by ``OjsSite.change_article`` are always newer.
"""

from __future__ import annotations

from datetime import date, timedelta

from harvester.demo.ojs_data import (
    FIRST_ARTICLE_ID, Article, DeletedRecord, Issue, Journal, article_abstract, page_count, pick_authors,
    pick_keywords, review_abstract,
)

LATEST_DATESTAMP = "2025-12-31"

_FORMS = ("Measuring", "Rethinking", "Modelling", "Auditing", "Comparing", "Scaling", "Automating", "Evaluating")
_TOPICS = (
    "Metadata Harvesting", "Persistent Identifiers", "Citation Indexes", "Author Disambiguation",
    "Open Access Policies", "Repository Interoperability", "Keyword Vocabularies", "Web Archiving",
    "Journal Sitemaps", "Abstract Reuse", "Peer Review Records", "Retraction Notices", "Issue Numbering",
    "Language Metadata", "Reference Linking", "Data Citation",
)
_CONTEXTS = (
    "in Small Society Journals", "across National Aggregators", "for Diamond Open Access", "in University Presses",
    "at Regional Repositories", "for Conference Proceedings", "in Multilingual Collections",
    "after Platform Migrations", "in Humanities Serials", "for Preprint Servers", "in Library Discovery Systems",
    "under Limited Budgets", "in Citation Databases", "for Research Funders", "across Legacy Archives",
    "in Emerging Research Communities", "for Theses and Dissertations", "in Medical Journals",
    "with Sparse Metadata", "over Two Decades", "at Scale", "in Practice", "by Design",
    "without Central Registries", "on Shared Platforms",
)
_TITLE_COMBINATIONS = len(_FORMS) * len(_TOPICS) * len(_CONTEXTS)  # 3200
_TITLE_STEP = 1031  # a prime: coprime with 3200, so index -> combination is a permutation
_BOOK_FORMS = ("The Future of", "A History of", "Handbook of", "Essays on", "Perspectives on", "The Politics of")

_SENTENCES = (
    "We collected the public pages of every journal in the sample and recorded how each one describes its articles.",
    "Most platforms expose the same facts several times, in embedded tags, in visible labels and in exported records.",
    "Where these copies disagree, the visible page is usually the one the editors last corrected by hand.",
    "The editors we interviewed described metadata work as the least visible part of running a journal.",
    "A harvester that trusts a single source inherits every error of that source without noticing it.",
    "Comparing the sources field by field shows which of them a careful reader should prefer.",
    "Small journals change platform more often than large ones, and each migration loses some structure.",
    "Identifiers help only when they are printed consistently on the page, in the record and in the feed.",
    "The protocol itself is rarely the problem; the difficulty lies in the records it carries.",
    "Incremental harvesting depends on honest modification dates, which many installations do not keep.",
    "We treat a record as correct only when a human reader of the page would agree with every field.",
    "Repository managers told us that complaints about wrong records arrive months after the harvest.",
    "The cost of a second request is small compared with the cost of a record that is silently wrong.",
    "Our coding scheme distinguishes missing values from values that are present but malformed.",
    "The same author often appears under several spellings, especially across transliterated records.",
    "Sections, volumes and issue numbers follow local conventions that no single schema anticipates.",
    "Caching validators let a crawler skip unchanged pages and spend its budget on the pages that changed.",
    "A sitemap with accurate modification dates is the cheapest signal a journal can offer to indexes.",
    "The results below are grouped by platform, because platforms explain more of the variation than disciplines.",
    "We publish the coding manual alongside this article so that others can repeat the analysis.",
)
_PARAGRAPH_BANK_SIZE = 64
_SENTENCES_PER_PARAGRAPH = 6


def title_for(index: int) -> str:
    """A research article title, distinct for the first 3200 indexes (then ``: Part 2``, ...).

    >>> title_for(0)
    'Measuring Metadata Harvesting in Small Society Journals'
    >>> title_for(3200)
    'Measuring Metadata Harvesting in Small Society Journals: Part 2'
    """
    combination = index * _TITLE_STEP % _TITLE_COMBINATIONS
    topic, rest = combination % len(_TOPICS), combination // len(_TOPICS)
    context, form = rest % len(_CONTEXTS), rest // len(_CONTEXTS)
    part = index // _TITLE_COMBINATIONS
    return f"{_FORMS[form]} {_TOPICS[topic]} {_CONTEXTS[context]}" + (f": Part {part + 1}" if part else "")


def book_for(index: int) -> str:
    """The title of the ``index``-th reviewed book, distinct for every index."""
    topic = _TOPICS[index // len(_BOOK_FORMS) % len(_TOPICS)]
    volume = index // (len(_BOOK_FORMS) * len(_TOPICS))
    return f"{_BOOK_FORMS[index % len(_BOOK_FORMS)]} {topic}" + (f", Volume {volume + 1}" if volume else "")


def _paragraph(number: int) -> str:
    """Paragraph ``number`` of the shared bank: six sentences picked by fixed steps."""
    return " ".join(_SENTENCES[(number * 7 + k * 3) % len(_SENTENCES)] for k in range(_SENTENCES_PER_PARAGRAPH))


_PARAGRAPHS = tuple(_paragraph(n) for n in range(_PARAGRAPH_BANK_SIZE))


def padding_body(article_id: int, kb: int) -> tuple[str, ...]:
    """Full-text paragraphs of about ``kb`` KB, drawn from a shared bank (articles share the strings)."""
    body, size, n = [], 0, 0
    while size < kb * 1024:
        paragraph = _PARAGRAPHS[(article_id * 13 + n * 5) % _PARAGRAPH_BANK_SIZE]
        body.append(paragraph)
        size, n = size + len(paragraph) + 8, n + 1  # 8: the <p></p> and newline around it
    return tuple(body)


def make_issue(position: int, issues_per_year: int, first_year: int, first_volume: int) -> Issue:
    """Issue ``position`` (0-based): numbered within its year's volume, published late in its share of the year."""
    year_offset, number = divmod(position, issues_per_year)
    month = (number + 1) * 12 // issues_per_year
    published = date(first_year + year_offset, month, 28 - position % 5)
    topic = _TOPICS[position % len(_TOPICS)].lower()
    return Issue(position + 1, str(first_volume + year_offset), str(number + 1), str(published.year),
                 published.isoformat(), f"Issue {number + 1} of volume {first_volume + year_offset}: {topic}.")


def spread_datestamp(published: str, index: int) -> str:
    """Last-modified day: up to 399 days after publication, never after ``LATEST_DATESTAMP``."""
    day = date.fromisoformat(published) + timedelta(days=index * 379 % 400)
    return max(published, min(day.isoformat(), LATEST_DATESTAMP))


def generate_journal(issues: int, per_issue: int, *, issues_per_year: int = 4, first_year: int = 2010,
                     first_volume: int = 1, reviews_per_issue: int | None = None, deleted: int = 0,
                     padding_kb: int = 0) -> Journal:
    """A journal of ``issues`` issues of ``per_issue`` articles each (see the module docstring)."""
    if issues < 1 or per_issue < 0 or deleted < 0 or padding_kb < 0 or not 1 <= issues_per_year <= 12:
        raise ValueError("need issues >= 1, per_issue, deleted, padding_kb >= 0 and 1-12 issues a year")
    reviews = per_issue // 10 if reviews_per_issue is None else min(reviews_per_issue, per_issue)
    issue_list = tuple(make_issue(k, issues_per_year, first_year, first_volume) for k in range(issues))
    articles, counters = [], {"ART": 0, "REV": 0}
    for issue in issue_list:
        first = 1 if issue.number == "1" or not articles else int(articles[-1].last_page) + 1
        for section in ("ART",) * (per_issue - reviews) + ("REV",) * reviews:
            article = make_article(len(articles), issue, section, counters, first, padding_kb)
            articles.append(article)
            first = int(article.last_page) + 1
    last_id = FIRST_ARTICLE_ID + len(articles) - 1
    withdrawn = tuple(DeletedRecord(last_id + 1 + k, "ART", spread_datestamp(issue_list[k % issues].published, k))
                      for k in range(deleted))
    return Journal(issue_list, tuple(articles), withdrawn)


def make_article(index: int, issue: Issue, section: str, counters: dict[str, int], first_page: int,
                 padding_kb: int = 0) -> Article:
    """Article number ``index`` of a generated journal; ``counters`` number articles and reviews apart."""
    article_id = FIRST_ARTICLE_ID + index
    if section == "REV":
        book = book_for(counters["REV"])
        title, authors, keywords = f"Review of: {book}", pick_authors(index)[:1], pick_keywords(index)[:3]
        abstract = review_abstract(book, index)
    else:
        title = title_for(counters["ART"])
        authors, keywords, abstract = pick_authors(index), pick_keywords(index), article_abstract(title, index)
    counters[section] += 1
    last_page = first_page + page_count(section, index) - 1
    return Article(article_id, issue, section, title, authors, str(first_page), str(last_page), keywords, abstract,
                   "en", spread_datestamp(issue.published, index), padding_body(article_id, padding_kb))
