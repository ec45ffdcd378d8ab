"""Test guards: no test reaches the network, and real model calls are off unless a test opts in.

- litellm is told to use its local cost map and httpx (not aiohttp) before anything imports it,
  so respx sees every call.
- Every test runs inside ``respx.mock`` (unmatched HTTP raises) except tests marked
  ``real_runtime``, ``browser`` or ``live_http``, which talk to servers on loopback.
- A socket guard refuses any connection that is not loopback or a Unix socket.
- ``service.llm`` real calls are forbidden by default; the ``allow_model_requests`` fixture lifts it.
- ``database_url`` runs a test on both feedback backends: the default SQLite file, and an empty database
  of a PostgreSQL cluster started once per session (``tests/servers.py``); ``redis_url`` is an emptied
  database of a redis-server started once per session.
"""

from __future__ import annotations

import ipaddress
import os
import socket
from collections.abc import Iterator
from typing import Any

os.environ["LITELLM_LOCAL_MODEL_COST_MAP"] = "True"
os.environ["DISABLE_AIOHTTP_TRANSPORT"] = "True"
for _var in list(os.environ):
    if _var.startswith("TACTFUL_"):
        del os.environ[_var]

import pytest  # noqa: E402
import respx  # noqa: E402

from service.llm import override_model_requests  # noqa: E402
from tests.servers import Postgres, Redis, postgres_cluster, redis_server  # noqa: E402

BACKENDS = ("sqlite", "postgresql")

_real_connect = socket.socket.connect


def _is_local(address: Any) -> bool:
    if isinstance(address, (str, bytes)):
        return True  # AF_UNIX path
    host = address[0]
    if host in ("localhost",):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _guarded_connect(self: socket.socket, address: Any) -> Any:
    if not _is_local(address):
        raise RuntimeError(f"test tried to reach the network: {address!r}")
    return _real_connect(self, address)


@pytest.fixture(autouse=True)
def _no_network(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(socket.socket, "connect", _guarded_connect)
    live = any(request.node.get_closest_marker(m) for m in ("real_runtime", "browser", "live_http"))
    if live:
        yield
        return
    with respx.mock, override_model_requests(False):  # the global router: unmatched requests raise
        yield


@pytest.fixture
def allow_model_requests() -> Iterator[None]:
    with override_model_requests(True):
        yield


@pytest.fixture(scope="session")
def postgres() -> Iterator[Postgres]:
    with postgres_cluster() as cluster:
        yield cluster


@pytest.fixture
def postgres_url(postgres: Postgres) -> Iterator[str]:
    """A database of its own for this test (dropped afterwards)."""
    with postgres.new_database() as url:
        yield url


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest) -> str | None:
    """``None`` (the default SQLite file under the test's home) or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return None
    url: str = request.getfixturevalue("postgres_url")
    return url


@pytest.fixture(scope="session")
def redis() -> Iterator[Redis]:
    with redis_server() as server:
        yield server


@pytest.fixture
def redis_url(redis: Redis) -> str:
    """The session's redis-server, emptied for this test."""
    import redis as redis_client

    with redis_client.Redis.from_url(redis.url) as conn:
        conn.flushall()
    return redis.url
