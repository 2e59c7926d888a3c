"""Integer parameters are bounded before they reach the database (issue 12.5): one parser,
`mi_sim.web.numbers`, for every page number and id in a query, a form or a path."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from web_fixtures import log_in

from mi_sim.services import Invalid
from mi_sim.services.records import UserRecord
from mi_sim.web.deps import PageError
from mi_sim.web.numbers import MAX_ID, NotANumber, bounded_int, number_field, path_number

pytest_plugins = ("storage_fixtures", "web_fixtures")

HUGE = "0000001" + "0" * 193     # the probe's page number: a 500 (OverflowError into SQLite)
ENORMOUS = "9" * 5000            # more digits than int() converts by default
BAD = [HUGE, ENORMOUS, str(MAX_ID + 1), "-1", "0", "²", "١٢", "1e3", "0x10", "1_000", "+5",
       " ", "1 2", "\x00"]


@pytest.mark.parametrize("raw", ["1", "0001", " 42 ", str(MAX_ID), "0" * 300 + "7"])
def test_whole_numbers_in_range_are_read(raw: str) -> None:
    assert bounded_int(raw) == int(raw)


@pytest.mark.parametrize("raw", [r for r in BAD if r.strip()])
def test_anything_else_is_not_a_number(raw: str) -> None:
    with pytest.raises(NotANumber):
        bounded_int(raw)
    with pytest.raises(Invalid, match="must be a whole number from 1 to 2,147,483,647"):
        number_field(raw, "the turn")
    with pytest.raises(PageError) as caught:
        path_number(raw, "cohort")
    assert caught.value.status == 404


def test_blank_is_none_and_signed_ranges_take_a_minus() -> None:
    assert bounded_int("") is None and bounded_int(None) is None and number_field(" ", "x") is None
    assert bounded_int("-7", low=-10, high=10) == -7
    assert bounded_int(str(-(2**63)), low=-(2**63), high=2**63 - 1) == -(2**63)
    with pytest.raises(NotANumber):
        bounded_int(str(2**63), low=-(2**63), high=2**63 - 1)


def test_the_probes_page_number_is_a_clear_422_not_a_500(
        client: TestClient, admin: UserRecord) -> None:
    log_in(client, admin.name)
    response = client.get(f"/review?page={HUGE}")
    assert response.status_code == 422
    assert "page must be a whole number from 1 to 100,000" in response.text
    assert client.get("/review?page=2").status_code == 200


@pytest.mark.parametrize("path", [
    "/review?page={n}", "/history?page={n}", "/admin/cohorts/{n}",
    "/progress/cohorts/{n}", "/progress/cohorts/{n}/export.csv", "/progress/trainees/{n}",
    "/library/panic-disorder/versions/{n}.yaml", "/library/panic-disorder/diff?a={n}&b=1",
])
@pytest.mark.parametrize("number", [HUGE, ENORMOUS, str(MAX_ID + 1), "²", "-3"])
def test_every_integer_parameter_is_refused_with_a_4xx(
        client: TestClient, admin: UserRecord, synced: object, path: str,
        number: str) -> None:
    log_in(client, admin.name)
    assert client.get(path.format(n="1")).status_code in (200, 404)  # the route is reachable
    response = client.get(path.format(n=number))
    assert 400 <= response.status_code < 500, (path, response.status_code)
