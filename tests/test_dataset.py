"""Shape checks for the labelled clinician-utterance evaluation set (tests/data/)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from mi_sim.engine.vocabulary import ALL_CODES

DATA = Path(__file__).resolve().parent / "data" / "clinician_utterances.jsonl"
FIELDS = {"id", "text", "context", "code", "split", "domain", "note"}
SPEAKERS = {"patient", "clinician"}
SPLITS = {"dev", "heldout"}


def _load() -> list[dict]:
    rows = []
    for number, line in enumerate(DATA.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as exc:  # pragma: no cover - only on a broken file
            pytest.fail(f"{DATA.name}:{number}: not JSON: {exc}")
    return rows


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return _load()


def test_every_line_has_the_expected_fields(rows):
    for row in rows:
        assert set(row) == FIELDS, row.get("id")
        assert isinstance(row["text"], str) and row["text"].strip(), row["id"]
        assert isinstance(row["domain"], str) and row["domain"], row["id"]
        assert isinstance(row["note"], str) and row["note"], row["id"]


def test_ids_are_unique(rows):
    ids = Counter(row["id"] for row in rows)
    assert not [i for i, n in ids.items() if n > 1]


def test_codes_are_in_the_vocabulary(rows):
    assert {row["code"] for row in rows} <= set(ALL_CODES)


def test_context_speakers_are_valid(rows):
    for row in rows:
        assert isinstance(row["context"], list), row["id"]
        for turn in row["context"]:
            assert set(turn) == {"speaker", "text"}, row["id"]
            assert turn["speaker"] in SPEAKERS, row["id"]
            assert isinstance(turn["text"], str) and turn["text"].strip(), row["id"]


def test_every_code_has_enough_items(rows):
    counts = Counter(row["code"] for row in rows)
    short = {code: counts[code] for code in ALL_CODES if counts[code] < 20}
    assert not short


def test_size(rows):
    assert len(rows) >= 400


def test_both_splits_present(rows):
    splits = Counter(row["split"] for row in rows)
    assert set(splits) == SPLITS
    for code in ALL_CODES:
        assert {row["split"] for row in rows if row["code"] == code} == SPLITS, code


def test_no_duplicate_texts(rows):
    texts = Counter(" ".join(row["text"].lower().split()) for row in rows)
    assert not [t for t, n in texts.items() if n > 1]
