"""Verbs of taking sides outside speech proper (cue-table rows flagged ``stance``): "supports the levy", "attacked
the board", "decided to delay", and the one name such a verb takes as its object ("endorsed Berg").

The stage runs alone on tests/fixtures/quotes/stances.txt with hand-made actors, so that these tests check the
stance rules, not the actors stage. Each rule has a positive and a near miss in the same story.
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
    "Ada Lind": ["Councillor Ada Lind", "Lind"],
    "Tomas Berg": ["Mayor Tomas Berg", "Berg", "him"],
    "dockers' union": ["the dockers' union"],
    "shipping lobby": ["the shipping lobby"],
    "harbour board": ["The board", "the harbour board"],
}


@pytest.fixture(scope="module")
def story(annotate: MakeArticle, stage: Quotes) -> Article:
    return run(annotate, stage, "stances.txt", ACTORS)


def one(article: Article, cue: str) -> Quote:
    hits = [q for q in article.quotes if q.cue == cue]
    assert len(hits) == 1, [(q.cue, q.content) for q in article.quotes]
    return hits[0]


def test_stance_rows_are_flagged(pipeline: Pipeline) -> None:
    single, double = load_cues(pipeline.knowledge.table(CUE_TABLE))
    assert single["support"].stance and single["support"].object_content
    assert single["decide"].stance and single["decide"].to_clause
    assert double[("vote", "for")].stance
    assert not single["say"].stance


def test_a_stated_stance_is_a_quote(story: Article) -> None:
    quote = one(story, "supports")
    assert quote.content == "the new ferry levy"
    assert speaker_name(story, quote) == "Ada Lind"
    attack = one(story, "attacked")
    assert attack.content.startswith("the harbour board")
    assert speaker_name(story, attack) == "dockers' union"


def test_a_decision_takes_its_infinitive(story: Article) -> None:
    quote = one(story, "decided")
    assert quote.content == "to delay the vote"
    assert speaker_name(story, quote) == "Tomas Berg"


def test_a_question_states_no_stance(story: Article) -> None:
    # "Do you support the ferry levy?" asks for a stance; nobody takes one
    assert not any(q.cue == "support" and q.content == "the ferry levy" for q in story.quotes)


def test_an_infinitive_under_another_verb_is_no_stance(story: Article) -> None:
    # "Voters tend to support the levy": a disposition, not a stance anyone stated
    assert not any(q.cue == "support" and q.content.startswith("the levy") for q in story.quotes)


def test_one_name_object_is_the_whole_content(story: Article) -> None:
    quote = one(story, "endorsed")
    assert quote.content == "Berg"
    assert speaker_name(story, quote) == "Ada Lind"
    backed = one(story, "backed")
    assert backed.content == "him"


def test_one_name_of_a_verb_without_object_content_is_no_quote(story: Article) -> None:
    # "The board told Lind": the addressee of a verb of saying is no content, one word or not
    assert not any(q.content == "Lind" for q in story.quotes)
    assert one(story, "said").content == "the figures were wrong"
