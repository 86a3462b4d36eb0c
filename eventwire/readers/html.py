"""HTML news pages: the article body and metadata by trafilatura, plus what trafilatura drops, parsed with lxml.

trafilatura finds the main text of a page far better than anything hand-written (benchmarks/extraction.py
measures it), and through htmldate the publication date. It keeps neither photo captions with their credits
(it drops ``<figure>`` content) nor more than a flattened author string, and both matter to event data: a
caption often carries the place and date of an event, and a byline of two reporters has two authors. So the
page is parsed once (``trafilatura.load_html``), the same tree is

* given to trafilatura for the body (plain text, one line per block, split into paragraphs) and metadata
  (title, date, site name -> ``Article.source``, canonical URL, author);
* walked with lxml for captions (``<figcaption>``, elements with caption classes; the credit from a credit
  element inside or beside the caption, else from the caption's last words, as :func:`text.split_credit`
  recognises them) and for every author (JSON-LD ``author``, author ``<meta>`` tags, ``rel=author`` links,
  ``itemprop=author``, byline classes).

Hostile pages are bounded: a page (or a ``.html.gz`` after decompression) larger than :data:`MAX_PAGE_BYTES`
is refused with a ReadError, and a ``.gz`` is read through a bounded decompressor, so a gzip bomb is refused
after :data:`MAX_PAGE_BYTES` bytes instead of being expanded; an article with more than
:data:`MAX_PARAGRAPHS` paragraphs or :data:`MAX_ARTICLE_CHARS` characters is refused too.
"""

from __future__ import annotations

import gzip
import json
import re
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import trafilatura
from lxml import etree

from eventwire.errors import ReadError
from eventwire.model import Article, Caption, Origin
from eventwire.readers.ids import article_id, normalise_text
from eventwire.readers.text import MAX_PARAGRAPHS, classify, parse_iso_date, split_credit

# A news page with its markup, scripts and inline styles is 50 KB to 2 MB (the 91 pages of the extraction
# benchmark: 25 KB to 1.4 MB); 10 MB leaves room for the heaviest CMS pages and refuses anything larger.
MAX_PAGE_BYTES = 10_000_000
# The longest long-read is some 20,000 words (~130,000 characters); a page with more text is not one article.
MAX_ARTICLE_CHARS = 300_000
# A news brief has 50 words and more (the shortest body of the extraction benchmark's 91 pages has 69); fewer
# than this is a menu, a login wall or a video page's one-line description, not an article.
MIN_ARTICLE_WORDS = 25
MAX_CAPTIONS = 100  # a gallery page has dozens; past this they are carousel noise
MAX_AUTHORS = 20
MAX_JSON_LD_BYTES = 1_000_000  # a JSON-LD block larger than this is not metadata worth parsing

# trafilatura settings, chosen on the extraction benchmark's 91 development pages (shingle F1, see
# benchmarks/extraction.py): favour precision (boilerplate in the body turns into false events downstream:
# F1 0.963 -> 0.973) and leave out reader comments (not the article: 0.973 -> 0.976). Tables stay in
# (leaving them out cost recall, 0.976 -> 0.970), images out (alt texts are not body text: 0.976 -> 0.936).
EXTRACT_OPTIONS: dict[str, Any] = {
    "favor_precision": True,
    "include_comments": False,
    "include_tables": True,
    "include_images": False,
}

_PARSER_FAILURES = (ValueError, TypeError, AttributeError, IndexError, KeyError, RecursionError, etree.LxmlError)

HTML_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")

# class or id words that mark a caption, a credit, a byline (matched against class/id split on - _ and space)
CAPTION_WORDS = {"caption", "figcaption", "imagecaption", "photocaption", "wp-caption-text", "cutline"}
CREDIT_WORDS = {"credit", "credits", "copyright", "photographer", "attribution", "imagecredit", "photocredit"}
BYLINE_WORDS = {"byline", "bylines", "author-name", "authorname", "author", "authors", "contributor",
                "contributors", "writer"}
# words that say an element holding an author class is not a byline (comment threads, author bios, avatars)
NOT_BYLINE_WORDS = {"comment", "comments", "bio", "avatar", "image", "img", "photo", "twitter", "social", "more",
                    "related", "description", "about"}
