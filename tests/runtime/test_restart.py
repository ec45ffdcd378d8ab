"""Killed mid-request, the runtime's child is simply gone; a restart serves again on the same port and key."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import httpx
import pytest

from service.runtime import RuntimeProcess
from service.settings import Settings
from tests.runtime.conftest import smollm2_path

pytestmark = pytest.mark.real_runtime


@pytest.fixture
def tiny(tmp_path: Path) -> Settings:
    pytest.importorskip("xllamacpp")
    return Settings(_env_file=None, home=tmp_path, embedded_threads=1, embedded_parallel=2,
                    embedded_ctx_per_slot=1024, log_level="error")


def _chat(url: str, key: str, max_tokens: int, timeout: float = 60) -> httpx.Response:
    return httpx.post(
        f"{url}/chat/completions",
        headers={"Authorization": f"Bearer {key}"},
        json={"model": "embedded", "messages": [{"role": "user", "content": "Tell a long story."}],
              "max_tokens": max_tokens},
        timeout=timeout,
    )


def _safe(url: str, key: str) -> object:
    try:
        return _chat(url, key, 400)
    except httpx.HTTPError as exc:
        return exc


def test_kill_mid_request_then_restart_on_the_same_port(tiny: Settings) -> None:
    runtime = RuntimeProcess(smollm2_path(), tiny)
    url = runtime.start()
    try:
        assert runtime.alive and url.startswith("http://127.0.0.1:") and runtime.api_key not in repr(runtime)
        outcome: list[object] = []
        thread = threading.Thread(target=lambda: outcome.append(_safe(url, runtime.api_key)))
        thread.start()
        time.sleep(0.5)
        started = time.monotonic()
        runtime.kill()
        assert time.monotonic() - started < 5 and not runtime.alive and runtime.exit_code == -9
        thread.join(10)
        assert isinstance(outcome[0], httpx.HTTPError), "the request in flight fails, it does not hang"
        assert runtime.restart() == url, "same port, so the chain's targets stay valid"
        assert runtime.alive and runtime.running
        assert _chat(url, runtime.api_key, 3).status_code == 200
        assert _chat(url, "sk-wrong", 3).status_code == 401
    finally:
        runtime.stop()
    assert not runtime.alive
