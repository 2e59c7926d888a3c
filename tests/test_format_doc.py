"""scenarios/FORMAT.md and the JSON Schema export stay in step with the persona models."""

from __future__ import annotations

import inspect
import json
import re
from pathlib import Path

import pytest
from pydantic import BaseModel
from scenario_helpers import EXAMPLE_PATH, example_text

import mi_sim.engine.persona as persona_module
from mi_sim.engine.persona import SCHEMA_VERSION, Move, Persona, fallback_chain
from mi_sim.scenarios.lint import lint_text
from mi_sim.scenarios.loader import load_persona_file, load_persona_text
from mi_sim.scenarios.schema import MODELS, documented_fields, persona_json_schema

FORMAT = Path(__file__).resolve().parents[1] / "scenarios" / "FORMAT.md"


def doc() -> str:
    return FORMAT.read_text(encoding="utf-8")


def section(model: str) -> str:
    """The text under `### Model` up to the next heading of level 1 to 3."""
    match = re.search(rf"^### {model}\s*$(.*?)(?=^#{{1,3}} |\Z)", doc(), re.M | re.S)
    assert match, f"FORMAT.md has no '### {model}' section"
    return match.group(1)


def first_yaml_block() -> str:
    match = re.search(r"^```yaml\n(.*?)^```", doc(), re.M | re.S)
    assert match, "FORMAT.md has no ```yaml block"
    return match.group(1)


def test_every_model_of_the_persona_module_is_documented() -> None:
    models = {
        obj for _, obj in inspect.getmembers(persona_module, inspect.isclass)
        if issubclass(obj, BaseModel) and obj.__module__ == persona_module.__name__
        and obj.model_fields
    }
    assert models == set(MODELS)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_field_of_the_model_appears_in_its_section(model: type[BaseModel]) -> None:
    text = section(model.__name__)
    missing = [name for name in model.model_fields if f"`{name}`" not in text]
    assert not missing, f"FORMAT.md § {model.__name__} does not mention {missing}"


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_the_documented_simple_defaults_are_the_real_ones(model: type[BaseModel]) -> None:
    text = section(model.__name__)
    for name, field in model.model_fields.items():
        if field.is_required():
            assert re.search(rf"^\| `{name}` \|.*\| required \|", text, re.M), name
            continue
        default = field.get_default(call_default_factory=True)
        if isinstance(default, int | float | str) and not isinstance(default, bool):
            row = re.search(rf"^\| `{name}` \|.*$", text, re.M)
            assert row, name
            assert f"`{default}`" in row.group(0), f"{model.__name__}.{name}: {default}"


def test_documented_fields_names_every_field_as_model_dot_field() -> None:
    fields = documented_fields()
    assert "Reply.text" in fields
    assert "Unlock.rapport" in fields
    assert len(fields) == sum(len(m.model_fields) for m in MODELS)


def test_every_move_is_documented_with_its_fallback_chain() -> None:
    text = doc()
    for move in Move:
        chain = " → ".join(f"`{m.value}`" for m in fallback_chain(move))
        assert re.search(rf"^\| `{move.value}` \|.*\| {re.escape(chain)} \|$", text, re.M), move


def test_the_example_in_the_doc_is_the_fixture_and_it_loads_and_lints_clean() -> None:
    block = first_yaml_block()
    assert block == example_text(), "FORMAT.md's example and tests/data/example_persona.yaml differ"
    persona = load_persona_text(block, "FORMAT.md")
    assert persona == load_persona_file(EXAMPLE_PATH)
    assert lint_text(block, "FORMAT.md") == []


def test_the_json_schema_is_json_with_an_id_a_version_and_every_persona_field() -> None:
    schema = json.loads(json.dumps(persona_json_schema()))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == f"https://mi-sim.local/schema/persona-v{SCHEMA_VERSION}.json"
    assert schema["x-schema-version"] == SCHEMA_VERSION
    assert schema["title"]
    assert schema["type"] == "object"
    assert set(schema["properties"]) == set(Persona.model_fields)
    assert schema["additionalProperties"] is False
    for name in ("Reply", "Concern", "Parameters"):
        assert name in schema["$defs"]
