"""The pipeline: named stages run in a declared order over batches of articles.

The order, in one place (each stage reads what earlier ones wrote and adds its own result):

    annotate   spaCy once per article: tokens, sentences, parse, entities        -> doc
    actors     who acts: mentions, coreference, country/sector/role coding       -> actors
    places     toponyms resolved to gazetteer places                             -> places
    dates      time expressions normalised against the publication date         -> times
    quotes     direct and indirect quotations with their speakers                -> quotes
    events     PLOVER events: who did what to whom, where and when               -> events
    tone       lexicon-based document and event-sentence tone                    -> tone

Each stage declares what it ``requires`` and ``assigns``; a pipeline whose order leaves a requirement unmet
fails at construction with a message that says which stage to add or move.
"""

from __future__ import annotations

import contextlib
import importlib
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from eventwire import __version__, settings
from eventwire.errors import ConfigError, PipelineOrderError, ProcessingError
from eventwire.knowledge import Knowledge
from eventwire.model import Article
from eventwire.stages.base import BASE_ATTRIBUTES, REGISTRY, Stage, StageContext

# The declared order. A stage module that is not there yet is simply not part of the default pipeline.
DEFAULT_STAGES = ("annotate", "actors", "places", "dates", "quotes", "events", "tone")
STAGE_MODULES = {name: f"eventwire.stages.{name}" for name in DEFAULT_STAGES}


def available_stages() -> list[str]:
    """The stages of the default order whose modules are installed (importing them registers them)."""
    names = []
    for name in DEFAULT_STAGES:
        try:
            importlib.import_module(STAGE_MODULES[name])
        except ModuleNotFoundError as exc:
            if exc.name != STAGE_MODULES[name]:
                raise
            continue
        if name in REGISTRY:
            names.append(name)
    return names


def check_order(stages: Sequence[Stage]) -> None:
    """Fail with a helpful message when a stage requires something no earlier stage assigns."""
    have = set(BASE_ATTRIBUTES)
    providers: dict[str, str] = {}
    for stage in stages:
        for attr in stage.assigns:
            providers.setdefault(attr, stage.name)
    for stage in stages:
        missing = [r for r in stage.requires if r not in have]
        if missing:
            hints = []
            for attr in missing:
                if attr in providers:
                    hints.append(f"move stage {providers[attr]!r} (which assigns {attr!r}) before {stage.name!r}")
                else:
                    hints.append(f"add a stage that assigns {attr!r} before {stage.name!r}")
            raise PipelineOrderError(
                f"stage {stage.name!r} requires {', '.join(missing)}, which no earlier stage assigns: "
                + "; ".join(hints)
            )
        have.update(stage.assigns)


@dataclass
class Failure:
    """An article a stage could not process: it is reported (and recorded by the runner), never dropped."""

    article: Article
    stage: str
    reason: str


class Pipeline:
    """An ordered list of stages sharing one loaded model and one set of knowledge tables.

    >>> nlp = Pipeline()                       # the default stages
    >>> for article in nlp.process(articles):  # batches of ``batch_size`` articles, model run once per article
    ...     print(article.events)
    """

    def __init__(
        self,
        stages: Sequence[str] | None = None,
        *,
        model: str | None = None,
        knowledge: Knowledge | Path | str | None = None,
        batch_size: int | None = None,
    ) -> None:
        names = list(stages) if stages is not None else available_stages()
        for name in names:
            if name not in REGISTRY and name in STAGE_MODULES:
                with contextlib.suppress(ModuleNotFoundError):
                    importlib.import_module(STAGE_MODULES[name])
            if name not in REGISTRY:
                known = ", ".join(sorted(REGISTRY)) or "none"
                raise ConfigError(f"unknown stage {name!r} (available: {known})")
        if not isinstance(knowledge, Knowledge):
            knowledge = Knowledge(knowledge or settings.knowledge_dir())
        self.context = StageContext(model_name=model or settings.spacy_model(), knowledge=knowledge)
        self.stages: list[Stage] = [REGISTRY[name](self.context) for name in names]
        check_order(self.stages)
        self.batch_size = batch_size or settings.batch_size()
        self.failures: list[Failure] = []
        self.timings: dict[str, float] = {name: 0.0 for name in names}  # seconds spent in each stage

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    @property
    def knowledge(self) -> Knowledge:
        return self.context.knowledge

    def __repr__(self) -> str:
        return f"Pipeline({self.names!r}, model={self.context.model_name!r})"

    def process_batch(self, batch: Sequence[Article]) -> list[Article]:
        """Run every stage over one batch; returns the articles that went through, records the others.

        A stage that fails on a batch is retried article by article, so that one bad article costs only itself.
        """
        alive = list(batch)
        for article in alive:
            article.knowledge_hash = self.knowledge.hash
            article.pipeline_version = __version__
        for stage in self.stages:
            started = time.perf_counter()
            try:
                stage.process(alive)
            except Exception:
                survivors = []
                for article in alive:
                    try:
                        stage.process([article])
                    except Exception as exc:
                        self.failures.append(Failure(article, stage.name, f"{type(exc).__name__}: {exc}"))
                    else:
                        survivors.append(article)
                alive = survivors
            self.timings[stage.name] += time.perf_counter() - started
            for article in alive:
                if stage.name not in article.done:
                    article.done.append(stage.name)
        return alive

    def process(self, articles: Iterable[Article]) -> Iterator[Article]:
        """Process articles in batches, yielding each one as soon as its batch is done."""
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= self.batch_size:
                yield from self.process_batch(batch)
                batch = []
        if batch:
            yield from self.process_batch(batch)

    def __call__(self, article: Article) -> Article:
        """Process one article; raises the stage's error when it fails."""
        before = len(self.failures)
        done = self.process_batch([article])
        if not done:
            failure = self.failures[before]
            raise ProcessingError(f"stage {failure.stage!r} failed on article {article.id}: {failure.reason}")
        return done[0]
