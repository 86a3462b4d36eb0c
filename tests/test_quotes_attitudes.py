"""Attitudes said with an adjective or a noun (cue-table rows flagged ``attitude``): "has been critical of X", "is a
staunch opponent of X", "raised questions about X", "made it clear that …", "won the endorsement of X".

The stage runs alone on tests/fixtures/quotes/attitudes.txt with hand-made actors, so that these tests check the
attitude rules, not the actors stage. Each rule has a positive and a near miss in the same story.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventwire.model import Article, Quote
from eventwire.pipeline import Pipeline
from eventwire.stages.quotes import CUE_TABLE, Quotes, load_cues

from .test_quotes import run, speaker_name

MakeArticle = Callable[..., Article]

ACTORS = {
    "Ilse Maren": ["Senator Ilse Maren", "Maren"],
    "Jonas Petrov": ["Mayor Jonas Petrov", "Petrov", "His"],
    "dockers' union": ["The dockers' union"],
    "shipping lobby": ["the shipping lobby"],
    "regional council": ["the regional council"],
}


@pytest.fixture(scope="module")
def story(annotate: MakeArticle, stage: Quotes) -> Article:
    return run(annotate, stage, "attitudes.txt", ACTORS)


def by_cue(article: Article, cue: str) -> list[Quote]:
    return [q for q in article.quotes if q.cue == cue]


def one(article: Article, cue: str) -> Quote:
    hits = by_cue(article, cue)
    assert len(hits) == 1, [(q.cue, q.content) for q in article.quotes]
    return hits[0]


def test_table_rows_are_flagged_attitudes(pipeline: Pipeline) -> None:
    single, double = load_cues(pipeline.knowledge.table(CUE_TABLE))
    assert double[("critical", "of")].attitude
    assert double[("question", "about")].attitude
    assert not double[("call", "for")].attitude
    assert "critical" not in single  # an attitude is never a one-word verb cue


def test_adjective_after_a_copula(story: Article) -> None:
    quote = one(story, "critical")
    assert quote.kind == "indirect"
    assert quote.content == "the port authority's handling of the dock strike"
    assert speaker_name(story, quote) == "Ilse Maren"


def test_adjective_as_a_modifier_is_no_attitude(story: Article) -> None:
    # "A critical review of the ferry deal": the adjective modifies a noun, nobody is critical of anything
    assert not any("ferry deal" in q.content for q in story.quotes)


def test_adjective_with_an_infinitive(story: Article) -> None:
    quote = one(story, "eager")
    assert quote.content == "to reopen the talks"
    assert speaker_name(story, quote) == "dockers' union"


def test_made_it_clear_takes_the_makers_clause(story: Article) -> None:
    quote = one(story, "clear")
    assert quote.content == "the city would not pay for them"
    assert speaker_name(story, quote) == "Jonas Petrov"


def test_it_is_clear_has_no_holder(story: Article) -> None:
    assert not any(q.content.startswith("the strike will cost") for q in story.quotes)


def test_person_noun_after_a_copula(story: Article) -> None:
    quote = one(story, "opponent")
    assert quote.content == "the new shift rules"
    assert speaker_name(story, quote) == "Jonas Petrov"


def test_person_noun_as_an_object_is_no_attitude(story: Article) -> None:
    # "needs the supporters of the rival union": people, not Petrov's stance
    assert not by_cue(story, "supporters")


def test_noun_as_the_object_of_a_light_verb(story: Article) -> None:
    quote = one(story, "questions")
    assert quote.content.startswith("the cost of the emergency ferries")
    assert speaker_name(story, quote) == "Ilse Maren"


def test_noun_with_no_holder_is_a_topic(story: Article) -> None:
    # "Questions about the ferry contract remain unanswered": nobody raises them
    assert not by_cue(story, "Questions")


def test_noun_with_a_possessor(story: Article) -> None:
    quote = one(story, "critique")
    assert quote.content == "the ferry contract"
    assert speaker_name(story, quote) == "Jonas Petrov"


def test_received_attitude_reverses_source_and_content(story: Article) -> None:
    criticism = one(story, "criticism")
    assert criticism.content == "The plan"
    assert speaker_name(story, criticism) == "shipping lobby"
    endorsement = one(story, "endorsement")
    assert endorsement.content == "Petrov"
    assert speaker_name(story, endorsement) == "regional council"


def test_received_noun_outside_the_table_is_no_attitude(story: Article) -> None:
    # "drew crowds from across the region": crowds are no attitude
    assert not by_cue(story, "crowds")
