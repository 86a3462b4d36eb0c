"""The quotes stage: attributions whose cue the parse leaves without a reported clause.

A verb of posting or explaining whose only complement is its object ("tweeted a photo of …", "explained her vote")
reports that object; a cue in a relative clause ("which Lindqvist said had driven …") reports the clause after it;
a passive cue with its source in a "by" phrase ("was first reported by the Harbour Gazette") reports its subject.
Each rule has a near miss on the same story.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventwire.model import Article, Quote
from eventwire.stages.quotes import Quotes

from .test_quotes import holding, run, speaker_name

MakeArticle = Callable[..., Article]

ACTORS = {
    "Tomas Berg": ["Tomas Berg", "Berg"],
    "Mara Lindqvist": ["Mara Lindqvist"],
    "Harbour Gazette": ["Harbour Gazette"],
}


@pytest.fixture(scope="module")
def recall(annotate: MakeArticle, stage: Quotes) -> Article:
    return run(annotate, stage, "recall.txt", ACTORS)


def only(article: Article, words: str) -> Quote:
    hits = holding(article, words)
    assert len(hits) == 1, [q.content for q in article.quotes]
    return hits[0]


def test_tweeted_object(recall: Article) -> None:
    q = only(recall, "a photo of the empty quay")
    assert q.content == "a photo of the empty quay"
    assert q.cue == "tweeted"
    assert speaker_name(recall, q) == "Tomas Berg"


def test_tweeted_without_object_is_no_quote(recall: Article) -> None:
    # near miss: "tweeted again on Monday morning" has no object, so nothing is reported
    assert not holding(recall, "Monday morning")
    assert [q.cue for q in recall.quotes].count("tweeted") == 1


def test_explained_and_posted_objects(recall: Article) -> None:
    vote = only(recall, "her vote")
    assert vote.content == "her vote against the dredging contract"
    assert speaker_name(recall, vote) == "Mara Lindqvist"
    video = only(recall, "a video of the march")
    assert video.cue == "posted"
    assert video.speaker_text is not None and "union" in video.speaker_text


def test_passive_with_agent_reports_subject(recall: Article) -> None:
    q = only(recall, "The closure of the north pier")
    assert q.content == "The closure of the north pier"
    assert q.cue == "reported"
    assert speaker_name(recall, q) == "Harbour Gazette"


def test_passive_without_agent_is_no_quote(recall: Article) -> None:
    # near miss: "was reported on Friday" names nobody who reported it
    assert not holding(recall, "south pier")


def test_passive_agent_of_non_cue_is_no_quote(recall: Article) -> None:
    # near miss: "closed by the port authority" is an event, and "closed" is no cue
    assert not holding(recall, "The north pier")


def test_relative_clause_cue_reports_what_follows(recall: Article) -> None:
    # "which Lindqvist said had driven …": the parse hangs "which" on the reported clause, over the cue
    q = only(recall, "had driven two shipping lines away")
    assert q.content.startswith("had driven two shipping lines away")
    assert "Lindqvist said" not in q.content
    assert speaker_name(recall, q) == "Mara Lindqvist"


def test_relative_pronoun_as_subject_keeps_its_clause(recall: Article) -> None:
    # near miss: "an audit which said the rails were worn": "which" is the speaker, the clause already follows
    q = only(recall, "the crane rails were badly worn")
    assert q.content == "the crane rails were badly worn"