# class or id words of regions whose author names belong to other texts
OTHER_REGION_WORDS = {"comment", "comments", "related", "recommended", "sidebar", "promo", "trending", "popular",
                      "teaser", "teasers", "outbrain", "taboola", "newsletter", "footer", "nav", "menu"}
_WORD_SPLIT = re.compile(r"[\s_]+")

AUTHOR_META_NAMES = {"author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "dcterms.creator",
                     "byl", "cxenseparse:author", "citation_author"}
ARTICLE_TYPES = {"article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "blogposting",
                 "opinionnewsarticle", "backgroundnewsarticle", "report", "webpage", "liveblogposting"}
# words that make a byline fragment a role or a notice, not a name
NOT_NAME_WORDS = {"staff", "writer", "writers", "reporter", "reporters", "editor", "editors", "correspondent",
                  "columnist", "contributor", "contributors", "updated", "published", "posted", "min", "read",
                  "share", "follow", "email", "view", "all", "posts", "more", "articles", "by", "and", "photo",
                  "photos", "video", "the", "team", "newsroom", "desk", "admin", "administrator", "guest", "about",
                  "stories", "recent", "watch", "topic", "topics", "image", "images", "getty", "profile",
                  "sponsored", "partner", "content"}
NAME_PARTICLES = {"de", "da", "del", "della", "der", "den", "van", "von", "bin", "al", "el", "la", "le", "du", "dos",
                  "di", "ibn", "ter", "y", "e"}
MAX_NAME_WORDS = 5
_BYLINE_PREFIX = re.compile(r"^\s*(?:by|written by|words by|reporting by|von|par|por)\s*[:\-]?\s+", re.I)
# separators between names; a full stop too, after a word of two letters or more ("Finian Cunningham. Sputnik")
_BYLINE_SPLIT = re.compile(r"\s*(?:[,;|/•·]|(?<=\w\w)\.\s|\band\b|&|\bund\b|\bet\b|\by\b)\s*", re.I)
CREDENTIALS = {"ms", "ma", "md", "phd", "rd", "rdn", "mba", "mph", "rn", "jd", "cpt", "msc", "bsc", "dr", "jr", "sr"}
_CREDIT_PREFIX = re.compile(r"^\s*(?:©|\(c\)|copyright\b|photo(?:graph)?s?\b|picture\b|image\b|credit\b|foto\b)"
                            r"(?:\s*(?:by|credit))?\s*[:\-]?\s*", re.I)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_HANDLE = re.compile(r"@\w+")  # "Keris Lahiff@kerisalison": the Twitter handle beside the name
_LIST_MARKER = re.compile(r"^(?:[-*•]|\d{1,3}[.)])\s+")
_SPACE = re.compile(r"\s+")


# -- reading files --------------------------------------------------------------------------------------------


def read_bounded(path: Path, limit: int | None = None) -> bytes:
    """The bytes of a page file, decompressing ``.gz`` through a bounded reader; ReadError past ``limit``.

    ``GzipFile.read(n)`` inflates at most what it returns, so a gzip bomb costs ``limit`` bytes of memory and
    is then refused; it is never expanded in full.
    """
    where = str(path)
    limit = MAX_PAGE_BYTES if limit is None else limit
    try:
        if path.name.lower().endswith(".gz"):
            with gzip.open(path, "rb") as fh:
                data = fh.read(limit + 1)
            if len(data) > limit:
                raise ReadError(f"decompresses to more than the limit of {limit} bytes for one page "
                                "(refused without expanding it: a gzip bomb?)", path=where)
            return data
        size = path.stat().st_size
        if size > limit:
            raise ReadError(f"{size} bytes, more than the limit of {limit} for one page", path=where)
        return path.read_bytes()
    except (gzip.BadGzipFile, zlib.error, EOFError) as exc:
        raise ReadError(f"not a valid gzip file ({exc})", path=where) from None
    except OSError as exc:
        raise ReadError.from_os_error(exc, where) from None


def _is_html_file(path: Path) -> bool:
    return path.name.lower().endswith(HTML_SUFFIXES)


