"""Schemathesis over the JSON API: generated requests against the OpenAPI schema, in-process.

Every operation under `/api/v1` is called by a trainee with a bearer token who owns a session,
with requests generated from the operation's schema: schemathesis's deterministic coverage
cases (boundaries, missing and wrong-typed fields, unexpected methods) and then a bounded
number of random valid and invalid requests (hypothesis, derandomized). Each response must:

- never be a server error (5xx);
- have a status code the operation documents, a documented content type and headers, and a
  body that matches the documented schema for that status;
- refuse invalid data with a 4xx.

Path parameters are sometimes the caller's own session (so turns and endings really happen)
and sometimes another trainee's: someone else's session must look missing (404), never be read
or changed. Runs on SQLite, and on PostgreSQL when `MI_SIM_TEST_DATABASE_URL` is set.

(schemathesis's own pytest plugin — `@schema.parametrize()` — does not run under pytest 9.2,
so the operations are driven here with its public pieces: `as_strategy`, the schema's coverage
cases and `Case.call_and_validate`.)
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import APIOperation, Case, GenerationMode
from schemathesis.checks import (  # registered checks, looked up by name
    content_type_conformance,
    negative_data_rejection,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.config import SchemathesisConfig
from schemathesis.core.result import Ok
from schemathesis.schemas import BaseSchema

from mi_sim.services import Services
from mi_sim.services.records import UserRecord
from mi_sim.web import create_app

pytest_plugins = ("storage_fixtures",)

MAX_EXAMPLES = 50   # random requests per operation and generation mode
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_headers_conformance, response_schema_conformance, negative_data_rejection]
REFUSALS = [400, 401, 403, 404, 405, 406, 409, 413, 415, 422]
SCENARIO = "panic-disorder"
OPERATIONS = 6   # the API's operations today; a new one is covered without changing this


@dataclass(frozen=True)
class Caller:
    token: str
    own_session: str
    others_session: str


@dataclass
class Tally:
    requests: dict[str, int] = field(default_factory=dict)
    statuses: dict[int, int] = field(default_factory=dict)


@pytest.fixture
def caller(synced: Services, trainee: UserRecord) -> Caller:
    """The trainee (with a bearer token and a session of their own) and a stranger's session."""
    other = synced.accounts.create_user("olly", "trainee", "another long password")
    own = synced.practice.start_session(trainee, SCENARIO, seed=1)
    synced.practice.post_turn(trainee, own.id, "What brings you in today?")
    others = synced.practice.start_session(other, SCENARIO, seed=2)
    return Caller(synced.accounts.create_api_token(trainee.name), own.id, others.id)


@pytest.fixture
def api_schema(synced: Services, caller: Caller) -> BaseSchema:
    app = create_app(synced.settings, synced)
    config = SchemathesisConfig.from_dict({
        "auth": {"openapi": {"bearer": {"bearer": caller.token}}},
        # Unknown query parameters are ignored, as HTTP APIs do (unknown body fields are
        # refused: the request models forbid them, and that is tested). Requests without or
        # with a bad token are tested in test_security.py: here every request is the trainee's.
        "generation": {"allow-extra-parameters": False, "deterministic": True,
                       "with-security-parameters": False},
        # An invalid request is refused with a 4xx; 413 (a body over 64 KiB, say a 10,000
        # character line of 4-byte characters) is as good a refusal as 422.
        "checks": {"negative_data_rejection": {"expected-statuses": REFUSALS}},
    })
    return schemathesis.openapi.from_asgi("/api/v1/openapi.json", app, config=config)


def operations(schema: BaseSchema) -> list[APIOperation]:
    found = [result.ok() for result in schema.get_all_operations() if isinstance(result, Ok)]
    assert len(found) == len(list(schema.get_all_operations())), "an operation failed to load"
    return found


def checker(schema: BaseSchema, caller: Caller, tally: Tally,
            label: str) -> Callable[[Case], None]:
    bearer = f"Bearer {caller.token}"

    def check(case: Case) -> None:
        headers = dict(case.headers or {})
        if "Authorization" not in headers and not schema.is_security_param_negated(case):
            headers["Authorization"] = bearer  # coverage cases come without the configured auth
        case.headers = headers
        response = case.call_and_validate(checks=CHECKS)
        tally.requests[label] = tally.requests.get(label, 0) + 1
        tally.statuses[response.status_code] = tally.statuses.get(response.status_code, 0) + 1
        assert caller.others_session not in response.text, f"{label} named a stranger's session"
        if (headers.get("Authorization") == bearer
                and (case.path_parameters or {}).get("session_id") == caller.others_session):
            assert response.status_code in (404, 405, 413, 422), (
                f"{label} on another trainee's session answered {response.status_code}")
    return check


