"""deploy/: the compose file and nginx.conf agree with the code (no Docker engine here to run them;
scripts/replicas.py runs the same stack as processes)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from service.settings import Settings

DEPLOY = Path(__file__).resolve().parents[1] / "deploy"


def test_the_replicas_share_secret_and_database_and_run_no_embedded_model() -> None:
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    services = compose["services"]
    replicas = [services[name] for name in ("tactful-1", "tactful-2")]
    assert replicas[0] == replicas[1], "the replicas are configured alike"
    env = replicas[0]["environment"]
    fields = {f"TACTFUL_{name.upper()}" for name in Settings.model_fields}
    for service in (replicas[0], services["model"]):
        unknown = {k for k in service["environment"] if k not in fields}
        assert not unknown, f"not settings of service/settings.py: {unknown}"
    assert env["TACTFUL_MODEL"].startswith("openai/") and env["TACTFUL_API_BASE"] == "http://model:8080/v1"
    assert env["TACTFUL_DATABASE_URL"].startswith("postgresql://") and "TACTFUL_ID_SECRET" in env
    assert "--port" in services["model"]["command"] and "serve-http" in services["model"]["command"]
    upstreams = re.findall(r"server (\S+):8000", (DEPLOY / "nginx.conf").read_text())
    assert upstreams == ["tactful-1", "tactful-2"]
