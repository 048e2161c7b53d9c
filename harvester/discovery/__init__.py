"""Discovery: where a crawl finds the pages to read, apart from what it reads in them.

``routes`` (a site's entry points: OAI-PMH endpoint, robots.txt, the URL as asked for),
``links`` (a page's article, listing and next-page links), ``listing`` (the entries of a table
of contents), ``sitemaps``, ``oai`` (OAI-PMH requests and responses) and ``xmlread`` (safe XML
for both). Everything here is pure: it builds URLs and reads bodies; the spider fetches.
"""
