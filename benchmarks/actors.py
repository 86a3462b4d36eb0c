"""Benchmark of the actors stage on the PLOVER gold standard records (../shared/data/events/PLOVER_GSR_CAMEO.json).

For each record (the DOCUMENT ones excepted) and each of its source and target actors (``actorText``, ``code``,
``sector``), the record's sentence is processed as an article by the pipeline up to the event coder (annotate,
actors, places, dates, quotes, events; published on the record's date), the actor text is found in the
sentence, and the actor the project assigns to that span (``actor_at``) is compared with the gold code:

* country: the gold ``code`` (CAMEO codes that differ from ISO 3166 are mapped: JAP -> JPN, ...);
* sector: the first three letters of the gold ``sector`` (CAMEO appends ethnic or religious codes:
  ``CVLalb``); an empty gold sector means the actor is the state as a whole, and the right answer is then
  no sector; ``***`` (unknown) is not scored. The figure is also given over the actors that have a sector.

The actors are those of the actors stage plus the implicit country actors the event coder adds where a country
takes part in an event without being named as a political body: "a Russian government plane" (RUS GOV), or the
place an act is done in or aimed at when no party is named ("imposed a curfew in Abidjan", "arrived in
Tokyo": the state of that place, as CAMEO and PLOVER code it). A place named where no event makes it a party
stays a place. A diagnostic line gives the figure of the actors stage alone (without the event coder's
actors), and one counting, for a gold text with no actor, the country of the place resolved there.

It also times the stage: annotate only, then the actors stage alone on the annotated articles, over the
demo corpus (demo/corpus/*.txt) when it is there, else over the gold sentences.

    .venv/bin/python benchmarks/actors.py [--limit N]

Prints the figures with their targets (country >= 0.90, sector >= 0.75) and writes the misses to
bench-out/actors-misses.txt.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
GOLD = SHARED / "data" / "events" / "PLOVER_GSR_CAMEO.json"
OUT = ROOT / "bench-out"

TARGET_COUNTRY = 0.90
TIMING_RUNS = 3
TARGET_SECTOR = 0.75

# CAMEO country codes of the gold file that are not ISO 3166 alpha-3.
CAMEO_TO_ISO = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "ROM": "ROU", "DRC": "COD", "KOS": "XKX"}
# Sector spellings of the gold file that name one of our sectors under another code: CIV is a typo for
# CVL; JRN (journalists) is MED here; MOS and CHR are CAMEO religion codes, our REL.
SECTOR_ALIASES = {"CIV": "CVL", "JRN": "MED", "MOS": "REL", "CHR": "REL"}


def gold_actors(record: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    out = []
    for role in ("source", "target"):
        value = record.get(role)
        if isinstance(value, dict):
            value = [value]
        if not isinstance(value, list):
            continue
        out += [(role, a) for a in value if isinstance(a, dict) and a.get("actorText")]
    return out


def find_span(sentence: str, text: str) -> tuple[int, int] | None:
    """Where the gold actor text is in the sentence: as written, or its first part when the coder elided
    words ("U.S. ... negotiators"), or case-insensitively."""
    text = " ".join(text.split())
    parts = [p.strip() for p in text.split("...") if p.strip()]
    candidates = [text, *parts]
    if "(" in text and ")" not in text:
        candidates.append(text.split("(")[0].strip())
    for cand in candidates:
        for hay, needle in ((sentence, cand), (sentence.lower(), cand.lower())):
            i = hay.find(needle)
            if i >= 0:
                return i, i + len(needle)
    return None


def place_over(article: Any, start: int, end: int) -> Any:
    """The place one of whose mentions overlaps ``start:end`` most (the places stage may take in more words than
    the gold text: "Montenegro province" for "Montenegro"), or None."""
    best, best_overlap = None, 0
    for place in article.places:
        for m in place.mentions:
            overlap = min(m.doc_end, end) - max(m.doc_start, start)
            if overlap > best_overlap:
                best, best_overlap = place, overlap
    return best


def iso2_to_iso3() -> dict[str, str]:
    """ISO 3166 alpha-2 -> alpha-3 from the project's countries table (Place.country is alpha-2)."""
    from eventwire.knowledge import Knowledge

    return {r["iso2"].strip().upper(): r["iso3"].strip().upper()
            for r in Knowledge().table("countries") if r["iso2"].strip() and r["iso3"].strip()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N records")
    args = parser.parse_args()
    if not GOLD.exists():
        print(f"{GOLD} is absent: this benchmark needs the shared development data beside the checkout; skipped")
        return 0
    sys.path.insert(0, str(ROOT))
    from eventwire.model import Article
    from eventwire.pipeline import Pipeline
    from eventwire.stages.actors import actor_at

    records = [r for r in json.loads(GOLD.read_text()) if r.get("event") != "DOCUMENT" and r.get("text")]
    if args.limit:
        records = records[: args.limit]
    articles = []
    for i, rec in enumerate(records):
        art = Article(id=f"gold-{i}", paragraphs=[" ".join(str(rec["text"]).split())])
        try:
            art.published = dt.date.fromisoformat(str(rec.get("date", ""))[:10])
            art.published_precision = "day"
        except ValueError:
            pass
        articles.append(art)
    pipe = Pipeline(["annotate", "actors", "places", "dates", "quotes", "events"])
    done = {a.id: a for a in pipe.process(articles)}
    iso3_of = iso2_to_iso3()

    n_country = ok_country = ok_either = n_sector = ok_sector = n_with = ok_with = n_stage = ok_stage = 0
    misses: list[str] = []
    for rec, art in zip(records, articles, strict=True):
        art = done.get(art.id, art)
        sentence = art.paragraphs[0]
        # the same article as the actors stage left it: its actors without the event coder's implicit ones
        stage_only = copy.copy(art)
        stage_only.actors = [a for a in art.actors if not any(e.startswith("implicit:") for e in a.evidence)]
        for role, gold in gold_actors(rec):
            text = str(gold["actorText"])
            code = str(gold.get("code") or "").strip().upper()
            code = CAMEO_TO_ISO.get(code, code)
            raw_sector = str(gold.get("sector") or "").strip()
            sector = SECTOR_ALIASES.get(raw_sector[:3].upper(), raw_sector[:3].upper()) or None
            span = find_span(sentence, text)
            actor = actor_at(art, span[0], span[1]) if span else None
            stage_actor = actor_at(stage_only, span[0], span[1]) if span else None
            n_stage += bool(code)
            ok_stage += bool(code) and stage_actor is not None and stage_actor.country == code
            got_country = actor.country if actor else None
            got_sector = actor.sector if actor else None
            place_country = None
            if actor is None and span is not None:
                place = place_over(art, span[0], span[1])
                if place is not None and place.country:
                    place_country = iso3_of.get(place.country.upper())
            problems = []
            if code:
                n_country += 1
                if got_country == code:
                    ok_country += 1
                    ok_either += 1
                elif place_country == code:
                    ok_either += 1
                    problems.append(f"country {got_country} != {code} (right as a place: {place_country})")
                else:
                    problems.append(f"country {got_country} != {code}"
                                    + (f" (as a place: {place_country})" if place_country else ""))
            if raw_sector != "***":
                n_sector += 1
                right = got_sector == sector
                if sector is None and code in ("IGO", "NGO") and got_sector == code:
                    right = True  # CAMEO writes IGO in the country slot only; we repeat it as the sector
                ok_sector += right
                if sector is not None:
                    n_with += 1
                    ok_with += right
                if not right:
                    problems.append(f"sector {got_sector} != {sector}")
            if problems:
                found = "no actor" if actor is None else (
                    f"actor {actor.name!r} ({actor.kind}; {'; '.join(actor.evidence)})")
                where = "" if span else " [text not found in sentence]"
                misses.append(f"{rec['id']} {role} {text!r}{where}: {', '.join(problems)}; {found}\n    {sentence}")

    OUT.mkdir(exist_ok=True)
    (OUT / "actors-misses.txt").write_text("\n".join(misses) + "\n", encoding="utf-8")
    share_c = ok_country / n_country if n_country else 0.0
    share_e = ok_either / n_country if n_country else 0.0
    share_s = ok_sector / n_sector if n_sector else 0.0
    share_w = ok_with / n_with if n_with else 0.0
    print(f"PLOVER gold actors: {len(records)} records")
    print(f"  country right: {ok_country}/{n_country} = {share_c:.3f}  (target >= "
          f"{TARGET_COUNTRY:.2f})  {'OK' if share_c >= TARGET_COUNTRY else 'BELOW TARGET'}")
    print(f"  country right, actors stage alone (diagnostic): {ok_stage}/{n_stage} = "
          f"{ok_stage / n_stage if n_stage else 0.0:.3f}")
    print(f"  country right, counting a resolved place where there is no actor (diagnostic): "
          f"{ok_either}/{n_country} = {share_e:.3f}")
    print(f"  sector right:  {ok_sector}/{n_sector} = {share_s:.3f}  (target >= {TARGET_SECTOR:.2f})"
          f"  {'OK' if share_s >= TARGET_SECTOR else 'BELOW TARGET'}  (no gold sector = the state: no sector)")
    print(f"  sector right where the gold has one: {ok_with}/{n_with} = {share_w:.3f}")
    print(f"  misses: {OUT / 'actors-misses.txt'} ({len(misses)})")
    time_share(pipe, articles if not args.limit else articles[: args.limit])
    return 0


def time_share(pipe: Any, gold_articles: list[Any]) -> None:
    """Time annotate alone, then the actors stage alone on the same annotated articles."""
    from eventwire.model import Article
    from eventwire.pipeline import Pipeline
    from eventwire.readers.text import parse_text

    corpus = sorted((ROOT / "demo" / "corpus").glob("*.txt"))
    if corpus:
        label = f"demo corpus ({len(corpus)} stories)"
        fresh = [parse_text(p.read_text(encoding="utf-8")) for p in corpus]
    else:
        label = f"gold sentences ({len(gold_articles)})"
        fresh = [Article(id=a.id, paragraphs=list(a.paragraphs), published=a.published) for a in gold_articles]
    annotate = Pipeline(["annotate"])
    annotate.process_batch(fresh[:2])  # load the model before timing
    stage = next(s for s in pipe.stages if s.name == "actors")
    t_annotate = t_actors = float("inf")
    for _ in range(TIMING_RUNS):  # best of N: the machine is shared, the minimum is the least disturbed run
        copies = [Article(id=a.id, paragraphs=list(a.paragraphs), captions=list(a.captions), published=a.published)
                  for a in fresh]
        t0 = time.perf_counter()
        annotated = list(annotate.process(copies))
        t_annotate = min(t_annotate, time.perf_counter() - t0)
        t0 = time.perf_counter()
        stage.process(annotated)
        t_actors = min(t_actors, time.perf_counter() - t0)
    total = t_annotate + t_actors
    print(f"time on {label}: annotate {t_annotate:.2f}s, actors {t_actors:.2f}s; "
          f"actors = {t_actors / total:.1%} of annotate+actors (limit for the whole pipeline: 15%)")


if __name__ == "__main__":
    raise SystemExit(main())
