"""CAMEO codes for PLOVER events: the closest code for a (type, mode, contexts), from ``cameo.tsv``."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from eventwire.knowledge import read_table

TABLE = Path(__file__).resolve().parent / "cameo.tsv"


@lru_cache(maxsize=1)
def _rows() -> list[tuple[str, str, str, str]]:
    return [(r["type"], r["mode"], r["context"], r["cameo"]) for r in read_table(TABLE).rows]


def cameo_code(event_type: str, mode: str | None, contexts: list[str] | tuple[str, ...] = ()) -> str | None:
    """The most specific CAMEO code whose row matches (mode and context count; file order breaks ties)."""
    best: tuple[int, str] | None = None
    for row_type, row_mode, row_context, code in _rows():
        if row_type != event_type:
            continue
        if row_mode and row_mode != mode:
            continue
        if row_context and row_context not in contexts:
            continue
        score = (2 if row_mode else 0) + (1 if row_context else 0)
        if best is None or score > best[0]:
            best = (score, code)
    return best[1] if best else None


def cameo_root(code: str | None) -> str | None:
    return code[:2] if code else None
