"""The project's knowledge as readable TSV files, and their loader.

Each ``*.tsv`` file in this folder is a table: ``#`` lines are comments, the first other line is the header,
every later line a row of tab-separated values. A table may be split across files named
``TABLE.PART.tsv`` (``office_holders.europe.tsv``): the parts are read in name order and concatenated.
A user's folder (``--knowledge DIR`` or ``EVENTWIRE_KNOWLEDGE``) holding a file of the same name extends
that table; a user row whose key (the table's key columns, see ``schema.py``) equals a built-in row's key
replaces it. A user file with a name that is not built in adds a new table.

The hash of every table in force is stored with every processed article, so that a result can be traced to
the knowledge that made it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

BUILTIN_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Row:
    """One row of a knowledge table, with where it came from (for line-numbered errors)."""

    values: dict[str, str]
    file: str
    line: int

    def __getitem__(self, key: str) -> str:
        return self.values.get(key, "")

    def get(self, key: str, default: str = "") -> str:
        value = self.values.get(key)
        return value if value else default


@dataclass
class Table:
    name: str
    columns: list[str]
    rows: list[Row] = field(default_factory=list)


def table_name(path: Path) -> str:
    """``office_holders.europe.tsv`` and ``office_holders.tsv`` both hold the table ``office_holders``."""
    return path.name.split(".")[0]


def read_table(path: Path) -> Table:
    """Read one TSV table; short rows are padded with empty values, so that validation can name them."""
    columns: list[str] = []
    table = Table(table_name(path), columns)
    with path.open(encoding="utf-8") as fh:
        for lineno, raw in enumerate(fh, start=1):
            line = raw.rstrip("\n").rstrip("\r")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cells = [c.strip() for c in line.split("\t")]
            if not columns:
                columns.extend(cells)
                continue
            values = {col: (cells[i] if i < len(cells) else "") for i, col in enumerate(columns)}
            if len(cells) > len(columns):
                values["__extra__"] = "\t".join(cells[len(columns):])
            table.rows.append(Row(values, str(path), lineno))
    return table


def key_columns(table: Table) -> list[str]:
    from eventwire.knowledge.schema import SCHEMAS

    schema = SCHEMAS.get(table.name)
    if schema is not None:
        return list(schema.key)
    return table.columns[:1]


def merge(base: Table, extra: Table) -> Table:
    """``base`` extended by ``extra``: rows with an equal key are replaced, others appended."""
    keys = key_columns(base)

    def key(row: Row) -> tuple[str, ...]:
        return tuple(row[k].casefold() for k in keys)

    index = {key(r): i for i, r in enumerate(base.rows)}
    rows = list(base.rows)
    for row in extra.rows:
        k = key(row)
        if k in index:
            rows[index[k]] = row
        else:
            index[k] = len(rows)
            rows.append(row)
    return Table(base.name, base.columns, rows)


class Knowledge:
    """Every knowledge table in force: the built-in ones, extended by a user's folder."""

    def __init__(self, user_dir: Path | str | None = None, builtin_dir: Path = BUILTIN_DIR) -> None:
        self.builtin_dir = builtin_dir
        self.user_dir = Path(user_dir) if user_dir else None
        self.tables: dict[str, Table] = {}
        self.files: list[Path] = sorted(builtin_dir.glob("*.tsv"))
        for path in self.files:
            part = read_table(path)
            base = self.tables.get(part.name)
            if base is None:
                self.tables[part.name] = part
            else:
                base.rows.extend(part.rows)
        if self.user_dir is not None:
            user_files = sorted(self.user_dir.glob("*.tsv"))
            for path in user_files:
                extra = read_table(path)
                base = self.tables.get(extra.name)
                self.tables[extra.name] = merge(base, extra) if base else extra
            self.files += user_files

    def table(self, name: str) -> list[Row]:
        """The rows of a table (empty when there is no such table)."""
        t = self.tables.get(name)
        return t.rows if t else []

    @cached_property
    def hash(self) -> str:
        """A short hash of every file in force, in a stable order."""
        h = hashlib.sha256()
        for path in self.files:
            h.update(path.name.encode())
            h.update(path.read_bytes())
        return h.hexdigest()[:16]
