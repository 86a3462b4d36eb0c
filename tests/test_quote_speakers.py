"""Speakers as actors, pronoun speakers, noun cues and non-person sources in the quotes stage.

The stage runs alone on annotated fixture stories (tests/fixtures/quotes/) whose actors are made by hand, so that
the tests exercise the quotes stage's own rules (which speaker phrases become actors, how a pronoun the actors
stage left unlinked is resolved) and not the actors stage.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from eventwire.model import Actor, Article, Quote
from eventwire.stages.coref import Antecedent, pronoun_speaker
from eventwire.stages.quotes import Quotes
from eventwire.stages.spans import mention

from .conftest import FIXTURES

STORIES = FIXTURES / "quotes"

MakeArticle = Callable[..., Article]


def run(annotate: MakeArticle, stage: Quotes, story: str, actors: dict[str, tuple[str, str | None, list[str]]]
        ) -> Article:
    """Annotate a story, give it hand-made actors (name -> kind, country, surface forms) and run the stage."""
    article = annotate((STORIES / story).read_text(encoding="utf-8"))
    text = article.analysed_text()
    made = []
    for n, (name, (kind, country, forms)) in enumerate(actors.items(), start=1):
        actor = Actor(id=f"A{n}", name=name, kind=kind, country=country)
        for form in forms:
            for m in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text):
                actor.mentions.append(mention(article, m.start(), m.end()))
        made.append(actor)
    article.actors = made
    stage.process_article(article)
    return article


def quote_with(article: Article, words: str) -> Quote | None:
    return next((q for q in article.quotes if words in q.content), None)


def speaker(article: Article, quote: Quote | None) -> Actor | None:
    assert quote is not None
    return next((a for a in article.actors if a.id == quote.speaker), None)


# --- speaker phrases become actors ---------------------------------------------------------------------------

SPEAKER_ACTORS = {"transport ministry": ("organisation", "XVL", ["transport ministry"])}


@pytest.fixture(scope="module")
def harbour(annotate: MakeArticle, stage: Quotes) -> Article:
    return run(annotate, stage, "speaker_actors.txt", SPEAKER_ACTORS)


def test_a_spokesman_for_a_ministry_becomes_an_actor_of_that_ministry(harbour: Article) -> None:
    actor = speaker(harbour, quote_with(harbour, "the channel would reopen"))
    assert actor is not None and actor.id != "A1", "the spokesman is not the ministry itself"
    assert actor.kind == "person" and "spokesman" in actor.name
    assert actor.organisation == "transport ministry" and actor.country == "XVL"
    assert any("with no actor of the actors stage" in e for e in actor.evidence)
    assert any(m.text.startswith("A spokesman") for m in actor.mentions)


def test_a_noun_that_names_no_speaker_makes_no_actor(harbour: Article) -> None:
    """Near miss: "Geopolitical factors suggest …" is a quote whose subject is no one who speaks."""
    q = quote_with(harbour, "the channel will stay busy")
    assert q is not None and q.speaker is None and q.speaker_text is not None
    assert not any("factors" in a.name for a in harbour.actors)


def test_data_that_shows_something_is_a_document_source(harbour: Article) -> None:
    actor = speaker(harbour, quote_with(harbour, "a coastguard aircraft circled"))
    assert actor is not None and actor.kind == "document" and actor.name.lower() == "flight tracking data"


def test_a_thing_that_shows_signs_is_no_source(harbour: Article) -> None:
    """Near miss: "The tanker showed signs of damage" has no reported clause: no quote, no actor."""
    assert quote_with(harbour, "signs of damage") is None
    assert not any(a.name.lower() == "tanker" for a in harbour.actors)


def test_according_to_a_report_sources_the_clause(harbour: Article) -> None:
    q = quote_with(harbour, "the tanker had lost power")
    assert q is not None and q.cue is not None and q.cue.lower() == "according to"
    actor = speaker(harbour, q)
    assert actor is not None and actor.kind == "document" and "report" in actor.name


def test_according_to_plan_names_no_source(harbour: Article) -> None:
    """Near miss: "according to plan" is no attribution (the crew members' "said" is)."""
    assert not any((q.cue or "").lower() == "according to" and "Everything went" in q.content for q in harbour.quotes)
    assert not any(a.name.lower() == "plan" for a in harbour.actors)


# --- pronoun speakers ----------------------------------------------------------------------------------------

PRONOUN_ACTORS = {"Ilse Varga": ("person", "XVL", ["Mrs Ilse Varga", "Varga"])}


@pytest.fixture(scope="module")
def mayor(annotate: MakeArticle, stage: Quotes) -> Article:
    return run(annotate, stage, "pronoun_speakers.txt", PRONOUN_ACTORS)


def test_a_pronoun_speaker_is_linked_across_a_paragraph(mayor: Article) -> None:
    q = quote_with(mayor, "reopen the fish market")
    actor = speaker(mayor, q)
    assert actor is not None and actor.name == "Ilse Varga"
    assert q is not None and q.speaker_text == "she"
    assert any(m.text == "she" and m.label == "SPEAKER" for m in actor.mentions), "the pronoun becomes a mention"


def test_a_pronoun_of_the_other_gender_is_not_linked(mayor: Article) -> None:
    """Near miss: "he said" after quotes of Mrs Varga is someone else."""
    q = quote_with(mayor, "never seen the harbour this quiet")
    assert q is not None and q.speaker != "A1"


def test_pronoun_speaker_prefers_the_last_speaker_then_the_latest_subject() -> None:
    named = Antecedent("A1", 0, 0, "person", "f", subject=True)
    other = Antecedent("A2", 50, 1, "person", "", subject=True)
    spoke = Antecedent("A1", 80, 1, "person", "f", speaker=True)
    assert pronoun_speaker("she", 100, 2, [named, other, spoke]) == "A1"
    assert pronoun_speaker("he", 100, 2, [named, other]) == "A2"  # A1 is known to be a woman
    assert pronoun_speaker("he", 100, 5, [named, other]) is None  # too far back
    group = Antecedent("A3", 60, 1, "group", plural=True)
    assert pronoun_speaker("they", 100, 1, [named, group]) == "A3"


# --- noun cues -----------------------------------------------------------------------------------------------

NOUN_ACTORS = {"Ilse Varga": ("person", "XVL", ["Varga"])}


@pytest.fixture(scope="module")
def nouns(annotate: MakeArticle, stage: Quotes) -> Article:
    return run(annotate, stage, "noun_cues.txt", NOUN_ACTORS)


def test_the_claim_that_reports_a_clause(nouns: Article) -> None:
    q = next((q for q in nouns.quotes if q.cue == "claim"), None)
    assert q is not None and q.kind == "indirect"
    assert q.content.startswith("the harbour authority had ignored earlier warnings")
    assert not q.content.startswith("that")


def test_her_call_for_reports_its_object_with_her_as_speaker(nouns: Article) -> None:
    q = next((q for q in nouns.quotes if q.cue == "call"), None)
    assert q is not None and "an independent inquiry" in q.content
    actor = speaker(nouns, q)
    assert actor is not None and actor.name == "Ilse Varga"


def test_a_noun_cue_without_its_content_is_no_quote(nouns: Article) -> None:
    """Near miss: "The claim was repeated", "The call lasted ten minutes" report nothing."""
    assert not any(q.cue in ("claim", "call") and ("repeated" in q.content or "lasted" in q.content)
                   for q in nouns.quotes)
    assert len([q for q in nouns.quotes if q.cue in ("claim", "call")]) == 2


# --- a person named by the first word of the name ------------------------------------------------------------

SHORT_NAMES = {
    "Han Soo-bin": ("person", "KOR", ["Han Soo-bin"]),
    "Park Ji-ho": ("person", "KOR", ["Park Ji-ho"]),
    "Lee Seo-yeon": ("person", "KOR", ["Lee Seo-yeon"]),
    "Lee Min-jun": ("person", "KOR", ["Lee Min-jun"]),
}


@pytest.fixture(scope="module")
def short_names(annotate: MakeArticle, stage: Quotes) -> Article:
    return run(annotate, stage, "short_names.txt", SHORT_NAMES)


def test_a_speaker_named_by_the_first_word_of_a_name_is_that_person(short_names: Article) -> None:
    """"Han said …" after "President Han Soo-bin": Korean (and Chinese, Ethiopian) names are shortened to their
    first word, which the actors stage may leave unlinked."""
    found = speaker(short_names, quote_with(short_names, "the exercises would go ahead"))
    assert found is not None and found.name == "Han Soo-bin"


def test_a_first_word_shared_by_two_people_names_neither(short_names: Article) -> None:
    """Near miss: two people named Lee were mentioned, so "Lee said" is not linked to either of them."""
    found = speaker(short_names, quote_with(short_names, "the opposition would not take part"))
    assert found is None or found.name not in ("Lee Seo-yeon", "Lee Min-jun")
