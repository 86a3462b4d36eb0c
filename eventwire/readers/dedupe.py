"""Duplicate detection before the NLP runs: the same wire story, syndicated by twenty sites, is processed once.

Three tests, cheapest first, each against every article seen before in the run:

1. the same normalised URL (tracking parameters, ``amp``, ``www.``, trailing slashes removed: see
   :func:`eventwire.readers.ids.normalise_url`);
2. the same body text after normalisation (case, quotes, white space: :func:`~eventwire.readers.ids.normalise_text`),
   by a SHA-256 of it;
3. near-duplicates: a MinHash (``datasketch``) of the body's word :data:`SHINGLE_WORDS`-grams, looked up by
   LSH banding for candidates, each confirmed by the share of the *new* article's shingles that the earlier
   one has (its containment, estimated from the MinHash Jaccard and the two shingle counts). A copy with
   another header, a changed word or two, a "READ MORE" line or its last paragraphs cut holds nothing new,
   and is a duplicate; a follow-up story that reuses two background paragraphs is mostly new, and is not.
   Containment rather than Jaccard, and in one direction: a copy cut to its first half is a duplicate of the
   full story, but the full story arriving after the cut copy is not a duplicate of it (it has more to read).

Only the body paragraphs are compared: titles, captions and bylines differ from site to site for one story.

The LSH bands are kept here in plain dicts (band hash -> article number) rather than in ``datasketch``'s
``MinHashLSH``, whose in-memory storage keeps a set per bucket and a list of band keys per article: about
6 KB per article at 20 bands against 1.3 KB here. With the MinHash values, the URL and the exact-match hash,
an article remembered costs about 3 KB (measured: 2.9 KB for 300-word articles), so the 20,000 articles a
run is seeded with take some 60 MB; checking runs at about 900 articles a second.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from datasketch import MinHash

from eventwire.model import Article
from eventwire.readers.ids import normalise_text, normalise_url

SHINGLE_WORDS = 4
NUM_PERM = 128  # MinHash size: the Jaccard estimate's error is about 0.04 at 128
# Tuned on tests/fixtures/ingest/dedupe (a 310-word wire story, three copies of it and two other stories on the
# same strike), with 4-word shingles. Duplicates: the copies have 0.87 to 1.0 of their shingles in the original
# (the lowest: the copy with changed words, a "READ MORE" line, a new sign-off and its last paragraph cut).
# Not duplicates: the full story read after a copy cut to its first five paragraphs has 0.62 of its shingles
# in it (the rest is new), the follow-up that reuses two background paragraphs 0.38, the other agency's story
# of the same strike 0.05. 0.7 lies between 0.62 and 0.87, a little nearer the new-text side: a duplicate let
# through costs a second copy of its events, a new story dropped costs its events.
NEAR_DUPLICATE_CONTAINMENT = 0.7
# Candidates come from LSH on the Jaccard similarity, which is lower than containment when the lengths differ
# (a copy cut to 60% of the story has Jaccard 0.6, the edited copy of the fixtures 0.7). With 20 bands of 3
# MinHash values a pair is a candidate with probability 1 - (1 - J^3)^20: 0.99 at J 0.6, 0.93 at 0.5, 0.42 at
# 0.3 (a copy cut to a third of the story), 0.02 at 0.1 (unrelated stories sharing stock phrases). More bands
# would catch the short cuts too, at 65 bytes of memory per band and article.
LSH_BANDS = 20
LSH_ROWS = 3
MIN_SHINGLES = 10  # fewer than this (a 13-word brief) is too short to call a near-duplicate; exact tests only

_WORD = re.compile(r"\w+")

MatchKind = Literal["url", "content", "near"]


@dataclass(frozen=True)
class Match:
    """The earlier article a new one duplicates, how it was found, and how much of the new one it holds."""

    id: str
    kind: MatchKind
    similarity: float  # 1.0 for url/content; the estimated containment for near

    def reason(self) -> str:
        """A ledger reason: ``near-duplicate of 1a2b... (0.87 of its text)``."""
        if self.kind == "url":
            return f"same URL as {self.id}"
        if self.kind == "content":
            return f"same text as {self.id}"
        return f"near-duplicate of {self.id} ({self.similarity:.2f} of its text)"


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """The set of ``size``-word shingles of the normalised text."""
    words = _WORD.findall(normalise_text(text))
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


def body_text(article: Article) -> str:
    return "\n\n".join(article.paragraphs)


class Deduplicator:
    """Remembers the articles seen so far and tells whether a new one duplicates one of them.

    >>> dedupe = Deduplicator()
    >>> dedupe.check(article)        # None: new, and now remembered
    >>> dedupe.check(copy)           # the id of ``article``: a duplicate, not remembered
    """

    def __init__(self, containment: float = NEAR_DUPLICATE_CONTAINMENT, num_perm: int = NUM_PERM) -> None:
        if num_perm < LSH_BANDS * LSH_ROWS:
            raise ValueError(f"num_perm must be at least {LSH_BANDS * LSH_ROWS} for {LSH_BANDS} bands of {LSH_ROWS}")
        self.containment = containment
        self.num_perm = num_perm
        self._permutations = MinHash(num_perm=num_perm, seed=1).permutations
        self._urls: dict[str, str] = {}
        self._hashes: dict[bytes, str] = {}
        # the articles with a MinHash, by number: id, MinHash values, shingle count
        self._ids: list[str] = []
        self._values: list[np.ndarray[Any, Any]] = []
        self._sizes: list[int] = []
        self._bands: list[dict[int, int | list[int]]] = [{} for _ in range(LSH_BANDS)]

    def __len__(self) -> int:
        return len(self._hashes)

    def check(self, article: Article) -> str | None:
        """The id of the earlier article this one duplicates, else None (and the article is remembered)."""
        match = self.match(article)
        return match.id if match else None

    def match(self, article: Article) -> Match | None:
        """Like :meth:`check`, with how the duplicate was found and how similar it is."""
        text = body_text(article)
        url_key = normalise_url(article.url) if article.url else None
        if url_key is not None and url_key in self._urls:
            return Match(self._urls[url_key], "url", 1.0)
        content_key = _content_hash(text)
        if content_key in self._hashes:
            return Match(self._hashes[content_key], "content", 1.0)
        grams = shingles(text)
        sketch = self._minhash(grams) if len(grams) >= MIN_SHINGLES else None
        if sketch is not None:
            best = self._best_near(sketch, len(grams))
            if best is not None:
                return best
        self._remember(article.id, url_key, content_key, sketch, len(grams))
        return None

    def add(self, article_id: str, text: str, url: str | None = None) -> None:
        """Remember an article seen before this run (e.g. from the store), so a resumed run still finds its copies.

        ``text`` is the body: the paragraphs joined by blank lines.
        """
        grams = shingles(text)
        sketch = self._minhash(grams) if len(grams) >= MIN_SHINGLES else None
        self._remember(article_id, normalise_url(url) if url else None, _content_hash(text), sketch, len(grams))

    # -- internals -------------------------------------------------------------------------------------------

    def _minhash(self, grams: set[str]) -> MinHash:
        sketch = MinHash(num_perm=self.num_perm, permutations=self._permutations, scheme="affine32")
        sketch.update_batch([g.encode("utf-8") for g in grams])
        return sketch

    def _band_keys(self, values: np.ndarray[Any, Any]) -> list[int]:
        return [hash(values[i * LSH_ROWS:(i + 1) * LSH_ROWS].tobytes()) for i in range(LSH_BANDS)]

    def _candidates(self, values: np.ndarray[Any, Any]) -> set[int]:
        found: set[int] = set()
        for band, key in zip(self._bands, self._band_keys(values), strict=True):
            hit = band.get(key)
            if isinstance(hit, list):
                found.update(hit)
            elif hit is not None:
                found.add(hit)
        return found

    def _best_near(self, sketch: MinHash, size: int) -> Match | None:
        best: Match | None = None
        values = sketch.hashvalues
        for number in self._candidates(values):
            jaccard = float(np.mean(self._values[number] == values))
            other_size = self._sizes[number]
            # |A ∩ B| = J (|A| + |B|) / (1 + J); containment of the new article A in B = |A ∩ B| / |A|
            contained = min(1.0, jaccard * (size + other_size) / (1.0 + jaccard) / size)
            if contained >= self.containment and (best is None or contained > best.similarity):
                best = Match(self._ids[number], "near", round(contained, 3))
        return best

    def _remember(self, article_id: str, url_key: str | None, content_key: bytes, sketch: MinHash | None,
                  size: int) -> None:
        if url_key is not None:
            self._urls.setdefault(url_key, article_id)
        self._hashes.setdefault(content_key, article_id)
        if sketch is None:
            return
        number = len(self._ids)
        self._ids.append(article_id)
        self._values.append(sketch.hashvalues.copy())
        self._sizes.append(size)
        for band, key in zip(self._bands, self._band_keys(sketch.hashvalues), strict=True):
            hit = band.get(key)
            if hit is None:
                band[key] = number
            elif isinstance(hit, list):
                hit.append(number)
            else:
                band[key] = [hit, number]


def _content_hash(text: str) -> bytes:
    return hashlib.sha256(normalise_text(text).encode("utf-8")).digest()
