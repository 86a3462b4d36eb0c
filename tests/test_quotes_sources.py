"""Sources given by a preposition or an adverb rather than a verb: "in a new poll" in mid-sentence, "reportedly",
a sentence-opening "To many workers,", and a noun cue owned by the subject of "made" ("made a call for …").

The stage runs alone on tests/fixtures/quotes/sources.txt, with hand-made actors, so that the tests check the quote
rules; each rule has a near miss in the same story that must stay no quote.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventwire.model import Article, Quote
from eventwire.stages.quotes import Quotes

from .conftest import FIXTURES
from .test_quotes import with_actors

MakeArticle = Callable[..., Article]
ACTORS = {"Elena Vidal": ["Mayor Elena Vidal", "Vidal"], "Harbour Gazette": ["Harbour Gazette"]}


@pytest.fixture(scope="module")
def article(annotate: MakeArticle, stage: Quotes) -> Article:
    art = with_actors(annotate((FIXTURES / "quotes" / "sources.txt").read_text(encoding="utf-8")), ACTORS)
    stage.process_article(art)
    return art


def quote_with(article: Article, words: str) -> Quote | None:
    return next((q for q in article.quotes if words in q.content), None)


def test_mid_sentence_poll_sources_the_clause(article: Article) -> None:
    q = quote_with(article, "led her challenger")
    assert q is not None
    assert q.cue == "in"
    assert q.content == "Mayor Elena Vidal led her challenger by nine points"  # up to the phrase, without it
    assert q.speaker_text is not None and "poll" in q.speaker_text


def test_standing_in_the_polls_is_no_source(article: Article) -> None:
    assert quote_with(article, "slipped") is None


def test_reportedly_reports_its_clause_without_a_speaker(article: Article) -> None:
    q = quote_with(article, "preparing a bid")
    assert q is not None
    assert q.cue == "reportedly"
    assert q.kind == "indirect"
    assert q.content.startswith("The harbour authority")
    assert q.speaker is None


def test_reportedly_said_stays_the_verbs_quote(article: Article) -> None:
    q = quote_with(article, "the crane had been sabotaged")
    assert q is not None
    assert q.cue == "said"
    assert not any(x.cue == "reportedly" for x in article.quotes if "sabotaged" in x.content)


def test_to_someone_gives_their_view(article: Article) -> None:
    q = quote_with(article, "the new contract is a betrayal")
    assert q is not None
    assert q.cue == "To"
    assert q.content.startswith("the new contract")
    assert q.speaker_text == "many dock workers"


def test_to_date_is_no_view(article: Article) -> None:
    assert quote_with(article, "filed three complaints") is None


def test_made_a_call_for_takes_the_subject_as_owner(article: Article) -> None:
    q = quote_with(article, "a new ferry terminal")
    assert q is not None
    assert q.cue == "call"
    assert next(a.name for a in article.actors if a.id == q.speaker) == "Elena Vidal"


def test_made_a_call_to_someone_is_no_quote(article: Article) -> None:
    assert quote_with(article, "the shipyard on Tuesday") is None
