"""newsmon/boilerplate.py clean_body(): what a reader does not count as the article goes, the
syndication credit is kept as `syndicated_from`."""

from __future__ import annotations

import pytest

from newsmon.boilerplate import CleanBody, clean_body, fold

TITLE = "Regional rail operator orders forty hydrogen trains"
P1 = ("The regional operator said on Monday that it had signed a contract for forty hydrogen "
      "trains, to be delivered in three batches between 2028 and 2031.")
P2 = ("The trains will replace ageing diesel units on three lines in the north of the region, "
      "where overhead electrification was judged too expensive by the transport ministry.")
P3 = ("Unions welcomed the order but asked for guarantees that maintenance work would stay at "
      "the depot in the regional capital rather than move to the manufacturer's own site.")
BODY = [P1, P2, P3]


def clean(*lines: str, title: str | None = TITLE) -> CleanBody:
    return clean_body("\n".join(lines), title)


def kept(result: CleanBody) -> list[str]:
    return result.text.split("\n") if result.text else []


def test_plain_article_is_untouched() -> None:
    result = clean(*BODY)
    assert kept(result) == BODY
    assert result.syndicated_from is None
    assert result.removed == ()


def test_blank_lines_and_crlf_are_normalised() -> None:
    result = clean_body(f"\r\n  {P1}  \r\n\r\n\r\n{P2}\r\n", TITLE)
    assert kept(result) == [P1, P2]
    assert result.removed == ()


@pytest.mark.parametrize(
    "headline",
    [TITLE, TITLE.upper(), f"{TITLE}.", f"  {TITLE} ", "Regional rail operator orders forty "
     "hydrogen trains!"],
)
def test_repeated_headline_at_the_top_is_removed(headline: str) -> None:
    result = clean(headline, *BODY)
    assert kept(result) == BODY
    assert result.removed == (headline.strip(),)


def test_any_of_several_titles_is_recognised() -> None:
    og_title = "Forty hydrogen trains for the north"
    result = clean_body("\n".join([og_title, *BODY]), [None, TITLE, og_title])
    assert kept(result) == BODY


def test_headline_repeated_later_in_the_text_is_kept() -> None:
    result = clean(P1, TITLE, P2)
    assert kept(result) == [P1, TITLE, P2]


@pytest.mark.parametrize(
    "byline",
    ["By Jane Doe", "Par Marie Dupont", "Von Hans Müller", "By Jane Doe and Ann Smith",
     "Par Jean-Luc Martin et Claire Petit", "By Jane Doe, Transport Correspondent",
     "Von Hans Müller und Eva Schmidt | Berlin"],
)
def test_byline_at_the_top_is_removed(byline: str) -> None:
    result = clean(byline, *BODY)
    assert kept(result) == BODY
    assert result.removed == (byline,)


def test_headline_then_byline_are_both_removed() -> None:
    result = clean(TITLE, "By Jane Doe", *BODY)
    assert kept(result) == BODY
    assert result.removed == (TITLE, "By Jane Doe")


@pytest.mark.parametrize(
    "line",
    ["Autor: Hans Müller", "Auteure : Claire Petit", "Text: Eva Schmidt, Berlin",
     "Tobias Keller Redaktor Digital", "Jane Doe, Senior Reporter", "Marie Dupont, journaliste",
     "Anna Weber Redakteurin Wirtschaft",
     "Autor: Hans Müller | Quelle: Tagesblatt | Publikationsdatum: 30.10.2025 | Lesezeit: 3 "
     "Minuten"],
)
def test_an_author_line_after_teasers_is_removed(line: str) -> None:
    teasers = ["Auf einen Blick", "Drei Punkte zum neuen Fahrplan"]
    result = clean(*teasers, line, *BODY)
    assert line in result.removed
    assert line not in kept(result)


@pytest.mark.parametrize(
    "line",
    ["Greg Moreau, President", "Sam Ortega, CEO of the operator", "Technology Editor",
     "Jane Doe joins the board"],
)
def test_a_line_naming_someone_by_another_trade_is_kept(line: str) -> None:
    assert line in kept(clean(line, *BODY))


def test_byline_shaped_line_in_the_middle_is_kept() -> None:
    result = clean(P1, "By Jane Doe", P2)
    assert kept(result) == [P1, "By Jane Doe", P2]


