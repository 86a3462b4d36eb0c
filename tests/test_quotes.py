"""The quotes stage: direct, indirect and mixed quotations with their cue words and speakers.

Most tests run the stage alone on annotated fixture stories (tests/fixtures/quotes/) whose actors are made by
hand, so that they test the quote rules and not the actors stage; the seed test runs the whole pipeline.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import pytest

from eventwire.knowledge import Knowledge
from eventwire.model import CUE_KINDS, Actor, Article, Quote
from eventwire.stages.base import StageContext
from eventwire.stages.quotes import (
    CONF_CONTINUITY,
    CONF_DIRECT_ADJACENT,
    CONF_DIRECT_NEXT,
    CUE_TABLE,
    Quotes,
    load_cues,
    quote_at,
    scan_marks,
)
from eventwire.stages.spans import mention

from .conftest import FIXTURES, needs_shared

STORIES = FIXTURES / "quotes"

MakeArticle = Callable[..., Article]


def with_actors(article: Article, actors: dict[str, list[str]]) -> Article:
    """Hand-made actors: every whole-word occurrence of each surface form is a mention of the actor."""
    text = article.analysed_text()
    made = []
    for n, (name, forms) in enumerate(actors.items(), start=1):
        actor = Actor(id=f"A{n}", name=name)
        for form in forms:
            for m in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text):
                actor.mentions.append(mention(article, m.start(), m.end()))
        made.append(actor)
    article.actors = made
    return article


def run(annotate: MakeArticle, stage: Quotes, story: str, actors: dict[str, list[str]]) -> Article:
    article = with_actors(annotate((STORIES / story).read_text(encoding="utf-8")), actors)
    stage.process_article(article)
    return article


def find(article: Article, starts_with: str) -> Quote:
    hits = [q for q in article.quotes if q.content.startswith(starts_with)]
    assert hits, f"no quote starts with {starts_with!r}: {[q.content[:40] for q in article.quotes]}"
    return hits[0]


def speaker_name(article: Article, quote: Quote) -> str | None:
    return next((a.name for a in article.actors if a.id == quote.speaker), None)


def holding(article: Article, words: str) -> list[Quote]:
    """The quotes whose content holds ``words``."""
    return [q for q in article.quotes if words in q.content]


# --- direct quotations ---------------------------------------------------------------------------------------

DIRECT_ACTORS = {"Mara Lindqvist": ["Mara Lindqvist", "Lindqvist"], "Tomas Berg": ["Tomas Berg", "Berg"]}


@pytest.fixture(scope="module")
def direct(annotate: MakeArticle, stage: Quotes) -> Article:
    return run(annotate, stage, "direct_forms.txt", DIRECT_ACTORS)


def test_quote_then_said_name(direct: Article) -> None:
    q = find(direct, "The cranes are back")
    assert q.kind == "direct"
    assert q.cue == "said"
    assert speaker_name(direct, q) == "Mara Lindqvist"
    # the words without the marks, and without the comma that hands over to the cue
    assert q.content == "The cranes are back in working order and the crews are ready to return"
    assert q.cue_span is not None and q.cue_span.text == "said"


def test_name_said_colon_then_quote(direct: Article) -> None:
    q = find(direct, "We will not sign anything")
    assert q.kind == "direct"
    assert q.cue == "told"
    assert speaker_name(direct, q) == "Tomas Berg"
    assert q.confidence >= CONF_DIRECT_ADJACENT


def test_said_adding_second_quote(direct: Article) -> None:
    first = find(direct, "Nobody is going back to work")
    second = find(direct, "the workers deserve")
    assert (first.cue, second.cue) == ("said", "adding")
    assert speaker_name(direct, first) == speaker_name(direct, second) == "Tomas Berg"
    assert int(first.id[1:]) < int(second.id[1:])


def test_straight_marks(direct: Article) -> None:
    q = find(direct, "Straight quotation marks are still common")
    assert q.kind == "direct"
    assert speaker_name(direct, q) == "Mara Lindqvist"
    assert '"' not in q.content


def test_nested_quote_stays_inside(direct: Article) -> None:
    q = find(direct, "My father used to tell me")
    assert "‘a harbour is only as safe as its weakest crane’" in q.content
    assert q.content.endswith("he was right")
    assert not any(x.content.startswith("a harbour is only") for x in direct.quotes)


def test_scare_quotes_are_not_quotations(direct: Article) -> None:
    assert not any("safety audit" in q.content for q in direct.quotes)


def test_ids_in_text_order(direct: Article) -> None:
    assert [q.id for q in direct.quotes] == [f"Q{n}" for n in range(1, len(direct.quotes) + 1)]
    starts = [q.span.doc_start for q in direct.quotes]
    assert starts == sorted(starts)


# --- quotes over several paragraphs, continuity, speaker named after --------------------------------------------


@pytest.fixture(scope="module")
def multi(annotate: MakeArticle, stage: Quotes) -> Article:
    return run(annotate, stage, "multi_paragraph.txt", {"Anna Koval": ["Anna Koval", "Koval"]})


def test_multi_paragraph_quote_is_one_quote(multi: Article) -> None:
    q = find(multi, "The quotas we set last year")
    assert q.kind == "direct"
    assert speaker_name(multi, q) == "Anna Koval"
    assert "This year every fleet will take less" in q.content
    assert "“" not in q.content and "”" not in q.content
    assert q.span.paragraph == 1
    # a span in the second paragraph of the quote is inside it
    text = multi.analysed_text()
    inside = text.index("largest trawlers")
    assert quote_at(multi, inside, inside + len("largest trawlers")) is q


def test_quote_without_cue_takes_previous_speaker(multi: Article) -> None:
    q = find(multi, "We will look at the numbers again")
    assert q.cue is None
    assert speaker_name(multi, q) == "Anna Koval"
    assert q.confidence == CONF_CONTINUITY
    assert q.confidence < find(multi, "The quotas we set").confidence


@pytest.fixture(scope="module")
def named_after(annotate: MakeArticle, stage: Quotes) -> Article:
    return run(annotate, stage, "named_after.txt", {"Daniel Okoro": ["Daniel Okoro", "Okoro", "the police chief"]})


def test_speaker_named_in_next_paragraph(named_after: Article) -> None:
    q = find(named_after, "We have made four arrests")
    assert q.cue == "said"
    assert speaker_name(named_after, q) == "Daniel Okoro"
    assert q.confidence == CONF_DIRECT_NEXT


def test_inverted_said_with_title(named_after: Article) -> None:
    q = find(named_after, "The investigation is far from over")
    assert q.speaker_text == "the police chief"
    assert speaker_name(named_after, q) == "Daniel Okoro"


# --- indirect and mixed quotations ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def indirect(annotate: MakeArticle, stage: Quotes) -> Article:
    actors = {"Elena Marsh": ["Prime Minister Elena Marsh", "Marsh"], "defence ministry": ["defence ministry"],
              "opposition": ["opposition"]}
    return run(annotate, stage, "indirect_forms.txt", actors)


def test_indirect_said(indirect: Article) -> None:
    q = find(indirect, "the talks with the rebels had failed")
    assert (q.kind, q.cue) == ("indirect", "said")
    assert speaker_name(indirect, q) == "Elena Marsh"


def test_mixed_quotation(indirect: Article) -> None:
    q = find(indirect, "the government “will not negotiate")
    assert q.kind == "mixed"
    assert speaker_name(indirect, q) == "Elena Marsh"
    # the fragment is not a quotation of its own
    assert sum("will not negotiate" in x.content for x in indirect.quotes) == 1


def test_according_to(indirect: Article) -> None:
    q = find(indirect, "Five soldiers were killed in the attack")
    assert q.cue == "according to"
    assert speaker_name(indirect, q) == "defence ministry"
    assert "according" not in q.content


def test_non_person_source(indirect: Article) -> None:
    q = find(indirect, "A military transport plane landed")
    assert q.cue == "showed"
    assert q.speaker_text == "flight tracking data"
    # anyone quoted is an actor: the data becomes a document actor of the quotes stage
    source = next(a for a in indirect.actors if a.id == q.speaker)
    assert source.kind == "document" and source.name == "flight tracking data"


def test_object_content_and_cognition(indirect: Article) -> None:
    alleged = find(indirect, "vote-rigging")
    assert alleged.cue == "alleges"
    assert speaker_name(indirect, alleged) == "opposition"
    believed = find(indirect, "the economy will shrink")
    assert believed.cue == "believe"
    assert believed.speaker_text == "Analysts"


def test_parenthetical_cue(indirect: Article) -> None:
    q = next(q for q in indirect.quotes if "curfew" in q.content)
    assert q.cue == "said"
    assert speaker_name(indirect, q) == "Elena Marsh"


def test_reported_speech_inside_a_quote_is_not_extracted_again(indirect: Article) -> None:
    q = find(indirect, "I think we can still reach a deal")
    assert q.kind == "direct"
    assert not any(x.cue == "think" for x in indirect.quotes)


def test_quote_at(indirect: Article) -> None:
    text = indirect.analysed_text()
    start = text.index("rebels")
    q = quote_at(indirect, start, start + len("rebels"))
    assert q is not None and q.content.startswith("the talks")
    outside = text.index("Prime Minister")
    assert quote_at(indirect, outside, outside + 5) is None


# --- colons, dashes, interrupted quotes, characterisations --------------------------------------------------------


@pytest.fixture(scope="module")
def other(annotate: MakeArticle, stage: Quotes) -> Article:
    actors = {"Ivo Petrov": ["Harbour master Ivo Petrov", "Ivo Petrov", "Petrov", "he"],
              "Luka Horvat": ["fisherman Luka Horvat"]}
    return run(annotate, stage, "other_forms.txt", actors)


def test_name_colon_quote(other: Article) -> None:
    q = find(other, "The channel will be dredged")
    assert (q.kind, q.cue) == ("direct", ":")
    assert speaker_name(other, q) == "Ivo Petrov"


def test_interrupted_quote_is_one_quote(other: Article) -> None:
    q = find(other, "We lost three boats")
    assert q.content.endswith("because the ferry cannot dock.")
    assert speaker_name(other, q) == "Luka Horvat"
    assert not any(x.content.startswith("Now they notice") for x in other.quotes)
    text = other.analysed_text()
    second = text.index("ferry cannot dock")
    assert quote_at(other, second, second + 5) is q


def test_characterisation_is_reported_speech(other: Article) -> None:
    q = find(other, "the dredging plan a lifeline")
    assert (q.kind, q.cue) == ("indirect", "called")
    assert speaker_name(other, q) == "Ivo Petrov"


def test_name_after_dash(other: Article) -> None:
    q = find(other, "A harbour without boats")
    assert speaker_name(other, q) == "Ivo Petrov"


def test_short_answer_with_cue_is_a_quote(other: Article) -> None:
    q = next(x for x in other.quotes if x.content == "No")
    assert (q.kind, q.cue, q.speaker_text) == ("direct", "said", "he")


def test_subjectless_cue_has_no_speaker(other: Article) -> None:
    q = find(other, "whether the work would be delayed")
    assert q.speaker is None and q.speaker_text is None


# --- speakers the parse hides --------------------------------------------------------------------------------------

# Written for these tests: each paragraph hides its speaker in a way wire and web copy often do.
HIDDEN_SPEAKERS = "\n\n".join([
    "PORTVALE -- Harbour master Ivo Petrov, speaking at the quay on Monday, said the channel would reopen within "
    "a week.",
    "“My view, that was reckless,” the chief engineer of the ferry line said in an interview.",
    "A survey released by the Fishers Union shows that most crews want the dredging to go ahead.",
    "“We cannot wait another winter,” Petrov told the council, after he admitted that the budget was short.",
    "Petrov stopped short of calling the delay deliberate.",
    "“Boats need water, not promises, and they need it now.”\u00a0― Luka Horvat",
])


@pytest.fixture(scope="module")
def hidden(annotate: MakeArticle, stage: Quotes) -> Article:
    actors = {"Ivo Petrov": ["Harbour master Ivo Petrov", "Petrov"], "Fishers Union": ["Fishers Union"],
              "Luka Horvat": ["Luka Horvat"]}
    article = with_actors(annotate(HIDDEN_SPEAKERS), actors)
    stage.process_article(article)
    return article


def test_dateline_is_not_the_speaker(hidden: Article) -> None:
    q = find(hidden, "the channel would reopen")
    assert speaker_name(hidden, q) == "Ivo Petrov"
    assert q.speaker_text == "Harbour master Ivo Petrov"


def test_speaker_is_not_a_subject_inside_the_quote(hidden: Article) -> None:
    q = find(hidden, "My view, that was reckless")
    assert q.speaker_text == "the chief engineer of the ferry line"


def test_document_speaks_for_its_author(hidden: Article) -> None:
    q = find(hidden, "most crews want the dredging")
    assert (q.cue, q.speaker_text) == ("shows", "A survey")
    assert speaker_name(hidden, q) == "Fishers Union"


def test_comma_closed_quote_goes_to_the_cue_after_it(hidden: Article) -> None:
    q = find(hidden, "We cannot wait another winter")
    assert (q.kind, q.cue) == ("direct", "told")
    assert speaker_name(hidden, q) == "Ivo Petrov"


def test_subject_of_the_verb_above_a_participle(hidden: Article) -> None:
    q = find(hidden, "the delay deliberate")
    assert q.cue == "calling"
    assert speaker_name(hidden, q) == "Ivo Petrov"


def test_cited_remarks_are_reported_speech(annotate: MakeArticle, stage: Quotes) -> None:
    article = with_actors(annotate("Petrov cited the union's leaflets as proof of a smear campaign."),
                          {"Ivo Petrov": ["Petrov"]})
    stage.process_article(article)
    q = find(article, "the union's leaflets")
    assert (q.kind, q.cue) == ("indirect", "cited")
    assert speaker_name(article, q) == "Ivo Petrov"


def test_name_after_dash_and_no_break_space(hidden: Article) -> None:
    q = find(hidden, "Boats need water")
    assert q.cue == "―"
    assert speaker_name(hidden, q) == "Luka Horvat"


# --- pieces that need no model ----------------------------------------------------------------------------------


def test_scan_marks_multi_paragraph_and_nested() -> None:
    article = Article(id="t", paragraphs=["He said: “One two three.", "“Four five six,” he added.",
                                          "A ‘nested’ “quote with ‘inner’ words here.”"])
    marks = scan_marks(article)
    text = article.analysed_text()
    assert [[text[a:b] for a, b in m.pieces] for m in marks] == [
        ["One two three.", "Four five six"], ["quote with ‘inner’ words here."]]


def test_scan_marks_straight_and_double_apostrophes() -> None:
    article = Article(id="t", paragraphs=['"It is over," she said.', "''We are done here,'' he said."])
    text = article.analysed_text()
    assert [text[m.start:m.end] for m in scan_marks(article)] == ["It is over", "We are done here"]


def test_cue_table_is_valid() -> None:
    rows = Knowledge().table(CUE_TABLE)
    assert rows, "knowledge/speech_verbs.tsv is missing"
    assert {r["kind"] for r in rows} <= set(CUE_KINDS)
    lemmas = [r["lemma"] for r in rows]
    assert len(lemmas) == len(set(lemmas)), "duplicate lemmas in speech_verbs.tsv"
    single, double = load_cues(rows)
    assert {"say", "tell", "add", "allege", "deny", "show"} <= set(single)
    assert ("according", "to") in double
    assert single["allege"].object_content and single["vow"].to_clause and not single["say"].object_content


def test_stage_contract() -> None:
    stage = Quotes(StageContext(model_name="unused", knowledge=Knowledge()))
    assert stage.requires == ("doc", "actors") and stage.assigns == ("quotes", "actors")


# --- the seed story, through the whole pipeline --------------------------------------------------------------------


def test_seed_quotes(run_text: MakeArticle) -> None:
    seed = needs_shared("data", "seed", "000_2ae2ecffd867f02a.txt")
    expected = json.loads(needs_shared("data", "seed", "expected.json").read_text(encoding="utf-8"))["quotes"]
    article = run_text(seed.read_text(encoding="utf-8"), stages=["annotate", "actors", "quotes"])
    actors = {a.id: a for a in article.actors}
    for item in expected["must"] + expected["should"]:
        if "starts_with" in item:
            hits = [q for q in article.quotes if q.content.lower().startswith(item["starts_with"].lower())]
        else:
            hits = [q for q in article.quotes if item["contains"].lower() in q.content.lower()]
        assert hits, f"no quote for {item}"
        q = hits[0]
        assert q.kind == item["kind"]
        assert q.cue == item["cue"]
        speaker = actors.get(q.speaker or "")
        assert speaker is not None, f"no speaker actor for {item}"
        names = {speaker.name.lower()} | {m.text.lower() for m in speaker.mentions}
        assert item["speaker"].lower() in names


# --- content boundaries and nested cues (tests/fixtures/quotes/boundaries.txt) -------------------------------------

BOUNDARY_ACTORS = {
    "Ivo Petrov": ["Ivo Petrov", "Petrov"], "Lena Hart": ["Lena Hart", "Hart"], "Tomas Berg": ["Tomas Berg", "Berg"],
    "Rita Soto": ["Rita Soto", "Soto"], "Omar Said": ["Omar Said"]}


@pytest.fixture(scope="module")
def bounds(annotate: MakeArticle, stage: Quotes) -> Article:
    return run(annotate, stage, "boundaries.txt", BOUNDARY_ACTORS)


def cues_in(article: Article, words: str) -> list[str | None]:
    """The cues of the quotes whose content lies in the sentence that holds ``words``."""
    text = article.analysed_text()
    start = text.index(words)
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    para_start = text.rfind("\n", 0, start) + 1
    return [q.cue for q in article.quotes if para_start <= q.span.doc_start < end]


def test_a_wish_inside_a_reported_clause_is_no_quote_of_its_own(bounds: Article) -> None:
    """"Petrov said the authority wants to sell …": the wish is part of what Petrov said, one quote."""
    assert cues_in(bounds, "wants to sell the old cranes") == ["said"]
    assert find(bounds, "the port authority wants").content.endswith("sell the old cranes")


def test_a_claim_inside_a_reported_clause_stays_a_quote(bounds: Article) -> None:
    """Near miss: cues flagged ``nested`` in the table (saying proper) still count inside another clause."""
    assert cues_in(bounds, "the union claims") == ["said", "claims"]
    assert find(bounds, "the cranes are unsafe").kind == "indirect"


def test_the_setting_of_a_stance_is_not_its_content(bounds: Article) -> None:
    """"praised the night crews at a press conference": the place of the act is the reporter's."""
    q = find(bounds, "the night crews")
    assert q.cue == "praised" and q.content == "the night crews"


