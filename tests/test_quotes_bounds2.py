"""The quotes stage on the boundaries of "according to" contents: a phrase that ends coordinated clauses sources
them all, and what follows a phrase set off after the clause's verb is the reporter's gloss.

The story (tests/fixtures/quotes/bounds2.txt) is written for these tests; each rule has a sentence it applies to
and a near miss it must leave alone.
"""

from __future__ import annotations

import pytest

from eventwire.model import Article, Quote
from eventwire.stages.quotes import Quotes

from .test_quotes import MakeArticle, run


@pytest.fixture(scope="module")
def bounds(annotate: MakeArticle, stage: Quotes) -> Article:
    return run(annotate, stage, "bounds2.txt", {})


def only(article: Article, words: str) -> Quote:
    """The one quote of the paragraph that holds ``words``."""
    text = article.analysed_text()
    start = text.index(words)
    para_start = text.rfind("\n", 0, start) + 1
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    found = [q for q in article.quotes if para_start <= q.span.doc_start < end]
    assert len(found) == 1, [q.content for q in found]
    return found[0]


def test_according_to_after_coordinated_clauses_sources_them_all(bounds: Article) -> None:
    """"X carried …, and Y lost …, according to figures": both clauses are the content, not only the last."""
    q = only(bounds, "harbour bus lost")
    assert q.cue == "according to"
    assert q.content == ("The ferry line carried 40,000 passengers in March, and the harbour bus lost a fifth of "
                         "its riders")


def test_according_to_after_a_single_clause(bounds: Article) -> None:
    """Near miss: with one clause there is nothing to climb to; the clause alone is the content."""
    q = only(bounds, "passengers in March, according")
    assert q.content == "The ferry line carried 40,000 passengers in March"


def test_words_after_a_trailing_according_to_are_the_reporters(bounds: Article) -> None:
    """"… would cost 12 million euros, according to the harbour office, even as the council …": the clause after the
    phrase is not the source's claim."""
    q = only(bounds, "dredging contract")
    assert q.content == "The dredging contract would cost the city 12 million euros"


def test_according_to_before_the_verb_keeps_the_whole_clause(bounds: Article) -> None:
    """Near miss: a phrase set off before the clause's verb ("Traffic, according to X, fell") leaves the words
    after it in the content."""
    q = only(bounds, "Harbour traffic")
    assert "fell sharply in April" in q.content
    assert q.content.startswith("Harbour traffic")


def test_a_quoted_name_hung_on_the_object_is_part_of_the_content(bounds: Article) -> None:
    """"called the use of emergency tenders "quite reckless."": the parser hangs the quoted words on the object;
    the object and its quoted name are one predication, not a short direct quote of the name alone."""
    q = only(bounds, "emergency tenders")
    assert q.cue == "called"
    assert q.kind == "mixed"
    assert q.content.startswith("the use of emergency tenders")
    assert "quite reckless" in q.content


def test_an_apposition_set_off_by_commas_is_no_name(bounds: Article) -> None:
    """Near miss: "called Luka Horvat, the harbour master, on Tuesday" (a phone call): the apposition after a comma
    describes the object, it is not what the object is called, so there is no quote."""
    text = bounds.analysed_text()
    start = text.index("the harbour master, on Tuesday")
    assert not [q for q in bounds.quotes if q.span.doc_start <= start < q.span.doc_end]
