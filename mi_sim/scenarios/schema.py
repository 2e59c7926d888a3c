"""The persona format as JSON Schema, and the list of fields the documentation must cover."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from mi_sim.engine.persona import (
    SCHEMA_VERSION,
    Affect,
    Brief,
    Commitment,
    Concern,
    EffectRow,
    Fact,
    Parameters,
    Persona,
    Reply,
    Unlock,
    Value,
)

SCHEMA_ID = f"https://mi-sim.local/schema/persona-v{SCHEMA_VERSION}.json"
DRAFT = "https://json-schema.org/draft/2020-12/schema"

# Every model of the persona format, in the order FORMAT.md documents them.
MODELS: tuple[type[BaseModel], ...] = (
    Persona, Brief, Reply, Fact, Affect, Unlock, Concern, Value, Commitment, EffectRow, Parameters,
)


def persona_json_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of a persona file, for editors and outside tools."""
    body = Persona.model_json_schema()
    schema: dict[str, Any] = {
        "$schema": DRAFT,
        "$id": SCHEMA_ID,
        "title": "mi-sim persona",
        "x-schema-version": SCHEMA_VERSION,
    }
    body.pop("title", None)
    schema.update(body)
    return schema


def documented_fields() -> set[str]:
    """Every field of the format as `Model.field`, e.g. `Reply.text`, `Unlock.rapport`."""
    return {f"{model.__name__}.{name}" for model in MODELS for name in model.model_fields}
