"""actors: who acts in an article, one canonical actor per person, organisation, government, group or country,
coded PLOVER/CAMEO style (country or IGO/NGO, sector, role, organisation) with the evidence for each code.

How it works, in order (every step reads the spaCy parse made once by ``annotate``):

1. A gazetteer scan over capitalised tokens finds the names the knowledge tables know: organisations,
   metonyms ("the Kremlin"), countries, capitals, nationality adjectives and demonyms, and one-letter
   misspellings of country names ("Ethopia"). One dict lookup per candidate span, no regex over the tables.
   Places the tables do not know (the model's GPE and LOC: "Darfur", "Kirkuk") take their country from the
   places gazetteer when their large namesakes all lie in one country. Acronyms the text defines in brackets
   ("the Revolutionary United Front (RUF)") are noted.
2. Candidate mentions, claimed left to right by priority so that a longer phrase absorbs the names inside it:
   people (the model's PERSON entities, with the titles and qualifiers before them: "NATO Secretary-General
   Jens Stoltenberg"), titled and group noun phrases ("the head of the FSB security service", "Belarusian
   demonstrators", "The regime in Minsk"), organisations, metonyms, and countries or capitals only where they
   act (subject, possessor, agent, object, or a partner of an event noun), never where they are locations.
   The model's label errors are corrected where the context is clear ("said Stoltenberg" is a person when a
   Stoltenberg is already named, or when a bare name is the subject of a speech verb; "Tigray" or "in Ladakh"
   tagged PERSON is a place; "Aung San" is completed to "Aung San Suu Kyi").
3. Coreference (``coref.py``): short names join full names ("Stoltenberg"; "Abiy" of "Abiy Ahmed", "Yoon" of
   "Yoon Suk Yeol"), acronyms join the names they stand for, bare titles join the named holder of that title,
   pronouns go to the nearest compatible antecedent with speaker continuity in quote runs.
4. Coding, by evidence in a fixed order (the first that gives a field wins): the mention itself (title,
   nationality, organisation, a place "in/of/from X" inside it), metonyms, organisations, office holders on
   the publication date, group nouns with their context (a location in the same sentence), and the article's
   main country (its dateline, else the countries it names, weighted; see ``context``). An actor whose
   country came only from the context takes its possessor's ("Kurti's government").

Also :func:`actor_at`, for later stages: the actor one of whose mentions overlaps a character span.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Any

from eventwire.knowledge import Knowledge, Row
from eventwire.knowledge.gazetteer import default_gazetteer
from eventwire.model import Actor, Article, Mention
from eventwire.stages.base import Stage, StageContext, register
from eventwire.stages.coref import (
    PLURAL_PRONOUNS,
    PRONOUNS,
    Ref,
    given_name_match,
    pronoun_gender,
    resolve_pronoun,
    same_person,
    words_gender,
)
from eventwire.stages.spans import mention

INDEX_KEY = "eventwire_actor_index"

# Evidence ranks, in the order the issue sets: lower wins when two mentions of one actor disagree.
RANK_MENTION = 1
RANK_METONYM = 2
RANK_ORGANISATION = 3
RANK_OFFICE = 4
RANK_TITLE = 5  # a title that exists in one country only
RANK_CONTEXT = 6
RANK_MAIN_COUNTRY = 7

# How far to the left a mention may reach from its head over titles and qualifiers ("NATO Secretary-General
# Jens Stoltenberg" is 5 tokens; 8 covers "Former Socialist prime minister Andreas Papandreou" style
# phrases in the PLOVER gold sentences without swallowing clauses in the seed story).
MAX_LEFT_TOKENS = 8
# Longest gazetteer entry, in tokens, that the scan tries ("the Democratic People's Republic of Korea").
MAX_SCAN_TOKENS = 10
# Captions say where the story is set ("in Minsk, Belarus, 26 August 2020"): their country mentions count
# double toward the article's main country. Chosen by hand: 2 makes a caption dateline outweigh one passing
# mention of another country in the body, not a country the body is about.
CAPTION_WEIGHT = 2
# Weights of the evidence for the article's main country (see _ArticleRun.context). Set by hand on the demo
# corpus (demo/corpus, 34 stories, checking each story's main country): a nationality word counts half a
# name, because stories mark foreign actors with their nationality ("Russian missiles" in a Kyiv story) and
# leave local ones unmarked. A dateline ("KYIV —") says where the story was filed: it decides outright.
NAME_WEIGHT = 1.0
NATIONALITY_WEIGHT = 0.5
LEAD_WEIGHT = 2.0  # the first sentence of a story says where it happens, like a caption (CAPTION_WEIGHT)
# National organisations of these kinds count toward the main country like a nationality word ("UNITA" in an
# Angolan story); media and companies do not (a Reuters credit says nothing of where a story is set).
SETTING_ORG_KINDS = frozenset({"party", "armed_group", "agency", "court", "other"})
# What follows the place of a dateline: "KYIV —", "MINSK, Aug 11 (Reuters) -", "GOMA (AP) -".
DATELINE_FOLLOWERS = frozenset({"—", "–", "-", ",", "("})

# Places below the country level that give their country to actors in or of them ("the rebels in Darfur",
# "the government of Sindh province"): the gazetteer's regions and first-level subdivisions, and cities at least
# this large, as the places stage counts a place salient (stages/places.py SALIENT_CITY_POPULATION).
SALIENT_PLACE_CODES = frozenset({"ADM1", "ADMD", "RGN", "PRSH", "TERR"})
SALIENT_PLACE_POPULATION = 200_000
# Misspelt names are looked for among these gazetteer categories, for words of at least MIN_TYPO_LENGTH letters
# (names one letter shorter: "Quatar" for "Qatar"): one edit turns many shorter words into another (Iran/Iraq,
# Oman/Omar, Mali/Bali). Only a dropped, added or swapped letter counts, not a changed one ("Columbia" is a
# name of its own). Set by hand on the PLOVER gold sentences, the demo corpus and the TimeBank/AQUAINT news
# texts (../shared/data/time), where no word is now read as a wrong country.
TYPO_CATEGORIES = frozenset({"country", "capital", "adjective", "demonym"})
MIN_TYPO_LENGTH = 6
# Dependency relations by which a country or capital is an actor rather than a place.
ACTING_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "agent", "dobj", "dative", "poss", "attr", "oprd"})
# Prepositions whose object is a party to what happens ("talks with Albania", "sanctions against Nigeria").
ACTING_PREPS = frozenset({"with", "against", "to", "toward", "towards", "on", "upon", "between", "by", "for"})
# Heads after which "to X" is a destination, not a party ("a trip to Belarus").
MOTION_HEADS = frozenset({
    "trip", "flight", "fly", "travel", "journey", "return", "go", "come", "head", "move", "flee", "drive",
    "sail", "road", "route", "way", "land", "arrive", "border", "next", "back", "due", "close", "near", "up",
})
# Nouns of events and positions: a nationality or country modifying one of them is a party ("an Indian
# proposal", "US mediation"), while one modifying a thing is not ("a Russian government plane").
EVENT_NOUNS = frozenset({
    "plan", "offer", "proposal", "request", "demand", "ultimatum", "call", "appeal", "attack", "raid",
    "strike", "strikes", "airstrike", "offensive", "invasion", "incursion", "intervention", "bombing",
    "shelling", "aid", "support", "help", "assistance", "pressure", "threat", "warning", "criticism",
    "complaint", "accusation", "ban", "embargo", "sanction", "sanctions", "veto", "deal", "pledge", "promise",
    "initiative", "effort", "efforts", "bid", "move", "decision", "policy", "position", "stance", "statement",
    "response", "reply", "refusal", "rejection", "withdrawal", "pullback", "blockade", "occupation",
    "mediation", "recognition", "approval", "denial", "boycott", "crackdown", "campaign", "operation",
    "retaliation", "changes", "concessions", "concession", "demands", "proposals", "raids",
    "attacks", "threats", "accusations", "objections", "objection", "protest", "protests", "involvement",
    "role", "backing", "opposition", "refusals", "announcement", "declaration", "warnings", "rule",
})
# Heads of organisation names that make an otherwise unknown organisation non-governmental ("the Association of
# African Jurists", "the Third World Water Forum"); "committee", "council" and "league" are left out: governments
# and parties have them too.
NGO_NAME_HEADS = frozenset({"association", "foundation", "forum", "society"})
# Sectors of non-governmental organisations: with no country of their own, their country slot is NGO.
NGO_SECTORS = frozenset({"NGO", "HRI", "ENV"})
# Prefixes that turn a country word into a stance ("anti-Syria", "pro-Russian", "non-Western"): the actor is
# not of that country.
STANCE_PREFIXES = frozenset({"anti", "pro", "non"})
# Words in a mention that make its holder a former office holder (CAMEO codes them as elites, ELI).
FORMER_WORDS = frozenset({"former", "ex", "ex-", "ousted", "deposed", "toppled", "exiled", "late", "then"})
# Prepositions whose object is a place ("in Ladakh", "around Goma"): a one-word PERSON of the model there is
# a toponym the model mislabelled. "on", "from", "with" and "to" are left out: "pressure on Lukashenko", "a
# letter from Biden", "talks with Putin" name people.
LOCATIVE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "around", "across", "into", "throughout",
                            "within", "towards", "toward", "beyond", "along"})
# Prepositions that set a sentence in a place ("in Minsk"): its country is the context of group nouns.
LOCATIVE_PREPS_FOR_CONTEXT = frozenset({"in", "at"})
# The model's entity labels that are never actors (dates, money, laws…), whatever table names they hold.
NOT_ACTOR_ENTS = frozenset({"LOC", "EVENT", "LAW", "LANGUAGE", "WORK_OF_ART", "PRODUCT", "DATE", "TIME",
                            "MONEY", "QUANTITY", "PERCENT", "CARDINAL", "ORDINAL"})
# Participles that say where the people or body of a phrase are from ("a group based in Trinidad").
LOCATING_VERBS = frozenset({"base", "headquarter", "live", "reside"})
# Weapons and war machines that stand for a country's military when its nationality qualifies them ("Israeli
# tanks", "Russian missiles", "French warships"), as CAMEO codes them; alone they are no actor.
WEAPON_HEADS = frozenset({"warships", "warship", "gunboats", "tanks", "helicopters", "gunships", "warplanes",
                          "jets", "bombers", "aircraft", "drones", "missiles", "rockets", "artillery"})
# Trailing words the model leaves in an organisation's name ("the Capitol today", "the National Congress in").
TIME_WORDS = frozenset({"today", "tonight", "yesterday", "tomorrow", "now"})
TRIM_POS = frozenset({"ADP", "ADV", "DET", "CCONJ", "SCONJ", "PRON", "VERB", "AUX", "PART", "PUNCT"})
# Untagged proper-noun runs read as a titled person's name: two words at least (a single capitalised word after
# a title is as often a place or an organisation), four at most.
MIN_UNTAGGED_NAME = 2
MAX_UNTAGGED_NAME = 4
# Generic heads of organisations' names: "the Hamas movement", "the Hizbollah group", "the Fatah Party" are the
# organisation itself.
ORG_HEAD_WORDS = frozenset({"group", "movement", "party", "militia", "organisation", "organization", "faction",
                            "network", "alliance", "coalition", "front", "regime", "government", "administration"})
# Nouns of quantity: in "thousands of Iraqi Kurds", "scores of refugees" the people are the ones who act.
QUANTITY_NOUNS = frozenset({"thousands", "hundreds", "dozens", "scores", "millions", "tens", "number", "crowd",
                            "crowds", "group", "groups", "handful", "majority", "most", "some", "many", "all"})
# Longest acronym read in brackets after a name ("(SPLM/A)", "(MASSOB)").
MAX_ACRONYM_LENGTH = 10
# Currency signs after a country's abbreviation ("US $50 million", "HK$") make it a currency, not a country.
CURRENCY_SIGNS = frozenset({"$", "£", "€", "¥"})
# Speech verbs used when the knowledge folder has no speech_verbs table.
DEFAULT_SPEECH_VERBS = frozenset({"say", "tell", "add", "state", "announce", "declare", "claim", "insist",
                                  "warn", "stress", "note", "explain", "write", "argue", "reply", "confirm"})
# Generic head nouns that make a title with "of" and an organisation ("the head of the FSB security service").
HEAD_NOUNS = frozenset({"head", "chief", "boss", "leader", "director", "chairman", "commander", "spokesman",
                        "spokeswoman", "spokesperson", "deputy"})
# Abbreviated titles before names ("Lt. Gen. Prosper Avril"), written out for the titles table.
TITLE_ABBREVIATIONS = {
    "gen": "general", "lt": "lieutenant", "col": "colonel", "maj": "major", "capt": "captain", "cpt": "captain",
    "sgt": "sergeant", "adm": "admiral", "brig": "brigadier", "gov": "governor", "sen": "senator",
    "pres": "president", "amb": "ambassador", "cmdr": "commander", "insp": "inspector", "supt": "superintendent",
    "prof": "professor",
}
# Honorifics: part of a mention, never of a name, and no sector of their own.
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "madam", "mister"})
# Collective heads that take their sector from a group noun modifying them ("opposition coalition", "rebel
# group", "police unit"); groups.tsv lists the nouns, these only carry them.
COLLECTIVE_HEADS = frozenset({
    "coalition", "coalitions", "group", "groups", "movement", "movements", "alliance", "bloc", "camp", "faction",
    "factions", "wing", "forces", "force", "unit", "units", "members", "supporters", "leaders", "leadership",
    "delegation", "delegations", "side", "sides", "council", "committee", "front", "network", "cell", "cells",
    "brigade", "brigades", "battalion", "battalions", "contingent", "patrol", "patrols", "squad", "commanders",
    "spokesman", "spokeswoman", "officers", "chiefs", "sources", "elements", "fighters",
})
# Collective heads that keep the kind of the group noun that qualifies them: "the military camp" may be a place,
# "the media wing" an institution; a "coalition" or a "group" is always a set of people.
BODY_LIKE_HEADS = frozenset({"camp", "side", "sides", "front", "wing", "cell", "cells", "unit", "units", "network",
                             "council", "committee"})
# "Serbian forces", "US forces": a country's forces are its military (CAMEO codes them MIL). groups.tsv has
# only qualified forms ("security forces", "rebel forces"), so the bare head is read here.
FORCES_HEADS = {"forces": "MIL", "force": "MIL"}
# Words that make a nationality word an ethnicity: the actor's country is where the people live.
ETHNIC_WORDS = frozenset({"ethnic", "ethnically"})
# How many sentences back a person known to be of a pronoun's gender (in the same paragraph) is preferred to
# a closer person of unknown gender. Set by hand on the demo corpus, where "she said" after a male speaker
# whose gender no word gave went to him.
PRONOUN_GENDER_WINDOW = 3
# Sectors of a state's own offices: a titled person in one of them with no country ("President Omar El
# Bashir") takes the country the sentence or the article is set in, like an unqualified group noun.
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY", "JUD", "LEG"})
# A titled person of these sectors with no country of their own takes the country of the story too: the
# state's offices, and the country's opposition, parties and elites ("opposition leader X", "former president
# Carlos Menem" in a story about Argentina).
PERSON_CONTEXT_SECTORS = STATE_SECTORS | {"OPP", "PTY", "ELI"}
# Sectors whose institutions ("the court", "the parliament", "state media") are organisations, not groups.
BODY_ORGANISATION_SECTORS = frozenset({"JUD", "LEG", "MED", "EDU", "HLH", "REL", "BUS", "NGO", "HRI", "ENV", "PTY",
                                       "IGO", "SPY"})
# Sectors of victims, and of armed actors: victims with no country of their own do not take the country of an
# armed actor that strikes them in the same sentence when the article names another (_ArticleRun.fallback_country).
VICTIM_SECTORS = frozenset({"CVL", "REF"})
ARMED_SECTORS = frozenset({"MIL", "REB", "INS", "UAF", "SEP"})
COPULAS = frozenset({"be", "seem", "appear", "remain", "become", "look", "happen", "take", "matter"})
QUOTE_CHARS = frozenset({"\"", "“", "”", "‘", "’", "«", "»", "``", "''"})
OPENING_MARKS = frozenset({"“", "«", "``"})  # double quotation marks only: ’ is an apostrophe as often as a mark
CLOSING_MARKS = frozenset({"”", "»", "''"})
BREAK_CHARS = frozenset({",", ";", ":", "(", ")", "[", "]", "—", "–"}) | QUOTE_CHARS


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()]


def _norm(text: str) -> str:
    """A gazetteer key: apostrophes unified, whitespace collapsed, a leading "the" dropped."""
    text = " ".join(text.replace("’", "'").split())
    if text[:4].lower() == "the ":
        text = text[4:]
    return text


def _is_acronym(text: str) -> bool:
    return text.isupper()


def _date(value: str) -> dt.date | None:
    value = value.strip()
    if not value:
        return None
    for size, suffix in ((10, ""), (7, "-01"), (4, "-01-01")):
        if len(value) == size:
            try:
                return dt.date.fromisoformat(value + suffix)
            except ValueError:
                return None
    return None


def _plural(word: str) -> str:
    if word.endswith("man"):
        return word[:-3] + "men"
    if word.endswith(("s", "sh", "ch", "x", "z")):
        return word
    return word + "s"


def _plain(name: str) -> str:
    """A name folded for comparison: lower case, without accents ("Erdoğan" -> "erdogan")."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _deletes(word: str) -> set[str]:
    """The word and every string made by deleting one of its letters."""
    return {word} | {word[:i] + word[i + 1:] for i in range(len(word))}