def test_accused_of_keeps_the_charge(bounds: Article) -> None:
    """Near miss: the "of" phrase after the object is what the accusation says."""
    q = find(bounds, "Hart of ignoring")
    assert q.cue == "accused" and q.content == "Hart of ignoring the warnings"


def test_a_trailing_relative_clause_after_a_comma_is_cut(bounds: Article) -> None:
    q = find(bounds, "the strike would end")
    assert q.content == "the strike would end on Friday"


def test_a_restrictive_relative_clause_is_kept(bounds: Article) -> None:
    """Near miss: no comma, so "who lost their jobs" says which workers."""
    assert find(bounds, "the workers who").content == "the workers who lost their jobs would be rehired"


def test_but_that_continues_the_reported_clause(bounds: Article) -> None:
    """"said X, but that Y", whether the parser hangs Y on the clause or on the cue: both are reported."""
    assert find(bounds, "the budget would").content.endswith("but that the city could not pay for new cranes")
    assert find(bounds, "the export ban").content.endswith("but that exporters could apply for licences")


def test_a_second_speaker_clause_is_not_part_of_the_first(bounds: Article) -> None:
    """Near miss: ", and Hart said …" is a report of its own, not the rest of Berg's."""
    assert find(bounds, "the talks had failed").content == "the talks had failed"
    assert speaker_name(bounds, find(bounds, "the mediators would return")) == "Lena Hart"


