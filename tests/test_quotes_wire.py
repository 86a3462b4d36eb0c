"""Quotes in wire leads of conflict and politics: the time of the saying next to the cue ("said on Friday she
had …", "said on Tuesday, hours before …"), background clauses dated against the news ("…, a day after …"), a
cue after its clause parsed as a conjunct, and speakers the parser hid in a fronted phrase or a relative clause.

The fixture is a short story written for these tests; the actors are made by hand, as in tests/test_quotes.py.
The fronted-clause rule is tested on a parse given by hand, since the model's parse of such sentences varies.
"""

from __future__ import annotations

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from eventwire.model import Article
from eventwire.stages.quotes import Quotes, _fronted_conj_content

from .test_quotes import MakeArticle, find, holding, run, speaker_name

WIRE_ACTORS = {"defence ministry": ["defence ministry"], "Lena Roth": ["Lena Roth"], "Rune Alt": ["Rune Alt"],
               "Ilse Marten": ["Ilse Marten", "Marten"], "Union of Northern States": ["Union of Northern States"],
               "governor": ["governor"]}


@pytest.fixture(scope="module")
def wire(annotate: MakeArticle, stage: Quotes) -> Article:
    return run(annotate, stage, "wire.txt", WIRE_ACTORS)


def test_a_time_measure_after_the_cue_is_no_report(wire: Article) -> None:
    """"the ministry said on Tuesday, hours before the truce began": when it spoke, not what it said."""
    assert not holding(wire, "truce")


def test_the_time_of_saying_is_not_part_of_the_content(wire: Article) -> None:
    """"said on Friday she had ordered …": "on Friday" dates the saying."""
    q = find(wire, "she had ordered")
    assert q.content == "she had ordered the army to leave the border villages"
    assert speaker_name(wire, q) == "Lena Roth"
    assert not holding(wire, "on Friday")


def test_a_time_phrase_after_a_verb_that_reports_nothing_stays_unreported(wire: Article) -> None:
    """Near miss: "spoke on Monday afternoon to the border guards" is no report at all."""
    assert not holding(wire, "border guards")


def test_a_background_clause_after_a_comma_is_cut(wire: Article) -> None:
    """"said the shelters would open at once, a day after the river burst its banks": the reporter's setting."""
    q = find(wire, "the shelters would open")
    assert q.content == "the shelters would open at once"
    assert speaker_name(wire, q) == "Rune Alt"


def test_a_time_measure_without_a_comma_stays_in_the_content(wire: Article) -> None:
    """Near miss: "said the cabinet would meet a day after the talks ended" is when the cabinet meets."""
    q = find(wire, "the cabinet would meet")
    assert q.content == "the cabinet would meet a day after the talks ended"
    assert speaker_name(wire, q) == "Ilse Marten"


def test_a_speaker_parsed_into_the_fronted_phrase(wire: Article) -> None:
    """"At a summit in the Kenyan capital Nairobi, the Union … said": the parser makes the Union an apposition to
    the city; it is the speaker."""
    q = find(wire, "it would take all measures")
    assert speaker_name(wire, q) == "Union of Northern States"


def test_a_speaker_parsed_as_a_second_subject_of_a_relative_clause(wire: Article) -> None:
    """"Senator X, a critic of the cabinet whose term ends next year, said …": X speaks."""
    assert speaker_name(wire, find(wire, "she would not resign")) == "Ilse Marten"


def test_a_plain_subject_stays(wire: Article) -> None:
    """Near miss: "In the evening the governor said …" has its subject; the fronted phrase names no one."""
    assert speaker_name(wire, find(wire, "the shelters were full")) == "governor"


def _parsed(words: list[str], heads: list[int], deps: list[str], tags: list[str]) -> Doc:
    pos = ["VERB" if t.startswith("VB") else "PUNCT" if t in (",", ".") else "NOUN" for t in tags]
    return Doc(Vocab(), words=words, heads=heads, deps=deps, tags=tags, pos=pos,
               sent_starts=[True] + [False] * (len(words) - 1))


def test_a_cue_parsed_as_a_conjunct_reports_the_clause_before_it() -> None:
    """"Brask will lead the cabinet, the office said on Tuesday": the cue parsed as a conjunct of the clause it
    reports (as the model does in some wire leads) still reports it."""
    words = ["Brask", "will", "lead", "the", "cabinet", ",", "the", "office", "said", "on", "Tuesday", "."]
    heads = [2, 2, 2, 4, 2, 8, 7, 8, 2, 8, 9, 2]
    deps = ["nsubj", "aux", "ROOT", "det", "dobj", "punct", "det", "nsubj", "conj", "prep", "pobj", "punct"]
    tags = ["NNP", "MD", "VB", "DT", "NN", ",", "DT", "NN", "VBD", "IN", "NNP", "."]
    doc = _parsed(words, heads, deps, tags)
    assert _fronted_conj_content(doc[8]) == (0, 5)


def test_a_clause_joined_by_and_is_the_reporters_own() -> None:
    """Near miss: "Brask will lead the cabinet, and the office said on Tuesday …": the "and" joins two of the
    reporter's clauses; nothing before the cue is reported."""
    words = ["Brask", "will", "lead", "the", "cabinet", ",", "and", "the", "office", "said", "on", "Tuesday", "."]
    heads = [2, 2, 2, 4, 2, 2, 2, 8, 9, 2, 9, 10, 2]
    deps = ["nsubj", "aux", "ROOT", "det", "dobj", "punct", "cc", "det", "nsubj", "conj", "prep", "pobj", "punct"]
    tags = ["NNP", "MD", "VB", "DT", "NN", ",", "CC", "DT", "NN", "VBD", "IN", "NNP", "."]
    doc = _parsed(words, heads, deps, tags)
    assert _fronted_conj_content(doc[9]) is None
