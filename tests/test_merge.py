"""Each merge rule settles one kind of disagreement between sources."""

import pytest

from harvester.extract.base import Candidate
from harvester.extract.merge import merge


def cand(source, **values):
    c = Candidate(source)
    for name, value in values.items():
        c.set(name, value)
    return c


@pytest.mark.parametrize("candidates, field, value, winner", [
    # declared citation_* beats generic Dublin Core and the visible heading
    ([cand("dc", title="DC title"), cand("citation", title="Citation title"), cand("heading", title="H1")],
     "title", "Citation title", "citation"),
    # the main heading beats og:title and <title>
    ([cand("og", title="Paper | Site"), cand("heading", title="Paper"), cand("title_tag", title="Paper")],
     "title", "Paper", "heading"),
    # labelled visible text beats the heading guesswork for journal facts
    ([cand("labels", volume="24"), cand("jsonld", volume="25")], "volume", "25", "jsonld"),
    # a value that is not a DOI is skipped for the next source
    ([cand("citation", doi="ade/1391109086"), cand("dc", doi="10.1215/00127094-3129809")],
     "doi", "10.1215/00127094-3129809", "dc"),
    # an ambiguous numeric date states only its year: the page's date in words settles the month
    ([cand("citation", publication_date="11/01/2013"), cand("labels", publication_date="November 2013")],
     "publication_date", "November 2013", "labels"),
    ([cand("citation", publication_date="05/01/2016"), cand("citeline", publication_date="May 2016")],
     "publication_date", "May 2016", "citeline"),
    # ... and with nothing else, the raw value stays; it normalises to the year only
    ([cand("citation", publication_date="11/01/2013")], "publication_date", "11/01/2013", "citation"),
    # a full date that agrees with a year-only winner replaces it
    ([cand("citation", publication_date="2019"), cand("dc", publication_date="2019-03-27")],
     "publication_date", "2019-03-27", "dc"),
    # a full date that disagrees with the winner's year does not
    ([cand("citation", publication_date="2019"), cand("dc", publication_date="2006-03-16")],
     "publication_date", "2019", "citation"),
    # month precision refined by an agreeing day
    ([cand("citation", publication_date="2010/09"), cand("prism", publication_date="2010-09-01")],
     "publication_date", "2010-09-01", "prism"),
    # a 1st-of-January placeholder yields to a real date in the same year
    ([cand("citation", publication_date="2019/01/01"), cand("dc", publication_date="2019-07-11")],
     "publication_date", "2019-07-11", "dc"),
    # ... but not to a date of another year
    ([cand("citation", publication_date="1926/01/01"), cand("dc", publication_date="2006-03-16")],
     "publication_date", "1926/01/01", "citation"),
    # an unparseable date is still kept raw rather than lost
    ([cand("labels", publication_date="sometime soon")], "publication_date", "sometime soon", "labels"),
])
def test_precedence(candidates, field, value, winner):
    merged = merge(candidates)
    assert merged.values.get(field) == value, f"field {field}"
    assert merged.provenance.get(field) == winner, f"provenance of {field}"


def test_pages_come_as_a_pair_from_one_source():
    merged = merge([cand("citation", first_page="632"), cand("labels", pages="632-642")])
    assert (merged.values["first_page"], merged.values.get("last_page")) == ("632", None)
    merged = merge([cand("labels", pages="632–642"), cand("coins", first_page="1", last_page="2")])
    assert (merged.values["first_page"], merged.values["last_page"]) == ("1", "2")
    merged = merge([cand("labels", pages="632–642")])
    assert (merged.values["first_page"], merged.values["last_page"]) == ("632", "642")
    assert merged.provenance["first_page"] == "labels"


def test_longer_author_list_containing_the_byline_wins():
    byline = [{"name": "A. Author"}]
    full = [{"name": "A. Author"}, {"name": "B. Author"}]
    merged = merge([cand("citation", authors=byline), cand("jsonld", authors=full)])
    assert merged.values["authors"] == full and merged.provenance["authors"] == "jsonld"


def test_different_author_list_does_not_replace_winner():
    winner = [{"name": "A. Author"}]
    other = [{"name": "C. Other"}, {"name": "D. Other"}]
    merged = merge([cand("citation", authors=winner), cand("jsonld", authors=other)])
    assert merged.values["authors"] == winner


