"""The embedded store: SQLite from the standard library, with migrations and an FTS5 index over article text.

An article is written once: its id is a hash of its normalised URL or text, and writing the same article
again changes nothing. Each batch is written in one transaction, together with its ingest-ledger rows, so an
interrupted run leaves either the whole batch or none of it, and the next run skips what is stored.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from eventwire.errors import StoreError
from eventwire.model import Article, Mention

# Each migration brings the schema from version i to i+1; never edit one that has shipped, add a new one.
MIGRATIONS: list[str] = [
    # 1: articles, everything the stages produce, the ingest ledger, full-text search
    """
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        url TEXT, title TEXT, source TEXT, authors TEXT,
        published TEXT, published_precision TEXT, language TEXT,
        paragraphs TEXT NOT NULL, captions TEXT NOT NULL, origin TEXT, metadata TEXT, tone TEXT,
        knowledge_hash TEXT, pipeline_version TEXT, stages TEXT,
        document TEXT NOT NULL,
        stored_at TEXT NOT NULL
    );
    CREATE INDEX articles_published ON articles(published);
    CREATE TABLE actors (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        id TEXT NOT NULL, name TEXT, kind TEXT, role TEXT, country TEXT, sector TEXT, organisation TEXT,
        evidence TEXT,
        PRIMARY KEY (article_id, id)
    );
    CREATE INDEX actors_name ON actors(name);
    CREATE INDEX actors_country ON actors(country, sector);
    CREATE TABLE places (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        id TEXT NOT NULL, geonameid INTEGER, name TEXT, feature_class TEXT, country TEXT, admin1 TEXT,
        lat REAL, lon REAL, population INTEGER, resolution_reason TEXT,
        PRIMARY KEY (article_id, id)
    );
    CREATE INDEX places_geonameid ON places(geonameid);
    CREATE TABLE mentions (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        owner TEXT NOT NULL, owner_id TEXT NOT NULL,
        text TEXT, section TEXT, paragraph INTEGER, start INTEGER, "end" INTEGER, sentence INTEGER, label TEXT
    );
    CREATE INDEX mentions_owner ON mentions(article_id, owner, owner_id);
    CREATE TABLE times (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL, text TEXT, value TEXT, granularity TEXT, type TEXT, resolution TEXT, reason TEXT,
        section TEXT, paragraph INTEGER, start INTEGER, "end" INTEGER, sentence INTEGER,
        PRIMARY KEY (article_id, idx)
    );
    CREATE TABLE quotes (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        id TEXT NOT NULL, kind TEXT, content TEXT, cue TEXT, speaker TEXT, speaker_text TEXT, confidence REAL,
        section TEXT, paragraph INTEGER, start INTEGER, "end" INTEGER, sentence INTEGER,
        PRIMARY KEY (article_id, id)
    );
    CREATE TABLE events (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        id TEXT NOT NULL, type TEXT NOT NULL, mode TEXT, contexts TEXT,
        source TEXT, target TEXT, place TEXT, date TEXT, date_precision TEXT,
        negated INTEGER, hypothetical INTEGER, future INTEGER, historical INTEGER, reported_by TEXT,
        section TEXT, paragraph INTEGER, sentence_index INTEGER, sentence TEXT,
        cameo TEXT, acled_type TEXT, acled_subtype TEXT, intensity REAL, tone REAL,
        explanation TEXT, knowledge_hash TEXT, pipeline_version TEXT,
        PRIMARY KEY (article_id, id)
    );
    CREATE INDEX events_type_date ON events(type, date);
    CREATE TABLE ledger (
        input TEXT NOT NULL, item TEXT NOT NULL,
        status TEXT NOT NULL, reason TEXT, article_id TEXT, at TEXT NOT NULL,
        PRIMARY KEY (input, item)
    );
    CREATE INDEX ledger_status ON ledger(status);
    CREATE VIRTUAL TABLE articles_fts USING fts5(article_id UNINDEXED, title, body);
    """,
    # 2: copies of a stored article found elsewhere (the same wire story syndicated by other sites)
    """
    CREATE TABLE copies (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        input TEXT NOT NULL, item TEXT NOT NULL, url TEXT, source TEXT,
        kind TEXT NOT NULL, similarity REAL, at TEXT NOT NULL,
        PRIMARY KEY (input, item)
    );
    CREATE INDEX copies_article ON copies(article_id);
    """,
    # 3: what a quote's cue attributes (speech, cognition, evidence, stance)
    """
    ALTER TABLE quotes ADD COLUMN cue_kind TEXT;
    """,
]

LEDGER_STATUSES = ("done", "duplicate", "skipped", "failed")


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _where(clauses: list[str]) -> str:
    """The WHERE part of a listing query: its filters joined by AND, or nothing when there are none."""
    return " WHERE " + " AND ".join(clauses) if clauses else ""


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class SQLiteStore:
    """Articles and their results in one SQLite file (``:memory:`` for a throwaway store)."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the store {self.path}: {exc}") from exc
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA foreign_keys = ON")
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA synchronous = NORMAL")
        self.migrate()

    # -- schema -------------------------------------------------------------------------------------------

    @property
    def schema_version(self) -> int:
        row = self.conn.execute("PRAGMA user_version").fetchone()
        return int(row[0])

    def migrate(self) -> None:
        """Apply the migrations this file has not had yet, each in its own transaction."""
        version = self.schema_version
        if version > len(MIGRATIONS):
            raise StoreError(
                f"the store {self.path} has schema version {version}, newer than this eventwire knows "
                f"({len(MIGRATIONS)}): upgrade eventwire"
            )
        for number in range(version, len(MIGRATIONS)):
            try:
                # one script, so that the schema change and the version bump commit together
                self.conn.executescript(
                    f"BEGIN IMMEDIATE;{MIGRATIONS[number]};PRAGMA user_version = {number + 1};COMMIT;"
                )
            except sqlite3.Error as exc:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise StoreError(f"cannot migrate the store {self.path} to version {number + 1}: {exc}") from exc

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One atomic unit of writing: all of it lands, or (on any error, Ctrl-C included) none of it."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    # -- writing ------------------------------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def write_article(self, article: Article) -> bool:
        """Store an article and all its results; returns False (and changes nothing) when it is stored already."""
        if self.has_article(article.id):
            return False
        doc = article.to_dict()
        a = doc["article"]
        c = self.conn
        c.execute(
            "INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                article.id, article.url, article.title, article.source, _json(article.authors),
                a["published"], article.published_precision, article.language,
                _json(article.paragraphs), _json(a["captions"]), _json(a["origin"]), _json(article.metadata),
                _json(article.tone), article.knowledge_hash, article.pipeline_version, _json(article.done),
                _json(doc), _now(),
            ),
        )
        c.execute(
            "INSERT INTO articles_fts (article_id, title, body) VALUES (?,?,?)",
            (article.id, article.title or "", article.analysed_text()),
        )
        for actor in article.actors:
            c.execute(
                "INSERT INTO actors VALUES (?,?,?,?,?,?,?,?,?)",
                (article.id, actor.id, actor.name, actor.kind, actor.role, actor.country, actor.sector,
                 actor.organisation, _json(actor.evidence)),
            )
            self._mentions(article.id, "actor", actor.id, actor.mentions)
        for place in article.places:
            c.execute(
                "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (article.id, place.id, place.geonameid, place.name, place.feature_class, place.country,
                 place.admin1, place.lat, place.lon, place.population, place.resolution_reason),
            )
            self._mentions(article.id, "place", place.id, place.mentions)
        for i, t in enumerate(article.times):
            m = t.mention
            c.execute(
                "INSERT INTO times VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (article.id, i, t.text, t.value, t.granularity, t.type, t.resolution, t.reason,
                 m.section, m.paragraph, m.start, m.end, m.sentence),
            )
        for q in article.quotes:
            m = q.span
            c.execute(
                "INSERT INTO quotes VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (article.id, q.id, q.kind, q.content, q.cue, q.speaker, q.speaker_text, q.confidence,
                 m.section, m.paragraph, m.start, m.end, m.sentence, q.cue_kind),
            )
        for e in article.events:
            c.execute(
                "INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (article.id, e.id, e.type, e.mode, _json(e.contexts), e.source, e.target, e.place, e.date,
                 e.date_precision, int(e.negated), int(e.hypothetical), int(e.future), int(e.historical),
                 e.reported_by, e.section, e.trigger.paragraph, e.trigger.sentence, e.sentence, e.cameo,
                 e.acled_type, e.acled_subtype, e.intensity, e.tone, _json(e.explanation),
                 article.knowledge_hash, article.pipeline_version),
            )
        return True

    def _mentions(self, article_id: str, owner: str, owner_id: str, mentions: Sequence[Mention]) -> None:
        self.conn.executemany(
            "INSERT INTO mentions VALUES (?,?,?,?,?,?,?,?,?,?)",
            [(article_id, owner, owner_id, m.text, m.section, m.paragraph, m.start, m.end, m.sentence, m.label)
             for m in mentions],
        )

    def record(self, input: str, item: str, status: str, reason: str | None = None,
               article_id: str | None = None) -> None:
        """Record one input item in the ingest ledger (the latest status of an item replaces the earlier one)."""
        if status not in LEDGER_STATUSES:
            raise StoreError(f"unknown ledger status {status!r} (one of {', '.join(LEDGER_STATUSES)})")
        self.conn.execute(
            "INSERT INTO ledger VALUES (?,?,?,?,?,?) ON CONFLICT(input, item) DO UPDATE SET "
            "status = excluded.status, reason = excluded.reason, article_id = excluded.article_id, at = excluded.at",
            (input, item, status, reason, article_id, _now()),
        )

    def record_copy(self, article_id: str, input: str, item: str, *, url: str | None, source: str | None,
                    kind: str, similarity: float) -> None:
        """Record that an input item is a copy of a stored article (kind: url, content or near)."""
        self.conn.execute(
            "INSERT OR REPLACE INTO copies VALUES (?,?,?,?,?,?,?,?)",
            (article_id, input, item, url, source, kind, similarity, _now()),
        )

    # -- reading ------------------------------------------------------------------------------------------

    def recent_bodies(self, limit: int = 10_000) -> list[tuple[str, str, str | None]]:
        """(id, body text, url) of the most recently stored articles, to find copies of them in a new run."""
        rows = self.conn.execute(
            "SELECT id, paragraphs, url FROM articles ORDER BY stored_at DESC LIMIT ?", (limit,)
        ).fetchall()
        return [(r[0], "\n\n".join(json.loads(r[1])), r[2]) for r in rows]

    def copies(self, article_id: str) -> list[dict[str, Any]]:
        rows = self.conn.execute("SELECT * FROM copies WHERE article_id = ? ORDER BY at", (article_id,))
        return [dict(r) for r in rows]

    def ledger_status(self, input: str, item: str) -> str | None:
        row = self.conn.execute("SELECT status FROM ledger WHERE input = ? AND item = ?", (input, item)).fetchone()
        return str(row[0]) if row else None

    def ledger(self, status: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
        sql = "SELECT * FROM ledger"
        args: list[Any] = []
        if status:
            sql += " WHERE status = ?"
            args.append(status)
        sql += " ORDER BY at DESC, input, item LIMIT ?"
        args.append(limit)
        return [dict(r) for r in self.conn.execute(sql, args)]

    def counts(self) -> dict[str, int]:
        tables = ("articles", "actors", "places", "times", "quotes", "events", "ledger", "copies")
        return {t: int(self.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in tables}

    def articles(self, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            "SELECT a.id, a.published, a.title, a.source, a.url, json_extract(a.paragraphs, '$[0]') AS lead, "
            "(SELECT count(*) FROM events e WHERE e.article_id = a.id) AS events "
            "FROM articles a ORDER BY a.published DESC, a.id LIMIT ? OFFSET ?",
            (limit, offset),
        )
        return [dict(r) for r in rows]

    def get_document(self, article_id: str) -> dict[str, Any] | None:
        """The stored JSON contract of an article (a unique id prefix of 6+ characters is enough)."""
        rows = self.conn.execute(
            "SELECT document FROM articles WHERE id = ? OR (length(?) >= 6 AND id LIKE ? || '%') LIMIT 2",
            (article_id, article_id, article_id),
        ).fetchall()
        if len(rows) != 1:
            return None
        doc: dict[str, Any] = json.loads(rows[0][0])
        return doc

    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Full-text search (FTS5 syntax), best matches first, with a snippet around the match."""
        try:
            rows = self.conn.execute(
                "SELECT f.article_id AS id, a.published, a.title, snippet(articles_fts, 2, '[', ']', '…', 12) "
                "AS snippet, bm25(articles_fts) AS score FROM articles_fts f JOIN articles a ON a.id = f.article_id "
                "WHERE articles_fts MATCH ? ORDER BY score LIMIT ?",
                (query, limit),
            ).fetchall()
        except sqlite3.OperationalError as exc:
            raise StoreError(f"bad search query {query!r}: {exc}") from exc
        return [dict(r) for r in rows]

    def events(self, limit: int | None = None, **filters: Any) -> list[dict[str, Any]]:
        """Events joined with their source and target actors and place, one flat record each."""
        sql = (
            "SELECT e.article_id, e.id, e.type, e.mode, e.contexts, e.date, e.date_precision, "
            "e.negated, e.hypothetical, e.future, e.historical, e.section, e.sentence, e.cameo, e.acled_type, "
            "e.acled_subtype, e.intensity, e.tone, "
            "s.name AS source_name, s.country AS source_country, s.sector AS source_sector, "
            "t.name AS target_name, t.country AS target_country, t.sector AS target_sector, "
            "p.name AS place_name, p.country AS place_country, p.lat, p.lon, a.published, a.url "
            "FROM events e JOIN articles a ON a.id = e.article_id "
            "LEFT JOIN actors s ON s.article_id = e.article_id AND s.id = e.source "
            "LEFT JOIN actors t ON t.article_id = e.article_id AND t.id = e.target "
            "LEFT JOIN places p ON p.article_id = e.article_id AND p.id = e.place"
        )
        where, args = [], []
        for key, value in filters.items():
            if value is None:
                continue
            column = {"type": "e.type", "source_country": "s.country", "target_country": "t.country",
                      "article_id": "e.article_id"}.get(key)
            if column is None:
                raise StoreError(f"unknown event filter {key!r}")
            where.append(f"{column} = ?")
            args.append(value)
        sql += _where(where)
        sql += " ORDER BY e.date, e.article_id, e.id"
        if limit:
            sql += " LIMIT ?"
            args.append(limit)
        return [dict(r) for r in self.conn.execute(sql, args)]

    def quotes(self, speaker: str | None = None, limit: int = 100, cue_kind: str | None = None
               ) -> list[dict[str, Any]]:
        sql = ("SELECT q.article_id, q.id, q.kind, q.content, q.cue, q.cue_kind, q.speaker_text, q.confidence, "
               "s.name AS speaker_name, s.country, s.sector FROM quotes q "
               "LEFT JOIN actors s ON s.article_id = q.article_id AND s.id = q.speaker")
        where: list[str] = []
        args: list[Any] = []
        if speaker:
            where.append("(s.name LIKE ? OR q.speaker_text LIKE ?)")
            args += [f"%{speaker}%", f"%{speaker}%"]
        if cue_kind:
            where.append("q.cue_kind = ?")
            args.append(cue_kind)
        sql += _where(where)
        sql += " ORDER BY q.article_id, q.paragraph, q.start LIMIT ?"
        args.append(limit)
        return [dict(r) for r in self.conn.execute(sql, args)]

    def actors(self, country: str | None = None, sector: str | None = None, name: str | None = None,
               limit: int = 100) -> list[dict[str, Any]]:
        """The actors of the stored articles, one row per name, country, sector and role, with how many articles
        and mentions name them; most articles first."""
        sql = ("SELECT a.name, a.kind, a.country, a.sector, a.role, a.organisation, "
               "count(DISTINCT a.article_id) AS articles, sum(coalesce(m.n, 0)) AS mentions FROM actors a "
               "LEFT JOIN (SELECT article_id, owner_id, count(*) AS n FROM mentions WHERE owner = 'actor' "
               "GROUP BY article_id, owner_id) m ON m.article_id = a.article_id AND m.owner_id = a.id")
        clauses: list[str] = []
        args: list[Any] = []
        if country:
            clauses.append("a.country = ?")
            args.append(country.upper())
        if sector:
            clauses.append("a.sector = ?")
            args.append(sector.upper())
        if name:
            clauses.append("a.name LIKE ?")
            args.append(f"%{name}%")
        sql += _where(clauses)
        sql += " GROUP BY a.name, a.country, a.sector, a.role ORDER BY articles DESC, mentions DESC, a.name LIMIT ?"
        args.append(limit)
        return [dict(r) for r in self.conn.execute(sql, args)]

    def places(self, limit: int = 100) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            "SELECT geonameid, name, country, admin1, lat, lon, count(DISTINCT article_id) AS articles "
            "FROM places GROUP BY coalesce(geonameid, name) ORDER BY articles DESC, name LIMIT ?",
            (limit,),
        )
        return [dict(r) for r in rows]
