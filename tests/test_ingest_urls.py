"""Downloading URL lists (and feed-linked pages with --fetch) from a local HTTP server on 127.0.0.1: robots.txt,
retries with backoff, timeouts, redirect loops, size and content-type limits, a compressed bomb; each failure
a ReadError with the URL and the reason. Rate limits and deadlines are checked with a fake clock, not timed.
No test touches the internet."""

from __future__ import annotations

import contextlib
import gzip
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import httpx
import pytest

from eventwire.errors import ReadError
from eventwire.model import Article
from eventwire.readers import feeds, read_all, urls
from eventwire.readers.urls import USER_AGENT, Fetcher, FetchError, FetchSettings

PARAGRAPHS = [
    "Thousands of dock workers walked off the job at the port of Rotterdam on Tuesday over automation and pay.",
    "Cranes stood idle at the main container terminals and dozens of ships waited at anchor off the coast.",
    "The port authority warned of delays of up to four days and advised shippers to reroute their cargo.",
    "Talks between the union and the employers' association broke down last week over job guarantees.",
]


def article_html(title: str = "Dockers strike") -> bytes:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (f"<html lang='en'><head><title>{title}</title>"
            f"<meta property='article:published_time' content='2019-10-08'></head>"
            f"<body><article><h1>{title}</h1>{body}</article></body></html>").encode()


class Handler(BaseHTTPRequestHandler):
    """The test site. Class attributes record what the crawler did."""

    hits: ClassVar[Counter[str]] = Counter()
    user_agents: ClassVar[list[str]] = []
    feed: ClassVar[bytes] = b""

    def log_message(self, format: str, *args: object) -> None:  # silence the default stderr log
        pass

    def send(self, status: int, body: bytes = b"", content_type: str = "text/html; charset=utf-8",
             headers: dict[str, str] | None = None, length: bool = True) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if length:
            self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the crawler stopped reading, as it
            self.wfile.write(body)  # should for huge pages

    def do_GET(self) -> None:
        path = self.path
        Handler.hits[path] += 1
        Handler.user_agents.append(self.headers.get("User-Agent", ""))
        if path == "/robots.txt":
            self.send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
        elif path in ("/news/strike", "/private/memo", "/news/other"):
            self.send(200, article_html())
        elif path == "/news/gzipped":
            self.send(200, gzip.compress(article_html("Gzipped")), headers={"Content-Encoding": "gzip"})
        elif path == "/missing":
            self.send(404, b"<html><body>Not found</body></html>")
        elif path == "/broken":
            self.send(500, b"<html><body>Internal error</body></html>")
        elif path == "/flaky":
            if Handler.hits[path] == 1:
                self.send(503, b"busy", headers={"Retry-After": "0"})
            else:
                self.send(200, article_html("Flaky"))
        elif path == "/slow":
            time.sleep(2)
            self.send(200, article_html())
        elif path.startswith("/loop/"):
            self.send(302, headers={"Location": "/loop/b" if path == "/loop/a" else "/loop/a"})
        elif path.startswith("/chain/"):
            self.send(302, headers={"Location": f"/chain/{int(path.rsplit('/', 1)[1]) + 1}"})
        elif path == "/moved":
            self.send(301, headers={"Location": "/news/strike"})
        elif path == "/huge":
            self.send(200, b"<html><body><p>" + b"x" * 3_000_000, length=False)
        elif path == "/report.pdf":
            self.send(200, b"%PDF-1.4 " + bytes(100), "application/pdf")
        elif path == "/bomb":
            self.send(200, gzip.compress(b"<html><body>" + b"0" * 30_000_000), headers={"Content-Encoding": "gzip"})
        elif path == "/feed.rss":
            self.send(200, Handler.feed, "application/rss+xml")
        else:
            self.send(404)


@pytest.fixture()
def site() -> Iterator[str]:
    """A fresh local site on 127.0.0.1 (its counters cleared); yields its base URL."""
    Handler.hits = Counter()
    Handler.user_agents = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


SETTINGS = FetchSettings(timeout=0.5, deadline=10.0, retries=2, backoff=0.25, max_backoff=1.0, host_interval=0.0,
                         max_bytes=1_000_000, max_redirects=4)


@pytest.fixture()
def sleeps() -> list[float]:
    return []


@pytest.fixture()
def fetcher(sleeps: list[float]) -> Iterator[Fetcher]:
    # an explicit transport: no proxy from the environment between the test and 127.0.0.1
    with Fetcher(SETTINGS, transport=httpx.HTTPTransport(), sleep=sleeps.append) as f:
        yield f


def failure(fetcher: Fetcher, url: str) -> str:
    with pytest.raises(FetchError) as info:
        fetcher.fetch(url)
    return info.value.reason