def test_a_stance_verb_coordinated_in_the_clause_is_kept(bounds: Article) -> None:
    """"said she was a loyal member … and would back the new leader": backing is part of what she said."""
    assert find(bounds, "she was a loyal member").content.endswith("and would back the new leader")


def test_a_coordinated_saying_verb_ends_the_clause(bounds: Article) -> None:
    """Near miss: "… and noted that …" is the speaker's next act, a quote of its own."""
    assert find(bounds, "the cranes were safe").content == "the cranes were safe"
    assert find(bounds, "the audit was finished").cue == "noted"


def test_fallback_clause_after_adverbials(bounds: Article) -> None:
    """"reported on Wednesday the blaze was …": the parse gives no clause, the rest of the sentence is one."""
    assert find(bounds, "the blaze was under control").cue == "reported"


def test_fallback_clause_never_starts_with_a_conjunction(bounds: Article) -> None:
    """Near miss: "The crews responded, and four hours later …" reports nothing."""
    assert cues_in(bounds, "The crews responded") == []


def test_a_quote_opening_the_next_paragraph_continues_the_run(bounds: Article) -> None:
    """“A,” Petrov said. [paragraph] “B.”: one quote from A to B, the pieces joined like paragraphs."""
    q = find(bounds, "The harbour has never been this quiet")
    assert q.content == ("The harbour has never been this quiet\n\nHalf of the berths are empty and the other half "
                         "are waiting for parts.")
    assert speaker_name(bounds, q) == "Ivo Petrov"
    assert not any(x.content.startswith("Half of the berths") for x in bounds.quotes)


