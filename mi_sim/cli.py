"""The `mi-sim` command line: code lines, replay and chat with personas, manage persona files."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from mi_sim import jsonlines
from mi_sim.cli_admin import db_app, personas_app, users_app
from mi_sim.cli_backup import register as register_backup_commands
from mi_sim.cli_scenario import register as register_library_commands
from mi_sim.cli_serve import serve
from mi_sim.engine.coder import code_utterance
from mi_sim.engine.persona import Persona
from mi_sim.engine.turn import UtteranceError, check_utterance, open_session, take_turn
from mi_sim.scenarios.lint import has_errors, lint_file
from mi_sim.scenarios.loader import ScenarioError, load_catalog
from mi_sim.scenarios.schema import persona_json_schema
from mi_sim.scoring.miti import describe, summarize
from mi_sim.transcript import turn_record

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="mi-sim: practise Motivational Interviewing with simulated patients.")
scenario_app = typer.Typer(no_args_is_help=True, help="List, lint and describe persona files; "
                           "export, import and test the personas in the database.")
app.add_typer(scenario_app, name="scenario")
app.add_typer(db_app, name="db")
app.add_typer(users_app, name="users")
app.add_typer(personas_app, name="personas")
app.command("serve")(serve)
register_library_commands(scenario_app)  # export, import, test (the persona library)
register_backup_commands(app)  # export --all, import (the whole database)


def fail(message: str, code: int = 2) -> typer.Exit:
    typer.echo(f"mi-sim: {message}", err=True)
    return typer.Exit(code)


def find_persona(slug: str | None) -> Persona:
    try:
        catalog = load_catalog()
    except ScenarioError as exc:
        raise fail(f"the shipped personas do not load:\n{exc}") from exc
    if not catalog:
        raise fail("no personas found")
    if slug is None:
        return next(iter(catalog.values()))
    if slug not in catalog:
        raise fail(f"unknown scenario '{slug}'; known: {', '.join(catalog)}")
    return catalog[slug]


def check_level(persona: Persona, level: str | None) -> str:
    level = level or persona.default_level
    if level not in persona.levels:
        raise fail(f"unknown level '{level}' for {persona.slug}; levels: "
                   f"{', '.join(persona.levels)}")
    return level


@app.command("code")
def code_command(
    speaker: Annotated[str, typer.Option(
        metavar="[clinician|patient]",
        help="Whose lines: clinician (behaviour codes) or patient (change/sustain/neutral talk).",
    )] = "clinician",
) -> None:
    """Code clinician lines: JSON lines {"id", "text", "context"?} in, one result line out each.

    With --speaker patient, code client lines as talk: {"id", "code": change|sustain|neutral,
    "subtype": DARN-CAT or null, "segments": [{"text", "code"}], "why"}."""
    from mi_sim.engine.client_coder import code_client_talk

    if speaker not in ("clinician", "patient"):
        raise fail(f"unknown speaker '{speaker}'; use clinician or patient")
    failed = False
    for item in jsonlines.read_objects(sys.stdin):
        ident = item.data.get("id") if item.data else None
        try:
            if item.error:
                raise jsonlines.InputError(item.error)
            assert item.data is not None
            text = check_utterance(jsonlines.text_field(item.data))
            context = jsonlines.context_field(item.data)
            if speaker == "patient":
                talk = code_client_talk(text, context)
            else:
                coding = code_utterance(text, context)
        except (jsonlines.InputError, UtteranceError) as exc:
            failed = True
            jsonlines.write(sys.stdout, {"id": ident, "error": f"line {item.number}: {exc}"})
            continue
        if speaker == "patient":
            jsonlines.write(sys.stdout, {
                "id": ident,
                "code": talk.talk.value,
                "subtype": talk.subtype.value if talk.subtype else None,
                "segments": [{"text": s.text, "code": s.talk.value} for s in talk.segments],
                "why": talk.why,
            })
            continue
        jsonlines.write(sys.stdout, {
            "id": ident,
            "code": coding.code.value,
            "segments": [{"text": s.text, "code": s.code.value} for s in coding.segments],
            "why": coding.why,
        })
    if failed:
        raise typer.Exit(1)


@app.command("replay")
def replay_command(
    scenario: Annotated[str, typer.Option(help="Persona slug (see `mi-sim scenario list`).")],
    seed: Annotated[int, typer.Option(help="Seed; the same lines and seed replay exactly.")] = 0,
    level: Annotated[str | None, typer.Option(help="Difficulty level.")] = None,
    trace: Annotated[bool, typer.Option(help="Add the engine's trace to every line.")] = False,
) -> None:
    """Play clinician lines {"text"} from stdin against a persona; one JSON line per turn."""
    persona = find_persona(scenario)
    state, _opening = open_session(persona, check_level(persona, level), seed)
    for item in jsonlines.read_objects(sys.stdin):
        try:
            if item.error:
                raise jsonlines.InputError(item.error)
            assert item.data is not None
            result = take_turn(persona, state, jsonlines.text_field(item.data))
        except (jsonlines.InputError, UtteranceError) as exc:
            raise fail(f"line {item.number}: {exc}", 1) from exc
        state = result.state
        jsonlines.write(sys.stdout, turn_record(persona, result, trace))
        if state.ended:
            break


@app.command("chat")
def chat_command(
    scenario: Annotated[str | None, typer.Option(help="Persona slug; default: the first.")] = None,
    level: Annotated[str | None, typer.Option(help="Difficulty level.")] = None,
    seed: Annotated[int, typer.Option(help="Seed for the patient's choices.")] = 0,
    coach: Annotated[bool, typer.Option(help="Show the code of each of your lines.")] = False,
) -> None:
    """Practise in the terminal. Type /end (or Ctrl-D) to finish and see your MITI summary."""
    persona = find_persona(scenario)
    state, opening = open_session(persona, check_level(persona, level), seed)
    typer.echo(f"{persona.title} — level {state.level}\n\n{persona.brief.setting}\n")
    typer.echo("Type what you would say; /end finishes the session.\n")
    typer.echo(f"PATIENT: {opening}")
    codes: list[str] = []
    talk: list[str] = []
    while not state.ended:
        try:
            line = input("YOU: ")
        except (EOFError, KeyboardInterrupt):
            typer.echo("")
            break
        if line.strip() in ("/end", "/quit"):
            break
        try:
            result = take_turn(persona, state, line)
        except UtteranceError as exc:
            typer.echo(f"  ({exc})")
            continue
        state = result.state
        codes.append(result.code)
        talk.append(result.talk.value)
        if coach:
            typer.echo(f"  [{result.code}] {result.trace.coding.why}")
        cue = f" ({result.cue})" if result.cue else ""
        typer.echo(f"PATIENT{cue}: {result.reply_text}")
    if state.ended:
        typer.echo("\nThe patient has left the session.")
    typer.echo("\nYour MITI summary:")
    for sentence in describe(summarize(codes, talk)):
        typer.echo(f"  - {sentence}")


@scenario_app.command("list")
def scenario_list() -> None:
    """One JSON line per persona: {"slug", "title", "levels"}."""
    for persona in load_catalog().values():
        jsonlines.write(sys.stdout, {"slug": persona.slug, "title": persona.title,
                                     "levels": list(persona.levels)})


@scenario_app.command("lint")
def scenario_lint(
    paths: Annotated[list[Path], typer.Argument(help="Persona YAML files.")],
    strict: Annotated[bool, typer.Option(help="Fail on warnings too.")] = False,
) -> None:
    """Check persona files; exit 0 when clean, 1 with `file:line: message` lines otherwise.

    Warnings are printed and fail only with --strict."""
    problems = [problem for path in paths for problem in lint_file(path)]
    for problem in problems:
        typer.echo(str(problem))
    if has_errors(problems) or (strict and problems):
        raise typer.Exit(1)


@scenario_app.command("schema")
def scenario_schema() -> None:
    """Print the persona JSON Schema."""
    typer.echo(json.dumps(persona_json_schema(), indent=2))


if __name__ == "__main__":  # pragma: no cover
    app()
