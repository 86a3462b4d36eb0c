"""RSS and Atom feeds (``.rss``, ``.atom``, ``.xml``): each entry becomes an article from its content or summary,
with its link, title, date and authors; with ``--fetch`` (:func:`fetch_feed_pages`) the linked pages are
downloaded (politely, by :mod:`eventwire.readers.urls`) and read as HTML instead.

A feed is XML from someone else's server, and XML can declare entities that expand without bound (the
"billion laughs": ten nested entities of ten references each make a gigabyte from one kilobyte). Feeds need
no entity declarations, so a feed that has one, or any internal DTD subset, is refused with a ReadError before
any parser sees it; the file is also read only up to :data:`MAX_FEED_BYTES`. The safe bytes are then parsed
once with lxml (``resolve_entities=False, no_network=True``) only to learn the line of each entry (its
provenance, and its key in the ingest ledger), and by feedparser, given the bytes (never a name that it might
take for a URL and fetch).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import feedparser
from lxml import etree

from eventwire.errors import ReadError
from eventwire.model import Article, Origin
from eventwire.readers.html import declared_language_code, fragment_paragraphs, split_byline
from eventwire.readers.ids import article_id
from eventwire.readers.text import MAX_PARAGRAPHS, classify, split_paragraphs
from eventwire.readers.urls import Fetcher, fetch_urls

MAX_FEED_BYTES = 10_000_000  # the largest news feeds (full content, 100 entries) are 1-2 MB
MAX_ENTRIES = 5_000

_ENTITY_DECLARATION = re.compile(rb"<!\s*ENTITY", re.I)
_INTERNAL_SUBSET = re.compile(rb"<!\s*DOCTYPE[^>\[]*\[", re.I)


def read_feed_bytes(path: Path) -> bytes:
    """The bytes of a feed file, refused (ReadError) when too large or when it declares entities or a DTD."""
    where = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FEED_BYTES:
            raise ReadError(f"{size} bytes, more than the limit of {MAX_FEED_BYTES} for one feed", path=where)
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError.from_os_error(exc, where) from None
    check_safe(data, where)
    return data


def check_safe(data: bytes, path: str | None = None) -> None:
    """Refuse XML that declares entities or has an internal DTD subset (ReadError), before parsing it.

    NUL bytes are dropped before searching, so a UTF-16 or UTF-32 document is checked too.
    """
    probe = data.replace(b"\x00", b"")
    if _ENTITY_DECLARATION.search(probe):
        raise ReadError("refused: the feed declares XML entities (<!ENTITY>), which can expand without bound "
                        "(a 'billion laughs' attack); a feed needs none", path=path)
    if _INTERNAL_SUBSET.search(probe):
        raise ReadError("refused: the feed has an internal DTD subset (<!DOCTYPE ... [ ]>); a feed needs none",
                        path=path)


def entry_lines(data: bytes) -> list[int | None]:
    """The line of each ``<item>`` (RSS) or ``<entry>`` (Atom), in document order, as feedparser lists them;
    empty when lxml cannot parse the document (feedparser is more lenient)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError:
        return []
    if root is None:
        return []
    return [element.sourceline for element in root.iter("{*}item", "{*}entry")]


def parse_feed(data: bytes, path: str | None = None) -> tuple[Any, list[int | None]]:
    """feedparser's result for safe feed bytes and each entry's line (None where it is not known)."""
    check_safe(data, path)
    feed = feedparser.parse(io.BytesIO(data))
    if not feed.entries:
        problem = f" ({feed.bozo_exception})" if feed.get("bozo") and feed.get("bozo_exception") else ""
        raise ReadError(f"no entries: not an RSS or Atom feed, or an empty one{problem}", path=path)
    if len(feed.entries) > MAX_ENTRIES:
        raise ReadError(f"{len(feed.entries)} entries, more than the limit of {MAX_ENTRIES} for one feed", path=path)
    lines = entry_lines(data)
    if len(lines) != len(feed.entries):
        lines = [None] * len(feed.entries)
    return feed, lines


def read(path: Path) -> Iterator[Article | ReadError]:
    """Every entry of a feed file as an article (its content or summary), or a ReadError saying why not."""
    where = str(path)
    try:
        feed, lines = parse_feed(read_feed_bytes(path), where)
    except ReadError as exc:
        yield exc
        return
    for index, (entry, line) in enumerate(zip(feed.entries, lines, strict=True), start=1):
        try:
            yield entry_article(entry, feed.feed, path=where, line=line, index=index)
        except ReadError as exc:
            yield exc


