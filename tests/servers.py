"""Throwaway database servers for tests: a PostgreSQL cluster and a redis-server, on free loopback ports.

Each lives in its own temporary directory and is stopped (and the directory removed) at the end of the
session. Run as root (CI), PostgreSQL refuses to start, so the cluster runs as the ``postgres`` user
Debian's package creates (or ``nobody``). A binary that is truly absent skips the tests that need it,
saying what to install; anything else that goes wrong fails them.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def find_binary(name: str, *patterns: str) -> str | None:
    """``name`` on PATH, else the first match of ``patterns`` (Debian keeps PostgreSQL's off PATH)."""
    found = shutil.which(name)
    if found:
        return found
    for pattern in patterns:
        matches = sorted(glob.glob(pattern), reverse=True)  # the newest major version first
        if matches:
            return matches[0]
    return None


def _as_user() -> tuple[list[str], int | None]:
    """The prefix that runs a command as an unprivileged user when we are root, and that user's uid."""
    if os.geteuid() != 0:
        return [], None
    for name in ("postgres", "nobody"):
        with contextlib.suppress(KeyError):
            return ["runuser", "-u", name, "--"], pwd.getpwnam(name).pw_uid
    raise RuntimeError("running as root and no unprivileged user (postgres, nobody) to run PostgreSQL as")


def _wait_for(port: int, alive: Callable[[], bool], what: str, timeout_s: float = 30.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if not alive():
            raise RuntimeError(f"{what} exited while starting")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return
        time.sleep(0.05)
    raise RuntimeError(f"{what} did not listen on port {port} within {timeout_s:.0f} s")


@dataclass
class Postgres:
    """A running cluster; :meth:`new_database` gives each test an empty schema of its own."""

    root: Path
    port: int
    bin_dir: Path
    prefix: list[str]

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://tactful@127.0.0.1:{self.port}/{database}"

    def sql(self, statement: str, database: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(self.url(database), autocommit=True) as conn:
            conn.execute(statement.encode())

    @contextlib.contextmanager
    def new_database(self) -> Iterator[str]:
        """The URL of an empty schema of its own (as good as a new database, and made in milliseconds)."""
        name = "t_" + uuid.uuid4().hex[:12]
        self.sql(f"CREATE SCHEMA {name}")
        try:
            yield self.url("postgres") + f"?options=-csearch_path%3D{name}"
        finally:
            self.sql(f"DROP SCHEMA IF EXISTS {name} CASCADE")

    def stop(self, mode: str = "fast") -> None:
        subprocess.run([*self.prefix, str(self.bin_dir / "pg_ctl"), "-D", str(self.root / "data"), "-m", mode,
                        "-w", "stop"], capture_output=True, timeout=60, check=False)

    def start(self) -> None:
        log = self.root / "postgres.log"
        options = f"-h 127.0.0.1 -p {self.port} -k {self.root} -c fsync=off -c synchronous_commit=off"
        done = subprocess.run(
            [*self.prefix, str(self.bin_dir / "pg_ctl"), "-D", str(self.root / "data"), "-o", options,
             "-l", str(log), "-w", "-t", "60", "start"],
            capture_output=True, text=True, timeout=90, check=False,
        )  # fmt: skip
        if done.returncode != 0:
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"PostgreSQL did not start: {done.stderr or done.stdout}\n{tail}")


def initdb_binary() -> str | None:
    return find_binary("initdb", "/usr/lib/postgresql/*/bin/initdb")


@contextlib.contextmanager
def postgres_cluster() -> Iterator[Postgres]:
    """A fresh cluster (trust authentication on loopback, user ``tactful``), stopped and removed afterwards."""
    initdb = initdb_binary()
    if initdb is None:
        pytest.skip("PostgreSQL is not installed (no initdb on PATH or in /usr/lib/postgresql/*/bin): "
                    "apt-get install postgresql, or `make databases`")
    bin_dir = Path(os.path.realpath(initdb)).parent
    prefix, uid = _as_user()
    root = Path(tempfile.mkdtemp(prefix="tactful-pg-"))  # not under pytest's tmp: that is private to root
    if uid is not None:
        os.chown(root, uid, -1)
    cluster = Postgres(root=root, port=free_port(), bin_dir=bin_dir, prefix=prefix)
    try:
        done = subprocess.run(
            [*prefix, initdb, "-D", str(root / "data"), "-A", "trust", "-U", "tactful", "-E", "UTF8",
             "--locale=C.UTF-8", "--no-sync"],
            capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
        if done.returncode != 0:
            raise RuntimeError(f"initdb failed: {done.stderr[-2000:]}")
        cluster.start()
        yield cluster
    finally:
        cluster.stop("immediate")
        shutil.rmtree(root, ignore_errors=True)


@dataclass
class Redis:
    port: int
    process: subprocess.Popen[bytes]

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"


def redis_binary() -> str | None:
    return find_binary("redis-server")


@contextlib.contextmanager
def redis_server(port: int | None = None) -> Iterator[Redis]:
    """A redis-server without persistence on ``port`` (default a free one) on loopback, killed afterwards."""
    binary = redis_binary()
    if binary is None:
        pytest.skip("redis-server is not installed: apt-get install redis-server, or `make databases`")
    root = Path(tempfile.mkdtemp(prefix="tactful-redis-"))
    port = port or free_port()
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", str(root), "--protected-mode", "yes"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        _wait_for(port, lambda: process.poll() is None, "redis-server")
        yield Redis(port=port, process=process)
    finally:
        process.kill()
        process.wait(timeout=10)
        shutil.rmtree(root, ignore_errors=True)
