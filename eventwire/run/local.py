"""The in-process runner: inputs -> readers -> language and duplicate checks -> pipeline (in batches) -> store.

Every input item ends in the ledger with a status: ``done``, ``duplicate`` (the same story is stored from
another input: the copy is also recorded in ``copies`` with its URL and source), ``skipped`` (with a reason:
a language the stages cannot read — such an article is stored, unprocessed, so nothing is lost) or
``failed`` (with a reason). A batch and its ledger rows are written in one transaction; Ctrl-C loses at most
the batch in flight, and the next run skips what is stored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from eventwire.errors import ReadError
from eventwire.model import Article
from eventwire.pipeline import Pipeline
from eventwire.readers import read_all
from eventwire.readers.dedupe import Deduplicator, Match
from eventwire.readers.language import assign as assign_language
from eventwire.store import Store

# How many stored articles seed the duplicate finder of a new run, most recent first: enough for the copies
# of a news cycle (syndicated copies arrive within days), small enough to load in well under a second.
DEDUPE_SEED = 20_000


@dataclass
class RunReport:
    read: int = 0
    processed: int = 0
    stored: int = 0
    already_stored: int = 0
    duplicates: int = 0
    skipped: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """False only when inputs were given and nothing at all could be processed or was already there."""
        return self.processed + self.already_stored + self.duplicates + self.skipped > 0 or not self.errors


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
    if origin.path and origin.url:
        return (where, origin.url)
    return (where, "-")


def error_key(error: ReadError) -> tuple[str, str]:
    """The ledger key of a read error: the same as the article's would have been."""
    if error.line is not None:
        return (error.path or "<input>", f"line {error.line}")
    if error.offset is not None:
        return (error.path or "<input>", f"offset {error.offset}")
    return (error.path or "<input>", "-")


def run(
    inputs: Iterable[str | Path],
    pipeline: Pipeline,
    store: Store | None = None,
    *,
    on_article: Callable[[Article], None] | None = None,
    on_message: Callable[[str], None] | None = None,
    on_progress: Callable[[RunReport], None] | None = None,
    text_column: str | None = None,
    fetch: bool = False,
    dedupe: bool = True,
) -> RunReport:
    """Process every input; ``on_article`` gets each processed article, ``on_message`` each error or warning,
    ``on_progress`` the running counts after each item."""
    report = RunReport()
    say = on_message or (lambda _msg: None)
    progress = on_progress or (lambda _report: None)
    finder = Deduplicator() if dedupe else None
    if finder is not None and store is not None:
        for article_id, body, url in store.recent_bodies(DEDUPE_SEED):
            finder.add(article_id, body, url)
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
        progress(report)

    def duplicate(article: Article, match: Match) -> None:
        report.duplicates += 1
        if store is not None:
            with store.transaction():
                key = item_key(article)
                store.record(*key, "duplicate", match.reason(), match.id)
                if store.has_article(match.id):
                    store.record_copy(match.id, *key, url=article.url, source=article.source, kind=match.kind,
                                      similarity=match.similarity)
        progress(report)

    for item in read_all(inputs, text_column=text_column, fetch=fetch):
        if isinstance(item, ReadError):
            if item.skipped:
                report.skipped += 1
                say(f"skipped: {item}")
            else:
                report.errors.append(str(item))
                say(f"error: {item}")
            if store is not None:
                with store.transaction():
                    store.record(*error_key(item), "skipped" if item.skipped else "failed", item.reason)
            progress(report)
            continue
        report.read += 1
        key = item_key(item)
        if store is not None and store.has_article(item.id):
            if store.ledger_status(*key) in ("done", "skipped"):
                report.already_stored += 1
                progress(report)
            else:
                duplicate(item, Match(item.id, "content" if item.url is None else "url", 1.0))
            continue
        match = finder.match(item) if finder is not None else None
        if match is not None:
            duplicate(item, match)
            continue
        if warning := item.metadata.get("warning"):
            msg = f"{key[0]}: {warning}"
            report.warnings.append(msg)
            say(f"warning: {msg}")
        if reason := assign_language(item):
            report.skipped += 1
            item.metadata["skipped"] = reason
            say(f"skipped: {key[0]}: {reason}")
            if store is not None:
                with store.transaction():
                    store.write_article(item)  # kept, unprocessed, so that nothing is lost
                    store.record(*key, "skipped", reason, item.id)
            progress(report)
            continue
        batch.append(item)
        if len(batch) >= pipeline.batch_size:
            flush()
    flush()
    return report