def _one_slip(word: str, name: str) -> bool:
    """Is ``word`` ``name`` with one letter dropped, one letter added, or two adjacent letters swapped?"""
    if len(word) + 1 == len(name):
        return any(name[:i] + name[i + 1:] == word for i in range(len(name)))
    if len(word) == len(name) + 1:
        return any(word[:i] + word[i + 1:] == name for i in range(len(word)))
    if len(word) == len(name):
        diff = [i for i in range(len(word)) if word[i] != name[i]]
        return len(diff) == 2 and diff[1] == diff[0] + 1 and word[diff[0]] == name[diff[1]] and \
            word[diff[1]] == name[diff[0]]
    return False


def _title_case(text: str) -> str:
    """"secretary-general" -> "Secretary-General", "minister of defence" -> "Minister of Defence"."""
    small = {"of", "for", "and", "the", "on", "in"}
    words = []
    for i, word in enumerate(text.split()):
        parts = [p if (p in small and i) else p[:1].upper() + p[1:] for p in word.split("-")]
        words.append("-".join(parts))
    return " ".join(words)


@dataclass(frozen=True)
class Org:
    name: str
    country: str | None
    sector: str | None
    kind: str


@dataclass(frozen=True)
class Lex:
    """A title ("president") or a group noun ("police") with its sector."""

    term: str
    sector: str | None
    kind: str
    title: bool
    country: str | None = None  # an office of one country only ("taoiseach" IRL)


@dataclass(frozen=True)
class Holder:
    name: str
    country: str | None
    sector: str | None
    role: str | None
    organisation: str | None
    start: dt.date | None
    end: dt.date | None


@dataclass(frozen=True)
class Hit:
    """A gazetteer match: an organisation, metonym, country, capital, adjective or demonym."""

    category: str
    term: str
    iso3: str | None = None
    sector: str | None = None
    org: Org | None = None


# When one key is in several tables, the more specific reading wins.
CATEGORY_ORDER = {"org": 0, "metonym": 1, "country": 2, "capital": 3, "demonym": 4, "adjective": 5, "person": 6}


