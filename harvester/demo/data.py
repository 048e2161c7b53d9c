"""The facts of the demo journal site: journals, issues and articles, written out by hand.

Every page of the demo site is rendered from these objects, and ``expected_records()`` reads
the same objects, so what the pages show and what a harvester must output cannot drift apart.
Author ``given``/``family`` are written here by hand on purpose: they are the truth the
project's own name parser is checked against, so they must not come from it.

The page about Soviet defectors reproduces the aggregator page the project started from
(``seed-article-page.txt``); the five articles it lists under "Other Latest Articles" carry
that page's titles, everything else about them (authors, abstracts) is invented, as are all
other articles.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: Rendering quirks a page may carry; they change the markup, never the facts.
QUIRKS = frozenset({
    "extra_spaces",  # runs of spaces inside the title and around labelled values
    "nbsp",          # no-break spaces between labels and values and between keywords
    "glued",         # a label glued to its value: 'Page :632-642', 'Authors :Name;'
})


@dataclass(frozen=True)
class Journal:
    """A journal the aggregator lists."""

    slug: str
    title: str
    description: str


@dataclass(frozen=True)
class Issue:
    """One issue of a journal; ``posted`` is the day the aggregator added it."""

    journal: str
    volume: str
    number: str
    date: str
    posted: str


@dataclass(frozen=True)
class Author:
    """An author as the page prints the name, with given and family names read by a person."""

    name: str
    given: str | None
    family: str | None


@dataclass(frozen=True)
class Article:
    """One article page of the demo site; ``None``/empty fields are not shown on the page."""

    id: int
    issue: Issue
    title: str
    authors: tuple[Author, ...]
    pages: tuple[str, str] | None
    keywords: tuple[str, ...]
    abstract: str | None
    language: str = "en"
    date: str | None = None
    modified: str | None = None
    doi: str | None = None
    quirks: frozenset[str] = field(default_factory=frozenset)

    @property
    def journal(self) -> str:
        """Slug of the journal the article belongs to."""
        return self.issue.journal

    @property
    def publication_date(self) -> str:
        """The date the page states, ISO 8601 at the precision it is stated at."""
        return self.date or self.issue.date

    @property
    def last_modified(self) -> str:
        """The page's ``Last modified:`` stamp, ``YYYY-MM-DD HH:MM:SS``."""
        return self.modified or f"{self.issue.posted} {_clock(self.id)}"

    @property
    def path(self) -> str:
        """URL path of the article page."""
        return f"/view/paper/{self.id}"


def _clock(seed: int) -> str:
    """A time of day that looks arbitrary but is fixed by ``seed``."""
    seconds = (seed * 7919) % 86400
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def _article(id: int, issue: Issue, title: str, authors: list[tuple[str, str | None, str | None]],
             pages: str | None, keywords: str, abstract: str | None, **extra) -> Article:
    """An ``Article`` from compact literals: pages as ``'632-642'``, keywords joined by ``'; '``."""
    if not set(extra.get("quirks", ())) <= QUIRKS:
        raise ValueError(f"unknown quirks in {extra['quirks']}")
    return Article(
        id=id, issue=issue, title=title,
        authors=tuple(Author(*triple) for triple in authors),
        pages=tuple(pages.split("-")) if pages else None,
        keywords=tuple(keywords.split("; ")) if keywords else (),
        abstract=abstract,
        **{k: (frozenset(v) if k == "quirks" else v) for k, v in extra.items()},
    )


def _russian(*args, **extra) -> Article:
    """An article in Russian (title, keywords and abstract); the site chrome stays English."""
    return _article(*args, language="ru", **extra)


RUDN = "rudn-journal-of-russian-history"
CEL = "coastal-ecology-letters"
HIR = "historical-informatics-review"

JOURNALS: tuple[Journal, ...] = (
    Journal(RUDN, "RUDN Journal of Russian History",
            "Research articles on the history of Russia from medieval times to the present."),
    Journal(CEL, "Coastal Ecology Letters",
            "Short research papers on the ecology of coasts, estuaries and shallow seas."),
    Journal(HIR, "Historical Informatics Review",
            "Digital methods, databases and quantitative approaches in historical research."),
)

# --- RUDN Journal of Russian History ------------------------------------------------------

RUDN_24_4 = Issue(RUDN, "24", "4", "2025-12-16", "2025-12-16")
RUDN_24_3 = Issue(RUDN, "24", "3", "2025-09-26", "2025-09-29")
RUDN_24_2 = Issue(RUDN, "24", "2", "2025-06-20", "2025-06-23")
RUDN_24_1 = Issue(RUDN, "24", "1", "2025-03-21", "2025-03-24")

