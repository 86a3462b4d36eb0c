"""Benchmark of the dates stage on TimeBank and AQUAINT (../shared/data/time, TimeML .tml files).

Each document's <TEXT> is stripped of its tags (entities unescaped, character offsets kept so that the gold
TIMEX3 spans map onto it), split into paragraphs at blank lines and run through Pipeline(["annotate", "dates"])
with ``published`` = the document creation time (the TIMEX3 with functionInDocument="CREATION_TIME").

What is counted (gold type="DATE" expressions of the text; the creation time is in the header, not the text):
- recognition, relaxed: a gold DATE is found when a predicted DATE or TIME expression overlaps it; a predicted
  DATE/TIME is correct when it overlaps a gold DATE, ignored when it only overlaps a gold TIME (both date things;
  the line between them is drawn differently), and a false positive otherwise (also when it overlaps a gold
  DURATION or SET: that is a typing error).
- value accuracy on the found ones: the prediction that overlaps the gold expression most is compared with the
  gold value after canonicalisation: part-of-day suffixes are ignored (2000-03-26TNI = 2000-03-26), week numbers
  are zero padded (2000-W7 = 2000-W07), and TimeML 1.2's short decades and centuries equal ours (199 = 199X,
  19 = 19XX). Everything else must match exactly, including PAST_REF/PRESENT_REF/FUTURE_REF and the gold's
  context-dependent readings (the WSJ's "the quarter" = 1989-Q3), and gold values with X (1998-WXX) that we
  never write count as misses.
- the day-level relative subset: gold DATE expressions whose text contains a weekday name, yesterday, today,
  tomorrow or tonight, or this/last/next/past/coming week(end); value accuracy on the found ones.

Usage: .venv/bin/python benchmarks/dates.py [--limit N]    details go to bench-out/dates-misses.txt
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
DATA = SHARED / "data" / "time"
OUT = ROOT / "bench-out"
CORPORA = ("TimeBank", "AQUAINT")

TARGET_F1 = 0.90
TARGET_VALUE = 0.85
TARGET_RELATIVE = 0.85

RELATIVE_SUBSET = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tomorrow|tonight)\b"
    r"|\b(?:this|last|next|past|coming)\s+week(?:end)?\b",
    re.I,
)

sys.path.insert(0, str(ROOT))


@dataclass
class Gold:
    start: int
    end: int
    type: str
    value: str
    text: str


@dataclass
class Document:
    corpus: str
    name: str
    dct: dt.date
    text: str
    gold: list[Gold]


@dataclass
class Tally:
    gold: int = 0
    found: int = 0
    predicted: int = 0
    correct_predictions: int = 0
    value_right: int = 0
    rel_gold: int = 0
    rel_found: int = 0
    rel_right: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for name in (
            "gold",
            "found",
            "predicted",
            "correct_predictions",
            "value_right",
            "rel_gold",
            "rel_found",
            "rel_right",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def read_tml(path: Path, corpus: str) -> Document | None:
    """The document's text (tags stripped, offsets kept), creation date and TIMEX3 annotations."""
    raw = path.read_text(encoding="utf-8")
    dct_tag = re.search(r'<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*>', raw)
    body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)
    if dct_tag is None or body is None:
        return None
    dct_value = re.search(r'value="(\d{4}-\d\d-\d\d)', dct_tag.group(0))
    if dct_value is None:
        return None
    pieces: list[str] = []
    gold: list[Gold] = []
    stack: list[tuple[str, str, int]] = []
    pos = 0
    for tok in re.finditer(r"<(/?)(\w+)([^>]*)>|([^<]+)", body.group(1)):
        if tok.group(4) is not None:
            chunk = html.unescape(tok.group(4))
            pieces.append(chunk)
            pos += len(chunk)
        elif tok.group(3).rstrip().endswith("/"):
            continue
        elif tok.group(1) == "":
            stack.append((tok.group(2), tok.group(3), pos))
        else:
            name, attrs, start = stack.pop()
            if name == "TIMEX3":
                a = dict(re.findall(r'(\w+)="([^"]*)"', attrs))
                gold.append(Gold(start, pos, a.get("type", ""), a.get("value", ""), ""))
    text = "".join(pieces)
    for g in gold:
        g.text = text[g.start : g.end]
    return Document(corpus, path.stem, dt.date.fromisoformat(dct_value.group(1)), text, gold)


def to_article(doc: Document) -> tuple[object, list[tuple[int, int, int]]]:
    """An Article whose paragraphs are the text's blank-line separated blocks, and the offset map
    (original start, original end, offset in the analysed text) of each paragraph."""
    from eventwire.model import PARAGRAPH_SEPARATOR, Article

    paragraphs: list[str] = []
    spans: list[tuple[int, int, int]] = []
    doc_pos = 0
    for m in re.finditer(r"\S(?:.*?\S)?(?=\s*\n\s*\n|\s*$)", doc.text, re.S):
        paragraphs.append(m.group(0))
        spans.append((m.start(), m.end(), doc_pos))
        doc_pos += len(m.group(0)) + len(PARAGRAPH_SEPARATOR)
    article = Article(
        id=f"{doc.corpus}/{doc.name}", paragraphs=paragraphs, published=doc.dct, published_precision="day"
    )
    return article, spans


def map_offset(spans: list[tuple[int, int, int]], offset: int) -> int | None:
    for start, end, doc_start in spans:
        if start <= offset <= end:
            return doc_start + offset - start
    return None