def entry_article(entry: Any, channel: Any, *, path: str | None, line: int | None, index: int) -> Article:
    """One feed entry as an article: the longest of its contents (or its summary), split into paragraphs."""
    link = entry.get("link") or None
    label = f"entry {index}" + (f" ({link})" if link else "")
    paragraphs = entry_paragraphs(entry)
    if not paragraphs:
        raise ReadError(f"{label}: no content or summary (download the page with --fetch)", path=path, line=line)
    if len(paragraphs) > MAX_PARAGRAPHS:
        raise ReadError(f"{label}: {len(paragraphs)} paragraphs, more than the limit of {MAX_PARAGRAPHS}",
                        path=path, line=line)
    body, captions = classify(paragraphs)
    if not body:
        raise ReadError(f"{label}: no body text, only captions", path=path, line=line)
    published = entry_date(entry)
    metadata: dict[str, Any] = {"feed_entry": index}
    if channel.get("title"):
        metadata["feed"] = channel.get("title")
    if not entry.get("content"):
        metadata["summary_only"] = True
    if published is None:
        metadata["warning"] = "no date in the feed entry: relative dates stay unresolved"
    # without a line number the entry's key in the ledger is its link; the feed file stays in the metadata
    origin = Origin(path=path if line is not None or not link else None, line=line, url=link)
    if origin.path is None:
        metadata["feed_path"] = path
    content = "\n\n".join(body + [c.text for c in captions])
    authors: list[str] = []
    for author in entry.get("authors") or []:
        for name in split_byline(str(author.get("name") or "")):
            if name not in authors:
                authors.append(name)
    return Article(
        id=article_id(link, content),
        paragraphs=body,
        captions=captions,
        title=_clean(entry.get("title")) or None,
        url=link,
        source=_clean(channel.get("title")) or None,
        authors=authors,
        published=published,
        published_precision="day" if published else None,
        language=declared_language_code(channel.get("language")),
        origin=origin,
        metadata=metadata,
    )


def entry_paragraphs(entry: Any) -> list[str]:
    """The paragraphs of an entry's longest content, else of its summary (HTML or plain text)."""
    candidates = [c for c in entry.get("content") or [] if c.get("value")]
    chosen: Any = max(candidates, key=lambda c: len(c.get("value") or "")) if candidates else None
    if chosen is None and entry.get("summary"):
        chosen = entry.get("summary_detail") or {"value": entry.get("summary"), "type": "text/html"}
    if chosen is None:
        return []
    value = str(chosen.get("value") or "")
    if "html" in str(chosen.get("type") or "text/html"):
        return fragment_paragraphs(value)
    return split_paragraphs(value)


def entry_date(entry: Any) -> dt.date | None:
    """The entry's publication (else update) date, as feedparser parsed it."""
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if isinstance(value, time.struct_time):
            try:
                return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
            except ValueError:
                continue
    return None


def _clean(value: Any) -> str:
    return re.sub(r"\s+", " ", str(value or "")).strip()


def fetch_feed_pages(path: Path, *, fetcher: Fetcher | None = None) -> Iterator[Article | ReadError]:
    """With ``--fetch``: download the page each entry links to and read it as HTML.

    An entry whose page cannot be had (robots.txt, 404, not HTML, ...) falls back to its own content or
    summary, with the download's failure in ``metadata["warning"]``; an entry with neither is a ReadError.
    """
    where = str(path)
    try:
        feed, lines = parse_feed(read_feed_bytes(path), where)
    except ReadError as exc:
        yield exc
        return
    entries = list(zip(feed.entries, lines, strict=True))
    linked = [(entry.get("link"), where if line is not None else None, line) for entry, line in entries
              if entry.get("link")]
    pages = fetch_urls(linked, fetcher)
    try:
        yield from _with_pages(entries, pages, feed.feed, where)
    finally:
        pages.close()


def _with_pages(entries: list[tuple[Any, int | None]], pages: Iterator[Article | ReadError], channel: Any,
                where: str) -> Iterator[Article | ReadError]:
    for index, (entry, line) in enumerate(entries, start=1):
        page: Article | ReadError | None = next(pages) if entry.get("link") else None
        if isinstance(page, Article):
            page.metadata["feed_entry"] = index
            if not page.title and entry.get("title"):
                page.title = _clean(entry.get("title"))
            if page.published is None and (published := entry_date(entry)) is not None:
                page.published, page.published_precision = published, "day"
                page.metadata.pop("warning", None)
            yield page
            continue
        try:
            article = entry_article(entry, channel, path=where, line=line, index=index)
        except ReadError as exc:
            yield page or exc
            continue
        if page is not None:
            article.metadata["warning"] = f"page not downloaded ({page.reason}): the feed's text is used"
        yield article
