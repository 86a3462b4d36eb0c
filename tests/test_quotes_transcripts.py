"""The quotes stage on transcripts printed inside one quotation that never closes, and on a reported clause the
parser runs on into a participle cue ("said X, calling Y “…”")."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventwire.model import Article
from eventwire.stages.quotes import Quotes

from .test_quotes import STORIES, find, holding, speaker_name, with_actors

MakeArticle = Callable[..., Article]

ACTORS = {"Ivo Petrov": ["Ivo Petrov", "Petrov", "PETROV"], "Luka Horvat": ["Luka Horvat", "Horvat"]}


@pytest.fixture(scope="module")
def transcript(annotate: MakeArticle, stage: Quotes) -> Article:
    article = with_actors(annotate((STORIES / "transcripts.txt").read_text(encoding="utf-8")), ACTORS)
    stage.process_article(article)
    return article



def test_each_turn_is_a_quote(transcript: Article) -> None:
    # four turns after one opening mark each, none closed: four quotes, not one run over the whole exchange
    for words in ("The fishermen say", "the money was promised twice", "if the dredger is late", "dig the channel"):
        assert len(holding(transcript, words)) == 1, words
    assert not any("money was promised" in q.content and "dredger is late" in q.content for q in transcript.quotes)


def test_turn_speaker_is_the_label(transcript: Article) -> None:
    answer = find(transcript, "Well, the money was promised twice")
    assert answer.kind == "direct"
    assert speaker_name(transcript, answer) == "Ivo Petrov"
    assert answer.speaker_text == "PETROV"
    question = find(transcript, "The fishermen say")
    assert question.speaker_text == "HOST"


def test_turn_content_starts_after_the_label(transcript: Article) -> None:
    answer = find(transcript, "Then I will dig the channel")
    assert not answer.content.startswith("PETROV")
    assert answer.span.text.startswith("Then I will dig")


def test_paragraph_without_a_label_goes_on_with_the_turn(transcript: Article) -> None:
    # near miss: a re-opened paragraph with no speaker label continues the quote before it, as in any multi-
    # paragraph quotation
    last = find(transcript, "Then I will dig the channel")
    assert "Follow the harbour" in last.content


def test_participle_cue_ends_the_reported_clause(transcript: Article) -> None:
    said = find(transcript, "the catch had fallen")
    assert said.cue == "said"
    assert "calling" not in said.content
    assert said.content.endswith("since the autumn")
    calling = [q for q in transcript.quotes if q.cue == "calling"]
    assert calling and "the delay" in calling[0].content


def test_participle_that_is_no_cue_stays(transcript: Article) -> None:
    # near miss: "bringing" reports nothing; the reporter's participle stays in the reported clause, as PolNeAR has it
    q = find(transcript, "the dredger would reach the harbour")
    assert "bringing the summer ferries back" in q.content


def test_title_line_cue_the_parser_missed(transcript: Article) -> None:
    # "Promises" in a capitalised title is read as a noun; its cue-table form "promise" splits the line
    q = find(transcript, "Dredger Before Summer Season")
    assert q.cue == "Promises"
    assert q.kind == "indirect"
    assert speaker_name(transcript, q) == "Ivo Petrov"


def test_title_line_that_opens_with_a_clause_is_no_attribution(annotate: MakeArticle, stage: Quotes) -> None:
    # near miss: "As Petrov promises …" is a setting, not a name followed by its cue
    article = with_actors(annotate("As Petrov Promises Dredger, Fishermen Wait For Spring.\n\nThe boats stayed in."),
                          ACTORS)
    stage.process_article(article)
    assert not any("Dredger" in q.content for q in article.quotes)