def test_truncated_abstract_yields_to_complete_one():
    short = "Online dating and hookup platforms have fundamentally changed people's day-to-day practices..."
    full = "Online dating and hookup platforms have fundamentally changed people's day-to-day practices of sex and love."
    merged = merge([cand("dc", abstract=short), cand("labels", abstract=full)])
    assert merged.values["abstract"] == full and merged.provenance["abstract"] == "labels"


def test_empty_sources_give_empty_record():
    merged = merge([cand("citation"), cand("labels")])
    assert merged.values == {} and merged.provenance == {}


def test_structured_abstract_beats_its_first_part():
    first = "Background: lions once lived in North Africa."
    whole = first + " Results: their mitochondrial DNA shows two lineages. Conclusions: more data are needed."
    merged = merge([cand("citation", abstract=first), cand("labels", abstract=whole)])
    assert merged.values["abstract"] == whole


def test_abstract_from_a_different_text_does_not_replace_winner():
    merged = merge([cand("dc", abstract="A plain-language summary of the work for everyone to read here."),
                    cand("labels", abstract="The magnetochiral effect of phonons is observed in a chiral magnet at low temperature.")])
    assert merged.provenance["abstract"] == "dc"


@pytest.mark.parametrize("candidates, language, source", [
    # a declared language stands when the text agrees or is too short to say
    ([cand("citation", title="Sub-nucleosomal organization in urine cell-free DNA", language="en")], "en", "citation"),
    # the article's own confident text overrules a declaration that only repeats the interface locale
    ([cand("citation", title="Quantisierung als Eigenwertproblem", language="en"), cand("page", language="en")],
     "de", "langid"),
    # ... but a title alone does not overrule a declaration of its own
    ([cand("citation", title="Quantisierung als Eigenwertproblem", language="en")], "en", "citation"),
    # title and abstract in different languages settle nothing against the declaration
    ([cand("citation", title="Советские невозвращенцы в Германии после Второй мировой войны", language="ru",
           abstract="The article is devoted to the phenomenon of defectors from the Soviet Union in the first "
                    "post-war years, based on archives in Stanford, New York and Bremen.")], "ru", "citation"),
    # Latin phrases in a title are no evidence of a Latin article
    ([cand("citation", title="Status quo ante bellum: a reappraisal", language="en"), cand("page", language="en")],
     "en", "citation"),
    # nothing declared: identified from title and abstract
    ([cand("heading", title="Советские невозвращенцы в Германии после Второй мировой войны")], "ru", "langid"),
    # nothing declared and too little text: left empty
    ([cand("heading", title="DNA")], None, None),
])
def test_language_rule(candidates, language, source):
    merged = merge(candidates)
    assert merged.values.get("language") == language and merged.provenance.get("language") == source


def test_lead_source_wins_every_field_it_states_and_the_page_fills_the_rest():
    merged = merge([cand("oai_dc", title="From OAI", volume="19"),
                    cand("citation", title="From page", volume="20", issue="2", doi="10.5555/x")], lead=("oai_dc",))
    assert (merged.values["title"], merged.values["volume"], merged.values["issue"]) == ("From OAI", "19", "2")
    assert merged.provenance["title"] == "oai_dc" and merged.provenance["issue"] == "citation"
    assert merged.values["doi"] == "10.5555/x"


def test_lead_source_year_yields_to_the_page_full_date_that_agrees():
    merged = merge([cand("oai_dc", publication_date="2019"), cand("citation", publication_date="2019-05-03")],
                   lead=("oai_dc",))
    assert merged.values["publication_date"] == "2019-05-03" and merged.provenance["publication_date"] == "citation"


def test_lead_source_date_is_kept_against_a_page_date_that_disagrees():
    merged = merge([cand("oai_dc", publication_date="2019"), cand("citation", publication_date="2020-05-03")],
                   lead=("oai_dc",))
    assert merged.values["publication_date"] == "2019"


def test_unranked_source_is_used_when_alone():
    merged = merge([cand("oai_dc", title="From OAI", pages="292-297", publication_date="2020-06-30")])
    assert merged.values["title"] == "From OAI" and merged.provenance["title"] == "oai_dc"
    assert (merged.values["first_page"], merged.values["last_page"]) == ("292", "297")


def test_unranked_source_comes_after_ranked_ones():
    merged = merge([cand("listing", title="Listing title"), cand("heading", title="Page heading")])
    assert merged.values["title"] == "Page heading"


