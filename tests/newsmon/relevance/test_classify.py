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


def load_labelled() -> list[dict]:
    return [json.loads(x) for x in LABELLED.read_text("utf-8").splitlines() if x.strip()]


@pytest.mark.skipif(not LABELLED.exists(), reason="tests/data/relevance_set.jsonl not written yet")
def test_floors_on_the_labelled_set() -> None:
    import sys

    sys.path.insert(0, str(ROOT))
    from bench.relevance_eval import evaluate

    results = evaluate(load_labelled(), show_errors=False)["all"]
    # regression floors a little under the measured figures (bench/relevance_eval.py prints
    # them: P 0.89, R 0.98, moves 0.48 on 2026-11-22); issue 3's targets are higher
    assert results["precision"] >= 0.85
    assert results["recall"] >= 0.93
    assert results["moves_right"] >= 0.4


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
