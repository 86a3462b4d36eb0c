"""JSON Lines: one article per line, ``{"id", "text" or "html", "url", "title", "published", "source"}``.

``text`` paragraphs are separated by blank lines; captions inside it are recognised as in plain-text stories.
A line that is not a JSON object, or has neither ``text`` nor ``html``, becomes a ReadError naming the line.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from eventwire.errors import ReadError
from eventwire.model import Article, Origin
from eventwire.readers.ids import article_id
from eventwire.readers.text import MAX_BYTES, classify, parse_iso_date, split_paragraphs


def parse_record(record: Any, *, path: str | None = None, line: int | None = None) -> Article:
    if not isinstance(record, dict):
        raise ReadError(f"expected a JSON object, got {type(record).__name__}", path=path, line=line)
    url = record.get("url") or None
    text = record.get("text")
    html = record.get("html")
    if isinstance(html, str) and html.strip() and not (isinstance(text, str) and text.strip()):
        from eventwire.readers.html import parse_html  # the HTML reader (ingestion)

        article = parse_html(html, url=url, path=path)
        paragraphs, captions = article.paragraphs, article.captions
        title = record.get("title") or article.title
    elif isinstance(text, str) and text.strip():
        paragraphs, captions = classify(split_paragraphs(text))
        title = record.get("title")
    else:
        raise ReadError("no 'text' or 'html' field with content", path=path, line=line)
    if not paragraphs:
        raise ReadError("no body text", path=path, line=line)
    published = None
    if record.get("published"):
        published = parse_iso_date(str(record["published"])[:10])
        if published is None:
            raise ReadError(f"malformed 'published' {record['published']!r}: expected YYYY-MM-DD", path=path, line=line)
    content = "\n\n".join(paragraphs + [c.text for c in captions])
    given_id = record.get("id")
    return Article(
        id=article_id(url, content),
        paragraphs=paragraphs,
        captions=captions,
        title=title if isinstance(title, str) else None,
        url=url,
        source=record.get("source") or None,
        published=published,
        published_precision="day" if published else None,
        language=record.get("language") or "en",
        origin=Origin(path=path, line=line, url=url),
        metadata={"given_id": str(given_id)} if given_id is not None else {},
    )


def read(path: Path) -> Iterator[Article | ReadError]:
    """Read a JSONL file line by line (constant memory); every bad line is one ReadError, the rest go on."""
    try:
        fh = path.open("rb")
    except OSError as exc:
        yield ReadError.from_os_error(exc, str(path))
        return
    with fh:
        for lineno, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            if len(raw) > MAX_BYTES:
                yield ReadError(f"line of {len(raw)} bytes, more than {MAX_BYTES}", path=str(path), line=lineno)
                continue
            try:
                record = json.loads(raw.decode("utf-8"))
            except UnicodeDecodeError:
                yield ReadError("not UTF-8", path=str(path), line=lineno)
                continue
            except json.JSONDecodeError as exc:
                yield ReadError(f"not JSON ({exc.msg} at column {exc.colno})", path=str(path), line=lineno)
                continue
            try:
                yield parse_record(record, path=str(path), line=lineno)
            except ReadError as exc:
                yield exc