def read(path: Path) -> Iterator[Article | ReadError]:
    """Read an HTML page (``.html``, ``.htm``, ``.html.gz``), or every page in a folder of them (sorted)."""
    files: Iterable[Path]
    if path.is_dir():
        files = (p for p in sorted(path.rglob("*")) if p.is_file() and _is_html_file(p)
                 and not any(part.startswith(".") for part in p.relative_to(path).parts))
    else:
        files = [path]
    for file in files:
        try:
            yield parse_html(read_bounded(file), path=str(file))
        except ReadError as exc:
            yield exc


# -- the page -------------------------------------------------------------------------------------------------


def parse_html(html: str | bytes, *, url: str | None = None, path: str | None = None,
               origin: Origin | None = None) -> Article:
    """One article from one HTML page; raises ReadError (with the reason) when the page holds no article.

    ``url`` is where the page came from (else its canonical URL is used, when it declares one); ``origin``
    overrides the default provenance ``Origin(path, url)`` (the WARC reader gives offset and length).
    """
    size = len(html)
    if size > MAX_PAGE_BYTES:
        raise ReadError(f"{size} bytes, more than the limit of {MAX_PAGE_BYTES} for one page", path=path)
    if not html.strip():
        raise ReadError("empty page", path=path)
    try:
        tree = trafilatura.load_html(html)
        if tree is None:
            raise ReadError("not an HTML page (nothing to parse)", path=path)
        document = trafilatura.bare_extraction(tree, url=url, with_metadata=True, **EXTRACT_OPTIONS)
    except _PARSER_FAILURES as exc:
        # hostile or broken markup can trip the parsers; one page's failure must not stop a run of thousands
        raise ReadError(f"the page could not be parsed ({type(exc).__name__}: {exc})", path=path) from None
    if document is None or isinstance(document, dict):  # a dict only with as_dict=True, never asked for here
        raise ReadError("no article text found in the page", path=path)

    captions = extract_captions(tree)
    paragraphs = body_paragraphs(document.text or "", captions)
    title = _clean(document.title) or None
    if paragraphs and title and normalise_text(paragraphs[0]) == normalise_text(title):
        paragraphs = paragraphs[1:]  # the headline, kept as the title
    words = sum(len(p.split()) for p in paragraphs)
    if words < MIN_ARTICLE_WORDS:
        raise ReadError(f"no article text found in the page ({words} words of body text)", path=path)
    if len(paragraphs) > MAX_PARAGRAPHS:
        raise ReadError(f"{len(paragraphs)} paragraphs, more than the limit of {MAX_PARAGRAPHS}", path=path)
    chars = sum(len(p) for p in paragraphs) + sum(len(c.text) for c in captions)
    if chars > MAX_ARTICLE_CHARS:
        raise ReadError(f"{chars} characters of text, more than the limit of {MAX_ARTICLE_CHARS} for one article",
                        path=path)

    page_url = url or _clean(document.url) or None
    published = parse_iso_date(document.date) if document.date else None
    metadata: dict[str, Any] = {}
    if published is None:
        metadata["warning"] = "no publication date in the page: relative dates stay unresolved"
    if document.description:
        metadata["description"] = _clean(document.description)
    content = "\n\n".join(paragraphs + [c.text for c in captions])
    return Article(
        id=article_id(page_url, content),
        paragraphs=paragraphs,
        captions=captions,
        title=title,
        url=page_url,
        source=_clean(document.sitename) or _hostname(page_url),
        authors=extract_authors(tree, document.author, document.sitename),
        published=published,
        published_precision="day" if published else None,
        language=declared_language(tree) or (document.language or None),
        origin=origin or Origin(path=path, url=url),
        metadata=metadata,
    )