def test_a_next_paragraph_quote_with_its_own_cue_stays_apart(bounds: Article) -> None:
    """Near miss: “…,” Berg said in the next paragraph is Berg's quote, not the end of Hart's."""
    assert find(bounds, "We have enough money").content == "We have enough money for the repairs"
    assert speaker_name(bounds, find(bounds, "That is not what the auditors found")) == "Tomas Berg"


def test_warned_of_reports_its_object(bounds: Article) -> None:
    q = find(bounds, "a long and bitter strike")
    assert q.cue == "warned of" and q.kind == "indirect"


def test_warned_with_an_addressee_only_is_no_quote(bounds: Article) -> None:
    """Near miss: "warned the crews before the vote" says whom, not what."""
    assert cues_in(bounds, "Soto warned the crews") == []


# --- a quotation interrupted by its cue, whose second half reads like the reporter's words ------------------------


@pytest.fixture(scope="module")
def interrupted(annotate: MakeArticle, stage: Quotes) -> Article:
    actors = {"Ana Kovac": ["Mayor Ana Kovac", "Kovac"], "Ivo Petrov": ["harbour master Ivo Petrov"]}
    return run(annotate, stage, "interrupted.txt", actors)


@pytest.mark.parametrize(("first", "second", "cue", "speaker"), [
    ("Let us take this chance", "to elect a council", "concluded", "Ana Kovac"),
    ("The ferry has been late", "and the passengers are right", "told", "Ivo Petrov"),
    ("We lost the vote", "but not the argument", "admitted", "Ana Kovac"),
])
def test_lower_case_second_half_joins_the_interrupted_quote(interrupted: Article, first: str, second: str, cue: str,
                                                            speaker: str) -> None:
    """“A,” X said, “to B.”: the second half opens in lower case after a comma, like a fragment of the reporter's
    sentence, but only the cue's clause stands between the halves: one quotation from A to B."""
    q = find(interrupted, first)
    assert (q.kind, q.cue) == ("direct", cue)
    assert second in q.content and q.content.endswith(".")
    assert speaker_name(interrupted, q) == speaker
    assert not any(x.content.startswith(second) for x in interrupted.quotes)


