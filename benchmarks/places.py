"""Benchmark of the places stage on LGL (local US news) and TR-News, read from ../shared/data/geo.

Printed per corpus:
  (1) given the gold toponym spans: accuracy@161 km, median and mean error (km) of the resolver, which sees
      the article's text, its other gold toponyms and the countries of its actors as context;
  (2) end to end from raw text (annotate + actors + places): toponym recognition precision, recall and F1
      (a predicted and a gold span match when they overlap), and accuracy@161 km of the correctly recognised.
Also: the places stage's share of the annotate+actors+places time on the same texts, and the gazetteer's
load time and memory (measured in a fresh process). Misses go to bench-out/places-misses.txt.

    .venv/bin/python benchmarks/places.py [--limit N]
"""

from __future__ import annotations

import argparse
import json
import signal
import statistics
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
GEO = SHARED / "data" / "geo"
OUT = ROOT / "bench-out"
CORPORA = {"LGL": "lgl.xml", "TR-News": "TR-News.xml"}
TARGET_GOLD_ACC = {"LGL": 0.85, "TR-News": 0.90}
TARGET_F1 = 0.75
ACC_KM = 161.0
STAGE_TIMEOUT_S = 5


@dataclass
class Gold:
    start: int
    end: int
    phrase: str
    lat: float | None
    lon: float | None
    name: str
    fcode: str


@dataclass
class Doc:
    id: str
    text: str
    gold: list[Gold]


def locate(text: str, start: int, end: int, phrase: str) -> tuple[int, int]:
    """Gold offsets are shifted in a few TR-News articles: find the phrase nearest its stated offset."""
    if text[start:end] == phrase:
        return start, end
    best: tuple[int, int] | None = None
    pos = text.find(phrase)
    while pos >= 0:
        if best is None or abs(pos - start) < abs(best[0] - start):
            best = (pos, pos + len(phrase))
        pos = text.find(phrase, pos + 1)
    return best if best is not None else (start, end)


def read_corpus(path: Path, limit: int | None) -> list[Doc]:
    docs: list[Doc] = []
    for art in ET.parse(path).getroot().iter("article"):
        text = art.findtext("text") or ""
        gold = []
        for tp in art.iter("toponym"):
            phrase = tp.findtext("phrase") or ""
            s, e = locate(text, int(tp.findtext("start") or 0), int(tp.findtext("end") or 0), phrase)
            tag = tp.find("gaztag")
            lat = lon = None
            name = fcode = ""
            if tag is not None and tag.findtext("lat"):
                lat, lon = float(tag.findtext("lat") or 0), float(tag.findtext("lon") or 0)
                name, fcode = tag.findtext("name") or "", tag.findtext("fcode") or ""
            gold.append(Gold(s, e, phrase, lat, lon, name, fcode))
        docs.append(Doc(art.get("docid") or str(len(docs)), text, gold))
        if limit and len(docs) >= limit:
            break
    return docs


class StageTimeout(Exception):
    pass


def guarded(stage: Any, chunk: list[Any]) -> int:
    """Run a stage article by article with a time limit (a stage under development may loop on some text);
    returns how many articles hit the limit."""

    def alarm(signum: int, frame: Any) -> None:
        raise StageTimeout

    old = signal.signal(signal.SIGALRM, alarm)
    stuck = 0
    try:
        for article in chunk:
            signal.alarm(STAGE_TIMEOUT_S)
            try:
                stage.process([article])
            except StageTimeout:
                stuck += 1
                article.actors = []
            finally:
                signal.alarm(0)
    finally:
        signal.signal(signal.SIGALRM, old)
    return stuck


