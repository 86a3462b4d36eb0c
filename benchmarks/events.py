"""Event coder on the PLOVER gold-standard records: type accuracy, macro-F1, source/target agreement.

Usage: python benchmarks/events.py [--limit N]
Each gold record is one sentence with one coded event. The project's *lead* event for the sentence (the first
event in text order that is neither negated nor hypothetical, else the first event) is compared with it. Gold
labels of PLOVER 0.5b1 are mapped to the current types (DEMAND→REQUEST, FIGHT→ASSAULT, DISAPPROVE and
INVESTIGATE→ACCUSE). The records' dates are placeholders (2000-01-01), so sentences are processed without a
publication date. Writes the confusion matrix and the misses to bench-out/.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from typing import Any

from _common import out_file, shared_path

from eventwire.model import Article, Event
from eventwire.ontology.plover import TYPES, normalise_type
from eventwire.pipeline import Pipeline
from eventwire.readers.text import parse_text


def gold_actors(value: Any) -> list[dict[str, str]]:
    if not isinstance(value, list):
        return []
    return [a for a in value if isinstance(a, dict)]


def lead_event(events: list[Event]) -> Event | None:
    for e in events:
        if not e.negated and not e.hypothetical:
            return e
    return events[0] if events else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args()
    records = [r for r in json.loads(shared_path("events", "PLOVER_GSR_CAMEO.json").read_text())
               if r.get("event") != "DOCUMENT" and r.get("text")]
    if args.limit:
        records = records[: args.limit]
    pipeline = Pipeline()
    articles = [parse_text(r["text"]) for r in records]
    for a in articles:
        a.published = None
        a.metadata.pop("warning", None)
    done = {a.id: a for a in pipeline.process(articles)}
    confusion: Counter[tuple[str, str]] = Counter()
    correct = 0
    any_correct = 0
    field_hits: dict[str, list[bool]] = defaultdict(list)
    misses = []
    for record, article in zip(records, articles, strict=True):
        gold, _mode = normalise_type(record["event"])
        result: Article | None = done.get(article.id)
        events = result.events if result else []
        lead = lead_event(events)
        predicted = lead.type if lead else "NONE"
        confusion[(gold, predicted)] += 1
        correct += predicted == gold
        any_correct += any(e.type == gold for e in events)
        if predicted != gold:
            misses.append(f"{record['id']}\tgold {gold}\tpredicted {predicted}\t"
                          f"{[e.type + ':' + e.explanation['trigger'] for e in events]}\t{record['text']}")
        if lead is None or result is None:
            continue
        actors = {x.id: x for x in result.actors}
        for role in ("source", "target"):
            golds = gold_actors(record.get(role))
            codes = {g.get("code") for g in golds if g.get("code")}
            sectors = {g.get("sector") for g in golds if g.get("sector") and g.get("sector") != "***"}
            actor_id = lead.source if role == "source" else lead.target
            actor = actors.get(actor_id) if actor_id else None
            if codes and predicted == gold:
                field_hits[f"{role} country"].append(actor is not None and actor.country in codes)
            if sectors and predicted == gold:
                field_hits[f"{role} sector"].append(actor is not None and actor.sector in sectors)
    n = len(records)
    f1s = []
    for t in TYPES:
        tp = confusion[(t, t)]
        fp = sum(v for (g, p), v in confusion.items() if p == t and g != t)
        fn = sum(v for (g, p), v in confusion.items() if g == t and p != t)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        if tp + fn:  # types present in the gold
            f1s.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    print(f"PLOVER gold records: {n}")
    print(f"event-type accuracy (lead event): {correct / n:.3f}   target >= 0.80")
    print(f"macro-F1 over the {len(f1s)} types present: {sum(f1s) / max(len(f1s), 1):.3f}   target >= 0.70")
    print(f"gold type among any coded event: {any_correct / n:.3f}")
    print(f"sentences with no event: {sum(v for (g, p), v in confusion.items() if p == 'NONE')}")
    for key in ("source country", "source sector", "target country", "target sector"):
        hits = field_hits[key]
        if hits:
            target = "   target >= 0.85" if key == "source country" else ""
            print(f"{key} agreement (on correctly typed events): {sum(hits) / len(hits):.3f} of {len(hits)}{target}")
    labels = [*TYPES, "NONE"]
    with out_file("events-confusion.tsv").open("w") as fh:
        fh.write("gold\\predicted\t" + "\t".join(labels) + "\n")
        for g in TYPES:
            fh.write(g + "\t" + "\t".join(str(confusion[(g, p)]) for p in labels) + "\n")
    out_file("events-misses.txt").write_text("\n".join(misses) + "\n")
    print(f"confusion matrix: {out_file('events-confusion.tsv')}; misses: {out_file('events-misses.txt')}")


if __name__ == "__main__":
    main()
