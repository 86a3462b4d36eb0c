"""PLOVER: the event types, their modes and contexts, and the intensity scale (−10 … +10).

Types and modes follow the PLOVER manual (draft 0.8, 2021); the 0.5b1 labels of older gold data map onto
them through ``LEGACY_TYPES``. Intensities are the project's defaults on PLOVER's −10 (most conflictual) to
+10 (most cooperative) scale, set per type and refined per mode where the mode changes the severity
(an air strike is more intense than a beating); they follow the ordering of the CAMEO/Goldstein scale.
"""

from __future__ import annotations

TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

# PLOVER 0.5b1 labels (in older gold files) -> current types (and the mode they imply).
LEGACY_TYPES: dict[str, tuple[str, str | None]] = {
    "DEMAND": ("REQUEST", None),
    "FIGHT": ("ASSAULT", None),
    "DISAPPROVE": ("ACCUSE", "disapprove"),
    "INVESTIGATE": ("ACCUSE", "investigate"),
}

MODES: dict[str, tuple[str, ...]] = {
    "AGREE": (),
    "CONSULT": ("phone", "visit", "host", "third-party", "multilateral"),
    "SUPPORT": (),
    "CONCEDE": (),
    "COOPERATE": (),
    "AID": (),
    "RETREAT": ("release", "return", "ease", "access", "disarm", "ceasefire", "withdraw", "resign"),
    "REQUEST": ("assist", "change", "yield", "meet"),
    "ACCUSE": ("disapprove", "allege", "investigate", "lawsuit", "convict"),
    "REJECT": ("assist", "change", "yield", "meet", "veto", "deny"),
    "THREATEN": ("relations", "restrict", "ban", "expel", "violence", "territory", "ultimatum"),
    "PROTEST": ("demo", "riot", "strike", "hunger", "boycott", "obstruct"),
    "SANCTION": ("withdraw", "discontinue", "expel", "restrict", "relations"),
    "MOBILIZE": ("troops", "police", "weapons", "alert", "exercise"),
    "COERCE": ("arrest", "seize", "restrict", "ban", "censor", "curfew", "martial-law", "deport", "raid",
               "cyber", "crowd-control"),
    "ASSAULT": ("aerial", "firearms", "explosives", "suicide-attack", "heavy-weapons", "abduct", "beat",
                "sexual", "torture", "assassinate", "crowd-control", "destroy", "massacre", "cleansing",
                "unconventional"),
}

CONTEXTS: tuple[str, ...] = (
    "military", "diplomatic", "economic", "legal", "political", "election", "repression", "migration",
    "refugee", "health", "terrorism", "rights_freedoms", "humanitarian", "peacekeeping", "cbrn", "cyber",
    "resource", "environment", "crime", "corruption", "human_rights", "executive", "political_institutions",
    "religion_ethnicity", "intelligence", "pro_autocracy", "democracy", "asylum", "human_security",
)

INTENSITY: dict[str, float] = {
    "AGREE": 4.0, "CONSULT": 1.0, "SUPPORT": 3.5, "CONCEDE": 5.0, "COOPERATE": 6.0, "AID": 7.0,
    "RETREAT": 4.5, "REQUEST": -1.0, "ACCUSE": -2.0, "REJECT": -4.0, "THREATEN": -6.0, "PROTEST": -6.5,
    "SANCTION": -5.0, "MOBILIZE": -7.0, "COERCE": -7.0, "ASSAULT": -9.0,
}
MODE_INTENSITY: dict[tuple[str, str], float] = {
    ("REQUEST", "assist"): 3.0, ("REQUEST", "change"): -3.0, ("REQUEST", "yield"): -4.0,
    ("ACCUSE", "investigate"): -2.0, ("ACCUSE", "allege"): -3.0, ("ACCUSE", "convict"): -5.0,
    ("THREATEN", "violence"): -7.0, ("THREATEN", "territory"): -7.0,
    ("PROTEST", "riot"): -7.5, ("PROTEST", "strike"): -6.0, ("PROTEST", "hunger"): -6.0,
    ("COERCE", "arrest"): -5.0, ("COERCE", "censor"): -4.5, ("COERCE", "crowd-control"): -7.5,
    ("ASSAULT", "beat"): -8.0, ("ASSAULT", "firearms"): -10.0, ("ASSAULT", "heavy-weapons"): -10.0,
    ("ASSAULT", "aerial"): -10.0, ("ASSAULT", "massacre"): -10.0, ("ASSAULT", "unconventional"): -10.0,
    ("RETREAT", "ceasefire"): 6.0, ("RETREAT", "release"): 5.0,
}


def intensity(event_type: str, mode: str | None) -> float:
    """The event's intensity on PLOVER's −10 … +10 scale."""
    if mode and (event_type, mode) in MODE_INTENSITY:
        return MODE_INTENSITY[(event_type, mode)]
    return INTENSITY[event_type]


def normalise_type(label: str) -> tuple[str, str | None]:
    """A current PLOVER type (and implied mode) for a label, mapping the 0.5b1 names."""
    label = label.strip().upper()
    if label in LEGACY_TYPES:
        return LEGACY_TYPES[label]
    return label, None