class ActorTables:
    """The knowledge tables the actors stage reads, indexed once into dicts."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.exact: dict[str, Hit] = {}  # acronyms, matched case-sensitively ("US", "FSB", "WHO")
        self.folded: dict[str, Hit] = {}  # everything else, matched case-insensitively on capitalised text
        self.country_name: dict[str, str] = {}
        self.orgs_by_name: dict[str, Org] = {}
        self.titles: dict[str, Lex] = {}
        self.groups: dict[str, Lex] = {}
        self.holders: dict[str, list[Holder]] = {}
        self.holders_by_surname: dict[str, list[Holder]] = {}
        self.sectors: set[str] = {r["code"] for r in knowledge.table("sectors") if r["code"]}
        self.speech_verbs: set[str] = {
            r["lemma"] for r in knowledge.table("speech_verbs") if r["lemma"] and r.get("kind", "speech") == "speech"
        } or set(DEFAULT_SPEECH_VERBS)
        self.max_left_lex = 1
        self.last_words: set[str] = set()  # the words a title or group noun can end with: a cheap first test
        self.iso3_of_iso2: dict[str, str] = {}
        self.place_cache: dict[str, str | None] = {}
        for row in knowledge.table("countries"):
            self._country(row)
        for row in knowledge.table("metonyms"):
            for term in _split(row["term"]):
                key = _norm(term)
                if key:
                    country = row["country"].strip().upper() or None
                    self._add(key, Hit("metonym", key, country, self._sector(row["sector"])))
        for row in knowledge.table("organisations"):
            self._org(row)
        for row in knowledge.table("titles"):
            self._lex(row, row["title"], title=True)
        for row in knowledge.table("groups"):
            self._lex(row, row["term"], title=False)
        for row in knowledge.table("office_holders"):
            self._holder(row)
        self.first_words = {key.split()[0].casefold() for key in self.folded} | {
            key.split()[0] for key in self.exact
        }
        # the tokenizer splits "Kassym-Jomart" at its hyphen: the first piece starts the name too
        self.first_words |= {w.split("-")[0] for w in self.first_words if "-" in w[1:]}
        # one-edit misspellings of one-word country names, capitals and nationality words ("Ethopia",
        # "Afganistan", "Quatar", "Ghanians"), by symmetric deletion: a word and a name are one edit apart when
        # they are equal after deleting at most one letter from each
        self.typos: dict[str, set[str]] = {}
        for key, hit in self.folded.items():
            if hit.category in TYPO_CATEGORIES and hit.iso3 and " " not in key and len(key) >= MIN_TYPO_LENGTH - 1:
                for variant in _deletes(key):
                    self.typos.setdefault(variant, set()).add(key)

    def _sector(self, code: str) -> str | None:
        code = code.strip().upper()
        return code or None

    def _add(self, key: str, hit: Hit) -> None:
        table = self.exact if _is_acronym(key) and len(key) <= 8 else self.folded
        k = key if table is self.exact else key.casefold()
        old = table.get(k)
        if old is None or CATEGORY_ORDER[hit.category] < CATEGORY_ORDER[old.category]:
            table[k] = hit

    def _country(self, row: Row) -> None:
        iso3 = row["iso3"].strip().upper()
        if not iso3:
            return
        if row["iso2"].strip():
            self.iso3_of_iso2[row["iso2"].strip().upper()] = iso3
        name = row["name"].strip()
        if name:
            self.country_name[iso3] = name
        for term in [name, *_split(row["aliases"])]:
            if term:
                self._add(_norm(term), Hit("country", _norm(term), iso3))
        for term in _split(row["adjectives"]):
            self._add(_norm(term), Hit("adjective", _norm(term), iso3))
        for term in _split(row["demonyms"]):
            self._add(_norm(term), Hit("demonym", _norm(term), iso3))
            self._add(_norm(_plural(term)), Hit("demonym", _norm(_plural(term)), iso3))
        for term in [row["capital"], *_split(row["capital_aliases"])]:
            if term.strip():
                self._add(_norm(term), Hit("capital", _norm(term), iso3, "GOV"))

    def _org(self, row: Row) -> None:
        name = row["name"].strip()
        if not name:
            return
        country = row["country"].strip().upper() or None
        sector = self._sector(row["sector"])
        org = Org(name, country, sector, row["kind"].strip().lower())
        for term in [name, *_split(row["aliases"])]:
            key = _norm(term)
            if key:
                self._add(key, Hit("org", key, country, sector, org))
                self.orgs_by_name[key.casefold()] = org

    def _lex(self, row: Row, terms: str, title: bool) -> None:
        for raw in _split(terms):
            term = " ".join(raw.replace("’", "'").casefold().split())
            if term[:4] == "the ":
                term = term[4:]
            if not term:
                continue
            lex = Lex(term, self._sector(row["sector"]), row["kind"].strip().lower(), title,
                      row["country"].strip().upper() or None)
            table = self.titles if title else self.groups
            table.setdefault(term, lex)
            last = term.split()[-1]
            self.last_words.update({last, last.split("-")[0], last.split("-")[-1]})
            self.max_left_lex = max(self.max_left_lex, len(term.replace("-", " - ").split()))

    def _holder(self, row: Row) -> None:
        name = row["name"].strip()
        if not name:
            return
        holder = Holder(
            name,
            row["country"].strip().upper() or None,
            self._sector(row["sector"]),
            row["role"].strip() or None,
            row["organisation"].strip() or None,
            _date(row["start"]),
            _date(row["end"]),
        )
        for term in [name, *_split(row["aliases"])]:
            key = " ".join(term.casefold().split())
            self.holders.setdefault(key, []).append(holder)
            if term.strip()[:1].isupper():
                # the model misses many names ("Merkel told reporters"): the office holders' are known
                self._add(_norm(term), Hit("person", _norm(term)))
        surname = name.split()[-1].casefold()
        self.holders_by_surname.setdefault(surname, []).append(holder)

    def place_country(self, name: str) -> str | None:
        """The country (ISO3) of a place name below the country level that the tables do not know ("Darfur",
        "Sindh", "Kirkuk"), from the places gazetteer: only when its large places (regions, first-level
        subdivisions, cities of ``SALIENT_PLACE_POPULATION`` or more) all lie in one country, so that "Tripoli"
        (Libya and Lebanon) gives none. Cached per name."""
        if name in self.place_cache:
            return self.place_cache[name]
        try:
            entries = default_gazetteer().lookup(name)
        except (OSError, ValueError, KeyError):
            entries = []
        countries = {e.country for e in entries if e.country and (
            e.feature_code in SALIENT_PLACE_CODES or (e.is_city and e.population >= SALIENT_PLACE_POPULATION))}
        iso3 = self.iso3_of_iso2.get(countries.pop()) if len(countries) == 1 else None
        self.place_cache[name] = iso3
        return iso3

    def misspelt(self, word: str) -> Hit | None:
        """The country, capital or nationality word that ``word`` misspells by one letter, when only one does."""
        folded = word.casefold()
        if len(folded) < MIN_TYPO_LENGTH or not folded.isalpha() or folded in self.folded:
            return None
        keys: set[str] = set()
        for variant in _deletes(folded):
            keys |= self.typos.get(variant, set())
        # a dropped, doubled or swapped letter; not a changed one ("Columbia" is no misspelt "Colombia")
        keys = {k for k in keys if _one_slip(folded, k)}
        hits = {self.folded[k].iso3: self.folded[k] for k in keys}
        return next(iter(hits.values())) if len(hits) == 1 else None

    def lookup(self, text: str) -> Hit | None:
        """The gazetteer entry a span of text names, if any (case-sensitive for acronyms)."""
        key = _norm(text)
        if not key:
            return None
        hit = self.exact.get(key)
        if hit is not None:
            return hit
        if _is_acronym(key) and len(key) <= 8 and len(key.replace(".", "")) <= 3:
            return None  # a short all-caps word that is no known acronym ("AND", "IS")
        return self.folded.get(key.casefold())

    def lexeme(self, words: str, lemma_words: str) -> Lex | None:
        """A title or group noun for a phrase (its text, or its text with the head lemmatised)."""
        for key in (words, lemma_words):
            lex = self.titles.get(key) or self.groups.get(key)
            if lex is not None:
                return lex
        return None

    @staticmethod
    def by_date(rows: list[Holder], date: dt.date | None) -> list[Holder] | None:
        """Among holders who share a surname, the one a bare surname means on the date: the one in office
        then ("Bush" in 2005); when none is, and all were of one country, the last to leave office ("Bush"
        in 2015: the country is sure, the person is the likelier one); else None, the surname cannot choose."""
        if date is None:
            return None
        current = [r for r in rows if (r.start is None or r.start <= date) and (r.end is None or date <= r.end)]
        if current and len({r.name for r in current}) == 1:
            return current
        if current or len({r.country for r in rows}) > 1:
            return None
        ended = [r for r in rows if r.end is not None and r.end < date]
        if not ended:
            return None
        last = max(ended, key=lambda r: r.end or dt.date.min)
        return [r for r in rows if r.name == last.name]

    def office(self, name: str, date: dt.date | None) -> tuple[Holder, str] | None:
        """The office holder a name refers to, and the state of their term on the date: "in office",
        "former" (the term ended before the date), "future" (it began after) or "undated"."""
        key = " ".join(name.casefold().split())
        rows = self.holders.get(key)
        if not rows:
            parts = key.split()
            if len(parts) == 1:
                rows = self.holders_by_surname.get(parts[0])
                if rows and len({r.name for r in rows}) > 1:
                    rows = self.by_date(rows, date)
            elif len(parts) >= 2:
                cands = self.holders_by_surname.get(parts[-1], [])
                rows = [r for r in cands if r.name.casefold().split()[0] == parts[0]] or None
        if not rows:
            return None
        if date is None:
            current = [r for r in rows if r.end is None]
            return (current or rows)[-1], "undated"
        for row in rows:
            if (row.start is None or row.start <= date) and (row.end is None or date <= row.end):
                return row, "in office"
        ended = [r for r in rows if r.end is not None and r.end < date]
        if ended:
            return max(ended, key=lambda r: r.end or dt.date.min), "former"
        return min(rows, key=lambda r: r.start or dt.date.max), "future"


@dataclass
class Clue:
    value: str
    rank: int
    evidence: str


@dataclass
class Cand:
    """A candidate mention of an actor, with the codes its own words give."""

    start: int  # first token
    end: int  # one past the last token
    head: int
    label: str  # PERSON, ORG, NOMINAL, METONYM, GPE, NORP, PRONOUN
    kind: str
    name: str = ""
    key: tuple[str, ...] = ()
    codes: dict[str, Clue] = field(default_factory=dict)
    link: int | None = None  # a candidate (by start token) this one is known to corefer with
    subject: bool = False
    speaker: bool = False
    plural: bool = False
    former: bool = False
    title_only: bool = False
    has_org: bool = False
    cluster: int = -1

    def give(self, fld: str, value: str | None, rank: int, evidence: str) -> None:
        if not value:
            return
        old = self.codes.get(fld)
        if old is None or rank < old.rank:
            self.codes[fld] = Clue(value, rank, evidence)


@register("actors")
class Actors(Stage):
    """People, organisations, governments, groups and acting countries, coded with country, sector and role."""

    name = "actors"
    requires = ("doc",)
    assigns = ("actors",)

    def __init__(self, ctx: StageContext) -> None:
        self.tables = ActorTables(ctx.knowledge)

    def process_article(self, article: Article) -> None:
        article.actors = _ArticleRun(self.tables, article).run()
        if article.doc is not None:
            article.doc.user_data.pop(INDEX_KEY, None)


class _ArticleRun:
    """Everything the stage does for one article (state kept per article, tables shared)."""

    def __init__(self, tables: ActorTables, article: Article) -> None:
        self.t = tables
        self.article = article
        self.doc: Any = article.doc
        doc = self.doc
        n = len(doc)
        self.text: str = doc.text  # Doc.text joins every token: compute it once
        self.toks: list[Any] = list(doc)  # iterating a Doc makes Token objects: do it once
        self.tok_start: list[int] = [t.idx for t in self.toks]
        self.tok_end: list[int] = [t.idx + len(t.text) for t in self.toks]
        self.claimed: list[int] = [-1] * n  # token -> start token of the candidate that owns it
        self.sent_of: list[int] = [0] * n
        self.sent_starts: list[int] = []
        for si, sent in enumerate(doc.sents):
            self.sent_starts.append(sent.start)
            for i in range(sent.start, sent.end):
                self.sent_of[i] = si
        self.ent_label: list[str] = [""] * n
        self.ent_of: list[Any] = [None] * n
        for ent in doc.ents:
            for i in range(ent.start, ent.end):
                self.ent_label[i] = ent.label_
                self.ent_of[i] = ent
        self.hits: dict[int, tuple[int, Hit]] = {}  # start token -> (end token, hit)
        # the words of the model's PERSON names: never read as misspelt place names ("Paul Moskal")
        self.surnames: set[str] = {t.lower_ for ent in doc.ents if ent.label_ == "PERSON" for t in ent}
        self.hit_at: list[int] = [-1] * n  # token -> start token of the hit covering it
        self.person_hits: dict[int, int] = {}  # office holders' names: start token -> end token
        # places the tables do not know (GPE/LOC entities): start token -> (end token, country ISO3)
        self.place_hits: dict[int, tuple[int, str]] = {}
        segs = article.segments()
        self.seg_starts = [s.doc_start for s in segs]
        self.seg_caption = [s.section == "caption" for s in segs]
        self.cands: dict[int, Cand] = {}  # by start token
        self.sides: dict[int, list[tuple[int, str, str, str]]] = {}  # per sentence: see sentence_sides
        # "RUF" -> (first token, one past the last token of "Revolutionary United Front", tokens of "RUF")
        self.acronyms: dict[str, tuple[int, int, int]] = {}
        self.country_rank: dict[int, int] = {}  # id(actor) -> rank of the clue that gave its country
        # mentions nested in another one ("Hungarian" in "Hungarian and Romanian officials")
        self.extra: list[Cand] = []

    # ------------------------------------------------------------------ helpers
    def segment(self, token: int) -> int:
        return max(bisect_left(self.seg_starts, self.toks[token].idx + 1) - 1, 0)

    def span_text(self, start: int, end: int) -> str:
        return self.text[self.tok_start[start]: self.tok_end[end - 1]]

    def words(self, start: int, end: int) -> str:
        return " ".join(self.span_text(start, end).replace("’", "'").casefold().split())

    def is_subject(self, tok: Any) -> bool:
        while tok.dep_ in ("conj", "appos") and tok.head.i != tok.i:
            tok = tok.head
        return bool(tok.dep_ in ("nsubj", "nsubjpass"))

    def governing_verb(self, tok: Any) -> Any:
        while tok.dep_ in ("conj", "appos", "compound") and tok.head.i != tok.i:
            tok = tok.head
        return tok.head

    def is_speaker(self, tok: Any) -> bool:
        if not self.is_subject(tok):
            return False
        verb = self.governing_verb(tok)
        return bool(verb.lemma_ in self.t.speech_verbs)

    # ------------------------------------------------------------------ 1. gazetteer scan
    def scan(self) -> None:
        doc = self.doc
        toks = self.toks
        n = len(doc)
        i = 0
        while i < n:
            tok = toks[i]
            first = tok.text[:1]
            if not first.isupper():
                i += 1
                continue
            if tok.text.casefold() not in self.t.first_words and tok.text not in self.t.first_words \
                    and not any(tok.text.startswith(w) for w in ("U.", "E.", "Ivory")):
                typo = self.misspelling(tok)
                if typo is not None:
                    self.hits[i] = (i + 1, typo)
                    self.hit_at[i] = i
                i += 1
                continue
            found: tuple[int, Hit] | None = None
            for j in range(min(n, i + MAX_SCAN_TOKENS), i, -1):
                if toks[j - 1].is_space or "\n" in toks[j - 1].text:
                    continue
                text = self.span_text(i, j)
                if "\n" in text:
                    continue
                hit = self.t.lookup(text)
                if hit is not None:
                    found = (j, hit)
                    break
            if found is None:
                i += 1
                continue
            j, hit = found
            if self.skip_hit(i, j, hit):
                i = j
                continue
            if hit.category == "person":
                self.person_hits[i] = j  # kept apart: a name is no country or organisation clue
                i = j
                continue
            self.hits[i] = (j, hit)
            for k in range(i, j):
                self.hit_at[k] = i
            i = j

    def scan_places(self) -> None:
        """The model's GPE and LOC entities that no table knows, with the country the gazetteer gives them."""
        for ent in self.doc.ents:
            if ent.label_ not in ("GPE", "LOC") or any(self.hit_at[k] >= 0 for k in range(ent.start, ent.end)):
                continue
            start = ent.start + 1 if self.toks[ent.start].lower_ == "the" else ent.start
            if start >= ent.end:
                continue
            iso3 = self.t.place_country(self.span_text(start, ent.end))
            if iso3 is not None:
                self.place_hits[start] = (ent.end, iso3)

    def misspelling(self, tok: Any) -> Hit | None:
        """A known name misspelt by one letter ("Ethopia has agreed"): only for a proper noun that the model
        does not take for (part of) a person's or an organisation's name."""
        ent = self.ent_of[tok.i]
        if tok.pos_ != "PROPN" or (ent is not None and ent.label_ not in ("GPE", "NORP", "LOC") and (
                ent.label_ != "ORG" or len(ent) > 1)):
            return None
        after = self.toks[tok.i + 1] if tok.i + 1 < len(self.toks) else None
        if after is not None and after.pos_ == "PROPN" and after.text[:1].isupper():
            return None  # part of a longer name
        if after is not None and after.text == "-" and not tok.whitespace_:
            return None  # a combining form, "Franco-German", is not a misspelt "France"
        if tok.lower_ in self.surnames:
            return None  # "Moskal said": the surname of a person the article names
        hit = self.t.misspelt(tok.text)
        if hit is not None and hit.category == "adjective" and tok.dep_ not in ("amod", "compound", "nmod") and \
                self.ent_label[tok.i] != "NORP":
            return None  # "another sister, Georgina": a misspelt adjective would qualify a noun
        return hit

    def skip_hit(self, i: int, j: int, hit: Hit) -> bool:
        """Names inside a non-actor entity ("the Russian language", "Indian Ocean") are not actors; a name
        inside a person's name is part of that name ("Michael Jordan") unless it is the whole of it."""
        labels = {self.ent_label[k] for k in range(i, j)}
        if j < len(self.toks) and self.toks[j].text in CURRENCY_SIGNS and hit.category == "country":
            return True  # "US $50 million", "HK$": a currency
        if labels & NOT_ACTOR_ENTS and hit.category != "org":
            ent = self.ent_of[i]
            whole = ent is not None and (ent.start, ent.end) == (i, j) and ent.label_ == "LOC"
            return not (whole and hit.category in ("country", "capital"))  # the model's LOC "Ivory Coast"
        if hit.category == "org" and j - i == 1 and not _is_acronym(hit.term):
            ent = self.ent_of[j - 1]
            if ent is not None and ent.label_ in ("ORG", "PERSON", "FAC", "GPE") and ent.end > j and \
                    self.toks[j].text[:1].isupper() and \
                    not all(self.toks[k].lower_ in ORG_HEAD_WORDS for k in range(j, ent.end)):
                return True  # "Liberation" in "Liberation Tigers of Tamil Eelam" ("Fatah Party" is Fatah)
            ent = self.ent_of[i]
            if ent is not None and ent.label_ in ("ORG", "FAC") and ent.start < i and ent.end > j:
                return True
        if "PERSON" in labels:
            ent = self.ent_of[i]
            if ent is not None and ent.label_ == "PERSON" and (ent.start, ent.end) != (i, j):
                if ent.start == i and all(self.toks[k].tag_ == "POS" for k in range(j, ent.end)):
                    return False  # "Sri Lanka's" tagged PERSON: the name and a possessive
                return hit.category not in ("org", "metonym")
        return False

    # ------------------------------------------------------------------ 2. candidates
    def claim(self, cand: Cand) -> None:
        for k in range(cand.start, cand.end):
            self.claimed[k] = cand.start
        self.cands[cand.start] = cand

    def free(self, start: int, end: int) -> bool:
        return all(self.claimed[k] < 0 for k in range(start, end))

    def left_bound(self, head: Any, skip_person_poss: bool = True) -> int:
        """The first token of the noun phrase headed by ``head``: its left modifiers, titles, determiners and
        possessors, stopping at punctuation that breaks a phrase (a comma, a quote, a bracket)."""
        start = head.i
        for child in head.lefts:
            if child.dep_ in ("punct", "cc", "preconj") and child.text not in ("-", "'s", "’s"):
                continue
            if child.dep_ in ("relcl", "acl", "appos", "advcl", "nsubj", "aux", "neg", "mark", "prep", "dep"):
                continue
            if skip_person_poss and child.dep_ == "poss" and self.ent_label[child.i] == "PERSON" and \
                    self.hit_at[child.i] < 0:
                continue  # "Merkel's spokesman" is not Merkel; "Sri Lanka's" (tagged PERSON) is no person
            start = min(start, child.left_edge.i)
        start = max(start, head.i - MAX_LEFT_TOKENS)
        for k in range(head.i - 1, start - 1, -1):
            t = self.toks[k]
            if t.text in BREAK_CHARS or t.is_space or self.sent_of[k] != self.sent_of[head.i]:
                start = k + 1
                break
        while start < head.i and self.toks[start].dep_ in ("cc", "punct") and self.toks[start].text != "-":
            start += 1
        return int(start)

    def qualified(self, left: int, right: int, head: Any) -> bool:
        """Does the phrase name a country or organisation of its own ("the Belarusian parliament")?"""
        return any(self.hit_at[k] >= 0 for k in range(left, right) if k != head.i)

    def right_bound(self, head: Any, preps: tuple[str, ...]) -> int:
        """One past the last token of the phrase: the head, or the head and an "in/of X" naming a country,
        capital or organisation ("The regime in Minsk", "the head of the FSB security service")."""
        end = head.i + 1
        for child in head.rights:
            if child.i == end and child.dep_ == "acl" and child.lemma_.casefold() in LOCATING_VERBS and "in" in preps:
                # "a newspaper based in Beirut", "Palestinians living in the West Bank": where they are from
                child = next((c for c in child.rights if c.dep_ == "prep" and c.lower_ == "in"), child)
            if child.dep_ != "prep" or child.lower_ not in preps or child.i > end + 1 or (
                    child.i == end + 1 and self.toks[end].dep_ != "acl"):
                if child.dep_ == "prep" or child.dep_ in ("relcl", "acl", "appos", "punct"):
                    break
                continue
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is None or self.sent_of[pobj.i] != self.sent_of[head.i]:
                break
            names = any(
                self.hit_at[k] >= 0 or self.ent_label[k] in ("ORG", "GPE", "NORP", "LOC")
                for k in range(child.i + 1, pobj.i + 1)
            )
            if names and not any(self.toks[k].text in BREAK_CHARS for k in range(child.i, pobj.i + 1)):
                end = pobj.i + 1
            break
        return int(end)

    def title_key(self, start: int, end: int) -> str:
        """The words of tokens ``start:end`` for a title lookup, abbreviations written out ("Lt. Gen.")."""
        out = []
        for word in self.words(start, end).split():
            bare = word.rstrip(".")
            out.append(TITLE_ABBREVIATIONS.get(bare, word) if word.endswith(".") or bare in TITLE_ABBREVIATIONS
                       else word)
        return " ".join(out)

    def hyphen_end(self, i: int) -> int:
        """One past the last token of the hyphenated word that token ``i`` starts ("secretary-general")."""
        toks, j = self.toks, i + 1
        while j + 1 < len(toks) and toks[j].text == "-" and not toks[j - 1].whitespace_ and not toks[j].whitespace_:
            j += 2
        return j

    def lexeme_at(self, head: Any, start: int) -> tuple[Lex, int] | None:
        """The longest title or group noun ending at ``head`` (or at the end of its hyphenated word) and
        starting at or after ``start``."""
        lemma = head.lemma_.casefold()
        ends = [head.i + 1]
        if self.hyphen_end(head.i) > head.i + 1:
            ends.insert(0, self.hyphen_end(head.i))
        for k in range(max(start, head.i - self.t.max_left_lex), head.i + 1):
            if k < head.i and self.toks[k].text in BREAK_CHARS:
                continue
            if self.inside_name(k):
                continue  # "union leader" in "European Union leaders": a title may not split a known name
            for end in ends:
                words = self.title_key(k, end)
                tail = head.text.casefold()
                lemma_words = words[: len(words) - len(tail)] + lemma if words.endswith(tail) else words
                lex = self.t.lexeme(words, lemma_words)
                if lex is None and head.tag_ == "NN" and end == head.i + 1 and head.lower_ not in COLLECTIVE_HEADS:
                    # "a human rights group", "Iran's religious leader": the table has the plural ("a force" is
                    # no person for having "forces" there)
                    lex = self.t.groups.get(words + "s")
                    if lex is not None and lex.kind == "people":
                        lex = Lex(words, lex.sector, "person", True)
                if lex is not None:
                    return lex, k
        return None

    def weapon_acts(self, tok: Any) -> bool:
        """Weapons stand for a military when they strike: the subject of a verb ("Israeli tanks shelled"), its
        agent ("hit by Russian missiles") or its object ("sent French warships")."""
        while tok.dep_ == "conj" and tok.head.i != tok.i:
            tok = tok.head
        if tok.dep_ in ("nsubj", "nsubjpass", "dobj"):
            return True
        return bool(tok.dep_ == "pobj" and (tok.head.dep_ == "agent" or tok.head.lower_ == "by"))

    def of_title(self, head: Any, start: int) -> tuple[Lex, int, int] | None:
        """A title that goes on after its head with "of" ("speaker of parliament", "minister of defence"):
        the title and its first and one-past-last tokens."""
        after = self.hyphen_end(head.i)
        prep = next((c for c in head.rights if c.i == after and c.dep_ == "prep" and c.lower_ == "of"), None)
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
        if pobj is None or pobj.i - head.i > self.t.max_left_lex:
            return None
        for first in dict.fromkeys((start, head.i)):
            lex = self.t.titles.get(self.title_key(first, pobj.i + 1))
            if lex is not None:
                return lex, first, pobj.i + 1
        return None

    def collective(self, head: Any) -> tuple[Lex, int] | None:
        """A collective head ("coalition", "group", "forces") whose sector comes from a group noun modifying
        it ("opposition coalition", "rebel group") or, for forces, from being a country's ("Serbian forces")."""
        low = head.lower_
        if low not in COLLECTIVE_HEADS and low not in WEAPON_HEADS:
            return None
        if low in WEAPON_HEADS and not self.weapon_acts(head):
            return None  # "left on a military aircraft": a vehicle, not the military that acts
        for child in head.lefts:
            if child.dep_ in ("compound", "amod", "nmod") and child.pos_ in ("NOUN", "PROPN", "ADJ"):
                lex = self.t.groups.get(child.lower_) or self.t.groups.get(child.lemma_.casefold())
                if lex is not None and lex.sector:
                    kind = lex.kind if low in BODY_LIKE_HEADS else "people"  # a coalition is people, not a place
                    return Lex(f"{child.lower_} {low}", lex.sector, kind, False), child.i
        left = self.left_bound(head)
        national = any(self.hit_at[k] >= 0 and self.hits[self.hit_at[k]][1].category in (
            "adjective", "country", "demonym") for k in range(left, head.i)) or any(
            self.ent_label[k] == "NORP" for k in range(left, head.i))
        if national:
            # "Serbian forces" are its military; "the Turkish and Greek sides" stand for their countries
            sector = FORCES_HEADS.get(low) or ("MIL" if low in WEAPON_HEADS else None)
            return Lex(low, sector, "people", False), head.i
        return None

    def head_of_org(self, head: Any) -> tuple[Lex, int] | None:
        """"the head of the FSB security service", "chief of the army": a generic head noun followed by "of"
        and an organisation is a title whose sector comes from that organisation (titles.tsv leaves them out)."""
        if head.lower_ not in HEAD_NOUNS:
            return None
        for child in head.rights:
            if child.dep_ == "prep" and child.lower_ == "of":
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is None:
                    return None
                for k in range(child.i + 1, pobj.i + 1):
                    hit = self.hits.get(self.hit_at[k]) if self.hit_at[k] >= 0 else None
                    if (hit is not None and hit[1].category in ("org", "metonym")) or self.ent_label[k] == "ORG":
                        return Lex(head.lower_, None, "person", True), head.i
                return None
        return None

    def inside_name(self, k: int) -> bool:
        """Is token ``k`` inside (not at the start of) a name the gazetteer found ("Union" in "European
        Union")? A title or group noun that starts there would split the name."""
        return 0 <= self.hit_at[k] < k

    def title_words(self, start: int, end: int) -> tuple[Lex, int, int] | None:
        """The longest title inside tokens ``start:end`` (the titles before a person's name)."""
        best: tuple[Lex, int, int] | None = None
        for i in range(start, end):
            if self.inside_name(i):
                continue
            for j in range(end, i, -1):
                if best is not None and j - i <= best[2] - best[1]:
                    break
                lex = self.t.titles.get(self.title_key(i, j))
                if lex is None and j - i == 1:
                    lex = self.t.titles.get(self.toks[i].lemma_.casefold())
                if lex is not None:
                    best = (lex, i, j)
                    break
        return best

    def is_title_token(self, k: int) -> bool:
        low = self.toks[k].lower_.rstrip(".")
        return bool(low in self.t.titles or low in TITLE_ABBREVIATIONS or low in HONORIFICS)

    # -- people
    def correct_labels(self) -> list[tuple[int, int]]:
        """PERSON spans after correcting the model: ORG/GPE/NORP names that are surnames of a person already
        named, or bare names that are the subject of a speech verb, or that have a title in apposition; and
        PERSON spans that are not people ("Bosnian Serbs": a nationality and a plural)."""
        doc = self.doc
        toks = self.toks
        surnames = {ent[-1].text.casefold() for ent in doc.ents if ent.label_ == "PERSON" and len(ent) >= 2}
        persons: list[tuple[int, int]] = []
        for ent in doc.ents:
            start, end = ent.start, ent.end
            while end > start and toks[end - 1].tag_ == "POS":
                end -= 1
            if end <= start:
                continue
            hit = self.hits.get(start)
            whole_hit = hit is not None and hit[0] == end
            if ent.label_ == "PERSON":
                while end - 1 > start and toks[end - 1].pos_ in TRIM_POS:
                    end -= 1  # "Vucic blamed": the model took the verb into the name
                if self.placed_name(start, end, surnames) or self.is_acronym_name(start, end):
                    continue
                first = self.t.lookup(toks[start].text) if end - start >= 2 else None
                if first is not None and first.category in ("adjective", "country") and \
                        toks[end - 1].tag_ in ("NNPS", "NNS"):
                    # "Bosnian Serbs" tagged PERSON: a nationality and a people, coded as a group below
                    self.hits[start] = (start + 1, first)
                    self.hit_at[start] = start
                    continue
                if whole_hit:
                    continue
                persons.append(self.extend_name(start, end))
                continue
            if self.person_hits.get(start) == end:
                persons.append((start, end))
                continue
            if ent.label_ not in ("ORG", "GPE", "NORP") or whole_hit or self.hit_at[start] >= 0:
                continue
            words = [k for k in range(start, end) if not toks[k].is_punct]
            if not all(toks[k].pos_ == "PROPN" for k in words) or len(words) > 3:
                continue
            if self.span_text(start, end).isupper() or self.is_acronym_name(start, end):
                continue  # "the RSF said": an acronym is an organisation's name, not a person's
            root = ent.root
            title_before = self.title_words(max(start - 4, 0), start) if start > 0 else None
            if (
                toks[end - 1].text.casefold() in surnames  # a person already named
                or (self.is_speaker(root) and end - start <= 2
                    and not self.t.lexeme(toks[end - 1].lower_, toks[end - 1].lemma_.casefold()))  # "said X"
                or any(c.dep_ == "appos" and self.lexeme_at(c, c.i) for c in root.children)  # "X, the envoy"
                or (title_before is not None and title_before[2] == start)  # "Vice-President Moody Awori"
            ):
                persons.append((start, end))
        # office holders' names the model did not tag at all
        for s, e in self.person_hits.items():
            if not any(self.ent_label[k] for k in range(s, e)) and all(toks[k].pos_ == "PROPN" for k in range(s, e)):
                persons.append((s, e))
        persons += self.untagged_titled_names({k for s, e in persons for k in range(s, e)})
        return persons

    def untagged_titled_names(self, taken: set[int]) -> list[tuple[int, int]]:
        """Runs of two to four capitalised proper nouns that the model tagged as nothing, right after a title
        ("suspected British militant Haroon Rashid Aswad"): the name of the titled person."""
        toks, n = self.toks, len(self.toks)
        out: list[tuple[int, int]] = []
        k = 0
        while k < n:
            e = k
            while e < n and toks[e].pos_ == "PROPN" and toks[e].text[:1].isupper() and not self.ent_label[e] \
                    and self.hit_at[e] < 0 and e not in taken and not self.is_title_token(e) \
                    and (e == k or self.sent_of[e] == self.sent_of[k]):
                e += 1
            if MIN_UNTAGGED_NAME <= e - k <= MAX_UNTAGGED_NAME and k > 0:
                title = self.title_words(max(k - 4, 0), k)
                if title is not None and title[2] == k and title[0].sector is not None:
                    out.append((k, e))
            k = max(e, k + 1)
        return out

    def is_acronym_name(self, start: int, end: int) -> bool:
        """Is tokens ``start:end`` an acronym the article defines, or the name it defines it for?"""
        if self.span_text(start, end) in self.acronyms:
            return True
        return any(s < end and start < e for s, e, _ in self.acronyms.values())

    def placed_name(self, start: int, end: int, surnames: set[str]) -> bool:
        """A PERSON of the model that is a place: a large place of the gazetteer ("Tigray", "Port-au-Prince"),
        or a one-word name where places stand ("in Ladakh"), the object of a locative preposition; never with a
        title before it, the surname of a person named in the article or a known office holder. People are
        rarely "in" or "around" someone; places often are."""
        if start in self.person_hits or (start > 0 and self.is_title_token(start - 1)):
            return False
        if self.toks[end - 1].text.casefold() in surnames and end - start == 1:
            return False
        if self.t.place_country(self.span_text(start, end)) is not None:
            return True  # "Tigray", "Goma", "Port-au-Prince": a large place the gazetteer knows
        tok = self.toks[start]
        return end - start == 1 and tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE_PREPS

    def extend_name(self, start: int, end: int) -> tuple[int, int]:
        """A PERSON entity the model ended too early ("Aung San" in "Aung San Suu Kyi met"): extended over the
        capitalised proper nouns that its last word modifies, and to a known office holder's full name."""
        toks, n = self.toks, len(self.toks)
        while end < n and toks[end].pos_ == "PROPN" and toks[end].text[:1].isupper() and toks[end - 1].whitespace_ \
                and self.ent_label[end] in ("", "PERSON") and self.hit_at[end] < 0 \
                and toks[end - 1].dep_ in ("compound", "flat") and toks[end - 1].head.i >= end \
                and self.sent_of[end] == self.sent_of[start]:
            end += 1
        for s, e in self.person_hits.items():
            if s <= start and end <= e and (s, e) != (start, end):
                return s, e
        return start, end

    def add_person(self, start: int, end: int) -> None:
        toks = self.toks
        head = toks[end - 1]
        root = head
        seen = 0
        while seen < end - start and root.head.i != root.i and (
                root.dep_ == "flat" or start <= root.head.i < end):  # the name's own root, whatever the parse
            root, seen = root.head, seen + 1
        if root.dep_ in ("compound", "nmod") and (self.lexeme_at(root.head, root.head.i) or self.collective(root.head)):
            return  # "the Bush administration", "Lukashenko regime": the group phrase is the actor
        left = self.left_bound(root)
        while left < end - 1 and toks[left].dep_ in ("det", "predet") and left < start:
            left += 1  # "that president Lukashenko" (a misparsed "that"), "the" before a name
        # titles before the name, and titles the model put inside the entity ("President Bush")
        title = self.title_words(left, end - 1) if left < end - 1 else None
        name_start = start
        if title is not None and title[2] > name_start:
            name_start = min(title[2], end - 1)
        while name_start < end - 1 and (self.is_title_token(name_start) or self.hit_at[name_start] >= 0
                                        or not any(ch.isalpha() for ch in toks[name_start].text)):
            name_start += 1
        # first names the model left out ("Kenzo Oshima"), but not the title ("Defence Secretary")
        floor = max(left, title[2] if title is not None else left)
        while name_start > floor:
            prev = toks[name_start - 1]
            if not (prev.pos_ == "PROPN" and prev.dep_ in ("compound", "flat") and prev.text[:1].isupper()
                    and any(ch.isalpha() for ch in prev.text) and prev.whitespace_
                    and self.hit_at[prev.i] < 0 and not self.is_title_token(prev.i)
                    and self.ent_label[prev.i] in ("", "PERSON") and (prev.i < 1 or toks[prev.i - 1].text != "-")):
                break
            name_start -= 1
        left = min(left, name_start)
        if not self.free(left, end):
            left = name_start
            if not self.free(left, end):
                return
        right = max(self.right_bound(root, ("of",)), end)
        if right > end and not self.free(end, right):
            right = end
        cand = Cand(left, right, root.i, "PERSON", "person")
        cand.name = self.span_text(name_start, end)
        cand.subject = self.is_subject(root)
        cand.speaker = self.is_speaker(root)
        self.code_phrase(cand, name=(name_start, end))
        self.claim(cand)

    # -- titled people and groups without a name
    def add_nominal(self, head: Any) -> None:
        if head.pos_ not in ("NOUN", "PROPN") or self.claimed[head.i] >= 0:
            return
        if head.dep_ in ("compound", "amod", "nmod") and head.head.pos_ in ("NOUN", "PROPN"):
            return  # "police violence", "government plane": a modifier, not an actor
        if self.ent_label[head.i] in NOT_ACTOR_ENTS:
            return
        ent = self.ent_of[head.i]
        if ent is not None and ent.label_ in ("ORG", "PERSON", "FAC") and ent.root.i != head.i:
            return  # a word of a name ("Kurdistan Workers' Party")
        if self.hit_at[head.i] >= 0 and self.hits[self.hit_at[head.i]][1].category in ("org", "metonym"):
            return  # "Union" in "the African Union": the organisation is coded as a whole in add_org
        low = head.lower_
        if low not in self.t.last_words and head.lemma_.casefold() not in self.t.last_words and \
                low not in HEAD_NOUNS and low not in COLLECTIVE_HEADS and low[:-1] not in self.t.last_words and \
                low not in WEAPON_HEADS and (head.tag_ != "NN" or low + "s" not in self.t.last_words):
            return
        found = (self.lexeme_at(head, max(head.i - self.t.max_left_lex, 0)) or self.head_of_org(head)
                 or self.collective(head))
        if found is not None and found[1] == head.i and low in COLLECTIVE_HEADS and not found[0].title:
            qualified = self.collective(head)  # "opposition forces": OPP, not the MIL of a bare "forces"
            if qualified is not None and qualified[1] < head.i:
                found = qualified
        if found is None:
            return
        if self.hyphen_end(head.i) > head.i + 1 and found[0].term.count("-") == 0:
            return  # "rebel-held", "police-run": part of a hyphenated modifier
        lex, lex_start = found
        lex_span: tuple[int, int] | None = None
        longer = self.of_title(head, lex_start)
        if longer is not None:  # "the speaker of parliament", not "the speaker"
            lex, lex_span = longer[0], (longer[1], longer[2])
        elif lex_start < head.i and any(self.toks[k].dep_ == "prep" for k in range(lex_start, head.i)):
            # "the speaker of parliament": a title with "of" ends at its object but is headed by its first noun
            anchor = head
            while lex_start <= anchor.head.i < head.i and anchor.head.i != anchor.i:
                anchor = anchor.head
            if anchor.i == head.i or self.claimed[anchor.i] >= 0:
                return
            lex_span = (lex_start, head.i + 1)
            head = anchor
        if ent is not None and ent.label_ == "ORG" and ent.root.i == head.i and not lex.title:
            return  # "The Latvian Constitutional Court": an organisation, coded in add_org
        left = name_left = self.left_bound(head)
        while left < head.i and (self.claimed[left] >= 0 or self.toks[left].tag_ == "POS"):
            left += 1  # "Kurti's government": the possessor is an actor of its own
        if left == name_left or self.toks[left - 1].tag_ != "POS":
            name_left = left
        right = max(self.right_bound(head, ("in", "of", "from")), self.hyphen_end(head.i))
        if lex_span is not None:
            right = max(right, lex_span[1])
        if not self.free(left, right):
            right = self.hyphen_end(head.i) if lex_span is None else lex_span[1]
        if not self.free(left, right):
            return
        plural = head.tag_ in ("NNS", "NNPS") or (not lex.title and lex.kind == "people")
        kind = "person" if lex.title and not plural else group_kind(lex)
        if not lex.title and lex.kind == "body" and not self.acting(head) and not self.qualified(left, right, head):
            return  # "an entrance of a church", "in court": a place, not an acting institution
        cand = Cand(left, right, head.i, "NOMINAL", kind)
        cand.title_only = lex.title and not plural
        cand.plural = plural
        cand.name = self.span_text(name_left, right)
        cand.subject = self.is_subject(head)
        cand.speaker = self.is_speaker(head)
        self.code_phrase(cand, lex=lex, lex_span=lex_span)
        self.claim(cand)
        self.split_coordinated(cand)
        for child in head.children:  # "Kenzo Oshima, the ... Coordinator": one person
            if child.dep_ == "appos":
                cand.link = child.i
        if head.dep_ == "appos":
            cand.link = head.head.i

    def split_coordinated(self, cand: Cand) -> None:
        """"Senior Hungarian and Romanian officials": two actors, the Hungarian officials (a mention on the
        word "Hungarian") and the Romanian ones (the whole phrase)."""
        clues = [(s, e, h) for s, (e, h) in sorted(self.hits.items())
                 if cand.start <= s and e <= cand.head and h.category in ("adjective", "country", "demonym")]
        joined = any(self.toks[k].lower_ in ("and", "or", ",", "&") for k in range(cand.start, cand.head))
        if len(clues) < 2 or not joined:
            return
        last = clues[-1][2]
        cand.codes["country"] = Clue(last.iso3 or "", RANK_MENTION, f"{last.category} '{last.term}' in the mention "
                                     f"-> {last.iso3}")
        for s, e, hit in clues[:-1]:
            extra = Cand(s, e, cand.head, "NORP", cand.kind)
            extra.name = self.span_text(s, e) + " " + self.toks[cand.head].text
            extra.codes = {k: v for k, v in cand.codes.items() if k != "country"}
            extra.give("country", hit.iso3, RANK_MENTION, f"{hit.category} '{hit.term}' coordinated in the mention "
                       f"-> {hit.iso3}")
            extra.subject, extra.speaker, extra.plural = cand.subject, cand.speaker, cand.plural
            extra.title_only = cand.title_only
            self.extra.append(extra)

    def add_org(self, start: int, end: int, hit: Hit | None) -> None:
        toks = self.toks
        while end > start and toks[end - 1].tag_ == "POS":
            end -= 1
        if hit is None:
            while end - 1 > start and (toks[end - 1].pos_ in TRIM_POS or toks[end - 1].lower_ in TIME_WORDS):
                end -= 1  # "the Capitol today", "the National Congress in"
            comma = max((k for k in range(start, end) if toks[k].text in (",", ";")), default=-1)
            if comma >= 0:
                start = comma + 1  # "Abuja, the Economic Community of West African States": the last part
                while start < end - 1 and toks[start].lower_ == "the":
                    start += 1
                hit_here = self.hits.get(start)
                if hit_here is not None and hit_here[0] == end:
                    hit = hit_here[1]
            while start < end - 1 and (toks[start].is_punct or (
                    start > 0 and toks[start - 1].text == "-" and toks[start].text[:1].islower())):
                start += 1  # "-led Collective Security Treaty Organization" (of "Russian-led")
        if end <= start or not self.free(start, end):
            return
        root = toks[end - 1]
        while root.head.i >= start and root.head.i < end and root.head.i != root.i:
            root = root.head
        found = self.lexeme_at(root, start)
        if found is not None and found[0].title and hit is None:
            # "the United Nations Emergency Relief Coordinator": a title with its organisation
            self.claimed_title(root, start, end)
            return
        left = start
        for child in root.lefts:
            if child.i < start and child.dep_ in ("det", "amod", "compound") and child.text not in BREAK_CHARS:
                left = min(left, child.i)
            elif child.i < start and child.dep_ == "poss" and self.hit_at[child.i] >= 0:
                left = min(left, child.left_edge.i)  # "Israel's Cabinet", "Ivory Coast's Supreme Court"
        while left < start and not self.free(left, start):
            left += 1
        label = "METONYM" if hit is not None and hit.category == "metonym" else "ORG"
        kind = "government" if label == "METONYM" else "organisation"
        cand = Cand(left, end, root.i, label, kind)
        cand.name = self.span_text(left if label == "METONYM" else start, end)
        if cand.name[:4].lower() == "the " and label == "ORG":
            cand.name = cand.name[4:]
        cand.subject = self.is_subject(root)
        cand.speaker = self.is_speaker(root)
        cand.plural = root.tag_ == "NNPS"
        self.code_phrase(cand, own=(start, end))
        if hit is not None and hit.category == "metonym":
            self.give_metonym(cand, hit)
        self.claim(cand)

    @staticmethod
    def give_metonym(cand: Cand, hit: Hit) -> None:
        cand.give("country", hit.iso3, RANK_METONYM, f"metonym '{hit.term}' -> {hit.iso3}")
        cand.give("sector", hit.sector, RANK_METONYM, f"metonym '{hit.term}' -> {hit.sector}")
        cand.kind = "government" if hit.sector in ("GOV", None) else "organisation"

    def claimed_title(self, head: Any, start: int, end: int) -> None:
        cand = Cand(start, end, head.i, "NOMINAL", "person")
        cand.title_only = True
        cand.name = self.span_text(start, end)
        cand.subject = self.is_subject(head)
        cand.speaker = self.is_speaker(head)
        self.code_phrase(cand)
        if head.dep_ == "appos":
            cand.link = head.head.i
        self.claim(cand)

    # -- countries, capitals, nationalities
    def acting(self, tok: Any) -> bool:
        """Is a country/capital name at ``tok`` a party to what happens, rather than a place?"""
        seen = 0
        while seen < 6 and tok.head.i != tok.i and (tok.dep_ in ("conj", "appos") or (
                tok.dep_ == "pobj" and tok.head.lower_ == "of" and (tok.head.head.lower_ in QUANTITY_NOUNS
                                                                    or self.ent_label[tok.head.head.i] == "CARDINAL"))):
            tok, seen = (tok.head if tok.dep_ != "pobj" else tok.head.head), seen + 1  # "thousands of Iraqi Kurds"
        dep = tok.dep_
        if dep in ACTING_DEPS:
            return True
        if dep == "pobj":
            prep = tok.head
            if prep.dep_ == "agent":
                return True
            if prep.lower_ in ACTING_PREPS:
                gov = prep.head
                return bool(gov.lemma_.casefold() not in MOTION_HEADS and gov.lower_ not in MOTION_HEADS)
            if prep.lower_ == "from":  # "an offer from Afghanistan", "pressure from Washington": the author
                return bool(prep.head.lower_ in EVENT_NOUNS or prep.head.lemma_.casefold() in EVENT_NOUNS)
            return False
        if dep in ("compound", "amod", "nmod"):
            return bool(tok.head.lower_ in EVENT_NOUNS or tok.head.lemma_.casefold() in EVENT_NOUNS)
        return False

    def add_place_name(self, start: int, end: int, hit: Hit) -> None:
        toks = self.toks
        while end > start and toks[end - 1].tag_ == "POS":
            end -= 1
        if not self.free(start, end):
            return
        root = toks[end - 1]
        while root.head.i >= start and root.head.i < end and root.head.i != root.i:
            root = root.head
        left = start
        if start > 0 and toks[start - 1].lower_ == "the" and toks[start - 1].head.i == root.i and \
                self.claimed[start - 1] < 0:
            left = start - 1
        iso3 = hit.iso3
        text = self.span_text(start, end)
        if text.isupper() and len(text) > 3 and self.tok_start[start] in self.seg_starts:
            return  # a dateline ("MINSK —"): where the story was filed
        if hit.category == "metonym":
            if not (self.acting(root) or root.dep_ in ("nsubj", "nsubjpass")):
                return
            cand = Cand(left, end, root.i, "METONYM", "government")
            cand.name = self.span_text(left, end)
            self.give_metonym(cand, hit)
        elif hit.category in ("country", "capital"):
            if not self.acting(root):
                return
            if hit.category == "capital":
                cand = Cand(left, end, root.i, "GPE", "government")
                cand.name = self.span_text(start, end)
                cand.give("country", iso3, RANK_METONYM, f"capital '{hit.term}' as seat of government -> {iso3}")
                cand.give("sector", "GOV", RANK_METONYM, f"capital '{hit.term}' acting -> GOV")
            else:
                cand = Cand(left, end, root.i, "GPE", "country")
                cand.name = self.t.country_name.get(iso3 or "", self.span_text(start, end))
                cand.give("country", iso3, RANK_MENTION, f"country name '{hit.term}' -> {iso3}")
        else:  # adjective or demonym
            noun = root.pos_ in ("NOUN", "PROPN") or root.tag_ in ("NNS", "NNPS") or hit.category == "demonym"
            modifier = root.dep_ in ("amod", "compound", "nmod") and root.head.pos_ in ("NOUN", "PROPN")
            if noun and not modifier:
                # the phrase: "Ethnic Albanians in south Serbia", "The Albanians of southern Serbia"
                left = min(left, self.left_bound(root))
                while left < start and self.claimed[left] >= 0:
                    left += 1
                right = self.right_bound(root, ("in", "of", "from"))
                if not self.free(left, right):
                    left, right = start, end
                cand = Cand(left, right, root.i, "NORP", "group")
                cand.plural = root.tag_ in ("NNS", "NNPS") or self.span_text(start, end).endswith("s")
                cand.name = self.span_text(left, right)
                self.code_phrase(cand)
                if not any(self.toks[k].lower_ in ETHNIC_WORDS for k in range(left, root.i)):
                    cand.give("country", iso3, RANK_MENTION, f"demonym '{hit.term}' -> {iso3}")
                self.people_sector(cand, root)
            elif modifier and self.national_plural(root.head):
                self.add_national_people(root.head)
                return
            elif self.acting(root):
                cand = Cand(start, end, root.i, "NORP", "country")
                cand.name = self.t.country_name.get(iso3 or "", self.span_text(start, end))
                cand.give("country", iso3, RANK_MENTION,
                          f"nationality '{hit.term}' of '{root.head.text}' -> {iso3}")
            else:
                return
        cand.subject = self.is_subject(root)
        cand.speaker = self.is_speaker(root)
        self.claim(cand)

    def national_plural(self, noun: Any) -> bool:
        """A plural noun qualified by a nationality that is a party to what happens ("Palestinian prisoners
        rioted", "killed two Iraqi youths"): CAMEO codes such phrases as actors of that country even when the
        noun says nothing of their sector. Singular things ("a Russian government plane") are not."""
        if noun.tag_ not in ("NNS", "NNPS") or self.claimed[noun.i] >= 0 or noun.lower_ in EVENT_NOUNS:
            return False
        if noun.dep_ in ("compound", "amod", "nmod", "poss"):
            return False
        return self.acting(noun) or noun.dep_ == "ROOT"

    def add_national_people(self, noun: Any) -> None:
        left = self.left_bound(noun)
        while left < noun.i and self.claimed[left] >= 0:
            left += 1
        right = self.right_bound(noun, ("in", "of", "from"))
        if not self.free(left, right):
            right = noun.i + 1
        if not self.free(left, right):
            return
        cand = Cand(left, right, noun.i, "NOMINAL", "group")
        cand.plural = True
        cand.name = self.span_text(left, right)
        cand.subject = self.is_subject(noun)
        cand.speaker = self.is_speaker(noun)
        self.code_phrase(cand)
        if "country" in cand.codes:
            cand.codes["country"].evidence += f" (people of that country: '{noun.text}')"
            self.claim(cand)
            self.split_coordinated(cand)

    def people_sector(self, cand: Cand, root: Any) -> None:
        """A demonym stands for its nation ("the Palestinians rejected"), unless the phrase counts or
        describes the people ("168 Liberians", "ethnic Turks", "young Algerians"): then they are civilians."""
        described = [c for c in root.lefts if c.dep_ in ("nummod", "quantmod") or (
            c.dep_ == "amod" and self.hit_at[c.i] < 0)]
        if described:
            cand.give("sector", "CVL", RANK_MENTION,
                      f"people counted or described ('{described[0].text}') -> CVL")

    def add_org_hit(self, start: int, end: int, hit: Hit) -> None:
        if not self.free(start, end):
            return
        root = self.toks[end - 1]
        while root.head.i >= start and root.head.i < end and root.head.i != root.i:
            root = root.head
        if root.dep_ in ("compound", "amod", "nmod") and root.head.lower_ in ("group", "movement", "militia",
                                                                          "faction", "organisation", "organization"):
            end_head = root.head.i + 1  # "the Hizbollah (Party of God) group": the organisation itself
            if root.head.i > root.i and self.free(end, end_head):
                self.add_org(start, end_head, hit)
                return
        if root.dep_ in ("compound", "amod", "nmod") and root.head.pos_ in ("NOUN", "PROPN") and \
                root.head.lower_ not in EVENT_NOUNS and not self.acting(root):
            return  # "a Tupolev plane", "NATO summit": a modifier
        self.add_org(start, end, hit)

    # -- pronouns
    def add_pronoun(self, tok: Any) -> None:
        low = tok.lower_
        if low not in PRONOUNS or self.claimed[tok.i] >= 0:
            return
        if low == "it" and tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_ in COPULAS:
            return  # "it would be unjustified to...", "it was up to them": an expletive
        if low == "it" and tok.dep_ == "expl":
            return
        cand = Cand(tok.i, tok.i + 1, tok.i, "PRONOUN", "")
        cand.name = tok.text
        cand.subject = self.is_subject(tok)
        cand.speaker = self.is_speaker(tok)
        cand.plural = low in PLURAL_PRONOUNS
        if low.endswith(("self", "selves")) and tok.dep_ == "appos":
            cand.link = tok.head.i  # "Belarusians themselves"
        self.claim(cand)

    # ------------------------------------------------------------------ coding from the words of a mention
    def code_phrase(self, cand: Cand, name: tuple[int, int] | None = None, own: tuple[int, int] | None = None,
                    lex: Lex | None = None, lex_span: tuple[int, int] | None = None) -> None:
        """Codes given by the mention itself: titles, nationality words, country names, organisations.

        For a person the organisation named with the title gives the code ("UN envoy" is IGO, "the head of the
        FSB" SPY); for a group the group noun gives the sector and the organisation the country ("UN
        peacekeepers" are IGO MIL), as titles.tsv and groups.tsv say.
        """
        doc = self.doc
        toks = self.toks
        head = toks[cand.head]
        # the title or group noun
        title: tuple[Lex, int, int] | None = None
        group_lex: Lex | None = None
        if name is not None:
            title = self.title_words(cand.start, name[0]) if name[0] > cand.start else None
        elif lex is not None:
            title_end = self.hyphen_end(cand.head) if "-" in lex.term else cand.head + 1
            title = (lex, cand.head, title_end)
            found = self.lexeme_at(head, cand.start)
            if found is not None and found[0] == lex:
                title = (lex, found[1], title_end)
            if lex_span is not None:
                title = (lex, *lex_span)
        else:
            found = self.lexeme_at(head, own[0] if own is not None else cand.start) or self.head_of_org(head)
            if own is not None and self.t.orgs_by_name.get(_norm(self.span_text(*own)).casefold()):
                found = None  # the table knows the organisation: "Union" in "European Union" says nothing
            if found is not None:
                title = (found[0], found[1], self.hyphen_end(cand.head) if "-" in found[0].term else cand.head + 1)
        if title is not None and (not title[0].title or cand.kind != "person"):
            group_lex, title = title[0], None
        words = {toks[k].lower_.strip("-") for k in range(cand.start, cand.end)}
        if words & FORMER_WORDS or any(toks[k].lower_.startswith("ex-") for k in range(cand.start, cand.end)):
            cand.former = True
        if title is not None:
            tlex, ti, tj = title
            role = _title_case(self.title_key(ti, tj))
            cand.give("role", role, RANK_MENTION, f"title '{tlex.term}' -> role {role}")
        # names inside the mention: left of the head first, then an "in/of X" after it
        country_clues: list[tuple[int, Hit]] = []
        org_hit: Hit | None = None
        ethnic = any(toks[k].lower_ in ETHNIC_WORDS for k in range(cand.start, cand.head))
        for s, (e, hit) in sorted(self.hits.items()):
            if s < cand.start or e > cand.end or (own is not None and (s, e) == own):
                continue
            if name is not None and s >= name[0] and e <= name[1]:
                continue
            if title is not None and s < title[2] and e > title[1]:
                continue  # "Labour" in "Labour Minister" is part of the title, not the party
            if e < len(doc) and toks[e].text == "-" and not toks[e - 1].whitespace_ and e + 1 < len(doc) and \
                    toks[e + 1].lower_ not in ("led", "backed", "supported", "sponsored"):
                continue  # "the Israeli-occupied West Bank": not the nationality of the head
            if ethnic and hit.category in ("adjective", "demonym") and s < cand.head + 1:
                continue  # "ethnic Albanians in Serbia": an ethnicity; the country is where they live
            if s >= 2 and toks[s - 1].text == "-" and toks[s - 2].lower_ in STANCE_PREFIXES:
                continue  # "an anti-Syria journalist", "pro-Russian separatists": a stance, not a nationality
            if hit.category == "org":
                if org_hit is None:
                    org_hit = hit
                continue
            country_clues.append((s, hit))
        if org_hit is not None:
            cand.has_org = True
        elif own is None:
            for k in range(cand.start, cand.end):
                ent = self.ent_of[k]
                if ent is None or ent.label_ != "ORG" or k == cand.head or (name is not None and k >= name[0]):
                    continue
                if any(self.hit_at[x] >= 0 or self.is_title_token(x) for x in range(ent.start, ent.end)):
                    continue  # "British Defence": a nationality and a title, not an organisation
                if title is not None and ent.start < title[2] and title[1] < ent.end:
                    continue  # "Interior" in "Interior Minister", "State" in "Secretary of State": the title
                cand.has_org = True
                if cand.kind in ("person", "group"):
                    cand.give("organisation", _norm(ent.text), RANK_MENTION,
                              f"organisation '{ent.text}' in the mention")
                break
        head_is_demonym = self.hit_at[cand.head] >= 0 and self.hits[self.hit_at[cand.head]][1].category == "demonym"
        ordered = sorted(country_clues, key=lambda c: (c[0] > cand.head) != head_is_demonym)
        for _, hit in ordered:
            what = f"'{hit.term}'" if hit.category == "metonym" else f"{hit.category} '{hit.term}'"
            cand.give("country", hit.iso3, RANK_MENTION, f"{what} in the mention -> {hit.iso3}")
            if hit.iso3:
                break
        if "country" not in cand.codes and not ethnic and org_hit is None:
            for s, (e, iso3) in self.place_hits.items():
                if cand.start <= s and e <= cand.end and (name is None or not (name[0] <= s < name[1])):
                    cand.give("country", iso3, RANK_MENTION,
                              f"place '{self.span_text(s, e)}' in the mention -> {iso3} (gazetteer)")
                    break
        if cand.former:
            cand.give("sector", "ELI", RANK_MENTION, "former office holder (mention says so)")
        if group_lex is not None and group_lex.sector and cand.kind != "person" and group_lex.sector != "GOV":
            # "UN peacekeepers" are MIL of an IGO; "Red Cross officials" take their organisation's sector
            cand.give("sector", group_lex.sector, RANK_MENTION, f"group noun '{group_lex.term}' -> {group_lex.sector}")
        if org_hit is not None and org_hit.org is not None:
            org = org_hit.org
            if cand.label in ("PERSON", "NOMINAL", "NORP") and cand.kind in ("person", "group"):
                cand.give("organisation", org.name, RANK_MENTION, f"organisation '{org_hit.term}' in the mention")
            if org.country in ("IGO", "NGO"):
                cand.give("country", org.country, RANK_MENTION, f"organisation {org.name} -> {org.country}")
                sector = org.country if cand.kind == "person" else (org.sector or org.country)
                cand.give("sector", sector, RANK_MENTION, f"organisation {org.name} -> {sector}")
            else:
                cand.give("country", org.country, RANK_MENTION, f"organisation {org.name} -> {org.country}")
                cand.give("sector", org.sector, RANK_MENTION, f"organisation {org.name} -> {org.sector}")
        elif org_hit is not None and org_hit.category == "metonym":
            cand.give("country", org_hit.iso3, RANK_MENTION, f"'{org_hit.term}' in the mention -> {org_hit.iso3}")
        if title is not None and title[0].sector:
            cand.give("sector", title[0].sector, RANK_MENTION, f"title '{title[0].term}' -> {title[0].sector}")
        if title is not None and title[0].country:
            cand.give("country", title[0].country, RANK_TITLE,
                      f"title '{title[0].term}' is an office of {title[0].country} only")
        if group_lex is not None and group_lex.sector:
            cand.give("sector", group_lex.sector, RANK_MENTION, f"group noun '{group_lex.term}' -> {group_lex.sector}")
        # "leaders of Romania's new government": the sector of the body the head belongs to
        if "sector" not in cand.codes:
            for k in range(cand.head + 1, cand.end):
                tok = toks[k]
                if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "pobj":
                    inner = self.lexeme_at(tok, k) or self.collective(tok)
                    if inner is not None and inner[0].sector and not inner[0].title:
                        cand.give("sector", inner[0].sector, RANK_MENTION,
                                  f"'{toks[cand.head].text} of' a {inner[0].term} -> {inner[0].sector}")
                        break
        # a state office named by a nationality without a sector of its own ("Russian official",
        # "Palestinian leader", "U.S. negotiator"): the country's government, as CAMEO codes it
        if "sector" not in cand.codes and "country" in cand.codes and not cand.has_org and (
                title is not None or (group_lex is not None and group_lex.title)):
            term = title[0].term if title is not None else (group_lex.term if group_lex else "")
            cand.give("sector", "GOV", RANK_MENTION, f"'{term}' of a country, no other sector -> GOV")

    # ------------------------------------------------------------------ context
    def is_dateline(self, s: int, e: int) -> bool:
        """Is the hit at tokens ``s:e`` the dateline of the story ("KYIV —", "MINSK, Aug 11 (Reuters) -"): an
        upper-case place at the very start of the first paragraph, followed by a dash, comma or bracket?"""
        if self.tok_start[s] != 0 or e >= len(self.toks):
            return False
        text = self.span_text(s, e)
        return text.isupper() and len(text) > 1 and self.toks[e].text in DATELINE_FOLLOWERS

    def context(self) -> tuple[list[str], dict[int, tuple[str, str]]]:
        """The countries the article is set in, most likely first (the first is its main country), and per
        sentence the country of a place it is set in ("in Minsk").

        A dateline decides (wire copy filed from Kyiv calls Ukrainian actors "the mayor", "officials"); then
        country and capital names weigh ``NAME_WEIGHT`` each; nationality words and names that qualify a noun
        ("U.S. President", "Haiti's ambassador") weigh ``NATIONALITY_WEIGHT``: news marks foreign actors with
        their nationality and leaves local ones unmarked (a Kyiv story speaks of "Russian missiles" and "the
        mayor").
        Captions and the lead sentence, which say where the story happens, count double.
        """
        weights: dict[str, float] = {}
        first: dict[str, int] = {}
        located: dict[int, tuple[str, str]] = {}
        dateline: str | None = None
        for s, (e, hit) in sorted(self.hits.items()):
            if hit.category == "org" and hit.org is not None and hit.org.kind in SETTING_ORG_KINDS and \
                    hit.iso3 and hit.iso3 not in ("IGO", "NGO", "IMG"):
                hit = Hit("adjective", hit.term, hit.iso3)  # "UNITA", "Hamas": a national organisation
            if hit.category not in ("country", "capital", "adjective", "demonym") or not hit.iso3:
                continue
            caption = self.seg_caption[self.segment(s)]
            modifier = self.toks[e - 1].dep_ in ("compound", "amod", "nmod", "poss")
            weight = NAME_WEIGHT if hit.category in ("country", "capital") and not modifier else NATIONALITY_WEIGHT
            if self.is_dateline(s, e):
                dateline = hit.iso3
            elif caption:
                weight *= CAPTION_WEIGHT
            elif self.sent_of[s] == 0:
                weight *= LEAD_WEIGHT
            weights[hit.iso3] = weights.get(hit.iso3, 0.0) + weight
            first.setdefault(hit.iso3, s)
            if hit.category not in ("country", "capital"):
                continue
            tok = self.toks[e - 1]
            while tok.dep_ in ("conj", "appos") and tok.head.i != tok.i:
                tok = tok.head
            if tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE_PREPS_FOR_CONTEXT and not self.subordinate(tok):
                located.setdefault(self.sent_of[s], (hit.iso3, hit.term))
        for s, (e, iso3) in sorted(self.place_hits.items()):
            # a place below the country level ("Kirkuk", "Darfur") counts like a nationality word
            weight = NATIONALITY_WEIGHT * (CAPTION_WEIGHT if self.seg_caption[self.segment(s)] else
                                           LEAD_WEIGHT if self.sent_of[s] == 0 else 1)
            weights[iso3] = weights.get(iso3, 0.0) + weight
            first.setdefault(iso3, s)
            tok = self.toks[e - 1]
            while tok.dep_ in ("conj", "appos", "compound") and tok.head.i != tok.i:
                tok = tok.head
            if tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE_PREPS_FOR_CONTEXT and not self.subordinate(tok):
                located.setdefault(self.sent_of[s], (iso3, self.span_text(s, e)))
        if dateline is None:
            dateline = self.dateline_place()
        ranked = sorted(weights, key=lambda c: (c != dateline, -weights[c], first[c]))
        if dateline is not None and dateline not in weights:
            ranked.insert(0, dateline)
        return ranked, located

    def subordinate(self, tok: Any) -> bool:
        """Is the token inside a relative clause ("Yunus, who is in Paris")? A place named there sets that
        clause, not the sentence, in the place."""
        for _ in range(MAX_SCAN_TOKENS * 3):
            if tok.dep_ == "relcl" or tok.head.i == tok.i:
                return bool(tok.dep_ == "relcl")
            tok = tok.head
        return False

    def dateline_place(self) -> str | None:
        """The country of a dateline place that the tables do not know ("GOMA —", "KHARKIV, Ukraine —"), from
        the gazetteer; None when the story has no dateline or its place is not unambiguous."""
        toks = self.toks
        end = 0
        while end < len(toks) and end < MAX_SCAN_TOKENS and toks[end].text.isupper() and toks[end].is_alpha:
            end += 1
        if end == 0 or end >= len(toks) or toks[end].text not in DATELINE_FOLLOWERS or self.tok_start[0] != 0:
            return None
        return self.t.place_country(self.span_text(0, end))

    # ------------------------------------------------------------------ the whole article
    def run(self) -> list[Actor]:
        if self.doc is None:
            return []
        doc = self.doc
        toks = self.toks
        self.scan()
        self.scan_places()
        self.find_acronyms()
        for start, end in self.correct_labels():
            self.add_person(start, end)
        for tok in self.toks:
            if tok.pos_ in ("NOUN", "PROPN"):
                self.add_nominal(tok)
        for ent in doc.ents:
            if ent.label_ in ("ORG", "FAC") and self.claimed[ent.start] < 0:
                inside = self.hits.get(self.hit_at[ent.start]) if self.hit_at[ent.start] >= 0 else None
                if inside is not None and inside[0] > ent.end and inside[1].category != "org":
                    continue  # "Sierra" tagged ORG in "Sierra Leonean refugees"
                first = ent.start + 1 if toks[ent.start].lower_ == "the" and len(ent) > 1 else ent.start
                found = self.hits.get(first)
                if found is not None and found[0] != ent.end:
                    found = None  # a name inside the organisation's ("The Latvian Constitutional Court")
                if found is not None and found[1].category in ("country", "capital", "adjective", "demonym"):
                    continue  # the model's ORG is a country: coded as one below
                if ent.label_ == "FAC" and (found is None or found[1].category != "metonym"):
                    continue
                if found is None and self.hit_at[first] < 0 and self.t.place_country(self.span_text(first, ent.end)):
                    continue  # "Almaty", "Khyber Pakhtunkhwa" tagged ORG: a place the gazetteer knows
                self.add_org(ent.start, ent.end, found[1] if found is not None and found[0] == ent.end else None)
        self.add_acronym_orgs()
        for s, (e, hit) in sorted(self.hits.items()):
            if not self.free(s, e):
                continue
            if hit.category == "org":
                self.add_org_hit(s, e, hit)
            else:
                self.add_place_name(s, e, hit)
        for tok in self.toks:
            if tok.pos_ == "PRON":
                self.add_pronoun(tok)
        return self.build()

    def find_acronyms(self) -> None:
        """Acronyms that the article introduces in brackets after a name ("the Revolutionary United Front
        (RUF)", "Islamic Salvation Front (FIS)"): later mentions of the acronym are that organisation. The
        acronym's capitals must be initials of the name's words (or share its first letter), so that "President
        Bush (R)" or a bracketed place is not read as one."""
        toks, n = self.toks, len(self.toks)
        for p in range(1, n - 2):
            if toks[p].text != "(":
                continue
            close = next((k for k in range(p + 2, min(p + 6, n)) if toks[k].text == ")"), None)
            if close is None or any(toks[k].whitespace_ for k in range(p + 1, close - 1)):
                continue
            acronym = self.span_text(p + 1, close)
            capitals = [ch for ch in acronym if ch.isupper()]
            if not (len(capitals) >= 2 and len(acronym) <= MAX_ACRONYM_LENGTH and acronym[:1].isupper()
                    and acronym.replace("/", "").replace("-", "").replace("&", "").isalnum()):
                continue
            start: int | None = None
            hit = self.hit_at[p - 1]
            ent = self.ent_of[p - 1]
            if hit >= 0 and self.hits[hit][0] == p:
                if self.hits[hit][1].category != "org":
                    continue  # "Democratic People's Republic of Korea (DPRK)": a country, already known
                start = hit
            elif ent is not None and ent.end == p and ent.label_ in ("ORG", "PERSON", "NORP", "FAC", "GPE"):
                start = ent.start
            if start is None:
                continue
            while start < p - 1 and toks[start].lower_ == "the":
                start += 1
            initials = {t.text[:1] for t in toks[start:p] if t.text[:1].isupper()}
            if not initials or not (set(capitals) <= initials or capitals[0] == toks[start].text[:1]):
                continue
            self.acronyms.setdefault(acronym, (start, p, close - p - 1))

    def add_acronym_orgs(self) -> None:
        """The names that bracketed acronyms define, and the acronyms wherever they occur, as organisations
        (the model often tags them PERSON or nothing)."""
        for acronym, (start, end, size) in self.acronyms.items():
            if self.free(start, end):
                hit = self.hits.get(start)
                self.add_org(start, end, hit[1] if hit is not None and hit[0] == end else None)
            first = acronym[: len(self.toks[end + 1].text)]
            for k in range(len(self.toks) - size + 1):
                if self.toks[k].text == first and self.claimed[k] < 0 and self.span_text(k, k + size) == acronym \
                        and self.free(k, k + size):
                    self.add_org(k, k + size, None)

    def cluster(self, cands: list[Cand]) -> list[list[Cand]]:
        """Group non-pronoun candidates into actors (name coreference), then attach pronouns."""
        clusters: list[list[Cand]] = []
        by_key: dict[tuple[str, ...], int] = {}
        persons: list[tuple[str, int]] = []  # (name, cluster)
        titled: list[Cand] = []
        by_start = {c.start: c for c in cands}
        by_token = {k: c for c in cands for k in range(c.start, c.end)}

        def new(c: Cand) -> None:
            c.cluster = len(clusters)
            clusters.append([c])

        def join(c: Cand, idx: int) -> None:
            c.cluster = idx
            clusters[idx].append(c)

        pending_links: list[Cand] = []
        for c in cands:
            if c.label == "PRONOUN":
                continue
            if c.kind == "person" and not c.title_only:
                match = next((idx for nm, idx in reversed(persons) if same_person(c.name, nm)
                              or same_person(nm, c.name)), None)
                if match is None:
                    match = given_name_match(c.name, persons)
                if match is not None:
                    join(c, match)
                else:
                    new(c)
                persons.append((c.name, c.cluster))
                continue
            if c.link is not None:
                pending_links.append(c)
            key = self.key_of(c)
            if c.title_only:
                titled.append(c)
                new(c)
                continue
            if key in by_key:
                join(c, by_key[key])
            else:
                new(c)
                by_key[key] = c.cluster
        # full names that come after their short form
        for i, cl in enumerate(clusters):
            first = cl[0]
            if first.kind != "person" or first.title_only:
                continue
            for j in range(i):
                other = clusters[j]
                if other and other[0].kind == "person" and not other[0].title_only and \
                        same_person(other[0].name, first.name) and len(first.name) > len(other[0].name):
                    other.extend(cl)
                    for c in cl:
                        c.cluster = j
                    cl.clear()
                    break
        # appositions: "Kenzo Oshima, the United Nations Emergency Relief Coordinator"
        for c in pending_links:
            target = by_token.get(c.link) if c.link is not None else None
            if target is None or target.cluster == c.cluster or target.cluster < 0:
                continue
            if target.kind != c.kind and not (target.kind == "person" and c.kind == "person"):
                continue
            self.merge(clusters, c.cluster, target.cluster)
        # bare titles join the named holder of the same title in the same country ("the Belarusian president")
        for c in titled:
            if not clusters[c.cluster] or clusters[c.cluster][0] is not c:
                continue
            role = c.codes.get("role")
            if role is None or any(t.dep_ == "poss" and t.lower_ in ("its", "their") for t in self.toks[c.head].lefts):
                continue  # "Its president": the head of the body named before, not of the country
            country = c.codes.get("country")
            for cl in clusters:
                if not cl or cl[0].title_only or cl[0].kind != "person" or cl[0].start > c.start:
                    continue
                roles = {m.codes["role"].value.casefold() for m in cl if "role" in m.codes}
                countries = {m.codes["country"].value for m in cl if "country" in m.codes}
                if role.value.casefold() in roles and (country is None or country.value in countries):
                    self.merge(clusters, cl[0].cluster, c.cluster)
                    break
        del by_start
        return clusters

    @staticmethod
    def merge(clusters: list[list[Cand]], keep: int, drop: int) -> None:
        if keep == drop:
            return
        a, b = (keep, drop) if min(c.start for c in clusters[keep]) <= min(c.start for c in clusters[drop]) \
            else (drop, keep)
        for c in clusters[b]:
            c.cluster = a
        clusters[a].extend(clusters[b])
        clusters[a].sort(key=lambda c: c.start)
        clusters[b] = []

    def key_of(self, c: Cand) -> tuple[str, ...]:
        country = c.codes["country"].value if "country" in c.codes else ""
        sector = c.codes["sector"].value if "sector" in c.codes else ""
        if c.kind == "country":
            return ("country", country)
        if c.kind == "government" and country and c.label in ("METONYM", "GPE"):
            return ("government", country)
        if c.label == "ORG":
            defined = self.acronyms.get(c.name)
            if defined is not None and self.claimed[defined[0]] >= 0:
                full = self.cands[self.claimed[defined[0]]]
                if full is not c and full.label in ("ORG", "METONYM") and full.name not in self.acronyms:
                    return self.key_of(full)
            org = c.codes.get("organisation")
            return ("org", (org.value if org else _norm(c.name)).casefold())
        head = self.toks[c.head]
        return (c.kind, head.lemma_.casefold(), country, sector)

    def resolve_pronouns(self, cands: list[Cand], clusters: list[list[Cand]]) -> None:
        toks = self.toks
        refs: list[Ref] = []
        main_subjects: dict[int, Ref | None] = {}
        ref_of: dict[int, Ref] = {}
        for i, c in enumerate(cands):
            seg = self.segment(c.head)
            ref = Ref(i, c.head, self.sent_of[c.head], seg, c.kind if c.label != "PRONOUN" else "",
                      c.cluster, c.subject, c.speaker, c.plural, self.seg_caption[seg])
            refs.append(ref)
            ref_of[c.head] = ref
        for si, start in enumerate(self.sent_starts):
            sent = toks[start].sent
            root = sent.root
            subj = next((t for t in root.children if t.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is None:
                continue
            owner = self.claimed[subj.i]
            main_subjects[si] = ref_of.get(self.cands[owner].head) if owner >= 0 else None
        quote_sents = {self.sent_of[t.i] for t in self.toks if t.text in QUOTE_CHARS}
        # a person's gender, from the words of their mentions, then from the pronouns resolved to them
        gender: dict[int, str] = {}
        for idx, cl in enumerate(clusters):
            for m in cl:
                g = words_gender([toks[k].text for k in range(m.start, m.end)]) if m.kind == "person" else ""
                if g:
                    gender.setdefault(idx, g)
        resolved: list[Ref] = []
        quoted: set[int] | None = None
        for ref, c in zip(refs, cands, strict=True):
            if c.label != "PRONOUN":
                if c.cluster >= 0 and clusters[c.cluster]:
                    resolved.append(ref)
                continue
            tok = toks[c.head]
            if c.link is not None and self.claimed[c.link] >= 0:
                target = self.cands[self.claimed[c.link]]
                if target.cluster >= 0:
                    c.cluster = ref.cluster = target.cluster
                    clusters[target.cluster].append(c)
                continue
            speech = c.speaker or self.sent_of[c.head] in quote_sents
            is_subj = tok.dep_ in ("nsubj", "nsubjpass")
            owner = self.clause_subject(tok, is_subj)
            clause = ref_of.get(owner.head) if owner is not None else None
            pool = resolved
            pg = pronoun_gender(tok.lower_)
            if pg:
                # never the other gender; a person known to be of this gender before one not known
                pool = [r for r in resolved if gender.get(r.cluster, pg) == pg]
                known = [r for r in pool if gender.get(r.cluster) == pg and
                         ref.sentence - r.sentence <= PRONOUN_GENDER_WINDOW and r.segment == ref.segment]
                if known:
                    pool = [r for r in pool if r.kind != "person" or gender.get(r.cluster) == pg]
                if clause is not None and clause not in pool:
                    clause = None
            if c.speaker:
                # "“… pro-North forces …,” he said": whoever the quotation names is not the one quoting it
                quoted = quoted if quoted is not None else self.quoted_tokens()
                pool = [r for r in pool if r.token not in quoted]
                if clause is not None and clause not in pool:
                    clause = None
            ante = resolve_pronoun(tok.lower_, ref, pool, speech, main_subjects, clause, is_subj)
            if ante is None:
                continue
            if pg:
                gender.setdefault(ante.cluster, pg)
            c.cluster = ref.cluster = ante.cluster
            clusters[ante.cluster].append(c)
            ref.kind = ante.kind
            if c.speaker:
                resolved.append(ref)  # a speaking pronoun continues the quote run

    def quoted_tokens(self) -> set[int]:
        """Indices of the tokens inside double quotation marks; a quotation left open ends with its paragraph."""
        inside: set[int] = set()
        open_in: int | None = None
        for tok in self.toks:
            seg = self.segment(tok.i)
            if open_in is not None and seg != open_in:
                open_in = None
            if tok.text in OPENING_MARKS or (tok.text == '"' and open_in is None):
                open_in = seg
            elif tok.text in CLOSING_MARKS or tok.text == '"':
                open_in = None
            elif open_in is not None:
                inside.add(tok.i)
        return inside

    def clause_subject(self, tok: Any, subject: bool) -> Cand | None:
        """The mention that is the subject of the clause governing a pronoun: for a subject pronoun the
        subject of a speech verb above it ("The Kremlin has said … that it did not see"), for a possessive or
        object the subject of the nearest verb above it that has one ("Libya has offered … its nationals")."""
        cur = tok.head
        for _ in range(12):
            if cur.pos_ in ("VERB", "AUX"):
                subj = next((c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass") and c.i != tok.i), None)
                if subj is not None and subj.lower_ not in PRONOUNS and (
                        not subject or cur.lemma_ in self.t.speech_verbs):
                    owner = self.claimed[subj.i]
                    return self.cands[owner] if owner >= 0 else None
            if cur.head.i == cur.i:
                break
            cur = cur.head
        return None

    # ------------------------------------------------------------------ actors
    def build(self) -> list[Actor]:
        cands = sorted([*self.cands.values(), *self.extra], key=lambda c: (c.start, -c.end))
        clusters = self.cluster(cands)
        self.resolve_pronouns(cands, clusters)
        ranked, located = self.context()
        self.sides = self.sentence_sides(cands)
        published = self.article.published
        out: list[tuple[int, Actor]] = []
        for cl in clusters:
            named = [c for c in cl if c.label != "PRONOUN"]
            if not named:
                continue
            cl.sort(key=lambda c: c.start)
            out.append((cl[0].start, self.make_actor(named, cl, ranked, located, published)))
        self.possessors(clusters, out)
        out.sort(key=lambda x: x[0])
        actors = []
        for i, (_, actor) in enumerate(out, start=1):
            actor.id = f"A{i}"
            actors.append(actor)
        return actors

    def possessors(self, clusters: list[list[Cand]], out: list[tuple[int, Actor]]) -> None:
        """An actor whose country came only from the story's context takes the country of the actor that
        possesses it: "Kurti's government" is Kosovo's, "Merkel's spokesman" Germany's, "the Islamist group's
        gunmen" the group's."""
        actor_of: dict[int, Actor] = {}
        for cl, (_, actor) in zip([c for c in clusters if any(m.label != "PRONOUN" for m in c)], out, strict=True):
            for c in cl:
                actor_of[c.start] = actor
        for cl in clusters:
            named = [c for c in cl if c.label != "PRONOUN"]
            if not named:
                continue
            actor = actor_of[named[0].start]
            if self.country_rank.get(id(actor), RANK_MAIN_COUNTRY + 1) < RANK_CONTEXT or actor.kind == "country":
                continue
            for c in named:
                poss = next((t for t in self.toks[c.head].lefts if t.dep_ == "poss"), None)
                if poss is None or self.claimed[poss.i] < 0:
                    continue
                other = actor_of.get(self.claimed[poss.i])
                if other is None or other is actor or not other.country:
                    continue
                actor.country = other.country
                actor.evidence = [f"possessor '{poss.text}' ({other.name}) -> {other.country}"] + [
                    e for e in actor.evidence if "country of the article" not in e and not e.startswith("context:")]
                break

    def sentence_sides(self, cands: list[Cand]) -> dict[int, list[tuple[int, str, str, str]]]:
        """Per sentence, the actors whose own words give them a country: (cluster, country, sector, kind)."""
        sides: dict[int, list[tuple[int, str, str, str]]] = {}
        for c in cands:
            clue = c.codes.get("country")
            if clue is None or c.label == "PRONOUN" or clue.value in ("IGO", "NGO"):
                continue
            sector = c.codes["sector"].value if "sector" in c.codes else ""
            sides.setdefault(self.sent_of[c.head], []).append((c.cluster, clue.value, sector, c.kind))
        return sides

    def fallback_country(self, named: list[Cand], ranked: list[str], sector: str | None) -> str | None:
        """The article's main country for an actor with no country of its own, except for victims: people
        struck by an armed actor of the main country in the same sentence ("three civilians were killed by
        Russian missiles" in a story that also names Ukraine) take the next country of the article. When the
        article names no other country the main one stands (a government may hold its own civilians)."""
        if not ranked:
            return None
        if sector not in VICTIM_SECTORS:
            return ranked[0]
        excluded: set[str] = set()
        for c in named:
            for other, country, other_sector, _ in self.sides.get(self.sent_of[c.head], []):
                if other != named[0].cluster and other_sector in ARMED_SECTORS:
                    excluded.add(country)
        return next((country for country in ranked if country not in excluded), ranked[0])

    def make_actor(self, named: list[Cand], all_cands: list[Cand], ranked: list[str],
                   located: dict[int, tuple[str, str]], published: dt.date | None) -> Actor:
        first = named[0]
        codes: dict[str, Clue] = {}
        for c in named:
            for fld, clue in c.codes.items():
                old = codes.get(fld)
                if old is None or clue.rank < old.rank:
                    codes[fld] = clue
        kind = first.kind
        if kind == "person" and not first.title_only:
            name = max((c.name for c in named if c.kind == "person" and not c.title_only), key=len)
        elif kind == "person":
            persons = [c.name for c in named if c.kind == "person" and not c.title_only]
            name = max(persons, key=len) if persons else first.name
        elif kind == "country":
            name = first.name
        elif first.label == "ORG":
            name = max((c.name for c in named), key=len) if "organisation" not in codes else first.name
        else:
            name = first.name
        evidence_extra: list[str] = []

        def give(fld: str, value: str | None, rank: int, why: str) -> None:
            if value and (fld not in codes or rank < codes[fld].rank):
                codes[fld] = Clue(value, rank, why)

        # organisations by name (an ORG mention's own name)
        if first.label in ("ORG", "METONYM"):
            for c in named:
                found = self.hits.get(c.start) or self.hits.get(c.start + 1)
                org = found[1].org if found is not None else None
                if org is None:
                    org = self.t.orgs_by_name.get(_norm(c.name).casefold())
                if org is not None:
                    name = org.name
                    codes.setdefault("organisation", Clue(org.name, RANK_ORGANISATION, "organisation table"))
                    if org.country in ("IGO", "NGO"):
                        give("country", org.country, RANK_ORGANISATION, f"organisation {org.name} -> {org.country}")
                        give("sector", org.sector or org.country, RANK_ORGANISATION,
                             f"organisation {org.name} -> {org.sector or org.country}")
                    else:
                        give("country", org.country, RANK_ORGANISATION, f"organisation {org.name} -> {org.country}")
                        give("sector", org.sector, RANK_ORGANISATION, f"organisation {org.name} -> {org.sector}")
                    if org.kind in ("government", "gov"):
                        kind = "government"
                    break
        # "the Bush administration", "the Netanyahu government": the country of the leader it is named after
        if kind == "government" and "country" not in codes:
            for c in named:
                leader = [t for t in self.toks[c.start:c.head] if t.pos_ == "PROPN" and t.dep_ == "compound"]
                office = self.t.office(leader[-1].text, published) if leader else None
                if office is not None and office[0].country not in (None, "IGO", "NGO"):
                    give("country", office[0].country, RANK_OFFICE,
                         f"named after {office[0].name} ({office[0].role}) -> {office[0].country}")
                    break
        # office holders on the publication date
        if kind == "person":
            names = sorted({c.name for c in named if c.kind == "person" and not c.title_only}, key=len, reverse=True)
            full = _plain(names[0]).split() if names else []
            for nm in names:
                office = self.t.office(nm, published)
                if office is None:
                    continue
                holder, state = office
                if nm != names[0] and len(full) >= 2 and not set(full) <= set(_plain(holder.name).split()):
                    continue  # "Lam" of "Carrie Lam" is not To Lam; "Erdogan" of "Tayyip Erdogan" is Erdoğan
                span = f"{holder.start or '?'}..{holder.end or 'now'}"
                if state in ("in office", "undated"):
                    why = f"office holder {holder.name}: {holder.role} {span}" + (
                        " (no publication date)" if state == "undated" else "")
                    give("country", holder.country, RANK_OFFICE, why)
                    give("sector", holder.sector, RANK_OFFICE, why)
                    give("role", holder.role, RANK_OFFICE, why)
                    give("organisation", holder.organisation, RANK_OFFICE, why)
                elif state == "former":
                    why = f"former: {holder.name} left office as {holder.role} on {holder.end}"
                    give("country", holder.country if holder.country != "IGO" else None, RANK_OFFICE, why)
                    role_clue = codes.get("role")
                    same_office = role_clue is None or (holder.role or "").casefold() in role_clue.value.casefold()
                    if same_office:
                        codes["sector"] = Clue("ELI", RANK_MENTION, why)
                        codes["role"] = Clue(f"former {holder.role}", RANK_MENTION, why)
                    else:
                        give("sector", "ELI", RANK_OFFICE, why)
                    evidence_extra.append("former")
                else:
                    why = f"office holder {holder.name}: took office as {holder.role} on {holder.start}, after the date"
                    give("country", holder.country if holder.country != "IGO" else None, RANK_OFFICE, why)
                break
        # IGO people: country and sector IGO, with the organisation
        if codes.get("country") and codes["country"].value in ("IGO", "NGO") and kind == "person":
            give("sector", codes["country"].value, RANK_ORGANISATION, codes["country"].evidence)
        # context: the place the sentence is set in, then the article's main country
        state_title = kind == "person" and "sector" in codes and codes["sector"].value in PERSON_CONTEXT_SECTORS
        state_body = kind == "organisation" and "sector" in codes and codes["sector"].value in STATE_SECTORS
        if "country" not in codes and not any(c.has_org for c in named) and (
                kind in ("group", "government") or first.title_only or state_title or state_body):
            for c in named:
                loc = located.get(self.sent_of[c.head])
                if loc is not None:
                    give("country", loc[0], RANK_CONTEXT, f"context: '{loc[1]}' in the same sentence -> {loc[0]}")
                    break
            fallback = self.fallback_country(named, ranked, codes["sector"].value if "sector" in codes else None)
            if "country" not in codes and fallback is not None:
                which = "main country" if ranked and fallback == ranked[0] else "a country"
                give("country", fallback, RANK_MAIN_COUNTRY, f"{which} of the article -> {fallback}")
        # a non-governmental organisation with no country of its own takes the NGO code in the country slot,
        # as the organisations table's NGOs do ("a human rights group", "the Association of African Jurists")
        if kind == "organisation" and "country" not in codes:
            words = _plain(name).split()
            head_word = next((w for w in (words[-1:] + words[:1]) if w in NGO_NAME_HEADS), None) if words else None
            if "sector" not in codes and head_word and any(
                    c.label == "ORG" for c in named):
                give("sector", "NGO", RANK_CONTEXT, f"an organisation named '{head_word}' -> NGO")
            if "sector" in codes and codes["sector"].value in NGO_SECTORS:
                give("country", "NGO", RANK_CONTEXT,
                     f"a non-governmental organisation ({codes['sector'].value}) of no country -> NGO")
        actor = Actor(id="", name=name.strip(), kind=kind)
        if "country" in codes:
            self.country_rank[id(actor)] = codes["country"].rank
        actor.country = codes["country"].value if "country" in codes else None
        actor.sector = codes["sector"].value if "sector" in codes else None
        actor.role = codes["role"].value if "role" in codes else None
        actor.organisation = codes["organisation"].value if "organisation" in codes else None
        evidence = []
        for fld in ("country", "sector", "role", "organisation"):
            if fld in codes and codes[fld].evidence not in evidence:
                evidence.append(codes[fld].evidence)
        actor.evidence = evidence + [e for e in evidence_extra if e not in evidence]
        actor.mentions = [self.make_mention(c) for c in sorted(all_cands, key=lambda c: c.start)]
        return actor

    def make_mention(self, c: Cand) -> Mention:
        toks = self.toks
        start = toks[c.start].idx
        last = toks[c.end - 1]
        return mention(self.article, start, last.idx + len(last.text), c.label)


def group_kind(lex: Lex) -> str:
    """The actor kind of a group noun: a government body is a government, another institution an
    organisation (a court, a parliament, a newspaper), a set of people or the police a group."""
    if lex.kind == "body" and lex.sector == "GOV":
        return "government"
    if lex.kind == "body" and lex.sector in BODY_ORGANISATION_SECTORS:
        return "organisation"
    return "group"


# ---------------------------------------------------------------------- for later stages
def _index(article: Article) -> list[tuple[int, int, Actor]]:
    entries = sorted(((m.doc_start, m.doc_end, a) for a in article.actors for m in a.mentions), key=lambda e: e[0])
    return entries


def actor_at(article: Article, doc_start: int, doc_end: int) -> Actor | None:
    """The actor one of whose mentions overlaps ``doc_start:doc_end`` of the analysed text.

    The mention with the longest overlap wins, then the tightest (shortest) mention. The index is built once
    per article and cached in ``article.doc.user_data`` (keyed by the actors list, so a rerun rebuilds it).
    """
    doc = article.doc
    cache: dict[str, Any] | None = doc.user_data if doc is not None else None
    entries: list[tuple[int, int, Actor]] | None = None
    if cache is not None:
        cached = cache.get(INDEX_KEY)
        if cached is not None and cached[0] is article.actors and cached[1] == len(article.actors):
            entries = cached[2]
    if entries is None:
        entries = _index(article)
        if cache is not None:
            cache[INDEX_KEY] = (article.actors, len(article.actors), entries, [e[0] for e in entries])
    starts: list[int] = cache[INDEX_KEY][3] if cache is not None else [e[0] for e in entries]
    best: tuple[int, int] | None = None
    best_actor: Actor | None = None
    hi = bisect_left(starts, doc_end)
    for k in range(hi - 1, -1, -1):
        s, e, actor = entries[k]
        overlap = min(e, doc_end) - max(s, doc_start)
        if overlap <= 0:
            if doc_start - s > 2000:
                break  # mentions are short: nothing further left can reach the span
            continue
        score = (overlap, -(e - s))
        if best is None or score > best:
            best, best_actor = score, actor
    return best_actor
