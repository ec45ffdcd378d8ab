"""The runtime's child process: ``python -m service.runtime serve --ready-fd N``.

Protocol with :class:`service.runtime.RuntimeProcess` (the parent):

1. the parent writes the :class:`RuntimeConfig` as one JSON line on the child's stdin and keeps
   stdin open: it is the child's lifeline;
2. the child loads the model and writes one JSON line on the ready pipe (``--ready-fd``):
   ``{"url": ..., "startup_s": ...}`` or ``{"error": ...}`` (then it exits with status 1);
3. the child serves until its stdin reaches end-of-file (the parent stopped it, or died) or a
   SIGTERM/SIGKILL arrives; it then leaves at once with ``os._exit`` (nothing to persist, and
   releasing a busy server can block for a long time, see ``_server.py``).

On Linux the child also asks the kernel for SIGKILL when its parent dies (``PR_SET_PDEATHSIG``),
which covers the moments when the GIL is held by a loading model and no Python code runs.
"""

from __future__ import annotations

import ctypes
import json
import os
import signal
import sys
import threading
from dataclasses import asdict
from pathlib import Path
from typing import Any

from service.errors import RuntimeStartError
from service.runtime._params import RuntimeConfig

_PR_SET_PDEATHSIG = 1


def config_to_json(config: RuntimeConfig) -> str:
    data = asdict(config)
    data["model_path"] = str(config.model_path)
    return json.dumps(data)


def config_from_json(line: str) -> RuntimeConfig:
    data: dict[str, Any] = json.loads(line)
    data["model_path"] = Path(data["model_path"])
    return RuntimeConfig(**data)


def _die_with_parent() -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # no prctl: the stdin lifeline still works once loaded
        return
    if os.getppid() == 1:  # the parent died before prctl: nobody will stop us
        os._exit(0)


def _exit_at_eof() -> None:
    sys.stdin.buffer.read()
    os._exit(0)


def _report(fd: int, message: dict[str, Any]) -> None:
    with os.fdopen(fd, "w", encoding="utf-8") as ready:
        ready.write(json.dumps(message) + "\n")


def serve(ready_fd: int) -> int:
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # stopped by the parent, never by a terminal's Ctrl-C
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    line = sys.stdin.readline()
    if not line:
        return 0
    config = config_from_json(line)
    threading.Thread(target=_exit_at_eof, name="lifeline", daemon=True).start()
    from service.runtime._server import launch_server

    try:
        _server, url, seconds = launch_server(config)
    except RuntimeStartError as exc:
        _report(ready_fd, {"error": str(exc)})
        return 1
    _report(ready_fd, {"url": url, "startup_s": seconds})
    threading.Event().wait()  # serve until the lifeline thread or a signal ends the process
    return 0  # pragma: no cover
