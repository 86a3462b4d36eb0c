"""The in-process runner: inputs -> readers -> pipeline (in batches) -> store, with a resumable ledger.

Every input item ends in the ledger with a status: ``done``, ``duplicate`` (the same article is stored from
another input), ``skipped`` (with a reason) or ``failed`` (with a reason). A batch and its ledger rows are
written in one transaction; Ctrl-C loses at most the batch in flight, and the next run skips what is stored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from eventwire.errors import ReadError
from eventwire.model import Article
from eventwire.pipeline import Pipeline
from eventwire.readers import read_all
from eventwire.store import Store


@dataclass
class RunReport:
    read: int = 0
    processed: int = 0
    stored: int = 0
    already_stored: int = 0
    duplicates: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """False only when inputs were given and nothing at all could be processed or was already there."""
        return self.processed + self.already_stored + self.duplicates > 0 or not self.errors


def item_key(article: Article) -> tuple[str, str]:
    """The ledger key of an article: its input (file or URL) and its place within it."""
    origin = article.origin
    if origin is None:
        return ("<api>", article.id)
    where = origin.path or origin.url or "<input>"
    if origin.line is not None:
        return (where, f"line {origin.line}")
    if origin.offset is not None:
        return (where, f"offset {origin.offset}")
    return (where, "-")


def error_key(error: ReadError) -> tuple[str, str]:
    return (error.path or "<input>", f"line {error.line}" if error.line is not None else "-")


def run(
    inputs: Iterable[str | Path],
    pipeline: Pipeline,
    store: Store | None = None,
    *,
    on_article: Callable[[Article], None] | None = None,
    on_message: Callable[[str], None] | None = None,
) -> RunReport:
    """Process every input; ``on_article`` gets each processed article, ``on_message`` each error or warning."""
    report = RunReport()
    say = on_message or (lambda _msg: None)
    seen: set[str] = set()
    batch: list[Article] = []

    def flush() -> None:
        if not batch:
            return
        before = len(pipeline.failures)
        done = pipeline.process_batch(batch)
        failures = pipeline.failures[before:]
        report.processed += len(done)
        for f in failures:
            msg = f"{item_key(f.article)[0]}: stage {f.stage} failed: {f.reason}"
            report.errors.append(msg)
            say("error: " + msg)
        if store is not None:
            with store.transaction():
                for article in done:
                    if store.write_article(article):
                        report.stored += 1
                    store.record(*item_key(article), "done", article.metadata.get("warning"), article.id)
                for f in failures:
                    store.record(*item_key(f.article), "failed", f"stage {f.stage}: {f.reason}", f.article.id)
        for article in done:
            if on_article:
                on_article(article)
        batch.clear()

    for item in read_all(inputs):
        if isinstance(item, ReadError):
            report.errors.append(str(item))
            say(f"error: {item}")
            if store is not None:
                with store.transaction():
                    store.record(*error_key(item), "failed", item.reason)
            continue
        report.read += 1
        if warning := item.metadata.get("warning"):
            msg = f"{item_key(item)[0]}: {warning}"
            report.warnings.append(msg)
            say(f"warning: {msg}")
        if item.id in seen:
            report.duplicates += 1
            if store is not None:
                with store.transaction():
                    store.record(*item_key(item), "duplicate", f"same article as {item.id}", item.id)
            continue
        seen.add(item.id)
        if store is not None and store.has_article(item.id):
            key = item_key(item)
            if store.ledger_status(*key) == "done":
                report.already_stored += 1
            else:
                report.duplicates += 1
                with store.transaction():
                    store.record(*key, "duplicate", f"same article as {item.id}, stored earlier", item.id)
            continue
        batch.append(item)
        if len(batch) >= pipeline.batch_size:
            flush()
    flush()
    return report
