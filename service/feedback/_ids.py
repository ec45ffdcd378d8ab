"""Server-issued rewrite ids: ``rw_<issued><nonce><signature>``, an HMAC over what was answered.

The signature covers the issue time, a random nonce and a digest of the request and the parts of the
response feedback relies on (reply, emotion, empathy, plan, checks ...). ``/feedback`` accepts an id only
if this server (or a replica with the same secret) issued it for exactly that request and response, so
nobody can invent rewrites for the eval set or rewrite a stored one. The secret is ``TACTFUL_ID_SECRET``,
or a random one kept in ``<data_dir>/id_secret`` (private file) so ids survive a restart.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import secrets
import time
from datetime import UTC, datetime
from pathlib import Path

from service.schemas import RewriteRequest, RewriteResponse
from service.settings import Settings

REWRITE_ID_PATTERN = r"^rw_[0-9a-f]{48}$"
_ID = re.compile(REWRITE_ID_PATTERN)
SIGNED_FIELDS = {"reply", "locale", "emotion", "core_need", "empathy", "plan", "checks", "warnings", "degraded",
                 "revised"}
"""The response fields the signature covers (trace, usage and timings are left out: they are not data)."""


class NotIssued(ValueError):
    """The id is malformed, or was not issued by this server for this request and response."""


def content_digest(request: RewriteRequest, response: RewriteResponse) -> bytes:
    data = {
        "request": request.model_dump(mode="json"),
        "response": response.model_dump(mode="json", include=SIGNED_FIELDS),
    }
    canonical = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).digest()


def _secret_file(path: Path) -> bytes:
    if path.exists():
        return bytes.fromhex(path.read_text().strip())
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    value = secrets.token_bytes(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as out:
        out.write(value.hex())
    return value


class RewriteIds:
    def __init__(self, secret: bytes) -> None:
        if len(secret) < 16:
            raise ValueError("the id secret must have at least 16 bytes")
        self._secret = secret

    def __repr__(self) -> str:
        return "RewriteIds(secret=***)"

    @classmethod
    def from_settings(cls, settings: Settings) -> RewriteIds:
        if settings.id_secret is not None:
            return cls(settings.id_secret.get_secret_value().encode("utf-8"))
        try:
            return cls(_secret_file(settings.resolved_data_dir / "id_secret"))
        except FileExistsError:  # another worker created it between exists() and open()
            return cls(_secret_file(settings.resolved_data_dir / "id_secret"))

    def _sign(self, payload: str, digest: bytes) -> str:
        mac = hmac.new(self._secret, b"v1|" + payload.encode("ascii") + b"|" + digest, hashlib.sha256)
        return mac.hexdigest()[:24]

    def issue(self, request: RewriteRequest, response: RewriteResponse, *, now: float | None = None) -> str:
        issued = int(now if now is not None else time.time())
        payload = f"{issued:08x}{secrets.token_hex(8)}"
        return f"rw_{payload}{self._sign(payload, content_digest(request, response))}"

    def verify(self, rewrite_id: str, request: RewriteRequest, response: RewriteResponse) -> datetime:
        """When the id was issued; raises :class:`NotIssued` unless it was issued for exactly these."""
        if not _ID.match(rewrite_id):
            raise NotIssued("not a rewrite id (expected the 'id' of a /rewrite response)")
        payload, signature = rewrite_id[3:27], rewrite_id[27:]
        if not hmac.compare_digest(signature, self._sign(payload, content_digest(request, response))):
            raise NotIssued("this server did not issue this id for this request and response")
        return datetime.fromtimestamp(int(payload[:8], 16), UTC)
