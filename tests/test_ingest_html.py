"""The HTML reader: body paragraphs and metadata by trafilatura, captions with credits and every byline author
by lxml, and hostile pages (too large, gzip bombs, too many paragraphs) refused with a reason."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path

import pytest

from eventwire.errors import ReadError
from eventwire.model import Article, Caption
from eventwire.readers import html, read_all
from eventwire.readers.html import extract_authors, fragment_paragraphs, parse_html, split_byline

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "ingest" / "port_strike.html"

BODY = "".join(
    f"<p>{sentence} The union and the employers met again on the {day} day of talks, without agreement.</p>\n"
    for day, sentence in enumerate([
        "Dock workers in Rotterdam walked out on Tuesday over automation and pay.",
        "Cranes stood idle at the main container terminals and ships waited at anchor.",
        "The port authority warned of delays of up to four days for some shipments.",
        "Talks between the union and the employers broke down last week.",
        "The economy minister urged both sides to return to the negotiating table.",
    ], start=1)
)


def page(head: str = "", body: str = BODY, lang: str = "en") -> str:
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>Port strike</title>{head}</head>'
            f"<body><article><h1>Port strike</h1>{body}</article></body></html>")


def test_page_with_captions_and_two_bylines() -> None:
    article = parse_html(FIXTURE.read_bytes(), path=str(FIXTURE))
    assert article.title == "Dockers strike at Rotterdam over automation"
    assert article.source == "Harbour Post"
    assert article.published == dt.date(2019, 10, 8) and article.published_precision == "day"
    assert article.language == "en"
    # the canonical URL names the page when none is given
    assert article.url == "https://harbourpost.example/news/2019/10/08/rotterdam-dock-strike"
    assert article.origin is not None and article.origin.path == str(FIXTURE)
    # both authors of the byline (the meta tag names only the first); not the related stories' or commenters'
    assert article.authors == ["Anna Berg", "Tom Otten"]
    # paragraphs kept apart, the headline not repeated as the first one, no navigation or footer
    assert len(article.paragraphs) == 6
    assert article.paragraphs[0].startswith("Thousands of dock workers walked off the job")
    assert article.paragraphs[-1].endswith("she said in a statement.")
    assert not any("All rights reserved" in p or "Related stories" in p for p in article.paragraphs)
    # captions with their credits: a credit element inside, one beside it in the figure, one in the text
    assert article.captions == [
        Caption("Dockers hold banners outside a container terminal at the port of Rotterdam, the Netherlands, "
                "8 October 2019.", "EPA-EFE/ROBIN UTRECHT"),
        Caption("Idle cranes at the Maasvlakte terminal in Rotterdam on Tuesday morning.", "Lena de Wit"),
        Caption("Container ships wait at anchor off Hoek van Holland during the strike", "Harbour Post/Kees Bakker"),
    ]
    # a caption is not also a body paragraph
    assert not any("Idle cranes" in p for p in article.paragraphs)


def test_json_ld_authors_and_organisation_only_when_no_person() -> None:
    ld = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "name": "Example"},
        {"@type": "NewsArticle", "headline": "Port strike",
         "author": [{"@type": "Person", "name": "Jane Doe"}, {"@type": "Person", "name": "John Roe"},
                    {"@type": "Organization", "name": "Example Wire"}]},
    ]}
    article = parse_html(page(f'<script type="application/ld+json">{json.dumps(ld)}</script>'))
    assert article.authors == ["Jane Doe", "John Roe"]


def test_byline_splitting() -> None:
    assert split_byline("By Jane Doe and John Roe, Reuters") == ["Jane Doe", "John Roe", "Reuters"]
    assert split_byline("BY TOM KRISHER, AP Auto Writer") == ["Tom Krisher"]
    assert split_byline("Keris Lahiff@kerisalison") == ["Keris Lahiff"]
    assert split_byline("Ilana Muhlstein, MS, RDN") == ["Ilana Muhlstein"]
    assert split_byline("Updated 8 October 2019, 11:02") == []
    assert split_byline("Ryan Reed's Most Recent Stories") == []


def test_bylines_beside_each_other_count_and_other_regions_do_not() -> None:
    body = ('<div class="meta"><span class="author">Jane Doe</span><span class="author">John Roe</span></div>'
            + BODY + '<div class="related-stories"><span class="author">Sam Other</span></div>')
    tree = __import__("trafilatura").load_html(page(body=body))
    assert extract_authors(tree) == ["Jane Doe", "John Roe"]


def test_fuller_name_replaces_shorter_and_site_name_is_not_an_author() -> None:
    head = '<meta name="author" content="Doe"><meta name="author" content="Jane Doe; Example News">'
    article = parse_html(page(head + '<meta property="og:site_name" content="Example News">'))
    assert article.authors == ["Jane Doe"]
    assert article.source == "Example News"


def test_declared_language_and_no_date_warning() -> None:
    article = parse_html(page(lang="en-US"))
    assert article.language == "en"
    assert article.published is None
    assert "no publication date" in article.metadata["warning"]


def test_inline_credit_paragraph_becomes_a_caption() -> None:
    body = BODY + "<p>Police block a road near the port in Rotterdam, 8 October 2019. EPA-EFE/ROBIN UTRECHT</p>"
    article = parse_html(page(body=body))
    assert Caption("Police block a road near the port in Rotterdam, 8 October 2019.", "EPA-EFE/ROBIN UTRECHT") \
        in article.captions
    assert not any("EPA-EFE" in p for p in article.paragraphs)


def test_pages_without_an_article_are_refused() -> None:
    with pytest.raises(ReadError, match="empty page"):
        parse_html(b"  \n")
    with pytest.raises(ReadError, match="no article text"):
        parse_html("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    with pytest.raises(ReadError, match=r"not an HTML page|no article text"):
        parse_html(bytes(range(256)) * 4)


def test_size_paragraph_and_character_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(html, "MAX_PAGE_BYTES", 500)
    with pytest.raises(ReadError, match="more than the limit of 500 for one page"):
        parse_html(page())
    monkeypatch.undo()
    monkeypatch.setattr(html, "MAX_PARAGRAPHS", 3)
    with pytest.raises(ReadError, match="5 paragraphs, more than the limit of 3"):
        parse_html(page())
    monkeypatch.undo()
    monkeypatch.setattr(html, "MAX_ARTICLE_CHARS", 200)
    with pytest.raises(ReadError, match="characters of text, more than the limit of 200"):
        parse_html(page())


def test_gzip_bomb_is_refused_without_expanding_it(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.html.gz"
    with gzip.open(bomb, "wb", compresslevel=9) as fh:
        fh.write(b"<html><body><p>")
        zeros = b"0" * (1 << 20)
        for _ in range(64):  # 64 MB of text, some 64 KB on disk
            fh.write(zeros)
    assert bomb.stat().st_size < 1_000_000
    results = list(html.read(bomb))
    assert len(results) == 1 and isinstance(results[0], ReadError)
    assert "decompresses to more than the limit" in results[0].reason
    assert results[0].path == str(bomb)


def test_files_gzipped_files_and_folders(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(page(), encoding="utf-8")
    with gzip.open(tmp_path / "b.html.gz", "wt", encoding="utf-8") as fh:
        fh.write(page(body=BODY.replace("Rotterdam", "Antwerp")))
    (tmp_path / "broken.html.gz").write_bytes(b"not gzip at all")
    (tmp_path / "notes.txt.bak").write_text("ignored")
    results = list(html.read(tmp_path))
    articles = [r for r in results if isinstance(r, Article)]
    errors = [r for r in results if isinstance(r, ReadError)]
    assert [Path(a.origin.path).name for a in articles if a.origin and a.origin.path] == ["a.html", "b.html.gz"]
    assert "Antwerp" in articles[1].paragraphs[0]
    assert len(errors) == 1 and "not a valid gzip file" in errors[0].reason
    # the registry picks this reader by suffix, .html.gz included
    assert sum(isinstance(r, Article) for r in read_all([tmp_path / "a.html", tmp_path / "b.html.gz"])) == 2


def test_jsonl_records_with_html_use_this_reader(tmp_path: Path) -> None:
    path = tmp_path / "pages.jsonl"
    path.write_text(json.dumps({"url": "https://example.org/strike", "html": page()}) + "\n", encoding="utf-8")
    [article] = list(read_all([path]))
    assert isinstance(article, Article)
    assert len(article.paragraphs) == 5 and article.url == "https://example.org/strike"


def test_fragment_paragraphs() -> None:
    assert fragment_paragraphs("<p>One.</p><p>Two <b>bold</b>.</p>Three<br>Four") == \
        ["One.", "Two bold.", "Three", "Four"]
    assert fragment_paragraphs("Plain text.\n\nSecond.") == ["Plain text.", "Second."]
    assert fragment_paragraphs("<script>alert(1)</script><p>Kept.</p>") == ["Kept."]
