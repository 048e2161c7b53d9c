"""Table tests for harvester.normalize.names."""

import pytest

from harvester.normalize.names import parse_author, parse_name, split_authors


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, []),
        ("", []),
        ("   ", []),
        (" ; ; ", []),
        ("Alexey Antoshin;", ["Alexey Antoshin"]),
        ("Alexey Antoshin; Ivan Petrov;", ["Alexey Antoshin", "Ivan Petrov"]),
        ("Antoshin A.V., Sinitsyn F.L.", ["Antoshin A.V.", "Sinitsyn F.L."]),
        ("A. Smith, B. Jones, C. Brown", ["A. Smith", "B. Jones", "C. Brown"]),
        ("A. Smith, B. Jones and C. Brown", ["A. Smith", "B. Jones", "C. Brown"]),
        ("A. Smith, B. Jones, and C. Brown", ["A. Smith", "B. Jones", "C. Brown"]),
        ("A. Smith & B. Jones", ["A. Smith", "B. Jones"]),
        ("A. Smith&B. Jones", ["A. Smith", "B. Jones"]),
        ("Smith, John", ["Smith, John"]),  # one name written family first
        ("Smith, J.", ["Smith, J."]),
        ("Smith, John; Doe, Jane", ["Smith, John", "Doe, Jane"]),
        ("Smith, J., Doe, J.", ["Smith, J.", "Doe, J."]),
        ("Smith, J.A., Doe, J.", ["Smith, J.A.", "Doe, J."]),
        ("Smith, J., A. Brown", ["Smith, J.", "A. Brown"]),
        ("A. Smith, B. Jones, Plato, J.", ["A. Smith", "B. Jones", "Plato, J."]),
        ("Smith, Jones, Brown", ["Smith", "Jones", "Brown"]),
        ("Smith A, Jones B, Brown C", ["Smith A", "Jones B", "Brown C"]),
        ("van Beethoven, Ludwig; Mozart, Wolfgang Amadeus", ["van Beethoven, Ludwig", "Mozart, Wolfgang Amadeus"]),
        ("Smith J.1,2*, Doe A.3", ["Smith J.", "Doe A."]),  # footnote markers
        ("Smith J.1,2*; Doe A.3†", ["Smith J.", "Doe A."]),
        ("Smith J¹², Doe A³", ["Smith J", "Doe A"]),
        ("Иванов И.И. и Петров П.П.", ["Иванов И.И.", "Петров П.П."]),
        ("Hans Müller und Eva Schmidt", ["Hans Müller", "Eva Schmidt"]),
        ("Jean Dupont et Marie Curie", ["Jean Dupont", "Marie Curie"]),
        ("Juan Pérez y María López", ["Juan Pérez", "María López"]),
        ("José Ortega y Gasset", ["José Ortega y Gasset"]),  # 'y' inside one name
        ("Alexey Antoshin\nIvan Petrov", ["Alexey Antoshin", "Ivan Petrov"]),
        ("Smith J, Jones B, et al.", ["Smith J", "Jones B"]),
        (
            "Calvin Liang, Jevan Alexander Hutson, and Os Keyes",
            ["Calvin Liang", "Jevan Alexander Hutson", "Os Keyes"],
        ),
        ("Alexey\u00a0Antoshin ;", ["Alexey Antoshin"]),
    ],
)
def test_split_authors(raw, expected):
    assert split_authors(raw) == expected