SEED_ABSTRACT = (
    "The article is devoted to the phenomenon of defectors from the Soviet Union in the first years after "
    "the end of the Great Patriotic War. The article is based on documents from the Archive of War, "
    "Revolution and Peace of the Hoover Institution (Stanford, USA), the Bakhmetev Archive of Russian and "
    "East European Culture of Columbia University (New York, USA), the Archive of the Center for East "
    "European Studies of the University of Bremen (Germany), etc. The author shows that Germany was the most "
    "important center where significant flows of defectors were directed. It is proven that one of the most "
    "noticeable groups of defectors were soldiers and officers of the Soviet troops stationed in post-war "
    "Germany. The situation of defectors in the Russian diaspora after World War II, their relations with "
    "representatives of the “second wave” of emigration from the USSR are analyzed. Particular attention is "
    "paid to the 1st conference of post-war political refugees (Hamburg, September 1951), it was established "
    "that it did not lead to the consolidation of defectors . The article devotes considerable space to the "
    "problem of the perception of the West and its foreign policy of the Cold War era by the defectors , and "
    "proves that they repeatedly subjected it to harsh criticism. The article proves that a number of "
    "defectors broke with anti-communist émigré organizations and decided to return to the Soviet Union. "
    "The author concludes that the reason for this was the disappointment of many defectors in the values of "
    "Western democracy, their critical attitude toward the spiritual atmosphere within Western societies and "
    "toward the US political elite."
)

SEED_ID = 1012406