@pytest.mark.parametrize(
    "line",
    [
        "Read more: Why hydrogen trains are still rare in Europe",
        "READ MORE: The cost of electrifying a branch line",
        "Related: Rail freight volumes fall for a third year",
        "See also: Our guide to the new timetable",
        "À lire aussi : Le train à hydrogène, une fausse bonne idée ?",
        "Lire aussi | La grève des contrôleurs se poursuit",
        "Sur le même sujet : les TER en Normandie",
        "Lesen Sie auch: Wasserstoffzüge im Praxistest",
        "Mehr zum Thema: Die Bahn und der Klimaschutz",
        "Le tweet a peut-être été supprimé",
        "This tweet may have been deleted.",
        "This tweet was deleted",
        "Der Tweet wurde möglicherweise gelöscht",
        "View this post on Instagram",
        "Sign up for our weekly transport newsletter to get the latest news.",
        "Subscribe to our free morning newsletter",
        "We use cookies to improve your experience on this site.",
        "Abonnez-vous à notre newsletter quotidienne",
        "Nous utilisons des cookies pour améliorer votre expérience.",
        "Jetzt Newsletter abonnieren und nichts verpassen",
        "Wir verwenden Cookies.",
        "Advertisement",
        "Publicité",
        "Anzeige",
    ],
)
def test_noise_lines_are_removed(line: str) -> None:
    result = clean(P1, line, P2)
    assert kept(result) == [P1, P2]
    assert result.removed == (line,)
    assert result.syndicated_from is None


@pytest.mark.parametrize(
    "line",
    [
        "Publié le 18 novembre 2026 à 10h30",
        "Mis à jour le 18 novembre 2026 à 11h05",
        "Nov. 18, 2026",
        "November 18, 2026",
        "Published on November 18, 2026 at 10:30 am",
        "Updated: 18 Nov 2026 10:30 GMT",
        "Wednesday, November 18, 2026",
        "18.11.2026, 10:30 Uhr",
        "Veröffentlicht am 18.11.2026 um 10:30 Uhr",
        "2026-11-18",
        "18/11/2026",
        "mer. 18 nov. 2026",
    ],
)
def test_date_only_lines_are_removed(line: str) -> None:
    result = clean(line, P1, P2)
    assert kept(result) == [P1, P2]
    assert result.removed == (line,)


def test_repeated_lede_counts_once() -> None:
    result = clean(P1, P2, P1, P3)
    assert kept(result) == [P1, P2, P3]
    assert result.removed == (P1,)


def test_duplicate_differing_only_in_case_and_punctuation_counts_once() -> None:
    echo = P1.upper().replace(",", "").replace(".", "!")
    result = clean(P1, P2, echo)
    assert kept(result) == [P1, P2]


@pytest.mark.parametrize(
    ("credit", "outlet"),
    [
        ("This article originally appeared on The Wire Daily.", "The Wire Daily"),
        ("This story was first published by Coastal Review.", "Coastal Review"),
        ("The article first appeared in “The Harbour Times”.", "The Harbour Times"),
        ("Read the original article on Business Insider.", "Business Insider"),
        ("Read the original story at Grist", "Grist"),
        ("Originally published on The Conversation.", "The Conversation"),
        ("Republished with permission from Route Fifty.", "Route Fifty"),
        ("Lire l'article original sur Business Insider", "Business Insider"),
        ("Lire l’article original sur « Le Temps »", "Le Temps"),
        ("Cet article a d'abord été publié sur Numerama.", "Numerama"),
        ("Article publié initialement sur The Conversation France.", "The Conversation France"),
        ("Lesen Sie den Originalartikel auf Business Insider", "Business Insider"),
        ("Dieser Artikel erschien zuerst bei Golem.de.", "Golem.de"),
        ("Dieser Beitrag ist zuerst auf netzpolitik.org erschienen.", "netzpolitik.org"),
        ("Zuerst erschienen bei Telepolis.", "Telepolis"),
    ],
)
def test_credit_lines_give_syndicated_from(credit: str, outlet: str) -> None:
    result = clean(*BODY, credit)
    assert result.syndicated_from == outlet
    assert kept(result) == BODY
    assert result.removed == (credit,)


def test_credit_at_the_top_is_also_recognised() -> None:
    credit = "This article originally appeared on The Wire Daily."
    result = clean(credit, *BODY)
    assert result.syndicated_from == "The Wire Daily"
    assert kept(result) == BODY


def test_first_credit_wins() -> None:
    result = clean(*BODY, "This article originally appeared on The Wire Daily.",
                   "Read the original article on Business Insider.")
    assert result.syndicated_from == "The Wire Daily"
    assert kept(result) == BODY


