"""Signals of the harvester, beside Scrapy's own."""

#: Sent when a URL ends without a record: ``page_rejected(url, source, outcome, reason, detail)``.
#: ``outcome`` is one of ``rejected`` (bad content), ``error`` (fetch or parse failure) or
#: ``skipped`` (deliberately not harvested: not an article, duplicate, over a limit).
page_rejected = object()
