"""Benchmark of the quotes stage on PolNeAR (political news attribution relations, brat standoff).

Data: ../shared/data/quotes/polnear/{dev,train}/text/NAME.txt and attributions/NAME_XXXX.ann (XXXX: the
annotator). Two dev texts were annotated by all six annotators; the first annotation file in name order is used
for every text, so that each text counts once. Every text is split on blank lines into paragraphs, so that the
analysed text is the file's text and gold offsets are document offsets; the texts run through
Pipeline(["annotate", "actors", "quotes"]).

Measures (dev split for the figures; train is for error analysis, ``--split train``):

* content spans: a predicted quote matches a gold attribution when the word tokens they share are at least half of
  the words of each (|shared| / max(|gold|, |predicted|) >= 0.5); matching is one-to-one, best overlap first. The
  words of a direct quote are those inside quotation marks within its span: a quote interrupted by its
  attribution, “A,” he said, “B.”, is one quote whose span runs from A to B. Precision, recall and F1 overall, and
  for direct and indirect quotes apart: a gold attribution is *direct* when its content (stripped of blanks and
  trailing punctuation) both begins and ends with a double quotation mark (“ ” " « » or NYT-style ''), i.e. the
  whole content is quoted; everything else (indirect, and mixed with a quoted fragment) is *indirect*. Recall of a
  class is over gold of that class, precision over predictions of that kind (``direct`` against ``indirect`` +
  ``mixed``).
* speaker accuracy on matched pairs whose gold attribution has a Source: right when the predicted speaker
  actor has a mention overlapping the gold Source span (PolNeAR gives no coreference, so a gold "he" is only
  matched by an actor whose mentions include that "he"; a relative pronoun source, "Barkley, who said", is
  matched by a mention ending right before it). Also shown, for diagnosis: the same with the quote's
  ``speaker_text`` (located next to the cue) accepted too, which separates attribution errors from speakers that
  no actor covers (polls, documents, "one user", names the actors stage left unlinked). And the recall on gold
  attributions whose cue is in the cue table: PolNeAR also annotates attitudes and topics ("talked about X",
  "support for X", "criticized X"), which are not quotations.

Details go to bench-out/quotes-misses.txt. ``--limit N`` for a quick run.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SHARED = Path(__file__).resolve().parents[2] / "shared"
DATA = SHARED / "data" / "quotes" / "polnear"
OUT = Path("bench-out")

TARGET_F1 = 0.75
TARGET_F1_DIRECT = 0.90
TARGET_SPEAKER = 0.85
MATCH_OVERLAP = 0.5

WORD = re.compile(r"\w+")
TEXTBOUND = re.compile(r"^(T\d+)\t([\w-]+) (\d+ \d+(?:;\d+ \d+)*)\t")
RELATION = re.compile(r"^(E\d+)\t(.*)$")
OPENING_MARKS = ("“", '"', "„", "«", "''", "``")  # NYT copy writes ''double apostrophes''
CLOSING_MARKS = ("”", '"', "»", "''")


@dataclass
class Gold:
    content: list[tuple[int, int]]
    source: list[tuple[int, int]]
    cue: list[tuple[int, int]]
    direct: bool = False


@dataclass
class Pred:
    start: int
    end: int
    kind: str
    speaker_mentions: list[tuple[int, int]] = field(default_factory=list)
    speaker_text_span: tuple[int, int] | None = None
    label: str = ""


def read_gold(ann: Path, text: str) -> list[Gold]:
    """The attribution relations of one brat file (text-bound lines may hold newlines: offsets only)."""
    spans: dict[str, list[tuple[int, int]]] = {}
    relations: list[list[tuple[str, str]]] = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        if m := TEXTBOUND.match(line):
            spans[m.group(1)] = [(int(a), int(b)) for a, b in (p.split() for p in m.group(3).split(";"))]
        elif m := RELATION.match(line):
            pairs = [arg.split(":", 1) for arg in m.group(2).split()]
            relations.append([(p[0], p[1]) for p in pairs if len(p) == 2])
    out = []
    for args in relations:
        parts: dict[str, list[tuple[int, int]]] = {"Content": [], "Source": [], "Cue": []}
        for role, ref in args:
            base = re.sub(r"\d+$", "", role)
            if base in parts and ref in spans:
                parts[base] += spans[ref]
        if not parts["Content"]:
            continue
        gold = Gold(sorted(parts["Content"]), parts["Source"], parts["Cue"])
        joined = " ".join(text[a:b] for a, b in gold.content).strip().rstrip(".,;:!? \n")
        gold.direct = len(joined) > 2 and joined.startswith(OPENING_MARKS) and joined.endswith(CLOSING_MARKS)
        out.append(gold)
    return out


def word_ids(words: list[tuple[int, int]], spans: list[tuple[int, int]]) -> set[int]:
    """Indices of the word tokens that overlap any of the spans."""
    out = set()
    for a, b in spans:
        for i, (s, e) in enumerate(words):
            if s < b and a < e:
                out.add(i)
    return out


RELATIVE = re.compile(r"(?:who|which|that|whom)\s*$", re.I)
ANTECEDENT_GAP = 3  # "Barkley, who said": at most a comma and a space between the name and the relative


def antecedent_spans(text: str, source: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The gold Source spans, plus the few characters before a relative pronoun source ("Barkley, who said"):
    PolNeAR marks "who" as the source; the name it stands for ends right before it."""
    out = list(source)
    for a, b in source:
        if RELATIVE.fullmatch(text[a:b].strip()):
            out.append((max(a - ANTECEDENT_GAP - 1, 0), max(a - 1, 0)))
    return out


