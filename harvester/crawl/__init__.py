"""Crawl machinery: what routes, guards, paces and accounts for requests, apart from extraction.

``middlewares`` (address guard, redirects, per-site caps, ``Retry-After``, conditional requests),
``spidermiddlewares`` (depth that counts strays only, fresh pages, run sources), ``sources``
(start URLs and the sources file), ``failures`` (a reason and detail for each lost page),
``rejects`` and ``report`` (the run's rejects file, report and exit code), ``signals``, ``run``
(run ids and files), ``extraction`` (pages read inline or in worker processes) and ``distributed``
(scrapy-redis mode).
"""
