"""What a stage is: a small named component with a declared contract (what it requires and what it assigns).

Stages are registered by name with :func:`register`; the pipeline builds them from a :class:`StageContext`
that holds what is loaded once per process (the spaCy model, the knowledge tables).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from eventwire.knowledge import Knowledge
from eventwire.model import Article

# What every article has before any stage runs (set by the readers).
BASE_ATTRIBUTES = ("paragraphs", "captions", "published", "title")


@dataclass
class StageContext:
    """What stages share within one process: built once, reused for every batch."""

    model_name: str
    knowledge: Knowledge
    options: dict[str, Any] = field(default_factory=dict)
    _nlp: Any = None

    @property
    def nlp(self) -> Any:
        """The spaCy pipeline, loaded on first use and then kept for the life of the process."""
        if self._nlp is None:
            from eventwire.stages.annotate import load_model

            self._nlp = load_model(self.model_name)
        return self._nlp


class Stage:
    """Base class: subclasses set ``name``, ``requires`` and ``assigns`` and implement ``process_article``
    (or ``process`` for stages that work on a whole batch at once, like ``annotate``)."""

    name: ClassVar[str] = ""
    requires: ClassVar[tuple[str, ...]] = ()
    assigns: ClassVar[tuple[str, ...]] = ()

    def process(self, articles: Sequence[Article]) -> None:
        for article in articles:
            self.process_article(article)

    def process_article(self, article: Article) -> None:
        raise NotImplementedError(f"stage {self.name!r} implements neither process nor process_article")


StageFactory = Callable[[StageContext], Stage]
REGISTRY: dict[str, StageFactory] = {}


def register(name: str) -> Callable[[StageFactory], StageFactory]:
    """Register a stage factory under a name (``@register("actors")`` on a class or a function)."""

    def wrap(factory: StageFactory) -> StageFactory:
        REGISTRY[name] = factory
        return factory

    return wrap
