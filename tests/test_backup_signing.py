"""Signed backups (issue 12.3): a row edited (trainee → admin) or dropped, with the plain
checksum recomputed, imported cleanly; an export now carries an HMAC keyed by the
installation's MI_SIM_SECRET_KEY, and `mi-sim import` refuses an unsigned or mis-signed file
unless the admin says `--allow-unsigned`."""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from programme_helpers import fill
from sqlalchemy import func, select
from typer.testing import CliRunner

from mi_sim.cli import app
from mi_sim.config import Settings
from mi_sim.services import Invalid, Services
from mi_sim.services.backup import END_FORMAT, export_tables
from mi_sim.services.backup_signing import KEY_ID, SIGNATURE, key_id, signing_key
from mi_sim.storage import migrate

pytest_plugins = ("storage_fixtures",)

OTHER_SECRET = "another-installation-" + "k" * 30


@contextmanager
def opened(url: str, secret_key: str | None = None) -> Iterator[Services]:
    from storage_fixtures import FAST_HASHER

    extra = {} if secret_key is None else {"secret_key": secret_key}
    services = Services.from_settings(Settings(database_url=url, **extra), hasher=FAST_HASHER)
    try:
        yield services
    finally:
        services.close()


def export_text(services: Services) -> str:
    out = io.StringIO()
    services.backup.export_all(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def signed_export(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('signed') / 'source.db'}"
    migrate.upgrade(url)
    with opened(url) as services:
        fill(services)
        return export_text(services)


def rows_in(services: Services) -> int:
    with services.engine.connect() as db:
        return sum(db.scalar(select(func.count()).select_from(t)) or 0 for t in export_tables())


def resealed(lines: list[str], *, keep_signature: bool = True) -> str:
    """The file with its trailer's counts and plain SHA-256 recomputed for `lines` (what an
    attacker without the key can do), the signature kept as it was or removed."""
    rows = lines[1:-1]
    trailer = json.loads(lines[-1])
    counts = dict.fromkeys(trailer["counts"], 0)
    for line in rows:
        counts[json.loads(line)["table"]] += 1
    trailer.update(counts=counts, rows=len(rows),
                   sha256=hashlib.sha256("".join(f"{r}\n" for r in rows).encode()).hexdigest())
    if not keep_signature:
        trailer.pop(SIGNATURE)
        trailer.pop(KEY_ID)
    return "\n".join([*lines[:-1], json.dumps(trailer, separators=(",", ":"))]) + "\n"


def refused(target: Services, data: str) -> str:
    with pytest.raises(Invalid) as caught:
        target.backup.import_all(io.BytesIO(data.encode()))
    assert rows_in(target) == 0, "a refused import stored something"
    return caught.value.message


def promoted(lines: list[str]) -> list[str]:
    """tess, a trainee, made an admin."""
    out = []
    for line in lines:
        item = json.loads(line)
        if item.get("table") == "users" and item["row"]["name"] == "tess":
            assert item["row"]["role"] == "trainee"
            item["row"]["role"] = "admin"
            line = json.dumps(item, ensure_ascii=False, separators=(",", ":"))
        out.append(line)
    return out


def test_the_trailer_carries_an_hmac_of_the_header_and_rows_and_the_key_id(
        signed_export: str) -> None:
    trailer = json.loads(signed_export.splitlines()[-1])
    assert trailer["format"] == END_FORMAT and len(trailer[SIGNATURE]) == 64
    assert trailer[KEY_ID] == key_id(signing_key(Settings().secret_key))
    assert signing_key("a") != signing_key("b") and signing_key("a") != b"a"


def test_a_user_promoted_with_the_checksum_recomputed_is_refused(
        services: Services, signed_export: str) -> None:
    data = resealed(promoted(signed_export.splitlines()))
    message = refused(services, data)
    assert "signature does not match" in message and "--allow-unsigned" in message


def test_a_dropped_row_with_counts_and_checksum_recomputed_is_refused(
        services: Services, signed_export: str) -> None:
    lines = signed_export.splitlines()
    comment = next(i for i, line in enumerate(lines)
                   if line.startswith('{"table":"review_comments"'))
    message = refused(services, resealed(lines[:comment] + lines[comment + 1:]))
    assert "altered after the export" in message


def test_an_edited_header_is_refused(services: Services, signed_export: str) -> None:
    lines = signed_export.splitlines()
    header = json.loads(lines[0])
    header["exported_at"] = "2020-01-01T00:00:00+00:00"
    assert "altered" in refused(services, "\n".join([json.dumps(header), *lines[1:]]) + "\n")


def test_an_unsigned_file_is_refused_unless_allowed(
        services: Services, signed_export: str) -> None:
    data = resealed(signed_export.splitlines(), keep_signature=False)
    assert "not signed" in refused(services, data)
    report = services.backup.import_all(io.StringIO(data), allow_unsigned=True)
    assert report.verdict is not None and not report.verdict.signed
    assert "not signed" in (report.verdict.problem or "")
    assert rows_in(services) == report.rows


def test_a_file_signed_by_another_installation_says_so(
        services: Services, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'other.db'}"
    migrate.upgrade(url)
    with opened(url, OTHER_SECRET) as other:
        fill(other)
        data = export_text(other)
    assert "signed with another key" in refused(services, data)
    assert "MI_SIM_SECRET_KEY" in refused(services, data)
    same_url = url.replace("other.db", "same.db")
    migrate.upgrade(same_url)
    with opened(same_url, OTHER_SECRET) as same:
        report = same.backup.import_all(io.StringIO(data))
        assert report.verdict is not None and report.verdict.signed


def test_the_command_line_refuses_an_unsigned_file_and_takes_it_with_allow_unsigned(
        database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        signed_export: str) -> None:
    run = CliRunner()
    monkeypatch.setenv("MI_SIM_DATABASE_URL", database_url)
    path = tmp_path / "unsigned.jsonl"
    path.write_text(resealed(promoted(signed_export.splitlines()), keep_signature=False),
                    encoding="utf-8")
    result = run.invoke(app, ["import", str(path)])
    assert result.exit_code == 1 and "not signed" in result.output
    assert "--allow-unsigned" in result.output
    result = run.invoke(app, ["import", "--allow-unsigned", str(path)])
    assert result.exit_code == 0, result.output
    assert "imported" in result.output and "WITHOUT a valid signature" in result.output


def test_exporting_with_the_development_secret_warns(
        database_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MI_SIM_DATABASE_URL", database_url)
    monkeypatch.delenv("MI_SIM_SECRET_KEY", raising=False)
    result = CliRunner().invoke(app, ["export", "--all"])
    assert result.exit_code == 0 and "development MI_SIM_SECRET_KEY" in result.output
    monkeypatch.setenv("MI_SIM_SECRET_KEY", OTHER_SECRET)
    result = CliRunner().invoke(app, ["export", "--all"])
    assert result.exit_code == 0 and "development" not in result.output
