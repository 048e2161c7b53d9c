"""Chinese pages: their labels read, the Chinese abstract before an English parallel one, text outweighing dc.language."""

from pathlib import Path

import pytest

from harvester.extract.article import ArticlePage
from harvester.extract.document import parse_html
from harvester.normalize import normalize_language, split_keywords
from harvester.normalize.language import cjk_language, text_weight

PAGES = Path(__file__).parent / "fixtures" / "chinese"

EXPECTED = {
    "dc_language_en_parallel.html": {
        "abstract": "退耕还林二十年后，黄土高原表层土壤有机碳含量平均提高了三分之一，阴坡的增幅大于阳坡。",
        "keywords": ["退耕还林", "土壤有机碳", "黄土高原", "returning farmland to forest", "soil organic carbon",
                     "Loess Plateau"],
        "language": "zh",
    },
    "headings_cn_first.html": {
        "abstract": "长江中游六个湖泊沉积物中的铅和镉主要来自上游矿区，而铜和锌以农业来源为主。",
        "keywords": ["重金属", "沉积物", "来源解析", "heavy metals", "sediments", "source apportionment"],
        "language": "zh",
    },
    "english_first_dc_description.html": {
        "abstract": "城市绿地使其边缘两百米范围内的夏季地表温度最多降低四摄氏度，面积越大降温范围越广。",
        "keywords": ["城市绿地", "地表温度", "降温效应"],
        "language": "zh",
    },
}


def _field(page: str, field: str):
    path = PAGES / page
    value = ArticlePage(parse_html(path.read_text(encoding="utf-8")), path.as_uri()).merged.values.get(field)
    return {"keywords": split_keywords, "language": normalize_language}.get(field, lambda v: v)(value)


@pytest.mark.parametrize("page, field", [(p, f) for p, fields in EXPECTED.items() for f in fields])
def test_chinese_page_field(page, field):
    got = _field(page, field)
    assert got == EXPECTED[page][field], f"{page}: field {field}: expected {EXPECTED[page][field]!r}, got {got!r}"


def test_scripts_and_weights():
    assert [cjk_language(t) for t in ("土壤有机碳", "土壌の炭素", "토양 탄소", "Soil")] == ["zh", "ja", "ko", None]
    assert text_weight("土壤") == 6
