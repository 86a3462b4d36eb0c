"""ACLED-style event types for PLOVER events, where one fits (ACLED's six types and their sub-types).

ACLED codes political violence, protests and strategic developments; cooperative and verbal events
(CONSULT, ACCUSE, REQUEST, …) have no ACLED type and get None.
"""

from __future__ import annotations

ARMED = {"MIL", "REB", "INS", "SEP", "COP", "SPY", "UAF"}
CIVILIAN = {"CVL", "PRO", "MED", "EDU", "REL", "HLH", "REF", "LAB", "NGO", "HRI", "OPP", "BUS", "AGR", "ELI"}

REMOTE_MODES = {
    "aerial": "Air/drone strike",
    "heavy-weapons": "Shelling/artillery/missile attack",
    "explosives": "Remote explosive/landmine/IED",
    "suicide-attack": "Suicide bomb",
}


def acled_type(event_type: str, mode: str | None, source_sector: str | None,
               target_sector: str | None) -> tuple[str | None, str | None]:
    """(event_type, sub_event_type) in ACLED's terms, or (None, None) when the event is not of ACLED's kinds."""
    if event_type == "ASSAULT":
        if mode in REMOTE_MODES:
            return "Explosions/Remote violence", REMOTE_MODES[mode]
        if mode == "crowd-control":
            return "Protests", "Excessive force against protesters"
        if mode == "abduct":
            return "Violence against civilians", "Abduction/forced disappearance"
        if mode == "sexual":
            return "Violence against civilians", "Sexual violence"
        if target_sector in CIVILIAN:
            return "Violence against civilians", "Attack"
        if source_sector in ARMED and (target_sector in ARMED or target_sector == "GOV"):
            return "Battles", "Armed clash"
        if mode == "destroy":
            return "Strategic developments", "Looting/property destruction"
        return "Battles", "Armed clash"
    if event_type == "PROTEST":
        if mode == "riot":
            return "Riots", "Violent demonstration"
        return "Protests", "Peaceful protest"
    if event_type == "COERCE":
        if mode == "crowd-control":
            return "Protests", "Protest with intervention"
        if mode == "arrest":
            return "Strategic developments", "Arrests"
        if mode == "seize":
            return "Strategic developments", "Non-violent transfer of territory"
        return None, None
    if event_type == "MOBILIZE":
        return "Strategic developments", "Change to group/activity"
    if event_type == "AGREE" or (event_type == "RETREAT" and mode == "ceasefire"):
        return "Strategic developments", "Agreement"
    return None, None
