"""The data model: one Article flows through every stage, each stage adds its typed results.

Plain dataclasses and nothing else. Every extracted item carries provenance: the article it came from
(implicitly, by living on the Article), its section (``body`` or ``caption``), paragraph index within that
section, sentence index within the analysed document, and character spans both within the paragraph
(``start``/``end``) and within the analysed document text (``doc_start``/``doc_end``).

The analysed document text is the body paragraphs followed by the captions, joined by blank lines
(see :meth:`Article.analysed_text`); ``doc_start``/``doc_end`` index into it and into the spaCy ``Doc``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Section = Literal["body", "caption"]
PARAGRAPH_SEPARATOR = "\n\n"


@dataclass(frozen=True)
class Caption:
    """A photo caption separated from the body, with its credit line (``EPA-EFE/NAME``) when it has one."""

    text: str
    credit: str | None = None


@dataclass(frozen=True)
class Origin:
    """Where an article came from: a file (and line or byte offset within it), a URL, a WARC record."""

    path: str | None = None
    line: int | None = None
    offset: int | None = None
    length: int | None = None
    url: str | None = None


@dataclass(frozen=True)
class Segment:
    """One paragraph of the analysed text: its section, index within the section and offset in the document."""

    section: Section
    index: int
    text: str
    doc_start: int

    @property
    def doc_end(self) -> int:
        return self.doc_start + len(self.text)


@dataclass(frozen=True)
class Mention:
    """A span of the article's text, with the label a stage gave it."""

    text: str
    section: Section
    paragraph: int
    start: int
    end: int
    sentence: int
    doc_start: int
    doc_end: int
    label: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "section": self.section,
            "paragraph": self.paragraph,
            "start": self.start,
            "end": self.end,
            "sentence": self.sentence,
            "label": self.label,
        }


@dataclass
class Actor:
    """A canonical actor within one article, coded PLOVER/CAMEO style, with every mention that refers to it."""

    id: str
    name: str
    # person, organisation, government, group, country, or document (a report, poll or data set that is the
    # source of a quote)
    kind: str = "person"
    role: str | None = None
    country: str | None = None  # ISO 3166 alpha-3, or "IGO"/"NGO" for international organisations
    sector: str | None = None  # GOV, MIL, COP, SPY, JUD, LEG, OPP, PRO, REB, MED, CVL, BUS, IGO, NGO, ...
    organisation: str | None = None
    external_id: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)  # how each code was chosen, in order

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "role": self.role,
            "country": self.country,
            "sector": self.sector,
            "organisation": self.organisation,
            "external_id": self.external_id,
            "mentions": [m.to_dict() for m in self.mentions],
            "evidence": list(self.evidence),
        }


@dataclass
class Place:
    """A toponym resolved to a gazetteer entry (GeoNames id where there is one), with its mentions."""

    id: str
    name: str
    geonameid: int | None
    feature_class: str | None  # GeoNames class: P (populated place), A (country, region), L, H, T, ...
    country: str | None  # ISO 3166 alpha-2, as GeoNames has it
    admin1: str | None
    lat: float | None
    lon: float | None
    population: int | None = None
    mentions: list[Mention] = field(default_factory=list)
    resolution_reason: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "geonameid": self.geonameid,
            "name": self.name,
            "feature_class": self.feature_class,
            "country": self.country,
            "admin1": self.admin1,
            "lat": self.lat,
            "lon": self.lon,
            "population": self.population,
            "mentions": [m.to_dict() for m in self.mentions],
            "resolution_reason": self.resolution_reason,
        }


@dataclass(frozen=True)
class TimeExpr:
    """A time expression normalised TimeML-style (``2020-08-26``, ``2020-W34``, ``2020-08``, ``2014``, ``199X``).

    ``type`` is DATE, TIME, DURATION or SET; only DATE and TIME values date events. ``resolution`` says how the
    value was found: ``absolute``, ``relative_publication`` (against the publication date), ``relative_date``
    (against another date in the text) or ``unresolved`` (then ``value`` is None and ``reason`` says why).
    """

    text: str
    value: str | None
    granularity: str | None  # day, week, month, quarter, season, year, decade, century, time
    type: str
    resolution: str
    mention: Mention
    reason: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "value": self.value,
            "granularity": self.granularity,
            "type": self.type,
            "resolution": self.resolution,
            "reason": self.reason,
            "section": self.mention.section,
            "paragraph": self.mention.paragraph,
            "start": self.mention.start,
            "end": self.mention.end,
            "sentence": self.mention.sentence,
        }


# What a quote's cue attributes (Quote.cue_kind, the kind column of the speech_verbs table).
CUE_KINDS = ("speech", "cognition", "evidence", "stance")


