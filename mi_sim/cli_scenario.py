"""`mi-sim scenario export | import | test`: the persona library from the command line.

Registered on the `mi-sim scenario` group by mi_sim/cli.py (`register(scenario_app)`). The
database commands read the same `Settings` as every other command (`MI_SIM_DATABASE_URL`) and
act as `library.COMMAND_LINE` (an admin recorded as nobody) unless `--as NAME` names a user.

    mi-sim scenario export panic-disorder --version 2 -o panic-v2.yaml
    mi-sim scenario import my-persona.yaml --publish --as ina
    mi-sim scenario test                        # every persona's goldens, newest version
    mi-sim scenario test panic-disorder --draft
    mi-sim scenario test --persona p.yaml --golden tests/golden/panic-disorder.json
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from mi_sim.cli_admin import fail, services
from mi_sim.scenarios.goldens import (
    GoldenError,
    GoldenResult,
    describe,
    load_golden_file,
    run_golden,
)
from mi_sim.scenarios.loader import ScenarioError, load_persona_file, read_limited
from mi_sim.services import Services
from mi_sim.services.library import COMMAND_LINE, DRAFT, PUBLISHED
from mi_sim.services.records import DraftRecord, UserRecord


def register(group: typer.Typer) -> None:
    """Add `export`, `import` and `test` to the `mi-sim scenario` group."""
    group.command("export")(scenario_export)
    group.command("import")(scenario_import)
    group.command("test")(scenario_test)


def scenario_export(
    slug: Annotated[str, typer.Argument(help="The persona's slug.")],
    version: Annotated[int | None, typer.Option(
        "--version", help="Version number; default: the newest published one.")] = None,
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", help="Write to this file instead of stdout.")] = None,
) -> None:
    """Print (or write) a persona's YAML exactly as stored in the database."""
    with services() as built:
        text = built.library.export_yaml(COMMAND_LINE, slug, version)
    if output is None:
        typer.echo(text, nl=not text.endswith("\n"))
        return
    try:
        output.write_text(text, encoding="utf-8", newline="")
    except OSError as exc:
        raise fail(f"cannot write {output}: {exc.strerror}") from exc
    typer.echo(f"wrote {output}", err=True)


def scenario_import(
    file: Annotated[Path, typer.Argument(help="A persona YAML file.")],
    publish: Annotated[bool, typer.Option(
        "--publish", help="Publish it at once when it has no errors.")] = False,
    as_user: Annotated[str | None, typer.Option(
        "--as", metavar="NAME", help="Record this instructor or admin as the author.")] = None,
    replace_draft: Annotated[bool, typer.Option(
        "--replace-draft", help="Replace the persona's existing draft.")] = False,
) -> None:
    """Import a persona file into the database (checked like the editor's text).

    Without --publish (or when it has errors) the file becomes the persona's draft. Problems
    are printed as `file:line: message`; exits 1 when --publish was asked and it could not be
    published."""
    try:
        data = read_limited(file)
    except ScenarioError as exc:
        for problem in exc.problems:
            typer.echo(str(problem))
        raise typer.Exit(1) from exc
    with services() as built:
        user = _user(built, as_user)
        result = built.library.import_yaml(user, data, publish, filename=str(file),
                                           replace_draft=replace_draft)
    if not isinstance(result, DraftRecord):
        typer.echo(f"published {result.slug} version {result.number}")
        return
    for problem in result.problems:
        typer.echo(str(problem))
    errors = len(result.errors)
    typer.echo(f"saved as the draft of {result.slug} ({errors} error{'s' * (errors != 1)}, "
               f"{len(result.warnings)} warning{'s' * (len(result.warnings) != 1)})")
    if publish:
        typer.echo(f"not published: fix the error{'s' * (errors != 1)} and import again "
                   "(with --replace-draft) or publish from the editor", err=True)
        raise typer.Exit(1)