def sessions_for(operation: APIOperation, caller: Caller) -> list[str | None]:
    """Which session ids to put in the path: a generated one, the caller's (twice as often:
    it is where turns are stored and sessions end) or a stranger's."""
    if not any(p.name == "session_id" for p in operation.path_parameters):
        return [None]
    return [None, caller.own_session, caller.own_session, caller.others_session]


def has_constraints(operation: APIOperation) -> bool:
    return (operation.body is not None and len(operation.body) > 0) or any(
        True for _ in operation.query)


def run_generated(operation: APIOperation, caller: Caller,
                  check: Callable[[Case], None]) -> None:
    """Random valid and invalid requests, bounded and deterministic."""
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
        strategies = [operation.as_strategy(mode) if sid is None else
                      operation.as_strategy(mode, path_parameters={"session_id": sid})
                      for sid in sessions_for(operation, caller)]

        @given(case=st.one_of(strategies))
        @settings(max_examples=MAX_EXAMPLES, derandomize=True, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        def run(case: Case) -> None:
            check(case)

        try:
            run()
        except Unsatisfiable:
            # Nothing of the request can be invalid (no body, no constrained parameter: any
            # string is a session id): there are no invalid requests to send.
            assert mode is GenerationMode.NEGATIVE and not has_constraints(operation), (
                operation.label)


def run_coverage(schema: BaseSchema, operation: APIOperation, caller: Caller,
                 check: Callable[[Case], None]) -> None:
    """schemathesis's deterministic boundary cases, on each kind of session id."""
    for case in schema.iter_coverage_cases(operation, generation_modes=list(GenerationMode),
                                           generation_config=schema.config.generation):
        for sid in dict.fromkeys(sessions_for(operation, caller)):
            if sid is not None and case.path_parameters:
                case.path_parameters = {**case.path_parameters, "session_id": sid}
            check(case)


def test_the_api_answers_every_generated_request_as_its_schema_says(
        api_schema: BaseSchema, caller: Caller, subtests: pytest.Subtests) -> None:
    tally = Tally()
    started = time.perf_counter()
    found = operations(api_schema)
    assert len(found) >= OPERATIONS, [o.label for o in found]
    for operation in found:
        with subtests.test(msg=operation.label):
            check = checker(api_schema, caller, tally, operation.label)
            run_coverage(api_schema, operation, caller, check)
            run_generated(operation, caller, check)
    elapsed = time.perf_counter() - started
    print(f"\nschemathesis: {len(found)} operations, {sum(tally.requests.values())} requests "
          f"in {elapsed:.1f}s; per operation {tally.requests}; statuses {tally.statuses}")


# --- what it found, pinned ------------------------------------------------------------------

@pytest.fixture
def api(api_schema: BaseSchema, caller: Caller) -> Iterator[TestClient]:
    with TestClient(api_schema.app, headers={"Authorization": f"Bearer {caller.token}"}) as c:
        yield c


@pytest.mark.parametrize("path", ["/api/v1/sessions", "/api/v1/sessions/{own}/turns"])
def test_a_body_that_is_not_utf8_is_refused_as_invalid_json(api: TestClient, caller: Caller,
                                                            path: str) -> None:
    """Was 400 "There was an error parsing the body" (FastAPI's), a status not documented."""
    response = api.post(path.format(own=caller.own_session), content=b"\xff\xfe{",
                        headers={"Content-Type": "application/json"})
    assert response.status_code == 422
    assert response.json() == {"detail": "the request body is not valid JSON"}


@pytest.mark.parametrize("body", [
    {"scenario": SCENARIO, "seed": False}, {"scenario": SCENARIO, "seed": "7"},
    {"scenario": SCENARIO, "seed": 7.5}, {"scenario": 5}])
def test_request_fields_take_only_their_documented_json_types(api: TestClient,
                                                               body: dict[str, Any]) -> None:
    """Was accepted: `false` or `"7"` taken for a seed (pydantic's lax mode)."""
    response = api.post("/api/v1/sessions", json=body)
    assert response.status_code == 422, response.text
    assert set(response.json()) == {"detail"}


def test_a_turn_text_must_be_a_json_string(api: TestClient, caller: Caller) -> None:
    response = api.post(f"/api/v1/sessions/{caller.own_session}/turns", json={"text": 42})
    assert response.status_code == 422
