"""Fingerprints: the shingle bands of copies collide, entities survive translation."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsmon.dedup.fingerprint import BANDS, entities, fingerprint, resemblance, shingles, words

EN = ("Priya Nair, who led OpenAI's red-teaming group since 2022, has joined Anthropic, "
      "she said on Tuesday. At Anthropic she will run a team of 14 researchers working on "
      "model evaluations, according to a post on X by @priyanair. Nair studied at ETH Zurich "
      "and spent four years at Google DeepMind before moving to OpenAI in 2022.")
FR = ("Priya Nair, qui dirigeait depuis 2022 le groupe de red-teaming d'OpenAI, a rejoint "
      "Anthropic, a-t-elle annoncé mardi. Chez Anthropic, elle dirigera une équipe de 14 "
      "chercheurs consacrée à l'évaluation des modèles, selon un message publié sur X par "
      "@priyanair. Nair a étudié à l'ETH Zurich et passé quatre ans chez Google DeepMind "
      "avant de rejoindre OpenAI en 2022.")


def test_entities_keep_names_numbers_and_handles_in_order() -> None:
    got = entities(EN, "en")
    assert got[:5] == ["priya", "nair", "openai", "2022", "anthropic"]
    assert "@priyanair" in got and "anthropic" in got and "deepmind" in got
    assert "tuesday" not in got and "team" not in got  # ordinary words drop out


def test_a_translation_keeps_the_entities() -> None:
    en, fr = entities(EN, "en"), entities(FR, "fr")
    assert set(fr) >= {"priya", "nair", "openai", "anthropic", "2022", "14", "@priyanair",
                       "zurich", "deepmind"}
    assert len(set(en) & set(fr)) / len(set(en) | set(fr)) > 0.7
    assert "mardi" not in fr and "chercheurs" not in fr


def test_german_nouns_are_not_entities() -> None:
    de = entities("Der Rücktritt von Jan Leike bei OpenAI sorgte im Unternehmen für Unruhe. "
                  "Am Dienstag wechselte er zu Anthropic.", "de")
    assert de == ["jan", "leike", "openai", "anthropic"]


def test_a_light_edit_keeps_most_bands() -> None:
    a = fingerprint("t", EN, "en")
    b = fingerprint("other headline", EN.replace("on Tuesday", "on Wednesday"), "en")
    assert len(a["bands"]) == BANDS
    assert len(set(a["bands"]) & set(b["bands"])) >= BANDS // 3
    other = fingerprint("t", FR, "fr")
    assert not set(a["bands"]) & set(other["bands"])


def test_resemblance_of_a_truncated_copy() -> None:
    full = shingles(words(EN))
    half = shingles(words(EN[: len(EN) // 2]))
    jac, cont = resemblance(full, half)
    assert cont == 1.0 and jac < 0.6


@given(st.text(max_size=400))
def test_fingerprint_never_crashes_and_is_deterministic(text: str) -> None:
    assert fingerprint(None, text, "en") == fingerprint(None, text, "en")


@given(st.text(max_size=300))
def test_normaliser_is_idempotent(text: str) -> None:
    once = words(text)
    assert words(" ".join(once)) == once


def test_german_compounds_genitives_and_ages() -> None:
    de = entities("Bei Microsoft soll Daniel Kroll, der 41-Jährige aus Zürich, die "
                  "Modellforschung leiten. Laut einem Memo stärkt Krolls Gruppe damit "
                  "Microsofts Sicherheitskultur.", "de")
    assert {"daniel", "kroll", "41", "microsoft"} <= set(de)
    # compounds no dictionary lists whole are nouns, not names; a genitive is the name
    assert not {"modellforschung", "sicherheitskultur", "krolls", "microsofts"} & set(de)
    assert "20" in entities("The 20-year-old joined OpenAI.", "en")
    assert "gpt-4o" in entities("It runs GPT-4o.", "en")