def scenario_test(
    slugs: Annotated[list[str] | None, typer.Argument(
        help="Personas whose saved goldens to run; default: every persona with goldens.",
        show_default=False)] = None,
    draft: Annotated[bool, typer.Option(
        "--draft", help="Run against each persona's draft instead of its newest "
        "published version.")] = False,
    persona_file: Annotated[Path | None, typer.Option(
        "--persona", metavar="FILE.yaml", help="File mode: a persona file (no database).")
    ] = None,
    golden_files: Annotated[list[Path] | None, typer.Option(
        "--golden", metavar="G.json", help="File mode: golden files (tests/golden/*.json "
        "format); repeat for several.")] = None,
) -> None:
    """Run golden transcripts (PASS/FAIL each); exit 1 on any failure.

    From the database (the goldens saved in the library), or with --persona and --golden from
    files without a database. A failure shows each changed reply and number."""
    if persona_file is not None or golden_files:
        if slugs or draft:
            raise fail("give either persona slugs (database) or --persona with --golden "
                       "(files), not both", 2)
        if persona_file is None or not golden_files:
            raise fail("file mode needs --persona FILE.yaml and at least one --golden G.json",
                       2)
        results = _file_results(persona_file, golden_files)
    else:
        results = _database_results(slugs or [], draft)
    if not results:
        typer.echo("no goldens to run")
        return
    failed = 0
    for label, result in results:
        if result.passed:
            typer.echo(f"PASS {label}: {result.name} ({len(result.actual)} turns)")
            continue
        failed += 1
        count, first = len(result.diffs), result.first_difference
        where = f", first at turn {first}" if first else ""
        typer.echo(f"FAIL {label}: {result.name} ({count} difference{'s' * (count != 1)}"
                   f"{where})")
        for line in readable_diff(result):
            typer.echo(f"    {line}")
    typer.echo(f"{len(results) - failed} passed, {failed} failed")
    if failed:
        raise typer.Exit(1)


def readable_diff(result: GoldenResult) -> list[str]:
    """A failed golden's differences turn by turn: changed replies (and other fields) as
    `- expected` / `+ actual` lines, the turn's state numbers on one line."""
    turns = sorted({d.turn for d in result.diffs})
    out: list[str] = []
    for turn in turns:
        here = [d for d in result.diffs if d.turn == turn]
        other = [d for d in here if not d.field.startswith("state.")]
        if other:
            out.extend(describe(replace(result, diffs=tuple(other)))[1:])
        numbers = [f"{d.field.removeprefix('state.')} {_number(d.expected)} → "
                   f"{_number(d.actual)}" for d in here if d.field.startswith("state.")]
        if numbers:
            out.append(f"turn {turn} state: {'; '.join(numbers)}")
    return out


def _number(value: object) -> str:
    return "(none)" if value is None else str(value)


def _file_results(persona_file: Path,
                  golden_files: list[Path]) -> list[tuple[str, GoldenResult]]:
    try:
        persona = load_persona_file(persona_file)
    except ScenarioError as exc:
        for problem in exc.problems:
            typer.echo(str(problem))
        raise fail(f"{persona_file} does not load", 1) from exc
    out = []
    for path in golden_files:
        try:
            golden = load_golden_file(path)
        except GoldenError as exc:
            raise fail(str(exc), 1) from exc
        out.append((str(path), run_golden(persona, golden)))
    return out


def _database_results(slugs: list[str], draft: bool) -> list[tuple[str, GoldenResult]]:
    against = DRAFT if draft else PUBLISHED
    out: list[tuple[str, GoldenResult]] = []
    with services() as built:
        if not slugs:
            slugs = [entry.slug for entry in built.library.library(COMMAND_LINE)
                     if entry.goldens and (entry.has_draft if draft
                                           else entry.published is not None)]
        for slug in slugs:
            results = built.library.run_goldens(COMMAND_LINE, slug, against)
            if not results:
                typer.echo(f"{slug}: no goldens saved", err=True)
            label = f"{slug} ({'draft' if draft else 'published'})"
            out.extend((label, result) for result in results)
    return out


def _user(built: Services, name: str | None) -> UserRecord:
    return COMMAND_LINE if name is None else built.accounts.get_user(name)