_RUDN_ARTICLES = [
    # Vol. 24, No. 4: the seed page and the five articles it lists, newest (highest id) first.
    _article(1012412, RUDN_24_4,
             "Exploring Possibilities of Colonization of Pacific Northwest by Russia, Great Britain and Spain "
             "in the 18th Century",
             [("Irina Melnikova", "Irina", "Melnikova")], "704-718",
             "Russian America; Pacific Northwest; colonization; Nootka crisis; imperial rivalry",
             "The article compares the plans of Russia, Great Britain and Spain to settle the north-western "
             "coast of America in the second half of the 18th century. Drawing on published travel accounts "
             "and diplomatic correspondence, the author shows that none of the three powers had the resources "
             "for permanent colonies and that the Nootka crisis fixed the balance of their claims for decades."),
    _article(1012411, RUDN_24_4,
             "“Friendly Relations” of Great Rulers Stefan III of Moldavia and Ivan III of Moscow",
             [("Sergiu Lungu", "Sergiu", "Lungu"), ("Olga Titova", "Olga", "Titova")], "690-703",
             "Stefan III; Ivan III; Moldavia; Muscovy; dynastic marriage; diplomacy",
             "The authors reconstruct the contacts between Moldavia and Muscovy in the last quarter of the "
             "15th century. The marriage of Elena Stefanovna to Ivan the Young is considered as the core of an "
             "alliance directed against Poland-Lithuania, and the chronicle phrase about the “friendly "
             "relations” of the two rulers is traced to its diplomatic context."),
    _article(1012410, RUDN_24_4,
             "Role of Moscow Agricultural Academy in Formation and Development of Soviet Agricultural Science "
             "and Higher Agricultural Education",
             [("Kuznetsova M.Yu.", "M.Yu.", "Kuznetsova")], "672-689",
             "Moscow Agricultural Academy; agricultural science; higher education; Soviet science policy",
             "The article traces how the Moscow Agricultural Academy served as a model for agricultural "
             "institutes across the Soviet Union in the 1920s and 1930s. Curricula, staff careers and "
             "experimental stations are examined to show how research and teaching were tied to the needs of "
             "collective farming."),
    _article(1012409, RUDN_24_4,
             "Contours of V.N. Khitrovo’s Worldview: on Genesis of Religious-Political Concept",
             [("Dmitry Petrov", "Dmitry", "Petrov")], "658-671",
             "V.N. Khitrovo; Orthodox Palestine Society; religious policy; Russian conservatism",
             "The article examines the letters and published works of Vasily Khitrovo, founder of the Orthodox "
             "Palestine Society. The author identifies the sources of his religious-political views and shows "
             "how the idea of Russia's mission in the Holy Land took shape in his thought."),
    _article(1012408, RUDN_24_4,
             "Formation of Political Discourse of Orthodox Western Russian Clergy during January Uprising "
             "of 1863",
             [("Andrei Kovalenko", "Andrei", "Kovalenko"), ("Maria Zhukova", "Maria", "Zhukova")], "643-657",
             "January Uprising; Orthodox clergy; Western Russia; political discourse; Lithuanian eparchy",
             "Sermons, diocesan periodicals and reports of parish priests are used to show how the Orthodox "
             "clergy of the western provinces formulated their position during the uprising of 1863. The "
             "authors argue that the clergy's loyalist rhetoric shaped the later official view of the region."),
    _article(SEED_ID, RUDN_24_4, "Soviet Defectors in Germany after World War II",
             [("Alexey Antoshin", "Alexey", "Antoshin")], "632-642",
             "Russian emigrants; Soviet refugees; Russian diaspora; repatriation; post-war USSR; "
             "Russian anti-communists",
             SEED_ABSTRACT, modified="2025-12-16 21:42:27"),
    # Vol. 24, No. 3
    _russian(1011873, RUDN_24_3,
             "Советские перебежчики и эмигрантские организации в Западной Германии в 1950-е годы",
             [("Антошин А.В.", "А.В.", "Антошин")], "588-601",
             "перебежчики; эмиграция; холодная война; Западная Германия; антикоммунизм",
             "В статье рассматриваются отношения советских перебежчиков с эмигрантскими организациями в "
             "Западной Германии в 1950-е годы. На основе архивных документов показано, что многие из них "
             "так и не нашли своего места в эмигрантской среде и со временем вернулись в Советский Союз."),
    _russian(1011870, RUDN_24_3,
             "Крестьянские прошения как источник по истории русской деревни конца XIX века",
             [("Синицын Ф.Л.", "Ф.Л.", "Синицын"), ("Иванова Е.С.", "Е.С.", "Иванова")], "571-587",
             "крестьянство; прошения; пореформенная деревня; исторический источник",
             "Статья посвящена прошениям крестьян в губернские учреждения в последней трети XIX века. Авторы "
             "анализируют язык и структуру прошений и показывают, какие сведения о повседневной жизни "
             "деревни можно извлечь из этого массового источника."),
    _article(1011866, RUDN_24_3, "Russian Consular Service in the Ottoman Empire in the Early 19th Century",
             [("Timur Akhmetov", "Timur", "Akhmetov")], "553-570",
             "consular service; Ottoman Empire; Eastern Question; Russian diplomacy",
             "The article describes the network of Russian consulates in the Ottoman Empire between 1800 and "
             "1830. Based on the reports of consuls, the author shows how trade protection, the patronage of "
             "Orthodox subjects and intelligence gathering were combined in their everyday work."),
    _russian(1011861, RUDN_24_3, "Городское самоуправление Казани в годы Первой мировой войны",
             [("Петров Д.А.", "Д.А.", "Петров")], "536-552",
             "городская дума; Казань; Первая мировая война; местное самоуправление",
             "В статье исследуется деятельность Казанской городской думы в 1914–1917 годах. Показано, как "
             "война изменила городской бюджет, снабжение населения и отношения думы с губернской властью.",
             quirks={"extra_spaces"}),
    _russian(1011858, RUDN_24_3, "Земские учителя и народное образование в Тверской губернии",
             [("Кузнецова Мария Юрьевна", "Мария Юрьевна", "Кузнецова")], "519-535",
             "земство; народное образование; сельские учителя; Тверская губерния",
             "Статья посвящена положению земских учителей Тверской губернии во второй половине XIX века. "
             "Автор рассматривает их подготовку, жалованье и участие в общественной жизни уезда."),
    _article(1011852, RUDN_24_3, "The Moscow Olympics of 1980 in Soviet and Western Press",
             [("Anna Belova", "Anna", "Belova"), ("Peter Hartmann", "Peter", "Hartmann")], "502-518",
             "Olympic Games; Moscow 1980; boycott; Cold War; press",
             "The authors compare how Soviet, West German and American newspapers covered the Moscow "
             "Olympic Games of 1980. The boycott turned the Games into a contest of narratives in which both "
             "sides used sport to speak about the legitimacy of their political systems."),
    # Vol. 24, No. 2
    _article(1011342, RUDN_24_2,
             "Letters of a Provincial Governor to the Ministry of Internal Affairs, 1881–1894: "
             "A Documentary Publication",
             [("Viktor Lebedev", "Viktor", "Lebedev")], "380-401",
             "governors; Ministry of Internal Affairs; provincial administration; documents", None),
    _russian(1011338, RUDN_24_2, "Эвакуация промышленных предприятий на Урал в 1941–1942 годах",
             [("Морозов К.Н.", "К.Н.", "Морозов")], "362-379",
             "эвакуация; Великая Отечественная война; Урал; военная экономика",
             "На материалах заводских архивов рассматривается перемещение промышленных предприятий на Урал "
             "в первый год войны. Автор показывает, как быстро эвакуированные заводы начали выпуск продукции "
             "и какой ценой это было достигнуто."),
    _russian(1011335, RUDN_24_2, "Старообрядческие общины Сибири в первой трети XX века",
             [("Синицын Ф.Л.", "Ф.Л.", "Синицын")], "345-361",
             "старообрядчество; Сибирь; религиозные общины; советская религиозная политика",
             "В статье рассматривается жизнь старообрядческих общин Сибири от революции 1905 года до начала "
             "коллективизации. Особое внимание уделено их хозяйственной организации и отношениям с властью."),
    _article(1011331, RUDN_24_2, "Grain Procurement Campaigns in the Volga Region, 1928–1930",
             [("Elena Orlova", "Elena", "Orlova")], "328-344",
             "grain procurement; collectivization; Volga region; peasantry",
             "The article reconstructs the grain procurement campaigns in the Middle Volga region on the eve "
             "of collectivization. Local party reports show how extraordinary measures turned into a "
             "permanent method of dealing with the peasantry."),
    _russian(1011327, RUDN_24_2, "Русская православная церковь и советское государство в 1943–1948 годах",
             [("Антошин А.В.", "А.В.", "Антошин"), ("Петров Д.А.", "Д.А.", "Петров")], "311-327",
             "Русская православная церковь; государственно-церковные отношения; Совет по делам РПЦ",
             "Статья посвящена изменению церковной политики советского государства в годы войны и первые "
             "послевоенные годы. Авторы анализируют деятельность Совета по делам Русской православной церкви "
             "и ответ епархий на новые возможности."),
    _article(1011320, RUDN_24_2, "British Travellers in Siberia in the Second Half of the 19th Century",
             [("James O'Connor", "James", "O'Connor")], "296-310",
             "travel writing; Siberia; British perceptions of Russia; exile system",
             "The article analyses travel accounts of British visitors to Siberia published between 1860 and "
             "1900. Their descriptions of the exile system are shown to depend on the political views the "
             "travellers brought with them from home."),
    # Vol. 24, No. 1
    _article(1010815, RUDN_24_1, "Peasant Migration to the Far East under the Stolypin Reform",
             [("Pavel Gromov", "Pavel", "Gromov")], "190-205",
             "Stolypin reform; resettlement; Russian Far East; peasant migration",
             "The article studies the resettlement of peasants to the Amur and Primorye regions between 1906 "
             "and 1914. Statistics of the Resettlement Administration are compared with settlers' letters to "
             "show why many families returned to European Russia.",
             quirks={"glued"}),
    _article(1010811, RUDN_24_1, "Moscow Merchants and Charity in the Late Imperial Period",
             [("Galina Ryabova", "Galina", "Ryabova"), ("Ivan Sorokin", "Ivan", "Sorokin"),
              ("Natalia Fedorova", "Natalia", "Fedorova")], "172-189",
             "merchants; charity; Moscow; philanthropy; civil society",
             "The authors examine the charitable foundations of Moscow merchant families at the turn of the "
             "20th century. Charity is treated as a way of gaining public recognition and of shaping the city."),
    _russian(1010806, RUDN_24_1, "Дипломатическая переписка России и Пруссии накануне Семилетней войны",
             [("Иванова Е.С.", "Е.С.", "Иванова")], "155-171",
             "Семилетняя война; Пруссия; дипломатия; Елизавета Петровна",
             "В статье анализируется переписка русских и прусских дипломатов в 1753–1756 годах. Автор "
             "показывает, как взаимное недоверие дворов сделало войну почти неизбежной."),
    _article(1010802, RUDN_24_1, "Soviet Film Distribution in Eastern Europe, 1956–1968",
             [("Katarzyna Nowak", "Katarzyna", "Nowak")], "139-154",
             "Soviet cinema; film distribution; Eastern Bloc; cultural diplomacy",
             "The article follows Soviet films through the distribution systems of Poland, Czechoslovakia and "
             "Hungary after 1956. Box-office data reveal that audiences preferred Western comedies, which "
             "forced distributors into constant negotiation with Moscow."),
    _article(1010797, RUDN_24_1, "The Archive of the Holy Synod as a Source for Social History",
             [("Alexander Vasiliev", "Alexander", "Vasiliev")], "121-138",
             "Holy Synod; archives; social history; consistory records",
             "The article surveys the records of the Holy Synod kept in the Russian State Historical Archive "
             "and suggests how divorce cases, petitions and clergy reports can be used to study everyday life."),
    _article(1010790, RUDN_24_1, "Railway Construction and Urban Growth in Late Imperial Russia",
             [("Mikhail Zaitsev", "Mikhail", "Zaitsev")], "103-120",
             "railways; urbanization; late Imperial Russia; regional development",
             "Using census data for 1863 and 1897, the author measures the effect of new railway lines on the "
             "population of provincial towns. Towns on the lines grew twice as fast as those left aside."),
]

