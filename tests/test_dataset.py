"""Shape checks for the labelled clinician-utterance evaluation set (tests/data/)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from mi_sim.engine.vocabulary import ALL_CODES, ALL_TALK, Subtype

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


# --- second clinician set and client-talk set -------------------------------------------------

DATA_DIR = DATA.parent
HELDOUT2 = DATA_DIR / "clinician_utterances_heldout2.jsonl"
CLIENT = DATA_DIR / "client_utterances.jsonl"
CLIENT_FIELDS = {"id", "text", "context", "talk", "subtype", "split", "domain", "note"}
SUBTYPES = {subtype.value for subtype in Subtype}
CLASSIC_DOMAINS = {
    "alcohol",
    "smoking",
    "medication_adherence",
    "weight_diet",
    "exercise",
    "drug_use",
    "diabetes",
    "hiv_medication",
    "gambling",
}
ANXIETY_DOMAINS = {
    "panic_disorder",
    "somatic_symptoms",
    "health_anxiety",
    "generalised_worry",
    "social_anxiety",
}


def _load_file(path: Path) -> list[dict]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as exc:  # pragma: no cover - only on a broken file
            pytest.fail(f"{path.name}:{number}: not JSON: {exc}")
    return rows


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


@pytest.fixture(scope="module")
def heldout2() -> list[dict]:
    return _load_file(HELDOUT2)


@pytest.fixture(scope="module")
def client() -> list[dict]:
    return _load_file(CLIENT)


def _check_context(row: dict) -> None:
    assert isinstance(row["context"], list), row["id"]
    for turn in row["context"]:
        assert set(turn) == {"speaker", "text"}, row["id"]
        assert turn["speaker"] in SPEAKERS, row["id"]
        assert isinstance(turn["text"], str) and turn["text"].strip(), row["id"]


def test_heldout2_shape(heldout2):
    for row in heldout2:
        assert set(row) == FIELDS, row.get("id")
        assert isinstance(row["text"], str) and row["text"].strip(), row["id"]
        assert row["split"] == "heldout2", row["id"]
        assert row["domain"] in CLASSIC_DOMAINS | ANXIETY_DOMAINS, row["id"]
        assert isinstance(row["note"], str) and row["note"], row["id"]
        _check_context(row)


def test_heldout2_ids_unique_and_prefixed(heldout2):
    ids = Counter(row["id"] for row in heldout2)
    assert not [i for i, n in ids.items() if n > 1]
    assert all(i.startswith("h") for i in ids)


def test_heldout2_codes_and_sizes(heldout2):
    counts = Counter(row["code"] for row in heldout2)
    assert set(counts) <= set(ALL_CODES)
    assert len(heldout2) >= 300
    short = {code: counts[code] for code in ALL_CODES if counts[code] < 15}
    assert not short
    questions = counts["question_open"] + counts["question_closed"]
    reflections = counts["reflection_simple"] + counts["reflection_complex"]
    assert questions >= 0.25 * len(heldout2)
    assert reflections >= 0.30 * len(heldout2)


def test_heldout2_mostly_classic_domains(heldout2):
    classic = sum(row["domain"] in CLASSIC_DOMAINS for row in heldout2)
    assert classic >= 0.8 * len(heldout2)
    assert any(row["domain"] in ANXIETY_DOMAINS for row in heldout2)


def test_client_shape(client):
    for row in client:
        assert set(row) == CLIENT_FIELDS, row.get("id")
        assert isinstance(row["text"], str) and row["text"].strip(), row["id"]
        assert row["split"] in SPLITS, row["id"]
        assert row["domain"] in CLASSIC_DOMAINS | ANXIETY_DOMAINS, row["id"]
        assert isinstance(row["note"], str) and row["note"], row["id"]
        assert row["context"], row["id"]
        _check_context(row)


def test_client_ids_unique_and_prefixed(client):
    ids = Counter(row["id"] for row in client)
    assert not [i for i, n in ids.items() if n > 1]
    assert all(i.startswith("c") for i in ids)


def test_client_labels_in_vocabulary(client):
    for row in client:
        assert row["talk"] in ALL_TALK, row["id"]
        if row["talk"] == "neutral":
            assert row["subtype"] is None, row["id"]
        else:
            assert row["subtype"] in SUBTYPES, row["id"]


def test_client_sizes_and_balance(client):
    assert len(client) >= 400
    talk = Counter(row["talk"] for row in client)
    assert all(talk[t] >= 100 for t in ALL_TALK), talk
    for label in ("change", "sustain"):
        subtypes = Counter(row["subtype"] for row in client if row["talk"] == label)
        assert set(subtypes) == SUBTYPES, label
        assert min(subtypes.values()) >= 15, (label, subtypes)


def test_client_splits(client):
    splits = Counter(row["split"] for row in client)
    assert set(splits) == SPLITS
    assert 0.3 <= splits["heldout"] / len(client) <= 0.5
    for label in ALL_TALK:
        assert {row["split"] for row in client if row["talk"] == label} == SPLITS, label


def test_client_domain_mix(client):
    classic = sum(row["domain"] in CLASSIC_DOMAINS for row in client)
    assert classic >= 0.5 * len(client)
    assert any(row["domain"] in ANXIETY_DOMAINS for row in client)


def test_no_text_repeated_across_sets(rows, heldout2, client):
    texts = Counter(_norm(row["text"]) for row in [*rows, *heldout2, *client])
    assert not [t for t, n in texts.items() if n > 1]