def gazetteer_footprint() -> dict[str, float]:
    """Load time and memory of the (cached) gazetteer, each measured in a fresh process: the resident memory
    it adds (VmRSS after minus before) and what Python allocates for it (tracemalloc)."""
    prelude = (
        "import json, time, tracemalloc\n"
        "def rss():\n"
        "    for line in open('/proc/self/status'):\n"
        "        if line.startswith('VmRSS:'):\n"
        "            return int(line.split()[1]) / 1024\n"
        "    return 0.0\n"
        "from eventwire.knowledge.gazetteer import Gazetteer\n"
    )
    subprocess.run([sys.executable, "-c", prelude + "Gazetteer.load()"], check=True)  # the cache exists
    timed = prelude + (
        "r0 = rss(); t = time.perf_counter(); g = Gazetteer.load(); dt = time.perf_counter() - t\n"
        "print(json.dumps({'load_s': dt, 'rss_added_mb': rss() - r0, 'entries': len(g)}))\n"
    )
    traced = prelude + (
        "tracemalloc.start(); g = Gazetteer.load(); cur, peak = tracemalloc.get_traced_memory()\n"
        "print(json.dumps({'traced_mb': cur / 1e6, 'peak_mb': peak / 1e6}))\n"
    )
    result: dict[str, float] = {}
    for code in (timed, traced):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        result.update(json.loads(out.stdout.strip().splitlines()[-1]))
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="articles per corpus (quick run)")
    args = parser.parse_args()
    if not GEO.exists():
        print(f"{GEO} is absent: the places benchmark needs the shared development data beside the checkout")
        return 0

    from eventwire.knowledge.gazetteer import fold, haversine_km
    from eventwire.model import Article
    from eventwire.pipeline import Pipeline
    from eventwire.stages.places import Places, actor_countries, find_dateline

    OUT.mkdir(exist_ok=True)
    pipe = Pipeline(["annotate", "actors", "places"])
    places_stage = pipe.stages[-1]
    assert isinstance(places_stage, Places)
    resolver = places_stage.resolver  # the stage's own resolver (with the nationality words)
    misses: list[str] = []
    stage_time = {name: 0.0 for name in pipe.names}
    for corpus, fname in CORPORA.items():
        path = GEO / fname
        if not path.exists():
            print(f"{path} is absent: skipping {corpus}")
            continue
        docs = read_corpus(path, args.limit)
        articles = [Article(id=f"{corpus}-{d.id}", paragraphs=[d.text]) for d in docs]
        # run the stages one by one over the whole corpus, timing each
        batch = pipe.batch_size
        stuck = 0
        for i in range(0, len(articles), batch):
            chunk = articles[i:i + batch]
            for stage in pipe.stages:
                t = time.perf_counter()
                if stage.name == "actors":
                    stuck += guarded(stage, chunk)
                else:
                    stage.process(chunk)
                stage_time[stage.name] += time.perf_counter() - t
        if stuck:
            print(f"  note: the actors stage ran over {STAGE_TIMEOUT_S} s on {stuck} article(s); they have no actors")

        errors: list[float] = []
        n_gold = unresolved = 0
        tp = fp = fn = 0
        n_adj = fn_adj = 0  # gold toponyms that are nationality adjectives or demonyms ("Russian", "Abkhaz")
        e2e_errors: list[float] = []
        for doc, art in zip(docs, articles, strict=True):
            text = art.doc.text
            assert text == doc.text
            # (1) given gold spans
            spans = [(g.start, g.end) for g in doc.gold]
            dl = find_dateline(text)
            res = resolver.resolve(text, spans, actor_countries(art, resolver.gaz), (dl[0], dl[1]) if dl else None)
            for g, r in zip(doc.gold, res, strict=True):
                if g.lat is None or g.lon is None:
                    continue
                n_gold += 1
                if r is None or r.entry.lat is None or r.entry.lon is None:
                    unresolved += 1
                    misses.append(f"{corpus}\tgold\t{doc.id}\t{g.phrase}\tgold={g.name} {g.fcode} ({g.lat},{g.lon})"
                                  "\tunresolved")
                    continue
                err = haversine_km(g.lat, g.lon, r.entry.lat, r.entry.lon)
                errors.append(err)
                if err > ACC_KM:
                    got = r.entry
                    ctx = text[max(0, g.start - 60):g.end + 40].replace("\n", " ")
                    misses.append(
                        f"{corpus}\tgold\t{doc.id}\t{g.phrase}\tgold={g.name} {g.fcode} ({g.lat},{g.lon})"
                        f"\tgot={got.name} {got.feature_code} {got.country}.{got.admin1} ({got.lat:.2f},{got.lon:.2f})"
                        f"\t{err:.0f} km\t{r.reason}\t…{ctx}…"
                    )
            # (2) end to end
            pred = [(m.doc_start, m.doc_end, p) for p in art.places for m in p.mentions]
            matched_gold: set[int] = set()
            for ps, pe, p in pred:
                hit = [k for k, g in enumerate(doc.gold) if ps < g.end and g.start < pe]
                if hit:
                    tp += 1
                    matched_gold.update(hit)
                    g = doc.gold[hit[0]]
                    if g.lat is not None and g.lon is not None and p.lat is not None and p.lon is not None:
                        e2e_errors.append(haversine_km(g.lat, g.lon, p.lat, p.lon))
                else:
                    fp += 1
                    misses.append(f"{corpus}\te2e-fp\t{doc.id}\t{text[ps:pe]}\tgot={p.name} {p.country}.{p.admin1}")
            for k, g in enumerate(doc.gold):
                if fold(g.phrase) in resolver.adjectives:
                    n_adj += 1
                if k not in matched_gold:
                    fn += 1
                    if fold(g.phrase) in resolver.adjectives:
                        fn_adj += 1
                    misses.append(f"{corpus}\te2e-fn\t{doc.id}\t{g.phrase}\tgold={g.name} {g.fcode}")
        acc = sum(1 for x in errors if x <= ACC_KM) / n_gold if n_gold else 0.0
        prec = tp / (tp + fp) if tp + fp else 0.0
        n_all = sum(len(d.gold) for d in docs)
        rec = (n_all - fn) / n_all if n_all else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        rec_na = (n_all - n_adj - (fn - fn_adj)) / (n_all - n_adj) if n_all > n_adj else 0.0
        f1_na = 2 * prec * rec_na / (prec + rec_na) if prec + rec_na else 0.0
        e2e_acc = sum(1 for x in e2e_errors if x <= ACC_KM) / len(e2e_errors) if e2e_errors else 0.0
        print(f"== {corpus}: {len(docs)} articles, {sum(len(d.gold) for d in docs)} gold toponyms "
              f"({n_gold} with coordinates)")
        print(f"  (1) gold spans: acc@161km {acc:.3f} (target >= {TARGET_GOLD_ACC[corpus]:.2f}); "
              f"median error {statistics.median(errors) if errors else 0:.1f} km, "
              f"mean error {statistics.mean(errors) if errors else 0:.1f} km; unresolved {unresolved}")
        print(f"  (2) end to end: P {prec:.3f} R {rec:.3f} F1 {f1:.3f} (target >= {TARGET_F1:.2f}); "
              f"acc@161km of the recognised {e2e_acc:.3f} ({len(e2e_errors)} with coordinates)")
        print(f"      without the {n_adj} gold nationality adjectives/demonyms (left to actors by design): "
              f"R {rec_na:.3f} F1 {f1_na:.3f}")
    total = sum(stage_time.values())
    if total:
        share = stage_time.get("places", 0.0) / total
        print(f"time: annotate {stage_time['annotate']:.1f} s, actors {stage_time['actors']:.1f} s, "
              f"places {stage_time['places']:.1f} s: places is {share:.1%} of annotate+actors+places "
              f"(the full pipeline's share is smaller; target <= 10%)")
    fp_ = gazetteer_footprint()
    print(f"gazetteer: {int(fp_['entries'])} entries; load {fp_['load_s']:.2f} s from the cache; adds "
          f"{fp_['rss_added_mb']:.0f} MB resident memory, {fp_['traced_mb']:.0f} MB allocated by Python "
          f"(peak {fp_['peak_mb']:.0f} MB while loading) (target <= 300 MB per process)")
    (OUT / "places-misses.txt").write_text("\n".join(misses) + "\n", encoding="utf-8")
    print(f"misses: {OUT / 'places-misses.txt'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
