"""The feed reader: RSS and Atom entries become articles with link, title, date and line; feeds that declare
entities (a billion-laughs feed) or a DTD subset are refused before any parser sees them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eventwire.errors import ReadError
from eventwire.model import Article
from eventwire.readers import feeds, read_all

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Harbour Post</title>
  <link>https://harbourpost.example/</link>
  <language>en-gb</language>
  <item>
    <title>Dockers strike at Rotterdam</title>
    <link>https://harbourpost.example/news/strike?utm_source=rss</link>
    <pubDate>Tue, 08 Oct 2019 09:14:00 +0200</pubDate>
    <dc:creator>Anna Berg and Tom Otten</dc:creator>
    <description>Dock workers walked out at Rotterdam.</description>
    <content:encoded><![CDATA[<p>Thousands of dock workers walked off the job at the port of Rotterdam on
      Tuesday.</p><p>Cranes stood idle and ships waited at anchor.</p>
      <p>Dockers hold banners outside a terminal in Rotterdam, 8 October 2019. EPA-EFE/ROBIN UTRECHT</p>]]>
    </content:encoded>
  </item>
  <item>
    <title>Antwerp braces for diverted cargo</title>
    <link>https://harbourpost.example/news/antwerp</link>
    <pubDate>Wed, 09 Oct 2019 07:00:00 +0200</pubDate>
    <description>&lt;p&gt;Antwerp expects more ships as the Rotterdam strike goes on.&lt;/p&gt;</description>
  </item>
  <item>
    <title>Photo gallery: the strike in pictures</title>
    <link>https://harbourpost.example/gallery/strike</link>
  </item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Port Wire</title>
  <id>urn:example:port-wire</id>
  <updated>2019-10-09T10:00:00Z</updated>
  <entry>
    <title>Talks to resume on Thursday</title>
    <id>urn:example:port-wire:1</id>
    <link href="https://portwire.example/talks"/>
    <updated>2019-10-09T10:00:00Z</updated>
    <author><name>Joris Smit</name></author>
    <content type="html">&lt;p&gt;Union and employers will meet again on Thursday.&lt;/p&gt;</content>
  </entry>
</feed>
"""

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title>
<item><title>x</title><description>&lol9;</description></item></channel></rss>
"""


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_rss_entries(tmp_path: Path) -> None:
    path = write(tmp_path, "port.rss", RSS)
    results = list(feeds.read(path))
    assert len(results) == 3
    first, second, third = results
    assert isinstance(first, Article) and isinstance(second, Article) and isinstance(third, ReadError)

    assert first.title == "Dockers strike at Rotterdam"
    assert first.url == "https://harbourpost.example/news/strike?utm_source=rss"
    assert first.source == "Harbour Post" and first.language == "en"
    assert first.published == dt.date(2019, 10, 8)
    assert first.authors == ["Anna Berg", "Tom Otten"]
    assert first.paragraphs == ["Thousands of dock workers walked off the job at the port of Rotterdam on Tuesday.",
                                "Cranes stood idle and ships waited at anchor."]
    assert [c.credit for c in first.captions] == ["EPA-EFE/ROBIN UTRECHT"]
    # provenance: the line of the <item>, which is also the entry's key in the ledger
    assert first.origin is not None and first.origin.path == str(path) and first.origin.line == 8

    assert second.paragraphs == ["Antwerp expects more ships as the Rotterdam strike goes on."]
    assert second.metadata["summary_only"] is True
    assert second.origin is not None and second.origin.line == 19

    assert "entry 3 (https://harbourpost.example/gallery/strike): no content or summary" in third.reason
    assert third.line == 25


def test_atom_entries_through_the_registry(tmp_path: Path) -> None:
    path = write(tmp_path, "wire.atom", ATOM)
    [article] = list(read_all([path]))
    assert isinstance(article, Article)
    assert article.url == "https://portwire.example/talks"
    assert article.authors == ["Joris Smit"] and article.source == "Port Wire"
    assert article.published == dt.date(2019, 10, 9)
    assert article.paragraphs == ["Union and employers will meet again on Thursday."]


def test_billion_laughs_is_refused_not_expanded(tmp_path: Path) -> None:
    for name, encoding in (("laughs.rss", "utf-8"), ("laughs16.xml", "utf-16")):
        path = write(tmp_path, name, BILLION_LAUGHS, encoding)
        [error] = list(feeds.read(path))
        assert isinstance(error, ReadError)
        assert "refused" in error.reason and "<!ENTITY>" in error.reason and error.path == str(path)


def test_internal_dtd_subset_is_refused(tmp_path: Path) -> None:
    text = RSS.replace('<?xml version="1.0" encoding="utf-8"?>',
                       '<?xml version="1.0"?>\n<!DOCTYPE rss [ <!ATTLIST rss version CDATA "2.0"> ]>')
    [error] = list(feeds.read(write(tmp_path, "subset.rss", text)))
    assert isinstance(error, ReadError) and "internal DTD subset" in error.reason


def test_public_doctype_of_old_rss_is_accepted(tmp_path: Path) -> None:
    text = RSS.replace('<?xml version="1.0" encoding="utf-8"?>',
                       '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD '
                       'RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">')
    results = list(feeds.read(write(tmp_path, "old.rss", text)))
    assert sum(isinstance(r, Article) for r in results) == 2


def test_not_a_feed_and_too_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    [error] = list(feeds.read(write(tmp_path, "sitemap.xml", "<urlset><url><loc>x</loc></url></urlset>")))
    assert isinstance(error, ReadError) and "no entries" in error.reason
    monkeypatch.setattr(feeds, "MAX_FEED_BYTES", 100)
    [error] = list(feeds.read(write(tmp_path, "big.rss", RSS)))
    assert isinstance(error, ReadError) and "more than the limit of 100" in error.reason
