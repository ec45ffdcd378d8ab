"""``scripts/replicas.py`` end to end, small: PostgreSQL, a fake model server, 2 replicas, the proxy.

The script checks its own promises (spread, cross-replica feedback, a replica killed mid-load) and exits
1 when one fails; here they are read back from its report. Its throughput figures are for the README.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.servers import initdb_binary

pytestmark = pytest.mark.live_http

ROOT = Path(__file__).resolve().parents[2]


def test_two_replicas_share_feedback_and_survive_one_killed() -> None:
    if initdb_binary() is None:
        pytest.skip("PostgreSQL is not installed (initdb): apt-get install postgresql, or `make databases`")
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "replicas.py"), "--slots", "4", "--clients", "4", "--requests", "12",
         "--kill-requests", "16"],
        capture_output=True, text=True, timeout=600, cwd=ROOT,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "spread: 20 rewrites through the proxy -> {'replica-1': 10, 'replica-2': 10}" in done.stdout
    assert "-> {201: 20}" in done.stdout and "missing from the database 0" in done.stdout
    report = json.loads((ROOT / "artifacts" / "replicas" / "replicas.json").read_text())
    assert report["failures"] == []
    assert [(r["replicas"], r["ok"], r["requests"]) for r in report["runs"]] == [(1, 12, 12), (2, 12, 12)]
