"""Body extraction of the HTML reader on the article-extraction benchmark, next to bare ``trafilatura.extract``;
and the WARC reader's memory on a 5,000-record archive.

Data: ../shared/data/extraction (91 ``html/<id>.html.gz`` pages and ``ground-truth-dev.json`` with each page's
``articleBody`` and ``url``). Scoring is the benchmark's own: the words of a text are its ``\\w+`` matches (case
kept), its shingles the multiset of word 4-grams; per page, the true positives, false positives and false
negatives (counted over the shingle multisets: a shingle twice in the gold and once in the prediction is one
tp and one fn) are divided by their sum, so that every page weighs the same; those normalised counts are then
averaged over the pages, and precision, recall and F1 computed from the averages. The mean of the per-page F1s
is printed beside it. The body is the article's paragraphs (captions are kept apart by the reader, and the
benchmark's gold body has none); bare trafilatura is ``trafilatura.extract(html, url=url)``, run on the same
bytes in the same process. Targets: F1 >= 0.95 and never below bare trafilatura.

The memory check writes a WARC.gz of :data:`WARC_RECORDS` HTML responses (plus their request records) to a
temporary folder, streams it through ``eventwire.readers.warc`` in a fresh process and reports that process's
resident memory after the first 500 records and at the end, and its peak.

    .venv/bin/python benchmarks/extraction.py [--records N] [--skip-warc]

The worst pages go to bench-out/extraction-worst.tsv.
"""

from __future__ import annotations

import argparse
import gzip
import importlib
import io
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from _common import out_file, shared_path

TARGET_F1 = 0.95
WARC_RECORDS = 5_000
SAMPLE_EVERY = 1_000  # records (a response and its request are two)
MAX_GROWTH_MB = 20.0  # allocator noise; a reader that kept its pages would grow by ~25 MB per 1,000 records
TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter[str]:
    """The benchmark's shingles: word n-grams (one n-gram of all the words when there are fewer than n)."""
    tokens = TOKEN.findall(text or "")
    grams = (" ".join(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)))
    return Counter(g for g in grams if g)


def normalised_counts(prediction: str, gold: str) -> tuple[float, float, float]:
    """(tp, fp, fn) over the shingle multisets, divided by their sum."""
    pred, true = shingles(prediction), shingles(gold)
    tp = fp = fn = 0.0
    for key in pred.keys() | true.keys():
        p, t = pred.get(key, 0), true.get(key, 0)
        tp += min(p, t)
        fp += max(0, p - t)
        fn += max(0, t - p)
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def prf(counts: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    tp = sum(c[0] for c in counts)
    fp = sum(c[1] for c in counts)
    fn = sum(c[2] for c in counts)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def page_f1(counts: tuple[float, float, float]) -> float:
    tp, fp, fn = counts
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def extraction() -> tuple[float, float]:
    from eventwire.errors import ReadError
    from eventwire.readers.html import parse_html

    # imported after the reader, which makes it importable where lxml_html_clean is missing
    trafilatura = importlib.import_module("trafilatura")

    folder = shared_path("extraction")
    truth = json.loads((folder / "ground-truth-dev.json").read_text(encoding="utf-8"))
    pages = {key: gzip.decompress((folder / "html" / f"{key}.html.gz").read_bytes()) for key in truth}
    parse_html(next(iter(pages.values())))  # warm up: trafilatura's and htmldate's first call load their tables

    ours: dict[str, str] = {}
    with_captions: dict[str, str] = {}
    failures: list[str] = []
    started = time.perf_counter()
    for key, item in truth.items():
        try:
            article = parse_html(pages[key], url=item["url"])
        except ReadError as exc:
            failures.append(f"{key}: {exc.reason}")
            ours[key] = with_captions[key] = ""
            continue
        ours[key] = "\n\n".join(article.paragraphs)
        with_captions[key] = "\n\n".join(article.paragraphs + [c.text for c in article.captions])
    ours_seconds = time.perf_counter() - started

    bare: dict[str, str] = {}
    started = time.perf_counter()
    for key, item in truth.items():
        bare[key] = trafilatura.extract(pages[key], url=item["url"]) or ""
    bare_seconds = time.perf_counter() - started

    n = len(truth)
    print(f"extraction benchmark: {n} pages ({folder}); word 4-gram shingle multisets, per-page normalised counts")
    rows = {}
    for name, texts, seconds in (("eventwire html reader", ours, ours_seconds),
                                 ("  (body + captions)", with_captions, None),
                                 ("bare trafilatura.extract", bare, bare_seconds)):
        counts = [normalised_counts(texts[key], truth[key]["articleBody"]) for key in truth]
        precision, recall, f1 = prf(counts)
        macro = sum(page_f1(c) for c in counts) / n
        rows[name] = (f1, counts)
        speed = f"  {n / seconds:6.1f} pages/s" if seconds else ""
        print(f"{name:<26} P {precision:.4f}  R {recall:.4f}  F1 {f1:.4f}  (mean per-page F1 {macro:.4f}){speed}")
    ours_f1, ours_counts = rows["eventwire html reader"]
    bare_f1, bare_counts = rows["bare trafilatura.extract"]
    if failures:
        print(f"refused pages ({len(failures)}): " + "; ".join(failures))
    worst = sorted(zip(truth, ours_counts, bare_counts, strict=True), key=lambda r: page_f1(r[1]))[:15]
    with out_file("extraction-worst.tsv").open("w", encoding="utf-8") as fh:
        fh.write("page\turl\tf1_eventwire\tf1_bare\n")
        for key, c_ours, c_bare in worst:
            fh.write(f"{key}\t{truth[key]['url']}\t{page_f1(c_ours):.3f}\t{page_f1(c_bare):.3f}\n")
    verdict = "PASS" if ours_f1 >= TARGET_F1 and ours_f1 >= bare_f1 else "FAIL"
    print(f"{verdict}: F1 {ours_f1:.4f} (target >= {TARGET_F1}, and >= bare trafilatura {bare_f1:.4f}); "
          f"worst pages: {out_file('extraction-worst.tsv')}")
    return ours_f1, bare_f1


# -- the WARC memory check ------------------------------------------------------------------------------------

WORDS = [
    "port", "union", "strike", "minister", "talks", "workers", "ships", "cargo", "cranes", "terminal", "police",
    "city", "council", "election", "vote", "parliament", "protest", "army", "border", "troops", "ceasefire", "court",
    "ruling", "judge", "prices", "market", "bank", "inflation", "company", "shares", "report", "officials", "said",
    "statement", "spokesman", "agreement", "government", "opposition",
]


def synthetic_page(rng: random.Random, index: int) -> bytes:
    paragraphs = []
    for _ in range(rng.randint(5, 9)):
        sentences = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(10, 22))).capitalize() + "."
                     for _ in range(rng.randint(2, 4))]
        paragraphs.append("<p>" + " ".join(sentences) + "</p>")
    nav = "".join(f"<li><a href='/s/{i}'>Section {i}</a></li>" for i in range(20))
    return (f"<html lang='en'><head><title>Story {index}</title>"
            f"<meta property='article:published_time' content='2024-05-{1 + index % 28:02d}'></head>"
            f"<body><nav><ul>{nav}</ul></nav><article><h1>Story {index}</h1>{''.join(paragraphs)}</article>"
            f"<footer>Copyright 2024</footer></body></html>").encode()


