"""The command-line contracts of DESIGN §5, through the real `mi-sim` entry point."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from mi_sim.cli import app
from mi_sim.engine.vocabulary import ALL_CODES
from mi_sim.scenarios.loader import load_catalog

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


def run(args: list[str], stdin: str = "") -> tuple[int, list[dict[str, object]], str]:
    result = runner.invoke(app, args, input=stdin)
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    return result.exit_code, lines, result.stdout + (result.stderr or "")


def jsonl(*objects: object) -> str:
    return "".join(json.dumps(o) + "\n" for o in objects)


def first_slug() -> str:
    return next(iter(load_catalog()))


def test_code_writes_one_line_per_input_in_order_with_the_contract_fields() -> None:
    stdin = jsonl(
        {"id": 1, "text": "What brings you here today?"},
        {"id": "b", "text": "So you're worried it's your heart?",
         "context": [{"speaker": "patient", "text": "I keep thinking it's my heart."}]},
        {"id": None, "text": "You should stop drinking."},
    )
    code, lines, _ = run(["code"], stdin)
    assert code == 0
    assert [line["id"] for line in lines] == [1, "b", None]
    for line in lines:
        assert set(line) == {"id", "code", "segments", "why"}
        assert line["code"] in ALL_CODES
        assert line["segments"] and all(set(s) == {"text", "code"} for s in line["segments"])
        assert isinstance(line["why"], str) and line["why"]
    assert lines[0]["code"] == "question_open"


def test_code_reports_a_bad_line_in_place_and_goes_on() -> None:
    stdin = "not json\n" + jsonl({"id": 2, "text": "   "}, {"id": 3, "text": "Mm-hmm."})
    code, lines, _ = run(["code"], stdin)
    assert code == 1
    assert [line["id"] for line in lines] == [None, 2, 3]
    assert "not valid JSON" in str(lines[0]["error"])
    assert "empty" in str(lines[1]["error"])
    assert lines[2]["code"] == "facilitate"


def test_replay_writes_the_contract_shape_and_stops_when_the_patient_leaves() -> None:
    slug = first_slug()
    pushes = [{"text": "It's all in your head."}] * 40
    code, lines, _ = run(["replay", "--scenario", slug, "--level", "hard"], jsonl(*pushes))
    assert code == 0
    assert 0 < len(lines) < 40
    assert lines[-1]["ended"] is True and all(not line["ended"] for line in lines[:-1])
    for i, line in enumerate(lines, start=1):
        assert {"turn", "clinician", "code", "patient", "talk", "state", "ended"} <= set(line)
        assert line["turn"] == i
        assert line["talk"] in ("change", "sustain", "neutral")
        state = line["state"]
        assert isinstance(state, dict)
        assert all(0.0 <= float(state[k]) <= 1.0 for k in ("rapport", "discord", "readiness"))


def test_replay_is_deterministic_for_a_seed() -> None:
    slug = first_slug()
    stdin = jsonl({"text": "What brings you in?"}, {"text": "It sounds exhausting."},
                  {"text": "What matters most to you?"})
    first = run(["replay", "--scenario", slug, "--seed", "9"], stdin)
    again = run(["replay", "--scenario", slug, "--seed", "9"], stdin)
    assert first[1] == again[1] and len(first[1]) == 3


def test_replay_refuses_an_unknown_scenario_by_listing_the_known_ones() -> None:
    code, _, out = run(["replay", "--scenario", "nobody"], jsonl({"text": "Hi"}))
    assert code == 2
    assert "unknown scenario 'nobody'" in out and first_slug() in out


def test_replay_stops_at_a_blank_utterance_with_its_line_number() -> None:
    stdin = jsonl({"text": "What brings you in?"}, {"text": ""})
    code, lines, out = run(["replay", "--scenario", first_slug()], stdin)
    assert code == 1 and len(lines) == 1
    assert "line 2" in out and "empty" in out
    assert "Traceback" not in out


def test_scenario_list_prints_one_json_line_per_persona() -> None:
    code, lines, _ = run(["scenario", "list"])
    assert code == 0
    assert [line["slug"] for line in lines] == list(load_catalog())
    assert all(set(line) == {"slug", "title", "levels"} for line in lines)
    assert all({"gentle", "standard", "hard"} <= set(line["levels"]) for line in lines)


def test_scenario_lint_passes_the_shipped_personas() -> None:
    paths = sorted(str(p) for p in (ROOT / "scenarios").glob("*.yaml"))
    result = runner.invoke(app, ["scenario", "lint", "--strict", *paths])
    assert result.exit_code == 0, result.stdout
    assert result.stdout == ""


def test_scenario_lint_exits_one_with_file_line_messages(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("schema_version: 1\nslug: [unclosed\n", encoding="utf-8")
    result = runner.invoke(app, ["scenario", "lint", str(broken)])
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{broken}:")
    assert result.stdout.split(":")[1].isdigit()


def test_scenario_lint_refuses_hostile_files_at_their_lines_without_running_them(
        tmp_path: Path) -> None:
    """The real command in its own process: a truncated file, an alias bomb and a python tag
    each get `file:line: message` and exit 1, within the subprocess time-out, and the tag's
    command never runs (it would create `marker`)."""
    example = (ROOT / "tests" / "data" / "example_persona.yaml").read_text(encoding="utf-8")
    marker = tmp_path / "marker"
    files = {
        "truncated.yaml": example[: len(example) // 3].rsplit("\n", 1)[0] + '\n  - "unclosed\n',
        "bomb.yaml": "slug: bomb\n" + "".join(
            f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9) if i else 'lol'}]\n"
            for i in range(9)),
        "tag.yaml": f'slug: tag\ntitle: !!python/object/apply:os.system ["touch {marker}"]\n',
    }
    paths = []
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(str(tmp_path / name))
    result = subprocess.run([sys.executable, "-m", "mi_sim.cli", "scenario", "lint", *paths],
                            capture_output=True, text=True, timeout=30, check=False)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    for path, needle in zip(paths, ["", "anchors and aliases", "!!python/object/apply"],
                            strict=True):
        mine = [line for line in lines if line.startswith(f"{path}:")]
        assert mine and mine[0].split(":")[1].isdigit() and needle in mine[0]
    assert not marker.exists()


def test_scenario_schema_prints_the_json_schema() -> None:
    result = runner.invoke(app, ["scenario", "schema"])
    schema = json.loads(result.stdout)
    assert "banks" in schema["properties"] and "$id" in schema


def test_chat_plays_a_session_and_ends_with_the_miti_summary() -> None:
    stdin = "What brings you in today?\n\nIt sounds like it's been hard.\n/end\n"
    result = runner.invoke(app, ["chat", "--scenario", first_slug(), "--coach"], input=stdin)
    assert result.exit_code == 0
    assert "[question_open]" in result.stdout
    assert "the line is empty" in result.stdout
    assert "Reflections to questions" in result.stdout


def test_the_console_script_is_installed() -> None:
    exe = Path(sys.executable).with_name("mi-sim")
    out = subprocess.run([str(exe), "scenario", "list"], capture_output=True, text=True,
                         timeout=60, check=True)
    assert out.stdout.count("\n") == len(load_catalog())
