"""`mi-sim export --all` and `mi-sim import`: the whole database as JSON lines, and back.

Registered on the main `mi-sim` app by mi_sim/cli.py (`register(app)`). Both read the same
`Settings` as every other command (`MI_SIM_DATABASE_URL`). The format and the rules (an import
goes into an empty database at the same schema revision, all or nothing) are in
`mi_sim.services.backup`.

    mi-sim export --all -o backup-2026-03-01.jsonl.gz
    MI_SIM_DATABASE_URL=postgresql+psycopg://... mi-sim db upgrade
    MI_SIM_DATABASE_URL=postgresql+psycopg://... mi-sim import backup-2026-03-01.jsonl.gz
"""

from __future__ import annotations

import gzip
import io
import os
import sys
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Annotated, Any

import typer

from mi_sim.cli_admin import fail, services, shown

GZIP_MAGIC = b"\x1f\x8b"


def register(app: typer.Typer) -> None:
    """Add `export` and `import` to the main `mi-sim` app."""
    app.command("export")(export_command)
    app.command("import")(import_command)


def export_command(
    everything: Annotated[bool, typer.Option(
        "--all", help="Export the whole database (required: the only kind of export).")] = False,
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", help="Write to this file instead of stdout; gzip-compressed when "
        "it ends in .gz.")] = None,
) -> None:
    """Write the whole database as JSON lines: a header, one line per row, a trailer with
    counts. Restore it with `mi-sim import`."""
    if not everything:
        raise fail("say --all: `mi-sim export --all [-o FILE]` writes the whole database "
                   "(for one persona, see `mi-sim scenario export`)", 2)
    with services() as built:
        url = built.settings.database_url
        if output is None:
            stream = sys.stdout.buffer if hasattr(sys.stdout, "buffer") else sys.stdout
            report = built.backup.export_all(stream)
            stream.flush()
        else:
            # Written beside the target and renamed at the end, so a failed export never
            # leaves a file that looks like a backup.
            partial = output.with_name(output.name + ".partial")
            try:
                with _open_output(partial, output.suffix == ".gz") as out:
                    report = built.backup.export_all(out)
                os.replace(partial, output)
            except OSError as exc:
                partial.unlink(missing_ok=True)
                raise fail(f"cannot write {output}: {exc.strerror or exc}") from exc
            except BaseException:
                partial.unlink(missing_ok=True)
                raise
    where = "stdout" if output is None else str(output)
    typer.echo(f"exported {report.rows} rows from {shown(url)} (schema revision "
               f"{report.schema_revision}) to {where}: {report.describe()}", err=True)
    if built.settings.is_default_secret:
        typer.echo("warning: signed with the development MI_SIM_SECRET_KEY, which anyone can "
                   "use; set your own so that only this installation can sign backups",
                   err=True)
    if report.cleaned:
        typer.echo(f"note: {report.cleaned} rows held NUL characters, which no database can "
                   "restore; they were written without them", err=True)


def _open_output(path: Path, compress: bool) -> IO[bytes]:
    if compress:
        return gzip.open(path, "wb", compresslevel=6)
    return path.open("wb")


def import_command(
    file: Annotated[str, typer.Argument(
        help="An export written by `mi-sim export --all` (gzip-compressed or not); - for "
        "stdin.", metavar="FILE")],
    allow_unsigned: Annotated[bool, typer.Option(
        "--allow-unsigned", help="Import a file that is not signed with this installation's "
        "key (MI_SIM_SECRET_KEY): an export from an older mi-sim or another installation. "
        "Only for a file you know and trust: anyone can write an unsigned file.")] = False,
) -> None:
    """Load an export into an EMPTY database migrated to the export's schema revision (run
    `mi-sim db upgrade` first). All or nothing: on any problem nothing is stored. The file
    must be signed with this installation's key unless --allow-unsigned is given."""
    with services() as built:
        url = built.settings.database_url
        try:
            with _open_input(file) as source:
                report = built.backup.import_all(source, allow_unsigned=allow_unsigned)
        except (EOFError, zlib.error) as exc:  # a cut-short or damaged gzip stream
            raise fail(f"{file}: the compressed file is damaged or cut short ({exc}); "
                       "nothing was imported") from exc
        except OSError as exc:
            raise fail(f"cannot read {file}: {exc.strerror or exc}; nothing was "
                       "imported") from exc
    typer.echo(f"imported {report.rows} rows into {shown(url)} (exported "
               f"{report.exported_at}): {report.describe()}")
    if report.verdict is not None and not report.verdict.signed:
        typer.echo(f"warning: imported WITHOUT a valid signature (--allow-unsigned): "
                   f"{report.verdict.problem}", err=True)


@contextmanager
def _open_input(name: str) -> Iterator[IO[Any]]:
    """The file (or stdin for -), decompressed when it starts with gzip's magic bytes."""
    if name == "-":
        raw = sys.stdin.buffer
        if not hasattr(raw, "peek"):
            raw = io.BufferedReader(raw)  # type: ignore[arg-type]
        if raw.peek(2)[:2] == GZIP_MAGIC:
            with gzip.GzipFile(fileobj=raw, mode="rb") as unpacked:  # leaves stdin open
                yield unpacked
        else:
            yield raw
        return
    with Path(name).open("rb") as source:
        compressed = source.read(2) == GZIP_MAGIC
        source.seek(0)
        if not compressed:
            yield source
            return
        with gzip.GzipFile(fileobj=source, mode="rb") as unpacked:
            yield unpacked
