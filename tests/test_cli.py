"""The CLI: thin commands, the JSON contract on stdout, one-line errors, every command documented."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from eventwire.cli import cli

from .conftest import FIXTURES

CONTRACT_KEYS = {"article", "actors", "places", "times", "quotes", "events"}
ARTICLE_KEYS = {"id", "title", "url", "source", "published", "language", "paragraphs", "captions"}


def all_commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    out: list[tuple[str, click.Command]] = []
    for name, command in group.commands.items():
        out.append((prefix + name, command))
        if isinstance(command, click.Group):
            out += all_commands(command, prefix + name + " ")
    return out


@pytest.mark.parametrize("name", [n for n, _ in all_commands(cli)])
def test_every_command_and_option_is_documented(name: str) -> None:
    command = dict(all_commands(cli))[name]
    assert command.help and len(command.help) > 20, f"command {name!r} has no help text"
    for param in command.params:
        if isinstance(param, click.Option):
            assert param.help, f"option {param.opts} of {name!r} has no help"
    result = CliRunner().invoke(cli, [*name.split(), "--help"])
    assert result.exit_code == 0 and "Usage:" in result.output


def test_process_json_contract_without_store(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["process", str(FIXTURES / "wire" / "harbour_strike.txt"), "--format", "json",
                                      "--no-store"])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(lines) == 1
    doc = json.loads(lines[0])
    assert set(doc) >= CONTRACT_KEYS
    assert set(doc["article"]) >= ARTICLE_KEYS
    assert doc["article"]["published"] == "2023-03-09"
    assert [c["credit"] for c in doc["article"]["captions"]] == ["EPA-EFE/ROBIN VAN DER MEER", "REUTERS/Piet Hollander"]


def test_process_stores_then_lists_shows_and_searches(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    runner = CliRunner()
    result = runner.invoke(cli, ["process", str(FIXTURES / "wire"), "--db", db, "--format", "none"])
    assert result.exit_code == 0, result.output
    assert "3 processed, 3 stored" in result.stderr
    listing = runner.invoke(cli, ["articles", "--db", db])
    assert listing.exit_code == 0 and "Dock workers in Rotterdam" in listing.output
    article_id = next(line.split()[0] for line in listing.output.splitlines() if "Rotterdam" in line)
    shown = runner.invoke(cli, ["show", article_id, "--db", db])
    assert shown.exit_code == 0 and "[caption] Workers hold banners" in shown.output
    found = runner.invoke(cli, ["search", "container", "--db", db])
    assert found.exit_code == 0 and article_id in found.output
    assert runner.invoke(cli, ["ledger", "--db", db]).exit_code == 0
    # actors across the stored articles, filtered by country and sector (case-insensitive codes)
    listed = runner.invoke(cli, ["actors", "--db", db, "--country", "nld", "--sector", "lab"])
    assert listed.exit_code == 0, listed.output
    rows = listed.output.splitlines()[1:]
    assert rows and all(" NLD " in row and " LAB " in row for row in rows)
    assert any(row.startswith("Dock workers") for row in rows)
    named = runner.invoke(cli, ["actors", "--db", db, "--name", "de Vries"])
    assert [row.split()[:3] for row in named.output.splitlines()[1:]] == [["Erik", "de", "Vries"]]
    # quotes with what their cue attributes, filtered to what was said
    said = runner.invoke(cli, ["quotes", "--db", db, "--cue-kind", "speech", "--limit", "500"])
    assert said.exit_code == 0, said.output
    rows = said.output.splitlines()[1:]
    assert any("Erik de Vries" in row and " speech " in row for row in rows)
    assert all(" speech " in row for row in rows)


def test_errors_are_one_line_and_exit_code_tells_whether_anything_was_done(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    runner = CliRunner()
    nothing = runner.invoke(cli, ["process", str(tmp_path / "empty.txt"), "--no-store"])
    assert nothing.exit_code == 1
    assert f"error: {tmp_path / 'empty.txt'}: empty file" in nothing.stderr
    some = runner.invoke(cli, ["process", str(tmp_path / "empty.txt"), str(FIXTURES / "wire" / "wrapped.txt"),
                               "--no-store", "--format", "none"])
    assert some.exit_code == 0
    missing = runner.invoke(cli, ["show", "abcdef123", "--db", str(tmp_path / "s.db")])
    assert missing.exit_code == 1 and missing.stderr.startswith("error: no stored article")
    assert "Traceback" not in missing.output


README = Path(__file__).resolve().parents[1] / "README.md"


@pytest.mark.parametrize("name", [n for n, c in all_commands(cli) if not isinstance(c, click.Group)])
def test_every_command_is_in_the_readme(name: str) -> None:
    assert f"eventwire {name}" in README.read_text(encoding="utf-8"), f"README does not document {name!r}"


def test_every_setting_is_in_the_readme() -> None:
    from eventwire.settings import SETTINGS

    text = README.read_text(encoding="utf-8")
    for variable in SETTINGS:
        assert f"`{variable}`" in text, f"README does not document {variable}"


def test_ctrl_c_leaves_a_consistent_store_and_the_next_run_resumes(tmp_path: Path) -> None:
    """A real SIGINT to a running `eventwire process`: what was stored stays, the rerun stores the rest once."""
    import os
    import signal
    import sqlite3
    import subprocess
    import sys
    import time

    corpus = tmp_path / "in"
    corpus.mkdir()
    places = ["Lima", "Quito", "Accra", "Dakar", "Hanoi", "Manila", "Tunis", "Baku", "Yerevan", "Tbilisi"]
    acts = ["detained protesters", "met union leaders", "closed the border", "praised the mediators",
            "rejected the budget", "deployed troops"]
    stories = 150  # enough that a loaded machine cannot finish them between the check below and the signal
    for i in range(stories):
        place, act = places[i % 10], acts[(i // 10) % len(acts)]
        (corpus / f"s{i:03d}.txt").write_text(
            f"date 2022-03-{1 + i % 28:02d}\n\nThe government in {place} {act} on Monday ({i}), officials said. "
            f"Observers in {place} called story number {i} a turning point for {act.split()[1]}.",
            encoding="utf-8")
    db = tmp_path / "s.db"
    exe = Path(sys.executable).parent / "eventwire"
    env = {**os.environ, "EVENTWIRE_BATCH_SIZE": "4"}
    proc = subprocess.Popen([str(exe), "process", str(corpus), "--db", str(db), "--format", "none"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.1)
        if db.exists():
            try:
                with sqlite3.connect(db) as conn:
                    stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            except sqlite3.OperationalError:
                continue
            if stored >= 4:
                break
    if proc.poll() is not None:
        pytest.skip("the run finished before it could be interrupted")
    proc.send_signal(signal.SIGINT)
    _out, err = proc.communicate(timeout=120)
    if proc.returncode == 0:
        with sqlite3.connect(db) as conn:
            done = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        assert done == stories, f"exit 0 after Ctrl-C with {done} of {stories} stored: {err}"
        pytest.skip("the run finished before the signal arrived")
    assert proc.returncode == 130, err
    assert "run the same command again to resume" in err
    with sqlite3.connect(db) as conn:
        before = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert 4 <= before < stories
    rerun = subprocess.run([str(exe), "process", str(corpus), "--db", str(db), "--format", "none"],
                           capture_output=True, text=True, env=env, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{stories - before} stored, {before} already stored" in rerun.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(DISTINCT id), count(*) FROM articles").fetchone() == (stories, stories)


def test_knowledge_check_command(tmp_path: Path) -> None:
    runner = CliRunner()
    clean = runner.invoke(cli, ["knowledge", "check"])
    assert clean.exit_code == 0, clean.output
    assert "0 problems" in clean.stdout
    user = tmp_path / "mine"
    user.mkdir()
    (user / "metonyms.tsv").write_text("term\tcountry\tsector\tnote\nblue palace\tXYZ\tGOV\ta typo in the code\n",
                                       encoding="utf-8")
    bad = runner.invoke(cli, ["knowledge", "check", "--knowledge", str(user)])
    assert bad.exit_code == 1
    assert f"{user / 'metonyms.tsv'}:2:" in bad.stderr and "XYZ" in bad.stderr
