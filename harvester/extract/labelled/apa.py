"""An APA-style citation of the article, as pages print it under 'How to cite'."""

from __future__ import annotations

import re
from typing import Any

from harvester.normalize import split_authors

#: 'Doe, J. Q., & Lee, K. (2016). Title. Journal, 4(1), 32-37. https://doi.org/…' (APA style).
_CITATION = re.compile(r"(?P<authors>[^()]{3,600}?)\s*\((?P<year>\d{4})[a-z]?(?:,[^()]*)?\)\.\s+(?P<rest>.+)")
_CITED_SOURCE = re.compile(
    r"(?:^|[.?!]\s+)(?P<journal>[^.?!]{3,200}?),\s*(?P<volume>\d+)\s*(?:\((?P<issue>[^()]{1,15})\))?"
    r"(?:,\s*(?P<pages>[A-Za-z]?\d+(?:\s*[-–]\s*[A-Za-z]?\d+)?))?\.?"
    r"(?:\s+(?P<doi>(?:https?://(?:dx\.)?doi\.org/|doi:\s*)10\.\d{4,9}/\S+?))?\.?\s*$"
)
_MAX_NAME_WORDS = 6


def parse_citation(text: str) -> dict[str, Any]:
    """Raw fields of an APA-style citation of the article; empty when the text has another shape.

    >>> got = parse_citation("Doe, J., & Roe, R. A. (2016). A title? Yes. Acta Exempli, 4(1), 32-37. "
    ...                      "https://doi.org/10.5555/ae.29")
    >>> [got[k] for k in ("publication_date", "journal_title", "volume", "issue", "pages", "doi")]
    ['2016', 'Acta Exempli', '4', '1', '32-37', 'https://doi.org/10.5555/ae.29']
    >>> got["_authors"]
    ['Doe, J.', 'Roe, R. A.']
    """
    match = _CITATION.fullmatch(text)
    source = _CITED_SOURCE.search(match.group("rest")) if match else None
    if source is None:
        return {}
    names = split_authors(match.group("authors"))
    fields = {"_authors": names if all(len(name.split()) <= _MAX_NAME_WORDS for name in names) else None,
              "publication_date": match.group("year"), **source.groupdict()}
    fields["journal_title"] = fields.pop("journal")
    return {name: value for name, value in fields.items() if value}