def canonical(value: str | None) -> str | None:
    """Gold and predicted values in one spelling (see the module doc)."""
    if value is None:
        return None
    v = re.sub(r"T(?:MO|AF|EV|NI|DT|MI)$", "", value)
    v = re.sub(r"-W(\d)(?!\d)", r"-W0\1", v)
    if re.fullmatch(r"\d{3}", v):
        v += "X"
    if re.fullmatch(r"\d{2}", v):
        v += "XX"
    return v


def evaluate(doc: Document, article: object, spans: list[tuple[int, int, int]]) -> Tally:
    tally = Tally()
    times = [t for t in article.times if t.type in ("DATE", "TIME")]  # type: ignore[attr-defined]
    gold_mapped: list[tuple[Gold, int, int]] = []
    for g in doc.gold:
        s, e = map_offset(spans, g.start), map_offset(spans, g.end)
        if s is not None and e is not None:
            gold_mapped.append((g, s, e))
    golds = [(g, s, e) for g, s, e in gold_mapped if g.type == "DATE"]
    text: str = article.analysed_text()  # type: ignore[attr-defined]

    def context(s: int, e: int) -> str:
        return (text[max(0, s - 50) : s] + "[[" + text[s:e] + "]]" + text[e : e + 30]).replace("\n", " ")

    for g, s, e in golds:
        tally.gold += 1
        relative = bool(RELATIVE_SUBSET.search(g.text))
        tally.rel_gold += relative
        hits = [t for t in times if t.mention.doc_start < e and s < t.mention.doc_end]
        if not hits:
            tally.misses.append(f"MISSED\t{doc.name}\t{doc.dct}\t{g.text!r}\t{g.value}\t{context(s, e)}")
            continue
        tally.found += 1
        tally.rel_found += relative
        best = max(hits, key=lambda t: min(e, t.mention.doc_end) - max(s, t.mention.doc_start))
        if canonical(best.value) == canonical(g.value):
            tally.value_right += 1
            tally.rel_right += relative
        else:
            tally.misses.append(
                f"VALUE{'-REL' if relative else ''}\t{doc.name}\t{doc.dct}\t{g.text!r}\t{g.value}\t"
                f"{best.text!r}\t{best.value}\t{best.reason}\t{context(s, e)}"
            )
    for t in times:
        s, e = t.mention.doc_start, t.mention.doc_end
        over = [g for g, gs, ge in gold_mapped if gs < e and s < ge]
        if any(g.type == "DATE" for g in over):
            tally.predicted += 1
            tally.correct_predictions += 1
        elif any(g.type == "TIME" for g in over):
            continue
        else:
            tally.predicted += 1
            kind = over[0].type if over else "none"
            tally.misses.append(f"SPURIOUS({kind})\t{doc.name}\t{doc.dct}\t{t.text!r}\t{t.value}\t{context(s, e)}")
    return tally


def ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def report(name: str, t: Tally) -> dict[str, float]:
    p = ratio(t.correct_predictions, t.predicted)
    r = ratio(t.found, t.gold)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    value = ratio(t.value_right, t.found)
    rel = ratio(t.rel_right, t.rel_found)
    print(
        f"{name:<9} DATE gold {t.gold:5d}  P {p:.3f}  R {r:.3f}  F1 {f1:.3f}   value acc {value:.3f} "
        f"({t.value_right}/{t.found})   relative subset: gold {t.rel_gold}, found {t.rel_found}, "
        f"value acc {rel:.3f} ({t.rel_right}/{t.rel_found})"
    )
    return {"f1": f1, "value": value, "relative": rel}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="process only the first N documents (quick run)")
    args = parser.parse_args()
    if not DATA.exists():
        print(f"{DATA} is absent: this benchmark needs the shared development data beside the checkout; skipped")
        return 0
    from eventwire.pipeline import Pipeline

    docs: list[Document] = []
    for corpus in CORPORA:
        for path in sorted((DATA / corpus).glob("*.tml")):
            doc = read_tml(path, corpus)
            if doc is not None:
                docs.append(doc)
    if args.limit:
        docs = docs[:: max(1, len(docs) // args.limit)][: args.limit]
    pipe = Pipeline(["annotate", "dates"])
    pairs = [to_article(d) for d in docs]
    started = time.perf_counter()
    processed = list(pipe.process([a for a, _ in pairs]))  # type: ignore[misc]
    elapsed = time.perf_counter() - started
    by_id = {a.id: a for a in processed}
    tallies = {c: Tally() for c in CORPORA}
    misses: list[str] = []
    for doc, (article, spans) in zip(docs, pairs, strict=True):
        done = by_id.get(article.id)  # type: ignore[attr-defined]
        if done is None:
            print(f"failed: {doc.name}")
            continue
        t = evaluate(doc, done, spans)
        tallies[doc.corpus].add(t)
        misses += t.misses
    print(f"{len(docs)} documents, annotate+dates in {elapsed:.1f} s")
    total = Tally()
    for corpus in CORPORA:
        report(corpus, tallies[corpus])
        total.add(tallies[corpus])
    figures = report("overall", total)
    print(
        f"targets: F1 >= {TARGET_F1:.2f} ({'met' if figures['f1'] >= TARGET_F1 else 'NOT met'}), value accuracy "
        f">= {TARGET_VALUE:.2f} ({'met' if figures['value'] >= TARGET_VALUE else 'NOT met'}), relative subset "
        f">= {TARGET_RELATIVE:.2f} ({'met' if figures['relative'] >= TARGET_RELATIVE else 'NOT met'})"
    )
    OUT.mkdir(exist_ok=True)
    (OUT / "dates-misses.txt").write_text("\n".join(sorted(misses)) + "\n", encoding="utf-8")
    print(f"misses: {OUT / 'dates-misses.txt'} ({len(misses)} lines)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
