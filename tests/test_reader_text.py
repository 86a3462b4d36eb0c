"""The plain-text wire reader: headers become metadata, captions are kept apart with their credits."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eventwire.errors import ReadError
from eventwire.model import Article
from eventwire.readers.text import parse_text, read, split_credit

from .conftest import FIXTURES

WIRE = FIXTURES / "wire"


def read_one(path: Path) -> Article:
    results = list(read(path))
    assert len(results) == 1
    result = results[0]
    assert isinstance(result, Article), result
    return result


def test_header_with_byline_on_own_lines() -> None:
    a = read_one(WIRE / "harbour_strike.txt")
    assert a.published == dt.date(2023, 3, 9)
    assert a.authors == ["Lena Ortiz", "Tomas Berg"]
    assert a.paragraphs[0].startswith("Dock workers in Rotterdam")
    assert not any("By Lena" in p for p in a.paragraphs)
    assert len(a.paragraphs) == 3


def test_header_items_on_one_line_and_leading_space() -> None:
    a = read_one(WIRE / "flood_aid.txt")
    assert a.published == dt.date(2022, 9, 2)
    assert a.metadata["reading_time"] == "Reading Time: 3 minutes"
    assert a.paragraphs[0].startswith("ISLAMABAD — Pakistan appealed")
    assert len(a.paragraphs) == 3


@pytest.mark.parametrize(
    ("paragraph", "credit"),
    [
        ("Workers hold banners in Rotterdam, the Netherlands, 07 March 2023. EPA-EFE/ROBIN VAN DER MEER",
         "EPA-EFE/ROBIN VAN DER MEER"),
        ("Trucks queue near the port of Rotterdam, March 7, 2023. REUTERS/Piet Hollander", "REUTERS/Piet Hollander"),
        ("Residents wade through floodwater in Jamshoro, Pakistan, Aug. 30, 2022. AP Photo/Faraz Malik",
         "AP Photo/Faraz Malik"),
        ("A boy carries belongings past a flooded road in Sindh (Photo: Sana Qureshi/AFP)", "Sana Qureshi/AFP"),
        ("Soldiers stand guard outside parliament, May 9, 2021. Photo: Ivan Petrov/Getty Images",
         "Ivan Petrov/Getty Images"),
    ],
)
def test_caption_credit_styles(paragraph: str, credit: str) -> None:
    split = split_credit(paragraph)
    assert split is not None
    text, found = split
    assert found == credit
    assert credit not in text
    assert text.split()[0] == paragraph.split()[0]


@pytest.mark.parametrize(
    "paragraph",
    [
        "The minister said the agency would publish its report on Monday.",
        "Officials from the EPA and the UN met in Geneva.",
        "He told Reuters the plan was approved.",
    ],
)
def test_body_paragraphs_are_not_captions(paragraph: str) -> None:
    assert split_credit(paragraph) is None


def test_captions_are_separated_from_body() -> None:
    a = read_one(WIRE / "harbour_strike.txt")
    assert [c.credit for c in a.captions] == ["EPA-EFE/ROBIN VAN DER MEER", "REUTERS/Piet Hollander"]
    assert a.captions[0].text.startswith("Workers hold banners")
    assert all("EPA-EFE" not in p and "REUTERS/" not in p for p in a.paragraphs)


def test_wrapped_lines_are_joined_within_a_paragraph() -> None:
    a = read_one(WIRE / "wrapped.txt")
    assert a.paragraphs[0] == "First line of a story that was wrapped by the sender."
    assert a.captions[0].credit == "Ivan Petrov/Getty Images"


def test_same_text_gives_same_id_and_different_text_another() -> None:
    one = parse_text("date 2020-01-02\n\nA story about a vote in the assembly.")
    two = parse_text("date 2020-01-02\n\nA  story about a vote in the   assembly.")
    three = parse_text("date 2020-01-02\n\nA story about a vote in the senate.")
    assert one.id == two.id != three.id


def test_missing_date_header_is_a_warning_not_a_guess() -> None:
    a = parse_text("Police arrested two men in the capital on Monday.")
    assert a.published is None
    assert "no date header" in a.metadata["warning"]


@pytest.mark.parametrize("header", ["date 2020-13-45", "date 27/08/2020", "date yesterday"])
def test_malformed_date_header_is_an_error_with_line(header: str) -> None:
    with pytest.raises(ReadError) as info:
        parse_text(f"{header}\n\nSome body text of the story.", path="story.txt")
    assert "malformed date header" in str(info.value)
    assert str(info.value).startswith("story.txt:1:")


def test_empty_binary_and_non_utf8_files(tmp_path: Path) -> None:
    cases = {
        "empty.txt": (b"", "empty file"),
        "blank.txt": (b"  \n\n ", "empty file"),
        "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "binary"),
        "latin1.txt": ("date 2020-01-01\n\nCaf\xe9 owners protested.".encode("latin-1"), "not UTF-8"),
        "header_only.txt": (b"date 2020-01-01 Reading Time: 2 minutes\n", "no body text"),
    }
    for name, (data, reason) in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        (result,) = list(read(path))
        assert isinstance(result, ReadError), name
        assert reason in result.reason, (name, result.reason)
        assert result.path == str(path)


def test_unreadable_path(tmp_path: Path) -> None:
    (result,) = list(read(tmp_path / "missing.txt"))
    assert isinstance(result, ReadError)
    assert "cannot read" in result.reason
