"""The fixture web's articles and sites as plain data.

Text is original and invented for tests (names, firms and figures are mostly fictional); keeping it
as data lets templates render it and lets tests compare extraction results against it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ExpectedArticle:
    """What newsmon must store for one article page; tests compare stored rows against it."""

    site: str  # site key: "wire", "courrier", ...
    url: str  # absolute URL as linked (may include tracking params)
    canonical_url: str  # identity newsmon must store (tracking stripped, rel=canonical/og:url)
    title: str
    text: str  # body as a reader sees it, paragraphs joined by "\n"
    authors: tuple[str, ...]
    published: str  # ISO 8601 date, e.g. "2026-11-18"
    language: str  # "en" | "fr" | "de"
    site_name: str
    syndicated_from: str | None
    published_at: str = ""  # full ISO 8601 datetime with offset, e.g. "2026-11-18T11:30:00-05:00"
    event: str = ""  # shared by articles reporting the same event (dedup tests)
    translation_of: str | None = None  # canonical_url of the article this one translates


@dataclass(frozen=True)
class SiteInfo:
    """Static facts about one fake news site."""

    key: str
    name: str
    language: str
    encoding: str
    host: str  # preferred loopback address, so each site is a distinct host for the crawler
    tz_label: str = ""


@dataclass(frozen=True)
class Article:
    """One article as the newsroom wrote it, before any template wraps it in boilerplate."""

    slug: str
    title: str
    authors: tuple[str, ...]
    published: str  # ISO 8601 datetime with offset, e.g. "2026-11-18T11:30:00-05:00"
    paragraphs: tuple[str, ...]
    summary: str = ""  # feed/teaser text; the first sentence of the body when empty
    tags: tuple[str, ...] = ()
    event: str = ""  # same value on every article covering the same real-world event
    syndicated_from: str | None = None  # site name in the credit line of a syndicated copy
    # For syndicated copies: a "Read more: <link>" line inserted before paragraph `index`.
    read_more: tuple[int, str, str] | None = None  # (index, link text, site-relative href)
    translation_of: str | None = None  # slug of the article this one translates
    credit: str | None = None  # the credit line's wording, when not the English default

    @property
    def teaser(self) -> str:
        """Short text for feeds and listing pages."""
        if self.summary:
            return self.summary
        first = self.paragraphs[0]
        end = first.find(". ")
        return first if end < 0 else first[: end + 1]


SITES: dict[str, SiteInfo] = {
    "wire": SiteInfo("wire", "The Wire Daily", "en", "utf-8", "127.0.0.2", "ET"),
    "courrier": SiteInfo("courrier", "Le Courrier Tech", "fr", "utf-8", "127.0.0.3"),
    "beobachter": SiteInfo("beobachter", "Der KI-Beobachter", "de", "utf-8", "127.0.0.4"),
    "ledger": SiteInfo("ledger", "Tech Ledger", "en", "utf-8", "127.0.0.5", "PT"),
    "economie": SiteInfo("economie", "L'Économie Numérique", "fr", "iso-8859-1", "127.0.0.6"),
}

# Event keys shared by articles that report the same thing (for deduplication tests).
EVENT_LINDQVIST = "lindqvist-openai-to-anthropic"
EVENT_WIERZBICKI = "wierzbicki-deepmind-to-microsoft"
EVENT_RAMAN = "raman-leaves-xai"
EVENT_MARCHAND = "marchand-mistral-munich"
EVENT_VOGEL = "vogel-heads-meta-fair"
EVENT_OKONKWO = "okonkwo-google-to-anthropic"
EVENT_GARNIER = "garnier-deepmind-to-lumen"
EVENT_SALARIES = "ai-salary-survey"
EVENT_ALBATROS = "mistral-albatros-launch"
EVENT_KONTEXTWERK = "kontextwerk-funding"

# ---------------------------------------------------------------------------------------------
# The Wire Daily (English, RSS)
# ---------------------------------------------------------------------------------------------

WIRE_LINDQVIST = Article(
    slug="openai-alignment-researcher-mara-lindqvist-leaves-for-anthropic",
    title="OpenAI alignment researcher Mara Lindqvist leaves for Anthropic",
    authors=("Sam Okafor",),
    published="2026-11-16T10:15:00-05:00",
    tags=("OpenAI", "Anthropic", "Talent"),
    event=EVENT_LINDQVIST,
    paragraphs=(
        "Mara Lindqvist, who led one of OpenAI's model-behaviour research teams for the past "
        "three years, has left the company to join Anthropic, she confirmed on Monday. Her last "
        "day at OpenAI was Friday, and she is expected to start at Anthropic's San Francisco "
        "office early next month.",
        "At Anthropic, Lindqvist will work on interpretability, the branch of safety research "
        "that tries to explain what happens inside large neural networks. Two people familiar "
        "with the hiring said she will lead a small group studying how models represent their "
        "own goals, a topic she has written about in several papers.",
        "In a short post announcing the move, Lindqvist thanked her former colleagues and said "
        "she wanted to spend the next few years “much closer to the science of understanding "
        "models than to shipping them”. She did not criticise OpenAI, and a company spokesperson "
        "said the team she ran would continue under its current deputy.",
        "Lindqvist, who is Swedish, joined OpenAI in 2023 after a doctorate at the KTH Royal "
        "Institute of Technology in Stockholm and a short stint at a robotics startup. Her group "
        "worked on the specifications that describe how ChatGPT should respond to ambiguous or "
        "risky requests.",
        "The departure is the latest in a long series of moves between the two labs. Anthropic "
        "was founded in 2021 by former OpenAI employees, and researchers have travelled in both "
        "directions since then, often citing differences in research priorities rather than pay.",
        "Anthropic declined to comment on individual hires. OpenAI said it had “a deep bench” in "
        "alignment research and was still hiring for the team.",
    ),
)

WIRE_WIERZBICKI = Article(
    slug="google-deepmind-research-vp-tomasz-wierzbicki-joins-microsoft-ai",
    title="Google DeepMind research VP Tomasz Wierzbicki joins Microsoft AI as chief scientist",
    authors=("Rachel Kim", "Sam Okafor"),
    published="2026-11-17T09:05:00-05:00",
    tags=("Google DeepMind", "Microsoft", "Talent"),
    event=EVENT_WIERZBICKI,
    paragraphs=(
        "Microsoft has hired Tomasz Wierzbicki, a vice-president of research at Google DeepMind, "
        "to become chief scientist of Microsoft AI, the consumer AI division run by Mustafa "
        "Suleyman. The company announced the appointment in an internal memo on Tuesday that was "
        "later confirmed by a spokesperson.",
        "Wierzbicki spent nine years at DeepMind, most recently overseeing parts of the "
        "pretraining effort behind the Gemini family of models. Before that he worked on "
        "reinforcement learning for games and robotics at the lab's London headquarters, and he "
        "is listed as an author on some of its best-known papers.",
        "At Microsoft he will report directly to Suleyman and lead a research group that is "
        "building the company's own frontier models, an effort Microsoft has accelerated since "
        "renegotiating its partnership with OpenAI. The memo said Wierzbicki would split his time "
        "between Redmond and London, where Microsoft AI opened a research hub last year.",
        "The hire reunites Wierzbicki with Suleyman, who co-founded DeepMind in 2010 and left "
        "Google in 2022. Several other former DeepMind staff have followed Suleyman to Microsoft "
        "over the past two years, a trend Google has tried to slow with retention grants and "
        "stricter non-compete terms in the United Kingdom.",
        "Google DeepMind thanked Wierzbicki for his contributions and said his responsibilities "
        "would be divided among existing leaders of the Gemini team. It did not say whether the "
        "move would affect the timeline of upcoming model releases.",
        "Wierzbicki, who studied computer science at the University of Warsaw, is expected to "
        "start in January.",
    ),
)

WIRE_RAMAN = Article(
    slug="xai-infrastructure-chief-dev-raman-departs-to-start-his-own-company",
    title="xAI infrastructure chief Dev Raman departs to start his own company",
    authors=("Priya Shah",),
    published="2026-11-18T11:30:00-05:00",
    tags=("xAI", "Talent", "Data centres"),
    event=EVENT_RAMAN,
    paragraphs=(
        "Dev Raman, who ran infrastructure at Elon Musk's xAI and oversaw the build-out of its "
        "Colossus supercomputer in Memphis, has left the company, according to a post he "
        "published on Wednesday. He said he would start a company focused on power-efficient "
        "data centres but gave no further details.",
        "Raman joined xAI in 2023, a few months after it was founded, and was one of a small group "
        "of engineers who brought the first Colossus cluster online in a matter of months. Former "
        "colleagues describe him as the person who kept the training runs for the Grok models "
        "going through repeated hardware and cooling problems.",
        "His departure adds to a steady stream of senior exits at xAI this year. Several "
        "co-founders and early employees have left since the company merged with X, the social "
        "network, and the pace of turnover has become a recurring theme in conversations with "
        "recruiters in San Francisco.",
        "xAI did not respond to a request for comment. In his post, Raman thanked Musk and said "
        "the Memphis project had been “the hardest and most rewarding engineering work” of his "
        "career.",
        "Two investors said Raman had already held early talks about a seed round. Data-centre "
        "efficiency has become one of the busiest corners of AI investment, as labs compete for "
        "electricity as much as for chips.",
        "Raman previously worked on large-scale storage systems at Meta and studied electrical "
        "engineering at the Indian Institute of Technology Madras.",
    ),
)

WIRE_SALARIES = Article(
    slug="ai-research-pay-jumped-18-percent-in-2026-recruiter-survey-finds",
    title="AI research pay jumped 18% in 2026, recruiter survey finds",
    authors=("Rachel Kim",),
    published="2026-11-19T14:00:00-05:00",
    tags=("Salaries", "Talent"),
    event=EVENT_SALARIES,
    paragraphs=(
        "Median total compensation for machine-learning researchers at the largest AI labs rose "
        "about 18 percent this year, according to a survey published on Thursday by the technical "
        "recruiting firm Halden Partners. The firm collected anonymised offer data from 1,140 "
        "candidates in the United States, the United Kingdom and France.",
        "The survey puts the median annual package for a senior research scientist at a frontier "
        "lab at roughly $690,000, most of it in stock or profit units. Packages for researchers "
        "with a record of leading large training runs were far higher, and the firm said it had "
        "seen several offers above $10 million over four years.",
        "Pay outside the United States grew faster from a lower base. Offers in London rose 22 "
        "percent and in Paris 27 percent, which Halden attributes to American labs opening "
        "European offices and to local companies such as Mistral AI competing for the same small "
        "pool of people.",
        "The report also tracked movement between companies. Researchers at OpenAI, Google "
        "DeepMind and Meta were the most frequently approached, while Anthropic had the lowest "
        "share of staff who said they were actively looking for a new job.",
        "Halden cautioned that its sample is skewed towards people who were already talking to "
        "recruiters and therefore probably overstates typical pay. Still, the firm said the gap "
        "between frontier labs and the rest of the technology industry had widened for the third "
        "year in a row.",
    ),
)

# ---------------------------------------------------------------------------------------------
# Le Courrier Tech (French, Atom)
# ---------------------------------------------------------------------------------------------

# A faithful translation of WIRE_LINDQVIST: same facts, same paragraph structure.
COURRIER_LINDQVIST = Article(
    slug="mara-lindqvist-chercheuse-en-alignement-chez-openai-part-pour-anthropic",
    title="Mara Lindqvist, chercheuse en alignement chez OpenAI, part pour Anthropic",
    authors=("Claire Dubois",),
    published="2026-11-16T18:40:00+01:00",
    tags=("OpenAI", "Anthropic"),
    event=EVENT_LINDQVIST,
    translation_of=WIRE_LINDQVIST.slug,
    syndicated_from="The Wire Daily",
    credit="Lire l'article original sur The Wire Daily",
    paragraphs=(
        "Mara Lindqvist, qui dirigeait depuis trois ans l'une des équipes de recherche d'OpenAI "
        "consacrées au comportement des modèles, a quitté l'entreprise pour rejoindre Anthropic, "
        "a-t-elle confirmé lundi. Son dernier jour chez OpenAI était vendredi, et elle devrait "
        "commencer au bureau d'Anthropic à San Francisco au début du mois prochain.",
        "Chez Anthropic, Mara Lindqvist travaillera sur l'interprétabilité, la branche de la "
        "recherche en sécurité qui tente d'expliquer ce qui se passe à l'intérieur des grands "
        "réseaux de neurones. Selon deux personnes au fait du recrutement, elle dirigera un petit "
        "groupe chargé d'étudier la manière dont les modèles se représentent leurs propres "
        "objectifs, un sujet sur lequel elle a signé plusieurs articles.",
        "Dans un court message annonçant son départ, la chercheuse a remercié ses anciens "
        "collègues et expliqué vouloir passer les prochaines années « beaucoup plus près de la "
        "science qui permet de comprendre les modèles que de leur mise en production ». Elle n'a "
        "pas critiqué OpenAI, et un porte-parole de l'entreprise a indiqué que l'équipe qu'elle "
        "dirigeait serait reprise par son adjoint actuel.",
        "Suédoise, Mara Lindqvist avait rejoint OpenAI en 2023 après un doctorat à l'Institut "
        "royal de technologie KTH de Stockholm et un bref passage dans une start-up de robotique. "
        "Son groupe travaillait sur les spécifications qui décrivent la manière dont ChatGPT doit "
        "répondre aux demandes ambiguës ou risquées.",
        "Ce départ est le dernier d'une longue série de transferts entre les deux laboratoires. "
        "Anthropic a été fondée en 2021 par d'anciens salariés d'OpenAI, et des chercheurs sont "
        "passés dans les deux sens depuis, invoquant souvent des divergences de priorités "
        "scientifiques plutôt que des questions de salaire.",
        "Anthropic n'a pas souhaité commenter ce recrutement. OpenAI affirme disposer d'un "
        "« vivier solide » en recherche sur l'alignement et continue de recruter pour cette "
        "équipe.",
    ),
)

COURRIER_MARCHAND = Article(
    slug="julien-marchand-cofondateur-de-mistral-ai-prend-la-tete-d-un-centre-de-recherche-a-munich",
    title=(
        "Julien Marchand, cofondateur de Mistral AI, quitte la direction technique pour "
        "un centre de recherche à Munich"
    ),
    authors=("Antoine Lefèvre",),
    published="2026-11-18T09:30:00+01:00",
    tags=("Mistral AI", "Nominations"),
    event=EVENT_MARCHAND,
    paragraphs=(
        "Changement d'organigramme chez Mistral AI. Julien Marchand, l'un des cofondateurs de la "
        "start-up parisienne, abandonne son poste de directeur technique pour prendre la tête "
        "d'un nouveau centre de recherche que l'entreprise ouvre à Munich, a appris Le Courrier "
        "Tech.",
        "Le futur laboratoire bavarois doit accueillir une centaine de chercheurs d'ici à la fin "
        "de 2027. Il travaillera en priorité sur les modèles destinés à l'industrie, un marché où "
        "Mistral multiplie les partenariats avec des constructeurs automobiles et des "
        "équipementiers allemands.",
        "Julien Marchand sera remplacé à la direction technique par Inès Benali, jusqu'ici "
        "responsable de l'infrastructure d'entraînement. Passée par Google et par l'École "
        "polytechnique, elle pilotait depuis deux ans les grappes de calcul de l'entreprise en "
        "Essonne.",
        "En interne, le mouvement est présenté comme un choix personnel. « Je voulais revenir à "
        "la recherche, et l'Allemagne est aujourd'hui notre deuxième marché », explique le "
        "cofondateur dans un courriel adressé aux équipes et consulté par notre rédaction.",
        "Cette réorganisation intervient alors que Mistral AI cherche à consolider sa place face "
        "aux laboratoires américains. L'entreprise, valorisée plusieurs dizaines de milliards "
        "d'euros depuis sa dernière levée de fonds, a déjà ouvert des bureaux à Londres, à "
        "Singapour et à Palo Alto.",
        "Le centre de Munich devrait ouvrir ses portes au printemps. Le recrutement a commencé, "
        "notamment auprès de chercheurs issus de l'Université technique de Munich et des "
        "instituts Max-Planck.",
    ),
)

COURRIER_ALBATROS = Article(
    slug="mistral-ai-devoile-albatros-un-modele-de-raisonnement-a-poids-ouverts",
    title="Mistral AI dévoile Albatros, un modèle de raisonnement à poids ouverts",
    authors=("Claire Dubois",),
    published="2026-11-20T10:00:00+01:00",
    tags=("Mistral AI", "Modèles"),
    event=EVENT_ALBATROS,
    paragraphs=(
        "Mistral AI a présenté ce vendredi Albatros, un modèle de langage spécialisé dans le "
        "raisonnement dont les poids sont publiés sous licence Apache 2.0. La start-up parisienne "
        "affirme qu'il rivalise avec les meilleurs modèles fermés sur les tests de mathématiques "
        "et de programmation.",
        "Albatros existe en deux tailles. La version la plus compacte peut tourner sur une seule "
        "carte graphique de station de travail, tandis que la plus grande vise les centres de "
        "données des entreprises. Les deux prennent en charge une trentaine de langues, dont le "
        "français, l'allemand, l'arabe et le japonais.",
        "Selon les chiffres publiés par l'entreprise, le grand modèle dépasse son prédécesseur de "
        "plus de dix points sur plusieurs évaluations de raisonnement mathématique. Ces résultats "
        "n'ont pas encore été vérifiés de façon indépendante, et les chercheurs extérieurs "
        "interrogés invitent à la prudence tant que les tests n'ont pas été reproduits.",
        "Le choix de publier les poids distingue Mistral de la plupart de ses concurrents "
        "américains, qui réservent leurs modèles les plus performants à leurs propres interfaces. "
        "L'entreprise mise sur ce positionnement pour séduire les administrations et les "
        "industriels soucieux de garder leurs données sur leurs propres serveurs.",
        "Albatros est disponible dès aujourd'hui sur la plateforme de Mistral et sur les "
        "principaux services d'hébergement de modèles. Une version optimisée pour les téléphones "
        "est annoncée pour le début de l'année prochaine.",
    ),
)

# ---------------------------------------------------------------------------------------------
# Der KI-Beobachter (German, robots.txt -> sitemap index -> Google News sitemap)
# ---------------------------------------------------------------------------------------------

BEOBACHTER_WIERZBICKI = Article(
    slug="deepmind-forscher-tomasz-wierzbicki-wechselt-zu-microsoft",
    title="DeepMind-Forscher Tomasz Wierzbicki wechselt zu Microsoft",
    authors=("Lena Hoffmann",),
    published="2026-11-17T16:20:00+01:00",
    tags=("Google DeepMind", "Microsoft", "Personalien"),
    event=EVENT_WIERZBICKI,
    paragraphs=(
        "Microsoft holt sich erneut einen prominenten Forscher von Google DeepMind: Tomasz "
        "Wierzbicki, bislang Vizepräsident für Forschung bei der Google-Tochter, wird "
        "Chefwissenschaftler der Sparte Microsoft AI. Das bestätigte ein Unternehmenssprecher am "
        "Dienstag.",
        "Der gebürtige Pole gilt als einer der Architekten des Vortrainings der Gemini-Modelle. In "
        "seinen neun Jahren bei DeepMind arbeitete er zunächst an bestärkendem Lernen für Spiele "
        "und Roboter, bevor er in die Entwicklung großer Sprachmodelle wechselte.",
        "Bei Microsoft untersteht Wierzbicki direkt Mustafa Suleyman, der die KI-Sparte seit 2024 "
        "leitet und DeepMind einst mitgegründet hat. Suleyman baut dort ein eigenes Team für "
        "große Basismodelle auf, um weniger abhängig von OpenAI zu werden. Wierzbicki soll "
        "zwischen der Zentrale in Redmond und dem Londoner Standort pendeln.",
        "Für Google ist der Abgang ein weiterer Verlust in einer Reihe von Wechseln zu Microsoft. "
        "Branchenbeobachter verweisen darauf, dass Google in Großbritannien mit "
        "Wettbewerbsverboten und Halteprämien versucht, Schlüsselpersonal zu halten – offenbar "
        "nicht immer mit Erfolg.",
        "Für die europäische KI-Szene ist der Wechsel auch deshalb interessant, weil Microsoft "
        "seinen Londoner Standort weiter ausbaut. Dort arbeiten nach Unternehmensangaben "
        "inzwischen mehr als hundert Forscherinnen und Forscher.",
        "Google DeepMind dankte Wierzbicki in einer knappen Stellungnahme und erklärte, seine "
        "Aufgaben würden auf das bestehende Gemini-Führungsteam verteilt. Der Forscher, der in "
        "Warschau Informatik studiert hat, soll seine neue Stelle im Januar antreten.",
    ),
)

BEOBACHTER_MARCHAND = Article(
    slug="mistral-mitgruender-julien-marchand-leitet-forschungszentrum-in-muenchen",
    title="Mistral-Mitgründer Julien Marchand leitet neues Forschungszentrum in München",
    authors=("Jonas Brandt",),
    published="2026-11-18T13:45:00+01:00",
    tags=("Mistral AI", "Personalien", "München"),
    event=EVENT_MARCHAND,
    paragraphs=(
        "Der französische KI-Entwickler Mistral AI eröffnet ein Forschungszentrum in München – "
        "und schickt dafür einen seiner Gründer. Julien Marchand, bisher Technikchef des Pariser "
        "Unternehmens, gibt diesen Posten ab und übernimmt die Leitung des neuen Standorts.",
        "Nach Informationen des KI-Beobachters sollen in München bis Ende 2027 rund hundert "
        "Forscherinnen und Forscher arbeiten. Im Mittelpunkt stehen Modelle für die Industrie: "
        "Mistral arbeitet bereits mit mehreren deutschen Autoherstellern und Zulieferern zusammen "
        "und will diese Kundschaft künftig aus der Nähe betreuen.",
        "Marchands Nachfolgerin als Technikchefin wird Inès Benali, die bislang die "
        "Trainingsinfrastruktur verantwortete. Die Ingenieurin kam vor zwei Jahren von Google zu "
        "Mistral.",
        "Für den Standort München spricht aus Sicht des Unternehmens vor allem der Zugang zu "
        "Talenten. Die Technische Universität München und die Max-Planck-Institute bilden viele "
        "Fachleute für maschinelles Lernen aus, die bislang häufig zu amerikanischen Konzernen "
        "abwandern. Auch Google, Microsoft und Apple unterhalten in der Stadt große "
        "Entwicklungszentren.",
        "Marchand hatte Mistral 2023 gemeinsam mit zwei Kollegen gegründet und galt intern als "
        "treibende Kraft hinter den ersten offenen Modellen des Unternehmens. In Paris bleibt er "
        "Mitglied der Geschäftsführung.",
        "In einer internen Mitteilung begründet Marchand seinen Schritt mit dem Wunsch, wieder "
        "stärker selbst zu forschen. Deutschland sei inzwischen der zweitwichtigste Markt des "
        "Unternehmens. Eröffnet werden soll das Zentrum im Frühjahr; die ersten Stellen sind "
        "bereits ausgeschrieben.",
    ),
)

BEOBACHTER_VOGEL = Article(
    slug="meta-holt-zuercher-professorin-katharina-vogel-an-die-spitze-von-fair",
    title="Meta holt Zürcher Professorin Katharina Vogel an die Spitze von FAIR",
    authors=("Lena Hoffmann",),
    published="2026-11-19T11:00:00+01:00",
    tags=("Meta", "Personalien", "ETH Zürich"),
    event=EVENT_VOGEL,
    paragraphs=(
        "Meta hat einen neuen Kopf für sein Grundlagenforschungslabor gefunden: Katharina Vogel, "
        "Professorin für maschinelles Lernen an der ETH Zürich, übernimmt die Leitung von FAIR, "
        "dem Fundamental AI Research Lab des Konzerns. Das teilte Meta am Donnerstag mit.",
        "Die 46-Jährige ist in der Fachwelt vor allem durch Arbeiten zu effizienten "
        "Trainingsverfahren bekannt. Bevor sie 2019 nach Zürich berufen wurde, forschte sie "
        "mehrere Jahre bei DeepMind in London. Nach Angaben von Meta behält sie eine "
        "Teilzeitprofessur an der ETH.",
        "FAIR hatte in den vergangenen zwei Jahren an Bedeutung verloren. Meta bündelte seine "
        "Entwicklung großer Sprachmodelle in den Meta Superintelligence Labs, mehrere bekannte "
        "FAIR-Forscher verließen das Unternehmen. Mit Vogel will der Konzern nun signalisieren, "
        "dass offene Grundlagenforschung weiterhin ihren Platz hat.",
        "Vogel wird von Paris aus arbeiten, wo FAIR eines seiner größten Teams unterhält. Sie "
        "berichtet an den Leiter der Superintelligence Labs. Zu ihren ersten Aufgaben gehöre es, "
        "die Forschungsagenda des Labors neu zu ordnen, heißt es in der Mitteilung.",
        "In der Schweiz wird der Wechsel mit gemischten Gefühlen aufgenommen. Die ETH verliert "
        "eine ihrer sichtbarsten KI-Forscherinnen an einen Konzern – zugleich dürfte die "
        "Verbindung zu Meta Doktorandinnen und Doktoranden neue Möglichkeiten eröffnen. Die "
        "Hochschule selbst wollte den Wechsel nicht kommentieren.",
    ),
)

BEOBACHTER_KONTEXTWERK = Article(
    slug="berliner-ki-start-up-kontextwerk-sammelt-450-millionen-euro-ein",
    title="Berliner KI-Start-up Kontextwerk sammelt 450 Millionen Euro ein",
    authors=("Jonas Brandt",),
    published="2026-11-20T08:30:00+01:00",
    tags=("Finanzierung", "Start-ups", "Berlin"),
    event=EVENT_KONTEXTWERK,
    paragraphs=(
        "Das Berliner Start-up Kontextwerk hat in einer neuen Finanzierungsrunde 450 Millionen "
        "Euro eingesammelt. Angeführt wird die Runde von einem amerikanischen "
        "Wagniskapitalgeber, beteiligt sind außerdem mehrere deutsche Industrieunternehmen und "
        "ein Staatsfonds aus dem Nahen Osten.",
        "Kontextwerk entwickelt Sprachmodelle, die auf technische Dokumentation spezialisiert "
        "sind, etwa Wartungshandbücher, Normen und Konstruktionsunterlagen. Die Software soll "
        "Ingenieurinnen und Ingenieuren helfen, in riesigen Dokumentenbeständen schnell die "
        "richtige Antwort zu finden.",
        "Mit der Runde steigt die Bewertung des drei Jahre alten Unternehmens nach Angaben aus "
        "Investorenkreisen auf gut drei Milliarden Euro. Damit gehört Kontextwerk zu den "
        "wertvollsten KI-Firmen Deutschlands.",
        "Das Geld soll vor allem in Rechenkapazität fließen. Kontextwerk will eigene Modelle "
        "trainieren, statt wie bisher Modelle anderer Anbieter anzupassen. Außerdem plant das "
        "Unternehmen, die Belegschaft von derzeit 140 auf rund 300 Beschäftigte zu vergrößern, "
        "vor allem in Berlin und München.",
        "Gegründet wurde Kontextwerk 2023 von drei ehemaligen Mitarbeitern eines großen "
        "Maschinenbaukonzerns und einer Informatikerin der Humboldt-Universität. Zu den Kunden "
        "zählen nach eigenen Angaben Hersteller von Windkraftanlagen, Bahntechnik und "
        "Medizingeräten.",
        "Mitgründerin und Geschäftsführerin Miriam Adeyemi sagte, europäische Industriekunden "
        "wollten sich nicht von wenigen amerikanischen Anbietern abhängig machen. Kritiker "
        "halten dagegen, dass auch 450 Millionen Euro im Vergleich zu den Budgets von OpenAI oder "
        "Google bescheiden seien.",
    ),
)

# ---------------------------------------------------------------------------------------------
# Tech Ledger (English, section page, no metadata at all)
# ---------------------------------------------------------------------------------------------

LEDGER_VOGEL = Article(
    slug="meta-taps-eth-zurichs-katharina-vogel-to-run-its-fair-research-lab",
    title="Meta taps ETH Zurich's Katharina Vogel to run its FAIR research lab",
    authors=("Jane Doe",),
    published="2026-11-19T09:30:00-08:00",
    tags=("Meta", "Hiring"),
    event=EVENT_VOGEL,
    paragraphs=(
        "Meta has named Katharina Vogel, a machine-learning professor at ETH Zurich, as the new "
        "head of FAIR, its fundamental AI research group. The company announced the appointment "
        "on Thursday, ending a search that began when the lab's previous leader stepped down in "
        "the spring.",
        "Vogel is best known for work on making the training of large models cheaper and more "
        "stable. She spent several years at DeepMind in London before joining ETH in 2019, and "
        "she will keep a part-time professorship there.",
        "She takes over a lab whose role inside Meta has shifted. Much of the company's work on "
        "large language models moved to Meta Superintelligence Labs, and a number of prominent "
        "FAIR researchers left for rivals or startups over the past two years. People close to "
        "the lab say morale has been uneven.",
        "In a note to staff, Meta said Vogel would be based in Paris, home to one of FAIR's "
        "largest teams, and would report to the head of Superintelligence Labs. Her first task, "
        "the note said, is to set a research agenda that complements rather than duplicates the "
        "product-focused model work elsewhere in the company.",
        "Vogel said in a statement that open, long-horizon research “still matters enormously” "
        "and that FAIR would keep publishing its work. Meta did not disclose the terms of her "
        "contract.",
    ),
)

LEDGER_OKONKWO = Article(
    slug="anthropic-hires-googles-gemini-post-training-lead-rafael-okonkwo",
    title="Anthropic hires Google's Gemini post-training lead Rafael Okonkwo",
    authors=("Jane Doe", "Omar Haddad"),
    published="2026-11-20T10:15:00-08:00",
    tags=("Anthropic", "Google", "Hiring"),
    event=EVENT_OKONKWO,
    paragraphs=(
        "Anthropic has hired Rafael Okonkwo, who led post-training for Google's Gemini models, to "
        "run a new team focused on reasoning and agents, the company confirmed on Friday.",
        "Post-training covers everything that happens after a model's initial training run, "
        "including fine-tuning on human feedback and reinforcement learning on harder tasks. It "
        "has become one of the most competitive specialties in the field, because it is where "
        "labs now squeeze out much of the improvement between model generations.",
        "Okonkwo joined Google Brain in 2017 and moved into the merged Google DeepMind "
        "organisation in 2023. Colleagues credit him with much of the work that improved Gemini's "
        "coding and tool-use abilities over the past year.",
        "At Anthropic he will report to the company's chief science officer and build a team of "
        "about thirty people, split between San Francisco and London. Anthropic has been growing "
        "its research headcount quickly after a large funding round earlier this year.",
        "Google said in a statement that it was grateful for Okonkwo's contributions and that its "
        "post-training work was “in excellent hands”. It is the second senior Gemini departure "
        "this month, after Tomasz Wierzbicki left for Microsoft AI.",
        "Okonkwo did not respond to a request for comment.",
    ),
)

# A syndicated copy of WIRE_RAMAN: new headline, edited first paragraph, the third paragraph
# replaced by a "Read more" link, and a credit line naming the original publisher.
LEDGER_RAMAN_SYNDICATED = Article(
    slug="the-engineer-who-built-xais-colossus-is-striking-out-on-his-own",
    title="The engineer who built xAI's Colossus is striking out on his own",
    authors=WIRE_RAMAN.authors,
    published="2026-11-19T07:45:00-08:00",
    tags=("xAI", "Hiring"),
    event=EVENT_RAMAN,
    syndicated_from="The Wire Daily",
    read_more=(2, LEDGER_OKONKWO.title, "/2026/11/20/" + LEDGER_OKONKWO.slug + "/"),
    paragraphs=(
        "Dev Raman, the engineer who ran infrastructure at Elon Musk's xAI and oversaw "
        "construction of its Colossus supercomputer in Memphis, has left the company, he said in "
        "a post on Wednesday. He plans to start a company focused on power-efficient data centres "
        "but gave no further details.",
        WIRE_RAMAN.paragraphs[1],
        *WIRE_RAMAN.paragraphs[3:],
    ),
)

# ---------------------------------------------------------------------------------------------
# L'Économie Numérique (French, everything ISO-8859-1: no œ, no €, no curly quotes)
# ---------------------------------------------------------------------------------------------

ECONOMIE_RAMAN = Article(
    slug="xai-le-patron-des-infrastructures-dev-raman-quitte-le-navire",
    title="xAI : le patron des infrastructures Dev Raman quitte le navire",
    authors=("Paul Girard",),
    published="2026-11-18T17:10:00+01:00",
    tags=("xAI", "Carrières"),
    event=EVENT_RAMAN,
    paragraphs=(
        "Nouveau départ de poids chez xAI. Dev Raman, qui dirigeait les infrastructures de la "
        "société d'intelligence artificielle fondée par Elon Musk, a annoncé mercredi qu'il "
        "quittait l'entreprise pour créer sa propre start-up.",
        "L'ingénieur était l'un des artisans de Colossus, le supercalculateur installé à Memphis, "
        "dans le Tennessee, sur lequel sont entraînés les modèles Grok. Arrivé en 2023, quelques "
        "mois après la création de xAI, il avait piloté la mise en service du premier cluster en "
        "un temps record, au prix de nombreuses nuits blanches selon d'anciens collègues.",
        "Sa future société s'intéressera à l'efficacité énergétique des centres de données, un "
        "secteur où les capitaux affluent. Les laboratoires d'IA se disputent désormais "
        "l'électricité autant que les puces, et plusieurs fonds américains auraient déjà approché "
        "l'ingénieur pour un premier tour de table.",
        "Ce départ s'ajoute à une longue liste. Depuis la fusion de xAI avec le réseau social X, "
        "plusieurs cofondateurs et cadres historiques ont pris le large, ce qui alimente les "
        "interrogations sur la stabilité des équipes à l'heure où la concurrence pour les talents "
        "fait rage.",
        "Contactée, la société xAI n'a pas répondu. Dev Raman, passé auparavant par Meta où il "
        "travaillait sur le stockage à grande échelle, a remercié Elon Musk dans son message, "
        "qualifiant le chantier de Memphis de « travail d'ingénierie le plus difficile » de sa "
        "carrière.",
    ),
)

ECONOMIE_VOGEL = Article(
    slug="meta-confie-la-direction-de-son-laboratoire-fair-a-katharina-vogel",
    title="Meta confie la direction de son laboratoire FAIR à Katharina Vogel",
    authors=("Sophie Marchetti",),
    published="2026-11-19T15:30:00+01:00",
    tags=("Meta", "Nominations"),
    event=EVENT_VOGEL,
    paragraphs=(
        "Meta a choisi une universitaire pour relancer son laboratoire de recherche fondamentale. "
        "Katharina Vogel, professeure à l'École polytechnique fédérale de Zurich, prend la tête "
        "de FAIR, a annoncé jeudi le groupe de Mark Zuckerberg.",
        "Spécialiste de l'entraînement efficace des grands modèles, la chercheuse allemande a "
        "passé plusieurs années chez DeepMind, à Londres, avant de rejoindre Zurich en 2019. Elle "
        "conservera un poste de professeure à temps partiel.",
        "La nomination a une résonance particulière en France : Katharina Vogel s'installera à "
        "Paris, où FAIR emploie l'une de ses plus importantes équipes depuis l'ouverture du site "
        "en 2015. Le laboratoire parisien a formé nombre de chercheurs passés ensuite par les "
        "start-up françaises de l'IA générative.",
        "Ces dernières années, FAIR a perdu de son éclat au sein de Meta. Le groupe a regroupé le "
        "développement de ses grands modèles de langage dans une nouvelle entité, Meta "
        "Superintelligence Labs, et plusieurs figures du laboratoire sont parties. La nouvelle "
        "directrice devra redéfinir le programme de recherche et convaincre les équipes que la "
        "science ouverte garde sa place.",
        "Meta n'a pas communiqué les conditions financières de ce recrutement. Selon nos "
        "informations, plusieurs laboratoires concurrents, dont un acteur français, avaient "
        "également approché la chercheuse au cours de l'été.",
    ),
)

ECONOMIE_GARNIER = Article(
    slug="helene-garnier-quitte-google-deepmind-pour-lumen-labs",
    title=(
        "Hélène Garnier quitte Google DeepMind pour devenir directrice scientifique de Lumen Labs"
    ),
    authors=("Paul Girard", "Sophie Marchetti"),
    published="2026-11-20T16:45:00+01:00",
    tags=("Google DeepMind", "Start-up", "Carrières"),
    event=EVENT_GARNIER,
    paragraphs=(
        "La jeune pousse parisienne Lumen Labs réalise un joli coup. Elle a recruté Hélène "
        "Garnier, jusqu'ici chercheuse principale chez Google DeepMind à Paris, pour occuper le "
        "poste de directrice scientifique, a annoncé l'entreprise vendredi.",
        "Normalienne, docteure en mathématiques appliquées, Hélène Garnier avait rejoint le "
        "bureau parisien de Google en 2018. Elle y a travaillé sur la robustesse des modèles de "
        "vision puis sur les agents capables de planifier des tâches longues, un domaine devenu "
        "central dans la course à l'IA.",
        "Fondée il y a dix-huit mois, Lumen Labs développe des agents destinés aux services "
        "financiers. L'entreprise compte une soixantaine de salariés et a levé 120 millions "
        "d'euros au printemps auprès de fonds européens et américains. Son fondateur, Karim "
        "Belkacem, dit vouloir « bâtir une équipe de recherche capable de rivaliser avec les "
        "grands laboratoires, plutôt que de se contenter d'assembler des briques existantes ».",
        "Ce recrutement illustre la capacité croissante des start-up françaises à attirer des "
        "profils venus des géants américains. Les salaires proposés restent inférieurs, mais les "
        "jeunes entreprises misent sur l'intéressement au capital et sur une plus grande liberté "
        "de recherche.",
        "Hélène Garnier prendra ses fonctions en janvier. Google DeepMind n'a pas souhaité "
        "commenter son départ, qui intervient quelques jours après celui d'un autre cadre du "
        "groupe, parti chez Microsoft.",
    ),
)

# Site key -> articles in feed/listing order (newest last; templates sort as they need).
ARTICLES: dict[str, tuple[Article, ...]] = {
    "wire": (WIRE_LINDQVIST, WIRE_WIERZBICKI, WIRE_RAMAN, WIRE_SALARIES),
    "courrier": (COURRIER_LINDQVIST, COURRIER_MARCHAND, COURRIER_ALBATROS),
    "beobachter": (
        BEOBACHTER_WIERZBICKI,
        BEOBACHTER_MARCHAND,
        BEOBACHTER_VOGEL,
        BEOBACHTER_KONTEXTWERK,
    ),
    "ledger": (LEDGER_VOGEL, LEDGER_RAMAN_SYNDICATED, LEDGER_OKONKWO),
    "economie": (ECONOMIE_RAMAN, ECONOMIE_VOGEL, ECONOMIE_GARNIER),
}

# Reader comments, rotated over articles by the templates of the sites that show comments.
COMMENTS: dict[str, tuple[tuple[str, str], ...]] = {
    "wire": (
        (
            "kpatel",
            "Third senior departure I have read about this month. Is anyone keeping a "
            "tally of who went where?",
        ),
        (
            "M. Alvarez",
            "Good piece. I would love a follow-up on what that team actually works on now.",
        ),
        (
            "throwaway_ml",
            "Pay is only part of it. People move for compute and for the freedom to publish.",
        ),
    ),
    "courrier": (
        ("Gérard L.", "Encore un transfert ! Le mercato de l'IA ne s'arrête donc jamais."),
        (
            "Nadia_R",
            "Article intéressant, merci. Dommage qu'on n'en sache pas plus sur les "
            "salaires proposés.",
        ),
        ("Pierre M.", "On aimerait lire autant d'articles sur la recherche publique française."),
    ),
    "beobachter": (
        ("Uwe K.", "Wieder ein Beleg dafür, dass Europa seine klügsten Köpfe nicht halten kann."),
        ("Sabine M.", "Spannend. Gibt es Zahlen dazu, wie viele Forschende jedes Jahr abwandern?"),
        (
            "datenfreund",
            "Solange die Rechenzentren in den USA stehen, wird sich daran wenig ändern.",
        ),
    ),
}
