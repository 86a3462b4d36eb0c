"""``eventwire knowledge check``: find what is wrong in the knowledge tables, with file and line.

Knowledge is meant to be edited by users, and a malformed row does not fail loudly at run time: a wrong
country code or a term listed under two codes just codes actors wrongly. So every problem a table can have
is looked for here, against the declarations in ``schema.py``, on the tables as they are in force (the
built-in files merged with a user's folder):

- file structure: missing, unknown or repeated columns; rows with more cells than the header;
- keys: the same key twice among the built-in parts of a table, or twice within one user file (the later
  row would silently replace the earlier one);
- cells: empty required cells, stray ``|`` separators, upper case where terms are matched case-insensitively,
  unknown country codes (not an ``iso3`` of ``countries.tsv`` nor an allowed pseudo-code such as IGO), unknown
  sector codes (not a ``code`` of ``sectors.tsv``), values outside a column's choices, malformed dates and a
  start after the end;
- terms: a term (name, alias, adjective, title...) that two rows map to different codes, across the tables
  that name actors, and any term listed twice within one table;
- date ranges: overlapping terms of office for the same person, country, role and organisation.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from eventwire.knowledge import Knowledge, Row, read_table, table_name
from eventwire.knowledge.schema import DATE_PATTERN, MULTI_SEPARATOR, SCHEMAS, Schema

EXTRA_CELLS = "__extra__"  # the key under which read_table keeps cells beyond the header


@dataclass(frozen=True, order=True)
class Problem:
    """One problem, located at a line of a file."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def check(knowledge: Knowledge) -> list[str]:
    """Every problem of the knowledge in force, as ``path:line: message`` lines in file and line order."""
    return [str(p) for p in find_problems(knowledge)]


def format_problems(problems: list[str]) -> str:
    """The problems followed by a one-line summary, ready to print."""
    if not problems:
        return "knowledge: no problems found"
    noun = "problem" if len(problems) == 1 else "problems"
    return "\n".join([*problems, f"knowledge: {len(problems)} {noun} found"])


def find_problems(knowledge: Knowledge) -> list[Problem]:
    """Every problem as :class:`Problem` objects, sorted by file order and line."""
    problems: set[Problem] = set()
    problems.update(_check_files(knowledge.files))
    problems.update(_check_keys(knowledge))
    problems.update(_check_cells(knowledge))
    problems.update(_check_terms(knowledge))
    problems.update(_check_ranges(knowledge))
    order = {str(path): i for i, path in enumerate(knowledge.files)}
    return sorted(problems, key=lambda p: (order.get(p.path, len(order)), p.path, p.line, p.message))


def term_key(text: str) -> str:
    """The form under which terms are compared: case-folded, spaces collapsed, typographic apostrophes made
    plain, and a leading "the" dropped (matching ignores it, so "the Kremlin" and "Kremlin" are one term)."""
    key = " ".join(text.replace("\u2019", "'").split()).casefold()
    return key[4:] if key.startswith("the ") else key


def split_values(cell: str) -> list[str]:
    """The values of a multi-valued cell, stripped, empty ones dropped."""
    return [v.strip() for v in cell.split(MULTI_SEPARATOR) if v.strip()]


# --- file structure -----------------------------------------------------------------------------------------


def _header(path: Path) -> tuple[int, list[str]] | None:
    """The line number and cells of a file's header line (the first line neither blank nor a comment)."""
    with path.open(encoding="utf-8") as fh:
        for lineno, raw in enumerate(fh, start=1):
            line = raw.rstrip("\n").rstrip("\r")
            if line.strip() and not line.lstrip().startswith("#"):
                return lineno, [c.strip() for c in line.split("\t")]
    return None


def _check_files(paths: Iterable[Path]) -> Iterator[Problem]:
    for path in paths:
        where = str(path)
        header = _header(path)
        if header is None:
            yield Problem(where, 1, "no header line: the file has only comments or blank lines")
            continue
        lineno, columns = header
        seen: set[str] = set()
        for col in columns:
            if col in seen:
                yield Problem(where, lineno, f"column {col!r} appears twice in the header")
            seen.add(col)
        schema = SCHEMAS.get(table_name(path))
        if schema is not None:
            missing = [c for c in schema.columns if c not in seen and c not in schema.optional]
            unknown = [c for c in columns if c not in schema.columns]
            hint = " (is the file tab-separated?)" if len(columns) == 1 and " " in columns[0] else ""
            if missing:
                yield Problem(where, lineno, f"missing column(s) {', '.join(missing)}{hint}")
            if unknown:
                expected = "\t".join(schema.columns)
                yield Problem(where, lineno, f"unknown column(s) {', '.join(unknown)}; expected: {expected}")
        for row in read_table(path).rows:
            extra = row.values.get(EXTRA_CELLS)
            if extra is not None:
                count = len(extra.split("\t"))
                yield Problem(where, row.line, f"{count} cell(s) beyond the {len(columns)} columns of the header")


