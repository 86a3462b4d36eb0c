"""PLOVER types, the CAMEO codes derived from them, ACLED-style types and intensities."""

from __future__ import annotations

import pytest

from eventwire.knowledge import Knowledge
from eventwire.ontology.acled import acled_type
from eventwire.ontology.cameo import cameo_code, cameo_root
from eventwire.ontology.plover import MODES, TYPES, intensity, normalise_type


def test_sixteen_types_each_with_an_intensity_on_the_scale() -> None:
    assert len(TYPES) == 16
    for t in TYPES:
        assert -10 <= intensity(t, None) <= 10
    assert intensity("ASSAULT", "aerial") < intensity("ASSAULT", "beat") < intensity("CONSULT", None)
    assert intensity("AID", None) > 0 > intensity("PROTEST", None)


@pytest.mark.parametrize(("legacy", "current"), [("DEMAND", "REQUEST"), ("FIGHT", "ASSAULT"),
                                                  ("DISAPPROVE", "ACCUSE"), ("INVESTIGATE", "ACCUSE"),
                                                  ("protest", "PROTEST")])
def test_legacy_labels_map_to_current_types(legacy: str, current: str) -> None:
    assert normalise_type(legacy)[0] == current


@pytest.mark.parametrize(("event", "code"), [
    (("COERCE", "arrest", ()), "173"),
    (("COERCE", "curfew", ()), "1723"),
    (("ASSAULT", "aerial", ("military",)), "195"),
    (("ASSAULT", None, ()), "190"),
    (("CONSULT", "phone", ()), "041"),
    (("ACCUSE", "allege", ("human_rights",)), "1122"),
    (("PROTEST", "demo", ()), "141"),
    (("AGREE", None, ("diplomatic",)), "036"),
])
def test_cameo_code_is_the_most_specific_match(event: tuple[str, str | None, tuple[str, ...]], code: str) -> None:
    assert cameo_code(*event) == code
    assert cameo_root(code) == code[:2]


def test_every_type_and_mode_of_the_patterns_has_a_cameo_code() -> None:
    for row in Knowledge().table("event_patterns"):
        assert row["type"] in TYPES, f"line {row.line}: unknown type {row['type']}"
        mode = row["mode"] or None
        if mode:
            assert mode in MODES[row["type"]], f"line {row.line}: mode {mode} is not a mode of {row['type']}"
        assert cameo_code(row["type"], mode) is not None, f"line {row.line}: no CAMEO code"


@pytest.mark.parametrize(("args", "expected"), [
    (("ASSAULT", "aerial", "MIL", "CVL"), ("Explosions/Remote violence", "Air/drone strike")),
    (("ASSAULT", "firearms", "MIL", "REB"), ("Battles", "Armed clash")),
    (("ASSAULT", None, "REB", "CVL"), ("Violence against civilians", "Attack")),
    (("PROTEST", "riot", "PRO", "GOV"), ("Riots", "Violent demonstration")),
    (("PROTEST", "demo", "PRO", None), ("Protests", "Peaceful protest")),
    (("COERCE", "crowd-control", "COP", "PRO"), ("Protests", "Protest with intervention")),
    (("CONSULT", None, "GOV", "GOV"), (None, None)),
])
def test_acled_types(args: tuple[str, str | None, str | None, str | None], expected: tuple[str | None, ...]) -> None:
    assert acled_type(*args) == expected
