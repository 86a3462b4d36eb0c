"""The JSON Lines reader: one article per line; each bad line is one error naming the line."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from eventwire.errors import ReadError
from eventwire.model import Article
from eventwire.readers import read_all
from eventwire.readers.jsonl import read


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_good_and_bad_lines(tmp_path: Path) -> None:
    good = {"id": "x1", "title": "Vote", "url": "https://example.org/a?utm_source=feed", "published": "2021-04-02",
            "source": "Example Wire", "text": "Lawmakers approved the budget on Friday.\n\nThe opposition walked out."}
    path = write_lines(tmp_path / "in.jsonl", [
        json.dumps(good),
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"id": "x2", "title": "no text"}),
        json.dumps({"text": "Troops withdrew.", "published": "02/04/2021"}),
        "",
        json.dumps({"text": "Rebels seized a town.", "published": "2021-04-03T10:00:00Z"}),
    ])
    results = list(read(path))
    assert len(results) == 6
    first = results[0]
    assert isinstance(first, Article)
    assert first.title == "Vote" and first.source == "Example Wire"
    assert first.published == dt.date(2021, 4, 2)
    assert first.paragraphs == ["Lawmakers approved the budget on Friday.", "The opposition walked out."]
    assert first.origin is not None and first.origin.line == 1
    errors = [r for r in results if isinstance(r, ReadError)]
    reasons = [(e.line, e.reason.split(" ")[0]) for e in errors]
    assert reasons == [(2, "not"), (3, "expected"), (4, "no"), (5, "malformed")]
    last = results[-1]
    assert isinstance(last, Article) and last.published == dt.date(2021, 4, 3)


def test_url_identity_ignores_tracking_parameters(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "in.jsonl", [
        json.dumps({"url": "https://www.example.org/news/a/?utm_source=x", "text": "One text."}),
        json.dumps({"url": "https://example.org/news/a", "text": "Another text of the same page."}),
    ])
    a, b = list(read_all([path]))
    assert isinstance(a, Article) and isinstance(b, Article)
    assert a.id == b.id
