"""The facts of the OJS-like test journal: one journal, three issues, forty articles, one deleted record.

``DEFAULT_JOURNAL`` bundles them as a ``Journal`` (issues, live articles, deleted records), the
shape ``harvester.demo.journal_factory.generate_journal`` produces at any size.
Everything here is invented. Pages, OAI-PMH records, sitemaps and ``expected_records()`` of
``harvester.demo.ojs`` are all rendered from these objects, so they cannot disagree. Values
that look computed (pages, dates, authors) are derived by fixed arithmetic from each article's
position, so the content is the same on every run.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

JOURNAL_TITLE = "Journal of Open Harvest Studies"
JOURNAL_ABBREV = "J Open Harvest Stud"
JOURNAL_PATH = "johs"
PUBLISHER = "Open Harvest Press"
PRINT_ISSN = "2049-3630"
ONLINE_ISSN = "2049-3649"  # check digit computed: 2049364 -> 9
ISSNS = (PRINT_ISSN, ONLINE_ISSN)
DOI_PREFIX = "10.5555"  # the DOI test prefix: these DOIs resolve nowhere
REPOSITORY_ID = "johs.example"
SECTIONS = {"ART": "Articles", "REV": "Reviews"}
#: ISO 639-1 -> the ISO 639-2 code OJS writes in ``dc:language``.
OAI_LANGUAGE = {"en": "eng", "ru": "rus"}


@dataclass(frozen=True)
class Person:
    """An author with the name parts a person would read off the name."""

    given: str
    family: str
    affiliation: str

    @property
    def full_name(self) -> str:
        """``Fedor L. Sinitsyn``: the form of ``citation_author`` and the article page."""
        return f"{self.given} {self.family}"

    @property
    def initials(self) -> str:
        """``F.L.`` from ``Fedor L.``; ``J.-L.`` from ``Jean-Luc``."""
        return "".join("-".join(part[0] + "." for part in word.split("-")) for word in self.given.split())

    @property
    def toc_name(self) -> str:
        """``Sinitsyn F.L.``: the form of the issue table of contents."""
        return f"{self.family} {self.initials}"

    @property
    def inverted_name(self) -> str:
        """``Sinitsyn, Fedor L.``: the form of OJS ``dc:creator``."""
        return f"{self.family}, {self.given}"


@dataclass(frozen=True)
class Issue:
    """One issue; ``published`` is its publication date."""

    id: int
    volume: str
    number: str
    year: str
    published: str
    description: str

    @property
    def label(self) -> str:
        """``Vol 19, No 2 (2020)``, as OJS labels an issue."""
        return f"Vol {self.volume}, No {self.number} ({self.year})"


@dataclass(frozen=True)
class Article:
    """One live article; ``datestamp`` is its last-modified day (the OAI datestamp)."""

    id: int
    issue: Issue
    section: str
    title: str
    authors: tuple[Person, ...]
    first_page: str
    last_page: str
    keywords: tuple[str, ...]
    abstract: str
    language: str
    datestamp: str
    body: tuple[str, ...] = ()  # full-text paragraphs shown under "Full Text" (generated journals only)

    @property
    def galley_id(self) -> int:
        """Id of the article's PDF galley."""
        return self.id + 800

    @property
    def doi(self) -> str:
        """Bare DOI."""
        return f"{DOI_PREFIX}/{JOURNAL_PATH}.{self.id}"

    @property
    def pages(self) -> str:
        """``292-297``."""
        return f"{self.first_page}-{self.last_page}"

    @property
    def publication_date(self) -> str:
        """The article is published with its issue."""
        return self.issue.published

    @property
    def oai_identifier(self) -> str:
        """``oai:johs.example:article/<id>``."""
        return f"oai:{REPOSITORY_ID}:article/{self.id}"


@dataclass(frozen=True)
class DeletedRecord:
    """An article withdrawn after publication: the repository keeps only its header."""

    id: int
    section: str
    datestamp: str

    @property
    def oai_identifier(self) -> str:
        """``oai:johs.example:article/<id>``."""
        return f"oai:{REPOSITORY_ID}:article/{self.id}"


@dataclass(frozen=True)
class Journal:
    """The content of the journal: issues oldest first, live articles in id order, deleted records."""

    issues: tuple[Issue, ...]
    articles: tuple[Article, ...]
    deleted: tuple[DeletedRecord, ...] = ()

    @property
    def current_issue(self) -> Issue:
        """The newest issue: the last one."""
        return self.issues[-1]


ISSUES = (
    Issue(1, "19", "1", "2020", "2020-03-30", "Spring issue: protocols and identifiers."),
    Issue(2, "19", "2", "2020", "2020-06-29", "Summer issue: crawling, sitemaps and quality."),
    Issue(3, "20", "1", "2021", "2021-03-29", "Spring issue: multilingual metadata."),
)
CURRENT_ISSUE = ISSUES[-1]

