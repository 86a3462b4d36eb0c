"""Turning character spans of the analysed text into Mentions with full provenance."""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

from eventwire.model import Article, Mention

SENT_STARTS_KEY = "eventwire_sent_starts"


def sentence_index(doc: Any, char_offset: int) -> int:
    """Index of the sentence (in document order) that holds a character offset of the Doc."""
    starts: list[int] | None = doc.user_data.get(SENT_STARTS_KEY)
    if starts is None:
        starts = [s.start_char for s in doc.sents]
        doc.user_data[SENT_STARTS_KEY] = starts
    return max(bisect_right(starts, char_offset) - 1, 0)


def mention(article: Article, start: int, end: int, label: str = "") -> Mention:
    """A Mention for the characters ``start:end`` of the article's analysed text (and Doc)."""
    seg = article.segment_at(start)
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
