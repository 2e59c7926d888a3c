"""What a use case refuses, each with a message a user can read."""

from __future__ import annotations

from collections.abc import Iterable

from mi_sim.scenarios.loader import Problem


class ServiceError(Exception):
    """Base of every refusal; `message` is fit to show to the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Invalid(ServiceError):
    """The request itself is wrong (blank line, unknown scenario, bad role…)."""


class BadCredentials(Invalid):
    """The name or password is wrong (or the account is disabled); never says which."""


class Unpublishable(Invalid):
    """A persona text that cannot be published: `problems` holds every error and warning, each
    at its line (the message names the first errors)."""

    def __init__(self, message: str, problems: Iterable[Problem]) -> None:
        super().__init__(message)
        self.problems = tuple(problems)


class NotFound(ServiceError):
    """No such thing, or not one the caller may see."""


class Conflict(ServiceError):
    """The request clashes with the stored state (ended session, racing turn, duplicate name)."""


class Forbidden(ServiceError):
    """The caller may not do this."""


class Throttled(ServiceError):
    """Too many failed logins; try again after `retry_after` seconds."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after
