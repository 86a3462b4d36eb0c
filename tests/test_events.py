"""The event coder on short stories written for these tests: every PLOVER type (one positive, one near miss),
the flags, passives, reported speech, coordinated clauses and multi-event sentences, and the explanation."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventwire.model import Actor, Article, Event
from eventwire.ontology.plover import TYPES

Run = Callable[..., Article]


def coded(article: Article) -> list[tuple[str, str | None, str | None]]:
    """(type, source country, target country) of each event, in text order."""
    actors = {a.id: a for a in article.actors}

    def country(actor_id: str | None) -> str | None:
        return actors[actor_id].country if actor_id else None

    return [(e.type, country(e.source), country(e.target)) for e in article.events]


def actor(article: Article, actor_id: str | None) -> Actor:
    assert actor_id is not None
    return next(a for a in article.actors if a.id == actor_id)


def first(article: Article, event_type: str) -> Event:
    return next(e for e in article.events if e.type == event_type)


# (sentence, expected type, source country, target country); None = not checked
POSITIVES = [
    ("Egypt and Jordan agreed on Tuesday to expand trade between the two countries.", "AGREE", "EGY", "JOR"),
    ("Vietnam's prime minister met Japanese Foreign Minister Yoko Kamikawa in Hanoi on Monday.", "CONSULT", "VNM",
     "JPN"),
    ("Canada praised Ghana for holding peaceful elections.", "SUPPORT", "CAN", "GHA"),
    ("Brazil cooperated with Uruguay on border security.", "COOPERATE", "BRA", "URY"),
    ("The World Food Programme delivered food aid to refugees in Chad.", "AID", "IGO", None),
    ("The Sri Lankan government eased restrictions on protests.", "CONCEDE", "LKA", None),
    ("Ethiopian troops withdrew from the Tigray region on Tuesday.", "RETREAT", "ETH", None),
    ("Pakistan demanded that India release the detained fishermen.", "REQUEST", "PAK", "IND"),
    ("The Chinese Foreign Ministry accused the United States of interfering in its internal affairs.", "ACCUSE",
     "CHN", "USA"),
    ("Bolivia rejected Chile's demand for talks.", "REJECT", "BOL", "CHL"),
    ("Iran threatened to close the Strait of Hormuz.", "THREATEN", "IRN", None),
    ("Thousands of protesters marched through Tbilisi against the foreign agents law.", "PROTEST", None, None),
    ("The European Union imposed sanctions on Iran over its drone deliveries to Russia.", "SANCTION", "IGO", "IRN"),
    ("Azerbaijan deployed troops along the border with Armenia.", "MOBILIZE", "AZE", None),
    ("Georgian police detained an opposition leader in Tbilisi.", "COERCE", "GEO", None),
    ("Myanmar's army shelled villages in Sagaing region.", "ASSAULT", "MMR", None),
]

# The same trigger words used in a sense that is not a political event.
NEAR_MISSES = [
    "The two sides agreed that the weather was lovely.",
    "The chef met the deadline for the new menu.",
    "The critic praised the new album.",
    "The bakery cooperated with the florist on a window display.",
    "The courier delivered the parcel on time.",
    "The pain eased after a few days of rest.",
    "The runner withdrew from the race.",
    "The child asked for another slice of cake.",
    "The coach accused the referee of missing a foul.",
    "The printer rejected the paper because it was too thick.",
    "Dark clouds threatened rain over the stadium.",
    "The singer marched across the stage in a silver coat.",
    "The library imposed a fine for late books.",
    "The band deployed a new light show for the tour.",
    "The goalkeeper seized the ball in the final minute.",
    "The storm shelled the coast with hail.",
]


@pytest.mark.parametrize(("text", "event_type", "source", "target"), POSITIVES)
def test_each_plover_type_is_coded(run_text: Run, text: str, event_type: str, source: str | None,
                                   target: str | None) -> None:
    article = run_text(text, published="2023-05-10")
    event = first(article, event_type)
    src = actor(article, event.source) if event.source else None
    tgt = actor(article, event.target) if event.target else None
    if source:
        assert src is not None and src.country == source, coded(article)
    if target:
        assert tgt is not None and tgt.country == target, coded(article)


def test_positives_cover_every_type() -> None:
    assert {p[1] for p in POSITIVES} == set(TYPES)


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_near_misses_code_no_event(run_text: Run, text: str) -> None:
    article = run_text(text, published="2023-05-10")
    real = [e for e in article.events if not e.negated and not e.hypothetical]
    assert real == [], coded(article)


def test_negated_event_is_flagged(run_text: Run) -> None:
    article = run_text("Ukraine did not attack the bridge, the ministry said.", published="2023-05-10")
    event = first(article, "ASSAULT")
    assert event.negated and event.explanation["flags"]["negated"] == "not"


def test_negated_build_up_is_not_a_mobilisation(run_text: Run) -> None:
    article = run_text("“The alliance has no military build up in the region,” the spokesman said.")
    assert all(e.negated for e in article.events if e.type == "MOBILIZE")


def test_refusal_of_a_cooperative_act_is_a_reject(run_text: Run) -> None:
    article = run_text("The minister did not meet the protesters.")
    assert [e.type for e in article.events] == ["REJECT"]
    assert "refusal" in article.events[0].explanation["coded_as"]


def test_hypothetical_event_is_flagged_and_not_dated(run_text: Run) -> None:
    article = run_text("Russia could invade Moldova, analysts warned.", published="2023-05-10")
    event = first(article, "ASSAULT")
    assert event.hypothetical and event.date is None
    assert not any(e.type == "THREATEN" for e in article.events)  # "analysts warned that" is speech, not a threat


def test_threatened_act_is_threaten_not_the_act(run_text: Run) -> None:
    article = run_text("North Korea threatened to strike South Korea if the drills continued.")
    lead = next(e for e in article.events if not e.hypothetical)
    assert lead.type == "THREATEN"
    assert all(e.hypothetical for e in article.events if e.type == "ASSAULT")


def test_announced_intention_is_future_and_coded_as_threat(run_text: Run) -> None:
    article = run_text("Israel will attack Rafah next week, officials said.", published="2023-05-10")
    event = article.events[0]
    assert event.type == "THREATEN" and event.future
    assert "ASSAULT" in event.explanation["coded_as"]


def test_promised_cooperation_is_agree(run_text: Run) -> None:
    article = run_text("Colombia and Ecuador will cooperate with each other on border security.")
    assert coded(article)[0] == ("AGREE", "COL", "ECU")
    assert article.events[0].future


def test_historical_event_is_dated_and_flagged(run_text: Run) -> None:
    article = run_text("Hamas fighters attacked Israeli towns in 2014, the report said.", published="2023-05-10")
    event = first(article, "ASSAULT")
    assert event.historical and event.date == "2014" and event.date_precision == "year"


def test_relative_date_and_clause_place(run_text: Run) -> None:
    article = run_text("Police fired tear gas at protesters in Nairobi on Tuesday.", published="2023-05-10")
    event = first(article, "COERCE")
    assert event.date == "2023-05-09" and event.date_rule == "clause"
    place = next(p for p in article.places if p.id == event.place)
    assert place.name == "Nairobi" and event.place_rule == "clause"


def test_undated_event_takes_publication_date(run_text: Run) -> None:
    article = run_text("Canada expelled two Chinese diplomats.", published="2023-05-10")
    event = first(article, "SANCTION")
    assert event.date == "2023-05-10" and event.date_precision == "publication"


def test_passive_agent_is_source_and_subject_is_target(run_text: Run) -> None:
    article = run_text("Protesters were beaten by police in Caracas.")
    event = first(article, "ASSAULT")
    assert actor(article, event.source).sector == "COP"
    assert actor(article, event.target).sector == "PRO"


def test_reported_speech_keeps_the_reported_source(run_text: Run) -> None:
    article = run_text("Sudan's army said the Rapid Support Forces had shelled Khartoum.")
    event = first(article, "ASSAULT")
    assert "Rapid Support Forces" in actor(article, event.source).name
    assert event.reported_by is not None


def test_reported_obligation_is_a_request_from_the_speaker(run_text: Run) -> None:
    article = run_text("The French president said Iran must stop enriching uranium.")
    event = first(article, "REQUEST")
    assert actor(article, event.source).country == "FRA"
    assert actor(article, event.target).country == "IRN"


def test_coordinated_clauses_each_have_their_own_event(run_text: Run) -> None:
    article = run_text("Serbian police detained two men and Kosovo's prime minister condemned the arrests.")
    types = [e.type for e in article.events]
    assert types[:2] == ["COERCE", "ACCUSE"]
    assert actor(article, article.events[1].source).country == "XKX"


def test_multi_event_sentence_in_text_order(run_text: Run) -> None:
    article = run_text("Myanmar's army shelled villages in Sagaing region, killing 12 villagers.")
    assert [e.type for e in article.events] == ["ASSAULT", "ASSAULT"]
    assert [e.explanation["trigger"] for e in article.events] == ["shelled", "killing"]
    assert article.events[0].trigger.start < article.events[1].trigger.start
    assert [e.id for e in article.events] == ["E1", "E2"]


def test_implicit_government_actor_from_adjective_and_noun(run_text: Run) -> None:
    article = run_text("A Chinese government aircraft landed in Phnom Penh on Monday.", published="2023-05-10")
    event = first(article, "CONSULT")
    source = actor(article, event.source)
    assert (source.country, source.sector) == ("CHN", "GOV")


def test_caption_events_are_marked(run_text: Run) -> None:
    text = ("date 2023-03-09\n\nLabour unions called a national strike.\n\n"
            "Protesters rally against the pension reform in Paris, France, 07 March 2023. EPA-EFE/ANNE DUPONT")
    article = run_text(text, published=None)
    event = next(e for e in article.events if e.section == "caption")
    assert event.type == "PROTEST" and event.date == "2023-03-07"


def test_every_event_explains_itself(run_text: Run) -> None:
    article = run_text("Georgian police detained an opposition leader in Tbilisi.")
    event = article.events[0]
    explanation = event.explanation
    assert explanation["pattern"] == "coerce.detain" and explanation["trigger"] == "detained"
    assert explanation["source_rule"] == "subject" and explanation["source_span"]["text"] == "police"
    assert event.cameo == "173" and event.acled_type == "Strategic developments"
    assert event.intensity is not None and -10 <= event.intensity <= 10
    assert event.tone is not None


@pytest.mark.parametrize(("text", "event_type", "target"), [
    ("Serbia lifted a night curfew in Montenegro on Sunday.", "RETREAT", "MNE"),
    ("The government lifted the state of emergency in Darfur on Sunday.", "RETREAT", "SDN"),
    ("Hamas threatened to resume attacks in Israel.", "THREATEN", "ISR"),
    ("The opposition agreed to postpone the march in Baku until November.", "AGREE", "AZE"),
])
def test_place_of_an_act_with_no_named_party_is_its_target(run_text: Run, text: str, event_type: str,
                                                             target: str) -> None:
    article = run_text(text, published="2023-05-10")
    event = first(article, event_type)
    tgt = actor(article, event.target)
    assert tgt.country == target and tgt.kind == "country", coded(article)
    assert event.explanation["target_rule"].startswith("the country of the place"), event.explanation
    # the implicit actor's mention covers the place's words, so the place and the actor line up
    assert any(article.analysed_text()[m.doc_start:m.doc_end] in text for m in tgt.mentions)


def test_named_party_wins_over_the_place_and_origin_is_not_a_target(run_text: Run) -> None:
    article = run_text("Georgian police detained an opposition leader in Tbilisi.", published="2023-05-10")
    event = first(article, "COERCE")
    assert event.explanation["target_rule"] == "dobj" and actor(article, event.target).sector == "OPP"
    article = run_text("Armenian troops fired on villages from Azerbaijan on Monday.", published="2023-05-10")
    assert all(not e.explanation["target_rule"].startswith("the country of the place") for e in article.events), \
        coded(article)


def test_coordinated_targets_each_get_an_event(run_text: Run) -> None:
    article = run_text("Kazakhstan closed its borders with Kyrgyzstan and Uzbekistan on Monday.",
                       published="2023-05-10")
    assert [c for c in coded(article) if c[0] == "SANCTION"] == [("SANCTION", "KAZ", "KGZ"),
                                                                   ("SANCTION", "KAZ", "UZB")]
    # a symmetric act's coordinated subject is its target, not a second source
    article = run_text("Egypt and Jordan agreed on Tuesday to expand trade.", published="2023-05-10")
    assert [c for c in coded(article) if c[0] == "AGREE"] == [("AGREE", "EGY", "JOR")]


def test_arrest_with_no_agent_is_done_by_the_state_of_the_place(run_text: Run) -> None:
    article = run_text("A French aid worker was arrested in Niamey on Friday.", published="2023-05-10")
    event = first(article, "COERCE")
    assert actor(article, event.source).country == "NER", event.explanation
    assert event.explanation["source_rule"].startswith("no agent")
    # an attack is not: with no agent the attacker stays unknown
    article = run_text("A French aid worker was attacked in Niamey on Friday.", published="2023-05-10")
    assert first(article, "ASSAULT").source is None


def test_weapon_with_no_one_named_is_unidentified_attackers(run_text: Run) -> None:
    article = run_text("A roadside bomb killed four soldiers near Kandahar on Sunday.", published="2023-05-10")
    event = first(article, "ASSAULT")
    attackers = actor(article, event.source)
    assert (attackers.sector, attackers.country) == ("UAF", "AFG")
    assert [m.text for m in attackers.mentions] == ["roadside bomb"]
    article = run_text("Gunmen killed four soldiers near Kandahar on Sunday.", published="2023-05-10")
    assert all(a.sector != "UAF" or "unidentified" not in a.name for a in article.actors)


def test_a_coordinated_act_shares_the_place_and_modifiers_of_modifiers_name_the_source(run_text: Run) -> None:
    article = run_text("Rebels kidnapped two engineers and exploded a car bomb in Mogadishu on Monday.",
                       published="2023-05-10")
    bombing = next(e for e in article.events if e.trigger.text == "exploded")
    assert actor(article, bombing.target).country == "SOM", coded(article)
    article = run_text("Recent US drone strikes have killed at least six militants, officials said.",
                       published="2023-05-10")
    killing = next(e for e in article.events if e.trigger.text == "killed")
    assert actor(article, killing.source).country == "USA", coded(article)


def test_place_target_is_the_object_phrases_own_place_not_one_in_a_clause_inside_it(run_text: Run) -> None:
    article = run_text("Ghana sent troops to a mission in Mali.", published="2023-05-10")
    assert coded(article)[0] == ("MOBILIZE", "GHA", "MLI")
    article = run_text("Ghana sent troops to a mission whose commanders had trained in Kenya.", published="2023-05-10")
    assert coded(article)[0] == ("MOBILIZE", "GHA", None)


def test_a_clause_of_time_lends_no_place_target(run_text: Run) -> None:
    article = run_text("The president agreed to resign after protesters stormed his residence in Colombo.",
                       published="2023-05-10")
    assert first(article, "AGREE").target is None, coded(article)
    assert actor(article, first(article, "ASSAULT").target).country == "LKA"


def test_an_event_noun_talked_about_in_a_quote_is_not_the_speakers_act(run_text: Run) -> None:
    article = run_text("The chip maker Nordtek said demand for its processors remained strong.", published="2023-05-10")
    assert [e for e in article.events if e.type == "REQUEST"] == [], coded(article)
    article = run_text("The Chilean foreign ministry said its demand for an apology had been ignored by Bolivia.",
                       published="2023-05-10")
    assert any(e.type == "REQUEST" for e in article.events), coded(article)