# --- keys ---------------------------------------------------------------------------------------------------


def _row_key(row: Row, schema: Schema) -> tuple[str, ...]:
    return tuple(row[k].casefold() for k in schema.key)


def _check_keys(knowledge: Knowledge) -> Iterator[Problem]:
    """Duplicate keys among the built-in parts of a table, and within each user file.

    A user row with the key of a built-in row is an override, not a duplicate, so user files are checked
    one by one; two rows with one key in the same user file are a mistake (the second silently wins).
    """
    groups: dict[str, list[Path]] = defaultdict(list)
    for path in knowledge.files:
        if path.parent == knowledge.builtin_dir:
            groups[f"builtin:{table_name(path)}"].append(path)
        else:
            groups[f"user:{path}"].append(path)
    for paths in groups.values():
        schema = SCHEMAS.get(table_name(paths[0]))
        if schema is None:
            continue
        first: dict[tuple[str, ...], Row] = {}
        for path in paths:
            for row in read_table(path).rows:
                key = _row_key(row, schema)
                if not any(key):
                    continue
                if key in first:
                    earlier = first[key]
                    shown = ", ".join(f"{k}={row[k]!r}" for k in schema.key)
                    yield Problem(
                        row.file, row.line, f"duplicate key {shown}: already at {earlier.file}:{earlier.line}"
                    )
                else:
                    first[key] = row


# --- cells --------------------------------------------------------------------------------------------------