def body_paragraphs(text: str, captions: list[Caption]) -> list[str]:
    """trafilatura's text (one block a line) as paragraphs, less the captions (kept apart, with credits).

    A line that is one of the page's captions (with or without its credit) is dropped; a line that ends with
    a photo credit (as in wire copy pasted into a CMS) becomes a caption, as in plain-text stories.
    """
    known = set()
    for caption in captions:
        known.add(normalise_text(caption.text))
        if caption.credit:
            known.add(normalise_text(f"{caption.text} {caption.credit}"))
    lines = [_LIST_MARKER.sub("", _clean(line)) for line in text.splitlines()]
    lines = [line for line in lines if line and normalise_text(line) not in known]
    body, inline_captions = classify(lines)
    for caption in inline_captions:
        if normalise_text(caption.text) not in known and len(captions) < MAX_CAPTIONS:
            captions.append(caption)
            known.add(normalise_text(caption.text))
    return body


def _attribute_contains(*words: str) -> str:
    """An XPath test: the element's class or id contains one of the words, lower-case or capitalised (a cheap
    pre-filter, much faster than lower-casing every attribute with ``translate``; :func:`_words` then checks
    whole words)."""
    forms = [form for w in words for form in (w, w.capitalize())]
    return " or ".join(f"contains(@{attr}, '{form}')" for form in forms for attr in ("class", "id"))


# compiled once; ``[@class or @id]`` first, so that elements without either skip the string tests
_CAPTION_CANDIDATES = etree.XPath(f"//figcaption | //*[@class or @id][{_attribute_contains('caption', 'cutline')}]")
_BYLINE_CLASSES = _attribute_contains("byline", "author", "contributor", "writer")
_AUTHOR_CANDIDATES = etree.XPath("//a[contains(@rel, 'author')] | //*[contains(@itemprop, 'author')] | "
                                 f"//*[@class or @id][{_BYLINE_CLASSES}]")


# -- captions -------------------------------------------------------------------------------------------------


def _words(element: Any) -> set[str]:
    """The lower-cased words of an element's class and id (``image-caption__text`` -> {image-caption__text,
    image, caption, text}), to match class vocabularies without a regex per element."""
    raw = f"{element.get('class') or ''} {element.get('id') or ''}".lower()
    out: set[str] = set()
    for token in _WORD_SPLIT.split(raw):
        if token:
            out.add(token)
            out.update(part for part in re.split(r"[-]+", token) if part)
    return out


_TEXT_NODES = "|".join(f"ancestor::{tag}" for tag in ("script", "style", "noscript", "template", "button", "svg"))
_VISIBLE_TEXT = etree.XPath(f".//text()[not({_TEXT_NODES})]")


