"""The knowledge tables and ``knowledge check``: the built-in tables are clean and hold what the actors stage
relies on; a user folder overrides and extends them; every kind of problem is reported at its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.knowledge import Knowledge
from eventwire.knowledge.check import check, format_problems, term_key
from eventwire.knowledge.schema import PSEUDO_COUNTRIES, SCHEMAS

# --- the built-in tables ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def builtin() -> Knowledge:
    return Knowledge()


def test_builtin_knowledge_checks_clean(builtin: Knowledge) -> None:
    problems = check(builtin)
    print(format_problems(problems))  # shown by pytest when the test fails: which file and line to fix
    assert problems == []


def test_every_schema_table_is_built_in(builtin: Knowledge) -> None:
    for name, schema in SCHEMAS.items():
        assert builtin.table(name), f"no built-in rows for {name}"
        assert set(schema.key) <= set(schema.columns)
        assert builtin.tables[name].columns == list(schema.columns)
        assert set(schema.pseudo_countries) <= set(PSEUDO_COUNTRIES)
        assert not set(PSEUDO_COUNTRIES) & {row["iso3"] for row in builtin.table("countries")}


def test_builtin_tables_are_large_enough(builtin: Knowledge) -> None:
    minima = {"sectors": 25, "countries": 199, "metonyms": 60, "titles": 120, "groups": 80, "organisations": 250}
    for name, minimum in minima.items():
        assert len(builtin.table(name)) >= minimum, name


def _lookup(k: Knowledge, table: str, columns: tuple[str, ...], term: str) -> list[dict[str, str]]:
    """Rows of a table where ``term`` is one of the values of the given columns."""
    wanted = term_key(term)
    return [
        row.values for row in k.table(table) if any(wanted == term_key(v) for c in columns for v in row[c].split("|"))
    ]


def test_builtin_facts_the_actors_stage_relies_on(builtin: Knowledge) -> None:
    country_cols = ("name", "aliases", "adjectives", "demonyms")
    assert [r["iso3"] for r in _lookup(builtin, "countries", country_cols, "Belarusian")] == ["BLR"]
    assert [r["iso3"] for r in _lookup(builtin, "countries", country_cols, "Belarusians")] == ["BLR"]
    assert [r["iso3"] for r in _lookup(builtin, "countries", country_cols, "U.S.")] == ["USA"]
    assert [r["iso3"] for r in _lookup(builtin, "countries", country_cols, "Ivory Coast")] == ["CIV"]
    assert [r["iso3"] for r in _lookup(builtin, "countries", country_cols, "Congolese")] == ["COD"]
    assert _lookup(builtin, "countries", country_cols, "Korean") == []
    assert [r["iso3"] for r in _lookup(builtin, "countries", ("capital", "capital_aliases"), "Kiev")] == ["UKR"]

    kremlin = _lookup(builtin, "metonyms", ("term",), "the Kremlin")
    assert [(r["country"], r["sector"]) for r in kremlin] == [("RUS", "GOV")]
    assert [r["sector"] for r in _lookup(builtin, "groups", ("term",), "demonstrators")] == ["PRO"]
    assert [r["sector"] for r in _lookup(builtin, "groups", ("term",), "police")] == ["COP"]
    assert [r["sector"] for r in _lookup(builtin, "titles", ("title",), "chancellor")] == ["GOV"]
    assert [r["sector"] for r in _lookup(builtin, "titles", ("title",), "spokesman")] == [""]

    org_cols = ("name", "aliases")
    assert [(r["country"], r["sector"]) for r in _lookup(builtin, "organisations", org_cols, "FSB")] == [("RUS", "SPY")]
    assert [(r["country"], r["kind"]) for r in _lookup(builtin, "organisations", org_cols, "NATO")] == [("IGO", "igo")]
    assert [r["sector"] for r in _lookup(builtin, "organisations", org_cols, "Reuters")] == ["MED"]
    assert _lookup(builtin, "organisations", org_cols, "RSF") == []  # two organisations use it: neither gets it


# --- a small knowledge folder of our own --------------------------------------------------------------------


def write(folder: Path, name: str, *lines: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def row(*cells: str) -> str:
    return "\t".join(cells)


@pytest.fixture
def base(tmp_path: Path) -> Path:
    """A clean built-in folder with a few rows per table (comments included, so line numbers are not trivial)."""
    folder = tmp_path / "builtin"
    write(
        folder,
        "sectors.tsv",
        "# sectors for the tests",
        row("code", "name", "description"),
        row("GOV", "government", ""),
        row("MIL", "military", ""),
        row("COP", "police", ""),
        row("PRO", "protesters", ""),
        row("MED", "media", ""),
        row("IGO", "intergovernmental", ""),
    )
    write(
        folder,
        "countries.tsv",
        row("iso3", "iso2", "name", "aliases", "adjectives", "demonyms", "capital", "capital_aliases"),
        row("RUS", "RU", "Russia", "Russian Federation", "Russian", "Russians", "Moscow", "Moskva"),
        row("BLR", "BY", "Belarus", "", "Belarusian|Belarussian", "Belarusians", "Minsk", ""),
        row("GBR", "GB", "United Kingdom", "UK|Britain", "British", "Britons", "London", ""),
    )
    write(
        folder,
        "metonyms.tsv",
        "# metonyms for the tests",
        "",
        row("term", "country", "sector", "note"),
        row("kremlin", "RUS", "GOV", "Russian presidency"),
        row("downing street", "GBR", "GOV", ""),
    )
    write(
        folder,
        "titles.tsv",
        row("title", "sector", "kind", "note"),
        row("president", "GOV", "person", ""),
        row("spokesman|spokeswoman", "", "person", ""),
    )
    write(
        folder,
        "groups.tsv",
        row("term", "sector", "kind", "note"),
        row("police", "COP", "body", ""),
        row("protesters|demonstrators", "PRO", "people", ""),
    )
    write(
        folder,
        "organisations.tsv",
        row("name", "aliases", "country", "sector", "kind", "note"),
        row("NATO", "North Atlantic Treaty Organization", "IGO", "IGO", "igo", ""),
        row("Reuters", "", "GBR", "MED", "media", ""),
    )
    holders = ("name", "aliases", "country", "sector", "role", "organisation", "start", "end", "note")
    write(
        folder,
        "office_holders.europe.tsv",
        "# a part of office_holders",
        row(*holders),
        row("Alexander Lukashenko", "Lukashenko", "BLR", "GOV", "president", "", "1994-07-20", "", ""),
    )
    write(
        folder,
        "office_holders.igo.tsv",
        row(*holders),
        row(
            "Jens Stoltenberg", "Stoltenberg", "IGO", "IGO", "secretary-general", "NATO", "2014-10-01", "2024-10-01", ""
        ),
    )
    return folder


HOLDERS = row("name", "aliases", "country", "sector", "role", "organisation", "start", "end", "note")


def test_fixture_folder_is_clean(base: Path) -> None:
    k = Knowledge(builtin_dir=base)
    assert check(k) == []
    assert len(k.table("office_holders")) == 2  # both parts, concatenated


def test_user_file_overrides_a_row_and_adds_one(base: Path, tmp_path: Path) -> None:
    user = tmp_path / "user"
    path = write(
        user,
        "metonyms.tsv",
        row("term", "country", "sector", "note"),
        row("kremlin", "RUS", "MIL", "overridden by the user"),
        row("lubyanka", "RUS", "GOV", "added by the user"),
    )
    k = Knowledge(user, builtin_dir=base)
    rows = k.table("metonyms")
    assert [(r["term"], r["sector"]) for r in rows] == [
        ("kremlin", "MIL"),
        ("downing street", "GOV"),
        ("lubyanka", "GOV"),
    ]
    assert rows[0].file == str(path) and rows[0].line == 2
    assert check(k) == []  # an override is not a duplicate


def test_user_office_holder_part_overrides_by_name_role_and_start(base: Path, tmp_path: Path) -> None:
    user = tmp_path / "user"
    write(
        user,
        "office_holders.tsv",
        HOLDERS,
        row("Jens Stoltenberg", "", "IGO", "IGO", "Secretary-General", "NATO", "2014-10-01", "2024-09-30", "ended"),
    )
    k = Knowledge(user, builtin_dir=base)
    stoltenberg = [r for r in k.table("office_holders") if r["name"] == "Jens Stoltenberg"]
    assert [r["end"] for r in stoltenberg] == ["2024-09-30"]  # key compared case-insensitively
    assert check(k) == []


def test_hash_changes_when_a_user_file_is_added(base: Path, tmp_path: Path) -> None:
    user = tmp_path / "user"
    user.mkdir()
    before = Knowledge(user, builtin_dir=base).hash
    assert Knowledge(user, builtin_dir=base).hash == before  # stable
    write(user, "groups.tsv", row("term", "sector", "kind", "note"), row("troops", "MIL", "people", ""))
    assert Knowledge(user, builtin_dir=base).hash != before


# (file name, lines of the user's file, line of the problem, a fragment of its message)
PROBLEM_CASES = [
    pytest.param(
        "groups.tsv",
        [row("term", "sector", "note"), row("troops", "MIL", "")],
        1,
        "missing column(s) kind",
        id="missing-column",
    ),
    pytest.param(
        "metonyms.tsv",
        [row("term", "country", "sector", "note", "source"), row("lubyanka", "RUS", "GOV", "", "x")],
        1,
        "unknown column(s) source",
        id="unknown-column",
    ),
    pytest.param(
        "groups.tsv",
        ["# the user's groups", row("term", "sector", "kind", "note"), row("troops", "MIL", "people", "", "x")],
        3,
        "1 cell(s) beyond the 4 columns",
        id="extra-cells",
    ),
    pytest.param(
        "metonyms.tsv",
        [row("term", "country", "sector", "note"), row("white house", "USX", "GOV", "")],
        2,
        "unknown country code 'USX'",
        id="unknown-country",
    ),
    pytest.param(
        "metonyms.tsv",
        [row("term", "country", "sector", "note"), row("brussels", "NGO", "IGO", "")],
        2,
        "unknown country code 'NGO'",
        id="pseudo-country-not-allowed-here",
    ),
    pytest.param(
        "groups.tsv",
        [row("term", "sector", "kind", "note"), "# a comment line", row("troops", "ARMY", "people", "")],
        3,
        "unknown sector code 'ARMY'",
        id="unknown-sector",
    ),
    pytest.param(
        "organisations.tsv",
        [row("name", "aliases", "country", "sector", "kind", "note"), row("Interfax", "", "", "MED", "media", "")],
        2,
        "empty required cell 'country'",
        id="empty-required",
    ),
    pytest.param(
        "groups.tsv",
        [row("term", "sector", "kind", "note"), row("troops", "MIL", "crowd", "")],
        2,
        "'kind' is 'crowd', not one of people, body",
        id="bad-choice",
    ),
    pytest.param(
        "metonyms.tsv",
        [row("term", "country", "sector", "note"), row("Whitehall", "GBR", "GOV", "")],
        2,
        "'term' must be lower case",
        id="not-lower-case",
    ),
    pytest.param(
        "groups.tsv",
        [row("term", "sector", "kind", "note"), row("troops||soldiers", "MIL", "people", "")],
        2,
        "empty value in 'term'",
        id="stray-separator",
    ),
    pytest.param(
        "countries.tsv",
        [
            row("iso3", "iso2", "name", "aliases", "adjectives", "demonyms", "capital", "capital_aliases"),
            row("ukr", "UA", "Ukraine", "", "Ukrainian", "Ukrainians", "Kyiv", "Kiev"),
        ],
        2,
        "malformed 'iso3'",
        id="bad-code-shape",
    ),
    pytest.param(
        "titles.tsv",
        [
            row("title", "sector", "kind", "note"),
            row("general", "MIL", "person", ""),
            row("colonel", "MIL", "person", ""),
            row("General", "MIL", "person", "again"),
        ],
        4,
        "duplicate key title='General': already at",
        id="duplicate-key-in-user-file",
    ),
    pytest.param(
        "groups.tsv",
        [row("term", "sector", "kind", "note"), row("reuters", "PRO", "people", "")],
        2,
        "'reuters' is mapped to PRO here but to GBR/MED in organisations",
        id="term-with-two-codes",
    ),
    pytest.param(
        "organisations.tsv",
        [
            row("name", "aliases", "country", "sector", "kind", "note"),
            row("Kremlin Press Office", "The Kremlin", "BLR", "GOV", "agency", ""),
        ],
        2,
        "'The Kremlin' is mapped to BLR/GOV here but to RUS/GOV in metonyms",
        id="term-with-two-countries",
    ),
    pytest.param(
        "groups.tsv",
        [row("term", "sector", "kind", "note"), row("riot police|police", "COP", "people", "")],
        2,
        "'police' is listed twice in groups",
        id="term-twice-in-a-table",
    ),
    pytest.param(
        "countries.tsv",
        [
            row("iso3", "iso2", "name", "aliases", "adjectives", "demonyms", "capital", "capital_aliases"),
            row("UKR", "UA", "Ukraine", "Russia", "Ukrainian", "Ukrainians", "Kyiv", "Kiev"),
        ],
        2,
        "'Russia' is listed twice in countries",
        id="country-alias-of-another-country",
    ),
    pytest.param(
        "office_holders.tsv",
        [HOLDERS, row("Ivan Petrov", "", "RUS", "GOV", "governor", "", "2020-02-30", "", "")],
        2,
        "malformed date '2020-02-30' in 'start'",
        id="malformed-date",
    ),
    pytest.param(
        "office_holders.tsv",
        [HOLDERS, row("Ivan Petrov", "", "RUS", "GOV", "governor", "", "2020-02-03", "2019", "")],
        2,
        "malformed date '2019' in 'end'",
        id="malformed-end-date",
    ),
    pytest.param(
        "office_holders.tsv",
        [HOLDERS, row("Ivan Petrov", "", "RUS", "GOV", "governor", "", "2020-02-03", "2019-05-01", "")],
        2,
        "start 2020-02-03 is after end 2019-05-01",
        id="start-after-end",
    ),
    pytest.param(
        "office_holders.tsv",
        [HOLDERS, row("Alexander Lukashenko", "", "BLR", "GOV", "president", "", "2020-09-23", "", "")],
        2,
        "start 2020-09-23 falls within the range 1994-07-20 to open",
        id="overlapping-terms",
    ),
]


@pytest.mark.parametrize(("name", "lines", "line", "fragment"), PROBLEM_CASES)
def test_each_problem_is_reported_at_its_line(
    base: Path, tmp_path: Path, name: str, lines: list[str], line: int, fragment: str
) -> None:
    path = write(tmp_path / "user", name, *lines)
    problems = check(Knowledge(tmp_path / "user", builtin_dir=base))
    assert any(p.startswith(f"{path}:{line}: ") and fragment in p for p in problems), problems


def test_clean_user_rows_raise_nothing(base: Path, tmp_path: Path) -> None:
    """Compatible codes, handovers on one day and a capital reused by a metonym are not problems."""
    user = tmp_path / "user"
    write(
        user,
        "office_holders.tsv",
        HOLDERS,
        row("Mark Rutte", "Rutte", "IGO", "IGO", "secretary-general", "NATO", "2024-10-01", "", "handover day"),
        row("Alexander Lukashenko", "", "BLR", "GOV", "president", "", "1994-07-20", "", "same key: override"),
    )
    write(
        user,
        "metonyms.tsv",
        row("term", "country", "sector", "note"),
        row("minsk", "BLR", "GOV", "same country as the capital"),
        row("moscow", "IGO", "IGO", "a metonym may give a capital another reading"),
    )
    write(user, "titles.tsv", row("title", "sector", "kind", "note"), row("protester", "PRO", "person", "as in groups"))
    write(user, "notes.tsv", row("anything", "goes"), row("a", "b"))  # a table without a schema: shape only
    assert check(Knowledge(user, builtin_dir=base)) == []


def test_duplicate_key_across_builtin_parts(base: Path) -> None:
    part = write(
        base,
        "office_holders.more.tsv",
        "# another part, repeating a key",
        HOLDERS,
        row("Alexander Lukashenko", "", "BLR", "GOV", "President", "", "1994-07-20", "", ""),
    )
    problems = check(Knowledge(builtin_dir=base))
    assert any(p.startswith(f"{part}:3: duplicate key") and "office_holders.europe.tsv:3" in p for p in problems), (
        problems
    )


def test_a_user_country_makes_its_code_known(base: Path, tmp_path: Path) -> None:
    user = tmp_path / "user"
    write(user, "metonyms.tsv", row("term", "country", "sector", "note"), row("white house", "USA", "GOV", ""))
    assert any("unknown country code 'USA'" in p for p in check(Knowledge(user, builtin_dir=base)))
    write(
        user,
        "countries.tsv",
        row("iso3", "iso2", "name", "aliases", "adjectives", "demonyms", "capital", "capital_aliases"),
        row("USA", "US", "United States", "US|U.S.", "American", "Americans", "Washington", ""),
    )
    assert check(Knowledge(user, builtin_dir=base)) == []


def test_format_problems() -> None:
    assert format_problems([]) == "knowledge: no problems found"
    assert format_problems(["a.tsv:3: bad"]) == "a.tsv:3: bad\nknowledge: 1 problem found"


def test_event_patterns_and_speech_verbs_are_checked(tmp_path: Path) -> None:
    """A user's event pattern with an unknown part of speech or PLOVER type is reported at its line."""
    header = ("id\tlemma\tpos\tprep\tprt\tobj\tadv\ttype\tmode\tcontext\ttarget\tsource_sectors\t"
              "not_source_sectors\tneeds\tnote\n")
    (tmp_path / "event_patterns.tsv").write_text(header + "mine.x\tx\tQ\t\t\t\t\tFIGHT\t\t\tdobj\t\t\t\t\n",
                                                 encoding="utf-8")
    (tmp_path / "speech_verbs.tsv").write_text("lemma\tkind\tnote\nmutter\tgossip\t\n", encoding="utf-8")
    problems = check(Knowledge(tmp_path))
    assert any("event_patterns.tsv:2: 'pos' is 'Q'" in p for p in problems)
    assert any("event_patterns.tsv:2: 'type' is 'FIGHT'" in p for p in problems)
    assert any("speech_verbs.tsv:2: 'kind' is 'gossip'" in p for p in problems)


def test_an_optional_column_may_be_left_out_of_a_users_file(base: Path, tmp_path: Path) -> None:
    user = tmp_path / "user"
    user.mkdir()
    (user / "titles.tsv").write_text("title\tsector\tkind\tnote\nharbour master\tGOV\tperson\tno country column\n",
                                     encoding="utf-8")
    assert check(Knowledge(user, builtin_dir=base)) == []
    (user / "titles.tsv").write_text("title\tsector\tcountry\tkind\tnote\nharbour master\tGOV\tXYZ\tperson\t\n",
                                     encoding="utf-8")
    assert any("unknown country code 'XYZ'" in p for p in check(Knowledge(user, builtin_dir=base)))
