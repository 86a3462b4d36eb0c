"""The quotes stage on directives and questions: "called on X to Y", "urged X to Y", "told X to Y", "asked X if …",
"Asked about X, …". PolNeAR annotates these as attributions whose content is the addressee with what they are to
do, or the question put; each rule has a near miss in the same story that must give no quote (or not that one).

The stage runs alone on an annotated fixture story (tests/fixtures/quotes/directives.txt) with hand-made actors.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventwire.model import Article, Quote
from eventwire.stages.quotes import Quotes

from .conftest import FIXTURES
from .test_quotes import holding, with_actors

STORY = FIXTURES / "quotes" / "directives.txt"
ACTORS = {"Elena Dobreva": ["Mayor Elena Dobreva", "Dobreva"], "Stefan Kolev": ["Union leader Stefan Kolev", "Kolev"]}

MakeArticle = Callable[..., Article]


@pytest.fixture(scope="module")
def story(annotate: MakeArticle, stage: Quotes) -> Article:
    article = with_actors(annotate(STORY.read_text(encoding="utf-8")), ACTORS)
    stage.process_article(article)
    return article


def quote(article: Article, content: str) -> Quote:
    hits = [q for q in article.quotes if q.content == content]
    assert hits, f"no quote {content!r}: {[q.content for q in article.quotes]}"
    return hits[0]


def speaker(article: Article, q: Quote) -> str | None:
    return next((a.name for a in article.actors if a.id == q.speaker), None)


def test_called_on_reports_the_addressee_with_the_infinitive(story: Article) -> None:
    q = quote(story, "the port authority to reopen talks with the dockers' union and restore the night shift")
    assert q.kind == "indirect"
    assert q.cue == "called on"
    assert speaker(story, q) == "Elena Dobreva"


def test_called_on_without_an_infinitive_is_no_quote(story: Article) -> None:
    assert not holding(story, "reporters")


def test_called_for_someone_to_act_keeps_the_infinitive(story: Article) -> None:
    # "for" parsed as the mark of an infinitive clause with its own subject
    assert quote(story, "the harbour master to step down before the season begins").cue == "called for"
    # "for" a preposition whose object the infinitive follows
    assert quote(story, "new cranes to replace the old ones").cue == "called for"


def test_called_for_keeps_a_following_phrase_but_not_the_setting(story: Article) -> None:
    assert quote(story, "restraint by both sides of the dispute").cue == "called for"
    assert quote(story, "fresh talks").cue == "called for"  # "at a meeting on Monday" is the reporter's setting


def test_urged_keeps_the_whole_list_of_infinitives(story: Article) -> None:
    q = quote(story, "the dockers to stay calm, return to their posts and wait for the vote")
    assert q.cue == "urged"
    assert speaker(story, q) == "Stefan Kolev"


def test_a_finite_verb_after_the_infinitive_is_the_speakers_next_act(story: Article) -> None:
    q = quote(story, "both sides to accept a mediator")
    assert q.cue == "encouraged"
    assert not holding(story, "flew back")


def test_ordered_reports_its_infinitive_even_parsed_under_the_object(story: Article) -> None:
    assert quote(story, "the authority to pay the withheld wages within a month").cue == "ordered"


def test_ordered_with_a_bare_object_is_no_quote(story: Article) -> None:
    assert not holding(story, "review of the port contracts")


def test_told_someone_to_act_is_a_directive(story: Article) -> None:
    assert quote(story, "Kolev to end the blockade of the container terminal").cue == "told"


def test_told_with_only_an_object_is_no_quote(story: Article) -> None:
    assert not holding(story, "stories of the old harbour")


def test_asked_if_reports_the_question(story: Article) -> None:
    q = quote(story, "if they were ready to vote")
    assert q.cue == "asked"
    assert speaker(story, q) == "Stefan Kolev"
    assert quote(story, "whether the state would cover the lost wages").cue == "asked"


def test_asked_for_something_is_no_quote(story: Article) -> None:
    assert not holding(story, "the crowd")
    assert not holding(story, "favour")


def test_asked_about_before_the_speakers_clause(story: Article) -> None:
    q = quote(story, "about the blockade")
    assert q.cue == "Asked"
    assert q.speaker is None  # the asker is not named; Kolev is the one asked
    assert speaker(story, quote(story, "the dockers would not leave the gates")) == "Stefan Kolev"


def test_a_question_inside_a_report_stays_part_of_it(story: Article) -> None:
    assert quote(story, "he had asked the minister about the wages twice").cue == "said"
    assert not any(q.content == "about the wages twice" for q in story.quotes)
