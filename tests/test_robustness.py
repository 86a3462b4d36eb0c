"""Odd but real inputs go through every stage and terminate: headlines that are only a name (the entity is
the sentence's root), lists, single words, quotes that never close, very long paragraphs."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventwire.model import Article

Run = Callable[..., Article]

ODD_TEXTS = [
    "NATO.",
    "Amnesty International",
    "Reuters\n\nThe Kremlin.",
    "“",
    "“He said it would never end, and then",
    "Paris, Texas. Paris, France. Berlin, Ohio.",
    "Monday Tuesday Wednesday Thursday Friday",
    "- Police\n- Protesters\n- Army",
    "He said. She said. They said. It said.",
    "UN UN UN UN UN UN UN UN",
    " ".join(["The army attacked the town and the rebels withdrew,"] * 60) + " officials said.",
]


@pytest.mark.timeout(120)
@pytest.mark.parametrize("text", ODD_TEXTS)
def test_every_stage_terminates_on_odd_input(run_text: Run, text: str) -> None:
    article = run_text(text)
    assert article.done == ["annotate", "actors", "places", "dates", "quotes", "events", "tone"]
    for event in article.events:
        assert event.explanation["pattern"]