@pytest.mark.parametrize("tag", ["source site-19", "Source: site-19", "quelle site-19"])
def test_trailing_source_tag_when_no_other_credit(tag: str) -> None:
    result = clean(*BODY, tag)
    assert result.syndicated_from == "site-19"
    assert kept(result) == BODY
    assert result.removed == (tag,)


def test_credit_beats_source_tag() -> None:
    result = clean(*BODY, "source site-19", "This article originally appeared on The Wire Daily.")
    assert result.syndicated_from == "The Wire Daily"
    assert kept(result) == BODY


def test_source_tag_far_from_the_end_is_kept() -> None:
    result = clean("source site-19", P1, P2, P3, P1[:80] + " and more.")
    assert result.syndicated_from is None
    assert "source site-19" in kept(result)


@pytest.mark.parametrize(
    "paragraph",
    [
        "Commuters who read the new timetable closely will notice fewer late-evening services.",
        "Engineers say they read more safety reports in a week than most people do in a year.",
        "The first train is due to arrive at the depot on 18 November 2026, the ministry said.",
        "Services were suspended on Nov. 18, 2026 after a signalling fault near the junction.",
        "Passengers can read the original contract on the operator's website, a spokesman said.",
        "The byline on the leaked memo was missing, according to two people who saw it.",
    ],
)
def test_ordinary_paragraphs_are_kept(paragraph: str) -> None:
    result = clean(P1, paragraph, P2)
    assert kept(result) == [P1, paragraph, P2]
    assert result.syndicated_from is None


def test_long_paragraph_that_starts_like_a_credit_is_kept() -> None:
    long_para = (
        "This article originally appeared on a small blog run by two retired railway engineers, "
        "who have written for more than a decade about rolling stock, signalling and the economics "
        "of regional branch lines, and it was later picked up by several national newspapers."
    )
    assert len(long_para) > 200
    result = clean(*BODY, long_para)
    assert result.syndicated_from is None
    assert kept(result) == [*BODY, long_para]


@pytest.mark.parametrize(
    "long_line",
    [
        ("Read more: " + "the operator's annual report runs to three hundred pages " * 4).strip(),
        "Published on November 18, 2026 " + "x" * 200,
    ],
)
def test_long_lines_are_never_noise(long_line: str) -> None:
    assert len(long_line) > 200
    result = clean(P1, long_line)
    assert kept(result) == [P1, long_line]


def test_date_prefix_tag_is_stripped_from_a_paragraph() -> None:
    result = clean(f"date 2026-11 {P1}", P2)
    assert kept(result) == [P1, P2]


def test_punctuation_only_lines_are_removed() -> None:
    result = clean(P1, "* * *", "—", P2)
    assert kept(result) == [P1, P2]
    assert result.removed == ("* * *", "—")


def test_everything_noise_gives_empty_text() -> None:
    result = clean(TITLE, "By Jane Doe", "Advertisement")
    assert result.text == ""
    assert len(result.removed) == 3


def test_fold_ignores_case_and_punctuation() -> None:
    assert fold("Héllo, World!  ") == fold("HÉLLO world")
    assert fold("Straße") == fold("STRASSE")
    assert fold("a-b") != fold("ab")


# --- known false positives ------------------------------------------------------------------

@pytest.mark.parametrize(
    "paragraph",
    [
        "Related concerns were raised by the unions, who said the trains would need fewer staff.",
        "Recommended fares will be published by the regional council before the summer.",
        "Advertisement spending by rail operators rose by a fifth last year, the agency said.",
        "Anzeige wegen Betrugs: Die Staatsanwaltschaft ermittelt gegen den Geschäftsführer.",
    ],
)
def test_sentences_starting_with_a_marker_word_are_kept(paragraph: str) -> None:
    result = clean(P1, paragraph, P2)
    assert kept(result) == [P1, paragraph, P2]


def test_sentence_about_a_journal_is_not_a_credit() -> None:
    sentence = "The article was published in The Lancet on Thursday."
    result = clean(P1, sentence, P2)
    assert result.syndicated_from is None
    assert kept(result) == [P1, sentence, P2]


def test_short_lede_starting_with_by_is_kept() -> None:
    lede = "By Friday, the strike was over."
    result = clean(lede, P1, P2, title=None)
    assert kept(result) == [lede, P1, P2]
