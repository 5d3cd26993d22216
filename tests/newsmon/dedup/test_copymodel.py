"""The learned copy layer (newsmon.dedup.copymodel): a loose edition in another language is a
copy of its wire, an independent article on the same event is not, whichever signal alone
would say otherwise; through the real store on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

from newsmon.dedup import copymodel
from newsmon.dedup import index as dedup_index
from newsmon.dedup.copymodel import FEATURES, Side, signals
from newsmon.dedup.fingerprint import fingerprint
from newsmon.models import Article
from tests.newsmon.dedup.test_index import open_store, store_one

WIRE_EN = (
    "Halvard Systems said on Monday that Nadia Quereshi, who has run its speech research group "
    "in Lyon since 2021, will join Mistral AI next month as head of audio models. Quereshi built "
    "the Halvard team that shipped the Sonar 2 transcription model in 2023 and grew it from six "
    "to forty researchers. Mistral AI confirmed the hire and said Quereshi would be based in "
    "Paris and report to chief technology officer Timothée Lacroix. Halvard chief executive "
    "Pieter Van Aalst thanked her and said the Lyon group would be led for now by her deputy, "
    "Elodie Marchand. The move is the third senior departure from Halvard this year, after its "
    "head of infrastructure left for Google DeepMind in March and a vision lead joined Meta in "
    "June. Halvard, which employs about 350 people, raised 80 million euros last autumn. "
    "Mistral AI has hired more than 200 people since January, many of them from American labs."
)
EDITION_FR = (
    "Nadia Quereshi, qui dirige depuis 2021 le groupe de recherche vocale de Halvard Systems à "
    "Lyon, rejoindra Mistral AI le mois prochain pour y prendre la tête des modèles audio, a "
    "annoncé Halvard lundi. Elle a constitué l'équipe à l'origine du modèle de transcription "
    "Sonar 2, lancé en 2023, passée sous sa direction de six à quarante chercheurs. Mistral AI "
    "a confirmé son arrivée : Quereshi sera installée à Paris et rendra compte au directeur "
    "technique Timothée Lacroix. Le patron de Halvard, Pieter Van Aalst, l'a remerciée et "
    "indiqué que son adjointe, Elodie Marchand, dirigera le groupe lyonnais par intérim. "
    "C'est le troisième départ d'un cadre de Halvard cette année, après celui du responsable "
    "des infrastructures, parti chez Google DeepMind en mars, et d'un responsable de la vision, "
    "passé chez Meta en juin. Halvard compte environ 350 salariés et a levé 80 millions "
    "d'euros l'automne dernier. Mistral AI a recruté plus de 200 personnes depuis janvier."
)
INDEPENDENT_FR = (
    "Mistral AI poursuit ses recrutements dans l'audio. La start-up parisienne a convaincu "
    "Nadia Quereshi, figure de la reconnaissance vocale à Lyon, de quitter Halvard Systems. "
    "Selon nos informations, les discussions duraient depuis l'été et Mistral AI lui a offert "
    "une équipe dédiée aux modèles de voix, un domaine où la société veut rattraper OpenAI. "
    "Chez Halvard, on minimise l'impact : Pieter Van Aalst assure que la feuille de route de "
    "Sonar 2 ne change pas. Ancienne élève de l'École normale supérieure de Lyon, Quereshi a "
    "travaillé chez Nuance avant de rejoindre Halvard en 2021. Timothée Lacroix, cofondateur "
    "de Mistral AI, s'est félicité sur LinkedIn de cette arrivée. Plusieurs chercheurs de son "
    "ancienne équipe pourraient la suivre, glisse un proche du dossier."
)


def _side(text: str, lang: str) -> Side:
    return Side(text, lang, tuple(fingerprint(None, text, lang)["entities"]),
                datetime(2025, 10, 6, tzinfo=UTC))


def test_the_shipped_model_reads_every_signal() -> None:
    mdl = copymodel.model()
    assert mdl is not None and set(mdl.weights) == set(FEATURES)
    assert 0.5 <= mdl.threshold < 1.0


def test_an_edition_is_a_copy_an_independent_article_is_not() -> None:
    mdl = copymodel.model()
    assert mdl is not None
    wire = _side(WIRE_EN, "en")
    edition = mdl.probability(signals(wire, _side(EDITION_FR, "fr")))
    independent = mdl.probability(signals(wire, _side(INDEPENDENT_FR, "fr")))
    assert edition >= mdl.threshold > independent, (edition, independent)


def test_signals_do_not_depend_on_which_text_came_first() -> None:
    a, b = _side(WIRE_EN, "en"), _side(EDITION_FR, "fr")
    ab, ba = signals(a, b), signals(b, a)
    assert ab.keys() == ba.keys() and all(abs(ab[k] - ba[k]) < 1e-6 for k in ab)


def test_movers_that_differ_are_a_conflict() -> None:
    a = Side(WIRE_EN, "en", (), movers=copymodel.movers([{"person": "Nadia Quereshi"}]))
    b = Side(EDITION_FR, "fr", (), movers=copymodel.movers([{"person": "Elodie Marchand"}]))
    assert signals(a, b)["conflict"] == 1.0
    assert signals(a, Side(EDITION_FR, "fr", ()))["conflict"] == 0.0  # one side unread


def test_the_learned_layer_decides_in_the_store(db_url: str) -> None:
    store = open_store(db_url)
    try:
        wire = store_one(store, "wire", WIRE_EN, site="Wire")
        independent = store_one(store, "independent", INDEPENDENT_FR, "fr", site="Le Quotidien",
                                hours=5)
        with store.write() as s:
            terms = {}
            for aid in (wire, independent):
                art = s.get(Article, aid)
                assert art is not None
                fp = fingerprint(art.title, art.text, art.language)
                terms[aid] = dedup_index.term_candidates(s, fp, aid)
            art = s.get(Article, independent)
            assert dedup_index.learned_copy(s, art, terms[independent]) is None
        edition = store_one(store, "edition", EDITION_FR, "fr", site="Édition Paris", hours=3)
        with store.read() as s:
            art = s.get(Article, edition)
            assert art is not None and art.duplicate_of == wire, art.dedup
            assert (art.dedup or {}).get("kind") == "translation"
            assert s.get(Article, independent).duplicate_of is None
        with store.write() as s:
            art = s.get(Article, edition)
            fp = fingerprint(art.title, art.text, art.language)
            learned = dedup_index.learned_copy(s, art, dedup_index.term_candidates(s, fp, edition))
            assert learned is not None and learned.duplicate_of == wire
            assert learned.evidence["copy_p"] >= learned.evidence["threshold"]
    finally:
        store.close()


def test_without_a_model_the_layer_is_off(db_url: str) -> None:
    store = open_store(db_url)
    copymodel.use_model(None)
    try:
        store_one(store, "wire", WIRE_EN)
        edition = store_one(store, "edition", EDITION_FR, "fr", site="Édition Paris", hours=3)
        with store.write() as s:
            art = s.get(Article, edition)
            assert art is not None
            fp = fingerprint(art.title, art.text, art.language)
            assert dedup_index.learned_copy(s, art, dedup_index.term_candidates(s, fp, edition)) \
                is None
    finally:
        copymodel.shipped_model()
        store.close()
