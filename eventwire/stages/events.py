"""events: who did what to whom — PLOVER events coded from the dependency parse, transparently.

For every token whose lemma is a trigger in ``knowledge/event_patterns.tsv`` (verbs such as "call on",
"land", "intervene"; event nouns such as "talks", "crackdown", "airstrike"), the patterns of that lemma are
tried in file order and the first whose syntactic frame holds (required preposition, particle, object or
adverb; allowed source sectors) codes the event:

- source: the subject of the trigger verb (the agent of a passive; the antecedent of a relative pronoun; the
  subject of the verb a coordinated or controlled verb depends on); for an event noun, its possessor or
  actor modifier ("Russian airstrikes"), its "by" phrase, or the subject of the verb that governs it ("held
  talks"); for speech acts inside a quote, the quote's speaker.
- target: from the frame's target slots (object, or the object of the governing preposition); the subject of
  a passive; when no party is named, the state of the place the act is done in or aimed at ("imposed a
  curfew in Abidjan", "arrived in Bosnia", "withdraw its force from Chad"), as CAMEO and PLOVER code it.
- flags: negated, hypothetical, future, historical, with the words that set each in ``explanation``;
  ``reported_by`` is the quote (or speaker) that reports the event.
- place and date: from the trigger's clause, else its sentence, else the article (dateline/main place;
  publication date with precision ``publication``); the rule that chose each is kept.

As PLOVER codes them, an announced intention is an event of its own: a promised cooperative act ("will
release the hostages") is AGREE and an announced conflictual act ("will impose a curfew") THREATEN; refusing a
cooperative act ("would not meet the demands") is REJECT; "X said Y must Z" is a REQUEST from X to Y. The
explanation's ``coded_as`` says when one of these rules changed the pattern's type.

When a source or target is a country named only by an adjective or a place ("a Russian government plane",
"intervened in Ukraine"), the stage adds an implicit country actor for it (``kind="country"``, evidence
"implicit"); that is why it declares ``actors`` among what it assigns.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from eventwire.knowledge import Knowledge
from eventwire.model import Actor, Article, Event, Place, Quote, Section, TimeExpr
from eventwire.ontology.acled import acled_type
from eventwire.ontology.cameo import cameo_code
from eventwire.ontology.plover import TYPES, intensity
from eventwire.stages.base import Stage, StageContext, register
from eventwire.stages.places import main_place
from eventwire.stages.quotes import quote_at
from eventwire.stages.spans import mention, mention_of

# An event dated this many days or more before the publication date is flagged historical. A year: wire
# stories recap the last months as background, but "in 2014, when Moscow intervened" is history.
HISTORICAL_DAYS = 365

# Verbs that carry an event noun without adding meaning of their own: "held talks", "imposed a curfew".
LIGHT_VERBS = frozenset({
    "hold", "stage", "launch", "carry", "conduct", "begin", "start", "continue", "resume", "mount", "organise",
    "organize", "join", "lead", "take", "make", "pay", "announce", "impose", "declare", "order", "have", "give",
    "step", "escalate", "intensify", "end", "call", "face", "see", "wage", "unleash", "perform", "host",
})
CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "advcl", "relcl", "acl", "parataxis", "csubj", "conj"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
SUBJECT_DEPS = ("nsubj", "csubj", "expl")
PASSIVE_SUBJECT_DEPS = ("nsubjpass", "csubjpass")
MODIFIER_DEPS = frozenset({"poss", "compound", "amod", "nmod", "appos"})
NEG_WORDS = frozenset({"not", "n't", "never", "no", "neither", "nor", "nobody", "none"})
NEGATING_GOVERNORS = frozenset({"deny", "refuse", "decline", "fail", "avoid", "reject", "dismiss", "rule", "halt",
                                "stop", "cancel", "postpone", "prevent", "block", "ban", "rebuff"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
FUTURE_GOVERNORS = frozenset({"plan", "intend", "prepare", "expect", "aim", "schedule", "set", "vow", "pledge",
                              "promise", "agree", "decide", "respond", "offer", "ready", "willing",
                              "prepared", "committed", "determined", "poised", "due", "swear"})
# PLOVER codes an announced intention as its own event: a promised cooperative act is AGREE, an announced
# conflictual act THREATEN ("X will release the hostages" -> AGREE; "X will impose a curfew" -> THREATEN).
INTENT_TO_COOPERATE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"})
INTENT_TO_CONFLICT = frozenset({"SANCTION", "COERCE", "ASSAULT", "MOBILIZE", "PROTEST"})
# Refusing a cooperative act is a REJECT ("would not meet the demands", "failed to reach agreement").
REFUSABLE = frozenset({"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"})
# Sectors that challenge their own state: their protests and accusations are aimed at its government.
DOMESTIC_CHALLENGERS = frozenset({"PRO", "OPP", "LAB", "CVL", "EDU", "MED", "NGO", "HRI", "REB", "INS", "SEP"})
# Nouns of number and membership whose "of" phrase names the actor ("thousands of protesters").
QUANTITY_NOUNS = frozenset({"thousand", "hundred", "dozen", "ten", "score", "million", "group", "number", "crowd",
                            "some", "many", "most", "all", "member", "part", "rest", "handful", "several", "few"})
# Prepositions whose object is the party an embedded act is directed at.
EMBEDDED_TARGET_PREPS = frozenset({"to", "for", "with", "against", "on", "between", "from", "at", "into"})
# Types whose parties act together: a coordinated subject's other member is the target.
SYMMETRIC = frozenset({"AGREE", "CONSULT", "COOPERATE", "SUPPORT"})
# Prepositions that make an event noun the topic of another noun ("restrictions on protests").
TOPIC_PREPS = frozenset({"on", "about", "over", "against", "in", "for", "to", "regarding"})
# The THREATEN mode of an announced conflictual act (its type, then its mode; "" = any mode).
THREAT_MODES: dict[str, dict[str, str | None]] = {
    "SANCTION": {"": "relations", "restrict": "restrict", "expel": "expel"},
    "COERCE": {"": "restrict", "ban": "ban", "seize": "territory", "arrest": "restrict"},
    "ASSAULT": {"": "violence"},
    "MOBILIZE": {"": "violence"},
    "PROTEST": {"": None},
}
MODAL_AUX = frozenset({"would", "could", "might", "may", "should", "must", "can", "ca"})
HYPOTHETICAL_MARKS = frozenset({"if", "unless", "whether", "lest"})
HYPOTHETICAL_GOVERNORS = frozenset({
    "threaten", "want", "seek", "try", "attempt", "propose", "consider", "urge", "call", "demand", "ask", "warn",
    "fear", "risk", "excuse", "possibility", "threat", "need", "hope", "wish", "appeal",
    "request", "press", "push", "allow", "permit", "encourage", "order", "tell",
    "invite", "effort", "bid", "pretext", "chance", "prospect", "option", "idea", "right", "able",
    "likely", "unlikely", "unjustified",
})
SPEECH_LEMMAS = frozenset({"say", "tell", "add", "state", "claim", "report", "announce", "write", "allege", "insist",
                           "stress", "note", "argue", "explain", "show", "confirm", "believe", "think"})
LOCATIVE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "across", "on", "into", "over", "around",
                            "throughout", "within", "off", "along", "towards", "toward"})
# Prepositions by which a place an act is done in or aimed at hangs on the trigger ("a curfew in Abidjan",
# "sent inspectors to Iran"); a withdrawal's place is where it leaves ("from Lebanon", "out of Nigeria").
PLACE_TARGET_PREPS = frozenset({"in", "into", "to", "inside", "across", "throughout", "within", "at", "on", "near",
                                "over", "towards", "toward"})
WITHDRAWAL_PREPS = frozenset({"from", "out"})
# Words of an object phrase looked at for its place (not tuned: "the West Bank city of Hebron" is 7), and the
# dependencies that open a clause inside the phrase, whose places are not the phrase's own.
PLACE_WORDS_LIMIT = 12
CLAUSE_DEPS_IN_NP = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "punct", "cc"})
WITHDRAWAL_LEMMAS = frozenset({"withdraw", "evacuate", "expel", "pull", "ship", "order", "deport", "oust"})
# Acts (PLOVER modes) that only a state's authorities do: in a passive with no agent ("was arrested in
# Lebanon"), the state of the place is the source.
STATE_ACT_MODES = frozenset({"arrest", "curfew", "censor", "deport", "martial-law"})
# Weapons that attack with no one named ("a car bomb", "a roadside bombing", "an improvised explosive device").
WEAPON_NOUNS = frozenset({"bomb", "bombing", "explosion", "blast", "device", "ied", "mine", "landmine", "minefield",
                          "rocket", "mortar", "shell", "grenade", "missile", "drone", "explosive"})
PROTESTER_SECTORS = frozenset({"PRO", "OPP", "LAB", "CVL", "EDU"})
NO_TRIGGER_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "WORK_OF_ART", "LAW", "PRODUCT", "DATE",
                             "TIME", "CARDINAL", "ORDINAL", "MONEY", "QUANTITY", "PERCENT", "LANGUAGE"})


@dataclass(frozen=True)
class Pattern:
    """One row of event_patterns.tsv: a trigger lemma in a syntactic frame, and what it codes."""

    id: str
    lemma: str
    pos: str  # V or N
    preps: frozenset[str]
    particles: frozenset[str]
    objects: frozenset[str]
    adverbs: frozenset[str]
    type: str
    mode: str | None
    contexts: tuple[str, ...]
    targets: tuple[str, ...]
    source_sectors: frozenset[str]
    not_source_sectors: frozenset[str]
    needs: frozenset[str]
    line: int


def _set(value: str) -> frozenset[str]:
    return frozenset(v.strip().lower() for v in value.split("|") if v.strip())


def load_patterns(knowledge: Knowledge) -> dict[tuple[str, str], list[Pattern]]:
    """Patterns grouped by (lemma, V|N), in file order."""
    out: dict[tuple[str, str], list[Pattern]] = {}
    for row in knowledge.table("event_patterns"):
        if row["type"] not in TYPES:
            continue  # `knowledge check` reports it; a bad row must not stop the coder
        pattern = Pattern(
            id=row["id"], lemma=row["lemma"].lower(), pos=row["pos"].upper() or "V",
            preps=_set(row["prep"]), particles=_set(row["prt"]), objects=_set(row["obj"]),
            adverbs=_set(row["adv"]), type=row["type"], mode=row.get("mode") or None,
            contexts=tuple(c for c in (x.strip() for x in row["context"].split("|")) if c),
            targets=tuple(t for t in (x.strip() for x in row["target"].split(",")) if t),
            source_sectors=frozenset(s.upper() for s in _set(row["source_sectors"])),
            not_source_sectors=frozenset(s.upper() for s in _set(row["not_source_sectors"])),
            needs=_set(row["needs"]), line=row.line,
        )
        out.setdefault((pattern.lemma, pattern.pos), []).append(pattern)
    return out


def load_country_words(knowledge: Knowledge) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(word -> ISO3 for names, adjectives and capitals; ISO3 -> name; ISO2 -> ISO3) from countries.tsv."""
    words: dict[str, str] = {}
    names: dict[str, str] = {}
    iso2: dict[str, str] = {}
    for row in knowledge.table("countries"):
        code = row["iso3"]
        if not code:
            continue
        names[code] = row["name"]
        if row["iso2"]:
            iso2[row["iso2"].upper()] = code
        for column in ("name", "aliases", "adjectives", "demonyms", "capital", "capital_aliases"):
            for word in row[column].split("|"):
                if word.strip():
                    words.setdefault(word.strip().casefold(), code)
    return words, names, iso2


