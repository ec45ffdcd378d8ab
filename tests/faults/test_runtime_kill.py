"""Fault injection: the embedded runtime is killed in the middle of a rewrite (real runtime, SmolLM2-135M).

That rewrite comes back as the draft, degraded with the reason; ``/readyz`` reports the runtime as
restarting (503) until the supervisor has it running (and answering ``/health``) again on the same port.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from service.api.main import create_app
from service.settings import Settings
from tests.fakes import ZH_SCENARIO, serve_in_thread
from tests.runtime.conftest import smollm2_path

pytestmark = pytest.mark.real_runtime


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Any]]:
    pytest.importorskip("xllamacpp")
    settings = Settings(
        _env_file=None, model="embedded", embedded_model_path=smollm2_path(), home=tmp_path_factory.mktemp("k"),
        embedded_threads=2, embedded_parallel=4, embedded_ctx_per_slot=3072, log_level="warning",
        timeout_s=60, chain_timeout_s=120,
    )
    app = create_app(settings)
    with serve_in_thread(app, startup_timeout_s=120) as url:
        yield url, app


def _wait(condition: Any, timeout: float, step: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return False


def test_a_killed_runtime_degrades_that_request_and_comes_back(live: tuple[str, Any]) -> None:
    url, app = live
    runtime = app.state.runtime
    base_before = runtime.url
    result: dict[str, Any] = {}

    def call() -> None:
        started = time.monotonic()
        resp = httpx.post(f"{url}/rewrite", json=ZH_SCENARIO, timeout=120)
        result.update(status=resp.status_code, body=resp.json(), took=time.monotonic() - started)

    thread = threading.Thread(target=call)
    thread.start()
    time.sleep(1.0)  # the rewrite's model calls are at the runtime now (slots busy or queued there)
    assert thread.is_alive(), "the rewrite must still be running when the runtime dies"
    runtime.kill()
    killed_at = time.monotonic()
    seen: list[tuple[int, str]] = []

    def ready_again() -> bool:
        resp = httpx.get(f"{url}/readyz")
        seen.append((resp.status_code, resp.json().get("runtime", "")))
        return resp.status_code == 200

    assert _wait(ready_again, 90, 0.05), seen
    back_after = time.monotonic() - killed_at
    thread.join(120)
    assert result["status"] == 200
    body = result["body"]
    assert body["degraded"] and body["reply"] == ZH_SCENARIO["draft"], body
    assert body["degraded_reason"] == "model_unavailable", body["degraded_reason"]
    assert (503, "restarting") in seen, seen
    assert runtime.url == base_before, "restarted on the same port with the same key"
    final = httpx.get(f"{url}/readyz").json()
    assert final["runtime"] == "running" and final["runtime_restarts"] == 1
    assert runtime.alive and runtime.pid is not None
    assert "tactful_runtime_restarts_total 1.0" in httpx.get(f"{url}/metrics").text
    print(f"killed mid-request: answered in {result['took']:.1f} s ({body['degraded_reason']}); "
          f"ready again after {back_after:.1f} s")
