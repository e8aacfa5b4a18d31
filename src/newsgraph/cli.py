"""``newsgraph``: thin commands over the library. Domain errors become one clear message and exit code 1."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from newsgraph.errors import NewsgraphError
from newsgraph.settings import Settings, load_settings

if TYPE_CHECKING:
    from newsgraph.eval.base import Report
    from newsgraph.store.duck import Store

app = typer.Typer(
    name="newsgraph",
    help="Turn news articles into an evidence-linked record: entities, quotes, events, places, dates, amounts.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
eval_app = typer.Typer(help="Score an extractor on gold data: precision, recall, F1.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")

ConfigOpt = Annotated[Path | None, typer.Option("--config", help="settings file (TOML)")]
ModelOpt = Annotated[str | None, typer.Option("--model", help="spaCy model package")]
WorkersOpt = Annotated[int | None, typer.Option("--workers", "-w", help="worker processes")]
BatchOpt = Annotated[int | None, typer.Option("--batch-size", help="articles per batch")]
DbOpt = Annotated[Path | None, typer.Option("--db", help="DuckDB database file")]
PublishedOpt = Annotated[
    str | None, typer.Option("--published", help="publication date (YYYY-MM-DD) for inputs that lack one")
]
HomeOpt = Annotated[
    str | None, typer.Option("--home", help="the source's home place (\"Richmond, Va.\") for articles that name "
                             "none: a prior for local place names")
]
EngineOpt = Annotated[str, typer.Option("--engine", help="local (process pool) or ray (needs newsgraph[ray])")]
EveryOpt = Annotated[str, typer.Option("--every", help="time between polls: 30s, 10m, 1h")]
AddressOpt = Annotated[
    str | None, typer.Option("--address", help="Ray cluster address (default: start a local Ray on loopback)")
]


def _settings(config: Path | None = None, **overrides: Any) -> Settings:
    return load_settings(config, **overrides)


def _fail(exc: Exception) -> None:
    typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
    raise typer.Exit(1)


@contextmanager
def _errors() -> Iterator[None]:
    """Every command's body runs in this: a NewsgraphError becomes one red ``error: ...`` line and exit code 1."""
    try:
        yield
    except NewsgraphError as exc:
        _fail(exc)


@contextmanager
def _opened(config: Path | None, db: Path | None, *, read_only: bool = True) -> Iterator[tuple[Settings, Store]]:
    """A database command's body: its settings and the database they name, open (read-only unless asked), inside
    ``_errors``."""
    from newsgraph.store.duck import Store

    with _errors():
        settings = _settings(config, db=str(db) if db else None)
        with Store(settings.db, read_only=read_only) as store:
            yield settings, store


def _progress():  # type: ignore[no-untyped-def]
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        TextColumn("{task.completed} articles"),
        TextColumn("{task.fields[rate]:.1f} articles/s"),
        TimeElapsedColumn(),
        transient=False,
        console=__import__("rich.console").console.Console(stderr=True),
    )


@app.callback()
def main(verbose: Annotated[bool, typer.Option("--verbose", "-v", help="debug logging")] = False) -> None:
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="files, folders, or - for stdin")],
    db: DbOpt = None,
    published: PublishedOpt = None,
    home: HomeOpt = None,
    config: ConfigOpt = None,
    model: ModelOpt = None,
    workers: WorkersOpt = None,
    batch_size: BatchOpt = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="no progress bar")] = False,
    engine: EngineOpt = "local",
    address: AddressOpt = None,
    parts: Annotated[Path | None, typer.Option("--parts", help="with --engine ray: keep the Parquet parts here")] = None,
) -> None:
    """Analyse articles and store them in DuckDB. Re-ingesting the same article changes nothing."""
    import time

    from newsgraph.runner import ingest_paths
    from newsgraph.store.duck import Store

    with _errors():
        settings = _settings(config, db=str(db) if db else None, model=model, workers=workers, batch_size=batch_size)
        _check_engine(engine)
        with Store(settings.db) as store:
            t0 = time.perf_counter()
            if engine == "ray":
                from newsgraph.distributed.ray_engine import ingest_ray

                stats = ingest_ray(paths, store, settings, address=address, parts=parts)
            elif quiet or not sys.stderr.isatty():
                stats = ingest_paths(paths, store, settings, published=published, home=home)
            else:
                with _progress() as bar:
                    task = bar.add_task("analysing", total=None, rate=0.0)

                    def show(s):  # type: ignore[no-untyped-def]
                        done = s.analyzed + s.skipped + s.failed
                        bar.update(task, completed=done, rate=done / max(time.perf_counter() - t0, 1e-9))

                    stats = ingest_paths(paths, store, settings, published=published, progress=show, home=home)
            counts = store.counts()
    typer.echo(json.dumps({"run": stats.as_dict(), "database": settings.db, "totals": counts}))
    for msg in stats.failures[:20]:
        typer.secho(f"failed: {msg}", fg=typer.colors.YELLOW, err=True)