def test_a_page_is_downloaded_and_read(site: str, fetcher: Fetcher) -> None:
    result = fetcher.article(f"{site}/news/strike", path="list.urls", line=3)
    assert isinstance(result, Article)
    assert result.paragraphs == PARAGRAPHS and result.url == f"{site}/news/strike"
    assert result.origin is not None and (result.origin.path, result.origin.line) == ("list.urls", 3)
    assert "fetched" in result.metadata
    assert Handler.user_agents and set(Handler.user_agents) == {USER_AGENT}
    assert USER_AGENT.startswith("eventwire/") and "(+https://" in USER_AGENT


def test_gzip_encoded_and_redirected_pages(site: str, fetcher: Fetcher) -> None:
    gzipped = fetcher.article(f"{site}/news/gzipped")
    assert isinstance(gzipped, Article) and gzipped.title == "Gzipped"
    moved = fetcher.article(f"{site}/moved")
    assert isinstance(moved, Article) and moved.url == f"{site}/news/strike"
    assert moved.metadata["requested_url"] == f"{site}/moved"


def test_http_errors_and_retries_with_backoff(site: str, fetcher: Fetcher, sleeps: list[float]) -> None:
    assert failure(fetcher, f"{site}/missing") == "HTTP 404"
    assert Handler.hits["/missing"] == 1  # a 404 is not retried
    assert failure(fetcher, f"{site}/broken") == "HTTP 500 (gave up after 3 attempts)"
    assert Handler.hits["/broken"] == 3
    assert sleeps == [0.25, 0.5]  # exponential backoff between the attempts
    sleeps.clear()
    assert fetcher.fetch(f"{site}/flaky").status == 200
    assert Handler.hits["/flaky"] == 2 and sleeps == [0.25]


def test_timeout(site: str, fetcher: Fetcher) -> None:
    reason = failure(fetcher, f"{site}/slow")
    assert reason.startswith("timed out") and "gave up after 3 attempts" in reason


def test_redirect_loop_and_too_many_redirects(site: str, fetcher: Fetcher) -> None:
    reason = failure(fetcher, f"{site}/loop/a")
    assert reason.startswith("redirect loop:") and "/loop/b" in reason
    assert failure(fetcher, f"{site}/chain/1").startswith("more than 4 redirects")


def test_huge_page_non_html_and_compressed_bomb(site: str, fetcher: Fetcher) -> None:
    assert failure(fetcher, f"{site}/huge") == "larger than the limit of 1000000 bytes (download stopped)"
    assert failure(fetcher, f"{site}/report.pdf") == "content type application/pdf, not an HTML page"
    assert failure(fetcher, f"{site}/bomb") == "larger than the limit of 1000000 bytes (download stopped)"


def test_robots_txt_is_respected_and_fetched_once(site: str, fetcher: Fetcher) -> None:
    assert failure(fetcher, f"{site}/private/memo") == "robots.txt disallows it"
    assert Handler.hits["/private/memo"] == 0
    assert isinstance(fetcher.article(f"{site}/news/strike"), Article)
    assert isinstance(fetcher.article(f"{site}/news/other"), Article)
    assert Handler.hits["/robots.txt"] == 1


def test_url_list_file(site: str, fetcher: Fetcher, tmp_path: Path) -> None:
    listing = tmp_path / "today.urls"
    listing.write_text("\n".join([
        "# pages to read today",
        f"{site}/news/strike",
        "",
        f"{site}/missing   # gone",
        "ftp://files.example/story.txt",
        f"{site}/private/memo",
        f"{site}/news/strike?utm_source=newsletter",
        f"{site}/report.pdf",
    ]) + "\n", encoding="utf-8")
    results = list(urls.read(listing, fetcher=fetcher))
    assert isinstance(results[0], Article) and results[0].origin is not None and results[0].origin.line == 2
    errors = [r for r in results if isinstance(r, ReadError)]
    assert [e.line for e in errors] == [4, 5, 6, 7, 8]
    assert errors[0].reason == f"{site}/missing: HTTP 404"
    assert errors[1].reason == "ftp://files.example/story.txt: not an http(s) URL"
    assert errors[2].reason == f"{site}/private/memo: robots.txt disallows it"
    assert errors[3].reason.startswith("skipped: same URL as line 2")
    assert errors[4].reason.endswith("content type application/pdf, not an HTML page")
    assert all(e.path == str(listing) for e in errors)


def test_feed_with_fetch(site: str, fetcher: Fetcher, tmp_path: Path) -> None:
    Handler.feed = f"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Harbour Post</title>
<item><title>Strike</title><link>{site}/news/strike</link><description>Short summary.</description></item>
<item><title>Memo</title><link>{site}/private/memo</link>
  <description>The union's memo says the strike may be extended to Sunday.</description></item>