_BLOCK_TAGS = {"p", "div", "br", "li", "ul", "ol", "figcaption", "figure", "section", "article", "header", "footer",
               "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "table", "tr", "td", "th", "dd", "dt", "aside"}


def _text(element: Any) -> str:
    """The visible text of an element: scripts, styles and templates left out, a space between blocks (and
    none inside a word split by inline tags), white space collapsed."""
    parts: list[str] = []
    for piece in _VISIBLE_TEXT(element):
        owner = piece.getparent()  # the element whose text, or tail, this is
        if owner is not None and owner.tag in _BLOCK_TAGS:
            parts.append(" ")
        parts.append(str(piece))
    return _clean("".join(parts))


def _is_below(node: Any, top: Any) -> bool:
    """Whether ``node`` is ``top`` or one of its descendants."""
    while node is not None:
        if node is top:
            return True
        node = node.getparent()
    return False


def _clean(value: str | None) -> str:
    return _SPACE.sub(" ", value or "").strip()


def _normalise_credit(credit: str) -> str:
    credit = _clean(credit).strip("()[] ")
    credit = _CREDIT_PREFIX.sub("", credit).strip()
    return credit


def extract_captions(tree: Any) -> list[Caption]:
    """Photo captions with their credits: ``<figcaption>`` and elements whose class says caption.

    The credit comes from an element with a credit class (or ``<small>``/``<cite>``) inside the caption or
    beside it in the same ``<figure>``; else from the caption's own last words (``... EPA-EFE/NAME``,
    ``(Photo: NAME)``), as :func:`eventwire.readers.text.split_credit` recognises them. An element with a
    caption class but more than :data:`MAX_CAPTION_WORDS` words is a container (``class="has-caption"``), not
    a caption: its descendants are looked at instead.
    """
    captions: list[Caption] = []
    chosen: list[Any] = []
    seen: set[str] = set()
    for element in _CAPTION_CANDIDATES(tree):  # document order: a container before what it holds
        if element.tag in _NOT_CAPTION_TAGS or (element.tag != "figcaption" and not _words(element) & CAPTION_WORDS):
            continue
        if any(_is_below(element, earlier) for earlier in chosen):
            continue
        caption = _caption_of(element)
        if caption is None:
            continue
        chosen.append(element)
        key = normalise_text(caption.text)
        if key not in seen:
            seen.add(key)
            captions.append(caption)
            if len(captions) >= MAX_CAPTIONS:
                break
    return captions


_NOT_CAPTION_TAGS = {"html", "body", "head", "script", "style", "meta", "link", "img", "noscript", "template", "svg"}
MAX_CAPTION_WORDS = 150  # the longest agency captions run to 80 words; beyond 150 it is a container


def _caption_of(element: Any) -> Caption | None:
    """The caption an element holds, or None when it holds too few words (an icon label) or too many."""
    text = _text(element)
    if len(text.split()) > MAX_CAPTION_WORDS:
        return None
    credit_elements = [e for e in element.iterdescendants()
                       if isinstance(e.tag, str) and (_words(e) & CREDIT_WORDS or e.tag in ("small", "cite"))]
    credits = [t for t in (_text(e) for e in credit_elements) if t]
    for credit_text in credits:
        text = _clean(text.replace(credit_text, " "))
    if not credits:
        figure = next((a for a in element.iterancestors() if a.tag == "figure"), None)
        if figure is not None:
            beside = [e for e in figure.iterdescendants() if isinstance(e.tag, str) and _words(e) & CREDIT_WORDS
                      and not _is_below(e, element) and not _is_below(element, e)]
            credits = [t for t in (_text(e) for e in beside) if t]
    credit = " ".join(credits) or None
    if credit is None and (split := split_credit(text)):
        text, credit = split
    text = text.strip()
    if len(text.split()) < 3:
        return None
    return Caption(text, (_normalise_credit(credit) or None) if credit else None)


# -- authors --------------------------------------------------------------------------------------------------


def extract_authors(tree: Any, trafilatura_author: str | None = None, site_name: str | None = None) -> list[str]:
    """Every author of the article, in byline order, each once.

    The page's own metadata comes first: JSON-LD ``author`` of the article object and author ``<meta>`` tags.
    Then the byline on the page: the first element (in document order) with a byline class, ``rel=author`` or
    ``itemprop=author`` that holds a name, together with such elements beside it (the same parent or
    grandparent: ``By <a rel=author>A</a> and <a rel=author>B</a>``). Author classes further down a page
    name the authors of related stories and comments, so only that first byline counts, and when the
    metadata names authors it counts only if it repeats one of them (then its other names are co-authors the
    metadata left out). trafilatura's author string is the last resort. Each value is split on commas,
    ``and``, ``&``; fragments that are roles, notices or the site's own name are dropped.
    """
    structured: list[str] = []
    for value in _json_ld_authors(tree) + [m.get("content") for m in tree.iter("meta")
                                           if (m.get("name") or m.get("property") or "").strip().lower()
                                           in AUTHOR_META_NAMES and m.get("content")]:
        for name in split_byline(value):
            _add_name(structured, name)
    byline = _byline_names(tree)
    if not structured:
        authors = byline
    else:
        authors = structured
        if any(_same_name(a, b) for a in byline for b in structured):
            for name in byline:
                _add_name(authors, name)
    if not authors and trafilatura_author:
        for value in trafilatura_author.split(";"):
            for name in split_byline(value):
                _add_name(authors, name)
    site = _name_key(site_name or "")
    return [a for a in authors if _name_key(a) != site][:MAX_AUTHORS]


def _byline_elements(tree: Any) -> Iterator[tuple[Any, str]]:
    """Elements that may hold a byline, in document order, with their text."""
    for element in _AUTHOR_CANDIDATES(tree):
        if element.tag in ("body", "html", "article", "main", "meta", "link", "script", "style", "img"):
            continue
        if _in_other_region(element):
            continue
        if element.tag == "a" and "author" in (element.get("rel") or "").lower().split():
            yield element, _text(element)
        elif (element.get("itemprop") or "").lower() == "author":
            name = next((e for e in element.iterdescendants() if (e.get("itemprop") or "").lower() == "name"), None)
            yield element, (name.get("content") or _text(name)) if name is not None else _text(element)
        else:
            words = _words(element)
            if words & BYLINE_WORDS and not words & NOT_BYLINE_WORDS:
                text = _text(element)
                if len(text) <= MAX_BYLINE_CHARS:
                    yield element, text


MAX_BYLINE_CHARS = 200  # "By A, B and C, Reuters | Updated 10:04 GMT": a longer text is an author bio or a list


def _byline_names(tree: Any) -> list[str]:
    """The names of the first byline on the page, with the byline elements beside it.

    Of nested byline elements only the innermost that hold names count: ``<div class="entry-byline">`` may
    hold the date and the categories beside ``<span class="entry-author">``.
    """
    found: list[tuple[Any, list[str]]] = []
    first: Any = None
    for element, text in _byline_elements(tree):
        names = split_byline(text)
        if not names:
            continue
        if first is None:
            first = element
        elif not _near(element, first):
            continue
        found.append((element, names))
    result: list[str] = []
    for element, names in found:
        if any(other is not element and _is_below(other, element) for other, _ in found):
            continue
        for name in names:
            _add_name(result, name)
    return result


def _near(element: Any, first: Any) -> bool:
    """Whether an element belongs to the same byline as ``first``: inside it, or beside it (same parent)."""
    parent = first.getparent()
    return _is_below(element, first) or (parent is not None and _is_below(element, parent))


def _in_other_region(element: Any) -> bool:
    """Whether an element sits where author names are not this article's: comments, related stories, asides,
    navigation, footers. The classes of the page's outer elements (``<body class="one-sidebar">``,
    ``<header class="no-promo">``) describe the layout, not a region, and are not looked at."""
    for ancestor in element.iterancestors():
        if ancestor.tag in ("aside", "nav", "footer"):
            return True
        if ancestor.tag not in _LAYOUT_TAGS and _words(ancestor) & OTHER_REGION_WORDS:
            return True
    return False


_LAYOUT_TAGS = {"html", "body", "main", "article", "header"}


def _name_key(name: str) -> str:
    return re.sub(r"[^\w]+", " ", name.casefold()).strip()


def _same_name(a: str, b: str) -> bool:
    return _name_key(a) == _name_key(b)


def _add_name(authors: list[str], name: str) -> None:
    """Add a name unless it is there already; a fuller form ("Jane Doe" after "Doe") replaces a shorter one."""
    tokens = _name_key(name).split()
    for i, known in enumerate(authors):
        known_tokens = _name_key(known).split()
        if all(t in known_tokens for t in tokens):
            return
        if all(t in tokens for t in known_tokens):
            authors[i] = name
            return
    authors.append(name)


def _json_ld_authors(tree: Any) -> list[str]:
    names: list[str] = []
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        if len(script.text) > MAX_JSON_LD_BYTES:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        for node in _json_nodes(data):
            types_ = node.get("@type")
            type_names = {t.lower() for t in (types_ if isinstance(types_, list) else [types_]) if isinstance(t, str)}
            if type_names & ARTICLE_TYPES and "author" in node:
                names += _person_names(node["author"])
    return names


def _json_nodes(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Every JSON object in a JSON-LD document (``@graph`` included), to a bounded depth."""
    if depth > 6:
        return
    if isinstance(data, list):
        for item in data[:200]:
            yield from _json_nodes(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        for key in ("@graph", "mainEntity", "mainEntityOfPage", "itemListElement"):
            if key in data:
                yield from _json_nodes(data[key], depth + 1)


def _person_names(value: Any) -> list[str]:
    """The names in a JSON-LD ``author`` value; organisations ("CNN Business") only when no person is named."""
    items = value[:MAX_AUTHORS] if isinstance(value, list) else [value]
    people: list[str] = []
    organisations: list[str] = []
    for item in items:
        if isinstance(item, str):
            people.append(item)
        elif isinstance(item, dict) and isinstance(item.get("name"), str):
            kind = item.get("@type")
            is_org = isinstance(kind, str) and kind.lower() in ("organization", "newsmediaorganization", "corporation")
            (organisations if is_org else people).append(item["name"])
    return people or organisations


def split_byline(value: str) -> list[str]:
    """The names in a byline: ``"By Jane Doe and John Roe, Reuters"`` -> ``["Jane Doe", "John Roe", "Reuters"]``."""
    value = _clean(value)
    if not value or len(value) > 300 or "://" in value:
        return []
    value = _BYLINE_PREFIX.sub("", _HANDLE.sub(" ", _EMAIL.sub(" ", value)))
    names = []
    for part in _BYLINE_SPLIT.split(value):
        part = _BYLINE_PREFIX.sub("", f"{part} ").strip(" .:-–—")
        if is_name(part):
            # "TOM KRISHER" -> "Tom Krisher": shouting is the site's style, not the name
            names.append(part.title() if part.isupper() and len(part) > 3 else part)
    return names


def is_name(value: str) -> bool:
    """Whether a byline fragment reads as a person's (or agency's) name: 1-5 capitalised words, no digits."""
    words = value.split()
    if not 1 <= len(words) <= MAX_NAME_WORDS or any(ch.isdigit() or ch in ":?!\"" for ch in value):
        return False
    if re.search(r"['’]s\b", value):  # "Ryan Reed's Most Recent Stories"
        return False
    if value.lower().strip(".") in CREDENTIALS or re.search(r"\w\.(?:com|org|net|co|uk|news)\b", value, re.I):
        return False
    if any(w.lower().strip(".,") in NOT_NAME_WORDS for w in words):
        return False
    if not all(w[0].isupper() or w.lower() in NAME_PARTICLES or w[0] in "'’(" for w in words):
        return False
    return any(ch.isalpha() for ch in value) and len(value) >= 2


# -- other metadata -------------------------------------------------------------------------------------------


def declared_language(tree: Any) -> str | None:
    """The language the page declares (``<html lang="en-GB">``, ``og:locale``, content-language): ``"en"``."""
    candidates = [tree.get("lang"), tree.get("{http://www.w3.org/XML/1998/namespace}lang")]
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("http-equiv") or "").lower()
        if key in ("og:locale", "content-language", "language", "dc.language"):
            candidates.append(meta.get("content"))
    for value in candidates:
        if code := declared_language_code(value):
            return code
    return None


def declared_language_code(value: str | None) -> str | None:
    """The language part of a language tag, lower-cased (``en-GB``, ``en_US`` -> ``en``), else None."""
    if value and (m := re.match(r"\s*([a-zA-Z]{2,3})(?:[-_][A-Za-z0-9]+)*\s*$", value)):
        return m.group(1).lower()
    return None


def _hostname(url: str | None) -> str | None:
    if not url:
        return None
    m = re.match(r"^[a-z][a-z0-9+.-]*://(?:[^@/]*@)?([^/:?#]+)", url, re.I)
    return m.group(1).lower().removeprefix("www.") if m else None


def fragment_paragraphs(html: str) -> list[str]:
    """The paragraphs of an HTML fragment (a feed entry's summary or content): one per block element.

    Not trafilatura: a fragment has no boilerplate to remove, and trafilatura refuses texts this short.
    """
    import lxml.html

    if not html.strip():
        return []
    if "<" not in html:
        return [p for p in (_clean(b) for b in re.split(r"\n\s*\n", html)) if p]
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return []
    for bad in root.xpath(".//script|.//style|.//noscript|.//template"):
        bad.drop_tree()
    for br in root.iter("br"):
        br.tail = "\n\n" + (br.tail or "")
    blocks = {"p", "div", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "tr", "figcaption",
              "section", "article", "ul", "ol", "table", "dd", "dt"}
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag in blocks and element is not root:
            element.text = "\n\n" + (element.text or "")
            element.tail = "\n\n" + (element.tail or "")
    text = root.text_content()
    return [p for p in (_clean(b) for b in re.split(r"\n\s*\n", text)) if p]


