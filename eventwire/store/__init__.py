"""Stores: SQLite by default (``open_store(path)``); every backend offers the same methods as SQLiteStore."""

from __future__ import annotations

from pathlib import Path

from eventwire import settings
from eventwire.store.sqlite import LEDGER_STATUSES, SQLiteStore

Store = SQLiteStore


def open_store(path: str | Path | None = None) -> Store:
    """Open (creating and migrating as needed) the store at ``path``, default ``EVENTWIRE_DB`` or ./eventwire.db."""
    return SQLiteStore(path or settings.db_path())


__all__ = ["LEDGER_STATUSES", "SQLiteStore", "Store", "open_store"]
