"""The embedded runtime in a child process, so that the service can stop at any moment.

:class:`RuntimeProcess` starts ``python -m service.runtime serve`` (see ``_child.py``), hands it the
runtime configuration on stdin and waits for its URL on a pipe. Loading the model holds the
child's GIL, not ours; a busy server that would block its destructor is simply killed. Stopping
sends SIGTERM (the child keeps the default action: the kernel ends it at once), then SIGKILL.

Start it from a thread that lives as long as the runtime (the event loop's): on Linux the child is
killed when the thread that started it ends (``PR_SET_PDEATHSIG`` follows the parent thread).

:meth:`RuntimeProcess.restart` starts a new child on the same port with the same key (so the chain's
targets stay valid); :class:`service.runtime.RuntimeSupervisor` calls it when the child died or hung.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import select
import site
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import IO

import service
from service.errors import RuntimeStartError, StartCancelled
from service.runtime._base import RuntimeBase
from service.runtime._child import config_to_json
from service.runtime._params import RuntimeConfig
from service.runtime._server import is_healthy
from service.settings import Settings

_POLL_S = 0.05


def _child_env() -> dict[str, str]:
    """The environment for the child: ours, plus the directory this ``service`` package came from."""
    env = dict(os.environ)
    root = str(Path(service.__file__).resolve().parent.parent)
    site_dirs = {str(Path(p).resolve()) for p in [*site.getsitepackages(), site.getusersitepackages()]}
    if root not in site_dirs:  # a source checkout (editable install, scripts/): import the same code
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH", "")) if p)
    return env


class RuntimeProcess(RuntimeBase):
    """One llama.cpp server for ``model_path`` in a child process, configured from ``settings``."""

    def __init__(self, model_path: Path, settings: Settings, *, api_key: str | None = None) -> None:
        super().__init__(model_path, settings, api_key=api_key)
        self._proc: subprocess.Popen[bytes] | None = None
        self._ready: IO[bytes] | None = None
        self._started = 0.0
        self.stop_s: float | None = None
        self._port: int | None = None
        """The port of the first start, kept for restarts (the chain's targets name it)."""
        self._launcher: threading.Thread | None = None
        self._keep = threading.Event()
        """Set to let a restart's launcher thread end (after its child has been stopped)."""

    # --- lifecycle -----------------------------------------------------------------------
    def launch(self) -> None:
        """Spawn the child and hand it its configuration; returns at once (the model loads meanwhile)."""
        with self._lock:
            if self._proc is not None:
                return
            if not self.model_path.is_file():
                raise RuntimeStartError(f"embedded model file {self.model_path} does not exist")
            read_fd, write_fd = os.pipe()
            try:
                self._proc = subprocess.Popen(
                    [sys.executable, "-P", "-m", "service.runtime", "serve", "--ready-fd", str(write_fd)],
                    stdin=subprocess.PIPE,
                    pass_fds=(write_fd,),
                    env=_child_env(),
                    start_new_session=True,  # a terminal's Ctrl-C reaches us, and we stop the child
                )
            except OSError as exc:
                os.close(read_fd)
                raise RuntimeStartError(f"cannot start the embedded runtime process: {exc}") from exc
            finally:
                os.close(write_fd)
            self._ready = os.fdopen(read_fd, "rb")
            self._started = time.perf_counter()
            assert self._proc.stdin is not None
            with contextlib.suppress(BrokenPipeError):  # it died at once: wait_ready says why
                self._proc.stdin.write(config_to_json(self.config).encode() + b"\n")
                self._proc.stdin.flush()

    def wait_ready(self, cancel: threading.Event | None = None, timeout_s: float = 900.0) -> str:
        """Block until the child serves (its base URL), it fails (:class:`RuntimeStartError`) or
        ``cancel`` is set (:class:`StartCancelled`, the child is stopped)."""
        proc, ready = self._proc, self._ready
        if proc is None or ready is None:
            raise RuntimeStartError("the embedded runtime was not launched")
        deadline = time.monotonic() + timeout_s
        while True:
            if cancel is not None and cancel.is_set():
                self.stop()
            if self._proc is not proc:  # stopped meanwhile
                raise StartCancelled("stopped while the embedded model was loading")
            try:
                readable, _, _ = select.select([ready], [], [], _POLL_S)
            except (OSError, ValueError):  # the pipe was closed by stop() in another thread
                continue
            if readable:
                break
            if proc.poll() is not None:
                break
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeStartError(f"the embedded runtime did not start within {timeout_s:.0f} s")
        line = ready.readline() if readable else b""
        message = json.loads(line) if line.strip() else {}
        if "url" not in message:
            code = proc.poll()
            self.stop()
            reason = message.get("error") or f"the runtime process exited with status {code} before serving"
            raise RuntimeStartError(str(reason))
        self._url = str(message["url"])
        self._port = int(self._url.rsplit(":", 1)[1].split("/")[0])
        self.startup_s = time.perf_counter() - self._started
        return self._url

    def start(self, cancel: threading.Event | None = None) -> str:
        """:meth:`launch` then :meth:`wait_ready`; blocking. Returns the OpenAI base URL."""
        self.launch()
        return self.wait_ready(cancel)

    def stop(self, grace_s: float = 2.0) -> None:
        """Stop the child: SIGTERM (it has no handler: the kernel ends it at once), SIGKILL after
        ``grace_s``. Idempotent, never hangs."""
        with self._lock:
            proc, ready, self._proc, self._ready, self._url = self._proc, self._ready, None, None, ""
        if ready is not None:
            ready.close()
        if proc is None:
            return
        started = time.perf_counter()
        if proc.stdin is not None:
            with contextlib.suppress(OSError):
                proc.stdin.close()
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=grace_s)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        self.stop_s = time.perf_counter() - started
        self._keep.set()  # a restart's launcher thread may end now: its child is gone

    def kill(self) -> None:
        """SIGKILL the child now, as a crash would (fault injection, a hung runtime). The supervisor restarts it."""
        proc = self._proc
        if proc is not None and proc.poll() is None:
            proc.kill()
            proc.wait()

    def restart(self, cancel: threading.Event | None = None) -> str:
        """A new child on the same port with the same key (blocking); returns the same base URL.

        The child is launched from a thread that lives as long as the runtime (see the module docstring:
        the kernel kills a child whose starting thread ends)."""
        self.stop()
        errors: list[BaseException] = []
        launched = threading.Event()

        def launch() -> None:
            try:
                self.launch()
            except BaseException as exc:  # handed to the caller below
                errors.append(exc)
            launched.set()
            self._keep.wait()

        self._keep = threading.Event()
        self._launcher = threading.Thread(target=launch, name="tactful-runtime-parent", daemon=True)
        self._launcher.start()
        launched.wait()
        if errors:
            raise errors[0]
        return self.wait_ready(cancel)

    # --- facts (url, api_key, model_label: RuntimeBase) ---------------------------------
    @property
    def config(self) -> RuntimeConfig:
        config = super().config
        return dataclasses.replace(config, port=self._port) if self._port else config

    @property
    def alive(self) -> bool:
        """The child process exists and has not exited (it may still be loading)."""
        return self._proc is not None and self._proc.poll() is None

    @property
    def exit_code(self) -> int | None:
        return self._proc.poll() if self._proc is not None else None

    @property
    def parallel(self) -> int:
        """Parallel slots: the runtime's capacity in concurrent model calls."""
        return self.config.parallel

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None

    @property
    def running(self) -> bool:
        return bool(self._url) and self._proc is not None and self._proc.poll() is None

    def peak_rss_mb(self) -> float | None:
        """The child's peak resident memory (Linux ``VmHWM``), while it runs."""
        pid = self.pid
        if pid is None:
            return None
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            return None
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return None

    async def ready(self, timeout_s: float = 2.0) -> bool:
        """True if the runtime answers ``GET /health`` with 200 (model loaded, not busy loading)."""
        return await is_healthy(self._url, timeout_s)
