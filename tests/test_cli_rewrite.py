"""``tactful rewrite`` against a live service on loopback (uvicorn in a thread, fake model)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from service.api.main import create_app
from service.cli import main
from service.llm import FakeGenerator
from service.settings import Settings
from tests.api.conftest import zh_body
from tests.chain.conftest import ZH_OUTPUTS
from tests.fakes import serve_in_thread

pytestmark = pytest.mark.live_http

ROOT = Path(__file__).resolve().parents[1]
KEY = "tk-terminal-0123456789abcdef"
REPLY = ZH_OUTPUTS["compose"][0]["reply"]


class _Pipe(io.StringIO):
    def isatty(self) -> bool:
        return False


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    fake = FakeGenerator({k: list(v) * 40 for k, v in ZH_OUTPUTS.items()})
    home = tmp_path_factory.mktemp("cli")
    settings = Settings(model="openai/m", home=home, api_keys={"terminal": KEY})  # type: ignore[arg-type]
    with serve_in_thread(create_app(settings, generate=fake)) as base:
        yield base


def _run(argv: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
         stdin: io.StringIO | None = None) -> tuple[int, str, str]:  # fmt: skip
    monkeypatch.setattr(sys, "stdin", stdin or _Tty())
    code = main(["rewrite", *argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_flags_in_reply_out(url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    body = zh_body()
    argv = ["--url", url, "--key", KEY, "-d", body["draft"], "-m", body["customer_message"]]
    argv += [a for fact in body["policy"] for a in ("-p", fact)] + ["--history", "customer:我上周三申请了退款"]
    code, out, err = _run(argv, monkeypatch, capsys)
    assert (code, out) == (0, REPLY + "\n"), err
    assert "note:" not in err and "error:" not in err


def test_a_yaml_file_flags_win_and_json_out(
    url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(yaml.safe_dump(zh_body(channel="sms"), allow_unicode=True), encoding="utf-8")
    code, out, _ = _run(["--url", url, "--key", KEY, "-f", str(case), "--profile", "bank-zh", "--json"],
                        monkeypatch, capsys)  # fmt: skip
    data = json.loads(out)
    assert code == 0 and data["reply"] == REPLY and data["id"].startswith("rw_")
    assert [t["prompt"] for t in data["trace"] if t["step"] == "profile"] == ["bank-zh@1"]


def test_a_json_request_on_stdin(url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(["--url", url, "--key", KEY], monkeypatch, capsys, _Pipe(json.dumps(zh_body())))
    assert (code, out) == (0, REPLY + "\n")


def test_errors_have_clear_messages_and_exit_codes(
    url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(["--url", url, "--key", "tk-wrong-wrong-wrong-wrong", "-f", "-"], monkeypatch, capsys,
                          _Pipe(json.dumps(zh_body())))  # fmt: skip
    assert (code, out) == (2, "") and "this API key is not valid" in err
    code, _, err = _run(["--url", url, "--key", KEY, "-d", "only a draft"], monkeypatch, capsys)
    assert code == 2 and "customer_message: Field required" in err
    code, _, err = _run(["--url", url, "--key", KEY, "-f", str(tmp_path / "none.yaml")], monkeypatch, capsys)
    assert code == 2 and "cannot read" in err
    code, _, err = _run(["--url", url, "--key", KEY, "--history", "boss:hi", "-d", "x", "-m", "y"], monkeypatch, capsys)
    assert code == 2 and "customer:TEXT or agent:TEXT" in err
    code, _, err = _run(["--url", "http://127.0.0.1:9", "--key", KEY, "-d", "x", "-m", "y"], monkeypatch, capsys)
    assert code == 1 and "failed" in err


def test_the_installed_command_reads_plain_text_stdin_as_the_draft(url: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TACTFUL_")}
    env.update(PYTHONPATH=str(ROOT), TACTFUL_CLIENT_KEY=KEY)
    body = zh_body()
    done = subprocess.run(
        [sys.executable, "-m", "service.cli", "rewrite", "--url", url, "-m", body["customer_message"],
         *(a for fact in body["policy"] for a in ("-p", fact))],
        input=body["draft"], capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout == REPLY + "\n"
