"""What each knowledge table must look like: its columns, key and allowed values (used by ``knowledge check``).

A schema is data, not code: ``eventwire.knowledge.check`` reads these declarations and reports every row that
breaks one, with its file and line, so that a user extending a table learns what is wrong before a run
silently ignores or misreads the row. Tables without a schema here (other stages' tables) are still loaded;
the check then only verifies that their rows fit their header.
"""

from __future__ import annotations

from dataclasses import dataclass

from eventwire.model import CUE_KINDS
from eventwire.ontology.plover import TYPES as PLOVER_TYPES

MULTI_SEPARATOR = "|"
"""Separator of the values of a multi-valued cell (``aliases``, ``term``, ``title``...)."""

PSEUDO_COUNTRIES = {
    "IGO": "an intergovernmental organisation (UN, NATO, EU...), in place of a country",
    "NGO": "an international non-governmental organisation, in place of a country",
    "IMG": "a transnational armed group (CAMEO's international militarised group), in place of a country",
}
"""Codes allowed where a country is expected, for actors that belong to no single country."""

DATE_PATTERN = r"\d{4}-\d{2}-\d{2}"
"""Dates in knowledge tables are ISO ``YYYY-MM-DD`` (and must also be real calendar dates)."""


@dataclass(frozen=True)
class Schema:
    """The declaration of one table.

    ``terms`` are the columns whose values name an actor in text: the check compares them across tables
    and reports a term that two rows map to different codes, since the actors stage could only pick one.
    ``term_country``/``term_sector`` name the columns giving those codes (empty: the table gives none).
    ``local_terms`` are compared within the table only: capitals are place names first, and a metonym of the
    same name (``brussels``) is a deliberate, more specific reading that takes precedence.
    """

    columns: tuple[str, ...]
    key: tuple[str, ...]
    description: str = ""
    required: tuple[str, ...] = ()
    multi: tuple[str, ...] = ()
    lower: tuple[str, ...] = ()
    patterns: tuple[tuple[str, str], ...] = ()
    countries: tuple[str, ...] = ()
    pseudo_countries: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    choices: tuple[tuple[str, tuple[str, ...]], ...] = ()
    dates: tuple[str, ...] = ()
    date_range: tuple[str, str] | None = None
    range_group: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    local_terms: tuple[str, ...] = ()
    term_country: str = ""
    term_sector: str = ""
    optional: tuple[str, ...] = ()  # columns a file may leave out (added after users wrote their own files)


ORGANISATION_KINDS = ("igo", "ngo", "media", "agency", "party", "armed_group", "company", "court", "other")

SCHEMAS: dict[str, Schema] = {
    "sectors": Schema(
        columns=("code", "name", "description"),
        key=("code",),
        description="Actor sector codes (CAMEO role codes, PLOVER sectors).",
        required=("code", "name"),
        patterns=(("code", r"[A-Z]{3}"),),
    ),
    "countries": Schema(
        columns=("iso3", "iso2", "name", "aliases", "adjectives", "demonyms", "capital", "capital_aliases"),
        key=("iso3",),
        description="Countries and territories with their names, adjectives, demonyms and capitals.",
        required=("iso3", "iso2", "name"),
        multi=("aliases", "adjectives", "demonyms", "capital_aliases"),
        patterns=(("iso3", r"[A-Z]{3}"), ("iso2", r"[A-Z]{2}")),
        terms=("name", "aliases", "adjectives", "demonyms"),
        local_terms=("capital", "capital_aliases"),
        term_country="iso3",
    ),
    "metonyms": Schema(
        columns=("term", "country", "sector", "note"),
        key=("term",),
        description="Places and nicknames that stand for a government or service (the Kremlin).",
        required=("term", "country", "sector"),
        multi=("term",),
        lower=("term",),
        countries=("country",),
        pseudo_countries=("IGO",),
        sectors=("sector",),
        terms=("term",),
        term_country="country",
        term_sector="sector",
    ),
    "titles": Schema(
        columns=("title", "sector", "country", "kind", "note"),
        optional=("country",),
        key=("title",),
        description="Titles and role nouns of people and the sector they indicate.",
        required=("title", "kind"),
        multi=("title",),
        lower=("title",),
        sectors=("sector",),
        countries=("country",),
        choices=(("kind", ("person",)),),
        terms=("title",),
        term_sector="sector",
    ),
    "groups": Schema(
        columns=("term", "sector", "kind", "note"),
        key=("term",),
        description="Descriptive nouns naming collective actors (police, protesters, the junta).",
        required=("term", "sector", "kind"),
        multi=("term",),
        lower=("term",),
        sectors=("sector",),
        choices=(("kind", ("people", "body")),),
        terms=("term",),
        term_sector="sector",
    ),
    "organisations": Schema(
        columns=("name", "aliases", "country", "sector", "kind", "note"),
        key=("name",),
        description="Named organisations: IGOs, NGOs, media, agencies, parties, armed groups, companies, courts.",
        required=("name", "country", "sector", "kind"),
        multi=("aliases",),
        countries=("country",),
        pseudo_countries=("IGO", "NGO", "IMG"),
        sectors=("sector",),
        choices=(("kind", ORGANISATION_KINDS),),
        terms=("name", "aliases"),
        term_country="country",
        term_sector="sector",
    ),
    "office_holders": Schema(
        columns=("name", "aliases", "country", "sector", "role", "organisation", "start", "end", "note"),
        key=("name", "role", "start"),
        description="Who held which office when (one row per term and office).",
        required=("name", "country", "role", "start"),
        multi=("aliases",),
        countries=("country",),
        pseudo_countries=("IGO", "NGO"),
        sectors=("sector",),
        dates=("start", "end"),
        date_range=("start", "end"),
        range_group=("name", "country", "role", "organisation"),
    ),
    "speech_verbs": Schema(
        columns=("lemma", "kind", "note"),
        key=("lemma",),
        description="Cue words of quotations (said, told, according to) for the quotes stage.",
        required=("lemma", "kind"),
        lower=("lemma",),
        choices=(("kind", CUE_KINDS),),
    ),
    "event_patterns": Schema(
        columns=("id", "lemma", "pos", "prep", "prt", "obj", "adv", "type", "mode", "context", "target",
                 "source_sectors", "not_source_sectors", "needs", "note"),
        key=("id",),
        description="Event triggers in their syntactic frames and the PLOVER type, mode and context they code.",
        required=("id", "lemma", "pos", "type", "target"),
        lower=("lemma",),
        choices=(("pos", ("V", "N", "M")), ("type", PLOVER_TYPES)),
    ),
}
