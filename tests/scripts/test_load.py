"""``scripts/load.py fake`` end to end (three processes on loopback): 200 concurrent clients, no errors.

Only counts are checked here; the latency figures it prints are for ``make load`` and the README.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.live_http

ROOT = Path(__file__).resolve().parents[2]


def test_200_concurrent_clients_get_no_errors() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "load.py"), "fake", "--clients", "200", "--requests", "1",
         "--latency", "0.05", "--check"],
        capture_output=True, text=True, timeout=600, cwd=ROOT,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads((ROOT / "artifacts" / "load" / "fake.json").read_text())
    run = report["runs"][0]
    assert run["clients"] == 200 and run["requests"] == 200 and run["errors"] == 0
    assert run["statuses"] == {"200": 200} and run["degraded"] == 0
    assert "overhead p50" in done.stdout