@dataclass
class ArticleIndex:
    """Per-article lookups from token index to the actor, place and time expressions that cover it."""

    actor: list[str | None]
    place: list[str | None]
    time: list[int | None]
    section: list[Section]
    actors: dict[str, Actor]
    places: dict[str, Place]
    clause_head: dict[int, int] = field(default_factory=dict)


def _cover(doc: Any, spans: Iterable[tuple[int, int, Any]]) -> list[Any]:
    """For each token, the value of the (shortest) char span that overlaps it."""
    out: list[Any] = [None] * len(doc)
    width: list[int] = [1 << 30] * len(doc)
    for start, end, value in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        for tok in span:
            if end - start < width[tok.i]:
                out[tok.i] = value
                width[tok.i] = end - start
    return out


def build_index(article: Article) -> ArticleIndex:
    doc = article.doc
    actor_spans = [(m.doc_start, m.doc_end, a.id) for a in article.actors for m in a.mentions]
    place_spans = [(m.doc_start, m.doc_end, p.id) for p in article.places for m in p.mentions]
    time_spans = [(t.mention.doc_start, t.mention.doc_end, i) for i, t in enumerate(article.times)
                  if t.value and t.value[:1].isdigit() and t.type in ("DATE", "TIME")]
    segments = article.segments()
    sections: list[Section] = []
    seg_i = 0
    for tok in doc:
        while seg_i + 1 < len(segments) and tok.idx >= segments[seg_i + 1].doc_start:
            seg_i += 1
        sections.append(segments[seg_i].section if segments else "body")
    return ArticleIndex(
        actor=_cover(doc, actor_spans), place=_cover(doc, place_spans), time=_cover(doc, time_spans),
        section=sections, actors={a.id: a for a in article.actors},
        places={p.id: p for p in article.places},
    )


def period_end(value: str) -> dt.date | None:
    """The last day of the period a TimeML value names (``2014`` -> 2014-12-31, ``199X`` -> 1999-12-31)."""
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return dt.date.fromisoformat(value)
        if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
            year, month = int(m.group(1)), int(m.group(2))
            nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
            return nxt - dt.timedelta(days=1)
        if m := re.fullmatch(r"(\d{4})-W(\d{2})", value):
            return dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 7)
        if m := re.fullmatch(r"(\d{4})(?:-(?:Q\d|[A-Z]{2}|H\d))?", value):
            return dt.date(int(m.group(1)), 12, 31)
        if m := re.fullmatch(r"(\d{3})X", value):
            return dt.date(int(m.group(1)) * 10 + 9, 12, 31)
        if m := re.fullmatch(r"(\d{2})XX", value):
            return dt.date(int(m.group(1)) * 100 + 99, 12, 31)
    except ValueError:
        return None
    return None


