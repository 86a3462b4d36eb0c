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
    assert CONTRACT_KEYS <= set(doc)
    assert ARTICLE_KEYS <= set(doc["article"])
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
