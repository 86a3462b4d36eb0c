"""URL lists (``.urls``: one URL a line, ``#`` comments): each page is downloaded politely and read as HTML.

Downloading other people's pages has rules, and a list of URLs has bad entries, so every download is bounded
and every failure is a ReadError that names the URL and the reason (recorded in the ingest ledger as failed):

* a clear User-Agent (:data:`USER_AGENT`) and robots.txt respected (fetched once per host, parsed with
  ``urllib.robotparser``; per RFC 9309 a missing robots.txt (4xx) allows everything and an unreachable one
  (5xx, network error) allows nothing; a ``Crawl-delay`` slows that host down, up to :data:`MAX_CRAWL_DELAY`);
* a per-host rate limit (one request per :attr:`FetchSettings.host_interval` seconds to the same host);
* timeouts (connect and between bytes, plus a deadline for the whole download, so a server that drips one
  byte at a time cannot hold the run), and retries with exponential backoff on 5xx, 429 and timeouts,
  bounded in number and in wait;
* redirects followed by hand, at most :attr:`FetchSettings.max_redirects`, each hop checked against robots.txt,
  a loop refused as a loop;
* HTML only (the Content-Type is checked before the body is read) and a size limit: the body is streamed and
  the download stopped past :attr:`FetchSettings.max_bytes`, counted after decompression, which is done here
  with a bounded inflater so a compressed bomb is never expanded.

Tests inject an ``httpx`` transport or client (``Fetcher(client=...)``) and a local server; nothing here
needs the internet to be tested.
"""

from __future__ import annotations

import datetime as dt
import re
import time
import zlib
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from eventwire import __version__
from eventwire.errors import ReadError
from eventwire.model import Article, Origin
from eventwire.readers.html import MAX_PAGE_BYTES, parse_html
from eventwire.readers.ids import normalise_url

USER_AGENT = f"eventwire/{__version__} (+https://example.org/eventwire)"
HTML_TYPES = ("text/html", "application/xhtml+xml")
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
RETRY_STATUSES = {429, 500, 502, 503, 504}
MAX_ROBOTS_BYTES = 500 * 1024  # RFC 9309: crawlers must parse at least 500 KiB; more is not read
MAX_CRAWL_DELAY = 30.0  # seconds; a robots.txt asking for more would stall a run, so it is capped
MAX_URL_LENGTH = 4096
CHUNK = 64 * 1024


@dataclass(frozen=True)
class FetchSettings:
    """How politely and how patiently pages are downloaded (the defaults suit news sites)."""

    timeout: float = 10.0  # seconds to connect, and to wait for the next bytes
    deadline: float = 60.0  # seconds for one whole download attempt
    retries: int = 3  # more attempts after the first, on 5xx, 429 and timeouts
    backoff: float = 1.0  # seconds before the first retry; doubled for each next one
    max_backoff: float = 30.0
    host_interval: float = 1.0  # seconds between two requests to the same host
    max_bytes: int = MAX_PAGE_BYTES
    max_redirects: int = 5
    user_agent: str = USER_AGENT
    respect_robots: bool = True


class FetchError(Exception):
    """A download failed; ``reason`` says why in words for the ledger."""

    def __init__(self, reason: str, url: str) -> None:
        self.reason = reason
        self.url = url
        super().__init__(f"{url}: {reason}")


class _Retryable(FetchError):
    """A failure worth another attempt (5xx, 429, timeout, dropped connection)."""

    def __init__(self, reason: str, url: str, retry_after: float | None = None) -> None:
        super().__init__(reason, url)
        self.retry_after = retry_after


@dataclass(frozen=True)
class Page:
    """A downloaded page: where it ended up after redirects, and its (decompressed) bytes."""

    url: str
    requested_url: str
    status: int
    content_type: str
    content: bytes
    fetched: dt.datetime


