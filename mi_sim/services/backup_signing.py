"""Signing backups: an HMAC-SHA256 over an export's header and rows, keyed by the installation.

The trailer's plain SHA-256 only finds damage: anyone who edits a row (a trainee made an admin)
or drops one can recompute it. The HMAC needs the signing key, derived from `MI_SIM_SECRET_KEY`
(never the secret itself, so a backup reveals nothing about the key that signs logins):

    key = HMAC-SHA256(key=MI_SIM_SECRET_KEY, msg="mi-sim backup signing key v1")

The trailer carries `"hmac_sha256"` (hex) and `"key_id"` (the first 16 hex digits of
SHA-256 over a label and the key: which key signed it, without revealing the key), so an import
can say whether a file was altered or signed by another installation. `mi-sim import` refuses
an unsigned or mis-signed file unless the admin passes `--allow-unsigned`.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from typing import Any

_KEY_CONTEXT = b"mi-sim backup signing key v1"
_ID_CONTEXT = b"mi-sim backup key id v1:"
SIGNATURE = "hmac_sha256"
KEY_ID = "key_id"


def signing_key(secret_key: str) -> bytes:
    """The backup signing key derived from the installation's secret."""
    return hmac.new(secret_key.encode("utf-8"), _KEY_CONTEXT, hashlib.sha256).digest()


def key_id(key: bytes) -> str:
    return hashlib.sha256(_ID_CONTEXT + key).hexdigest()[:16]


class Signer:
    """The running HMAC of the lines an export writes (or an import reads), in order."""

    def __init__(self, key: bytes) -> None:
        self.key = key
        self._mac = hmac.new(key, digestmod=hashlib.sha256)

    def update(self, line: bytes) -> None:
        self._mac.update(line)

    def fields(self) -> dict[str, str]:
        """What the trailer carries."""
        return {SIGNATURE: self._mac.hexdigest(), KEY_ID: key_id(self.key)}

    def problem(self, trailer: dict[str, Any]) -> str | None:
        """Why the trailer's signature is not this key's over these lines, or None."""
        stated = trailer.get(SIGNATURE)
        if not isinstance(stated, str):
            return "the file is not signed (it was made by an older mi-sim, or the signature " \
                   "was removed)"
        if hmac.compare_digest(stated, self._mac.hexdigest()):
            return None
        if trailer.get(KEY_ID) != key_id(self.key):
            return ("the file was signed with another key: this installation's "
                    "MI_SIM_SECRET_KEY is not the one the export was made with")
        return "the signature does not match the file: it was altered after the export"


@dataclass(frozen=True, slots=True)
class Verdict:
    """How an import's signature check ended."""

    signed: bool          # the signature was checked and matched
    problem: str | None   # why not, when it was let through by `allow_unsigned`