@app.command()
def analyze(
    paths: Annotated[list[str], typer.Argument(help="files, folders, or - for stdin")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="jsonl (records) or pretty (indented JSON)")] = "jsonl",
    published: PublishedOpt = None,
    home: HomeOpt = None,
    config: ConfigOpt = None,
    model: ModelOpt = None,
    workers: WorkersOpt = None,
    batch_size: BatchOpt = None,
    engine: EngineOpt = "local",
    address: AddressOpt = None,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="with --engine ray: write Parquet parts to this folder")
    ] = None,
) -> None:
    """Analyse articles and print one JSON record per article (no database). Failures go to stderr."""
    from newsgraph.records import Failure
    from newsgraph.runner import analyze_paths

    failed = 0
    with _errors():
        if fmt not in ("jsonl", "pretty"):
            raise NewsgraphError(f"unknown format {fmt!r}: use jsonl or pretty")
        settings = _settings(config, model=model, workers=workers, batch_size=batch_size)
        _check_engine(engine)
        if engine == "ray":
            from newsgraph.distributed import ray_engine

            if out is not None:
                n = ray_engine.write_parts(paths, out, settings, address=address)
                typer.secho(f"{n} part rows written to {out}/ (store them with: newsgraph load {out} --db FILE)",
                            err=True)
                return
            results = ray_engine.analyze_ray(paths, settings, address=address)
        elif out is not None:
            raise NewsgraphError("--out writes Parquet parts with --engine ray; the local engine prints records")
        else:
            results = analyze_paths(paths, settings, published=published, home=home)
        for result in results:
            if isinstance(result, Failure):
                failed += 1
                typer.secho(f"failed: {result.error}", fg=typer.colors.YELLOW, err=True)
                continue
            typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2 if fmt == "pretty" else None))
    if failed:
        raise typer.Exit(1)


