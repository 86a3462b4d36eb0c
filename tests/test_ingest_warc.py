"""The WARC reader: HTML responses with status 200 become articles with URL, fetch date and the record's
offset and length; every other record is skipped and counted; a WARC written here with warcio."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eventwire.errors import ReadError
from eventwire.model import Article
from eventwire.readers import read_all, warc
from eventwire.readers.warc import WarcStats

STORY = [
    "Dock workers in Rotterdam walked out on Tuesday over automation and pay, halting container traffic.",
    "Cranes stood idle at the main terminals and dozens of ships waited at anchor off the coast.",
    "The port authority warned of delays of up to four days and advised shippers to reroute cargo.",
    "Talks between the union and the employers' association broke down last week over job guarantees.",
]


def html_page(paragraphs: list[str], date: str | None = None, title: str = "Port strike") -> bytes:
    meta = f'<meta property="article:published_time" content="{date}">' if date else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<html lang='en'><head><title>{title}</title>{meta}</head><body><article><h1>{title}</h1>{body}"
            "</article></body></html>").encode()


def response(writer: WARCWriter, url: str, body: bytes, status: str = "200 OK",
             content_type: str = "text/html; charset=utf-8", date: str = "2024-05-01T10:20:30Z") -> None:
    headers = StatusAndHeaders(status, [("Content-Type", content_type), ("Content-Length", str(len(body)))],
                               protocol="HTTP/1.1")
    record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers,
                                       warc_headers_dict={"WARC-Date": date})
    writer.write_record(record)


def write_warc(path: Path, *, gzip: bool = True) -> Path:
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "eventwire tests"}))
        request = StatusAndHeaders("GET /news/strike HTTP/1.1", [("Host", "news.example")], is_http_request=True)
        writer.write_record(writer.create_warc_record("https://news.example/news/strike", "request",
                                                      payload=io.BytesIO(b""), http_headers=request))
        response(writer, "https://news.example/news/strike", html_page(STORY, date="2024-04-30"))
        response(writer, "https://news.example/missing", html_page(STORY[:1]), status="404 Not Found")
        response(writer, "https://news.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(200), content_type="image/png")
        response(writer, "https://news.example/old", b"", status="301 Moved Permanently")
        response(writer, "https://news.example/login", b"<html><body><form>Sign in</form></body></html>")
        response(writer, "https://other.example/world/port", html_page(list(reversed(STORY))),
                 date="2024-05-02T08:00:00Z")
        writer.write_record(writer.create_warc_record("https://news.example/news/strike", "metadata",
                                                      payload=io.BytesIO(b"via: crawler"),
                                                      warc_content_type="text/plain"))
    return path


@pytest.mark.parametrize("name,gzip", [("crawl.warc.gz", True), ("crawl.warc", False)])
def test_articles_skips_and_failures(tmp_path: Path, name: str, gzip: bool) -> None:
    path = write_warc(tmp_path / name, gzip=gzip)
    stats = WarcStats()
    results = list(warc.read(path, stats=stats))
    articles = [r for r in results if isinstance(r, Article)]
    errors = [r for r in results if isinstance(r, ReadError)]
    assert [a.url for a in articles] == ["https://news.example/news/strike", "https://other.example/world/port"]
    assert len(errors) == 1 and "https://news.example/login" in errors[0].reason
    assert "no article text" in errors[0].reason and errors[0].path == str(path)
    assert stats.records == 9 and stats.articles == 2 and stats.failed == 1
    assert stats.skipped == {"warcinfo record": 1, "request record": 1, "metadata record": 1, "HTTP 404": 1,
                             "HTTP 301": 1, "content type image/png": 1}

    first, second = articles
    assert first.paragraphs == STORY
    assert first.published == dt.date(2024, 4, 30)  # the page's own date
    assert first.metadata["fetched"] == "2024-05-01T10:20:30Z"
    assert first.metadata["warc_record_id"].startswith("<urn:uuid:")
    # no date in the page: the fetch date stands in, and says so
    assert second.published == dt.date(2024, 5, 2)
    assert "WARC-Date" in second.metadata["published_from"] and "warning" not in second.metadata


def test_offset_and_length_point_at_the_record(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "crawl.warc.gz")
    for article in warc.read(path):
        if not isinstance(article, Article):
            continue
        origin = article.origin
        assert origin is not None and origin.path == str(path) and origin.url == article.url
        assert origin.offset is not None and origin.length is not None and origin.length > 0
        with path.open("rb") as fh:
            fh.seek(origin.offset)
            chunk = io.BytesIO(fh.read(origin.length))
        [record] = list(ArchiveIterator(chunk))
        assert record.rec_headers.get_header("WARC-Target-URI") == article.url


def test_registry_picks_the_warc_reader(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "crawl.warc.gz")
    assert sum(isinstance(r, Article) for r in read_all([path])) == 2


def test_not_a_warc_and_oversized_records(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    junk = tmp_path / "junk.warc.gz"
    junk.write_bytes(b"this is not an archive\n" * 10)
    [error] = list(warc.read(junk))
    assert isinstance(error, ReadError) and "no HTML page with status 200" in error.reason

    monkeypatch.setattr(warc, "MAX_PAGE_BYTES", 200)
    path = write_warc(tmp_path / "crawl.warc.gz")
    results = list(warc.read(path))
    assert not any(isinstance(r, Article) for r in results)
    assert any(isinstance(r, ReadError) and "larger than the limit of 200 bytes" in r.reason for r in results)


def test_truncated_archive_keeps_what_came_before(tmp_path: Path) -> None:
    data = write_warc(tmp_path / "full.warc.gz").read_bytes()
    for cut in range(200, len(data), 97):  # cut anywhere: never an exception, always a reason
        path = tmp_path / "cut.warc.gz"
        path.write_bytes(data[:cut])
        results = list(warc.read(path))
        assert results and all(isinstance(r, Article | ReadError) for r in results)
    path.write_bytes(data[: len(data) // 2])
    results = list(warc.read(path))
    assert isinstance(results[0], Article) and results[0].url == "https://news.example/news/strike"
    assert isinstance(results[-1], ReadError) and "damaged" in results[-1].reason
