"""The ``ungraph`` command line: build, serve, query, export, load, validate, lint-data.

Exit codes are a contract (as pySHACL's): 0 success (``validate``: conforms), 1 the graph
does not conform, 2 an error — bad input, a missing store, an unknown format, a port in use —
reported on one line without a traceback. Every option can also be set with the
``UNGRAPH_*`` variable of the setting it names (see ``ungraph.config.SETTINGS``).
"""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path
from typing import Any

import click

from ungraph import __version__, formats
from ungraph.config import Settings
from ungraph.errors import UngraphError, ValidationFailed

__all__ = ["main", "cli"]

QUERY_FORMATS = tuple(f.name for f in formats.offers("bindings") + formats.offers("graph"))
EXPORT_FORMATS = tuple(f.name for f in formats.offers("export"))


class _Group(click.Group):
    """Turns every UngraphError into one line on stderr and exit code 2 (1 for non-conformance)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ValidationFailed as e:
            click.echo(e.report_text, err=True)
            click.echo("error: the graph does not conform to the shapes; the previous store was kept", err=True)
            sys.exit(1)
        except UngraphError as e:
            click.echo(f"error: {e}", err=True)
            sys.exit(2)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            sys.exit(130)


def _settings(**overrides: Any) -> Settings:
    return Settings.from_env(**overrides)


store_option = click.option("--store", "store", type=click.Path(file_okay=False), default=None,
                            help="Store directory (default: build/store; env UNGRAPH_STORE).")


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ungraph")
def cli() -> None:
    """ungraph: the UN Secretary-General's report A/78/1 as a knowledge graph."""


