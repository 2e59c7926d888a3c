"""A tiny persona built in code, for engine tests that must not depend on shipped content."""

from __future__ import annotations

from typing import Any

from mi_sim.engine.persona import Persona


def reply(text: str, talk: str, **extra: Any) -> dict[str, Any]:
    return {"text": text, "talk": talk, **extra}


def tiny_persona_data() -> dict[str, Any]:
    bank_moves = [
        "question_open", "question_closed", "reflection_complex", "affirm", "persuade",
        "confront", "label", "evoke", "giving_information",
    ]
    banks: dict[str, list[dict[str, Any]]] = {}
    for move in bank_moves:
        banks[move] = [
            reply(f"{move} change {i}", "change", subtype="desire") for i in range(3)
        ] + [
            reply(f"{move} sustain {i}", "sustain") for i in range(3)
        ] + [
            reply(f"{move} neutral {i}", "neutral") for i in range(2)
        ]
    banks["fallback"] = [reply(f"fallback {i}", "neutral") for i in range(4)]
    banks["walkout"] = [reply("I'm leaving, {name}.", "sustain", cue="stares at {name}")]
    banks["question_open"].append(reply("About the bus, then.", "neutral", topics=["exposure"]))
    return {
        "schema_version": 1,
        "slug": "tiny",
        "title": "Tina, 30 — a test patient",
        "brief": {"summary": "A test persona.", "setting": "Tests only.",
                  "good_practice_for": ["testing"]},
        "facts": {"name": "Doctor"},
        "opening": reply("I don't know why I'm here.", "sustain"),
        "levels": {"gentle": {"reward_scale": 1.3}, "standard": {}, "hard": {"punish_scale": 1.5}},
        "topics": {"exposure": ["bus", "exposure"], "work": ["work", "job"]},
        "affects": [{"name": "fear", "start": 0.3, "decay": 0.2,
                     "triggers": {"topic:exposure": 0.3, "label": 0.2},
                     "soothers": {"reflection_complex": 0.1},
                     "effects": {"discord": 0.05}}],
        "concerns": [{"name": "label_fear", "description": "fears being called crazy",
                      "unlock": {"rapport": 0.45, "max_discord": 0.4, "good_turns": 2},
                      "disclosures": [reply("I'm scared they'll say I'm crazy.", "neutral")],
                      "effects": {"importance": 0.05}}],
        "values": [{"name": "family", "description": "her kids",
                    "keywords": ["kids", "family", "children"],
                    "replies": [reply("My kids need me.", "change", subtype="reasons")]}],
        "commitments": [{"name": "diary", "description": "keep a diary",
                         "keywords": ["diary"], "min_readiness": 0.12,
                         "accept": [reply("I could keep a diary.", "change",
                                          subtype="commitment")],
                         "decline": [reply("Not a diary, no.", "sustain")]}],
        "banks": banks,
    }


def tiny_persona(**overrides: Any) -> Persona:
    data = tiny_persona_data()
    data.update(overrides)
    return Persona.model_validate(data)


def listening_persona_data() -> dict[str, Any]:
    """The tiny persona at schema 2: a fact sheet, banks by form and memory conditions."""
    data = tiny_persona_data()
    data["schema_version"] = 2
    data["facts"] = {"name": "Doctor", "partner": "Ana"}
    data["fact_sheet"] = [
        {"name": "household", "kind": "household",
         "answers": [reply("household guarded: me and Ana.", "neutral", bands=["guarded"]),
                     reply("household: me, Ana and the cat.", "neutral",
                           bands=["ambivalent", "open"]),
                     reply("household open: Ana, the cat and me.", "neutral", bands=["open"])]},
        {"name": "ana", "kind": "person", "keywords": ["ana"],
         "answers": [reply("ana: {partner} is my wife.", "neutral")]},
        {"name": "work", "kind": "work", "answers": [reply("work: I drive a bus.", "neutral")]},
        {"name": "duration", "kind": "duration",
         "answers": [reply("duration: two years.", "neutral")]},
        {"name": "father", "kind": "other", "keywords": ["father"], "private": "label_fear",
         "answers": [reply("father: he was in hospital for his nerves.", "neutral")],
         "deflect": [reply("father deflected: let's not.", "neutral")]},
    ]
    banks = data["banks"]
    for bank in ("permission", "summary", "check", "apology", "thanks", "greeting", "closing",
                 "future", "invite", "yes", "no", "unsure", "dont_know", "clarify"):
        banks[bank] = [reply(f"{bank} {i}", "neutral") for i in range(3)]
    banks["choice"] = [reply("{option}, I'd say.", "neutral")]
    banks["proposal"] = [reply("{step}? maybe.", "neutral")]
    banks["again"] = [reply("As I said,", "neutral")]
    banks["stranger"] = [reply("Who's {echo}?", "neutral")]
    banks["closing"].append(reply("closing: I'll do the diary.", "neutral",
                                  requires=["accepted:diary"]))
    banks["reflection_complex"].append(reply("Overreacting? No.", "sustain",
                                             heard=["overreacting"]))
    banks["question_closed"] = [reply("The bus? Can I explain instead?", "neutral", offer=True,
                                      topics=["exposure"])]
    banks["question_open"].append(reply("More about the bus: it's crowded.", "neutral",
                                        topics=["exposure"]))
    return data


def listening_persona(**overrides: Any) -> Persona:
    data = listening_persona_data()
    data.update(overrides)
    return Persona.model_validate(data)
