"""The names under an authors label, with affiliation and address lines left out."""

from __future__ import annotations

import re

from harvester.normalize import split_authors
from harvester.vocabulary import LABELS_OF_AUTHORS, pattern

#: Words naming an institution, never a person ('University', 'Hospital', in every language read).
_INSTITUTION = re.compile(rf"\b{pattern('institution')}", re.I)
_MAX_NAME_WORDS = 6
#: A line of an affiliation or address: an institution, a house or postal number before a word, an e-mail.
_AFFILIATION_LINE = re.compile(rf"{_INSTITUTION.pattern}|\b\d+\s+[^\W\d_]{{2,}}|@", re.I)
_HAS_DIGIT = re.compile(r"\d")
_ROLE_AFTER_NAME = re.compile(r"\s*\(([^()]{3,20})\)\s*$")


def author_names(value: str) -> list[str]:
    """The names in an author label's value ('A, B and C'; one name a line), affiliation lines left out.

    An affiliation or address is dropped whole before names are split ('… University of Science
    and Technology', '12 Harbour Road, Port Example').
    """
    people = "; ".join(part for part in value.split(";") if not _AFFILIATION_LINE.search(part))
    return [name for name in map(_without_author_role, split_authors(people)) if may_be_name(name)]


def _without_author_role(name: str) -> str:
    """A name without the role a repository writes after it when that role is author ('Barua, R. (Author)')."""
    role = _ROLE_AFTER_NAME.search(name)
    return name[:role.start()].strip() if role and role.group(1).casefold() in LABELS_OF_AUTHORS else name


def may_be_name(text: str) -> bool:
    """No institution ('Department of …', 'Universidad …'), no digits (addresses), at most six words.

    >>> may_be_name("Sara Ahmed"), may_be_name("Müller, Anna"), may_be_name("Ural Federal University")
    (True, True, False)
    >>> may_be_name("12 Harbour Road"), may_be_name("Лаборатория физики моря")
    (False, False)
    """
    return not (_INSTITUTION.search(text) or _HAS_DIGIT.search(text)) and len(text.split()) <= _MAX_NAME_WORDS