# --- Coastal Ecology Letters --------------------------------------------------------------

CEL_12_3 = Issue(CEL, "12", "3", "2025-09-15", "2025-09-17")
CEL_12_2 = Issue(CEL, "12", "2", "2025-06-16", "2025-06-18")
CEL_12_1 = Issue(CEL, "12", "1", "2025-03-17", "2025-03-19")
CEL_11_34 = Issue(CEL, "11", "3-4", "2024-12-09", "2024-12-11")

_CEL_ARTICLES = [
    _article(2204518, CEL_12_3, "Seasonal Dynamics of Seagrass Meadows in a Temperate Lagoon",
             [("Smith, John", "John", "Smith"), ("Doe, Jane", "Jane", "Doe")], "201-214",
             "seagrass; Zostera marina; lagoon; seasonal dynamics; remote sensing",
             "Shoot density and biomass of Zostera marina were measured monthly for three years in a "
             "temperate coastal lagoon. Growth peaked in early summer and declined sharply after heat waves, "
             "which shortened the growing season by several weeks.",
             doi="10.5555/cel.2025.12.3.201"),
    _article(2204514, CEL_12_3, "Microplastic Loads in Beach Sediments after Winter Storms",
             [("Nguyen T.H.", "T.H.", "Nguyen"), ("Garcia, Maria", "Maria", "Garcia")], "215-229",
             "microplastics; beach sediments; storms; pollution monitoring",
             "Sediment cores from twelve beaches were sampled before and after winter storms. Storms doubled "
             "microplastic concentrations in the upper layers, mostly through fibres and fragments carried "
             "from offshore.",
             doi="10.5555/cel.2025.12.3.215"),
    _article(2204509, CEL_12_3, "Salt Marshes & Sea-Level Rise: Accretion Rates along the Wadden Sea",
             [("Lena Hoffmann", "Lena", "Hoffmann"), ("Jan de Vries", "Jan", "de Vries")], "230-244",
             "salt marsh; sea-level rise; sediment accretion; Wadden Sea",
             "Accretion rates measured with sedimentation plates at 40 stations show that most marshes of the "
             "Wadden Sea still keep pace with sea-level rise. Marshes far from tidal creeks are the exception "
             "and may drown within this century.",
             quirks={"extra_spaces"}),
    _article(2204503, CEL_12_3, "Predation on Juvenile Crabs by Invasive Green Crab Populations",
             [("Olivia Brown", "Olivia", "Brown")], "245-258", "",
             "Tethering experiments were used to compare predation on juvenile native crabs at sites with and "
             "without established green crab populations. Survival was three times lower where the invader "
             "was abundant."),
    _article(2204497, CEL_12_3, "Benthic Foraminifera as Indicators of Estuarine Pollution",
             [("Kenji Tanaka", "Kenji", "Tanaka"), ("Aiko Suzuki", "Aiko", "Suzuki")], "259-270",
             "foraminifera; bioindicators; estuary; heavy metals",
             "Foraminiferal assemblages from 60 surface samples were related to heavy metal concentrations in "
             "an industrial estuary. Two opportunistic species proved reliable indicators of contamination.",
             doi="10.5555/cel.2025.12.3.259"),
    _article(2203988, CEL_12_2, "Nesting Success of Kentish Plovers on Disturbed Beaches",
             [("Carlos Ruiz", "Carlos", "Ruiz"), ("Ana Pereira", "Ana", "Pereira")], "101-113",
             "Kentish plover; nesting success; human disturbance; beach management",
             "Nests of Kentish plovers were monitored on beaches with different levels of recreational use. "
             "Fencing nest sites raised hatching success from one third to more than half of all clutches.",
             date="2025-06"),
    _article(2203982, CEL_12_2, "Kelp Forest Recovery after Sea Urchin Removal",
             [("Williams, Sarah", "Sarah", "Williams")], "114-127",
             "kelp forest; sea urchins; restoration; barrens",
             "Sea urchins were removed by divers from four barren reefs and kelp cover was followed for five "
             "years. Kelp returned within two years at sheltered sites but not at exposed ones.",
             doi="10.5555/cel.2025.12.2.114"),
    _article(2203977, CEL_12_2, "Groundwater Discharge and Nutrient Fluxes to a Karst Coast",
             [("Marko Horvat", "Marko", "Horvat"), ("Ivana Kovač", "Ivana", "Kovač")], "128-140",
             "submarine groundwater discharge; nutrients; karst; radon",
             "Radon measurements were used to estimate submarine groundwater discharge along a karst coast. "
             "Groundwater supplied most of the nitrate reaching coastal waters during the dry season."),
    _article(2203971, CEL_12_2, "Oyster Reef Restoration and Shoreline Stabilisation: A Five-Year Study",
             [("Emily Clarke", "Emily", "Clarke"), ("Thomas Reed", "Thomas", "Reed"),
              ("Hannah Moore", "Hannah", "Moore")], "141-156",
             "oyster reefs; living shorelines; erosion; restoration ecology",
             "Shoreline position was surveyed behind restored oyster reefs and at unprotected control sites "
             "for five years. Reefs reduced erosion by half and were colonised by a rich invertebrate fauna.",
             doi="10.5555/cel.2025.12.2.141", quirks={"nbsp"}),
    _article(2203966, CEL_12_2, "Heat Waves and Mass Mortality of Mussels in the Northern Adriatic",
             [("Luca Bianchi", "Luca", "Bianchi")], "157-166",
             "marine heat waves; Mytilus galloprovincialis; mass mortality; Adriatic Sea",
             "Mussel mortality was recorded on farms and natural beds during the marine heat wave of 2024. "
             "Losses exceeded 80 percent where water temperature stayed above 28 degrees for a week."),
    _article(2203455, CEL_12_1, "Acoustic Monitoring of Harbour Porpoises near Offshore Wind Farms",
             [("Peter Jensen", "Peter", "Jensen"), ("Mette Larsen", "Mette", "Larsen")], "1-14",
             "harbour porpoise; passive acoustic monitoring; offshore wind; noise",
             "Click detectors were deployed around two offshore wind farms before, during and after "
             "construction. Porpoise activity dropped during pile driving and recovered within months.",
             doi="10.5555/cel.2025.12.1.1"),
    _article(2203449, CEL_12_1, "Sediment Transport Modelling for a Managed Realignment Site",
             [("Brown, David", "David", "Brown")], "15-29",
             "managed realignment; sediment transport; numerical modelling; estuary",
             "A hydrodynamic model was calibrated with field data to predict sedimentation in a managed "
             "realignment site. The model suggests that the site will reach marsh elevation within 15 years."),
    _article(2203444, CEL_12_1, "Diet Composition of Grey Seals in the Baltic Sea",
             [("Anna Virtanen", "Anna", "Virtanen")], "30-41",
             "grey seal; diet; Baltic Sea; fisheries conflict",
             "Hard parts in 350 scat samples were identified to describe the diet of grey seals in the "
             "northern Baltic. Herring dominated the diet, while salmon made up a small but costly share."),
    _article(2203438, CEL_12_1, "Mangrove Carbon Stocks in Restored and Natural Stands",
             [("Nguyen T.H.", "T.H.", "Nguyen"), ("Tran V.M.", "V.M.", "Tran")], "42-57",
             "mangroves; blue carbon; restoration; soil carbon",
             "Carbon stocks in biomass and soils were compared between restored and natural mangrove stands "
             "in the Mekong Delta. Restored stands reached natural levels of biomass carbon after 20 years, "
             "but soil carbon lagged behind.",
             doi="10.5555/cel.2025.12.1.42"),
    _article(2203433, CEL_12_1, "Jellyfish Blooms and Coastal Tourism: A Survey of Beach Managers",
             [("Sophie Martin", "Sophie", "Martin")], "58-69",
             "jellyfish; tourism; beach management; survey",
             "Beach managers in four countries answered a survey on jellyfish blooms and their handling. "
             "Most relied on warning flags and few had data on the economic losses caused by blooms."),
    _article(2202917, CEL_11_34, "Long-Term Trends in Coastal Water Transparency, 1990–2020",
             [("Richard Hall", "Richard", "Hall"), ("Laura King", "Laura", "King")], "301-318",
             "water transparency; Secchi depth; eutrophication; long-term monitoring",
             "Secchi depth records from 120 coastal stations were analysed for trends over three decades. "
             "Transparency improved where nutrient loads fell, but declined again after 2010 at many sites.",
             doi="10.5555/cel.2024.11.3.301"),
    _article(2202912, CEL_11_34, "Eelgrass Wasting Disease in the North Atlantic Revisited",
             [("Jensen P.", "P.", "Jensen")], "319-330",
             "eelgrass; wasting disease; Labyrinthula; North Atlantic",
             "Samples from 30 eelgrass meadows were screened for the pathogen that caused the collapse of the "
             "1930s. The pathogen was found almost everywhere, but severe lesions only in warm, shallow beds."),
    _article(2202906, CEL_11_34, "Beach Nourishment Effects on Sandy Shore Invertebrates",
             [("Martina Rossi", "Martina", "Rossi"), ("Giulia Conti", "Giulia", "Conti")], "331-345",
             "beach nourishment; macrofauna; sandy beaches; recovery",
             "Macrofauna was sampled before and after nourishment of three beaches. Species richness "
             "recovered within one year, but the biomass of burrowing bivalves stayed lower for two years."),
    _article(2202901, CEL_11_34, "Citizen Science Records of Stranded Marine Mammals",
             [("Hughes, Owen", "Owen", "Hughes"), ("Evans, Carys", "Carys", "Evans")], "346-358",
             "strandings; citizen science; marine mammals; data quality",
             "Stranding reports submitted by volunteers were compared with records of a professional network. "
             "Volunteers found more strandings, and their species identifications were correct in nine cases "
             "out of ten."),
    _article(2202895, CEL_11_34, "Dune Vegetation Response to Trampling Pressure",
             [("Lucas Dubois", "Lucas", "Dubois")], "359-372",
             "coastal dunes; trampling; vegetation; visitor management",
             "Experimental trampling plots were set up in fore dunes and grey dunes. Fore dune grasses "
             "tolerated moderate trampling, whereas lichen-rich grey dune vegetation was damaged at low "
             "intensity."),
]

