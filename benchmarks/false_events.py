"""False-event rate: sentences with no political event (sports, weather, business, culture) should yield none.

Usage: python benchmarks/false_events.py
The sentences are the project's own (benchmarks/fixtures/non_political.txt), many with words that are event
triggers in other senses ("the striker fired", "stormed to victory"). An event counts as false unless it is
negated or hypothetical. Target: at most 5% of sentences with a false event.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from _common import out_file

from eventwire.model import Article
from eventwire.pipeline import Pipeline
from eventwire.readers.text import parse_text

SENTENCES = Path(__file__).resolve().parent / "fixtures" / "non_political.txt"


def main() -> None:
    lines = [ln.strip() for ln in SENTENCES.read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    articles: list[Article] = []
    for line in lines:
        a = parse_text(line)
        a.published = dt.date(2023, 6, 15)
        articles.append(a)
    pipeline = Pipeline()
    done = list(pipeline.process(articles))
    false = []
    for a in done:
        real = [e for e in a.events if not e.negated and not e.hypothetical]
        if real:
            false.append(f"{a.paragraphs[0]}\t{[e.type + ':' + e.explanation['pattern'] for e in real]}")
    rate = len(false) / len(lines)
    print(f"non-political sentences: {len(lines)}; with a false event: {len(false)} ({100 * rate:.1f}%)   "
          f"target <= 5%")
    out_file("false-events.txt").write_text("\n".join(false) + "\n")
    print(f"the false events: {out_file('false-events.txt')}")


if __name__ == "__main__":
    main()
