"""Name the publishing platform from page content (generator tags, platform markers, URL shapes)."""

from __future__ import annotations

import re

from parsel import Selector

# (platform, pattern over the generator meta, canonical URL and a sample of script/link URLs).
_SIGNATURES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.I)) for name, pattern in (
        ("ojs", r"open journal systems|/index\.php/[^/]+/article/view/|pkp\.sfu\.ca|/lib/pkp/"),
        ("dspace", r"\bdspace\b|/bitstream/handle/|/handle/\d+/\d+"),
        ("eprints", r"\beprints\b"),
        ("atypon", r"literatum|/action/showcitformats|atypon|/doi/(abs|full|epdf)/10\."),
        ("highwire", r"highwire|/content/early/|\bhw\.(pisa|identifier)"),
        ("springer", r"link\.springer\.com|springernature|static-content\.springer"),
        ("elsevier", r"sciencedirect\.com|elsevier"),
        ("wiley", r"onlinelibrary\.wiley\.com|wiley-vch"),
        ("mdpi", r"mdpi\.com|mdpi-res"),
        ("plos", r"journals\.plos\.org|plos\.org"),
        ("opus", r"\bopus\s?4|opus4"),
        ("vufind", r"vufind"),
    )
)


def detect_platform(selector: Selector, index, candidates) -> str | None:
    """Best guess of the publishing platform, or the aggregator layout, or None."""
    labels = next((c for c in candidates if c.source == "labels"), None)
    # The aggregator layout: a labelled 'Journal:' line, 'Last modified:' and 'Other Latest Articles'.
    if labels is not None and all(labels.get(k) for k in ("journal_title", "last_modified", "related")):
        return "aggregator"
    evidence = " ".join([
        " ".join(index.all("generator")),
        " ".join(index.all("hw.identifier", "hw.pisa")),
        " ".join(selector.xpath("//link[@rel='canonical']/@href | //script/@src | //link[@rel='stylesheet']/@href").getall()[:40]),
    ])
    for name, pattern in _SIGNATURES:
        if pattern.search(evidence):
            return name
    return None
