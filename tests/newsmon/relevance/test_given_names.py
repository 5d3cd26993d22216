"""Given names against words of the language (newsmon.relevance.given_names)."""

from __future__ import annotations

from newsmon.relevance import classify_article
from newsmon.relevance.given_names import is_given_name, unlikely_first_name


def test_given_names_of_many_origins_are_known() -> None:
    for name in ("Lucas", "Joëlle", "Ilya", "Mustafa", "Guillaume", "Jean-Pierre", "Xiaohua"):
        assert is_given_name(name), name


def test_common_words_that_are_no_given_name_start_no_person() -> None:
    assert unlikely_first_name("Zürcher", "de")
    assert unlikely_first_name("Büro", "de")
    assert unlikely_first_name("Chief", "en")
    # in no list, but no word of the language either: a name
    assert not unlikely_first_name("Ruoming", "en")
    # a given name that is also a word ("mark"), and initials
    assert not unlikely_first_name("Mark", "en")
    assert not unlikely_first_name("J.", "en")


def test_a_place_adjective_and_a_noun_are_no_mover() -> None:
    text = ("Der Facebook-Konzern Meta hat drei Forscher aus dem Zürcher Büro von OpenAI "
            "abgeworben, wie mehrere Medien am Mittwoch berichteten. Lea Sommer, Jonas Keller "
            "und Timo Brandt sollen in Meta's neuem Superintelligenz-Labor arbeiten.")
    rel = classify_article("Meta wirbt drei OpenAI-Forscher in Zürich ab", text, "de")
    people = {m["person"] for m in rel["moves"]}
    assert "Zürcher Büro" not in people
    assert people & {"Lea Sommer", "Jonas Keller", "Timo Brandt"}


def test_a_name_that_starts_with_a_common_word_is_still_a_name() -> None:
    text = ("Dev Raman, who led the Grok inference team at xAI, has left the company to join "
            "Mistral AI in Paris, he said on Monday.")
    rel = classify_article("Dev Raman leaves xAI for Mistral AI", text, "en")
    assert rel["relevant"]
    assert "Dev Raman" in {m["person"] for m in rel["moves"]}


def test_a_title_of_several_words_before_a_given_name_is_no_part_of_it() -> None:
    from newsmon.relevance import classifier_for
    from newsmon.relevance.names import trim_name

    m = classifier_for().matchers[0]
    assert trim_name("Prime Minister Justin Trudeau", "en", m) == "Justin Trudeau"
    assert trim_name("Former Senator Mark Warner", "en", m) == "Mark Warner"
    assert trim_name("Dev Raman", "en", m) == "Dev Raman"  # "Dev" is no common word
    assert trim_name("Zürcher Büro", "de", m) is None
