"""The classifier on sentences written here: actions, appositions, languages, hard negatives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsmon.relevance import classifier_for

ROOT = Path(__file__).resolve().parents[3]
LABELLED = ROOT / "tests" / "data" / "relevance_set.jsonl"
SEEDS = ROOT.parent / "shared" / "seeds"


def classify(title: str, text: str = "", lang: str = "en"):
    return classifier_for().classify(title, text, lang)


@pytest.mark.parametrize(("title", "lang", "person", "frm", "to"), [
    ("OpenAI safety researcher Priya Nair joins Anthropic", "en", "Priya Nair", "OpenAI",
     "Anthropic"),
    ("Meta poaches Google DeepMind scientist Omar Farouk for its superintelligence lab", "en",
     "Omar Farouk", "Google DeepMind", "Meta"),
    ("L'ancienne cadre d'OpenAI, Claire Dubois, rejoint Mistral AI", "fr", "Claire Dubois",
     "OpenAI", "Mistral AI"),
    ("Lukas Berger verlässt xAI und wechselt zu Anthropic", "de", "Lukas Berger", "xAI",
     "Anthropic"),
    ("DeepMind-Forscherin Anna Keller wechselt zu OpenAI", "de", "Anna Keller",
     "Google DeepMind", "OpenAI"),
])
def test_headline_moves(title: str, lang: str, person: str, frm: str, to: str) -> None:
    r = classify(title, "", lang)
    assert r.relevant, r.reasons
    assert any(m.person == person and m.from_ == frm and m.to == to for m in r.moves), r.moves


@pytest.mark.parametrize(("title", "text", "lang"), [
    ("OpenAI is hiring 200 engineers for its new Munich office",
     "The company said the roles span research and product. Recruiters will attend a job fair "
     "at the Technical University next month.", "en"),
    ("Mistral AI raises 600 million euros",
     "The funding round values the Paris company at six billion euros, its chief executive said.",
     "en"),
    ("Renault's chief executive resigns",
     "The carmaker said its CEO would leave at the end of the year. Renault uses AI in its "
     "factories.", "en"),
    ("Anthropic dévoile Claude 5",
     "Le nouveau modèle est présenté mardi par l'entreprise, qui revendique des progrès en code.",
     "fr"),
    ("Gehälter für KI-Forscher steigen deutlich",
     "Laut einer Umfrage verdienen Forscher bei OpenAI und Google DeepMind mehr als im Vorjahr.",
     "de"),
])
def test_hard_negatives(title: str, text: str, lang: str) -> None:
    r = classify(title, text, lang)
    assert not r.relevant, [(x.sentence, x.score) for x in r.reasons]


def test_decision_keeps_its_reasons() -> None:
    r = classify("Anthropic hires Google's Gemini lead Rafael Okonkwo", "", "en")
    top = r.reasons[0]
    assert top.in_title and top.score >= 1.0
    assert "Anthropic" in top.organisations and "Rafael Okonkwo" in top.people
    assert top.predicates == ["hires"]
    data = r.to_dict()
    assert data["moves"][0]["from"] == "Google" and data["moves"][0]["action"] == "hired"


def test_inflected_forms_match_through_the_lemmatiser() -> None:
    for title, lang in (("Sophie Martin a rejoint Anthropic", "fr"),
                        ("Sophie Martin rejoindra Anthropic en janvier", "fr"),
                        ("Sophie Martin ist zu Anthropic gewechselt", "de"),
                        ("Sophie Martin was poached by Anthropic", "en")):
        r = classify(title, "", lang)
        assert r.relevant and r.moves[0].to == "Anthropic", (title, r.moves)


def test_owner_is_not_the_mover() -> None:
    r = classify("Elon Musk's xAI hires Priya Nair from Anthropic", "", "en")
    assert [(m.person, m.from_, m.to) for m in r.moves] == [("Priya Nair", "Anthropic", "xAI")]


def test_intent_to_hire_names_nobody() -> None:
    r = classify("Mark Zuckerberg veut recruter cinquante chercheurs pour Meta", "", "fr")
    assert not r.moves and not r.relevant


@pytest.mark.parametrize(("title", "text", "lang"), [
    ("A former DeepMind researcher on her book",
     "When Clara Holt left DeepMind in 2021 to teach, she expected to do research.", "en"),
    ("Interview mit einer Forscherin",
     "Clara Holt hat OpenAI 2021 verlassen und lehrt heute in Bonn.", "de"),
    ("Mistral AI stellt neues Sprachmodell vor",
     "Arthur Mensch kündigte zudem an, dass Mistral AI ein Rechenzentrum baut.", "de"),
])
def test_dated_or_other_verbs_are_background(title: str, text: str, lang: str) -> None:
    r = classify(title, text, lang)
    assert not r.relevant, [(x.sentence, x.score) for x in r.reasons]


def test_coordinated_founders_with_their_own_origins_and_named_company() -> None:
    r = classify("Two researchers start a company",
                 "Clara Holt, who spent six years at Google DeepMind, and Omar Farouk, a former "
                 "OpenAI engineer, have co-founded a start-up called Parallax.", "en")
    got = {(m.person, m.from_, m.to) for m in r.moves}
    assert got == {("Clara Holt", "Google DeepMind", "Parallax"),
                   ("Omar Farouk", "OpenAI", "Parallax")}, got


def test_apposition_after_the_name_is_the_origin() -> None:
    r = classify("Anthropic recrute une chercheuse",
                 "Anthropic a recruté Nadia Belkacem, chercheuse chez Google DeepMind à Londres.",
                 "fr")
    assert any(m.person == "Nadia Belkacem" and m.from_ == "Google DeepMind"
               and m.to == "Anthropic" for m in r.moves), r.moves


def test_headline_without_a_name_completes_the_body_move() -> None:
    r = classify("Aleph Alpha verliert Technikchef an Mistral AI",
                 "Technikchef Florian Weidner wechselt zu Mistral AI nach Paris.", "de")
    assert [(m.person, m.from_, m.to) for m in r.moves] == [
        ("Florian Weidner", "Aleph Alpha", "Mistral AI")], r.moves


def load_labelled() -> list[dict]:
    return [json.loads(x) for x in LABELLED.read_text("utf-8").splitlines() if x.strip()]


@pytest.mark.skipif(not LABELLED.exists(), reason="tests/data/relevance_set.jsonl not written yet")
def test_floors_on_the_labelled_set() -> None:
    import sys

    sys.path.insert(0, str(ROOT))
    from bench.relevance_eval import evaluate

    results = evaluate(load_labelled(), show_errors=False)["all"]
    # regression floors a little under the measured figures (bench/relevance_eval.py prints
    # them: P 0.965, R 0.965, moves 0.825 on 102 articles); issue 3's targets are higher
    assert results["precision"] >= 0.95
    assert results["recall"] >= 0.95
    assert results["moves_right"] >= 0.8


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not present (only in CI and "
                    "developer checkouts)")
def test_shared_seeds() -> None:
    import sys

    sys.path.insert(0, str(ROOT))
    from bench.relevance_eval import seeds

    lines = seeds()
    assert len(lines) == 5
    assert all("relevant=True" in line and "found" in line and "MISSING" not in line
               for line in lines), "\n".join(lines)
