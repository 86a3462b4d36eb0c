"""Shared fixtures: the model is loaded once per test session; articles are made from short texts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from eventwire.model import Article
from eventwire.pipeline import Pipeline
from eventwire.readers.text import parse_text
from eventwire.stages.quotes import Quotes

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = Path(__file__).resolve().parents[2] / "shared"

MakeArticle = Callable[..., Article]


def needs_shared(*parts: str) -> Path:
    """The path of a file or folder in ../shared, or skip the test with the reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: this test needs the shared development data beside the checkout")
    return path


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    """Every available stage, model loaded once for the whole session."""
    return Pipeline()


@pytest.fixture(scope="session")
def run_text(pipeline: Pipeline) -> MakeArticle:
    """Process a short story given as text: ``run_text(text, published="2020-08-27")``."""

    def make(text: str, published: str | None = "2020-08-27", stages: list[str] | None = None) -> Article:
        article = parse_text(text)
        if published:
            article.published = dt.date.fromisoformat(published)
            article.published_precision = "day"
        pipe = pipeline if stages is None else Pipeline(stages)
        return pipe(article)

    return make


@pytest.fixture(scope="session")
def stage(pipeline: Pipeline) -> Quotes:
    """The quotes stage (its cue table and actor tables loaded once), for the quote tests that run it by hand."""
    return Quotes(pipeline.context)


@pytest.fixture(scope="session")
def annotate(pipeline: Pipeline) -> MakeArticle:
    """Only the spaCy annotation of a short story (for testing one stage by hand)."""
    pipe = Pipeline(["annotate"])

    def make(text: str, published: str | None = "2020-08-27") -> Article:
        article = parse_text(text)
        if published:
            article.published = dt.date.fromisoformat(published)
            article.published_precision = "day"
        return pipe(article)

    return make
