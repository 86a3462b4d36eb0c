"""Plain-text wire stories: a header (``date YYYY-MM-DD``, ``Reading Time: …``, bylines), body paragraphs
separated by blank lines, and photo captions recognised by their credit line, kept apart from the body.

    date 2020-08-27 Reading Time: 2 minutes

    NATO Secretary-General Jens Stoltenberg called on ...

    Police block an entrance of a church ... in Minsk, Belarus, 26 August 2020. EPA-EFE/TATYANA ZENKOVICH
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from eventwire.errors import ReadError
from eventwire.model import Article, Caption, Origin
from eventwire.readers.ids import article_id

MAX_BYTES = 5_000_000  # a wire story is a few KB; anything this large is not one story
MAX_PARAGRAPHS = 2_000

_NAME = r"[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){0,4}"
# Credit lines that end a photo caption, in the styles the agencies use.
CREDIT_PATTERNS = [
    re.compile(r"(?:EPA-EFE|EPA|EFE|ANSA|DPA|PAP|ANP)/[A-Z][A-Z .'’\-]+(?:/[A-Z][A-Z .'’\-]+)?\s*$"),
    re.compile(r"REUTERS/" + _NAME + r"(?:/File Photo)?\s*$"),
    re.compile(r"AP Photo/" + _NAME + r"(?:,\s*File)?\s*$"),
    re.compile(r"\((?:Photo|Photograph|Picture|Image|Credit)s?(?:\s+by)?\s*:?\s*[^()]{2,80}\)\s*$", re.I),
    re.compile(r"(?<![\w])(?:Photo|Photograph|Picture|Credit)s?\s*:\s*[^.:]{2,80}$", re.I),
    re.compile(r"(?:" + _NAME + r"\s*/\s*)?(?:AFP|Getty Images|Anadolu Agency|Xinhua|Sputnik|TASS|Bloomberg)"
               r"(?:\s+via\s+Getty\s+Images)?\s*$"),
]

DATE_HEADER = re.compile(r"date\s+(\S+)\s*")
ISO_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?")
READING_TIME = re.compile(r"Reading\s+Time\s*:\s*\d+\s*(?:min(?:ute)?s?)\s*", re.I)
BYLINE = re.compile(r"By\s+(" + _NAME + r"(?:\s*(?:,|and|&)\s*" + _NAME + r")*)\s*$")
BYLINE_SPLIT = re.compile(r"\s*(?:,|\band\b|&)\s*")
MAX_BYLINE_WORDS = 12


@dataclass
class Header:
    published: dt.date | None = None
    authors: list[str] = field(default_factory=list)
    reading_time: str | None = None
    consumed_lines: int = 0


def split_credit(paragraph: str) -> tuple[str, str] | None:
    """(caption text, credit) when the paragraph ends with a photo credit, else None."""
    for pattern in CREDIT_PATTERNS:
        m = pattern.search(paragraph)
        if m and m.start() > 0:
            text = paragraph[: m.start()].rstrip()
            text = re.sub(r"\.{2,}$", ".", text)
            credit = m.group(0).strip().strip("()").strip()
            credit = re.sub(r"^(?:Photo|Photograph|Picture|Credit)s?(?:\s+by)?\s*:\s*", "", credit, flags=re.I)
            if len(text.split()) >= 3:
                return text, credit
    return None


def parse_iso_date(value: str) -> dt.date | None:
    """A date from ``YYYY-MM-DD`` (optionally followed by a time), or None when it is not one."""
    m = ISO_DATE.fullmatch(value.strip())
    if not m:
        return None
    try:
        return dt.date.fromisoformat(m.group(1))
    except ValueError:
        return None


def parse_header(lines: list[str], path: str | None) -> Header:
    """Consume the header lines at the top: date, reading time and byline, on one line or several."""
    header = Header()
    for index, raw in enumerate(lines):
        rest = raw.strip()
        if not rest:
            if header.consumed_lines:
                header.consumed_lines = index + 1
                continue
            continue
        matched_any = False
        while rest:
            if m := DATE_HEADER.match(rest):
                header.published = parse_iso_date(m.group(1))
                if header.published is None:
                    raise ReadError(f"malformed date header {m.group(1)!r}: expected 'date YYYY-MM-DD'",
                                    path=path, line=index + 1)
                rest = rest[m.end():]
            elif m := READING_TIME.match(rest):
                header.reading_time = m.group(0).strip()
                rest = rest[m.end():]
            elif (m := BYLINE.match(rest)) and len(rest.split()) <= MAX_BYLINE_WORDS:
                header.authors = [a for a in BYLINE_SPLIT.split(m.group(1)) if a]
                rest = ""
            else:
                break
            matched_any = True
        if not matched_any or rest:
            break
        header.consumed_lines = index + 1
    return header


def split_paragraphs(text: str) -> list[str]:
    """Blocks separated by blank lines; line breaks inside a block are joined with a space."""
    blocks = re.split(r"\n\s*\n", text)
    return [re.sub(r"\s*\n\s*", " ", b).strip() for b in blocks if b.strip()]


def classify(paragraphs: list[str]) -> tuple[list[str], list[Caption]]:
    """Separate captions (paragraphs that end with a photo credit) from body paragraphs."""
    body: list[str] = []
    captions: list[Caption] = []
    for p in paragraphs:
        split = split_credit(p)
        if split:
            captions.append(Caption(split[0], split[1]))
        else:
            body.append(p)
    return body, captions


def decode(data: bytes, path: str | None) -> str:
    if not data.strip():
        raise ReadError("empty file", path=path)
    if b"\x00" in data[:8192]:
        raise ReadError("binary data, not text", path=path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReadError(f"not UTF-8 text (invalid byte at offset {exc.start})", path=path) from None


def parse_text(text: str, *, path: str | None = None, url: str | None = None) -> Article:
    """Parse one wire story; raises ReadError when it has no body or a malformed date header."""
    lines = text.splitlines()
    header = parse_header(lines, path)
    body_text = "\n".join(lines[header.consumed_lines:])
    paragraphs = split_paragraphs(body_text)
    if len(paragraphs) > MAX_PARAGRAPHS:
        raise ReadError(f"{len(paragraphs)} paragraphs, more than the limit of {MAX_PARAGRAPHS}", path=path)
    body, captions = classify(paragraphs)
    if not body:
        raise ReadError("no body text after the header", path=path)
    content = "\n\n".join(body + [c.text for c in captions])
    metadata: dict[str, str] = {}
    if header.reading_time:
        metadata["reading_time"] = header.reading_time
    if header.published is None:
        metadata["warning"] = "no date header: relative dates stay unresolved"
    return Article(
        id=article_id(url, content),
        paragraphs=body,
        captions=captions,
        url=url,
        authors=header.authors,
        published=header.published,
        published_precision="day" if header.published else None,
        language="en",
        origin=Origin(path=path, url=url),
        metadata=metadata,
    )


def read(path: Path) -> Iterator[Article | ReadError]:
    """Read one plain-text story file (yields one Article, or one ReadError saying why not)."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            yield ReadError(f"{size} bytes, more than the limit of {MAX_BYTES} for one story", path=str(path))
            return
        data = path.read_bytes()
    except OSError as exc:
        yield ReadError.from_os_error(exc, str(path))
        return
    try:
        yield parse_text(decode(data, str(path)), path=str(path))
    except ReadError as exc:
        yield exc
