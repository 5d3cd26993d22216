"""Who moved where, on sentences written here: names a headline or a role only seems to hold,
who hires as opposed to who moves, returns, appointments from outside, retirements."""

from __future__ import annotations

import pytest

from newsmon.relevance import classifier_for


def moves(title: str, text: str, lang: str = "en") -> list[tuple[str, str, str | None,
                                                                  str | None]]:
    r = classifier_for().classify(title, text, lang)
    assert r.relevant, r.reasons
    return [(m.person, m.action, m.from_, m.to) for m in r.moves if m.primary]


BODY_PAD = (" The company did not comment further on the change, which staff had expected for "
            "several weeks, and said the transition would be complete by the end of the month.")


def test_a_title_case_headline_names_only_what_the_body_names_again() -> None:
    got = moves("Helena Markov Cuts Leave Short, Returns to OpenAI",
                "OpenAI co-founder Helena Markov has returned to the company after four months "
                "away, she told staff on Tuesday." + BODY_PAD)
    assert got[0] == ("Helena Markov", "joins", None, "OpenAI"), got
    assert not any("Short" in p for p, *_ in got), got


def test_a_headline_repeated_as_a_body_line_is_read_once() -> None:
    title = "OpenAI Co-Founder Returns to Startup After Long Leave"
    got = moves(title, "Company News\n" + title + "\nHelena Markov, president and co-founder "
                "of OpenAI, has returned to the artificial intelligence startup." + BODY_PAD)
    assert got and got[0][0] == "Helena Markov", got
    assert not any("Leave" in p for p, *_ in got), got


def test_the_name_follows_the_last_role_word() -> None:
    got = moves("", "Elon Musk's startup xAI faces turmoil as Chief Financial Officer Daniel "
                "Okafor departed in late July after three months on the job." + BODY_PAD)
    assert got[0][:3] == ("Daniel Okafor", "leaves", "xAI"), got


def test_a_field_after_a_role_is_no_person() -> None:
    got = moves("", "Apple said Ravi Menon, its senior vice president for Machine Learning and "
                "Research, is stepping down from his position." + BODY_PAD)
    assert [p for p, *_ in got] == ["Ravi Menon"], got


def test_a_german_plural_noun_is_no_name() -> None:
    got = moves("Sarah Lindqvist wechselt zu Anthropic",
                "Diverse Führungskräfte haben OpenAI in den vergangenen Monaten verlassen. Nun "
                "wechselt auch Sarah Lindqvist von OpenAI zu Anthropic, wie das Unternehmen "
                "mitteilte. Sie leitete dort ein Team für Sicherheitsforschung.", "de")
    assert all("Führungskräfte" not in p for p, *_ in got), got
    assert got[0] == ("Sarah Lindqvist", "joins", "OpenAI", "Anthropic"), got


@pytest.mark.parametrize(("text", "lang"), [
    ("Meta CEO Mark Zuckerberg has recruited three researchers from OpenAI to join his new "
     "team, according to a report on Wednesday. Meta has hired Lena Duval, Tariq Osei and Hugo "
     "Brandt, all of whom were based at OpenAI's Paris office.", "en"),
    ("Trois chercheurs d'OpenAI viennent de rejoindre les rangs de Mark Zuckerberg. Meta a "
     "recruté Lena Duval, Tariq Osei et Hugo Brandt, qui travaillaient chez OpenAI à Paris.",
     "fr"),
    ("Meta-Chef Mark Zuckerberg hat drei Forscher von OpenAI abgeworben. Lena Duval, Tariq Osei "
     "und Hugo Brandt wechseln von OpenAI zu Meta, wie das Unternehmen bestätigte.", "de"),
])
def test_who_hires_unnamed_people_is_not_the_mover(text: str, lang: str) -> None:
    got = moves("", text + BODY_PAD, lang)
    assert all(p != "Mark Zuckerberg" for p, *_ in got), got
    assert got[0][0] == "Lena Duval" and got[0][2:] == ("OpenAI", "Meta"), got
    assert [p for p, *_ in got] == ["Lena Duval", "Tariq Osei", "Hugo Brandt"], got


def test_a_german_verb_final_clause_has_its_object_before_the_verb() -> None:
    got = moves("", "OpenAI hat in Zürich ein Büro eröffnet. Im Zuge dessen konnte OpenAI die "
                "Forscherin Lea Sommer von Google abwerben, wie die Firma bestätigte." + BODY_PAD,
                "de")
    assert got[0] == ("Lea Sommer", "hired", "Google", "OpenAI"), got