@register("events")
class Events(Stage):
    """PLOVER events from the parse, with flags, place, date, derived codes and an explanation."""

    name = "events"
    requires = ("doc", "actors", "places", "times", "quotes")
    assigns = ("events", "actors")

    def __init__(self, ctx: StageContext) -> None:
        self.patterns = load_patterns(ctx.knowledge)
        self.country_words, self.country_names, self.iso2_to_iso3 = load_country_words(ctx.knowledge)
        # one-word group nouns and their sectors ("government" GOV, "troops" MIL), for implicit actors
        self.group_sectors: dict[str, str] = {}
        for row in ctx.knowledge.table("groups"):
            for term in row["term"].split("|"):
                if term.strip() and " " not in term.strip() and row["sector"]:
                    self.group_sectors.setdefault(term.strip().casefold(), row["sector"])

    # -- the stage ----------------------------------------------------------------------------------------

    def process_article(self, article: Article) -> None:
        doc = article.doc
        index = build_index(article)
        coder = _ArticleCoder(self, article, index)
        events: list[Event] = []
        for sent in doc.sents:
            for tok in sent:
                events += coder.code(tok)
        events.sort(key=lambda e: e.trigger.doc_start)
        for i, event in enumerate(events, start=1):
            event.id = f"E{i}"
        article.events = events


def from_origin(tok: Any) -> bool:
    """A place named as where something came from ("crossed from Belarus"), not where it happened."""
    return bool(tok.head.dep_ == "prep" and tok.head.lower_ == "from")