@pytest.mark.parametrize(
    ("raw", "name", "given", "family"),
    [
        ("Alexey Antoshin", "Alexey Antoshin", "Alexey", "Antoshin"),
        ("  Alexey   Antoshin ; ", "Alexey Antoshin", "Alexey", "Antoshin"),
        ("Antoshin A.V.", "Antoshin A.V.", "A.V.", "Antoshin"),
        ("Antoshin A. V.", "Antoshin A. V.", "A. V.", "Antoshin"),
        ("Antoshin AV", "Antoshin AV", "AV", "Antoshin"),
        ("Антошин А.В.", "Антошин А.В.", "А.В.", "Антошин"),
        ("Gagarin Yu.A.", "Gagarin Yu.A.", "Yu.A.", "Gagarin"),
        ("A.V. Antoshin", "A.V. Antoshin", "A.V.", "Antoshin"),
        ("A.V.Antoshin", "A.V.Antoshin", "A.V.", "Antoshin"),
        ("Antoshin, Alexey", "Antoshin, Alexey", "Alexey", "Antoshin"),
        ("Smith, J.", "Smith, J.", "J.", "Smith"),
        ("Jevan Alexander Hutson", "Jevan Alexander Hutson", "Jevan Alexander", "Hutson"),
        ("Ludwig van Beethoven", "Ludwig van Beethoven", "Ludwig", "van Beethoven"),
        ("van Beethoven, Ludwig", "van Beethoven, Ludwig", "Ludwig", "van Beethoven"),
        ("Jean de La Fontaine", "Jean de La Fontaine", "Jean", "de La Fontaine"),
        ("Vincent van Gogh", "Vincent van Gogh", "Vincent", "van Gogh"),
        ("Teven Le Scao", "Teven Le Scao", "Teven", "Le Scao"),
        ("Laura Del Coco", "Laura Del Coco", "Laura", "Del Coco"),
        ("José Ortega y Gasset", "José Ortega y Gasset", "José", "Ortega y Gasset"),
        ("Sanchita Bandyopadhyay-Ghosh", "Sanchita Bandyopadhyay-Ghosh", "Sanchita", "Bandyopadhyay-Ghosh"),
        ("Jean-Paul Malrieu", "Jean-Paul Malrieu", "Jean-Paul", "Malrieu"),
        ("E. Schrödinger", "E. Schrödinger", "E.", "Schrödinger"),
        ("J. M. Leinaas", "J. M. Leinaas", "J. M.", "Leinaas"),
        ("X.-X. Zhang", "X.-X. Zhang", "X.-X.", "Zhang"),
        ("D N Astrov", "D N Astrov", "D N", "Astrov"),
        ("Shirley V Wang", "Shirley V Wang", "Shirley V", "Wang"),
        ("Martin Luther King Jr.", "Martin Luther King Jr.", "Martin Luther", "King"),  # suffix dropped
        ("Martin Luther King, Jr.", "Martin Luther King, Jr.", "Martin Luther", "King"),
        ("King, Martin Luther, Jr.", "King, Martin Luther, Jr.", "Martin Luther", "King"),
        ("John Smith III", "John Smith III", "John", "Smith"),
        ("SMITH John", "SMITH John", "John", "SMITH"),  # all-capitals family first
        ("John SMITH", "John SMITH", "John", "SMITH"),
        ("Jean-Paul MALRIEU", "Jean-Paul MALRIEU", "Jean-Paul", "MALRIEU"),
        ("LI Wei", "LI Wei", "Wei", "LI"),
        ("Simon YW Ho", "Simon YW Ho", "Simon YW", "Ho"),  # capitals in the middle are initials
        ("Daniel D. Von Hoff", "Daniel D. Von Hoff", "Daniel D.", "Von Hoff"),
        ("Livius V. d’Uscio", "Livius V. d’Uscio", "Livius V.", "d’Uscio"),
        ("Arnall, D. Brian", "Arnall, D. Brian", "D. Brian", "Arnall"),
        ("JOHN SMITH", "JOHN SMITH", "JOHN", "SMITH"),
        ("Plato", "Plato", None, "Plato"),
        ("王小明", "王小明", None, "王小明"),
        ("李 小明", "李 小明", "李", "小明"),  # other scripts: split on the last space
        ("Алексей Антошин", "Алексей Антошин", "Алексей", "Антошин"),
        ("Антошин Алексей Владимирович", "Антошин Алексей Владимирович", "Алексей Владимирович", "Антошин"),
        ("Иванова Мария Петровна", "Иванова Мария Петровна", "Мария Петровна", "Иванова"),
        ("Алексей Владимирович Антошин", "Алексей Владимирович Антошин", "Алексей Владимирович", "Антошин"),
        ("Antoshin Alexey Vladimirovich", "Antoshin Alexey Vladimirovich", "Alexey Vladimirovich", "Antoshin"),
        ("Smith J.1,2*", "Smith J.", "J.", "Smith"),  # footnote markers
        ("Alexey Antoshin1", "Alexey Antoshin", "Alexey", "Antoshin"),
    ],
)
def test_parse_name(raw, name, given, family):
    assert parse_name(raw) == {"name": name, "given": given, "family": family}


@pytest.mark.parametrize("raw", [None, "", "   ", " ; ", "*"])
def test_parse_name_empty(raw):
    assert parse_name(raw) == {"name": None, "given": None, "family": None}


@pytest.mark.parametrize(
    ("raw", "name", "family", "orcid"),
    [
        ("Alexey Antoshin", "Alexey Antoshin", "Antoshin", None),
        ("Alexey Antoshin https://orcid.org/0000-0002-1825-0097", "Alexey Antoshin", "Antoshin", "0000-0002-1825-0097"),
        ("Alexey Antoshin http://orcid.org/0000-0002-1825-0097", "Alexey Antoshin", "Antoshin", "0000-0002-1825-0097"),
        ("Antoshin A.V. (ORCID: 0000-0002-1825-0097)", "Antoshin A.V.", "Antoshin", "0000-0002-1825-0097"),
        ("Antoshin A.V. [orcid.org/0000-0002-1825-0097]", "Antoshin A.V.", "Antoshin", "0000-0002-1825-0097"),
        ("0000-0002-1825-0097 Alexey Antoshin", "Alexey Antoshin", "Antoshin", "0000-0002-1825-0097"),
        ("Jane Doe ORCID iD 0000-0002-1694-233X", "Jane Doe", "Doe", "0000-0002-1694-233X"),
        ("Smith J [0000-0002-1825-0098]", "Smith J", "Smith", None),  # bad checksum: dropped, not kept
    ],
)
def test_parse_author(raw, name, family, orcid):
    author = parse_author(raw)
    assert (author["name"], author["family"], author["orcid"]) == (name, family, orcid)


@pytest.mark.parametrize("raw", [None, ""])
def test_parse_author_empty(raw):
    assert parse_author(raw) == {"name": None, "given": None, "family": None, "orcid": None}
