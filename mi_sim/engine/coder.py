"""PLACEHOLDER: a minimal coder so the engine can run; being replaced by the real coder."""

from __future__ import annotations

import re
from collections.abc import Sequence

from mi_sim.engine.coding import LABEL, Coding, ContextLine, Segment
from mi_sim.engine.vocabulary import Code

_RULES: tuple[tuple[re.Pattern[str], Code, str], ...] = (
    (re.compile(r"just anxiety|in your head|psychological", re.I), Code.CONFRONT, "label"),
    (re.compile(r"^(what|how|why|tell me)\b", re.I), Code.QUESTION_OPEN, "open"),
    (re.compile(r"\?$"), Code.QUESTION_CLOSED, "closed"),
    (re.compile(r"\byou should\b", re.I), Code.PERSUADE, "should"),
    (re.compile(r"^(it sounds|you feel|you're)", re.I), Code.REFLECTION_COMPLEX, "reflect"),
)


def code_utterance(text: str, context: Sequence[ContextLine] = ()) -> Coding:
    stripped = text.strip()
    for pattern, code, rule in _RULES:
        if pattern.search(stripped):
            flags = frozenset({LABEL}) if rule == "label" else frozenset()
            seg = Segment(stripped, code, rule, rule)
            return Coding(stripped, code, (seg,), rule, rule, flags)
    seg = Segment(stripped, Code.OTHER, "other", "other")
    return Coding(stripped, Code.OTHER, (seg,), "other", "other")
