"""Turning character spans of the analysed text into Mentions with full provenance."""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

from eventwire.model import PARAGRAPH_SEPARATOR, Article, Mention, Segment

SENT_STARTS_KEY = "eventwire_sent_starts"
SEGMENTS_KEY = "eventwire_segments"


def sentence_index(doc: Any, char_offset: int) -> int:
    """Index of the sentence (in document order) that holds a character offset of the Doc."""
    starts: list[int] | None = doc.user_data.get(SENT_STARTS_KEY)
    if starts is None:
        starts = [s.start_char for s in doc.sents]
        doc.user_data[SENT_STARTS_KEY] = starts
    return max(bisect_right(starts, char_offset) - 1, 0)


def _analysed_length(article: Article) -> int:
    """The length of ``article.analysed_text()`` without building the string."""
    lengths = [len(p) for p in article.paragraphs] + [len(c.text) for c in article.captions]
    return sum(lengths) + len(PARAGRAPH_SEPARATOR) * max(len(lengths) - 1, 0)


def segments_of(article: Article) -> tuple[list[Segment], list[int]]:
    """The article's segments and, for each, the first offset that belongs to the next one.

    ``Article.segments()`` rebuilds the list on every call, and every Mention needs it: the list is cached in
    ``article.doc.user_data``, keyed by the analysed text's length so that an article whose paragraphs changed
    after it was annotated is not served a stale list. Without a Doc nothing is cached.
    """
    doc = article.doc
    length = _analysed_length(article)
    if doc is not None:
        cached = doc.user_data.get(SEGMENTS_KEY)
        if cached is not None and cached[0] == length:
            return cached[1], cached[2]
    segs = article.segments()
    # Article.segment_at: the first segment with offset < doc_end + separator, else the last one
    bounds = [seg.doc_end + len(PARAGRAPH_SEPARATOR) for seg in segs]
    if doc is not None:
        doc.user_data[SEGMENTS_KEY] = (length, segs, bounds)
    return segs, bounds


def segment_at(article: Article, doc_offset: int) -> Segment:
    """The segment that holds a character offset of the analysed text (as ``Article.segment_at``, cached)."""
    segs, bounds = segments_of(article)
    i = bisect_right(bounds, doc_offset)
    return segs[min(i, len(segs) - 1)]


def mention(article: Article, start: int, end: int, label: str = "") -> Mention:
    """A Mention for the characters ``start:end`` of the article's analysed text (and Doc)."""
    seg = segment_at(article, start)
    local_start = max(start - seg.doc_start, 0)
    local_end = min(end - seg.doc_start, len(seg.text))
    sent = sentence_index(article.doc, start) if article.doc is not None else 0
    return Mention(
        text=seg.text[local_start:local_end],
        section=seg.section,
        paragraph=seg.index,
        start=local_start,
        end=local_end,
        sentence=sent,
        doc_start=start,
        doc_end=end,
        label=label,
    )


def mention_of(article: Article, span: Any, label: str = "") -> Mention:
    """A Mention for a spaCy Span (or Token) of the article's Doc."""
    if hasattr(span, "start_char"):
        return mention(article, span.start_char, span.end_char, label or getattr(span, "label_", ""))
    return mention(article, span.idx, span.idx + len(span.text), label)