def parse_date(text: str) -> dt.date | None:
    """A ``YYYY-MM-DD`` date, or None when the text is not one (wrong shape or not a calendar date)."""
    if not re.fullmatch(DATE_PATTERN, text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _codes(knowledge: Knowledge, table: str, column: str) -> set[str]:
    return {row[column] for row in knowledge.table(table) if row[column]}


def _check_cells(knowledge: Knowledge) -> Iterator[Problem]:
    countries = _codes(knowledge, "countries", "iso3")
    sectors = _codes(knowledge, "sectors", "code")
    for name, table in knowledge.tables.items():
        schema = SCHEMAS.get(name)
        if schema is None:
            continue
        for row in table.rows:
            yield from _check_row(row, schema, countries, sectors)


def _check_row(row: Row, schema: Schema, countries: set[str], sectors: set[str]) -> Iterator[Problem]:
    def problem(message: str) -> Problem:
        return Problem(row.file, row.line, message)

    for col in schema.required:
        if not row[col]:
            yield problem(f"empty required cell {col!r}")
    for col in schema.multi:
        cell = row[col]
        if cell and any(not v.strip() for v in cell.split(MULTI_SEPARATOR)):
            yield problem(f"empty value in {col!r} (a stray {MULTI_SEPARATOR!r}): {cell!r}")
    for col in schema.lower:
        cell = row[col]
        if cell != cell.lower():
            yield problem(f"{col!r} must be lower case (it is matched case-insensitively): {cell!r}")
    for col, pattern in schema.patterns:
        cell = row[col]
        if cell and not re.fullmatch(pattern, cell):
            yield problem(f"malformed {col!r}: {cell!r} does not match {pattern}")
    allowed_pseudo = set(schema.pseudo_countries)
    for col in schema.countries:
        cell = row[col]
        if cell and cell not in countries and cell not in allowed_pseudo:
            others = f", nor one of {', '.join(sorted(allowed_pseudo))}" if allowed_pseudo else ""
            yield problem(f"unknown country code {cell!r} in {col!r} (not an iso3 of countries.tsv{others})")
    for col in schema.sectors:
        cell = row[col]
        if cell and cell not in sectors:
            yield problem(f"unknown sector code {cell!r} in {col!r} (not a code of sectors.tsv)")
    for col, values in schema.choices:
        cell = row[col]
        if cell and cell not in values:
            yield problem(f"{col!r} is {cell!r}, not one of {', '.join(values)}")
    for col in schema.dates:
        cell = row[col]
        if cell and parse_date(cell) is None:
            yield problem(f"malformed date {cell!r} in {col!r} (expected a real date written YYYY-MM-DD)")
    if schema.date_range is not None:
        start_col, end_col = schema.date_range
        start, end = parse_date(row[start_col]), parse_date(row[end_col])
        if start is not None and end is not None and start > end:
            yield problem(f"{start_col} {row[start_col]} is after {end_col} {row[end_col]}")


# --- terms --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _TermUse:
    """One place where a term is listed, and the codes it maps to there."""

    text: str
    table: str
    row: Row
    country: str
    sector: str
    local: bool

    def codes(self) -> str:
        shown = "/".join(c for c in (self.country, self.sector) if c)
        return shown or "no code"


def _term_uses(knowledge: Knowledge) -> dict[str, list[_TermUse]]:
    uses: dict[str, list[_TermUse]] = defaultdict(list)
    for name in sorted(knowledge.tables):
        schema = SCHEMAS.get(name)
        if schema is None or not (schema.terms or schema.local_terms):
            continue
        for row in knowledge.table(name):
            country = row[schema.term_country] if schema.term_country else ""
            sector = row[schema.term_sector] if schema.term_sector else ""
            seen_in_row: set[str] = set()
            columns = [(c, False) for c in schema.terms] + [(c, True) for c in schema.local_terms]
            for col, local in columns:
                cell = row[col]
                values = split_values(cell) if col in schema.multi else ([cell] if cell else [])
                for value in values:
                    key = term_key(value)
                    if key and key not in seen_in_row:
                        seen_in_row.add(key)
                        uses[key].append(_TermUse(value, name, row, country, sector, local))
    return uses


def _conflict(a: _TermUse, b: _TermUse) -> str | None:
    """Why two uses of one term cannot both stand, or None when they can."""
    if a.table == b.table:
        if a.row is b.row:
            return None
        return f"{a.text!r} is listed twice in {a.table}: also at {b.row.file}:{b.row.line}"
    if a.local or b.local:
        return None
    if (a.country and b.country and a.country != b.country) or (a.sector and b.sector and a.sector != b.sector):
        return f"{a.text!r} is mapped to {a.codes()} here but to {b.codes()} in {b.table} at {b.row.file}:{b.row.line}"
    return None


def _check_terms(knowledge: Knowledge) -> Iterator[Problem]:
    """Each term use that conflicts with an earlier one is reported once, at its own line. Earlier means
    earlier in file order (built-in files, then the user's), so that a user's addition is the one blamed."""
    order = {str(path): i for i, path in enumerate(knowledge.files)}
    for uses in _term_uses(knowledge).values():
        uses.sort(key=lambda u: (order.get(u.row.file, len(order)), u.row.line))
        for i, use in enumerate(uses):
            for earlier in uses[:i]:
                reason = _conflict(use, earlier)
                if reason is not None:
                    yield Problem(use.row.file, use.row.line, reason)
                    break


# --- date ranges --------------------------------------------------------------------------------------------


def _check_ranges(knowledge: Knowledge) -> Iterator[Problem]:
    """Overlapping ranges within a group (same person, country, role, organisation). A term that ends on the
    day the next one starts is a handover, not an overlap; an empty end means still running."""
    for name, table in knowledge.tables.items():
        schema = SCHEMAS.get(name)
        if schema is None or schema.date_range is None or not schema.range_group:
            continue
        start_col, end_col = schema.date_range
        groups: dict[tuple[str, ...], list[tuple[dt.date, dt.date | None, Row]]] = defaultdict(list)
        for row in table.rows:
            start = parse_date(row[start_col])
            end = parse_date(row[end_col]) if row[end_col] else None
            if start is None or (row[end_col] and end is None) or (end is not None and end < start):
                continue  # reported by the cell checks
            groups[tuple(term_key(row[c]) for c in schema.range_group)].append((start, end, row))
        for ranges in groups.values():
            ranges.sort(key=lambda r: (r[0], r[2].file, r[2].line))
            for i, (start, _end, row) in enumerate(ranges):
                for other_start, other_end, other in ranges[:i]:
                    if other_end is None or other_end > start:
                        shown = other_end.isoformat() if other_end else "open"
                        who = ", ".join(f"{c}={row[c]!r}" for c in schema.range_group if row[c])
                        yield Problem(
                            row.file,
                            row.line,
                            f"{start_col} {start.isoformat()} falls within the range {other_start.isoformat()} to "
                            f"{shown} at {other.file}:{other.line} ({who})",
                        )
                        break
