"""Pure extraction: turn one parsed page into field values. Nothing here knows about crawling.

Each source module reads one kind of evidence from a ``parsel.Selector`` and returns a
``Candidate`` (raw field values named as in ``base.FIELDS``); ``merge`` picks one value per
field by documented precedence and records which source won.
"""