@app.command()
def show(
    article_id: Annotated[str, typer.Argument(help="article id")],
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Print one stored record as JSON."""

    with _opened(config, db) as (_, store):
        record = store.get(article_id)
    typer.echo(json.dumps(record.to_dict(), ensure_ascii=False, indent=2))


@app.command()
def sql(
    query: Annotated[str, typer.Argument(help="SQL to run (read-only)")],
    db: DbOpt = None,
    config: ConfigOpt = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or jsonl")] = "table",
) -> None:
    """Run a read-only SQL query against the database."""

    with _opened(config, db) as (_, store):
        cols, rows = store.query(query)
    if fmt == "jsonl":
        for row in rows:
            typer.echo(json.dumps(dict(zip(cols, row, strict=True)), default=str, ensure_ascii=False))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(*cols)
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row))
    Console().print(table)


@app.command()
def export(
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="jsonl, parquet, plover (PLOVER JSONL), gdelt-events (GDELT 2.0 TSV), "
                          "gdelt-gkg (GKG 2.1; .zip if -o says so) or claims (JSONL)")
    ] = "jsonl",
    out: Annotated[Path | None, typer.Option("--out", "-o", help="output file, or folder for parquet")] = None,
    extra_columns: Annotated[bool, typer.Option(
        "--extra-columns", help="gdelt-events: add NewsgraphConfidence and NewsgraphEvent after GDELT's 61 columns")
    ] = False,
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Export the database: records as JSONL, one Parquet file per table, PLOVER events, GDELT event rows or
    claims (JSONL, one claim a line with its group). Every event is exported whatever its confidence."""
    from newsgraph.store import export as exporters

    with _opened(config, db) as (_, store):
        written = exporters.export(store, fmt, out, extra=extra_columns)
    if written:
        typer.secho(written, err=True)


def _check_engine(engine: str) -> None:
    if engine not in ("local", "ray"):
        raise NewsgraphError(f"unknown engine {engine!r}: use local or ray")


@app.command()
def load(
    parts: Annotated[list[str], typer.Argument(help="Parquet part files or folders (from analyze --engine ray)")],
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Store Parquet parts from a distributed run in DuckDB, in one writer step (reprints grouped)."""
    from newsgraph.distributed.parts import load_parts

    with _opened(config, db, read_only=False) as (settings, store):
        stats = load_parts(parts, store, settings)
        counts = store.counts()
    typer.echo(json.dumps({"run": stats.as_dict(), "database": settings.db, "totals": counts}))


@app.command()
def schema() -> None:
    """Print the JSON Schema of the article record."""
    from newsgraph.records import json_schema

    typer.echo(json.dumps(json_schema(), indent=2))


@app.command()
def serve(
    db: DbOpt = None,
    host: Annotated[str, typer.Option("--host", help="address to bind; loopback by default")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="port to listen on", min=1, max=65535)] = 8000,
    config: ConfigOpt = None,
    model: ModelOpt = None,
    watch: Annotated[
        list[str] | None,
        typer.Option("--watch", help="folder, file or feed URL to ingest while serving (repeat for more)"),
    ] = None,
    every: EveryOpt = "10m",
) -> None:
    """Browse a database in a web browser, with a JSON API under /api (needs the `web` extra).

    With --watch, the same process also ingests the sources (one writer) while pages and API keep reading.
    """
    live = None
    with _errors():
        try:
            import uvicorn

            from newsgraph.api import create_app
        except ImportError as exc:
            raise NewsgraphError(f"{exc.name} is missing: install the web extra (pip install 'newsgraph[web]')") from exc
        settings = _settings(config, db=str(db) if db else None, model=model)
        if watch:
            from newsgraph.watch.live import LiveWatch

            live = LiveWatch(settings, watch, every=_every(every))
            application = create_app(settings.db, settings=settings, shared=live.shared, cache=settings.answer_cache)
        else:
            application = create_app(settings.db, settings=settings, cache=settings.answer_cache)
            from newsgraph.store.duck import Store

            Store(settings.db, read_only=True).close()  # a database another process writes: say so now
    if host not in ("127.0.0.1", "localhost", "::1"):
        typer.secho(f"warning: listening on {host}: anyone who can reach it can read the database", err=True,
                    fg=typer.colors.YELLOW)
    typer.secho(f"newsgraph: serving {settings.db} at http://{host}:{port}/ (Ctrl+C to stop)", err=True)
    if live is None:
        uvicorn.run(application, host=host, port=port, log_level="warning")
        return
    typer.secho(f"newsgraph: watching {', '.join(watch or [])} every {every}", err=True)
    live.start()
    try:
        uvicorn.run(application, host=host, port=port, log_level="warning")
    finally:
        live.stop()


def _every(text: str) -> float:
    from newsgraph.watch import parse_every

    return parse_every(text)


@app.command()
def watch(
    sources: Annotated[list[str], typer.Argument(help="folders, files (saved feeds too) and RSS/Atom URLs")],
    db: DbOpt = None,
    every: EveryOpt = "10m",
    once: Annotated[bool, typer.Option("--once", help="poll every source once, then stop")] = False,
    cycles: Annotated[int | None, typer.Option("--cycles", help="stop after this many polls", min=1)] = None,
    published: PublishedOpt = None,
    config: ConfigOpt = None,
    model: ModelOpt = None,
    batch_size: BatchOpt = None,
) -> None:
    """Follow folders and feeds: ingest what is new on every poll, evaluate alert rules (Ctrl+C to stop)."""
    from newsgraph.store.duck import Store
    from newsgraph.watch import Watcher, source_for

    with _errors():
        settings = _settings(config, db=str(db) if db else None, model=model, batch_size=batch_size)
        seconds = _every(every)
        with Store(settings.db) as store:
            watcher = Watcher([source_for(s, published=published) for s in sources], store, settings, every=seconds,
                              on_cycle=lambda st: typer.echo(json.dumps(st.as_dict())))
            try:
                watcher.run(cycles=1 if once else cycles)
            except KeyboardInterrupt:
                typer.secho("stopped", err=True)


alerts_app = typer.Typer(help="Alert rules: saved queries evaluated after each ingest batch.", no_args_is_help=True)
app.add_typer(alerts_app, name="alerts")


@alerts_app.command("add")
def alerts_add(
    kind: Annotated[str, typer.Argument(help="event or speaker")],
    param: Annotated[
        list[str] | None, typer.Option("--param", "-p", help="NAME=VALUE, e.g. type=ASSAULT, actor=Russia, topic=diplomacy")
    ] = None,
    webhook: Annotated[str | None, typer.Option("--webhook", help="URL that gets each alert as a JSON POST")] = None,
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Save an alert rule; it fires on articles stored from now on."""
    from newsgraph.store import alerts

    params = {}
    for p in param or []:
        name, sep, value = p.partition("=")
        if not sep:
            _fail(NewsgraphError(f"--param {p!r}: write NAME=VALUE"))
        params[name.strip()] = value.strip()
    with _opened(config, db, read_only=False) as (_, store):
        rule = alerts.add_rule(store, kind, params, webhook)
    typer.echo(json.dumps(rule))


@alerts_app.command("list")
def alerts_list(
    db: DbOpt = None,
    config: ConfigOpt = None,
    fired: Annotated[bool, typer.Option("--alerts", help="list the alerts that fired instead of the rules")] = False,
    limit: Annotated[int, typer.Option("--limit", help="alerts to print, newest first", min=1)] = 50,
) -> None:
    """Print the alert rules (or, with --alerts, the alerts), one JSON object a line."""
    from newsgraph.store import alerts

    with _opened(config, db) as (_, store):
        rows = alerts.list_alerts(store, limit=limit)["items"] if fired else alerts.list_rules(store)
    for row in rows:
        typer.echo(json.dumps(row, ensure_ascii=False))


@alerts_app.command("remove")
def alerts_remove(
    rule_id: Annotated[int, typer.Argument(help="rule id (from newsgraph alerts list)")],
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Delete an alert rule; the alerts it raised stay."""
    from newsgraph.store import alerts

    with _opened(config, db, read_only=False) as (_, store):
        alerts.remove_rule(store, rule_id)
    typer.secho(f"removed alert rule {rule_id}", err=True)


@app.command()
def summary(
    db: DbOpt = None,
    config: ConfigOpt = None,
    article: Annotated[str | None, typer.Option("--article", help="also print this article as a readable page")] = None,
) -> None:
    """Counts, top actors and speakers of a database, and an article's page: who said what, events, contested
    claims (what `make demo` prints; the raw record is `newsgraph show`)."""
    from newsgraph.store.summary import render_summary

    with _opened(config, db) as (settings, store):
        typer.echo(render_summary(store, article, min_confidence=settings.min_event_confidence))


@app.command()
def check(
    claim: Annotated[str, typer.Argument(help="the claim to check, in plain words")],
    db: DbOpt = None,
    config: ConfigOpt = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json")] = "text",
    limit: Annotated[int, typer.Option("--limit", help="most statements shown", min=1, max=500)] = 50,
) -> None:
    """Statements in the database that agree with, deny or discuss a claim, by speaker (claims)."""
    from newsgraph.store.claims.check import check as check_claim
    from newsgraph.store.claims.check import render_check

    if fmt not in ("text", "json"):
        _fail(NewsgraphError(f"unknown format {fmt!r}: use text or json"))
    with _opened(config, db) as (_, store):
        result = check_claim(store, claim, limit=limit)
    if fmt == "json":
        result = {k: v for k, v in result.items() if k != "speakers"}
        typer.echo(json.dumps(result, ensure_ascii=False, indent=2, default=str))
    else:
        typer.echo(render_check(result))


@eval_app.command("claims")
def eval_claims(
    db: DbOpt = None,
    data: Annotated[Path, typer.Option("--data", help="gold claim pairs (JSONL)")] = Path(
        "tests/gold/claims/pairs.jsonl"),
    split: Annotated[str, typer.Option("--split", help="dev, test or all")] = "test",
    config: ConfigOpt = None,
) -> None:
    """Claim grouping on the VOA claim pairs (database: samples/articles.jsonl ingested): P/R/F1, relation."""
    from newsgraph.eval.base import Report, fmt
    from newsgraph.eval.claims import evaluate_claims, read_pairs

    def run() -> Report:
        if split not in ("dev", "test", "all"):
            raise NewsgraphError(f"unknown split {split!r}: use dev, test or all")
        with _opened(config, db) as (_, store):
            sc = evaluate_claims(store, read_pairs(data, split))
        return Report(
            ("metric", "score"),
            [("same-claim precision", fmt(sc.precision)), ("same-claim recall", fmt(sc.recall)),
             ("same-claim F1", fmt(sc.f1)),
             (f"relation accuracy ({sc.relation_total} grouped gold pairs)", fmt(sc.relation_accuracy))],
            title=f"claim groups on {data} ({split}: {sc.pairs} pairs, {sc.gold_same} same; "
                  f"{sc.unmatched} statements unmatched)",
        )

    _eval(run)


@eval_app.command("dates")
def eval_dates(
    data: Annotated[Path, typer.Option("--data", help="folder with TimeML .tml files (e.g. ../shared/data/timebank)")],
    limit: Annotated[int | None, typer.Option("--limit", help="score only the first N files (sorted by path)")] = None,
    config: ConfigOpt = None,
    model: ModelOpt = None,
) -> None:
    """TIMEX3 DATE/TIME detection (overlap P/R/F1) and value accuracy, with each document's DCT as anchor."""
    from newsgraph.eval import dates
    from newsgraph.nlp.pipeline import build_pipeline

    def run() -> Report:
        settings = _settings(config, model=model).replace(components=("dates",))
        return dates.report(data, dates.evaluate_dates(data, build_pipeline(settings), limit=limit))

    _eval(run)


@eval_app.command("entities")
def eval_entities(
    data: Annotated[Path, typer.Option("--data", help="CoNLL-2003 folder (e.g. ../shared/data/conll2003)")],
    split: Annotated[str, typer.Option("--split", help="train, valid (testa) or test (testb)")] = "valid",
    limit: Annotated[int | None, typer.Option("--limit", help="score only the first N documents")] = None,
    config: ConfigOpt = None,
    model: ModelOpt = None,
) -> None:
    """CoNLL-2003 names (PER/ORG/LOC/MISC): exact typed (the CoNLL measure), exact and overlap P/R/F1."""
    from newsgraph.batch import get_pipeline
    from newsgraph.eval import entities

    def run() -> Report:
        settings = _settings(config, model=model)
        if "entities" not in settings.components:
            settings = settings.replace(components=("entities", *settings.components))
        return entities.report(entities.evaluate_entities(data, get_pipeline(settings), split, limit=limit))

    _eval(run)


@eval_app.command("amounts")
def eval_amounts(
    data: Annotated[Path, typer.Option("--data", help="MEANTIME folder (e.g. ../shared/data/meantime)")],
    limit: Annotated[int | None, typer.Option("--limit", help="score only the first N files (sorted by path)")] = None,
    config: ConfigOpt = None,
    model: ModelOpt = None,
) -> None:
    """MEANTIME VALUE spans (MONEY/PERCENT/QUANTITY): overlap P/R/F1, kind and value accuracy."""
    from newsgraph.eval import amounts
    from newsgraph.nlp.pipeline import build_pipeline

    def run() -> Report:
        settings = _settings(config, model=model).replace(components=("dates", "amounts"))
        return amounts.report(data, amounts.evaluate_amounts(data, build_pipeline(settings), limit=limit))

    _eval(run)


def _eval(run: Callable[[], Report]) -> None:
    """The shape of every ``newsgraph eval`` command: ``run`` scores and returns the report, which is printed; a
    NewsgraphError or an unreadable file (gold data, model) ends in one message and exit code 1."""
    with _errors():
        try:
            report = run()
        except OSError as exc:
            raise NewsgraphError(str(exc)) from exc
    if report.widths:
        for line in report.lines():
            typer.echo(line)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(*report.columns, title=report.title)
    for row in report.rows:
        table.add_row(*row)
    Console().print(table)


@eval_app.command("places")
def eval_places(
    data: Annotated[Path, typer.Option("--data", help="folder with GWN.xml and GeoVirus.xml")] = Path(
        "../shared/data/geowebnews"),
    dataset: Annotated[list[str] | None, typer.Option("--dataset", help="geowebnews, geovirus (default both)")] = None,
    limit: Annotated[int | None, typer.Option("--limit", help="first N articles of each set")] = None,
    baseline: Annotated[bool, typer.Option("--baseline", help="also score the naive baseline")] = False,
    half: Annotated[str | None, typer.Option(
        "--half", help="score one seeded half of each set: study (tuned on) or heldout (reported)")] = None,
    config: ConfigOpt = None,
    model: ModelOpt = None,
) -> None:
    """Geoparsing on GeoWebNews and GeoVirus: recognition P/R/F1 (span overlap), acc@161, mean error, AUC."""
    from newsgraph.eval import places

    def run() -> Report:
        return places.report(places.evaluate_places(data, dataset or ("geowebnews", "geovirus"), limit=limit,
                                                    baseline=baseline, settings=_settings(config, model=model),
                                                    half=half))

    _eval(run)


#: the quote evals' --min-confidence: score the quotes a reader sees at this confidence (default: the setting)
MinQuoteConfidence = Annotated[float | None, typer.Option(
    "--min-confidence", min=0.0, max=1.0,
    help="score the quotes shown at this confidence (default: setting min_quote_confidence; 0: every quote)")]


@eval_app.command("quotes")
def eval_quotes(
    data: Annotated[Path, typer.Option("--data", help="PolNeAR folder (with data/<split>/text, attributions)")],
    split: Annotated[str, typer.Option("--split", help="train, dev or test")] = "dev",
    limit: Annotated[int | None, typer.Option("--limit", help="score only the first N articles by name")] = None,
    min_confidence: MinQuoteConfidence = None,
    config: ConfigOpt = None,
    model: ModelOpt = None,
) -> None:
    """Quote attribution on PolNeAR: content, content+cue and content+source precision, recall, F1."""
    from newsgraph.batch import get_pipeline
    from newsgraph.eval import quotes

    def run() -> Report:
        settings = _settings(config, model=model)
        if "quotes" not in settings.components:
            settings = settings.replace(components=(*settings.components, "quotes"))
        threshold = settings.min_quote_confidence if min_confidence is None else min_confidence
        return quotes.report(quotes.evaluate_quotes(data, split, limit=limit, nlp=get_pipeline(settings),
                                                    min_confidence=threshold))

    _eval(run)


@eval_app.command("speakers")
def eval_speakers(
    data: Annotated[Path, typer.Option("--data", help="speakers gold folder (with speakers.jsonl)")] = Path(
        "gold/speakers-voa"),
    split: Annotated[str, typer.Option("--split", help="held (report this), tune (study this) or all")] = "held",
    articles: Annotated[Path, typer.Option("--articles", help="JSONL holding the gold stories' texts")] = Path(
        "samples/articles.jsonl"),
    min_confidence: MinQuoteConfidence = None,
    config: ConfigOpt = None,
    model: ModelOpt = None,
) -> None:
    """Quotes with resolved speakers on 30 VOA stories: content and content+speaker P/R/F1, resolution by kind."""
    from newsgraph.eval import speakers

    _eval(lambda: speakers.report(speakers.evaluate_speakers(data, articles, split, _settings(config, model=model),
                                                             min_confidence=min_confidence)))


@eval_app.command("events")
def eval_events(
    data: Annotated[Path, typer.Option(
        "--data", help="events-voa / events-train folder (sentences.jsonl, events.jsonl) or the PLOVER gold folder")
    ] = Path("../shared/data/events-voa"),
    half: Annotated[str | None, typer.Option("--half", help="score only half a or b (split by story, seeded)")] = None,
    min_confidence: Annotated[float | None, typer.Option(
        "--min-confidence", help="keep events at or above this confidence (default: setting min_event_confidence)")
    ] = None,
    model: ModelOpt = None,
    config: ConfigOpt = None,
) -> None:
    """PLOVER events on real-news gold sentences (detection, typed, full P/R/F1), or on the PLOVER gold records."""
    from rich.console import Console
    from rich.table import Table

    from newsgraph.eval.events import Scores, evaluate_events
    from newsgraph.eval.events_gold import SentenceScores, evaluate_sentence_events, is_sentence_gold

    sc, scores = SentenceScores(), Scores()
    try:
        settings = _settings(config, model=model)
        if is_sentence_gold(data):
            sc = evaluate_sentence_events(data, settings, half=half, min_confidence=min_confidence)
        else:
            scores = evaluate_events(data, settings)
    except NewsgraphError as exc:
        _fail(exc)
        return
    console = Console()
    if is_sentence_gold(data):
        threshold = settings.min_event_confidence if min_confidence is None else min_confidence
        table = Table("measure", "P", "R", "F1", "pred", "gold",
                      title=f"{data.name}{' half ' + half if half else ''}: {sc.sentences} sentences, "
                      f"min confidence {threshold:.2f}")
        for name, lvl in (("detection", sc.detection), ("typed", sc.typed), ("full (type+source+target)", sc.full)):
            p, r, f = lvl.prf
            table.add_row(name, f"{p:.3f}", f"{r:.3f}", f"{f:.3f}", str(lvl.pred), str(lvl.gold))
        for t, lvl in sorted(sc.per_type.items()):
            p, r, f = lvl.prf
            table.add_row(f"  {t}", f"{p:.3f}", f"{r:.3f}", f"{f:.3f}", str(lvl.pred), str(lvl.gold))
        console.print(table)
        conf = Table("gold type", "predicted type", "n", title="confusion (trigger found, type wrong)")
        for (g, p), n in sc.confusion.most_common():
            conf.add_row(g, p, str(n))
        console.print(conf)
        return
    from newsgraph.eval import events

    _eval(lambda: events.report(scores))


@app.command()
def stance(
    pairs: Annotated[Path, typer.Argument(help='JSONL file of {"id", "claim", "text"} lines, or - for stdin')],
) -> None:
    """Stance of each text towards its claim: one {"id", "stance", "confidence"} line each (FNC-1 labels)."""
    from newsgraph.claims.cli import stance_lines

    try:
        stream = sys.stdin if str(pairs) == "-" else pairs.open(encoding="utf-8", errors="replace")
    except OSError as exc:
        _fail(exc)
        return
    with stream:
        bad = stance_lines(stream, typer.echo, lambda msg: typer.secho(msg, fg=typer.colors.RED, err=True))
    if bad:
        raise typer.Exit(1)


@eval_app.command("stance")
def eval_stance(
    data: Annotated[Path, typer.Option("--data", help="FNC-1 folder with bodies.csv, stances.csv")] = Path(
        "../shared/data/fnc1"),
    split: Annotated[str, typer.Option("--split", help="test (held-out fifth of the bodies) or train")] = "test",
    limit: Annotated[int | None, typer.Option("--limit", help="score only the first N pairs of the split")] = None,
) -> None:
    """Stance on FNC-1's held-out bodies: weighted FNC-1 score, per-class P/R/F1, confusion matrix."""
    from rich.console import Console
    from rich.table import Table

    from newsgraph.eval.stance import LABELS, evaluate_stance

    try:
        score = evaluate_stance(data, split, limit=limit)
    except (NewsgraphError, OSError, ValueError) as exc:
        _fail(exc)
        return
    console = Console()
    table = Table("class", "P", "R", "F1", "gold",
                  title=f"FNC-1 {split}: {score.pairs} pairs, {score.bodies} bodies")
    for label in LABELS:
        p, r, f = score.prf(label)
        table.add_row(label, f"{p:.3f}", f"{r:.3f}", f"{f:.3f}", str(sum(score.confusion[label].values())))
    console.print(table)
    matrix = Table("gold \\ predicted", *LABELS, title="confusion matrix")
    for g in LABELS:
        matrix.add_row(g, *(str(score.confusion[g][p]) for p in LABELS))
    console.print(matrix)
    typer.echo(f"FNC-1 weighted score {score.weighted:.4f} ({score.score:.2f} of {score.best:.2f}), "
               f"accuracy {score.accuracy:.3f}, macro F1 {score.macro_f1:.3f}, "
               f"{1000 * score.seconds_per_pair:.2f} ms per pair")
