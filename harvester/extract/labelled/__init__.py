"""Reading labelled visible text and the unlabelled shapes beside it, one job a module.

``harvester.extract.labels`` assembles them into one candidate: ``line_labels`` finds the labels on
lines, ``reader`` reads their values, ``dspace`` a repository's record table, ``byline_shapes``
bylines and ``numbering`` issue lines, ``apa`` a cited reference of the article, ``periodical`` the
journal's name from <title>, ``keyword_lists`` and ``abstract_blocks`` what markup alone shows.
"""
