"""Near-duplicate detection: copies of one wire story (another header, small edits, cut short) are duplicates
of it; another agency's story of the same event and a follow-up reusing background paragraphs are not."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.model import Article
from eventwire.readers.dedupe import NEAR_DUPLICATE_CONTAINMENT, Deduplicator
from eventwire.readers.text import parse_text

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ingest" / "dedupe"


@pytest.fixture(scope="module")
def stories() -> dict[str, Article]:
    return {p.stem: parse_text(p.read_text(encoding="utf-8"), path=str(p)) for p in sorted(FIXTURES.glob("*.txt"))}


def test_copies_are_duplicates_other_stories_are_not(stories: dict[str, Article]) -> None:
    dedupe = Deduplicator()
    original = stories["wire_a"]
    assert dedupe.check(original) is None
    for copy in ("wire_a_header", "wire_a_edited", "wire_a_cut"):
        match = dedupe.match(stories[copy])
        assert match is not None and match.id == original.id and match.kind == "near", copy
        assert match.similarity >= NEAR_DUPLICATE_CONTAINMENT
        assert "near-duplicate of" in match.reason()
    assert dedupe.check(stories["same_topic_b"]) is None
    assert dedupe.check(stories["followup_c"]) is None
    assert len(dedupe) == 3  # duplicates are not remembered


def test_the_full_story_is_not_a_duplicate_of_its_cut_copy(stories: dict[str, Article]) -> None:
    dedupe = Deduplicator()
    assert dedupe.check(stories["wire_a_cut"]) is None
    assert dedupe.check(stories["wire_a"]) is None  # it has four more paragraphs to read
    assert dedupe.check(stories["wire_a_edited"]) == stories["wire_a"].id  # the closest earlier version


def test_same_url_and_same_text(stories: dict[str, Article]) -> None:
    dedupe = Deduplicator()
    first = Article(id="a1", paragraphs=["Rebels seized the town."], url="https://www.example.org/news/town/")
    same_page = Article(id="a2", paragraphs=["Rebels have seized the town."],
                        url="http://example.org/news/town?utm_source=feed#top")
    retyped = Article(id="a3", paragraphs=["REBELS  seized the town."], url="https://other.example/town")
    assert dedupe.check(first) is None
    match = dedupe.match(same_page)
    assert match is not None and (match.id, match.kind) == ("a1", "url")
    match = dedupe.match(retyped)
    assert match is not None and (match.id, match.kind) == ("a1", "content")
    # short texts are compared exactly only: a different short brief is not a near-duplicate
    assert dedupe.check(Article(id="a4", paragraphs=["Rebels seized the village."])) is None


def test_seeding_from_earlier_runs(stories: dict[str, Article]) -> None:
    dedupe = Deduplicator()
    original = stories["wire_a"]
    dedupe.add(original.id, "\n\n".join(original.paragraphs), url="https://wire.example/strike")
    assert dedupe.check(stories["wire_a_edited"]) == original.id
    copy = Article(id="x", paragraphs=["Other text entirely, about something else."],
                   url="https://wire.example/strike/amp")
    assert dedupe.check(copy) == original.id
