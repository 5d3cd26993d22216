"""A sentence whose subject is a description by role refers to the person the lead named
("Rafael Quintero is going back to OpenAI. The researcher, who ..., has rejoined ...")."""

from __future__ import annotations

from newsmon.relevance import classify_article


def _movers(rel: dict) -> list[str]:
    return [m["person"] for m in rel["moves"]]


def test_english_description_after_the_name_is_the_mover() -> None:
    text = ("LONDON — Priya Natarajan is heading back to Google DeepMind.\n"
            "The veteran research scientist, who spent two years building a protein-design "
            "start-up in Cambridge, has rejoined the lab's science unit, a spokesperson said "
            "on Tuesday.\nNatarajan first joined DeepMind in 2016 and worked on its early "
            "structure-prediction systems before her departure.")
    rel = classify_article("Researcher returns to Google DeepMind after start-up stint",
                           text, "en")
    assert rel["relevant"]
    assert _movers(rel)[0] == "Priya Natarajan"
    assert rel["moves"][0]["to"] == "Google DeepMind"
    assert rel["moves"][0]["action"] == "joins"


def test_german_compound_role_description_is_the_mover() -> None:
    text = ("Konstantin Vogel verlässt Aleph Alpha nach vier Jahren.\n"
            "Der langjährige Forschungschef wechselt zum 1. März zu Mistral AI nach Paris, wie "
            "beide Unternehmen am Montag bestätigten.\nVogel hatte in Heidelberg die Arbeit "
            "an den Sprachmodellen der Firma geleitet.")
    rel = classify_article("Heidelberger KI-Firma verliert ihren Forschungschef", text, "de")
    assert rel["relevant"]
    assert _movers(rel)[0] == "Konstantin Vogel"


def test_what_a_relative_clause_tells_of_the_described_person_is_background() -> None:
    text = ("PARIS — Un an après avoir quitté Meta, Claire Dubreuil tire le bilan.\n"
            "L'ancienne directrice de recherche de Meta à Paris, qui a quitté le groupe pour "
            "fonder un laboratoire indépendant, a présenté jeudi à VivaTech ses premiers "
            "résultats sur les modèles économes.\nSon laboratoire emploie douze chercheurs.")
    rel = classify_article("Claire Dubreuil présente les premiers résultats de son labo",
                           text, "fr")
    assert not any(m["person"] == "Claire Dubreuil" and m.get("evidence", "").startswith(
        "L'ancienne") for m in rel["moves"])


def test_a_described_subject_of_hires_is_the_hirer_not_a_mover() -> None:
    text = ("Sundar Ferreira runs the applied-AI group at Meta.\n"
            "The vice president hired two researchers from OpenAI last week to lead a new "
            "reasoning team, according to people familiar with the matter.")
    rel = classify_article("Meta's applied-AI group expands", text, "en")
    # the sentence pairs its staffing word with nobody (1.0 with a mover): the two hired are
    # unnamed, the vice president hires
    assert rel["score"] < 1.0
