"""eventwire: news in, event data out: who did what to whom, where and when, with the sentence that says so.

    >>> import eventwire
    >>> article = eventwire.process("story.txt")            # a path, or the text itself
    >>> article.to_dict()["events"]                          # the JSON contract
    >>> pipe = eventwire.Pipeline()                          # for batches: load the model once
    >>> for article in pipe.process(articles): ...
    >>> rows = eventwire.load_events("eventwire.db")        # flat records: pandas.DataFrame(rows)
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from eventwire.model import Article
    from eventwire.pipeline import Pipeline

_default_pipeline: Pipeline | None = None


def _pipeline() -> Pipeline:
    global _default_pipeline
    if _default_pipeline is None:
        from eventwire.pipeline import Pipeline

        _default_pipeline = Pipeline()
    return _default_pipeline


def read(text_or_path: str | Path, *, published: dt.date | str | None = None, url: str | None = None) -> Article:
    """An Article from a path to a story file or from the story's text (header and captions recognised)."""
    from eventwire.errors import ReadError
    from eventwire.readers import read_all
    from eventwire.readers.text import parse_text

    path = Path(text_or_path) if isinstance(text_or_path, Path) or "\n" not in str(text_or_path) else None
    if path is not None and len(str(path)) < 4096 and path.exists():
        results = list(read_all([path]))
        if not results:
            raise ReadError("no article in it", path=str(path))
        first = results[0]
        if isinstance(first, ReadError):
            raise first
        article = first
    else:
        article = parse_text(str(text_or_path), url=url)
    if published is not None:
        article.published = dt.date.fromisoformat(published) if isinstance(published, str) else published
        article.published_precision = "day"
        article.metadata.pop("warning", None)
    return article


def process(text_or_path: str | Path, *, published: dt.date | str | None = None, url: str | None = None) -> Article:
    """Read one story (a path or its text) and run every stage on it; returns the Article with its results."""
    return _pipeline()(read(text_or_path, published=published, url=url))


def load_events(db: str | Path | None = None, **filters: Any) -> list[dict[str, Any]]:
    """Every stored event as a flat record (source/target/place joined in): ``pandas.DataFrame(load_events())``."""
    from eventwire.store import open_store

    with open_store(db) as store:
        return store.events(**filters)


def __getattr__(name: str) -> Any:
    if name == "Pipeline":
        from eventwire.pipeline import Pipeline

        return Pipeline
    if name == "Article":
        from eventwire.model import Article

        return Article
    raise AttributeError(f"module 'eventwire' has no attribute {name!r}")


__all__ = ["Article", "Pipeline", "__version__", "load_events", "process", "read"]
