"""Throughput: articles/s and tokens/s of the full pipeline next to bare ``nlp.pipe`` on the same texts.

Usage: python benchmarks/throughput.py [--copies N] [--corpus DIR]
The corpus is the bundled demo corpus (demo/corpus) repeated N times (default 6), so that the figures do not
depend on ../shared. Prints each stage's share of the pipeline's time and the peak memory.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from _common import ROOT, peak_rss_mb

from eventwire.model import Article
from eventwire.pipeline import Pipeline
from eventwire.readers import read_all
from eventwire.stages.annotate import PIPE_BATCH_SIZE


def load(corpus: Path, copies: int) -> list[Article]:
    base = [a for a in read_all([corpus]) if isinstance(a, Article)]
    out = []
    for i in range(copies):
        for a in base:
            out.append(Article(id=f"{a.id}-{i}", paragraphs=list(a.paragraphs), captions=list(a.captions),
                               published=a.published, title=a.title))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=6)
    parser.add_argument("--corpus", type=Path, default=ROOT / "demo" / "corpus")
    args = parser.parse_args()
    articles = load(args.corpus, args.copies)
    texts = [a.analysed_text() for a in articles]
    pipeline = Pipeline()
    nlp = pipeline.context.nlp
    list(nlp.pipe(texts[:8]))  # warm up
    started = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=PIPE_BATCH_SIZE))
    bare = time.perf_counter() - started
    pipeline.timings = dict.fromkeys(pipeline.timings, 0.0)
    started = time.perf_counter()
    done = list(pipeline.process(articles))
    full = time.perf_counter() - started
    n = len(articles)
    print(f"corpus: {n} articles ({args.copies} copies of {args.corpus}), {tokens} tokens")
    print(f"bare nlp.pipe : {n / bare:8.1f} articles/s {tokens / bare:9.0f} tokens/s ({bare:.2f} s)")
    print(f"full pipeline : {n / full:8.1f} articles/s {tokens / full:9.0f} tokens/s ({full:.2f} s), "
          f"{len(done)} processed, {len(pipeline.failures)} failed")
    print(f"pipeline overhead over bare nlp.pipe: {100 * (full - bare) / bare:.1f}%")
    total = sum(pipeline.timings.values())
    for name, seconds in pipeline.timings.items():
        print(f"  stage {name:<9} {seconds:7.2f} s  {100 * seconds / total:5.1f}% of the pipeline")
    events = sum(len(a.events) for a in done)
    print(f"events coded: {events} ({events / max(n, 1):.1f} per article)")
    print(f"peak memory: {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