@dataclass(frozen=True)
class Quote:
    """A direct, indirect or mixed quotation with its cue verb and speaker (an actor id)."""

    id: str
    kind: str  # direct, indirect, mixed
    content: str
    span: Mention
    cue: str | None
    cue_span: Mention | None
    speaker: str | None  # Actor.id
    speaker_text: str | None
    confidence: float
    # what the cue attributes: speech (an utterance), cognition (a belief, wish or feeling), evidence (what a poll,
    # document or video shows) or stance (taking sides: "supports", "criticized", "has been critical of")
    cue_kind: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "content": self.content,
            "cue": self.cue,
            "cue_kind": self.cue_kind,
            "speaker": self.speaker,
            "speaker_text": self.speaker_text,
            "confidence": self.confidence,
            "section": self.span.section,
            "paragraph": self.span.paragraph,
            "start": self.span.start,
            "end": self.span.end,
            "sentence": self.span.sentence,
        }


@dataclass
class Event:
    """Who did what to whom: a PLOVER-typed event with its evidence, flags and derived codes."""

    id: str
    type: str
    mode: str | None
    contexts: list[str]
    source: str | None  # Actor.id
    target: str | None  # Actor.id
    trigger: Mention
    sentence: str
    section: Section
    place: str | None = None  # Place.id
    place_rule: str = ""
    date: str | None = None
    date_precision: str | None = None  # day, week, month, year, ..., or "publication"
    date_rule: str = ""
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    historical: bool = False
    reported_by: str | None = None  # Quote.id or Actor.id that reports the event
    cameo: str | None = None
    acled_type: str | None = None
    acled_subtype: str | None = None
    intensity: float | None = None
    tone: float | None = None
    explanation: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["trigger"] = self.trigger.to_dict()
        out["paragraph"] = self.trigger.paragraph
        out["sentence_index"] = self.trigger.sentence
        return out


@dataclass
class Article:
    """One news article and everything the stages found in it."""

    id: str
    paragraphs: list[str]
    captions: list[Caption] = field(default_factory=list)
    title: str | None = None
    url: str | None = None
    source: str | None = None
    authors: list[str] = field(default_factory=list)
    published: dt.date | None = None
    published_precision: str | None = None  # "day" when a date header or metadata gave it
    language: str | None = None
    origin: Origin | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    # results of the stages
    doc: Any = field(default=None, repr=False, compare=False)  # the spaCy Doc, made once by `annotate`
    actors: list[Actor] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    tone: dict[str, float] = field(default_factory=dict)
    knowledge_hash: str | None = None
    pipeline_version: str | None = None
    done: list[str] = field(default_factory=list)  # names of the stages that have run

    def segments(self) -> list[Segment]:
        """The paragraphs that are analysed, in document order: body paragraphs, then captions."""
        out: list[Segment] = []
        pos = 0
        texts: list[tuple[Section, int, str]] = [("body", i, p) for i, p in enumerate(self.paragraphs)]
        texts += [("caption", i, c.text) for i, c in enumerate(self.captions)]
        for section, index, text in texts:
            out.append(Segment(section, index, text, pos))
            pos += len(text) + len(PARAGRAPH_SEPARATOR)
        return out

    def analysed_text(self) -> str:
        """The text the NLP model reads: body paragraphs then captions, separated by blank lines."""
        return PARAGRAPH_SEPARATOR.join([*self.paragraphs, *(c.text for c in self.captions)])

    def segment_at(self, doc_offset: int) -> Segment:
        """The segment that holds a character offset of the analysed text."""
        segs = self.segments()
        for seg in segs:
            if doc_offset < seg.doc_end + len(PARAGRAPH_SEPARATOR):
                return seg
        return segs[-1]

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract (see the README)."""
        return {
            "article": {
                "id": self.id,
                "title": self.title,
                "url": self.url,
                "source": self.source,
                "authors": list(self.authors),
                "published": self.published.isoformat() if self.published else None,
                "published_precision": self.published_precision,
                "language": self.language,
                "paragraphs": list(self.paragraphs),
                "captions": [{"text": c.text, "credit": c.credit} for c in self.captions],
                "origin": asdict(self.origin) if self.origin else None,
                "knowledge_hash": self.knowledge_hash,
                "pipeline_version": self.pipeline_version,
                "stages": list(self.done),
            },
            "actors": [a.to_dict() for a in self.actors],
            "places": [p.to_dict() for p in self.places],
            "times": [t.to_dict() for t in self.times],
            "quotes": [q.to_dict() for q in self.quotes],
            "events": [e.to_dict() for e in self.events],
            "tone": dict(self.tone),
        }
