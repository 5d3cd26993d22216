"""Given names against words of the language (newsmon.relevance.given_names)."""

from __future__ import annotations

import pytest

from newsmon.relevance import classifier_for, classify_article
from newsmon.relevance.given_names import is_given_name, unlikely_first_name
from newsmon.relevance.matcher import TopicMatcher
from newsmon.relevance.names import trim_name


@pytest.fixture(scope="module")
def m() -> TopicMatcher:
    """The built-in topic's compiled matcher, which trim_name reads its roles and orgs from."""
    return classifier_for().matchers[0]


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


def test_a_title_of_several_words_before_a_given_name_is_no_part_of_it(m: TopicMatcher) -> None:
    assert trim_name("Prime Minister Justin Trudeau", "en", m) == "Justin Trudeau"
    assert trim_name("Former Senator Mark Warner", "en", m) == "Mark Warner"
    assert trim_name("Dev Raman", "en", m) == "Dev Raman"  # "Dev" is no common word
    assert trim_name("Zürcher Büro", "de", m) is None


def test_accented_given_names_are_known_where_the_list_spells_them_bare() -> None:
    assert is_given_name("Élodie")  # the list has "Elodie"
    assert not is_given_name("Getty")


def test_a_phrase_ending_in_a_word_of_the_language_without_a_given_name_is_no_person(m: TopicMatcher) -> None:
    assert trim_name("Getty Images", "en", m) is None
    assert trim_name("Harrowgate Bank", "en", m) is None
    # German compounds count as words when they end in one: "-büro", "-treue"
    assert trim_name("Zürcher Forschungsbüro", "de", m) is None
    assert trim_name("Bereich Faktentreue", "de", m) is None
    # no listed given name, but the surname is no word: still a person
    assert trim_name("Rohit Prasad", "en", m) == "Rohit Prasad"
    assert trim_name("Ruoming Pang", "en", m) == "Ruoming Pang"
    # a given name first: a surname that is a word is still a surname
    assert trim_name("Henrike Sommer", "de", m) == "Henrike Sommer"
    assert trim_name("Élodie Marchand", "fr", m) == "Élodie Marchand"


def test_a_photo_agency_is_no_mover() -> None:
    text = ("Die beiden Forscher wechseln von Google DeepMind zu OpenAI, wie das Unternehmen "
            "am Dienstag mitteilte. Getty Images zeigt das neue Büro in Zürich. Amira Haddad "
            "und Tomas Lindqvist hatten zuvor acht Jahre bei Google gearbeitet.")
    rel = classify_article("OpenAI holt zwei Google-Forscher nach Zürich", text, "de")
    assert "Getty Images" not in {m["person"] for m in rel["moves"]}


def test_a_prepositional_phrase_after_a_name_is_cut_but_a_nobiliary_particle_stays(m: TopicMatcher) -> None:
    assert trim_name("Jonas Keller von der Geschäftsführung", "de", m) == "Jonas Keller"
    assert trim_name("Léa Martin de la Société", "fr", m) == "Léa Martin"
    assert trim_name("Ursula von der Leyen", "de", m) == "Ursula von der Leyen"
    assert trim_name("Charles de Gaulle", "fr", m) == "Charles de Gaulle"
    # a role in the German genitive goes like the role: "des Gründers Jonas Keller"
    assert trim_name("Gründers Jonas Keller", "de", m) == "Jonas Keller"


def test_the_founder_in_the_genitive_of_a_noun_predicate_is_the_mover() -> None:
    text = ("Das Heidelberger KI-Unternehmen Aleph Alpha ordnet seine Führung neu, mit dem "
            "Rückzug des Gründers Jonas Keller von der Geschäftsführung. Keller soll in den "
            "Beirat wechseln, teilte Aleph Alpha am Donnerstag mit. Die Geschäfte führen "
            "künftig zwei langjährige Manager des Unternehmens.")
    rel = classify_article("Aleph Alpha: Gründer zieht sich zurück", text, "de")
    assert rel["moves"] and rel["moves"][0]["person"] == "Jonas Keller", rel["moves"]