def test_fragment_after_another_sentence_is_no_second_half(interrupted: Article) -> None:
    """Near miss: the lower-case fragment follows a sentence of the reporter's own ("The council then agreed to
    spend …"), not the cue's clause: it is no part of the quote before it, nor a quote of its own."""
    q = find(interrupted, "The wall will hold")
    assert "reserve fund" not in q.content
    assert not any("reserve fund" in x.content for x in interrupted.quotes if x.kind == "direct")


# --- the lead of a story: its dateline, and relative clauses on coordinated nouns ---------------------------------

LEAD_ACTORS = {"Mira Kos": ["Mira Kos", "Kos"], "guards": ["guards"], "dockers": ["dockers", "Dockers"],
               "pilots": ["pilots"]}


@pytest.fixture(scope="module")
def leads(annotate: MakeArticle, stage: Quotes) -> Article:
    return run(annotate, stage, "leads.txt", LEAD_ACTORS)


def test_a_dateline_is_not_part_of_the_reported_clause(leads: Article) -> None:
    """"VARNA — X has closed the pier, Kos said": the place and its dash are the reporter's."""
    q = find(leads, "The harbour authority")
    assert q.content == "The harbour authority has closed the north pier"
    assert speaker_name(leads, q) == "Mira Kos"


def test_capitals_with_no_dash_are_reported_words(leads: Article) -> None:
    """Near miss: "VARNA is quieter …, Kos said" reports the town's state, its name included."""
    assert find(leads, "VARNA is quieter").cue == "said"


