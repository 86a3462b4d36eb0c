"""Web archives (WARC, WARC.gz, as Common Crawl's CC-NEWS ships them): every HTML page fetched with status 200
becomes an article, with its URL, its fetch date and the record's file offset and length for provenance.

The archive is streamed with ``warcio`` one record at a time, so memory stays constant however large the file
(benchmarks/extraction.py measures it on 5,000 records). Each page body is read through a bounded read: a
record larger than :data:`eventwire.readers.html.MAX_PAGE_BYTES` is refused with a ReadError, never loaded.

Records that are not articles (``request``, ``metadata``, ``warcinfo`` records, redirects and error pages,
images, scripts, PDFs) are skipped silently: they are not input items a user asked for, and a CC-NEWS file
holds as many of them as pages. They are counted in a :class:`WarcStats` that the caller may pass to see
how many were skipped and why. An HTML page with status 200 that holds no article text (a section front,
a login wall) is a ReadError, as any other page would be; so is an archive without a single HTML page (or
one that is not a WARC at all), so that it is not silently absent from the ledger.

When a page states no publication date, the fetch date (``WARC-Date``) stands in for it, since a news crawl
fetches pages within hours of publication; ``metadata["published_from"]`` then says so.
"""

from __future__ import annotations

import datetime as dt
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeadersParserException

from eventwire.errors import ReadError
from eventwire.model import Article, Origin
from eventwire.readers.html import MAX_PAGE_BYTES, parse_html

HTML_TYPES = ("text/html", "application/xhtml+xml")
_DAMAGE = (StatusAndHeadersParserException, OSError, EOFError, ValueError, AttributeError, TypeError, zlib.error)


@dataclass
class WarcStats:
    """What a WARC held: records read, articles made, and records skipped by reason."""

    records: int = 0
    articles: int = 0
    failed: int = 0
    skipped: Counter[str] = field(default_factory=Counter)

    def skip(self, reason: str) -> None:
        self.skipped[reason] += 1


def read(path: Path, *, stats: WarcStats | None = None) -> Iterator[Article | ReadError]:
    """Stream the HTML pages of a WARC file as articles (one ReadError for a page that holds none)."""
    stats = stats if stats is not None else WarcStats()
    where = str(path)
    try:
        fh = path.open("rb")
    except OSError as exc:
        yield ReadError.from_os_error(exc, where)
        return
    with fh:
        records = ArchiveIterator(fh)
        iterator = iter(records)
        while True:
            try:
                record = next(iterator, None)
            except ArchiveLoadFailed as exc:
                yield ReadError(f"not a valid WARC file, or damaged after record {stats.records} ({exc})", path=where)
                return
            except _DAMAGE as exc:  # a truncated or corrupt archive: warcio fails in many ways
                yield ReadError(f"damaged WARC after record {stats.records} ({type(exc).__name__}: {exc})",
                                path=where)
                return
            if record is None:
                break
            stats.records += 1
            result = _article(record, records, where, stats)
            if result is not None:
                yield result
    if stats.articles == 0 and stats.failed == 0:
        skipped = ", ".join(f"{count} {reason}" for reason, count in stats.skipped.most_common(5))
        yield ReadError(f"no HTML page with status 200 in {stats.records} records"
                        + (f" ({skipped})" if skipped else ""), path=where)


def _article(record: Any, records: Any, path: str, stats: WarcStats) -> Article | ReadError | None:
    """The article in one record, a ReadError for an HTML page without one, None for a record to skip."""
    rec_type = record.rec_type
    if rec_type != "response":
        stats.skip(f"{rec_type} record")
        return None
    http = record.http_headers
    if http is None:
        stats.skip("response without HTTP headers")
        return None
    status = http.get_statuscode()
    if status != "200":
        stats.skip(f"HTTP {status}")
        return None
    content_type = (http.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if content_type not in HTML_TYPES:
        stats.skip(f"content type {content_type or 'unknown'}")
        return None
    headers = record.rec_headers
    url = headers.get_header("WARC-Target-URI")
    warc_date = headers.get_header("WARC-Date")
    record_id = headers.get_header("WARC-Record-ID")
    try:
        body = record.content_stream().read(MAX_PAGE_BYTES + 1)
        offset, length = records.get_record_offset(), records.get_record_length()
    except _DAMAGE as exc:
        stats.failed += 1
        return ReadError(f"record {stats.records} ({url}) is damaged ({type(exc).__name__}: {exc})", path=path)
    origin = Origin(path=path, offset=offset, length=length, url=url)
    where = f"record at offset {offset} ({url})"
    if len(body) > MAX_PAGE_BYTES:
        stats.failed += 1
        return ReadError(f"{where}: page larger than the limit of {MAX_PAGE_BYTES} bytes", path=path, offset=offset)
    try:
        article = parse_html(body, url=url, path=path, origin=origin)
    except ReadError as exc:
        stats.failed += 1
        return ReadError(f"{where}: {exc.reason}", path=path, offset=offset)
    fetched = _warc_date(warc_date)
    if fetched is not None:
        article.metadata["fetched"] = warc_date
        if article.published is None:
            article.published = fetched
            article.published_precision = "day"
            article.metadata["published_from"] = "WARC-Date (the fetch date: the page states none)"
            article.metadata.pop("warning", None)
    if record_id:
        article.metadata["warc_record_id"] = record_id
    stats.articles += 1
    return article


def _warc_date(value: str | None) -> dt.date | None:
    """The day of a WARC-Date (``2024-05-01T10:20:30Z``), or None when it is missing or malformed."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