@cli.command()
@store_option
@click.option("--dump", type=click.Path(dir_okay=False), default=None, help="N-Quads dump path (default: build/ungraph.nq).")
@click.option("--base", default=None, help="Base IRI (default: http://127.0.0.1:8080/; env UNGRAPH_BASE).")
@click.option("--validate/--no-validate", "validate", default=None, help="Run SHACL validation (default: on).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def build(store: str | None, dump: str | None, base: str | None, validate: bool | None, quiet: bool) -> None:
    """Build the graph from the report into a new store and swap it in atomically."""
    from ungraph.build import build as run_build

    settings = _settings(store=store, dump=dump, base=base, validate=validate)
    result = run_build(settings, progress=not quiet)
    click.echo(f"built {result.quads} quads ({result.segments} segments, {result.records} records, "
               f"{result.warnings} validation warnings) -> {result.store}, {result.dump}")


def _check_port(host: str, port: int) -> None:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError as e:
            raise UngraphError(f"cannot listen on {host}:{port}: {e.strerror}") from None


@cli.command()
@store_option
@click.option("--host", default=None, help="Interface to bind (default: 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port (default: 8080).")
@click.option("--workers", type=int, default=None, help="Server processes (default: the number of usable cores).")
@click.option("--backend", default=None, help="Serve an external SPARQL endpoint instead of the local store.")
def serve(store: str | None, host: str | None, port: int | None, workers: int | None, backend: str | None) -> None:
    """Serve the store read-only: SPARQL endpoint and entity pages, on granian (WSGI)."""
    settings = _settings(store=store, host=host, port=port, workers=workers, backend=backend)
    if not settings.backend:  # fail here, in one line, if the store cannot be opened (cheap: no loading)
        from ungraph import store as stores

        stores.open_store(settings.store, read_only=True)
    _check_port(settings.host, settings.port)
    given = (("store", str(Path(store).resolve()) if store is not None else None), ("host", host), ("port", port),
             ("workers", workers), ("backend", backend))
    for name, value in given:
        if value is not None:
            os.environ[f"UNGRAPH_{name.upper()}"] = str(value)
    from granian import Granian
    from granian.constants import Interfaces

    click.echo(f"serving {settings.store} at http://{settings.host}:{settings.port}/ (SPARQL: /sparql), "
               f"{settings.server_workers()} server processes", err=True)
    # respawn_failed_workers: a server process that dies (killed, out of memory) is replaced, and the others
    # serve meanwhile (tests/web/test_faults.py); without it granian stops the whole server
    Granian("ungraph.web.wsgi:create_from_env", factory=True, address=settings.host, port=settings.port,
            interface=Interfaces.WSGI, workers=settings.server_workers(), blocking_threads=settings.threads,
            log_access=False, respawn_failed_workers=True).serve()


@cli.command()
@store_option
@click.option("--format", "fmt", type=click.Choice(QUERY_FORMATS), default=None,
              help="Result format (default: json for SELECT/ASK, ttl for CONSTRUCT/DESCRIBE).")
@click.argument("query")
def query(store: str | None, fmt: str | None, query: str) -> None:
    """Run a SPARQL query (QUERY, or - to read it from stdin) over the union of all graphs."""
    from ungraph import store as stores
    from ungraph.sparql import run_query

    settings = _settings(store=store)
    text = sys.stdin.read() if query == "-" else query
    data = run_query(stores.open_store(settings.store, read_only=True), text, fmt, base=settings.base)
    sys.stdout.buffer.write(data)


@cli.command()
@store_option
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), required=True, help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None, help="Output file (default: stdout).")
def export(store: str | None, fmt: str, output: str | None) -> None:
    """Export the whole store (graph-less formats get the union of all graphs)."""
    from ungraph import store as stores
    from ungraph.namespaces import Namespaces

    settings = _settings(store=store)
    data = stores.export(stores.open_store(settings.store, read_only=True), fmt, Namespaces(settings.base).prefixes)
    if output:
        try:
            Path(output).write_bytes(data)
        except OSError as e:
            raise UngraphError(f"{output}: cannot write: {e.strerror}") from None
    else:
        sys.stdout.buffer.write(data)


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--graph", default=None, help="Named graph for triples (default: the file's file: IRI).")
@store_option
def load(file: str, graph: str | None, store: str | None) -> None:
    """Add an RDF file to a store (format from its extension; N-Quads/TriG keep their graphs)."""
    from ungraph import columns, store as stores
    from ungraph.namespaces import Namespaces

    settings = _settings(store=store)
    columns.remove(settings.store)  # stale from here on (open_for would refuse them anyway)
    target = stores.open_store(settings.store)
    added = stores.load_file(target, file, graph=graph)
    del target
    stores.write_snapshot(settings.store)
    columns.write(settings.store, Namespaces(settings.base).prefixes.items())
    click.echo(f"loaded {added} quads from {file} into {settings.store}")


@cli.command()
@store_option
@click.option("--data", type=click.Path(dir_okay=False), default=None, help="Validate an RDF file instead of a store.")
@click.option("--format", "fmt", type=click.Choice(("text", "ttl", "json")), default="text", help="Report format.")
def validate(store: str | None, data: str | None, fmt: str) -> None:
    """Validate a store or a file against the ontology and shapes. Exit 0 conforms, 1 does not, 2 error."""
    from ungraph.validate import validate_path

    settings = _settings(store=store)
    if store and data:
        raise UngraphError("give either --store or --data, not both")
    result = validate_path(settings, data=data)
    click.echo(result.render(fmt))
    sys.exit(0 if result.conforms else 1)


@cli.command("lint-data")
@click.option("--fix", is_flag=True, help="Rewrite the tables in canonical form.")
def lint_data(fix: bool) -> None:
    """Check the curated reference tables (data/reference/*.tsv); exit 1 when one is not canonical."""
    from ungraph.reference.tables import lint

    settings = _settings()
    problems = lint(Path(settings.resolved().reference_dir), fix=fix)
    for p in problems:
        click.echo(p, err=True)
    if problems and not fix:
        sys.exit(1)
    click.echo("reference data is canonical" if not problems else f"fixed {len(problems)} problem(s)")


@cli.command()
@store_option
@click.option("--to", "to", required=True, help="Graph Store Protocol URL of the target store (Oxigraph: http://HOST:7878/store; "
                   "Virtuoso: http://USER:PASSWORD@HOST:8890/sparql-graph-crud-auth).")
def publish(store: str | None, to: str) -> None:
    """Upload the built graph to an external store with the Graph Store Protocol (PUT per named graph).

    Then serve it with `ungraph serve --backend QUERY-URL`."""
    from ungraph import store as stores
    from ungraph.backend import split_credentials, publish as run_publish

    settings = _settings(store=store)
    done = run_publish(stores.open_store(settings.store, read_only=True), to)
    bare, _ = split_credentials(to)
    click.echo(f"published {sum(n for _, n in done)} triples in {len(done)} graphs to {bare}")


def main() -> None:
    cli(prog_name="ungraph")


if __name__ == "__main__":  # pragma: no cover
    main()