def overlaps(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def match(gold_sets: list[set[int]], pred_sets: list[set[int]]) -> dict[int, int]:
    """One-to-one matching, best overlap first; returns {pred index: gold index}."""
    pairs = []
    for p, ps in enumerate(pred_sets):
        for g, gs in enumerate(gold_sets):
            if not ps or not gs:
                continue
            ratio = len(ps & gs) / max(len(ps), len(gs))
            if ratio >= MATCH_OVERLAP:
                pairs.append((ratio, p, g))
    pairs.sort(reverse=True)
    used_p: set[int] = set()
    used_g: set[int] = set()
    out = {}
    for _, p, g in pairs:
        if p not in used_p and g not in used_g:
            out[p] = g
            used_p.add(p)
            used_g.add(g)
    return out


def prf(tp_p: int, n_p: int, tp_g: int, n_g: int) -> tuple[float, float, float]:
    p = tp_p / n_p if n_p else 0.0
    r = tp_g / n_g if n_g else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def files(split: str) -> list[tuple[Path, Path]]:
    """(text, annotation) pairs of a split, one annotation per text (the first in name order)."""
    out = []
    anns = sorted((DATA / split / "attributions").glob("*.ann"))
    seen = set()
    for ann in anns:
        name = ann.name[: -len("_XXXX.ann")]
        if name in seen:
            continue
        txt = DATA / split / "text" / f"{name}.txt"
        if txt.exists():
            seen.add(name)
            out.append((txt, ann))
    return out


def locate(text: str, needle: str, near: int) -> tuple[int, int] | None:
    """The occurrence of ``needle`` in ``text`` closest to offset ``near``."""
    best: tuple[int, int] | None = None
    for m in re.finditer(re.escape(needle), text):
        if best is None or abs(m.start() - near) < abs(best[0] - near):
            best = (m.start(), m.end())
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=None, help="only the first N texts")
    parser.add_argument("--split", default="dev", choices=["dev", "train"])
    args = parser.parse_args()
    if not DATA.exists():
        print(f"{DATA} is absent: the quotes benchmark needs the shared data beside the checkout; skipping")
        return 0

    from eventwire.model import Article
    from eventwire.pipeline import Pipeline
    from eventwire.stages.quotes import CUE_TABLE, load_cues, scan_marks

    pairs = files(args.split)[: args.limit]
    articles = []
    texts = {}
    for txt, _ann in pairs:
        text = txt.read_text(encoding="utf-8")
        texts[txt.stem] = text
        articles.append(Article(id=txt.stem, paragraphs=text.split("\n\n"), language="en"))
    pipe = Pipeline(["annotate", "actors", "quotes"])
    single, double = load_cues(pipe.knowledge.table(CUE_TABLE))

    def in_scope(doc: Any, cue_spans: list[tuple[int, int]]) -> bool:
        """The gold cue holds a word of the cue table (or is a colon): the kind of attribution the stage is for."""
        for a, b in cue_spans:
            span = doc.char_span(a, b, alignment_mode="expand")
            if span is None:
                continue
            for tok in span:
                nxt = tok.nbor(1).lower_ if tok.i + 1 < len(doc) else ""
                if tok.text == ":" or tok.lemma_.lower() in single or (tok.lower_, nxt) in double:
                    return True
        return False
    t0 = time.perf_counter()
    done = {a.id: a for a in pipe.process(articles)}
    elapsed = time.perf_counter() - t0

    c: Counter[str] = Counter()
    speaker_right = speaker_right_text = speaker_total = 0
    by_kind_speaker: Counter[str] = Counter()
    cue_misses: Counter[str] = Counter()
    lines: list[str] = []
    for txt, ann in pairs:
        article = done.get(txt.stem)
        text = texts[txt.stem]
        golds = read_gold(ann, text)
        if article is None:
            lines.append(f"## {txt.stem}: FAILED in the pipeline")
            continue
        words = [(m.start(), m.end()) for m in WORD.finditer(text)]
        actors = {a.id: a for a in article.actors}
        preds = []
        for q in article.quotes:
            p = Pred(q.span.doc_start, q.span.doc_end, q.kind, label=f"{q.id} {q.kind} cue={q.cue!r} "
                     f"speaker={q.speaker}:{q.speaker_text!r} conf={q.confidence}")
            if q.speaker in actors:
                p.speaker_mentions = [(m.doc_start, m.doc_end) for m in actors[q.speaker].mentions]
            if q.speaker_text:
                near = q.cue_span.doc_start if q.cue_span is not None else q.span.doc_start
                p.speaker_text_span = locate(text, q.speaker_text, near)
            preds.append(p)
        gsets = [word_ids(words, g.content) for g in golds]
        marked = [piece for m in scan_marks(article) for piece in m.pieces]
        psets = []
        for p in preds:
            pset = word_ids(words, [(p.start, p.end)])
            if p.kind == "direct":
                # a quote interrupted by its attribution spans the attribution too: score the marked words
                inside = [(max(a, p.start), min(b, p.end)) for a, b in marked if a < p.end and p.start < b]
                pset &= word_ids(words, inside)
            psets.append(pset)
        matched = match(gsets, psets)
        matched_gold = set(matched.values())
        c["gold"] += len(golds)
        c["pred"] += len(preds)
        c["tp"] += len(matched)
        for gi, g in enumerate(golds):
            c["gold_direct" if g.direct else "gold_indirect"] += 1
            if in_scope(article.doc, g.cue):
                c["gold_in_scope"] += 1
                c["tp_in_scope"] += gi in matched_gold
        for gi in matched_gold:
            c["tp_gold_direct" if golds[gi].direct else "tp_gold_indirect"] += 1
        for pi, p in enumerate(preds):
            kind = "direct" if p.kind == "direct" else "indirect"
            c[f"pred_{kind}"] += 1
            if pi in matched:
                c[f"tp_pred_{kind}"] += 1
        lines.append(f"## {txt.stem} ({ann.name})")
        for pi, gi in sorted(matched.items()):
            g, p = golds[gi], preds[pi]
            if not g.source:
                continue
            speaker_total += 1
            right = overlaps(p.speaker_mentions, antecedent_spans(text, g.source))
            right_text = right or (p.speaker_text_span is not None
                                   and overlaps([p.speaker_text_span], antecedent_spans(text, g.source)))
            speaker_right += right
            c["speaker_miss_no_actor"] += not right and not p.speaker_mentions
            speaker_right_text += right_text
            kind = "direct" if g.direct else "indirect"
            by_kind_speaker[f"{kind}_total"] += 1
            by_kind_speaker[f"{kind}_right"] += right
            if not right:
                src = " / ".join(text[a:b] for a, b in g.source)
                lines.append(f"SPEAKER gold={src!r} pred {p.label} :: {text[p.start:p.end][:100]!r}")
        for gi, g in enumerate(golds):
            if gi not in matched_gold:
                cue = " ".join(text[a:b] for a, b in g.cue).lower()
                cue_misses[cue] += 1
                content = " | ".join(text[a:b] for a, b in g.content).replace("\n", " ")
                src = " / ".join(text[a:b] for a, b in g.source)
                ratio, nearest = max(((len(gsets[gi] & ps) / max(len(ps), len(gsets[gi]), 1), pi)
                                      for pi, ps in enumerate(psets)), default=(0.0, -1))
                hint = ""
                if ratio > 0:
                    close = preds[nearest]
                    shown = text[close.start:close.end][:100]
                    hint = f" [nearest {close.label.split()[0]} overlap {ratio:.2f}: {shown!r}]"
                scope = "in-scope" if in_scope(article.doc, g.cue) else "out-of-scope"
                lines.append(f"FN {'direct' if g.direct else 'indirect'} {scope} cue={cue!r} source={src!r}{hint} :: "
                             f"{content[:160]}")
        for pi, p in enumerate(preds):
            if pi not in matched:
                lines.append(f"FP {p.label} :: {text[p.start:p.end][:160].replace(chr(10), ' ')}")

    p_all, r_all, f_all = prf(c["tp"], c["pred"], c["tp"], c["gold"])
    p_d, r_d, f_d = prf(c["tp_pred_direct"], c["pred_direct"], c["tp_gold_direct"], c["gold_direct"])
    p_i, r_i, f_i = prf(c["tp_pred_indirect"], c["pred_indirect"], c["tp_gold_indirect"], c["gold_indirect"])
    acc = speaker_right / speaker_total if speaker_total else 0.0
    acc_text = speaker_right_text / speaker_total if speaker_total else 0.0

    def kind_acc(kind: str) -> float:
        total = by_kind_speaker[f"{kind}_total"]
        return by_kind_speaker[f"{kind}_right"] / total if total else 0.0

    print(f"PolNeAR {args.split}: {len(pairs)} texts, {c['gold']} gold attributions "
          f"({c['gold_direct']} direct, {c['gold_indirect']} indirect), {c['pred']} predicted quotes; "
          f"{elapsed:.1f}s in the pipeline")
    print(f"content  overall  P {p_all:.3f}  R {r_all:.3f}  F1 {f_all:.3f}   (target F1 >= {TARGET_F1})")
    print(f"content  direct   P {p_d:.3f}  R {r_d:.3f}  F1 {f_d:.3f}   (target F1 >= {TARGET_F1_DIRECT})")
    print(f"content  indirect P {p_i:.3f}  R {r_i:.3f}  F1 {f_i:.3f}")
    print(f"content  recall on the {c['gold_in_scope']} gold attributions whose cue is in the cue table "
          f"(speech, cognition, evidence verbs, 'according to', colon): "
          f"{c['tp_in_scope'] / c['gold_in_scope'] if c['gold_in_scope'] else 0.0:.3f} (diagnostic)")
    print(f"speaker  accuracy {acc:.3f} on {speaker_total} matched quotes with a gold source "
          f"(direct {kind_acc('direct'):.3f}, indirect {kind_acc('indirect'):.3f})   (target >= {TARGET_SPEAKER})")
    print(f"speaker  misses: {speaker_total - speaker_right}, of which {c['speaker_miss_no_actor']} have no actor "
          f"for the speaker phrase")
    print(f"speaker  accuracy of the speaker phrase (actor mention or speaker_text overlaps the gold source): "
          f"{acc_text:.3f} (diagnostic)")
    OUT.mkdir(exist_ok=True)
    top = ", ".join(f"{k!r}:{v}" for k, v in cue_misses.most_common(40))
    (OUT / "quotes-misses.txt").write_text(f"# gold cues of missed attributions: {top}\n" + "\n".join(lines) + "\n",
                                           encoding="utf-8")
    print(f"details in {OUT / 'quotes-misses.txt'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
