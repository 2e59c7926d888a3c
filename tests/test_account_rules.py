"""Account rules of issue 12: common passwords are refused, user names are unique whatever
their case (migration 0004 renames existing collisions), and a password reset revokes the
account's API tokens. Both databases."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from storage_fixtures import PASSWORD

from mi_sim.config import Settings
from mi_sim.services import Services
from mi_sim.services.accounts import common_passwords
from mi_sim.services.errors import Conflict, Invalid
from mi_sim.services.records import UserRecord
from mi_sim.storage import migrate
from mi_sim.web import create_app

pytest_plugins = ("storage_fixtures",)

COMMON = ["password", "12345678", "Password", "qwertyuiop", "iloveyou", " letmein1 "]


@pytest.mark.parametrize("password", COMMON)
def test_common_passwords_are_refused_everywhere_a_password_is_set(
        services: Services, trainee: UserRecord, password: str) -> None:
    with pytest.raises(Invalid, match="most common"):
        services.accounts.create_user("tom", "trainee", password)
    with pytest.raises(Invalid, match="most common"):
        services.accounts.set_password(trainee.name, password)
    assert [u.name for u in services.accounts.list_users()] == [trainee.name]


def test_the_first_admin_cannot_choose_a_common_password(services: Services) -> None:
    with pytest.raises(Invalid, match="most common"):
        services.accounts.create_first_admin("ada", "password1")
    assert not services.accounts.has_any_user()


def test_the_list_is_zxcvbns_and_good_passwords_pass(services: Services) -> None:
    assert len(common_passwords()) > 25_000 and "dragon" in common_passwords()
    services.accounts.create_user("tom", "trainee", "plum kettle orbit")
    services.accounts.create_user("tim", "trainee", PASSWORD)


def test_user_names_are_unique_whatever_their_case(services: Services,
                                                   trainee: UserRecord) -> None:
    for other in (trainee.name.upper(), trainee.name.capitalize()):
        with pytest.raises(Conflict, match=f"a user named '{trainee.name}' already exists"):
            services.accounts.create_user(other, "trainee", PASSWORD)
    # The database refuses it too, whoever writes.
    with pytest.raises(IntegrityError), services.engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO users (name, role, password_hash, created_at, active) "
            "VALUES ('TESS', 'trainee', 'x', CURRENT_TIMESTAMP, TRUE)"))
    assert [u.name for u in services.accounts.list_users()] == [trainee.name]


def test_migration_0004_renames_names_that_differ_only_in_case(empty_database_url: str) -> None:
    migrate.upgrade(empty_database_url, "0003")
    services = Services.from_settings(Settings(database_url=empty_database_url))
    try:
        with services.engine.begin() as connection:
            for number, name in enumerate(["Tess", "tess", "TESS", "tess-2", "amy", "x" * 64,
                                           "X" * 64], start=1):
                connection.execute(text(
                    "INSERT INTO users (id, name, role, password_hash, created_at, active) "
                    "VALUES (:id, :name, 'trainee', 'x', CURRENT_TIMESTAMP, TRUE)"),
                    {"id": number, "name": name})
        assert migrate.upgrade(empty_database_url) == migrate.head_revision()
        with services.engine.connect() as connection:
            names = dict(connection.execute(text("SELECT id, name FROM users")).all())
        assert names == {1: "Tess", 2: "tess-3", 3: "TESS-4", 4: "tess-2", 5: "amy",
                         6: "x" * 64, 7: "X" * 62 + "-2"}
        with pytest.raises(Conflict):
            services.accounts.create_user("AMY", "trainee", PASSWORD)
    finally:
        services.close()


def test_a_password_reset_revokes_the_accounts_api_tokens(synced: Services,
                                                          trainee: UserRecord) -> None:
    token = synced.accounts.create_api_token(trainee.name)
    other = synced.accounts.create_user("tim", "trainee", PASSWORD)
    kept = synced.accounts.create_api_token(other.name)
    with TestClient(create_app(synced.settings, synced)) as client:
        assert client.get("/api/v1/sessions",
                          headers={"Authorization": f"Bearer {token}"}).status_code == 200
        synced.accounts.set_password(trainee.name, "a brand new pass phrase")
        refused = client.get("/api/v1/sessions", headers={"Authorization": f"Bearer {token}"})
        assert refused.status_code == 401
        assert client.get("/api/v1/sessions",
                          headers={"Authorization": f"Bearer {kept}"}).status_code == 200
    assert synced.accounts.user_for_token(token) is None
