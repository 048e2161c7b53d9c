"""Old static pages: no meta tags, Latin-1 bytes with no declared charset, the record read off the visible text.

The pages' expected fields are in tests/fixtures/old_static/*.json (checked by test_extract_pages.py)."""

from harvester.extract.citeline import read_citation_text

def test_journal_before_a_volume_label_of_any_language():
    assert read_citation_text("Вестник истории, Том 3, вып. 2 (2009), с. 5-20")["journal"] == "Вестник истории"