class _ArticleCoder:
    """Codes the triggers of one article; holds the article's indexes and the implicit actors it adds."""

    def __init__(self, stage: Events, article: Article, index: ArticleIndex) -> None:
        self.stage = stage
        self.article = article
        self.index = index
        self.doc = article.doc

    # -- triggers -----------------------------------------------------------------------------------------

    def candidates(self, tok: Any) -> list[Pattern]:
        if tok.is_punct or tok.is_space:
            return []
        if tok.tag_ == "MD":
            pos = "M"
        elif tok.pos_ in ("VERB", "AUX"):
            pos = "V"
        elif tok.pos_ in ("NOUN", "PROPN"):
            pos = "N"
        else:
            return []
        if tok.ent_type_ in NO_TRIGGER_ENTS:
            return []
        lemma = tok.lemma_.lower()
        found = self.stage.patterns.get((lemma, pos))
        if not found and pos == "N":
            found = self.stage.patterns.get((tok.lower_, pos))
        return found or []

    def frame_holds(self, tok: Any, pattern: Pattern) -> bool:
        children = list(tok.children)
        if pattern.preps and not any(c.dep_ in ("prep", "agent", "dative") and c.lower_ in pattern.preps
                                     and not self.time_phrase(c) for c in children):
            return False
        if pattern.particles and not any(c.dep_ == "prt" and c.lower_ in pattern.particles for c in children):
            return False
        if pattern.objects == frozenset({"-"}):
            if any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in children):
                return False
        elif pattern.objects:
            objects = [c for c in children
                       if c.dep_ in ("dobj", "nsubjpass", "attr", "pobj", "compound", "amod", "xcomp")]
            objects += [g for c in children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
            for o in [o for o in objects if o.dep_ in ("dobj", "nsubjpass")]:
                # "suspended aid deliveries", "handed over 700 kg of medicine", "part of an aid programme"
                objects += [g for g in o.children if g.dep_ in ("compound", "amod")]
                for prep in (g for g in o.children if g.dep_ == "prep" and g.lower_ == "of"):
                    for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                        objects += [pobj, *(g for g in pobj.children if g.dep_ in ("compound", "amod"))]
            if not any(o.lemma_.lower() in pattern.objects or o.lower_ in pattern.objects for o in objects):
                return False
        return not pattern.adverbs or any(
            c.dep_ in ("advmod", "npadvmod", "acomp", "amod") and c.lemma_.lower() in pattern.adverbs for c in children
        )

    def time_phrase(self, prep: Any) -> bool:
        """A prepositional phrase whose object is a time ("strike on Monday" is not a strike on someone)."""
        pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
        return pobj is not None and (pobj.ent_type_ in ("DATE", "TIME") or self.index.time[pobj.i] is not None)

    def covered_by_verb(self, tok: Any) -> bool:
        """An event noun that is the object of a (non-light) trigger verb is that verb's event, not another."""
        if tok.dep_ in ("compound", "amod") and tok.head.dep_ in ("dobj", "nsubjpass"):
            tok = tok.head  # "rejected the ceasefire proposal": the proposal's verb covers the ceasefire
        head = tok.head
        if tok.dep_ not in ("dobj", "nsubjpass") or head.pos_ != "VERB":
            return False
        specific = [p for p in self.candidates(head) if p.preps or p.particles or p.objects]
        if head.lemma_.lower() in LIGHT_VERBS:
            # a light verb covers its noun only in a frame of its own ("called off a strike")
            return any(self.frame_holds(head, p) for p in specific)
        return any(self.frame_holds(head, p) for p in self.candidates(head))

    def modifies_trigger(self, tok: Any) -> bool:
        """Event nouns that are not events of their own: "protest" in "protest rally" (part of the rally's
        event), "restrictions on protests", "a law against rallies", "her role in the talks" (the topic of
        another noun, which is not itself an event)."""
        if tok.dep_ in ("compound", "nmod") and bool(self.candidates(tok.head)):
            return True
        head = tok.head
        return bool(tok.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in TOPIC_PREPS
                    and head.head.pos_ in ("NOUN", "PROPN") and not self.candidates(head.head))

    def code(self, tok: Any) -> list[Event]:
        """The events a trigger codes: one, or one per party of a coordinated source or target ("closed its
        borders with Iran and Turkey": two events, as PETRARCH and GDELT code compound actors)."""
        patterns = self.candidates(tok)
        if not patterns or tok.dep_ == "amod" or (tok.pos_ == "VERB" and tok.lemma_.lower() in LIGHT_VERBS
                                                  and not any(p.preps or p.objects or p.particles for p in patterns)):
            return []
        if tok.pos_ in ("NOUN", "PROPN") and (self.covered_by_verb(tok) or self.modifies_trigger(tok)):
            return []
        if patterns[0].pos == "M":
            obligation = self.obligation(tok, patterns[0])
            return [obligation] if obligation is not None else []
        noun = tok.pos_ in ("NOUN", "PROPN")
        for pattern in patterns:
            if not self.frame_holds(tok, pattern):
                continue
            source, source_rule, source_tok = self.source(tok, noun, pattern)
            source_actor = self.index.actors.get(source) if source else None
            sector = source_actor.sector if source_actor else None
            if pattern.source_sectors and sector not in pattern.source_sectors:
                continue
            if pattern.not_source_sectors and sector in pattern.not_source_sectors:
                if pattern.type == "PROTEST" and noun:
                    source, source_rule, source_tok = self.protester_in_sentence(tok)
                else:
                    continue
            target, target_rule, target_tok = self.target(tok, noun, pattern, source)
            if target is None and pattern.type in SYMMETRIC and source_tok is not None:
                # "Egypt and Jordan agreed": the other party of a coordinated subject is the target
                for conj in source_tok.conjuncts:
                    other, other_tok = self.actor_of(conj)
                    if other and other != source:
                        target, target_rule, target_tok = other, "coordinated with the source", other_tok
                        break
            if target is not None and target == source:
                target, target_rule, target_tok = None, "same as source", None
            if source is None and pattern.type == "PROTEST" and noun:
                source, source_rule, source_tok = self.protester_in_sentence(tok)
            if target is None and pattern.type in ("PROTEST", "ACCUSE"):
                found = self.government_of(source)
                if found:
                    target, target_rule, target_tok = found, "government of the source's own country", None
            if source is None and source_rule == "passive without agent" and pattern.mode in STATE_ACT_MODES:
                # "a missionary was arrested in Lebanon": no agent named, the state of the place did it
                found, found_rule, found_tok = self.place_state(tok, noun, pattern, target, source_rule)
                if found:
                    source, source_rule, source_tok = found, f"no agent: {found_rule}", found_tok
            if source is None and pattern.type in ("ASSAULT", "FIGHT"):
                found, found_tok = self.unidentified_attackers(tok, noun)
                if found:
                    source, source_rule, source_tok = found, "unidentified attackers (a weapon, no agent)", found_tok
            if "source" in pattern.needs and source is None:
                continue
            if "target" in pattern.needs and target is None:
                continue
            if "actor" in pattern.needs and not (self.political(source) or self.political(target)):
                continue
            if target is None and "none" not in pattern.targets and (
                    pattern.type != "CONSULT" or "place" in pattern.targets):
                target, target_rule, target_tok = self.place_state(tok, noun, pattern, source, target_rule)
            events: list[Event | None] = [
                self.make_event(tok, pattern, source, source_rule, source_tok, target, target_rule, target_tok)]
            # the other parties of a coordinated target, then of a coordinated source (not when the source's
            # partner is already the target of a symmetric act: "Egypt and Jordan agreed")
            for other, other_tok in self.conjunct_actors(target_tok, {source, target}):
                events.append(self.make_event(tok, pattern, source, source_rule, source_tok, other,
                                              f"coordinated with the target {target_tok.text!r}", other_tok))
            if target_rule != "coordinated with the source":
                for other, other_tok in self.conjunct_actors(source_tok, {source, target}):
                    events.append(self.make_event(tok, pattern, other, f"coordinated with the source "
                                                  f"{source_tok.text!r}", other_tok, target, target_rule, target_tok))
            return [e for e in events if e is not None]
        return []

    def conjunct_actors(self, tok: Any, taken: set[str | None]) -> list[tuple[str, Any]]:
        """The actors of the words coordinated with a party's word ("Iran and Turkey", "Russia, China and
        Iran"), each once, leaving out those already in the event."""
        found: list[tuple[str, Any]] = []
        if tok is None or tok.dep_ == "poss":
            return found
        seen = set(taken)
        for conj in tok.conjuncts:
            actor, actor_tok = self.actor_of(conj, deep=False)
            if actor and actor not in seen:
                seen.add(actor)
                found.append((actor, actor_tok))
        return found

    def obligation(self, modal: Any, pattern: Pattern) -> Event | None:
        """"X said Y must/should Z" is a REQUEST from X to Y: the speaker is the source, Y the target."""
        verb = modal.head
        if modal.dep_ != "aux" or verb.i == modal.i:
            return None
        source, source_rule, source_tok = None, "", None
        quote = self.quote_at(modal)
        if quote is not None and quote.speaker:
            source, source_rule = quote.speaker, f"speaker of quote {quote.id}"
        else:
            for dep, head in self.governors(verb, limit=3):
                if dep in ("ccomp", "acl") and (head.lemma_.lower() in SPEECH_LEMMAS or head.pos_ == "NOUN"):
                    speaker_verb = head if head.pos_ in ("VERB", "AUX") else self.governing_verb(head)
                    if speaker_verb is not None:
                        source, source_rule, source_tok = self.subject(speaker_verb)
                    break
        if source is None:
            return None
        subj = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS + PASSIVE_SUBJECT_DEPS), None)
        target, target_tok = self.actor_of(subj)
        if target == source:
            return None
        return self.make_event(modal, pattern, source, source_rule, source_tok, target, "subject of the obligation",
                               target_tok)

    # -- actors -------------------------------------------------------------------------------------------

    def political(self, actor_id: str | None) -> bool:
        """An actor the coder can code events for: one with a country or a sector."""
        actor = self.index.actors.get(actor_id) if actor_id else None
        return actor is not None and bool(actor.country or actor.sector)

    def actor_of(self, tok: Any, *, deep: bool = True) -> tuple[str | None, Any]:
        """The actor a token names: its own mention, a modifier's ("Russian government plane"), or a country."""
        if tok is None:
            return None, None
        found = self.index.actor[tok.i]
        if found:
            return found, tok
        # "his counterpart" is not him: possessive pronouns name the possessor, not the actor
        modifiers = [c for c in tok.children if c.dep_ in MODIFIER_DEPS and c.tag_ != "PRP$"] if deep else []
        # "US Predator attacks": a modifier of a modifier names the actor too
        modifiers += [g for c in modifiers if c.dep_ == "compound"
                      for g in c.children if g.dep_ in ("compound", "amod")]
        for child in modifiers:
            found = self.index.actor[child.i]
            if found:
                return found, child
        if tok.lemma_.lower() in QUANTITY_NOUNS or tok.pos_ == "NUM":
            # "thousands of Iraqi Kurds", "members of the opposition": the actor is the "of" phrase
            for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"):
                pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
                if pobj is not None:
                    return self.actor_of(pobj)
        # "a Russian government plane", "Russian troops": the country from an adjective, the sector from a noun
        sector = self.stage.group_sectors.get(tok.lemma_.casefold()) or self.stage.group_sectors.get(tok.lower_)
        for child in modifiers:
            sector = sector or self.stage.group_sectors.get(child.lower_)
        for child in modifiers:
            implicit = self.implicit_country(child, sector)
            if implicit:
                return implicit, child
        implicit = self.implicit_country(tok)
        return (implicit, tok) if implicit else (None, None)

    def unidentified_attackers(self, tok: Any, noun: bool) -> tuple[str | None, Any]:
        """An attack done by a weapon with no one named ("a car bomb killed", "killed in a roadside bombing",
        "killed by an improvised explosive device"): the source is unidentified attackers (sector UAF) of the
        country where it happened, as CAMEO and ACLED code them; the actor's mention is the weapon's words."""
        cands = [tok] if noun else []
        cands += [c for c in tok.children if c.dep_ in SUBJECT_DEPS]
        cands += [g for c in tok.children if c.dep_ in ("agent", "prep") and c.lower_ in ("by", "in")
                  for g in c.children if g.dep_ == "pobj"]
        for cand in cands:
            words = [cand] + [c for c in cand.children if c.dep_ in ("compound", "amod", "nmod")]
            if not any(w.lemma_.lower() in WEAPON_NOUNS for w in words):
                continue
            owner, owner_tok = self.actor_of(cand)
            if owner:
                return owner, owner_tok  # "US drone strikes": the weapon's owner is named after all
            # where it happened: a place standing on its own, not a modifier of the victims ("US servicemen")
            located = [t for t in self.places_near(tok) if t.dep_ not in MODIFIER_DEPS and not from_origin(t)]
            code = self.place_country(located[0])[1] if located else None
            name = "unidentified attackers" + (f" ({self.stage.country_names.get(code, code)})" if code else "")
            actor = next((a for a in self.article.actors if a.name == name and a.sector == "UAF"), None)
            if actor is None:
                actor = self.new_actor(name, "group", code, "UAF",
                                       f"implicit: the event coder read {cand.text!r} as a weapon with no one named: "
                                       "unidentified attackers" + (f" of {code}, where it happened" if code else ""))
            start = min(w.idx for w in words if w.i <= cand.i)
            actor.mentions.append(mention(self.article, start, cand.idx + len(cand.text), "IMPLICIT"))
            self.index.actor[cand.i] = actor.id
            return actor.id, cand
        return None, None

    def implicit_country(self, tok: Any, sector: str | None = None, code: str | None = None) -> str | None:
        """An actor for the country a token names (adjective, country, capital or a resolved country place),
        with a sector when a noun beside it gives one ("Russian government" -> RUS GOV); ``code`` when the
        caller knows the country already (the country of a city where something happened)."""
        place_id = self.index.place[tok.i]
        if code is None and place_id:
            place = self.index.places[place_id]
            if place.feature_class == "A" and place.country and (place.lat is not None):
                code = self.stage.iso2_to_iso3.get(place.country.upper())
        if code is None and (tok.pos_ == "ADJ" or (tok.pos_ in ("PROPN", "NOUN") and (
                tok.ent_type_ in ("NORP", "GPE") or tok.dep_ in ("amod", "compound")))):
            # country names and adjectives are capitalised in English: "car" is not CAR
            code = self.stage.country_words.get(tok.text.casefold()) if tok.text[:1].isupper() else None
        if code is None:
            return None
        kind = "government" if sector else "country"
        for actor in self.article.actors:
            if actor.kind == kind and actor.country == code and actor.sector == sector:
                self.add_mention(actor, tok)
                return actor.id
        name = self.stage.country_names.get(code, tok.text)
        actor = self.new_actor(f"{name} ({sector})" if sector else name, kind, code, sector,
                               f"implicit: the event coder read {tok.text!r} as the country {code}"
                               + (f" and the noun beside it as sector {sector}" if sector else ""))
        self.add_mention(actor, tok)
        return actor.id

    def new_actor(self, name: str, kind: str, country: str | None, sector: str | None, evidence: str) -> Actor:
        """An implicit actor the coder adds to the article (and to its index)."""
        actor = Actor(id=f"A{len(self.article.actors) + 1}", name=name, kind=kind, country=country, sector=sector,
                      evidence=[evidence])
        self.article.actors.append(actor)
        self.index.actors[actor.id] = actor
        return actor

    def place_country(self, tok: Any) -> tuple[Place | None, str | None]:
        """The place a token is part of, and its country (ISO 3166 alpha-3), or None for either."""
        place_id = self.index.place[tok.i]
        place = self.index.places.get(place_id) if place_id else None
        return place, self.stage.iso2_to_iso3.get((place.country or "").upper()) if place else None

    def places_near(self, tok: Any) -> list[Any]:
        """The tokens of the sentence that are part of a place, those of the trigger's clause first, then by
        distance from the trigger."""
        clause = {t.i for t in self.clause_tokens(tok)}
        return sorted((t for t in tok.sent if self.index.place[t.i]),
                      key=lambda t: (t.i not in clause, abs(t.i - tok.i)))

    def add_mention(self, actor: Actor, tok: Any) -> None:
        """A mention of an implicit actor on a token, widened to the whole place name the token is part of
        ("Gaza" -> "Gaza Strip")."""
        if not any(m.doc_start <= tok.idx < m.doc_end for m in actor.mentions):
            place = self.place_country(tok)[0]
            words = next((m for m in place.mentions if m.doc_start <= tok.idx < m.doc_end), None) if place else None
            actor.mentions.append(mention(self.article, words.doc_start, words.doc_end, "IMPLICIT") if words
                                  else mention_of(self.article, tok, "IMPLICIT"))
        self.index.actor[tok.i] = actor.id

    def subject(self, verb: Any, depth: int = 0) -> tuple[str | None, str, Any]:
        """The actor that does what a verb says, and the rule that found it."""
        if depth > 4:
            return None, "", None
        children = list(verb.children)
        if any(c.dep_ == "auxpass" for c in children) or any(c.dep_ in PASSIVE_SUBJECT_DEPS for c in children):
            for c in children:
                if c.dep_ == "agent":
                    pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                    actor, tok = self.actor_of(pobj)
                    if actor:
                        return actor, "agent of passive", tok
            return None, "passive without agent", None
        subj = next((c for c in children if c.dep_ in SUBJECT_DEPS), None)
        if subj is not None:
            if subj.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                actor, tok = self.actor_of(verb.head)
                return actor, "antecedent of relative pronoun", tok
            actor, tok = self.actor_of(subj)
            return actor, "subject", tok
        if verb.dep_ == "conj" and verb.i > 0:
            # the small parser often reads "A detained two men and B condemned the arrests" as "men and B": a
            # noun right before a subjectless coordinated verb, attached as a conjunct of an object, is its subject
            before = self.doc[verb.i - 1]
            if before.pos_ in ("NOUN", "PROPN") and before.dep_ == "conj" and before.head.dep_ in ("dobj", "pobj"):
                actor, tok = self.actor_of(before)
                if actor:
                    return actor, "subject of a coordinated clause (parse repaired)", tok
        if verb.dep_ == "xcomp" and verb.head.dep_ == "acomp" and verb.head.head.i != verb.head.i:
            verb = verb.head  # "Syria is willing to withdraw": the subject of "is willing"
        if verb.dep_ in ("xcomp", "conj", "advcl", "acomp") and verb.head.pos_ in ("VERB", "AUX") \
                and verb.head.i != verb.i:
            actor, rule, tok = self.subject(verb.head, depth + 1)
            return actor, f"{rule} of the governing verb" if actor else rule, tok
        if verb.dep_ in ("acl", "relcl") and verb.head.i != verb.i:
            actor, tok = self.actor_of(verb.head)
            return actor, "noun the clause modifies", tok
        return None, "no subject", None

    def governing_verb(self, tok: Any) -> Any:
        """The verb an event noun depends on ("held talks", "is in Berlin for talks"), or None."""
        h = tok
        for _ in range(5):
            if h.dep_ not in ("dobj", "pobj", "prep", "attr", "conj", "appos", "compound", "npadvmod", "oprd"):
                return None
            h = h.head
            if h.pos_ in ("VERB", "AUX"):
                return h
        return None

    def source(self, tok: Any, noun: bool, pattern: Pattern) -> tuple[str | None, str, Any]:
        if not noun:
            actor, rule, src_tok = self.subject(tok)
        else:
            actor, rule, src_tok = None, "", None
            for child in tok.children:
                if child.dep_ in ("poss", "compound", "amod", "nmod"):
                    found, t = self.actor_of(child, deep=False)
                    if found:
                        actor, rule, src_tok = found, f"{child.dep_} of the event noun", t
                        break
            if actor is None:
                # "clashes between police and protesters": the first party is the source, the other the target
                between = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "between"), None)
                pobj = next((g for g in between.children if g.dep_ == "pobj"), None) if between is not None else None
                found, t = self.actor_of(pobj) if pobj is not None else (None, None)
                if found:
                    actor, rule, src_tok = found, "first party of 'between'", t
            if actor is None:
                for child in tok.children:
                    if child.dep_ == "prep" and child.lower_ in ("by", "from"):
                        pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
                        found, t = self.actor_of(pobj)
                        if found:
                            actor, rule, src_tok = found, f"'{child.lower_}' phrase of the event noun", t
                            break
            if actor is None:
                verb = self.governing_verb(tok)
                if verb is not None:
                    actor, rule, src_tok = self.subject(verb)
                    if not self.political(actor):  # "rubbish piled up during a strike": not the strikers
                        actor, src_tok = None, None
                    rule = f"{rule} of governing verb {verb.text!r}" if actor else rule
        # a speech act stated in a quote is its speaker's ("he said Russia must withdraw"); an event noun that is the
        # subject of the reported clause is only talked about ("said demand for its chips remained strong")
        talked_about = noun and tok.dep_ in ("nsubj", "nsubjpass")
        if actor is None and not talked_about and pattern.type in ("ACCUSE", "REJECT", "REQUEST", "THREATEN",
                                                                   "SUPPORT", "AGREE"):
            quote = self.quote_at(tok)
            if quote is not None and quote.speaker:
                return quote.speaker, f"speaker of quote {quote.id}", None
        return actor, rule or "none found", src_tok

    def government_of(self, actor_id: str | None) -> str | None:
        """For a domestic challenger (protesters, opposition, unions, media...), its country's government as
        named in the article: a government body first ("the regime in Minsk"), else the first official."""
        actor = self.index.actors.get(actor_id) if actor_id else None
        if actor is None or not actor.country or actor.sector not in DOMESTIC_CHALLENGERS:
            return None
        officials = [a for a in self.article.actors if a.country == actor.country and a.sector == "GOV"]
        bodies = [a for a in officials if a.kind in ("government", "organisation")]
        chosen = bodies or officials
        return chosen[0].id if chosen else None

    def protester_in_sentence(self, tok: Any) -> tuple[str | None, str, Any]:
        """For a protest noun whose governing subject is the police: the protesters named in the sentence."""
        for t in tok.sent:
            actor_id = self.index.actor[t.i]
            if actor_id and self.index.actors[actor_id].sector in PROTESTER_SECTORS:
                return actor_id, "protesters named in the sentence", t
        return None, "governing subject is security forces, no protesters named", None

    def target(self, tok: Any, noun: bool, pattern: Pattern, source_id: str | None = None
               ) -> tuple[str | None, str, Any]:
        children = list(tok.children)
        passive_subj = next((c for c in children if c.dep_ in PASSIVE_SUBJECT_DEPS), None)
        if passive_subj is not None and not noun:
            actor, t = self.actor_of(passive_subj)
            if actor:
                return actor, "subject of passive", t
        places_to_look = [tok]
        if noun:
            verb = self.governing_verb(tok)
            if verb is not None:
                places_to_look.append(verb)
        else:
            obj = next((c for c in children if c.dep_ == "dobj"), None)
            if obj is not None:
                places_to_look.append(obj)
        for slot in pattern.targets:
            if slot == "none":
                return None, "pattern has no target", None
            if slot in ("dobj", "dative", "iobj"):
                deps = {"dobj"} if slot == "dobj" else {"dative", "iobj"}
                for c in children:
                    if c.dep_ in deps:
                        if c.lower_ in RELATIVE_PRONOUNS and tok.dep_ == "relcl":
                            c = tok.head  # "Crimea, which Moscow annexed": the antecedent
                        actor, t = self.actor_of(c)
                        if actor:
                            return actor, slot, t
            elif slot == "prep:between" or (slot.startswith("prep:") and "between" in slot[5:].split("|")
                                             and self.between_pair(tok)):
                pair = self.between_pair(tok)
                if pair and pair[1][0] and pair[1][0] != source_id:
                    return pair[1][0], "second party of 'between'", pair[1][1]
                if slot == "prep:between":
                    continue
            if slot.startswith("prep:"):
                preps = set(slot[5:].split("|"))
                for host in places_to_look:
                    for c in host.children:
                        if c.dep_ in ("prep", "dative") and c.lower_ in preps:
                            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                            actor, t = self.actor_of(pobj)
                            if actor:
                                return actor, f"object of '{c.lower_}'", t
            elif slot == "place":
                source_actor = self.index.actors.get(source_id) if source_id else None
                own = source_actor.country if source_actor else None
                for t in self.places_near(tok):
                    if from_origin(t):
                        continue  # "crossed from Belarus": where it came from, not whom it was done to
                    code = self.place_country(t)[1]
                    if code is None or code == own:
                        continue  # not a country, or the source's own: "Moscow intervened" is not against Russia
                    actor = self.implicit_country(t, code=code)
                    if actor:
                        return actor, "country where it happened", t
        if "none" not in pattern.targets and "target" not in pattern.needs:
            return self.embedded_target(tok, source_id)
        return None, "none found", None

    def place_state(self, tok: Any, noun: bool, pattern: Pattern, source_id: str | None, rule: str
                    ) -> tuple[str | None, str, Any]:
        """When no party is named, the state of the place the act is done in or aimed at -- the target, or for an
        arrest with no agent the source: "a curfew in Abidjan", "peacekeepers arrived in Sierra Leone", "agreed
        to set up a centre in Tokyo", "will withdraw its force from Chad". CAMEO and PLOVER code that country as
        the target (the state's territory and people), the source's own country included ("shortened the curfew
        in Sudan"). The place must hang on the trigger, its object, the verb an event noun is the object of, an
        act the trigger embeds, a purpose clause or a coordinated act of the same subject, by a locative
        preposition ("from"/"out of" only for withdrawals); the actor is an implicit country actor on the
        place's words."""
        hosts = [tok]
        if noun:
            verb = self.governing_verb(tok)
            if verb is None and tok.dep_ in ("nsubj", "nsubjpass"):
                verb = tok.head  # "the deployment ... arrived in Bosnia"
            if verb is not None:
                hosts.append(verb)
        # a coordinated act of the same subject is part of the same action: "established ties with and opened
        # an embassy in Tehran"
        hosts += [c for c in tok.children if c.dep_ == "conj" and c.pos_ == "VERB"
                  and not any(g.dep_ in SUBJECT_DEPS + PASSIVE_SUBJECT_DEPS for g in c.children)]
        for host in list(hosts):
            # its object, the acts it embeds, and a purpose clause ("to monitor the plant"), not a clause of time
            # or cause ("after protesters stormed his residence in Colombo")
            hosts += [c for c in host.children if c.dep_ in ("dobj", "xcomp", "ccomp") or (
                c.dep_ == "advcl" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children))]
        for host in list(hosts[1:]):
            if host.dep_ in ("xcomp", "ccomp", "advcl"):
                hosts += [c for c in host.children if c.dep_ == "dobj"]
        preps = PLACE_TARGET_PREPS | (WITHDRAWAL_PREPS if pattern.type == "RETREAT" or pattern.mode in (
            "withdraw", "expel") or tok.lemma_.lower() in WITHDRAWAL_LEMMAS else frozenset())
        seen: set[int] = set()
        for host in hosts:
            if host.i in seen:
                continue
            seen.add(host.i)
            for prep in host.children:
                if prep.dep_ != "prep" or prep.lower_ not in preps:
                    continue
                if prep.lower_ == "out" and not any(g.lower_ == "of" for g in prep.children):
                    continue
                pobjs = [g for g in prep.children if g.dep_ == "pobj"]
                pobjs += [g for c in prep.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
                for pobj in pobjs:
                    for t in self.place_words(pobj):
                        place, code = self.place_country(t)
                        if code is None or place is None or place.feature_class == "L":
                            continue
                        actor = self.implicit_country(t, code=code)
                        if actor and actor != source_id:
                            return actor, f"the country of the place '{prep.lower_} {t.text}'", t
                        break
        return None, rule, None

    @staticmethod
    def place_words(pobj: Any) -> list[Any]:
        """The words of a preposition's object phrase, which can name the place: its compounds, appositions, the
        name after "of" ("the town of Cizre", "the capital, Naypyitaw"), the place it is in ("a jail in northern
        Israel") -- but not the words of a clause inside it ("a force whose troops came from Chad")."""
        words: list[Any] = []
        frontier = [pobj]
        while frontier and len(words) < PLACE_WORDS_LIMIT:
            t = frontier.pop(0)
            words.append(t)
            frontier += [c for c in t.children if c.dep_ not in CLAUSE_DEPS_IN_NP]
        return sorted(words, key=lambda t: t.i)

    def between_pair(self, tok: Any) -> tuple[tuple[str | None, Any], tuple[str | None, Any]] | None:
        """The two parties of "between A and B" under a token, as (actor, token) pairs."""
        between = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "between"), None)
        pobj = next((g for g in between.children if g.dep_ == "pobj"), None) if between is not None else None
        if pobj is None:
            return None
        other = next(iter(pobj.conjuncts), None)
        return self.actor_of(pobj), (self.actor_of(other) if other is not None else (None, None))

    def embedded_target(self, tok: Any, source_id: str | None) -> tuple[str | None, str, Any]:
        """When the frame's slots are empty, the party of the act the trigger is about: the subject of a
        demanded clause ("demanded that Hamas renounce"), or the object of an embedded verb ("agreed to
        provide aid for Romania", "offered to hand over to Great Britain")."""
        hosts = [c for c in tok.children if c.dep_ in ("ccomp", "xcomp", "advcl", "acl")]
        if tok.dep_ == "compound":  # "a mediation mission between Syria and the PLO"
            hosts.insert(0, tok.head)
        for host in hosts:
            candidates = []
            if host.dep_ == "ccomp":
                candidates += [c for c in host.children if c.dep_ in SUBJECT_DEPS]
            objects = [c for c in host.children if c.dep_ in ("dobj", "dative")]
            candidates += objects
            # "to provide aid for Romania", "to continue military aid to Mozambique": the act's own object's
            # recipient as well as the act's
            for owner in (host, *objects):
                candidates += [g for c in owner.children if c.dep_ == "prep" and c.lower_ in EMBEDDED_TARGET_PREPS
                               for g in c.children if g.dep_ == "pobj"]
            for cand in candidates:
                actor, t = self.actor_of(cand)
                if actor and actor != source_id:
                    return actor, f"party of the embedded {host.text!r}", t
        return None, "none found", None

    # -- flags --------------------------------------------------------------------------------------------

    def governors(self, tok: Any, limit: int = 4) -> list[Any]:
        """The chain of heads above a trigger within its sentence (nearest first)."""
        out = []
        h = tok
        for _ in range(limit):
            if h.head.i == h.i:
                break
            out.append((h.dep_, h.head))
            h = h.head
        return out

    def flags(self, tok: Any, noun: bool) -> dict[str, str]:
        """Which flags hold, each with the words that set it."""
        found: dict[str, str] = {}
        children = list(tok.children)
        verb = self.governing_verb(tok) if noun else tok
        hosts = [tok] + ([verb] if verb is not None and verb.i != tok.i else [])
        for host in hosts:
            for c in host.children:
                if c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ in NEG_WORDS and host is tok):
                    found["negated"] = c.text
                if c.dep_ in SUBJECT_DEPS + PASSIVE_SUBJECT_DEPS and any(g.dep_ == "det" and g.lower_ == "no"
                                                                          for g in c.children):
                    found["negated"] = "no " + c.text
                if c.dep_ in ("aux", "auxpass"):
                    if c.lower_ in FUTURE_AUX or (c.lower_ == "would" and self.reported(host)):
                        found["future"] = c.text  # "said it would allow": the future of reported speech
                    elif c.lower_ in MODAL_AUX:
                        found["hypothetical"] = c.text
                if c.dep_ == "mark" and c.lower_ in HYPOTHETICAL_MARKS:
                    found["condition"] = c.text
        if noun and any(c.dep_ == "det" and c.lower_ == "no" for c in children):
            found["negated"] = "no"
        for (dep, head), below in zip(self.governors(tok), [tok, *(h for _d, h in self.governors(tok))],
                                      strict=False):
            lemma = head.lemma_.lower()
            if dep == "ccomp" and lemma in HYPOTHETICAL_GOVERNORS and "hypothetical" not in found:
                found["hypothetical"] = head.text  # "demanded that India release": not (yet) an event
            if dep == "xcomp" and lemma == "go" and head.tag_ == "VBG" and "future" not in found:
                found["future"] = "going to"
            if dep == "relcl" or (dep in ("ccomp", "advcl", "conj", "parataxis")
                                  and any(c.dep_ in SUBJECT_DEPS + PASSIVE_SUBJECT_DEPS for c in below.children)):
                break  # a clause with its own subject (or a relative clause) keeps its own tense and modality
            if dep in ("xcomp", "acl", "advcl", "dobj", "pobj", "prep", "ccomp", "attr", "acomp", "nsubj"):
                if lemma in NEGATING_GOVERNORS and "negated" not in found:
                    found["negated"] = head.text
                    if self.candidates(head):
                        found["negated_by_trigger"] = head.text  # "refused to accept": one event, the refusal
                if lemma in FUTURE_GOVERNORS and dep in ("xcomp", "prep", "pobj") and "future" not in found:
                    found["future"] = head.text
                if lemma in HYPOTHETICAL_GOVERNORS and "hypothetical" not in found:
                    found["hypothetical"] = head.text
                for c in head.children:
                    if c.dep_ == "neg" and "negated" not in found:
                        found["negated"] = c.text
                    if c.dep_ == "aux" and c.lower_ in FUTURE_AUX and "future" not in found:
                        found["future"] = c.text
                    if c.dep_ == "aux" and c.lower_ in MODAL_AUX and "hypothetical" not in found:
                        found["hypothetical"] = c.text
            if head.dep_ in ("ROOT",):
                break
        return found

    def reported(self, verb: Any) -> bool:
        """Whether a verb heads the reported clause of a speech verb ("X said [it would allow ...]")."""
        return bool(verb.dep_ == "ccomp" and verb.head.lemma_.lower() in SPEECH_LEMMAS)

    # -- place, date, quotes ------------------------------------------------------------------------------

    def clause_head(self, tok: Any) -> Any:
        cache = self.index.clause_head
        if tok.i in cache:
            return self.doc[cache[tok.i]]
        h = tok
        while h.dep_ not in CLAUSE_DEPS or (h.dep_ == "conj" and h.pos_ not in ("VERB", "AUX")):
            if h.head.i == h.i:
                break
            h = h.head
        cache[tok.i] = h.i
        return h

    def clause_tokens(self, tok: Any) -> list[Any]:
        head = self.clause_head(tok)
        return [t for t in tok.sent if self.clause_head(t).i == head.i]

    def place(self, tok: Any) -> tuple[str | None, str]:
        def best(tokens: list[Any]) -> str | None:
            hits: list[tuple[Any, str]] = [(t, p) for t in tokens if (p := self.index.place[t.i])]

            def locative(t: Any) -> bool:
                return bool((t.head.dep_ == "prep" and t.head.lower_ in LOCATIVE_PREPS)
                            or (t.dep_ in ("conj", "appos") and t.head.head.lower_ in LOCATIVE_PREPS))

            # a continent or region ("in Europe since World War Two") places an event only when nothing closer does
            near = [(t, p) for t, p in hits if self.index.places[p].feature_class != "L"]
            for group in ([p for t, p in near if locative(t)], [p for t, p in near if not from_origin(t)],
                          [p for t, p in hits if locative(t)], [p for _t, p in hits]):
                if group:
                    return group[0]
            return None

        clause = best(self.clause_tokens(tok))
        if clause:
            return clause, "clause"
        sentence = best(list(tok.sent))
        if sentence:
            return sentence, "sentence"
        main = main_place(self.article)
        if main is not None:
            return main.id, "article main place"
        return None, "no place in the article"

    def date(self, tok: Any, flags: dict[str, str]) -> tuple[str | None, str | None, str]:
        if "hypothetical" in flags and "negated" not in flags:
            return None, None, "not dated: hypothetical"
        times = self.article.times

        def nearest(tokens: list[Any]) -> TimeExpr | None:
            hits = [(abs(t.i - tok.i), self.index.time[t.i]) for t in tokens if self.index.time[t.i] is not None]
            if not hits:
                return None
            index = min(hits, key=lambda h: h[0])[1]
            return times[index] if index is not None else None

        found = nearest(self.clause_tokens(tok))
        rule = "clause"
        if found is None:
            head = self.clause_head(tok)
            if head.dep_ in ("relcl", "advcl", "acl") and self.index.time[head.head.i] is not None:
                found = times[self.index.time[head.head.i]]
                rule = "time the clause modifies"
        if found is None:
            # a time elsewhere in the sentence dates the event only when it dates a verb ("on Aug. 9" after
            # "election" dates the election, not the protests); a caption's date is the date of its scene
            caption = self.index.section[tok.i] == "caption"
            found = nearest([t for t in tok.sent if caption or self.dates_a_verb(t)])
            rule = "caption date" if caption else "sentence"
        if found is not None and found.value:
            if "T" in found.value:  # "2022-02-24TEV": an event is dated to the day
                return found.value.split("T")[0], "day", rule
            return found.value, found.granularity, rule
        if self.article.published:
            return self.article.published.isoformat(), "publication", "publication date"
        return None, None, "no date in the sentence and no publication date"

    def dates_a_verb(self, tok: Any) -> bool:
        """Whether the time expression that covers a token attaches to a verb (through its preposition)."""
        index = self.index.time[tok.i]
        if index is None:
            return False
        root = tok
        while self.index.time[root.head.i] == index and root.head.i != root.i:
            root = root.head
        head = root.head.head if root.head.dep_ == "prep" else root.head
        return bool(head.pos_ in ("VERB", "AUX"))

    def quote_at(self, tok: Any) -> Quote | None:
        return quote_at(self.article, tok.idx, tok.idx + len(tok.text))

    def reporter(self, tok: Any) -> tuple[str | None, str]:
        quote = self.quote_at(tok)
        if quote is not None:
            return quote.id, f"inside quote {quote.id}"
        for dep, head in self.governors(tok, limit=6):
            if dep == "ccomp" and head.lemma_.lower() in SPEECH_LEMMAS:
                actor, _rule, _t = self.subject(head)
                if actor:
                    return actor, f"reported by the subject of {head.text!r}"
        return None, ""

    # -- the event ----------------------------------------------------------------------------------------

    def adjust(self, pattern: Pattern, flags: dict[str, str]) -> tuple[str, str | None, tuple[str, ...], str] | None:
        """The type to code, given the flags: an announced intention is AGREE or THREATEN, a refusal REJECT;
        None when the event is only the object of a refusal that is coded itself.

        The flags are updated: a refusal is a real REJECT event, so its ``negated`` flag is moved into the note.
        """
        kind = pattern.type
        cue = flags.get("negated", "").lower()
        if cue and kind in REFUSABLE and cue != "no" and not cue.startswith("no "):
            if "negated_by_trigger" in flags:
                return None  # the governing "refused"/"rejected" is coded itself
            word = flags.pop("negated")
            flags.pop("future", None)
            flags.pop("hypothetical", None)
            return "REJECT", None, pattern.contexts, f"refusal ({word!r}) of {kind}"
        if "condition" in flags:
            # "will withdraw unless ...", "would meet if ...": a conditional announcement is still an intention;
            # a condition on anything else ("if the army attacks") is hypothetical
            word = flags.pop("condition")
            if "future" not in flags:
                flags["hypothetical"] = word
        if "future" in flags and "hypothetical" not in flags and "negated" not in flags:
            if kind in INTENT_TO_COOPERATE:
                return "AGREE", None, pattern.contexts, f"announced intention ({flags['future']!r}) to {kind}"
            if kind in INTENT_TO_CONFLICT:
                mode = THREAT_MODES.get(kind, {}).get(pattern.mode or "", THREAT_MODES.get(kind, {}).get("", None))
                return "THREATEN", mode, pattern.contexts, f"announced intention ({flags['future']!r}) to {kind}"
        return kind, pattern.mode, pattern.contexts, ""

    def make_event(self, tok: Any, pattern: Pattern, source: str | None, source_rule: str, source_tok: Any,
                   target: str | None, target_rule: str, target_tok: Any) -> Event | None:
        noun = tok.pos_ in ("NOUN", "PROPN")
        flags = self.flags(tok, noun)
        adjusted = self.adjust(pattern, flags)
        if adjusted is None:
            return None
        event_type, mode, contexts, note = adjusted
        flags.pop("negated_by_trigger", None)
        place, place_rule = self.place(tok)
        date, precision, date_rule = self.date(tok, flags)
        historical = False
        published = self.article.published
        if date and published and precision != "publication":
            end = period_end(date)
            if end is not None and (published - end).days >= HISTORICAL_DAYS:
                historical = True
        reported_by, reported_rule = self.reporter(tok)
        actors = self.index.actors
        src_sector = actors[source].sector if source else None
        tgt_sector = actors[target].sector if target else None
        acled, acled_sub = acled_type(event_type, mode, src_sector, tgt_sector)
        code = cameo_code(event_type, mode, contexts)
        trigger = mention_of(self.article, tok, "TRIGGER")
        words = [tok.text] + [c.text for c in tok.children if c.dep_ in ("prt",) or
                              (c.dep_ == "prep" and c.lower_ in pattern.preps)]

        def span_of(t: Any) -> dict[str, Any] | None:
            return mention_of(self.article, t).to_dict() if t is not None else None

        section = self.index.section[tok.i]
        return Event(
            id="",
            type=event_type,
            mode=mode,
            contexts=list(contexts),
            source=source,
            target=target,
            trigger=trigger,
            sentence=tok.sent.text.strip(),
            section="caption" if section == "caption" else "body",
            place=place,
            place_rule=place_rule,
            date=date,
            date_precision=precision,
            date_rule=date_rule,
            negated="negated" in flags,
            hypothetical="hypothetical" in flags,
            future="future" in flags,
            historical=historical,
            reported_by=reported_by,
            cameo=code,
            acled_type=acled,
            acled_subtype=acled_sub,
            intensity=intensity(event_type, mode),
            explanation={
                "pattern": pattern.id,
                "pattern_line": pattern.line,
                "coded_as": note or f"{pattern.type} by the pattern",
                "trigger": " ".join(words),
                "source_rule": source_rule,
                "source_span": span_of(source_tok),
                "target_rule": target_rule,
                "target_span": span_of(target_tok),
                "flags": flags,
                "reported": reported_rule,
            },
        )
