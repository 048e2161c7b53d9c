"""OAI-PMH URL builders and response reader, on our own fixture responses (tests/fixtures/oai/)."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from harvester.extract.base import FIELDS
from harvester.discovery.oai import (MALFORMED, NOT_OAI, OaiResponse, get_record_url, identify_url,
                                     list_identifiers_url, list_metadata_formats_url, list_records_url, list_sets_url,
                                     parse_response, resume_url)
from harvester.discovery.oai.dublin_core import parse_dc_source, pick_dc_date
from harvester.discovery.xmlread import ParseError, load_xml

OAI = Path(__file__).resolve().parent / "fixtures" / "oai"
BASE = "https://journals.example.org/index.php/jih/oai"


def load(name: str) -> OaiResponse:
    return parse_response((OAI / name).read_bytes())


def check_fields(page: str, values: dict, expected: dict) -> None:
    """Compare field by field so that a failure names the page and the field."""
    for name, want in expected.items():
        assert values.get(name) == want, f"{page}: field {name!r} is {values.get(name)!r}, expected {want!r}"


# --- URLs ---------------------------------------------------------------------------------

@pytest.mark.parametrize("url, expected", [
    (identify_url(BASE), BASE + "?verb=Identify"),
    (list_sets_url(BASE), BASE + "?verb=ListSets"),
    (list_metadata_formats_url(BASE), BASE + "?verb=ListMetadataFormats"),
    (list_records_url(BASE), BASE + "?verb=ListRecords&metadataPrefix=oai_dc"),
    (list_records_url(BASE, "jats", from_="2024-01-01", until="2024-12-31", set_="jih:ART"),
     BASE + "?verb=ListRecords&metadataPrefix=jats&from=2024-01-01&until=2024-12-31&set=jih%3AART"),
    (list_records_url(BASE, from_=date(2024, 5, 6)), BASE + "?verb=ListRecords&metadataPrefix=oai_dc&from=2024-05-06"),
    (list_records_url(BASE, from_=datetime(2024, 5, 6, 7, 8, 9, tzinfo=timezone.utc)),
     BASE + "?verb=ListRecords&metadataPrefix=oai_dc&from=2024-05-06T07%3A08%3A09Z"),
    (list_identifiers_url(BASE, "oai_dc"), BASE + "?verb=ListIdentifiers&metadataPrefix=oai_dc"),
    (get_record_url(BASE, "oai:x:article/1"), BASE + "?verb=GetRecord&identifier=oai%3Ax%3Aarticle%2F1&metadataPrefix=oai_dc"),
    (resume_url(BASE, "ListRecords", "a b/c=d&e"), BASE + "?verb=ListRecords&resumptionToken=a%20b%2Fc%3Dd%26e"),
    (identify_url("http://x.example/cgi?site=oai"), "http://x.example/cgi?site=oai&verb=Identify"),
])
def test_request_urls(url, expected):
    assert url == expected


def test_resume_url_carries_nothing_but_verb_and_token():
    url = resume_url(BASE, "ListIdentifiers", "tok")
    assert "metadataPrefix" not in url and "from=" not in url and url.endswith("verb=ListIdentifiers&resumptionToken=tok")


# --- list pages and the resumption token --------------------------------------------------

def test_first_page_records_and_token():
    response = load("listrecords_oai_dc_page1.xml")
    assert (response.verb, response.error, response.failed) == ("ListRecords", None, False)
    assert [r.identifier for r in response.records] == [
        "oai:journals.example.org:article/1101", "oai:journals.example.org:article/1090",
        "oai:journals.example.org:article/1107"]
    assert (response.token, response.complete_list_size, response.cursor) == ("ojs-token:offset=3", 5, 0)
    assert response.has_more and response.expiration_date == "2025-03-02T08:00:00Z"
    assert response.request == {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2024-01-01"}
    assert response.base_url == BASE and response.response_date == "2025-03-01T08:00:00Z"
    assert response.records[0].set_specs == ["jih:ART", "driver"]
    assert response.records[0].datestamp == "2024-10-02T09:15:00Z"


def test_last_page_empty_token_means_complete():
    response = load("listrecords_oai_dc_last.xml")
    assert response.token is None and not response.has_more
    assert (response.complete_list_size, response.cursor) == (5, 3)
    assert response.request == {"verb": "ListRecords", "resumptionToken": "ojs-token:offset=3"}
    assert len(response.records) == 2


def test_deleted_record_has_no_fields():
    deleted = load("listrecords_oai_dc_page1.xml").records[1]
    assert deleted.deleted and deleted.metadata is None and deleted.metadata_format is None
    assert deleted.datestamp == "2024-10-05T11:00:00Z" and deleted.set_specs == ["jih:ART"]
    assert not deleted.candidate() and deleted.landing_url is None


def test_list_identifiers_headers():
    response = load("listidentifiers.xml")
    assert response.verb == "ListIdentifiers" and response.records == []
    assert [(h.identifier, h.deleted) for h in response.headers] == [
        ("oai:journals.example.org:article/1", False), ("oai:journals.example.org:article/2", True),
        ("oai:journals.example.org:article/3", False)]
    assert response.headers[2].set_specs == ["jih:ART", "jih:REV"]
    assert (response.token, response.complete_list_size, response.cursor) == ("idtoken/3", 4, 0)


# --- errors -------------------------------------------------------------------------------

def test_bad_resumption_token_is_a_failure():
    response = load("error_bad_resumption_token.xml")
    assert response.error == ("badResumptionToken", "The value of the resumptionToken argument is invalid or expired.")
    assert response.failed and response.verb == "ListRecords" and not response.has_more


def test_no_records_match_is_an_empty_result():
    response = load("error_no_records_match.xml")
    assert response.error[0] == "noRecordsMatch"
    assert not response.failed and response.records == [] and not response.has_more


# --- other verbs --------------------------------------------------------------------------

def test_list_sets():
    response = load("listsets.xml")
    assert response.verb == "ListSets"
    assert [(s.spec, s.name) for s in response.sets] == [
        ("jih", "Journal of Imaginary History"), ("jih:ART", "Articles"), ("jih:REV", "Book Reviews")]


def test_identify():
    identify = load("identify.xml").identify
    assert identify is not None
    check_fields("identify.xml", vars(identify), {
        "repository_name": "Journal of Imaginary History", "base_url": BASE, "protocol_version": "2.0",
        "earliest_datestamp": "2012-04-18T10:11:12Z", "granularity": "YYYY-MM-DDThh:mm:ssZ",
        "deleted_record": "persistent", "admin_emails": ["editor@journals.example.org"]})


def test_list_metadata_formats():
    formats = load("listmetadataformats.xml").metadata_formats
    assert [f.prefix for f in formats] == ["oai_dc", "jats"]
    assert formats[1].namespace == "https://jats.nlm.nih.gov/publishing/1.2/"


# --- oai_dc records -----------------------------------------------------------------------

OJS_EN = {
    "title": "Mills and Canals of the Northern Plain",
    "authors": [{"name": "Petrova, Anna", "affiliations": [], "orcid": None},
                {"name": "Smith, John", "affiliations": [], "orcid": None}],
    "keywords": ["water mills", "canal building"],
    "abstract": "The article traces how mills and canals reshaped the northern plain in the nineteenth century, "
                "drawing on estate ledgers.",
    "publication_date": "2024-09-30", "language": "eng", "publisher": "Example University Press",
    "doi": "10.12345/2345-6787-2024-12-3-101-120",
    "canonical_url": "https://journals.example.org/index.php/jih/article/view/1101",
    "journal_title": "Journal of Imaginary History", "volume": "12", "issue": "3", "pages": "101-120",
    "issn": ["2345-6787", "1234-5679"], "last_modified": "2024-10-02T09:15:00Z",
}
OJS_PT = {
    "title": "Moinhos e canais: uma leitura dos livros de contas", "keywords": ["moinhos; canais; contabilidade"],
    "doi": "https://doi.org/10.12345/ri.v5i2.1107", "journal_title": "Revista Imaginária", "volume": "5",
    "issue": "2", "pages": "e2023015", "issn": ["2718-2819"], "publication_date": "2023-06-15", "language": "por",
}
REPOSITORY_DC = {
    "title": "Tide Tables and Harbour Dues",
    "authors": [{"name": "Okafor, Chidi", "affiliations": [], "orcid": None}],
    "publication_date": "2020-05",
    "abstract": "A longer abstract about tide tables, harbour dues and the merchants who paid them.",
    "canonical_url": "http://hdl.handle.net/123/45", "journal_title": "Maritime Notes", "volume": "1", "issue": "2",
}
MARKUP_DC = {
    "title": "Salmo trutta in upland streams",
    "abstract": "Brown trout were counted in twelve streams. Counts fell with altitude.",
    "doi": "doi:10.12345/trout.46", "canonical_url": None, "publication_date": None,
}


@pytest.mark.parametrize("page, index, expected", [
    ("listrecords_oai_dc_page1.xml", 0, OJS_EN),
    ("listrecords_oai_dc_page1.xml", 2, OJS_PT),
    ("listrecords_oai_dc_last.xml", 0, REPOSITORY_DC),
    ("listrecords_oai_dc_last.xml", 1, MARKUP_DC),
], ids=["ojs-multilingual", "ojs-portuguese", "repository-dc", "escaped-markup"])
def test_oai_dc_candidate(page, index, expected):
    record = load(page).records[index]
    candidate = record.candidate()
    assert candidate.source == "oai_dc" and record.metadata_format == "oai_dc"
    check_fields(f"{page}#{index}", candidate.values, expected)
    assert set(candidate.values) <= set(FIELDS), f"{page}#{index}: unknown fields"


def test_landing_url_and_candidate_is_a_copy():
    record = load("listrecords_oai_dc_page1.xml").records[0]
    assert record.landing_url == "https://journals.example.org/index.php/jih/article/view/1101"
    record.candidate().values["title"] = "changed"
    assert record.candidate().get("title") == "Mills and Canals of the Northern Plain"


def test_relation_and_type_are_ignored():
    values = load("listrecords_oai_dc_page1.xml").records[0].candidate().values
    assert "article/view/1101/880" not in repr(values) and "Peer-reviewed" not in repr(values)


def test_nsdl_dc_with_dcterms():
    record = load("listrecords_nsdl_dc.xml").records[0]
    assert record.metadata_format == "nsdl_dc"
    check_fields("listrecords_nsdl_dc.xml", record.candidate().values, {
        "title": "Crystal Structure of Table Salt", "abstract": "Sodium chloride forms a cubic lattice.",
        "publication_date": "2011", "canonical_url": "http://library.example.edu/items/55", "language": "English"})


# --- JATS, MARCXML, arXiv -----------------------------------------------------------------

JATS = {
    "title": "Mills and Canals of the Northern Plain",
    "authors": [
        {"name": "Anna Petrova", "affiliations": ["Example University"], "orcid": "https://orcid.org/0000-0002-1825-0097"},
        {"name": "John Smith", "affiliations": ["Northern Institute of Hydrology", "Example University"], "orcid": None}],
    "journal_title": "Journal of Imaginary History", "journal_abbrev": "J Imag Hist",
    "issn": ["2345-6787", "1234-5679"], "publisher": "Example University Press",
    "volume": "12", "issue": "3", "first_page": "101", "last_page": "120", "publication_date": "2024-09-30",
    "keywords": ["water mills", "canal building"],
    "abstract": "The article traces how mills and canals reshaped the northern plain. It draws on estate ledgers.",
    "doi": "10.12345/2345-6787-2024-12-3-101-120",
    "canonical_url": "https://journals.example.org/index.php/jih/article/view/1101", "language": "en",
}


def test_jats_record():
    response = load("getrecord_jats.xml")
    assert response.verb == "GetRecord" and len(response.records) == 1
    record = response.records[0]
    assert record.metadata_format == "jats" and record.candidate().source == "oai_jats"
    check_fields("getrecord_jats.xml", record.candidate().values, JATS)


def test_jats_without_namespace_reads_the_same():
    text = (OAI / "getrecord_jats.xml").read_text(encoding="utf-8")
    text = text.replace('xmlns="https://jats.nlm.nih.gov/publishing/1.2/" ', "")
    check_fields("getrecord_jats.xml (no namespace)", parse_response(text).records[0].candidate().values, JATS)


def test_marcxml_record():
    record = load("listrecords_marcxml.xml").records[0]
    assert record.metadata_format == "marcxml"
    check_fields("listrecords_marcxml.xml", record.candidate().values, {
        "title": "Counting pebbles : a field guide",
        "authors": [{"name": "Novak, Jana", "affiliations": ["Example Lab"], "orcid": None},
                    {"name": "Berg, Ola", "affiliations": [], "orcid": None}],
        "doi": "10.12345/marc.777", "journal_title": "J. Beach Stud.", "volume": "7", "issue": "2",
        "pages": "11-19", "publication_date": "2019", "abstract": "We count pebbles on three beaches.",
        "keywords": ["pebbles"], "language": "eng"})


def test_arxiv_record():
    record = load("listrecords_arxiv.xml").records[0]
    assert record.metadata_format == "arXiv"
    check_fields("listrecords_arxiv.xml", record.candidate().values, {
        "title": "A toy model of nothing in particular", "doi": "10.12345/toy.2024",
        "authors": [{"name": "Paola Rossi", "affiliations": [], "orcid": None},
                    {"name": "W. K. Ng", "affiliations": [], "orcid": None}],
        "publication_date": "2024-01-01", "abstract": "We study a toy model."})


# --- encodings, namespaces and broken bodies ----------------------------------------------

def test_no_namespace_declared_latin1_and_empty_token():
    body = (OAI / "listrecords_no_namespace.xml").read_bytes()
    for data in (body, body.decode("latin-1")):
        response = parse_response(data)
        assert response.verb == "ListRecords" and response.token is None and not response.has_more
        values = response.records[0].candidate().values
        assert values["title"] == "Café culture in old Lisbon", f"{type(data).__name__}: {values}"
        assert values["authors"][0]["name"] == "Gonçalves, Rui"


@pytest.mark.parametrize("prefix", [b"\xef\xbb\xbf", b"\n\n  ", b"\xef\xbb\xbf\r\n"], ids=["bom", "blank-lines", "bom+crlf"])
def test_bom_and_leading_whitespace(prefix):
    response = parse_response(prefix + (OAI / "identify.xml").read_bytes())
    assert response.error is None and response.identify.repository_name == "Journal of Imaginary History"


def test_str_with_bom_and_declaration():
    text = "\ufeff" + (OAI / "identify.xml").read_text(encoding="utf-8")
    assert parse_response(text).identify.granularity == "YYYY-MM-DDThh:mm:ssZ"


def test_truncated_body_is_recovered_without_its_cut_record():
    response = load("malformed_truncated.xml")
    assert response.error is None and response.recovered and response.truncated
    assert [r.identifier for r in response.records] == ["oai:journals.example.org:article/1"]
    assert response.records[0].candidate().get("title") == "Bread & Salt: a complete record"


def test_repaired_but_complete_body_is_not_truncated():
    body = (OAI / "listrecords_oai_dc_last.xml").read_bytes().replace(b"Tide Tables and", b"Tide Tables &")
    response = parse_response(body)
    assert response.recovered and not response.truncated and len(response.records) == 2
    assert response.records[0].candidate().get("title") == "Tide Tables & Harbour Dues"


@pytest.mark.parametrize("body", [b"", b"   ", b"this is not xml at all", b"\x00\x01\x02garbage", b"{\"json\": true}"])
def test_garbage_is_malformed(body):
    response = parse_response(body)
    assert response.error[0] == MALFORMED and response.failed and response.records == []


def test_load_xml_raises_parse_error():
    with pytest.raises(ParseError):
        load_xml(b"<<<")


def test_billion_laughs_is_refused_without_expansion():
    response = load("billion_laughs.xml")
    assert response.error[0] == MALFORMED and "safety limit" in response.error[1]
    assert response.records == [] and "lollol" not in repr(response)


def test_entities_are_never_expanded():
    values = load("external_entity.xml").records[0].candidate().values
    assert values["title"] == "Plain title kept"
    assert values["abstract"] == "Before between after"
    assert "INTERNAL-ENTITY-TEXT" not in repr(values) and "root:" not in repr(values)


def test_html_error_page():
    response = load("html_error_page.html")
    assert response.error == (NOT_OAI, "HTML page instead of OAI-PMH XML: 503 Service Temporarily Unavailable")
    assert response.failed and response.verb is None


@pytest.mark.parametrize("body", [
    b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>Login</title></head></html>',
    b'<?xml version="1.0"?><rss version="2.0"><channel/></rss>',
], ids=["xhtml", "rss"])
def test_other_xml_is_not_oai(body):
    response = parse_response(body)
    assert response.error[0] == NOT_OAI and response.records == []


# --- pure helpers -------------------------------------------------------------------------

@pytest.mark.parametrize("raw, expected", [
    ("RUDN Journal of Russian History; Vol 24, No 4 (2025); 632-642",
     {"journal_title": "RUDN Journal of Russian History", "volume": "24", "issue": "4", "year": "2025",
      "pages": "632-642"}),
    ("Вестник Российского университета дружбы народов. Серия: История России; Том 24, № 4 (2025); 632-642",
     {"journal_title": "Вестник Российского университета дружбы народов. Серия: История России", "volume": "24",
      "issue": "4", "year": "2025", "pages": "632-642"}),
    ("Revista de Historia; v. 24 n. 4 (2025); 632-642",
     {"journal_title": "Revista de Historia", "volume": "24", "issue": "4", "year": "2025", "pages": "632-642"}),
    ("Revista Española; Vol. 10 Núm. 2 (2020): Número especial; 15-30",
     {"journal_title": "Revista Española", "volume": "10", "issue": "2", "year": "2020", "pages": "15-30"}),
    ("Zeitschrift für Beispiele; Bd. 3 Nr. 2 (2019)",
     {"journal_title": "Zeitschrift für Beispiele", "volume": "3", "issue": "2", "year": "2019"}),
    ("Journal Name, Vol. 1 No. 2 (2020)", {"journal_title": "Journal Name", "volume": "1", "issue": "2", "year": "2020"}),
    ("Journal Name; No 4 (2021); e123", {"journal_title": "Journal Name", "issue": "4", "year": "2021", "pages": "e123"}),
    ("Journal of Things", {"journal_title": "Journal of Things"}),
    ("2312-8674", {"issn": ["2312-8674"]}),
    ("eISSN: 2312-8690", {"issn": ["2312-8690"]}),
    ("https://journals.example.org/index.php/jih", {}),
    ("10.22363/2312-8674-2025-24-4-632-642", {}),
    ("Phys. Lett. B486 (2000) 194-201", {}),
])
def test_parse_dc_source(raw, expected):
    assert parse_dc_source(raw) == expected


@pytest.mark.parametrize("values, expected", [
    (["2025-12-16"], "2025-12-16"),
    (["2003-03-11T14:00:50Z", "2001-01-04", "2001-01-04"], "2001-01-04"),
    (["2010-05-06T12:00:00Z", "2009"], "2009"),
    (["2019", "2019-07"], "2019-07"),
    (["2013-07-19T10:00:21Z"], "2013-07-19T10:00:21Z"),
    (["2010-05-06T12:00:00Z", "Spring 2009"], "Spring 2009"),
    ([], None),
])
def test_pick_dc_date(values, expected):
    assert pick_dc_date(values) == expected