def write_warc(path: Path, records: int) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    rng = random.Random(20240501)
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for index in range(records):
            url = f"https://news{index % 50}.example/story/{index}"
            request = StatusAndHeaders(f"GET /story/{index} HTTP/1.1", [("Host", f"news{index % 50}.example")],
                                       is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(b""),
                                                          http_headers=request))
            body = synthetic_page(rng, index)
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                                  ("Content-Length", str(len(body)))], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))


def _status_mb(field: str) -> float:
    """A memory figure of this process from /proc/self/status (Linux), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024.0
    return float("nan")


def current_rss_mb() -> float:
    """Resident memory now."""
    return _status_mb("VmRSS")


def peak_mb() -> float:
    """Peak resident memory of this process. Not ``getrusage``: after fork and exec, its maximum still counts
    the parent's memory copied at the fork, while ``VmHWM`` starts afresh with the new program."""
    return _status_mb("VmHWM")


def stream_warc(path: Path) -> None:
    """In the child process: stream the archive, print a JSON line of memory samples."""
    from eventwire.model import Article
    from eventwire.readers.warc import WarcStats, read

    stats = WarcStats()
    samples: list[tuple[int, float, float]] = []  # (records read, resident MB now, peak MB so far)
    started = time.perf_counter()
    articles = 0
    for item in read(path, stats=stats):
        articles += isinstance(item, Article)
        if stats.records % SAMPLE_EVERY == 0:
            samples.append((stats.records, round(current_rss_mb(), 1), round(peak_mb(), 1)))
    seconds = time.perf_counter() - started
    if not samples or samples[-1][0] != stats.records:
        samples.append((stats.records, round(current_rss_mb(), 1), round(peak_mb(), 1)))
    print(json.dumps({"records": stats.records, "articles": articles, "failed": stats.failed, "seconds": seconds,
                      "samples": samples, "peak_mb": round(peak_mb(), 1)}))


def warc_memory(records: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "news.warc.gz"
        write_warc(path, records)
        size_mb = path.stat().st_size / 1e6
        result = subprocess.run([sys.executable, __file__, "--stream", str(path)], capture_output=True, text=True,
                                check=True)
    report = json.loads(result.stdout.strip().splitlines()[-1])
    samples = report["samples"]
    # after 1,000 records the modules are loaded and every cache warm: from there on, memory must not grow
    _, early, early_peak = next(s for s in samples if s[0] >= SAMPLE_EVERY * 2)
    _, end, end_peak = samples[-1]
    print(f"WARC memory: {records} responses ({report['records']} records, {size_mb:.1f} MB gzipped) streamed in "
          f"{report['seconds']:.1f} s ({report['articles'] / report['seconds']:.0f} articles/s), "
          f"{report['articles']} articles, {report['failed']} failed")
    print("  resident MB (peak so far) by records read: "
          + ", ".join(f"{n}: {mb} ({peak})" for n, mb, peak in samples))
    verdict = "PASS" if end - early < MAX_GROWTH_MB and end_peak - early_peak < MAX_GROWTH_MB else "FAIL"
    print(f"{verdict}: resident memory {early} MB after {SAMPLE_EVERY * 2} records, {end} MB after "
          f"{report['records']} ({end - early:+.1f} MB); peak {early_peak} MB then, {end_peak} MB at the end")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=WARC_RECORDS, help="responses in the WARC memory check")
    parser.add_argument("--skip-warc", action="store_true", help="only the extraction benchmark")
    parser.add_argument("--stream", type=Path, help=argparse.SUPPRESS)  # the child process of the memory check
    args = parser.parse_args()
    if args.stream:
        stream_warc(args.stream)
        return
    extraction()
    if not args.skip_warc:
        warc_memory(args.records)


if __name__ == "__main__":
    main()