def test_a_relative_clause_after_coordinated_nouns_is_the_nearest_ones(leads: Article) -> None:
    """"scuffles between guards and dockers who say …": the dockers say it, although the parser hangs the clause
    on the first noun of the pair."""
    assert speaker_name(leads, find(leads, "the pier is unsafe")) == "dockers"


def test_a_relative_clause_before_the_coordination_keeps_its_noun(leads: Article) -> None:
    """Near miss: in "Dockers who say … met the guards and the pilots" the pair comes after the clause."""
    assert speaker_name(leads, find(leads, "they were not paid")) == "dockers"


def test_a_cue_inside_its_clause_is_left_out_of_the_content(leads: Article) -> None:
    """"The strike, Kos wrote in a letter …, had cost …": the content reads without the reporter's words; its span
    still covers the whole clause."""
    q = find(leads, "The strike had")
    assert q.cue == "wrote" and q.content == "The strike had cost the port two ships a day"
    assert "Kos wrote in a letter" in leads.analysed_text()[q.span.doc_start:q.span.doc_end]


def test_a_cue_after_its_clause_leaves_the_content_whole(leads: Article) -> None:
    """Near miss: "…, Kos wrote." at the end takes nothing out."""
    quotes = [q for q in leads.quotes if q.content == "The strike had cost the port two ships a day"]
    assert len(quotes) == 2 and quotes[0].span.doc_end - quotes[0].span.doc_start > len(quotes[0].content)
    assert quotes[1].span.doc_end - quotes[1].span.doc_start == len(quotes[1].content)


