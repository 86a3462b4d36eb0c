"""CSV files: one article a row, its text in a column named ``text`` (or another: ``--text-column body``).

Other columns are used when the header has them: ``title``, ``url``, ``published`` (``YYYY-MM-DD``, a time may
follow), ``source``, ``author``/``authors`` (``;``-separated), ``language`` and ``id`` (kept as
``metadata["given_id"]``, as the JSONL reader does). Paragraphs in the text are separated by blank lines;
captions in it are recognised as in plain-text stories.

The file is read row by row (constant memory). A row that cannot be an article (no text, a malformed date,
more fields than the header) is one ReadError naming the line where the row starts; the other rows go on. A
header without the text column is one ReadError for the whole file that lists the columns it has.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from eventwire.errors import ReadError
from eventwire.model import Article, Origin
from eventwire.readers.ids import article_id
from eventwire.readers.text import MAX_BYTES, MAX_PARAGRAPHS, classify, parse_iso_date, split_paragraphs

DEFAULT_TEXT_COLUMN = "text"
NOT_UTF8 = "not UTF-8 text: the rest of the file is not read (save it as UTF-8)"


@contextmanager
def _field_limit(limit: int) -> Iterator[None]:
    """Raise the csv module's per-field limit (128 KiB by default) to a story's size while a row is read;
    it is process-wide, so it is put back after each row."""
    old = csv.field_size_limit()
    csv.field_size_limit(max(old, limit))
    try:
        yield
    finally:
        csv.field_size_limit(old)


def read(path: Path, text_column: str = DEFAULT_TEXT_COLUMN) -> Iterator[Article | ReadError]:
    """Read a CSV file with a header row; the article text is in ``text_column``."""
    where = str(path)
    try:
        fh = path.open("r", encoding="utf-8-sig", newline="")
    except OSError as exc:
        yield ReadError.from_os_error(exc, where)
        return
    with fh:
        rows = csv.reader(fh)
        try:
            with _field_limit(MAX_BYTES):
                header = next(rows, None)
        except csv.Error as exc:
            yield ReadError(f"unreadable header: {exc}", path=where, line=1)
            return
        except UnicodeDecodeError:
            yield ReadError(NOT_UTF8, path=where)
            return
        if not header:
            yield ReadError("empty file: no header row", path=where)
            return
        columns = [c.strip() for c in header]
        lowered = [c.lower() for c in columns]
        if text_column not in columns and text_column.lower() not in lowered:
            yield ReadError(f"no column {text_column!r} for the text (columns: {', '.join(columns)}); "
                            "name the text column with --text-column", path=where, line=1)
            return
        line = rows.line_num + 1  # the line where the next row starts
        while True:
            try:
                with _field_limit(MAX_BYTES):
                    row = next(rows, None)
            except csv.Error as exc:
                yield ReadError(f"malformed CSV row: {exc}", path=where, line=line)
                line = rows.line_num + 1
                continue
            except UnicodeDecodeError:
                yield ReadError(NOT_UTF8, path=where)  # decoded by the chunk: the line is not known
                return
            if row is None:
                return
            start, line = line, rows.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(columns):
                yield ReadError(f"{len(row)} fields, but the header has {len(columns)}", path=where, line=start)
                continue
            record = {lowered[i]: value for i, value in enumerate(row)}
            try:
                yield parse_row(record, text_column.lower(), path=where, line=start)
            except ReadError as exc:
                yield exc


def parse_row(record: dict[str, Any], text_column: str = DEFAULT_TEXT_COLUMN, *, path: str | None = None,
              line: int | None = None) -> Article:
    """One row (column names lower-cased) as an article; raises ReadError naming the line when it is not one."""
    text = (record.get(text_column) or "").strip()
    if not text:
        raise ReadError(f"empty {text_column!r} column", path=path, line=line)
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise ReadError(f"text of more than {MAX_BYTES} bytes", path=path, line=line)
    paragraphs = split_paragraphs(text)
    if len(paragraphs) > MAX_PARAGRAPHS:
        raise ReadError(f"{len(paragraphs)} paragraphs, more than the limit of {MAX_PARAGRAPHS}", path=path, line=line)
    body, captions = classify(paragraphs)
    if not body:
        raise ReadError("no body text, only captions", path=path, line=line)
    published = None
    raw_date = (record.get("published") or record.get("date") or "").strip()
    if raw_date:
        published = parse_iso_date(raw_date[:10])
        if published is None:
            raise ReadError(f"malformed 'published' {raw_date!r}: expected YYYY-MM-DD", path=path, line=line)
    url = (record.get("url") or "").strip() or None
    authors = [a.strip() for a in (record.get("authors") or record.get("author") or "").split(";") if a.strip()]
    metadata: dict[str, Any] = {}
    if given_id := (record.get("id") or "").strip():
        metadata["given_id"] = given_id
    if published is None:
        metadata["warning"] = "no 'published' date: relative dates stay unresolved"
    content = "\n\n".join(body + [c.text for c in captions])
    return Article(
        id=article_id(url, content),
        paragraphs=body,
        captions=captions,
        title=(record.get("title") or "").strip() or None,
        url=url,
        source=(record.get("source") or "").strip() or None,
        authors=authors,
        published=published,
        published_precision="day" if published else None,
        language=(record.get("language") or "").strip().lower() or None,  # identified later (language.py)
        origin=Origin(path=path, line=line, url=url),
        metadata=metadata,
    )
