"""The quotes stage's guards against false quotations (issue 7, PolNeAR precision).

Each guard has a story in tests/fixtures/quotes/precision.txt with a near miss next to it: the title of a show or
book in quotation marks is no quotation, a short reply is; the words after an inverted "“…,” said X" are the
speaker, not a report, while "…, adding that …" is one; "continues to push" reports nothing, "“…,” Berg
continued" attributes a quote; the name of a markup tag ("<tweet …>") is no verb, "tweeted that …" is a cue;
"on condition of anonymity to discuss the sale" says why a source is unnamed, "met … to discuss" is a stance.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventwire.model import Article
from eventwire.stages.quotes import Quotes

from .test_quotes import STORIES, holding, speaker_name, with_actors

MakeArticle = Callable[..., Article]

ACTORS = {"Mara Lindqvist": ["Mara Lindqvist", "Lindqvist"], "Tomas Berg": ["Tomas Berg", "Berg"]}


@pytest.fixture(scope="module")
def story(annotate: MakeArticle, stage: Quotes) -> Article:
    article = with_actors(annotate((STORIES / "precision.txt").read_text(encoding="utf-8")), ACTORS)
    stage.process_article(article)
    return article



# --- titles of works in quotation marks -------------------------------------------------------------------


def test_show_title_after_preposition_is_not_a_quote(story: Article) -> None:
    assert not holding(story, "Harbour Talk")
    reopen = holding(story, "the north quay would reopen in May")
    assert len(reopen) == 1 and speaker_name(story, reopen[0]) == "Mara Lindqvist"


def test_book_title_in_apposition_is_not_a_quote(story: Article) -> None:
    assert not holding(story, "Cranes of the North")


def test_title_with_lower_case_preposition(story: Article) -> None:
    assert not holding(story, "Mornings with Ida Holm")


def test_short_reply_is_still_a_quote(story: Article) -> None:
    reply = holding(story, "Absolutely not")
    assert len(reply) == 1 and reply[0].kind == "direct"
    assert speaker_name(story, reply[0]) == "Mara Lindqvist"


# --- the words after an inverted cue are its speaker ------------------------------------------------------


def test_inverted_cue_reports_nothing_after_it(story: Article) -> None:
    assert not holding(story, "a member of the port board")
    stay = holding(story, "The cranes will stay")
    assert len(stay) == 1 and stay[0].kind == "direct"
    assert speaker_name(story, stay[0]) == "Tomas Berg"


def test_participle_after_a_quote_still_reports(story: Article) -> None:
    vote = holding(story, "the union would vote on Friday")
    assert len(vote) == 1 and vote[0].kind == "indirect"
    assert speaker_name(story, vote[0]) == "Tomas Berg"


# --- "continue to" is no report; "he continued" after a quote is a cue --------------------------------------


def test_continue_to_reports_nothing(story: Article) -> None:
    assert not holding(story, "push for higher wages")
    assert not holding(story, "the port is losing ships")


def test_continued_after_a_quote_attributes_it(story: Article) -> None:
    back = holding(story, "The ships will come back")
    assert len(back) == 1 and back[0].cue == "continued"
    assert speaker_name(story, back[0]) == "Tomas Berg"


# --- markup left in web copy --------------------------------------------------------------------------------


def test_markup_tag_name_is_no_cue(story: Article) -> None:
    assert not [q for q in story.quotes if q.cue and q.cue.lower() == "tweet"]
    assert not holding(story, "the quay is closed")


def test_tweeted_that_is_still_a_cue(story: Article) -> None:
    tweeted = holding(story, "the port would reopen on Monday")
    assert len(tweeted) == 1 and tweeted[0].cue == "tweeted"
    assert speaker_name(story, tweeted[0]) == "Mara Lindqvist"


# --- the purpose of an unnamed source's anonymity -------------------------------------------------------------


def test_anonymity_to_discuss_is_no_report(story: Article) -> None:
    assert not [q for q in story.quotes if q.content == "the sale"]
    sold = holding(story, "the cranes would be sold in June")
    assert len(sold) == 1 and sold[0].speaker_text == "A port official"


def test_meeting_to_discuss_is_still_a_stance(story: Article) -> None:
    future = holding(story, "the future of the night shift")
    assert len(future) == 1 and speaker_name(story, future[0]) == "Mara Lindqvist"
