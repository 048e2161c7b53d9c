"""Pure normalisers: raw strings from pages in, clean typed values out (no I/O, no crawling)."""

from .dates import date_precision, parse_date, parse_datetime
from .identifiers import find_doi, find_issns, normalize_doi, normalize_issn, normalize_orcid
from .keywords import split_keywords
from .language import guess_language, identify_language, normalize_language
from .names import parse_author, parse_name, split_authors
from .numbering import clean_number, parse_citation_line, parse_page_range, parse_volume_issue
from .text import clean_text, strip_label, strip_separators

__all__ = [
    "clean_number",
    "clean_text",
    "date_precision",
    "find_doi",
    "find_issns",
    "guess_language",
    "identify_language",
    "normalize_doi",
    "normalize_issn",
    "normalize_language",
    "normalize_orcid",
    "parse_author",
    "parse_citation_line",
    "parse_date",
    "parse_datetime",
    "parse_name",
    "parse_page_range",
    "parse_volume_issue",
    "split_authors",
    "split_keywords",
    "strip_label",
    "strip_separators",
]