@pytest.mark.parametrize("title, html_lang, language", [
    ("Heavy Flavour Physics Review", "en-US", "en"),   # nothing else speaks: the interface locale serves
    ("Quantisierung als Eigenwertproblem", "en", "de"),  # the text itself is confident
    ("Physique des saveurs lourdes", "en", "fr"),       # the text is confident enough on its own
    ("Heavy Flavour Physics Review", "fr", None),       # the text leans elsewhere: say nothing
])
def test_interface_locale_is_the_last_resort(title, html_lang, language):
    merged = merge([cand("heading", title=title), cand("page", language=html_lang)])
    assert (merged.values.get("language") and merged.values["language"][:2]) == language


@pytest.mark.parametrize("winner, other, takes_other", [
    # a meta description marked as cut short yields to a complete visible abstract, even a different text
    ("When vaccinating against influenza, some countries focus on elderly persons b...",
     "Background: Observational studies suggest that influenza vaccination protects the elderly. Objective: to test it.", True),
    ("L'évaluation, et la place qu'y occupe la bibliométrie, sont au cœur des débats actuels. Les enjeux (...)",
     "L’évaluation, et la place qu’y occupe la bibliométrie, sont au cœur des débats actuels. Les enjeux sont majeurs.", True),
    # the first part of a structured abstract yields to the whole, which starts with a sub-heading
    ("Understanding the demographic history of a population is critical to conservation.",
     "Background Understanding the demographic history of a population is critical to conservation. Results Two lineages.", True),
    # a complete, unmarked winner stands against a different, longer text
    ("A complete plain summary of the paper that stands on its own.",
     "A much longer but different abstract that does not begin like the winner at all, with more words.", False),
])
def test_abstract_completion(winner, other, takes_other):
    merged = merge([cand("dc", abstract=winner), cand("labels", abstract=other)])
    assert merged.values["abstract"] == (other if takes_other else winner)


def test_cut_short_text_never_replaces_a_complete_one():
    complete = "The evaluation of research is at the heart of current debates, and the stakes are high."
    longer_cut = complete + " Universities will be funded according to (...)"
    merged = merge([cand("labels", abstract=complete), cand("og", abstract=longer_cut)])
    assert merged.values["abstract"] == complete


def test_visible_names_must_look_like_names_but_declared_ones_stand():
    merged = merge([cand("labels", authors=[{"name": "full names of all authors with their affiliations"}]),
                    cand("heading", title="Guide")])
    assert "authors" not in merged.values
    consortium = [{"name": "The writing group of the trial consortium"}]
    assert merge([cand("citation", authors=consortium)]).values["authors"] == consortium


def test_description_is_not_taken_as_a_title():
    merged = merge([cand("labels", title="short and specific, no more than 15 words."), cand("heading", title="Guidelines")])
    assert merged.values["title"] == "Guidelines" and merged.provenance["title"] == "heading"


def test_teaser_is_no_abstract_and_run_on_text_no_completion():
    assert "abstract" not in merge([cand("og", abstract="Read how our editors choose reviewers.")]).values
    start = "Soil crusts cover most dry valleys of the region and hold water in the dry season."
    run_on = start + " 1. Introduction " + "Body text of the article goes on. " * 200
    merged = merge([cand("citation", abstract=start), cand("labels", abstract=run_on)])
    assert merged.values["abstract"] == start


def test_winning_authors_gain_affiliations_and_orcid_from_other_sources():
    declared = [{"name": "Liang, Calvin"}, {"name": "Keyes, Os"}]
    visible = [{"name": "Calvin Liang", "affiliations": ["University of Washington"],
                "orcid": "https://orcid.org/0000-0002-1825-0097"}, {"name": "Os Keyes", "affiliations": []}]
    merged = merge([cand("citation", authors=declared), cand("bylines", authors=visible)])
    liang, keyes = merged.values["authors"]
    assert liang["affiliations"] == ["University of Washington"] and liang["orcid"].endswith("0097")
    assert keyes["name"] == "Keyes, Os" and keyes.get("orcid") is None
    assert merged.provenance["authors"] == "citation"


def test_different_people_sharing_a_family_name_are_not_merged():
    declared = [{"name": "Smith, John"}]
    visible = [{"name": "Mary Smith", "affiliations": ["Elsewhere University"]}]
    merged = merge([cand("citation", authors=declared), cand("bylines", authors=visible)])
    assert not merged.values["authors"][0].get("affiliations")