class Fetcher:
    """Downloads pages under the rules above; one per run, so robots.txt and the rate limit are per run.

    ``client`` (an ``httpx.Client``, not closed here) or ``transport`` replace the network in tests; ``sleep``
    and ``clock`` replace time, so the backoff and the rate limit can be checked without waiting.
    """

    def __init__(
        self,
        settings: FetchSettings | None = None,
        *,
        client: httpx.Client | None = None,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = settings or FetchSettings()
        self._own_client = client is None
        self.client = client or httpx.Client(transport=transport, timeout=httpx.Timeout(self.settings.timeout),
                                             follow_redirects=False)
        self.sleep = sleep
        self.clock = clock
        self._robots: dict[str, RobotFileParser] = {}
        self._robots_failure: dict[str, str] = {}
        self._last_request: dict[str, float] = {}
        self._host_interval: dict[str, float] = {}

    # -- the context manager ---------------------------------------------------------------------------------

    def close(self) -> None:
        if self._own_client:
            self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    # -- pages -----------------------------------------------------------------------------------------------

    def fetch(self, url: str) -> Page:
        """Download one HTML page, following redirects; raises FetchError with the reason."""
        check_url(url)
        visited = [url]
        current = url
        for _hop in range(self.settings.max_redirects + 1):
            self._check_robots(current)
            status, headers, content = self._get_with_retries(current, html_only=True)
            if status in REDIRECT_STATUSES:
                location = headers.get("location")
                if not location:
                    raise FetchError(f"HTTP {status} redirect without a Location", current)
                target = urljoin(current, location)
                if urlsplit(target).scheme not in ("http", "https"):
                    raise FetchError(f"redirect to a non-web address {target!r}", current)
                if target in visited:
                    raise FetchError(f"redirect loop: {' -> '.join([*visited, target])}", url)
                visited.append(target)
                current = target
                continue
            if status != 200:
                raise FetchError(f"HTTP {status}", current)
            content_type = _content_type(headers) or "text/html (sniffed)"
            return Page(url=current, requested_url=url, status=status, content_type=content_type, content=content,
                        fetched=dt.datetime.now(dt.UTC))
        raise FetchError(f"more than {self.settings.max_redirects} redirects: {' -> '.join(visited)}", url)

    def article(self, url: str, *, path: str | None = None, line: int | None = None) -> Article | ReadError:
        """The article at a URL, or a ReadError naming the URL and why it could not be had."""
        try:
            page = self.fetch(url)
        except FetchError as exc:
            return ReadError(f"{url}: {exc.reason}", path=path or url, line=line)
        try:
            article = parse_html(page.content, url=page.url, path=path,
                                 origin=Origin(path=path, line=line, url=url))
        except ReadError as exc:
            return ReadError(f"{url}: {exc.reason}", path=path or url, line=line)
        article.metadata["fetched"] = page.fetched.isoformat(timespec="seconds")
        if page.url != url:
            article.metadata["requested_url"] = url
        return article

    # -- one request -----------------------------------------------------------------------------------------

    def _get_with_retries(self, url: str, *, html_only: bool, max_bytes: int | None = None
                          ) -> tuple[int, httpx.Headers, bytes]:
        s = self.settings
        for attempt in range(s.retries + 1):
            try:
                return self._get(url, html_only=html_only, max_bytes=max_bytes or s.max_bytes)
            except _Retryable as exc:
                if attempt >= s.retries:
                    raise FetchError(f"{exc.reason} (gave up after {attempt + 1} attempts)", url) from None
                wait = min(s.backoff * 2**attempt, s.max_backoff)
                if exc.retry_after is not None:
                    wait = min(max(wait, exc.retry_after), s.max_backoff)
                self.sleep(wait)
        raise AssertionError("unreachable")  # pragma: no cover

    def _get(self, url: str, *, html_only: bool, max_bytes: int) -> tuple[int, httpx.Headers, bytes]:
        """One GET: status, headers and the body (empty for redirects and errors, which are not read)."""
        self._wait_for_host(url)
        start = self.clock()
        headers = {"User-Agent": self.settings.user_agent, "Accept-Encoding": "gzip, deflate",
                   "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1" if html_only else "*/*"}
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                status = response.status_code
                if status in RETRY_STATUSES:
                    raise _Retryable(f"HTTP {status}", url, _retry_after(response.headers.get("retry-after")))
                if status != 200:
                    return status, response.headers, b""
                if html_only:
                    content_type = _content_type(response.headers)
                    if content_type is not None and content_type not in HTML_TYPES:
                        raise FetchError(f"content type {content_type}, not an HTML page", url)
                declared = response.headers.get("content-length", "")
                encoding = response.headers.get("content-encoding", "identity").strip().lower()
                if declared.isdigit() and int(declared) > max_bytes and encoding in ("", "identity"):
                    raise FetchError(f"{declared} bytes, more than the limit of {max_bytes}", url)
                inflater = _BoundedInflater(encoding, max_bytes, url)
                for chunk in response.iter_raw(CHUNK):
                    inflater.feed(chunk)
                    if self.clock() - start > self.settings.deadline:
                        raise FetchError(f"download took longer than {self.settings.deadline:g} s", url)
                body = inflater.finish()
        except httpx.TimeoutException as exc:
            raise _Retryable(f"timed out ({type(exc).__name__})", url) from None
        except (httpx.TransportError, httpx.DecodingError) as exc:
            # a refused or dropped connection, a reset mid-body: worth another try
            raise _Retryable(f"connection failed: {exc or type(exc).__name__}", url) from None
        if html_only and _content_type(response.headers) is None and not _looks_like_html(body):
            raise FetchError("no content type, and the body is not HTML", url)
        return status, response.headers, body

    def _wait_for_host(self, url: str) -> None:
        """Sleep until this host may be asked again (the per-host rate limit)."""
        host = _host_key(url)
        interval = self._host_interval.get(host, self.settings.host_interval)
        last = self._last_request.get(host)
        if last is not None:
            wait = last + interval - self.clock()
            if wait > 0:
                self.sleep(wait)
        self._last_request[host] = self.clock()

    # -- robots.txt ------------------------------------------------------------------------------------------

    def _check_robots(self, url: str) -> None:
        if not self.settings.respect_robots:
            return
        host = _host_key(url)
        if host not in self._robots and host not in self._robots_failure:
            self._load_robots(host)
        if host in self._robots_failure:
            raise FetchError(self._robots_failure[host], url)
        if not self._robots[host].can_fetch(self.settings.user_agent, url):
            raise FetchError("robots.txt disallows it", url)

    def _load_robots(self, host: str) -> None:
        robots_url = f"{host}/robots.txt"
        parser = RobotFileParser(robots_url)
        try:
            status, _headers, body = self._get_robots(robots_url)
        except FetchError as exc:
            # RFC 9309 2.3.1.4: an unreachable robots.txt means the whole site is disallowed
            self._robots_failure[host] = f"robots.txt unreachable ({exc.reason}): the site is not fetched"
            return
        if status == 200:
            parser.parse(body.decode("utf-8", errors="replace").splitlines())
            delay = parser.crawl_delay(self.settings.user_agent)
            if delay is not None:
                self._host_interval[host] = max(self.settings.host_interval, min(float(delay), MAX_CRAWL_DELAY))
        else:
            parser.parse([])  # RFC 9309 2.3.1.3: no robots.txt (4xx) allows everything
        self._robots[host] = parser

    def _get_robots(self, robots_url: str) -> tuple[int, httpx.Headers, bytes]:
        """robots.txt, following up to five redirects (RFC 9309 2.3.1.2); a 5xx raises FetchError."""
        current = robots_url
        for _hop in range(6):
            status, headers, body = self._get_with_retries(current, html_only=False, max_bytes=MAX_ROBOTS_BYTES * 4)
            if status in REDIRECT_STATUSES and headers.get("location"):
                current = urljoin(current, headers["location"])
                continue
            if status >= 500:
                raise FetchError(f"HTTP {status}", robots_url)
            return status, headers, body[:MAX_ROBOTS_BYTES]
        return 404, httpx.Headers(), b""  # too many redirects: treated as unavailable (4xx), per RFC 9309


class _BoundedInflater:
    """Decompresses a gzip/deflate body at most ``limit`` bytes far, so a compressed bomb is refused unexpanded."""

    def __init__(self, encoding: str, limit: int, url: str) -> None:
        if encoding not in ("", "identity", "gzip", "x-gzip", "deflate"):
            raise FetchError(f"unsupported content encoding {encoding!r}", url)
        self.limit = limit
        self.url = url
        # wbits 47: a gzip or a zlib header, detected from the data
        self.inflater = zlib.decompressobj(47) if encoding not in ("", "identity") else None
        self.parts: list[bytes] = []
        self.size = 0

    def _add(self, data: bytes) -> None:
        self.size += len(data)
        if self.size > self.limit:
            raise FetchError(f"larger than the limit of {self.limit} bytes (download stopped)", self.url)
        self.parts.append(data)

    def feed(self, chunk: bytes) -> None:
        if self.inflater is None:
            self._add(chunk)
            return
        try:
            data = self.inflater.decompress(chunk, self.limit - self.size + 1)
            self._add(data)
            while self.inflater.unconsumed_tail:
                self._add(self.inflater.decompress(self.inflater.unconsumed_tail, self.limit - self.size + 1))
        except zlib.error as exc:
            raise FetchError(f"damaged compressed body ({exc})", self.url) from None

    def finish(self) -> bytes:
        if self.inflater is not None:
            try:
                self._add(self.inflater.flush())
            except zlib.error as exc:
                raise FetchError(f"damaged compressed body ({exc})", self.url) from None
        return b"".join(self.parts)


def _content_type(headers: httpx.Headers) -> str | None:
    value = headers.get("content-type")
    return (value.split(";")[0].strip().lower() or None) if value else None


def _looks_like_html(body: bytes) -> bool:
    head = body[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<body" in head or b"<head" in head


def _retry_after(value: str | None) -> float | None:
    return float(value) if value and value.strip().isdigit() else None


def _host_key(url: str) -> str:
    """``scheme://host[:port]``: robots.txt and the rate limit are per origin."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def check_url(url: str) -> None:
    """Raise FetchError unless ``url`` is an absolute http(s) URL with a host."""
    if len(url) > MAX_URL_LENGTH:
        raise FetchError(f"URL longer than {MAX_URL_LENGTH} characters", url[:80] + "...")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError("not an http(s) URL", url)


# -- .urls files ----------------------------------------------------------------------------------------------

_COMMENT = re.compile(r"(^|\s)#.*$")


def url_lines(path: Path) -> Iterator[tuple[int, str] | ReadError]:
    """``(line number, URL)`` for every URL in a ``.urls`` file; blank lines and ``#`` comments skipped."""
    where = str(path)
    try:
        fh = path.open("rb")
    except OSError as exc:
        yield ReadError.from_os_error(exc, where)
        return
    with fh:
        for lineno, raw in enumerate(fh, start=1):
            if len(raw) > MAX_URL_LENGTH + 1024:
                yield ReadError(f"line of {len(raw)} bytes is not a URL", path=where, line=lineno)
                continue
            try:
                line = _COMMENT.sub("", raw.decode("utf-8-sig" if lineno == 1 else "utf-8")).strip()
            except UnicodeDecodeError:
                yield ReadError("not UTF-8", path=where, line=lineno)
                continue
            if line:
                yield lineno, line


def fetch_urls(urls: Iterable[tuple[str, str | None, int | None]], fetcher: Fetcher | None = None,
               ) -> Generator[Article | ReadError, None, None]:
    """Download ``(url, path, line)`` items in order; a URL repeated (after normalisation) is not downloaded
    again but reported as ``skipped: same URL as line N``."""
    own = fetcher is None
    fetcher = fetcher or Fetcher()
    seen: dict[str, str] = {}
    try:
        for url, path, line in urls:
            try:
                check_url(url)
            except FetchError as exc:
                yield ReadError(f"{exc.url}: {exc.reason}", path=path or url, line=line)
                continue
            key = normalise_url(url)
            if key in seen:
                yield ReadError(f"skipped: same URL as {seen[key]} ({url})", path=path or url, line=line)
                continue
            seen[key] = f"line {line}" if line is not None else url
            yield fetcher.article(url, path=path, line=line)
    finally:
        if own:
            fetcher.close()


def read(path: Path, *, fetcher: Fetcher | None = None) -> Iterator[Article | ReadError]:
    """Download and read every page listed in a ``.urls`` file (one Article or one ReadError per URL line)."""
    errors: list[ReadError] = []

    def items() -> Iterator[tuple[str, str | None, int | None]]:
        for item in url_lines(path):
            if isinstance(item, ReadError):
                errors.append(item)
            else:
                yield item[1], str(path), item[0]

    for result in fetch_urls(items(), fetcher):
        while errors:
            yield errors.pop(0)
        yield result
    yield from errors

