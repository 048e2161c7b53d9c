"""The code's rooms: a label word lives in one shipped file; the spider routes and assembles no record."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = [p for folder in ("harvester", "spiders", "pipelines") for p in (ROOT / folder).rglob("*")
           if p.is_file() and p.suffix in (".py", ".toml", ".json") and "demo" not in p.parts]
WORDS = ["Аннотация", "Ключевые слова", "Palavras-chave", "Schlüsselwörter", "Mots-clés", "Palabras clave",
         "Выпуск", "Resumo", "Zusammenfassung", "Далее"]


@pytest.mark.parametrize("word", WORDS)
def test_a_label_word_is_written_in_one_shipped_file(word):
    holders = [p.relative_to(ROOT).as_posix() for p in SHIPPED
               if word.casefold() in p.read_text(encoding="utf-8").casefold()]
    assert len(holders) == 1 and holders[0].startswith("harvester/vocabulary/"), (word, holders)


def test_spiders_assemble_no_record():
    for path in (ROOT / "spiders").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                    for alias in node.names} | {node.module for node in ast.walk(tree)
                                                 if isinstance(node, ast.ImportFrom)}
        assert not imported & {"ArticleItem", "harvester.items", "merge", "harvester.extract.merge", "Candidate"}, \
            f"{path.name} builds records itself: {sorted(imported & {'ArticleItem', 'merge', 'Candidate'})}"
