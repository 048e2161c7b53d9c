"""Chinese pages: their labels read, the Chinese abstract before an English parallel one, text outweighing dc.language.

The pages' expected fields are in tests/fixtures/chinese/*.json (checked by test_extract_pages.py)."""

from harvester.normalize.language import cjk_language, text_weight


def test_scripts_and_weights():
    assert [cjk_language(t) for t in ("土壤有机碳", "土壌の炭素", "토양 탄소", "Soil")] == ["zh", "ja", "ko", None]
    assert text_weight("土壤") == 6
