"""Language codes: names and ISO 639-2/3 codes to ISO 639-1, and identification from text."""

from __future__ import annotations

from functools import lru_cache

import re
from typing import Any

from harvester.vocabulary import LANGUAGE_NAMES

from .text import clean_text

# Every ISO 639-1 code, so that a bare two-letter code outside the language names is still accepted.
_ISO_639_1 = frozenset("""
aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy
da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu
hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb
lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om
or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw
ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
""".split())

_ALIASES = {"iw": "he", "in": "id", "ji": "yi", "jw": "jv", "mo": "ro", "nb": "no", "nn": "no"}


def _build_lookup() -> dict[str, str]:
    """Every code and name of the vocabulary's language names mapped to its ISO 639-1 code."""
    lookup: dict[str, str] = {}
    for code, known in LANGUAGE_NAMES.items():
        for key in [code, *known["codes"], *known["names"]]:
            lookup[key] = code
    return lookup


_LOOKUP = _build_lookup()
_SUBTAG_RE = re.compile(r"[-_]")
_PAREN_RE = re.compile(r"\s*\(.*\)\s*$")

#: Minimum normalised probability py3langid must give before its answer is trusted. py3langid
#: tempers its softmax by the square root of the byte length, so a correct one-sentence Spanish
#: or Russian text scores only 0.8-0.95 (close neighbours such as ext/gl take the rest), while
#: digits, codes and mixed snippets stay far below 0.5.
MIN_CONFIDENCE = 0.8


def normalize_language(raw: str | None) -> str | None:
    """ISO 639-1 code for a language code (``en-US``, ``rus``) or name (``Deutsch``), else None.

    >>> normalize_language("en_GB"), normalize_language("Русский"), normalize_language("ger")
    ('en', 'ru', 'de')
    """
    text = clean_text(raw)
    if text is None:
        return None
    key = _PAREN_RE.sub("", text).casefold()
    if key in _LOOKUP:
        return _LOOKUP[key]
    primary = _SUBTAG_RE.split(key, maxsplit=1)[0]
    if primary in _LOOKUP:
        return _LOOKUP[primary]
    if primary in _ALIASES:
        return _ALIASES[primary]
    return primary if primary in _ISO_639_1 else None


_identifier: list[Any] = []  # the py3langid model, loaded on first use (it takes about a second)


def _get_identifier() -> Any:
    """The shared py3langid identifier with normalised probabilities."""
    if not _identifier:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        _identifier.append(LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True))
    return _identifier[0]


def identify_language(text: str | None, min_chars: int = 40, min_confidence: float = MIN_CONFIDENCE) -> str | None:
    """ISO 639-1 code of the language ``text`` is written in, or None when short or uncertain."""
    cleaned = clean_text(text)
    if cleaned is None or len(cleaned) < min_chars:
        return None
    code, confidence = _classify(cleaned)
    if confidence < min_confidence:
        return None
    code = _ALIASES.get(code, code)
    return code if code in _ISO_639_1 else None


def guess_language(text: str | None, min_chars: int = 10) -> str | None:
    """The likeliest ISO 639-1 language of ``text`` however unsure; None for too little text.

    Only for checking other evidence against: on its own it is too weak to state a language.
    """
    cleaned = clean_text(text)
    if cleaned is None or len(cleaned) < min_chars:
        return None
    code = _classify(cleaned)[0]
    code = _ALIASES.get(code, code)
    return code if code in _ISO_639_1 else None


def clear_language_cache() -> None:
    """Forget the identifications made so far (benchmarks time each page as if it came first)."""
    _classify.cache_clear()


@lru_cache(maxsize=512)
def _classify(text: str) -> tuple[str, float]:
    """The model's language and confidence for ``text``; kept for a while, since one page's merge asks about
    the same title and abstract more than once and the normaliser asks again."""
    code, confidence = _get_identifier().classify(text)
    return code, float(confidence)


#: Han ideographs, kana and hangul: scripts that write a word in one to three characters.
_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")
_LETTER_RE = re.compile(r"[^\W\d_]")
#: How many Latin letters one CJK character stands for when judging how much text there is.
CJK_WEIGHT = 3


def is_cjk_text(text: str | None) -> bool:
    """True when most letters of ``text`` are Chinese, Japanese or Korean characters.

    >>> is_cjk_text("黄土高原的土壤 (Loess)"), is_cjk_text("Soil of the Loess Plateau 黄土")
    (True, False)
    """
    letters = len(_LETTER_RE.findall(text or ""))
    return bool(letters) and len(_CJK_RE.findall(text or "")) * 2 > letters


def text_weight(text: str | None) -> int:
    """Length of ``text`` with each CJK character counted as ``CJK_WEIGHT`` letters (as much meaning as a word).

    >>> text_weight("黄土 ok")
    9
    """
    return len(text or "") + (CJK_WEIGHT - 1) * len(_CJK_RE.findall(text or ""))


_KANA_RE = re.compile(r"[\u3040-\u30ff]")
_HANGUL_RE = re.compile(r"[\uac00-\ud7af]")


def cjk_language(text: str | None) -> str | None:
    """'zh', 'ja' or 'ko' for text written mostly in CJK characters, told apart by kana and hangul; else None.

    >>> cjk_language("黄土高原"), cjk_language("土壌の炭素"), cjk_language("토양 탄소"), cjk_language("soil")
    ('zh', 'ja', 'ko', None)
    """
    if not is_cjk_text(text):
        return None
    if _HANGUL_RE.search(text or ""):
        return "ko"
    return "ja" if _KANA_RE.search(text or "") else "zh"