def test_a_headline_participle_without_object_keeps_its_subject() -> None:
    got = moves("Ilya Petrov leaves OpenAI; Mara Lindholm named chief scientist",
                "Ilya Petrov is leaving OpenAI, the company said on Tuesday. Mara Lindholm, who "
                "led its reasoning team, was named chief scientist." + BODY_PAD)
    assert {p for p, *_ in got} >= {"Ilya Petrov", "Mara Lindholm"}, got


def test_an_appointment_from_outside_is_a_hire_and_a_promotion_is_not() -> None:
    got = moves("Anthropic Names Tomasz Wierzbicki as CTO",
                "Anthropic has appointed Tomasz Wierzbicki, the former chief technology officer "
                "at Larkspur, as its new CTO." + BODY_PAD)
    assert got[0] == ("Tomasz Wierzbicki", "hired", "Larkspur", "Anthropic"), got
    got = moves("Mistral AI promeut Sofia Ferrand à la tête de la recherche",
                "Mistral AI promeut Sofia Ferrand, ancienne chercheuse de l'Inria arrivée en "
                "2023, à la tête de la recherche appliquée.", "fr")
    assert got[0] == ("Sofia Ferrand", "promoted", "Mistral AI", "Mistral AI"), got


def test_an_earlier_arrival_at_the_company_left_is_no_new_move() -> None:
    got = moves("", "Elon Musk's xAI is losing another executive: finance chief Daniel Okafor "
                "departed xAI in late July. Okafor joined xAI in April and oversaw a large "
                "debt sale." + BODY_PAD)
    assert got[0][:3] == ("Daniel Okafor", "leaves", "xAI"), got


@pytest.mark.parametrize(("title", "text", "lang", "person", "frm"), [
    ("Anthropic research chief to retire", "Anthropic said on Monday that its research chief "
     "Dana Fox will retire at the end of the year.", "en", "Dana Fox", "Anthropic"),
    ("Le directeur de Mistral AI part à la retraite", "Jean Dupuis, directeur scientifique de "
     "Mistral AI, part à la retraite après dix ans.", "fr", "Jean Dupuis", "Mistral AI"),
    ("DeepMind-Forscher geht in den Ruhestand", "Der DeepMind-Forscher Klaus Berger geht in den "
     "Ruhestand, teilte Google DeepMind mit.", "de", "Klaus Berger", "Google DeepMind"),
])
def test_a_retirement_is_a_departure(title: str, text: str, lang: str, person: str,
                                     frm: str) -> None:
    assert moves(title, text, lang)[0] == (person, "leaves", frm, None)


def test_an_umlaut_changed_verb_form_is_read_and_ki_is_no_company() -> None:
    got = moves("Farah Qureshi stößt zu Anthropic", "Die KI-Forscherin Farah Qureshi stößt zu "
                "Anthropic, wie das Unternehmen am Montag mitteilte.", "de")
    assert got[0] == ("Farah Qureshi", "joins", None, "Anthropic"), got


def test_a_first_person_quote_is_the_speakers_own_move() -> None:
    got = moves("", "Der Google-Forscher Tim Aebi hat es auf X verraten: «Nach zehn Jahren bei "
                "Google freue ich mich, dass ich in ein paar Wochen zu OpenAI stossen werde!» "
                "Er soll das neue Büro in Zürich mit aufbauen.", "de")
    assert got[0][:2] == ("Tim Aebi", "joins") and got[0][3] == "OpenAI", got


def test_a_public_body_is_no_person() -> None:
    r = classifier_for().classify(
        "Regulator asks Amazon about its Adept deal",
        "The Federal Trade Commission has asked Amazon for details about hiring executives and "
        "researchers from the AI startup Adept.", "en")
    assert all("Commission" not in p for reason in r.reasons for p in reason.people), r.reasons


def test_a_dash_opens_the_names_of_the_object() -> None:
    got = moves("", "On Friday, Amazon announced that it has hired AI start-up Lumen's three "
                "founders — Ines Carvalho, Tomas Berg and Wei Lin — as well as a quarter of its "
                "staff."
                + BODY_PAD)
    assert [p for p, *_ in got] == ["Ines Carvalho", "Tomas Berg", "Wei Lin"], got
    assert got[0][1] == "hired" and got[0][3] == "Amazon", got


def test_a_year_after_since_dates_a_tenure_not_the_move() -> None:
    r = classifier_for().classify(
        "", "Apple announced on Monday that Oren Kalman, who has led its AI work since 2018, is "
        "stepping down. Apple Intelligence, launched in October 2024, has struggled.", "en")
    assert r.relevant and r.moves[0].person == "Oren Kalman", (r.score, r.reasons)