# --- Historical Informatics Review --------------------------------------------------------

HIR_9_3 = Issue(HIR, "9", "3", "2025-10-20", "2025-10-22")
HIR_9_2 = Issue(HIR, "9", "2", "2025-06-02", "2025-06-04")
HIR_9_1 = Issue(HIR, "9", "1", "2025-02-10", "2025-02-12")

_HIR_ARTICLES = [
    _article(3307741, HIR_9_3, "Editorial: Ten Years of Historical Informatics Review and the Road Ahead",
             [], "1-4",
             "editorial; digital history; historical informatics",
             "The editors look back at ten years of the journal and at the questions that dominated its pages. "
             "They invite papers on research software, data publication and the reproducibility of "
             "quantitative historical research."),
    _article(3307736, HIR_9_3, "Named Entity Recognition in Nineteenth-Century Russian Newspapers",
             [("Antoshin A.V.", "A.V.", "Antoshin"), ("Sinitsyn F.L.", "F.L.", "Sinitsyn")], "5-22",
             "named entity recognition; historical newspapers; pre-reform orthography; machine learning",
             "Off-the-shelf named entity recognisers fail on texts in pre-reform Russian orthography. The "
             "authors annotate a corpus of provincial newspapers and show that normalising the spelling "
             "before tagging recovers most of the lost accuracy."),
    _russian(3307730, HIR_9_3, "Реконструкция маршрутов ссыльных по материалам статистических отчётов",
             [("Синицын Ф.Л.", "Ф.Л.", "Синицын")], "23-40",
             "ссылка; статистические отчёты; ГИС; историческая география",
             "В статье предлагается методика восстановления маршрутов ссыльных по ежегодным статистическим "
             "отчётам тюремного ведомства. Полученные маршруты нанесены на карту и сопоставлены с "
             "воспоминаниями ссыльных.",
             quirks={"nbsp"}),
    _article(3307725, HIR_9_3, "Topic Models for Petitions to the Imperial Chancellery",
             [("Kovalev D.S.", "D.S.", "Kovalev")], "41-58",
             "topic modelling; petitions; Imperial Chancellery; text mining",
             "Topic models were fitted to 12,000 petitions addressed to the Imperial Chancellery. The topics "
             "follow the famine years closely and reveal a shift from requests for charity to complaints "
             "about officials."),
    _article(3307719, HIR_9_3,
             "A Linked Open Data Gazetteer of Historical Settlements of the Volga Basin",
             [("Elena Smirnova", "Elena", "Smirnova"), ("Markus Weber", "Markus", "Weber")], None,
             "gazetteer; linked open data; historical settlements; Volga",
             "The article presents a gazetteer of 18,000 settlements of the Volga basin with their names, "
             "administrative affiliation and coordinates from 1700 to 1930, published as linked open data."),
    _article(3307712, HIR_9_3, "Handwritten Text Recognition for Parish Registers: An Evaluation",
             [("Ivanova E.S.", "E.S.", "Ivanova"), ("Petrov D.A.", "D.A.", "Petrov"),
              ("Weber M.", "M.", "Weber")], "78-95",
             "handwritten text recognition; parish registers; evaluation; Transkribus",
             "Three handwritten text recognition engines were evaluated on parish registers written by "
             "hundreds of different hands. Character error rates fell below five percent only after training "
             "on pages from the same parish."),
    _russian(3307204, HIR_9_2, "Цифровая публикация переписи населения 1897 года: проблемы и решения",
             [("Иванова Е.С.", "Е.С.", "Иванова"), ("Кузнецова М.Ю.", "М.Ю.", "Кузнецова")], "1-18",
             "перепись 1897 года; цифровая публикация; базы данных; историческая демография",
             "Статья описывает опыт создания электронной публикации материалов первой всеобщей переписи "
             "населения. Авторы обсуждают выбор структуры базы данных и способы проверки ввода."),
    _article(3307199, HIR_9_2, "Network Analysis of Merchant Guild Membership in Eighteenth-Century Moscow",
             [("Daria Volkova", "Daria", "Volkova")], "19-35",
             "network analysis; merchant guilds; Moscow; social history",
             "Guild registers from 1748 to 1795 were turned into a network of kinship and partnership ties. "
             "A small core of families connected most of the merchant community and survived every crisis."),
    _article(3307193, HIR_9_2, "Measuring Price Series from Historical Market Reports",
             [("Roberts, Alan", "Alan", "Roberts")], "36-50",
             "price history; market reports; time series; data cleaning",
             "Weekly market reports printed in provincial gazettes are a rich but noisy source for price "
             "history. The article proposes a procedure for detecting misprints and building consistent "
             "price series."),
    _russian(3307188, HIR_9_2, "Базы данных по истории советских колхозов: обзор и перспективы",
             [("Морозов К.Н.", "К.Н.", "Морозов")], "51-66",
             "колхозы; базы данных; аграрная история; архивные источники",
             "В статье дан обзор баз данных по истории колхозов, созданных за последние тридцать лет. Автор "
             "предлагает общую схему описания, которая позволила бы объединить разрозненные ресурсы.",
             date="2025-06"),
    _article(3307182, HIR_9_2, "Georeferencing Old Maps of Siberian Towns",
             [("Igor Pavlov", "Igor", "Pavlov"), ("Yulia Lebedeva", "Yulia", "Lebedeva")], "67-80",
             "georeferencing; historical maps; Siberia; urban history",
             "Plans of eight Siberian towns drawn between 1780 and 1860 were georeferenced against modern "
             "maps. The residual errors show which surveyors worked with instruments and which by eye."),
    _article(3307177, HIR_9_2, "Text Reuse Detection in Church Slavonic Manuscripts",
             [("Sinitsyn F.L.", "F.L.", "Sinitsyn")], "81-97",
             "text reuse; Church Slavonic; manuscripts; sequence alignment",
             "Sequence alignment methods borrowed from bioinformatics were applied to a corpus of Church "
             "Slavonic sermons. The method finds borrowed passages despite variant spellings and abbreviations."),
    _russian(3306651, HIR_9_1, "Электронный архив фронтовых писем: принципы описания и поиска",
             [("Петров Д.А.", "Д.А.", "Петров"), ("Антошина Н.И.", "Н.И.", "Антошина")], "1-16",
             "фронтовые письма; электронный архив; метаданные; Великая Отечественная война",
             "В статье описаны принципы, по которым строится электронный архив фронтовых писем: схема "
             "метаданных, правила транскрипции и средства поиска по именам и местам.",
             date="2025-02"),
    _article(3306646, HIR_9_1, "Record Linkage across Russian Household Censuses, 1858–1897",
             [("Kuznetsova M.Yu.", "M.Yu.", "Kuznetsova"), ("Thomas Miller", "Thomas", "Miller")], "17-34",
             "record linkage; census; household reconstruction; historical demography",
             "Households recorded in the tenth revision of 1858 were linked to the census of 1897 with a "
             "probabilistic method. Names, ages and places together allowed a third of households to be traced."),
    _article(3306640, HIR_9_1, "Quantitative Analysis of Court Records from the Novgorod Province",
             [("Andrei Belov", "Andrei", "Belov")], "35-49",
             "court records; quantitative history; crime statistics; Novgorod",
             "More than 9,000 cases heard by district courts of the Novgorod province were coded and analysed. "
             "Property crime rose in years of poor harvest, while violent crime followed the calendar of fairs.",
             quirks={"glued"}),
    _article(3306634, HIR_9_1, "Reading Soviet Five-Year Plans with Word Embeddings",
             [("Natalia Orlova", "Natalia", "Orlova"), ("Sebastian Koch", "Sebastian", "Koch")], "50-64",
             "word embeddings; Soviet planning; political language; distant reading",
             "Word embeddings trained on the texts of all Soviet five-year plans trace how the vocabulary of "
             "planning changed from mobilisation to consumption and back to efficiency."),
    _article(3306629, HIR_9_1, "Crowdsourced Transcription of Revision Lists: Quality and Costs",
             [("Maria Sokolova", "Maria", "Sokolova")], "65-79",
             "crowdsourcing; transcription; revision lists; data quality",
             "Volunteers transcribed 40,000 entries of revision lists on an online platform. Double keying "
             "by volunteers proved as accurate as professional transcription at a fraction of the cost."),
    _article(3306623, HIR_9_1, "A Database of Russian Imperial Decrees, 1700–1917",
             [("Dmitry Zakharov", "Dmitry", "Zakharov"), ("Olga Ivanova", "Olga", "Ivanova")], "80-96",
             "legislation; Complete Collection of Laws; database; legal history",
             "The article introduces a database of decrees from the Complete Collection of Laws of the Russian "
             "Empire with their dates, issuing bodies and subjects, and shows how the pace of legislation "
             "changed across reigns."),
]

ARTICLES: tuple[Article, ...] = (*_RUDN_ARTICLES, *_CEL_ARTICLES, *_HIR_ARTICLES)
