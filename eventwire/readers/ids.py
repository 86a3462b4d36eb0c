"""Stable article ids: a hash of the normalised URL when there is one, else of the normalised text."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

ID_LENGTH = 16  # hex digits: 64 bits, no collision expected below billions of articles

# Query parameters that track a reader, not name a page.
TRACKING_PARAMS = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid|smid|ref|ref_src|taid|at_\w+)$", re.I)


def normalise_url(url: str) -> str:
    """Lower-case scheme and host, no ``www.``, no fragment, no tracking parameters, no ``/amp`` or trailing slash."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("amp.")
    path = re.sub(r"/amp/?$|/amp(?=/)", "", parts.path) or "/"
    path = path.rstrip("/") or "/"
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query) if not TRACKING_PARAMS.match(k) and k != "amp"))
    scheme = "https" if parts.scheme in ("http", "https", "") else parts.scheme.lower()
    return urlunsplit((scheme, host, path, query, ""))


def normalise_text(text: str) -> str:
    """NFKC, case-folded, quotes unified, white space collapsed: what stays the same when a copy is re-typed."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"[“”„«»\"]", '"', text)
    text = re.sub(r"[‘’‚']", "'", text)
    return re.sub(r"\s+", " ", text).strip()


def article_id(url: str | None, text: str) -> str:
    key = "url:" + normalise_url(url) if url else "text:" + normalise_text(text)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:ID_LENGTH]