def test_a_withdrawal_is_a_departure() -> None:
    got = moves("Rückzug bei Aleph Alpha", "Der Gründer Jonas Keller zieht sich zurück: Aleph "
                "Alpha bestätigte den vollständigen Rückzug von Jonas Keller aus dem "
                "Unternehmen.", "de")
    assert got[0][:3] == ("Jonas Keller", "leaves", "Aleph Alpha"), got


def test_a_person_after_a_staffing_noun_but_not_its_complement_is_someone_else() -> None:
    r = classifier_for().classify(
        "", "Trois chercheurs de Google DeepMind changent de camp pour Meta. Ces primes font "
        "partie d'une vaste offensive de recrutement sous la direction du patron de Meta, Marc "
        "Zimmer.", "fr")
    assert all(m.person != "Marc Zimmer" for m in r.moves), r.moves


def test_most_recently_elsewhere_makes_an_appointment_a_hire() -> None:
    got = moves("", "Anthropic has appointed Arjun Mehta, who most recently wore the CTO badge "
                "at Quarry, as its new chief technology officer." + BODY_PAD)
    assert got[0] == ("Arjun Mehta", "hired", "Quarry", "Anthropic"), got


def test_people_named_again_come_before_a_phrase_named_once() -> None:
    r = classifier_for().classify(
        "", "Drei KI-Experten von Google für Zürcher Standort abgeworben. OpenAI hat Lena Roth "
        "von Google abgeworben. Roth leitete dort ein Team; Roth beginnt im Januar.", "de")
    assert r.moves and r.moves[0].person == "Lena Roth", r.moves
    assert r.moves[0].mentions == 3, r.moves


@pytest.mark.parametrize(("title", "text", "lang", "want"), [
    ("Apple loses another manager, this time to Meta",
     "Ravi Kumar, who managed the on-device AI models group, has accepted a job at Meta and will "
     "start there in the coming weeks, people familiar with the matter said.", "en",
     ("Ravi Kumar", "joins", "Apple", "Meta")),
    ("Microsoft se sépare d'une dirigeante de Copilot",
     "Microsoft a mis fin aux fonctions de Claire Morel, qui dirigeait le déploiement de "
     "Copilot en Europe, selon un message interne.", "fr",
     ("Claire Morel", "fired", "Microsoft", None)),
])
def test_accepting_a_job_and_ending_someones_functions(title: str, text: str, lang: str,
                                                        want: tuple) -> None:
    assert moves(title, text, lang)[0] == want


def test_a_name_inside_a_relative_clause_is_not_the_subject() -> None:
    got = moves("", "Lin Qiao, der bei Apple das KI-Team für die sogenannten Foundation Models leitete, "
                "wechselt zu Meta, das in künstliche Intelligenz investiert." + BODY_PAD, "de")
    assert got[0][0] == "Lin Qiao" and got[0][3] == "Meta", got


def test_de_chez_marks_where_from() -> None:
    got = moves("Mistral AI débauche une chercheuse de chez Google DeepMind",
                "Mistral AI a débauché Anaïs Perrin de chez Google DeepMind, a annoncé la "
                "start-up parisienne d'intelligence artificielle mardi." + BODY_PAD, "fr")
    assert got[0] == ("Anaïs Perrin", "hired", "Google DeepMind", "Mistral AI"), got


@pytest.mark.parametrize(("title", "text", "lang", "want"), [
    ("", "OpenAI executives told staff in a memo on Tuesday that Lena Fischer will join the "
     "company to open an office in Zurich, according to people familiar with the plans.",
     "en", ("Lena Fischer", "joins", None, "OpenAI")),
    ("", "Selon un courriel interne de Mistral AI, la chercheuse Lina Haddad a quitté "
     "l'entreprise vendredi, après trois ans à la tête de l'équipe de raisonnement.",
     "fr", ("Lina Haddad", "leaves", "Mistral AI", None)),
    ("", "Wie Aleph Alpha am Montag mitteilte, verlässt Jonas Wendt das Unternehmen zum "
     "Monatsende, nachdem er vier Jahre die Forschung geleitet hatte.",
     "de", ("Jonas Wendt", "leaves", "Aleph Alpha", None)),
])
def test_the_company_named_again_by_a_noun_is_the_moves_other_end(
        title: str, text: str, lang: str, want: tuple[str, str, str | None, str | None]
) -> None:
    got = moves(title, text + BODY_PAD, lang)
    assert got[0] == want, got
