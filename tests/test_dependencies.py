"""The declared dependency floors admit no release with a published advisory (issue 12)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.version import Version

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"

# package: (first fixed release, the advisory)
ADVISORIES = {
    "starlette": ("0.40.0", "CVE-2024-47874: multipart form fields without a size limit"),
    "python-multipart": ("0.0.18", "CVE-2024-53981: CPU exhaustion on a crafted boundary"),
    "jinja2": ("3.1.6", "CVE-2025-27516: sandbox escape through the |attr filter"),
}


def declared() -> dict[str, Requirement]:
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    requirements = [Requirement(text) for text in project["dependencies"]]
    return {requirement.name.lower(): requirement for requirement in requirements}


@pytest.mark.parametrize("package", sorted(ADVISORIES))
def test_the_floor_is_above_the_advisory(package: str) -> None:
    fixed, advisory = ADVISORIES[package]
    requirement = declared().get(package)
    assert requirement is not None, f"declare {package} with a floor of {fixed} ({advisory})"
    floors = [Version(spec.version) for spec in requirement.specifier
              if spec.operator in (">=", "==", "~=")]
    assert floors and max(floors) >= Version(fixed), (
        f"{requirement} admits releases below {fixed}: {advisory}")


LOCK = PYPROJECT.with_name("requirements.lock")


def locked() -> dict[str, tuple[str, list[str]]]:
    """requirements.lock as {package: (version, hashes)}."""
    out: dict[str, tuple[str, list[str]]] = {}
    name = ""
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        text = line.strip()
        if "==" in text and not text.startswith(("#", "--")):
            name, _, version = text.rstrip(" \\").partition("==")
            out[name.lower()] = (version, [])
        elif text.startswith("--hash=") and name:
            out[name.lower()][1].append(text.rstrip(" \\"))
    return out


def test_every_declared_dependency_is_locked_with_hashes_at_a_version_it_allows() -> None:
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    wanted = [Requirement(t) for t in (*project["dependencies"],
                                       *project["optional-dependencies"]["test"])]
    lock = locked()
    for requirement in wanted:
        name = requirement.name.lower()
        assert name in lock, f"{name} is not in requirements.lock: run make upgrade"
        version, hashes = lock[name]
        assert requirement.specifier.contains(version, prereleases=True), (
            f"{name}=={version} in the lock is outside {requirement}")
        assert hashes, f"{name} is locked without a hash"
