"""The SQLite store and the runner: idempotent writes, resume after interruption, the ledger, search."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from eventwire.errors import StoreError
from eventwire.model import Article
from eventwire.pipeline import Pipeline
from eventwire.readers import read_all
from eventwire.run.local import run
from eventwire.store import open_store
from eventwire.store.sqlite import MIGRATIONS

STORIES = {
    "a.txt": "date 2022-01-05\n\nProtesters gathered in Almaty on Wednesday as fuel prices rose.",
    "b.txt": "date 2022-01-06\n\nThe government resigned after a night of unrest in the city.",
    "c.txt": "date 2022-01-07\n\nTroops from neighbouring states arrived at the airport on Friday.",
    "d.txt": "date 2022-01-08\n\nThe president said order had been restored in the country.",
}


@pytest.fixture(scope="module")
def annotate_only() -> Pipeline:
    return Pipeline(["annotate"], batch_size=2)


def write_stories(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in STORIES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_schema_is_migrated_and_versioned(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.db") as store:
        assert store.schema_version == len(MIGRATIONS)
    with open_store(tmp_path / "s.db") as store:  # reopening applies nothing twice
        assert store.schema_version == len(MIGRATIONS)


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 5}")
    conn.close()
    with pytest.raises(StoreError, match="newer than this eventwire knows"):
        open_store(path)


def test_writing_the_same_article_twice_changes_nothing(tmp_path: Path, annotate_only: Pipeline) -> None:
    corpus = write_stories(tmp_path / "in")
    with open_store(tmp_path / "s.db") as store:
        first = run([corpus], annotate_only, store)
        counts = store.counts()
        again = run([corpus], annotate_only, store)
        assert store.counts() == counts
    assert first.stored == 4 and again.stored == 0 and again.already_stored == 4 and again.processed == 0


def test_interrupted_run_resumes_without_duplicates(tmp_path: Path, annotate_only: Pipeline) -> None:
    corpus = write_stories(tmp_path / "in")
    seen: list[Article] = []

    def interrupt_after_first_batch(article: Article) -> None:
        seen.append(article)
        if len(seen) == 2:
            raise KeyboardInterrupt

    with open_store(tmp_path / "s.db") as store:
        with pytest.raises(KeyboardInterrupt):
            run([corpus], annotate_only, store, on_article=interrupt_after_first_batch)
        assert store.counts()["articles"] == 2  # the first batch was committed before the interruption
        report = run([corpus], annotate_only, store)
        assert report.already_stored == 2 and report.stored == 2
        ids = [r["id"] for r in store.articles(limit=10)]
        assert len(ids) == len(set(ids)) == 4
        assert {r["status"] for r in store.ledger()} == {"done"}


def test_interruption_inside_a_batch_write_rolls_it_back(tmp_path: Path, annotate_only: Pipeline) -> None:
    corpus = write_stories(tmp_path / "in")
    articles = list(annotate_only.process(a for a in read_all([corpus]) if isinstance(a, Article)))
    with open_store(tmp_path / "s.db") as store:
        with pytest.raises(KeyboardInterrupt), store.transaction():
            store.write_article(articles[0])
            raise KeyboardInterrupt
        assert store.counts()["articles"] == 0


def test_bad_inputs_are_recorded_and_the_run_goes_on(tmp_path: Path, annotate_only: Pipeline) -> None:
    corpus = write_stories(tmp_path / "in")
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "bad_date.txt").write_text("date 2022-02-30\n\nText.", encoding="utf-8")
    (corpus / "lines.jsonl").write_text('{"text": "A vote was held."}\nnot json\n', encoding="utf-8")
    messages: list[str] = []
    with open_store(tmp_path / "s.db") as store:
        report = run([corpus, tmp_path / "nowhere.txt"], annotate_only, store, on_message=messages.append)
        failed = {(r["input"].rsplit("/", 1)[-1], r["item"]): r["reason"] for r in store.ledger(status="failed")}
    assert report.processed == 5 and report.ok
    assert ("empty.txt", "-") in failed and "empty" in failed[("empty.txt", "-")]
    assert "malformed date header" in failed[("bad_date.txt", "line 1")]
    assert "not JSON" in failed[("lines.jsonl", "line 2")]
    assert "no such file" in failed[("nowhere.txt", "-")]
    assert len([m for m in messages if m.startswith("error:")]) == 4


def test_nothing_processable_is_not_ok(tmp_path: Path, annotate_only: Pipeline) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    assert not run([tmp_path / "empty.txt"], annotate_only, None).ok


def test_duplicate_from_another_input_is_recorded(tmp_path: Path, annotate_only: Pipeline) -> None:
    corpus = write_stories(tmp_path / "in")
    (tmp_path / "copy").mkdir()
    (tmp_path / "copy" / "a_copy.txt").write_text(STORIES["a.txt"].replace("Protesters", "Protesters "))
    with open_store(tmp_path / "s.db") as store:
        run([corpus], annotate_only, store)
        report = run([tmp_path / "copy"], annotate_only, store)
        dup = store.ledger(status="duplicate")
    assert report.duplicates == 1 and dup[0]["input"].endswith("a_copy.txt")


def test_search_and_stored_document(tmp_path: Path, annotate_only: Pipeline) -> None:
    corpus = write_stories(tmp_path / "in")
    with open_store(tmp_path / "s.db") as store:
        run([corpus], annotate_only, store)
        hits = store.search("unrest")
        assert len(hits) == 1 and "[unrest]" in hits[0]["snippet"]
        doc = store.get_document(hits[0]["id"][:8])
        assert doc is not None and doc["article"]["published"] == "2022-01-06"
        assert json.dumps(doc)  # the stored document is the JSON contract
        with pytest.raises(StoreError, match="bad search query"):
            store.search('"unbalanced')


def test_a_store_of_the_previous_schema_gains_the_cue_kind(tmp_path: Path) -> None:
    """Version 3 adds quotes.cue_kind to a store made by the previous release; nothing else is touched."""
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    for number in range(2):
        conn.executescript(f"BEGIN;{MIGRATIONS[number]};PRAGMA user_version = {number + 1};COMMIT;")
    conn.close()
    with open_store(path) as store:
        assert store.schema_version == len(MIGRATIONS)
        columns = [row[1] for row in store.conn.execute("PRAGMA table_info(quotes)")]
    assert columns[-1] == "cue_kind"


def test_quotes_are_stored_and_listed_by_cue_kind(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "q.txt").write_text(
        "date 2023-05-02\n\nInterior minister Petra Lund said the border crossings would reopen on Friday.\n\n"
        "Opposition leader Ana Ruiz has been critical of the border closures.", encoding="utf-8")
    with open_store(tmp_path / "s.db") as store:
        run([tmp_path / "in"], Pipeline(), store)
        kinds = {q["cue"]: q["cue_kind"] for q in store.quotes()}
        stances = store.quotes(cue_kind="stance")
    assert kinds.get("said") == "speech"
    assert [q["content"] for q in stances] == ["the border closures"]
