"""Readers turn inputs into Articles: one module per format, chosen by the file's suffix.

Every reader is a function ``read(path) -> Iterator[Article | ReadError]``: a bad input item is yielded as a
ReadError (with its file, line and reason) so that the caller records it and goes on with the rest.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from eventwire.errors import ReadError
from eventwire.model import Article

ReadResult = Article | ReadError
Reader = Callable[[Path], Iterator[ReadResult]]

# suffix -> module with a ``read(path)`` function. Longest suffix wins (".warc.gz" before ".gz").
READERS: dict[str, str] = {
    ".txt": "eventwire.readers.text",
    ".text": "eventwire.readers.text",
    ".jsonl": "eventwire.readers.jsonl",
    ".ndjson": "eventwire.readers.jsonl",
    ".html": "eventwire.readers.html",
    ".htm": "eventwire.readers.html",
    ".html.gz": "eventwire.readers.html",
    ".warc": "eventwire.readers.warc",
    ".warc.gz": "eventwire.readers.warc",
    ".rss": "eventwire.readers.feeds",
    ".atom": "eventwire.readers.feeds",
    ".xml": "eventwire.readers.feeds",
    ".csv": "eventwire.readers.csv",
    ".urls": "eventwire.readers.urls",
}


def suffix_of(path: Path) -> str:
    name = path.name.lower()
    for suffix in sorted(READERS, key=len, reverse=True):
        if name.endswith(suffix):
            return suffix
    return ""


def reader_for(path: Path) -> Reader | None:
    """The reader for a path, or None when its format is not known (or its reader is not installed)."""
    module_name = READERS.get(suffix_of(path))
    if module_name is None:
        return None
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name == module_name:
            return None
        raise
    reader: Reader = module.read
    return reader


def expand(paths: Iterable[str | Path]) -> Iterator[Path | ReadError]:
    """Files named, and the readable files below folders named (sorted, hidden files skipped)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
                if child.is_file() and not hidden and reader_for(child) is not None:
                    yield child
        elif path.exists():
            yield path
        else:
            yield ReadError("no such file or folder", path=str(path))


def read_all(paths: Iterable[str | Path], *, text_column: str | None = None, fetch: bool = False
             ) -> Iterator[ReadResult]:
    """Every article (or read error) from every input, in order.

    ``text_column`` names the text column of CSV files (default ``text``); ``fetch`` downloads the pages that
    feed entries link to, instead of reading the entries' summaries.
    """
    for item in expand(paths):
        if isinstance(item, ReadError):
            yield item
            continue
        suffix = suffix_of(item)
        if suffix == ".csv" and text_column:
            yield from importlib.import_module("eventwire.readers.csv").read(item, text_column=text_column)
            continue
        if fetch and READERS.get(suffix) == "eventwire.readers.feeds":
            yield from importlib.import_module("eventwire.readers.feeds").fetch_feed_pages(item)
            continue
        reader = reader_for(item)
        if reader is None:
            # a file named explicitly with an unknown suffix is read as plain text
            reader = importlib.import_module("eventwire.readers.text").read
        yield from reader(item)