def test_calling_a_strike_is_no_quote(leads: Article) -> None:
    """"The largest dockers' union, …, called an indefinite general strike": calling a strike is organising it,
    not calling something a name, although the parser reads the strike as the complement of "called"."""
    assert cues_in(leads, "called an indefinite general strike") == []


def test_calling_something_a_name_is_a_quote(leads: Article) -> None:
    """Near miss: "Kos called the strike a costly mistake" names the strike, and so does "what Kos called …"."""
    assert find(leads, "the strike a costly mistake").cue == "called"
    assert find(leads, "a reckless plan").cue == "called"


def test_a_date_after_the_object_is_not_content(leads: Article) -> None:
    """"Kos endorsed Tomas Berg on Monday": when she did it is the reporter's, not what she endorsed."""
    assert [q.content for q in leads.quotes if q.cue == "endorsed"] == ["Tomas Berg"]


def test_a_phrase_after_the_object_that_says_what_is_content(leads: Article) -> None:
    """Near miss: "accused Tomas Berg of misleading the port board" keeps the charge."""
    assert [q.content for q in leads.quotes if q.cue == "accused"] == ["Tomas Berg of misleading the port board"]


def test_a_negated_cue_shows_its_negation(leads: Article) -> None:
    """"Kos did not say when the pier would reopen": the cue reads "did not say", so the quote does not read as
    Kos saying it."""
    assert find(leads, "when the north pier").cue == "did not say"


def test_a_negation_in_the_content_leaves_the_cue_alone(leads: Article) -> None:
    """Near miss: "Kos said the pier would not reopen" is a plain "said"."""
    assert find(leads, "the south pier").cue == "said"


def test_an_attack_by_force_is_no_quote(leads: Article) -> None:
    """"Gunmen attacked a police post": a verb of taking sides that is also an act of force says nothing."""
    assert cues_in(leads, "Gunmen attacked a police post") == []


def test_an_attack_on_a_person_with_a_reason_is_a_stance(leads: Article) -> None:
    """Near miss: "Kos attacked Tomas Berg over the closure" is a verbal attack, a stance PolNeAR annotates."""
    assert [q.content for q in leads.quotes if q.cue == "attacked"] == ["Tomas Berg over the closure"]


def test_dismissing_a_cabinet_is_no_quote(leads: Article) -> None:
    """"Vasev dismissed the cabinet": removing people from office is an event, not a stance."""
    assert cues_in(leads, "dismissed the cabinet") == []


def test_dismissing_people_as_something_is_a_stance(leads: Article) -> None:
    """Near miss: "Kos dismissed the guards as troublemakers" says what she makes of them."""
    assert find(leads, "the guards as troublemakers").cue == "dismissed"


def test_every_quote_says_what_its_cue_attributes(leads: Article) -> None:
    """cue_kind keeps what was said apart from who sides with whom: "said" is speech, "attacked … over" a stance."""
    assert find(leads, "The harbour authority").cue_kind == "speech"
    assert find(leads, "Tomas Berg over the closure").cue_kind == "stance"
    assert all(q.cue_kind in CUE_KINDS for q in leads.quotes if q.cue is not None)
