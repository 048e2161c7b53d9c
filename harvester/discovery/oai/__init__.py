"""OAI-PMH: request URLs for a repository and a safe, namespace-tolerant reader of its responses.

Pure: this package builds URLs and parses response bodies; fetching is the spider's job.
``urls`` builds the requests; ``envelope`` reads a response (errors, lists, resumption tokens,
Identify) and gives each record the mapper of its metadata format: ``dublin_core`` (``oai_dc``,
``nsdl_dc``), ``jats`` (OJS's JATS plugin), ``marc`` (MARCXML), ``arxiv``. The XML itself is
loaded by ``harvester.discovery.xmlread``, which keeps hostile documents harmless.
"""

from harvester.discovery.oai.envelope import (MALFORMED, NO_RECORDS, NOT_OAI, OaiHeader, OaiIdentify, OaiRecord,
                                              OaiResponse, parse_response)
from harvester.discovery.oai.urls import (VERBS, get_record_url, identify_url, list_identifiers_url,
                                          list_metadata_formats_url, list_records_url, list_sets_url, resume_url)

__all__ = ["MALFORMED", "NO_RECORDS", "NOT_OAI", "OaiHeader", "OaiIdentify", "OaiRecord", "OaiResponse",
           "parse_response", "VERBS", "get_record_url", "identify_url", "list_identifiers_url",
           "list_metadata_formats_url", "list_records_url", "list_sets_url", "resume_url"]