_PEOPLE = (
    Person("Fedor L.", "Sinitsyn", "Institute of Information Studies, Tver"),
    Person("Jane", "Smith", "University of Leeds"),
    Person("Maria Clara", "Oliveira", "Universidade Federal de Minas Gerais"),
    Person("Wei", "Zhang", "Wuhan University"),
    Person("Anna", "Kowalska", "University of Warsaw"),
    Person("Peter", "van der Berg", "Utrecht University"),
    Person("Aoife", "O'Brien", "University College Dublin"),
    Person("Jean-Luc", "Moreau", "Université de Lille"),
    Person("Olga V.", "Petrova", "Saint Petersburg State University"),
    Person("Samuel", "Okafor", "University of Lagos"),
    Person("Ingrid", "Lindqvist", "Uppsala University"),
    Person("Hiroshi", "Tanaka", "Kyoto University"),
    Person("Lucía", "Fernández", "Universidad de Granada"),
    Person("Marek", "Nowak", "Masaryk University"),
    Person("Elena", "Rossi", "University of Bologna"),
    Person("David", "Cohen", "Tel Aviv University"),
)

_KEYWORDS = (
    "metadata harvesting", "OAI-PMH", "open access", "persistent identifiers", "web crawling",
    "bibliographic records", "scholarly communication", "digital libraries", "Dublin Core",
    "sitemaps", "data quality", "journal publishing", "deduplication", "multilingual metadata",
    "indexing", "repositories", "citation metadata", "name disambiguation", "web archiving",
    "research infrastructure", "Open Journal Systems", "information retrieval", "serials",
    "metadata standards",
)

_ARTICLE_TITLES = (
    "Incremental Metadata Harvesting with OAI-PMH: A Ten-Year Retrospective",
    "Measuring Coverage Gaps in Open Scholarly Indexes",
    "Persistent Identifiers and the Long Tail of Small Journals",
    "Citation Meta Tags as a Discovery Layer: Evidence from 400 Journal Sites",
    "Author Name Disambiguation across Transliterated Records",
    "Sitemaps, Robots Files and the Visibility of Academic Publishing",
    "Crawler Traps in Institutional Repositories: A Field Study",
    "The Economics of Diamond Open Access Platforms",
    "Language Identification for Multilingual Abstracts",
    "Reconciling Issue Numbering Conventions in Serial Publications",
    "Deduplicating Mirrored Article Pages with Digital Object Identifiers",
    "Resumption Tokens and Failure Recovery in Protocol Harvesting",
    "From Print to Platform: Migrating a Society Journal to Open Journal Systems",
    "Keyword Vocabularies in Humanities Journals: Drift and Stability",
    "Rate Limits, Politeness and Fair Use in Scholarly Web Crawling",
    "Dublin Core in Practice: How Repositories Fill the Fifteen Elements",
    "Quality Signals for Automatically Harvested Bibliographic Records",
    "Tracking Retractions through Publisher Metadata Feeds",
    "Page Ranges, Article Numbers and the End of Pagination",
    "Regional Journals in Global Indexes: A Comparative Study",
    "Open Abstracts and the Reuse of Scholarly Summaries",
    "Archiving Journal Websites: Lessons from Failed Migrations",
    "Evaluating Extraction Accuracy against Hand-Checked Gold Records",
    "Multilingual Interfaces and Metadata Consistency in OJS Installations",
    "The Afterlife of Discontinued Journals on the Web",
    "Structured Data for Scholarly Articles: JSON-LD Adoption since 2015",
    "Harvesting Conference Proceedings alongside Journal Literature",
    "Date Formats in Bibliographic Metadata: A Survey of Ambiguity",
    "Version Control for Metadata Records in Small Repositories",
)

_REVIEWED_BOOKS = (
    "Harvesting the Commons: Infrastructure for Open Scholarship",
    "The Indexer's Dilemma",
    "Protocols of Knowledge: A History of Library Networks",
    "Crawling the Academy",
    "Serials in Transition: Journals after Print",
    "Identifiers Everywhere",
    "The Quiet Infrastructure of Science",
    "Machines that Read Journals",
)

_METHODS = ("a survey of 212 journal websites", "log analysis of a national aggregator",
            "interviews with editors and repository managers", "a controlled crawling experiment")
_FINDINGS = ("find that most failures come from inconsistent markup rather than missing data",
             "show that small journals are the most exposed to metadata loss",
             "identify three recurring patterns that automated tools can detect",
             "demonstrate that simple checks catch most errors before indexing")
_AUDIENCES = ("editors of small journals", "developers of harvesting software",
              "librarians maintaining discovery services", "funders of open infrastructure")


@dataclass(frozen=True)
class _Russian:
    title: str
    authors: tuple[Person, ...]
    keywords: tuple[str, ...]
    abstract: str


