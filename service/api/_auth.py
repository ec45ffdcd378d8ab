"""API keys: who is calling, and may they use this route.

``TACTFUL_API_KEYS`` names each key (``{"zendesk": "<key>", "ops": {"key": "sha256:<hex>", "scopes":
["admin"]}}``). A key is sent as ``Authorization: Bearer <key>`` or ``X-API-Key: <key>``; it is compared
by its SHA-256 digest in constant time, and only its *name* is ever logged. With no keys configured
the service is open to the loopback address only (``TACTFUL_ALLOW_ANONYMOUS=true`` lifts that), and
refuses to start on any other address (:func:`check_exposure`).
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from typing import get_args

from service.errors import ConfigError, Forbidden, Unauthorized
from service.settings import Scope, Settings, is_loopback

ANONYMOUS = "anonymous"
ALL_SCOPES: frozenset[str] = frozenset(get_args(Scope))


@dataclass(frozen=True)
class Principal:
    name: str
    scopes: frozenset[str]
    profile: str | None = None
    """The brand profile of this key's requests when they name none."""

    def can(self, scope: Scope) -> bool:
        return scope in self.scopes


def _digest(key: str) -> bytes:
    return hashlib.sha256(key.encode("utf-8")).digest()


def check_exposure(settings: Settings) -> None:
    """Refuse to serve a non-loopback address without keys unless anonymous access is explicitly allowed."""
    if not settings.api_keys and not settings.allow_anonymous and not is_loopback(settings.host):
        raise ConfigError(
            f"refusing to listen on {settings.host} without API keys: set TACTFUL_API_KEYS (JSON, name -> key), "
            "or TACTFUL_ALLOW_ANONYMOUS=true to serve anyone who can reach the port"
        )


class Authenticator:
    def __init__(self, settings: Settings) -> None:
        self._keys: list[tuple[Principal, bytes]] = []
        for name, spec in settings.api_keys.items():
            raw = spec.key.get_secret_value()
            digest = bytes.fromhex(raw.removeprefix("sha256:")) if raw.startswith("sha256:") else _digest(raw)
            self._keys.append((Principal(name, frozenset(spec.scopes), spec.profile), digest))
        self.allow_anonymous = settings.allow_anonymous

    @property
    def open(self) -> bool:
        return not self._keys

    def identify(self, presented: str | None, server_host: str | None) -> Principal:
        """The caller behind ``presented`` (a key or ``None``); raises :class:`Unauthorized`."""
        if not self._keys:
            if self.allow_anonymous or not _is_remote(server_host):
                return Principal(ANONYMOUS, ALL_SCOPES)
            raise Unauthorized(
                "this service has no API keys and is not on a loopback address; its operator must set "
                "TACTFUL_API_KEYS (or TACTFUL_ALLOW_ANONYMOUS=true)"
            )
        if not presented:
            raise Unauthorized("send your API key as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'")
        digest = _digest(presented)
        found: Principal | None = None
        for principal, expected in self._keys:  # no early exit: the time does not depend on which key
            if hmac.compare_digest(digest, expected):
                found = principal
        if found is None:
            raise Unauthorized("this API key is not valid")
        return found

    @staticmethod
    def require(principal: Principal, scope: Scope) -> Principal:
        if not principal.can(scope):
            raise Forbidden(f"the key '{principal.name}' does not have the '{scope}' scope")
        return principal


def _is_remote(server_host: str | None) -> bool:
    """True when the server socket is on an IP address other than loopback (test hosts are not IPs)."""
    if not server_host:
        return False
    try:
        import ipaddress

        ipaddress.ip_address(server_host.strip("[]"))
    except ValueError:
        return False
    return not is_loopback(server_host)