<item><title>Gone</title><link>{site}/missing</link></item>
</channel></rss>""".encode()
    path = tmp_path / "harbour.rss"
    path.write_bytes(Handler.feed)
    results = list(feeds.fetch_feed_pages(path, fetcher=fetcher))
    assert len(results) == 3
    page, memo, gone = results
    # the linked page is read, not the summary
    assert isinstance(page, Article) and page.paragraphs == PARAGRAPHS and page.metadata["feed_entry"] == 1
    assert page.origin is not None and page.origin.path == str(path) and page.origin.line == 3
    # robots.txt forbids the page: the feed's own text is used, and the warning says why
    assert isinstance(memo, Article) and memo.paragraphs[0].startswith("The union's memo")
    assert "robots.txt disallows it" in memo.metadata["warning"]
    # neither a page nor a summary: the download's failure
    assert isinstance(gone, ReadError) and gone.reason == f"{site}/missing: HTTP 404" and gone.line == 6


# -- with a mock transport and a fake clock: rate limits, robots.txt failures, deadlines ------------------------


class FakeTime:
    def __init__(self, step: float = 0.0) -> None:
        self.now = 0.0
        self.step = step  # seconds that pass at each look at the clock
        self.sleeps: list[float] = []

    def clock(self) -> float:
        self.now += self.step
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 3))
        self.now += seconds


def mock_fetcher(handler: Callable[[httpx.Request], httpx.Response], fake: FakeTime, **settings: object
                 ) -> Fetcher:
    base: dict[str, object] = {"host_interval": 2.0, "retries": 1, "backoff": 1.0, **settings}
    return Fetcher(FetchSettings(**base), transport=httpx.MockTransport(handler),  # type: ignore[arg-type]
                   sleep=fake.sleep, clock=fake.clock)


def streamed(status: int, body: bytes = b"", content_type: str = "text/html") -> httpx.Response:
    """A response whose body is a stream, as from the network (httpx reads ``content=bytes`` at once, and a
    body already read cannot be streamed again)."""
    return httpx.Response(status, headers={"content-type": content_type}, content=iter([body]))


def page_or_robots(robots_status: int, robots: str = "") -> Callable[[httpx.Request], httpx.Response]:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return streamed(robots_status, robots.encode(), "text/plain")
        return streamed(200, article_html())
    return handler


def test_per_host_rate_limit() -> None:
    fake = FakeTime()
    fetcher = mock_fetcher(page_or_robots(404), fake)
    for url in ("https://a.example/1", "https://a.example/2", "https://b.example/1"):
        fetcher.fetch(url)
    # a.example: robots.txt, then /1 two seconds later, /2 two seconds after; b.example waits for nobody
    assert fake.sleeps == [2.0, 2.0, 2.0]


def test_crawl_delay_slows_the_host_down() -> None:
    fake = FakeTime()
    fetcher = mock_fetcher(page_or_robots(200, "User-agent: eventwire\nCrawl-delay: 5\n"), fake)
    fetcher.fetch("https://a.example/1")
    fetcher.fetch("https://a.example/2")
    assert fake.sleeps == [5.0, 5.0]


def test_unreachable_robots_txt_means_nothing_is_fetched() -> None:
    fake = FakeTime()
    requests: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        requests.append(request.url.path)
        return streamed(503) if request.url.path == "/robots.txt" else streamed(200, article_html())

    fetcher = mock_fetcher(handler, fake, host_interval=0.0)
    for url in ("https://down.example/a", "https://down.example/b"):
        result = fetcher.article(url)
        assert isinstance(result, ReadError)
        assert "robots.txt unreachable (HTTP 503 (gave up after 2 attempts))" in result.reason
    assert requests == ["/robots.txt", "/robots.txt"]  # two attempts once, never the pages


def test_deadline_stops_a_dripping_server() -> None:
    fake = FakeTime(step=1.0)

    def drip() -> Iterator[bytes]:  # 64 KB a "second" (the fake clock moves a second at each look)
        for _ in range(100):
            yield b"<p>" + b"x" * urls.CHUNK

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return streamed(404)
        return httpx.Response(200, headers={"content-type": "text/html"}, content=drip())

    fetcher = mock_fetcher(handler, fake, host_interval=0.0, deadline=10.0)
    with pytest.raises(FetchError, match="download took longer than 10 s"):
        fetcher.fetch("https://slow.example/page")


def test_urls_files_are_read_through_the_registry(tmp_path: Path) -> None:
    listing = tmp_path / "none.urls"
    listing.write_text("# nothing but a comment and a bad line\nnot a url\n", encoding="utf-8")
    [error] = list(read_all([listing]))
    assert isinstance(error, ReadError) and error.line == 2 and "not an http(s) URL" in error.reason