_RUSSIAN = {
    108: _Russian(
        "Метаданные научных журналов в открытых индексах: проблемы и решения",
        (Person("Фёдор Леонидович", "Синицын", "Институт информационных исследований, Тверь"),
         Person("Ольга Викторовна", "Петрова", "Санкт-Петербургский государственный университет")),
        ("метаданные", "научные журналы", "открытый доступ", "индексирование"),
        "В статье рассматриваются типичные ошибки метаданных научных журналов, попадающих в открытые "
        "индексы. На материале ста журнальных сайтов показано, что большинство ошибок связано с "
        "непоследовательной разметкой, а не с отсутствием данных."),
    121: _Russian(
        "История электронных журналов в России: от первых сайтов к платформам",
        (Person("Ирина Сергеевна", "Кузнецова", "Российская государственная библиотека"),),
        ("электронные журналы", "история издательского дела", "платформы"),
        "Статья посвящена развитию электронных научных журналов в России с середины 1990-х годов. "
        "Автор прослеживает переход от самодельных сайтов к издательским платформам и оценивает его "
        "последствия для доступности публикаций."),
    134: _Russian(
        "Транслитерация имён авторов в библиографических базах данных",
        (Person("Дмитрий Андреевич", "Волков", "Новосибирский государственный университет"),
         Person("Фёдор Леонидович", "Синицын", "Институт информационных исследований, Тверь")),
        ("транслитерация", "имена авторов", "библиографические базы данных"),
        "Исследуются расхождения в транслитерации русских фамилий в международных базах данных. "
        "Предложен набор правил, позволяющий сопоставлять записи одного автора."),
}

#: (issue, number of articles, number of reviews): reviews close each issue's table of contents.
_LAYOUT = ((ISSUES[0], 10, 3), (ISSUES[1], 11, 3), (ISSUES[2], 11, 2))
FIRST_ARTICLE_ID = 101


def pick_authors(index: int) -> tuple[Person, ...]:
    """One to three authors, picked by fixed arithmetic (steps of 7 keep them distinct)."""
    return tuple(_PEOPLE[(index * 5 + k * 7) % len(_PEOPLE)] for k in range(1 + index % 3))


def pick_keywords(index: int) -> tuple[str, ...]:
    """Three or four keywords (steps of 5 keep them distinct)."""
    return tuple(_KEYWORDS[(index * 3 + k * 5) % len(_KEYWORDS)] for k in range(3 + index % 2))


def article_abstract(title: str, index: int) -> str:
    """An invented abstract built around the title."""
    pick = lambda options: options[index % len(options)]  # noqa: E731
    return (f"This article addresses the question raised by its title, “{title}”. Using {pick(_METHODS)}, "
            f"we {pick(_FINDINGS)}. The results matter for {pick(_AUDIENCES)}.")


def review_abstract(book: str, index: int) -> str:
    """An invented abstract of a book review."""
    return (f"The reviewer assesses “{book}”, a recent monograph on scholarly infrastructure, and finds it "
            f"useful for {_AUDIENCES[index % len(_AUDIENCES)]}, if uneven in its later chapters.")


def _datestamp(issue: Issue, index: int) -> str:
    """Last-modified day: the publication day plus a fixed spread of up to 1649 days (2020-2025)."""
    return (date.fromisoformat(issue.published) + timedelta(days=index * 379 % 1650)).isoformat()


def page_count(section: str, index: int) -> int:
    """Articles run 6-16 pages, reviews 2-4."""
    return 6 + index * 5 % 11 if section == "ART" else 2 + index % 3


def _content(article_id: int, section: str, index: int, counters: dict[str, int]) -> tuple:
    """(title, authors, keywords, abstract, language) of one article."""
    russian = _RUSSIAN.get(article_id)
    if russian:
        return russian.title, russian.authors, russian.keywords, russian.abstract, "ru"
    if section == "REV":
        book = _REVIEWED_BOOKS[counters["REV"]]
        counters["REV"] += 1
        authors, keywords = pick_authors(index)[:1], pick_keywords(index)[:3]
        return f"Review of: {book}", authors, keywords, review_abstract(book, index), "en"
    title = _ARTICLE_TITLES[counters["ART"]]
    counters["ART"] += 1
    return title, pick_authors(index), pick_keywords(index), article_abstract(title, index), "en"


def build_articles() -> tuple[Article, ...]:
    """All live articles in id order, which is table-of-contents and page order."""
    articles, counters, index = [], {"ART": 0, "REV": 0}, 0
    for issue, article_count, review_count in _LAYOUT:
        first = 1 if issue.number == "1" else int(articles[-1].last_page) + 1  # pages run on through a volume
        for section in ("ART",) * article_count + ("REV",) * review_count:
            article_id = FIRST_ARTICLE_ID + index
            title, authors, keywords, abstract, language = _content(article_id, section, index, counters)
            last = first + page_count(section, index) - 1
            articles.append(Article(article_id, issue, section, title, authors, str(first), str(last),
                                    keywords, abstract, language, _datestamp(issue, index)))
            first, index = last + 1, index + 1
    return tuple(articles)


ARTICLES = build_articles()
DELETED = DeletedRecord(FIRST_ARTICLE_ID + len(ARTICLES), "ART", "2023-09-14")
DEFAULT_JOURNAL = Journal(ISSUES, ARTICLES, (DELETED,))
