"""The CSV reader: a configurable text column, optional metadata columns, and one error per bad row naming the
line where the row starts (quoted fields may span lines)."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from eventwire.errors import ReadError
from eventwire.model import Article
from eventwire.readers import csv as csv_reader
from eventwire.readers import read_all


def write_rows(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def test_custom_text_column_and_metadata(tmp_path: Path) -> None:
    path = write_rows(tmp_path / "stories.csv", [
        ["ID", "Headline", "Body", "URL", "Published", "Source", "Authors"],
        ["s1", "Dockers strike", "Dock workers walked out on Tuesday.\n\nCranes stood idle.",
         "https://example.org/strike", "2019-10-08", "Harbour Post", "Anna Berg; Tom Otten"],
        ["s2", "", "", "", "", "", ""],
        ["s3", "Bad date", "Ships waited at anchor.", "", "08/10/2019", "", ""],
        ["s4", "No date", "Talks broke down last week.", "", "", "", ""],
        ["s5", "Too many", "Text.", "", "", "", "", "extra"],
    ])
    results = list(csv_reader.read(path, text_column="Body"))
    assert len(results) == 5
    first = results[0]
    assert isinstance(first, Article)
    assert first.paragraphs == ["Dock workers walked out on Tuesday.", "Cranes stood idle."]
    assert first.url == "https://example.org/strike" and first.source == "Harbour Post"
    assert first.published == dt.date(2019, 10, 8) and first.authors == ["Anna Berg", "Tom Otten"]
    assert first.metadata["given_id"] == "s1"
    # the row starts on line 2 and spans lines 2-4 (a quoted text with a blank line)
    assert first.origin is not None and first.origin.line == 2
    errors = [r for r in results if isinstance(r, ReadError)]
    assert [(e.line, e.reason.split(":")[0]) for e in errors] == [
        (5, "empty 'body' column"), (6, "malformed 'published' '08/10/2019'"), (8, "8 fields, but the header has 7")]
    no_date = results[3]
    assert isinstance(no_date, Article) and no_date.origin is not None and no_date.origin.line == 7
    assert "no 'published' date" in no_date.metadata["warning"]


def test_default_column_through_the_registry(tmp_path: Path) -> None:
    path = write_rows(tmp_path / "plain.csv", [["text", "title"], ["Rebels seized a town in the north.", "Town"]])
    [article] = list(read_all([path]))
    assert isinstance(article, Article) and article.title == "Town"


def test_missing_text_column_is_one_error(tmp_path: Path) -> None:
    path = write_rows(tmp_path / "other.csv", [["headline", "content"], ["a", "b"]])
    [error] = list(csv_reader.read(path))
    assert isinstance(error, ReadError) and error.line == 1
    assert "no column 'text'" in error.reason and "headline, content" in error.reason


def test_long_fields_are_read_and_the_csv_limit_restored(tmp_path: Path) -> None:
    long_text = "The strike went on. " * 20_000  # 400 KB: over the csv module's default field limit
    path = write_rows(tmp_path / "long.csv", [["text"], [long_text]])
    before = csv.field_size_limit()
    [article] = list(csv_reader.read(path))
    assert isinstance(article, Article) and len(article.paragraphs[0]) > 390_000
    assert csv.field_size_limit() == before


def test_empty_and_non_utf8_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    [error] = list(csv_reader.read(empty))
    assert isinstance(error, ReadError) and "no header row" in error.reason
    latin = tmp_path / "latin.csv"
    latin.write_bytes("text\nCaf\xe9 owners protested.\n".encode("latin-1"))
    results = list(csv_reader.read(latin))
    assert any(isinstance(r, ReadError) and "not UTF-8" in r.reason for r in results)
