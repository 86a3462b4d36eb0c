"""The quotes stage on cues whose content is a noun phrase or an "X as Y" predication rather than a clause: what a
poll, document or video shows or finds, and what someone notes, recalls, reminds of, lists or describes.

The story (tests/fixtures/quotes/evidence.txt) is written for these tests; each rule has a sentence it applies to
and a near miss it must leave alone. The actors are made by hand, as in test_quotes.py.
"""

from __future__ import annotations

import pytest

from eventwire.model import Article, Quote
from eventwire.stages.quotes import Quotes

from .test_quotes import MakeArticle, run

ACTORS = {"Ivo Petrov": ["Ivo Petrov", "Petrov"], "Luka Horvat": ["Luka Horvat", "Horvat"]}


@pytest.fixture(scope="module")
def evidence(annotate: MakeArticle, stage: Quotes) -> Article:
    return run(annotate, stage, "evidence.txt", ACTORS)


def quotes_in(article: Article, words: str) -> list[Quote]:
    """The quotes of the paragraph that holds ``words``."""
    text = article.analysed_text()
    start = text.index(words)
    para_start = text.rfind("\n", 0, start) + 1
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    return [q for q in article.quotes if para_start <= q.span.doc_start < end]


def only(article: Article, words: str) -> Quote:
    found = quotes_in(article, words)
    assert len(found) == 1, [q.content for q in found]
    return found[0]


def speaker_name(article: Article, quote: Quote) -> str | None:
    return next((a.name for a in article.actors if a.id == quote.speaker), None)


def test_a_poll_shows_a_noun_phrase(evidence: Article) -> None:
    """"A new survey shows X with a lead": the object and what follows it is the finding, the survey its source."""
    q = only(evidence, "harbour survey shows")
    assert (q.kind, q.cue) == ("indirect", "shows")
    assert q.content == "the ferry operator with a narrow lead over its two rivals"
    assert q.speaker_text == "A new harbour survey"


def test_a_person_showing_something_is_no_finding(evidence: Article) -> None:
    """Near miss: "the operator showed no sign of …" has a person, not a document, as its subject."""
    assert quotes_in(evidence, "showed no sign of backing down") == []


def test_a_video_showing_a_scene(evidence: Article) -> None:
    """A participle on a document noun ("a video showing …") takes the noun as the source of the finding."""
    q = only(evidence, "a video showing")
    assert (q.cue, q.content) == ("showing", "the crane driver without a safety harness")


def test_an_audit_finds_a_noun_phrase(evidence: Article) -> None:
    q = only(evidence, "The fire audit found")
    assert (q.cue, q.content) == ("found", "serious gaps in the port's evacuation plan")


def test_divers_finding_an_object_is_no_finding(evidence: Article) -> None:
    """Near miss: "found" with people as the subject is a discovery, not a finding of a study."""
    assert quotes_in(evidence, "Divers found the missing anchor") == []


def test_a_report_documents_a_noun_phrase(evidence: Article) -> None:
    q = only(evidence, "The port report documents")
    assert (q.cue, q.content) == ("documents", "repeated breaches of the mooring rules")


def test_noted_takes_its_object(evidence: Article) -> None:
    q = only(evidence, "noted the delay")
    assert (q.cue, q.content) == ("noted", "the delay in the dredging contract")
    assert speaker_name(evidence, q) == "Ivo Petrov"


def test_noted_without_an_object_still_reports_a_clause(evidence: Article) -> None:
    """Near miss: the object flag must not cost "noted" the clause the parser left unattached."""
    q = only(evidence, "noted on Monday")
    assert (q.cue, q.content) == ("noted", "the contract had been signed")


def test_recalled_takes_its_object(evidence: Article) -> None:
    q = only(evidence, "recalled the winter storm")
    assert (q.cue, q.content) == ("recalled", "the winter storm that sank three boats")
    assert speaker_name(evidence, q) == "Luka Horvat"


def test_reminded_takes_its_object_with_the_of_phrase(evidence: Article) -> None:
    """"reminded the council of its promise to …": one quote; the promise inside it is no second quote."""
    q = only(evidence, "reminded the council")
    assert (q.cue, q.content) == ("reminded", "the council of its promise to dredge the channel")


def test_listed_takes_its_object(evidence: Article) -> None:
    q = only(evidence, "listed three reasons")
    assert (q.cue, q.content) == ("listed", "three reasons for the delay")


def test_described_takes_its_object_without_an_as_phrase(evidence: Article) -> None:
    q = only(evidence, "described the crowd")
    assert (q.cue, q.content) == ("described", "the crowd outside the harbour office")


def test_see_x_as_y_with_as_on_the_object(evidence: Article) -> None:
    """The parser hangs "as a betrayal" on "closure" here: the object with its "as" phrase is the view."""
    q = only(evidence, "see the closure")
    assert (q.cue, q.content) == ("see", "the closure of the ferry line as a betrayal by the company")


def test_seeing_a_thing_is_no_view(evidence: Article) -> None:
    """Near miss: "saw the fee notice" has no "as" predication: nothing is reported."""
    assert quotes_in(evidence, "saw the fee notice") == []


def test_a_statement_confirms_a_noun_phrase(evidence: Article) -> None:
    """A cue with no object form of its own takes its object when a document is its subject."""
    q = only(evidence, "statement confirmed")
    assert (q.cue, q.content) == ("confirmed", "the closure of the north pier")


def test_a_person_confirming_a_noun_phrase_is_no_quote(evidence: Article) -> None:
    """Near miss: the same verb and object with a person as subject stays without content."""
    assert quotes_in(evidence, "confirmed the closure of the south pier") == []
