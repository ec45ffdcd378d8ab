"""``scripts/zendesk_app.py`` (``make zendesk-app``): the checks on the app's sources and the zip it writes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from scripts.zendesk_app import APP_DIR, LOGOS, SDK_URL, AppError, build, validate

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def app_copy(tmp_path: Path) -> Path:
    target = tmp_path / "zendesk"
    shutil.copytree(APP_DIR, target)
    return target


def _edit_json(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")


def test_the_shipped_app_is_a_zaf_v2_ticket_sidebar_with_a_secure_key() -> None:
    manifest = validate()
    assert manifest["frameworkVersion"] == "2.0"
    assert manifest["location"]["support"]["ticket_sidebar"]["url"] == "assets/iframe.html"
    params = {p["name"]: p for p in manifest["parameters"]}
    assert params["api_key"]["secure"] is True and not params["tactful_url"].get("secure", False)
    page = (APP_DIR / "assets" / "iframe.html").read_text(encoding="utf-8")
    assert f'<script src="{SDK_URL}"></script>' in page
    script = (APP_DIR / "assets" / "main.js").read_text(encoding="utf-8")
    assert "innerHTML" not in script and ".request({" in script and "secure: true" in script
    assert 'client.invoke("ticket.editor.insert"' in script and 'client.get(["ticket.comments"' in script


def test_the_zip_is_complete_reproducible_and_names_the_tactful_host(tmp_path: Path) -> None:
    first = build(tmp_path / "a", ["tactful.example.com"])
    second = build(tmp_path / "b", ["tactful.example.com"])
    assert first.name == "tactful-zendesk-0.1.0.zip" and first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as zf:
        names = set(zf.namelist())
        manifest = json.loads(zf.read("manifest.json"))
        logos = {name: zf.read(name) for name in LOGOS}
    assert {"manifest.json", "assets/iframe.html", "assets/main.js", "assets/main.css",
            "translations/en.json", "translations/zh-cn.json", *LOGOS} == names  # fmt: skip
    assert manifest["domainWhitelist"] == ["tactful.example.com"]
    for name, size in LOGOS.items():
        png = logos[name]
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        assert int.from_bytes(png[16:20], "big") == int.from_bytes(png[20:24], "big") == size
    with pytest.raises(AppError, match="host name"):
        build(tmp_path / "c", ["https://tactful.example.com/"])


@pytest.mark.parametrize(
    ("breakage", "message"),
    [
        (lambda d: _edit_json(d / "manifest.json", lambda m: m["parameters"][1].pop("secure")), "secure parameter"),
        (lambda d: _edit_json(d / "manifest.json", lambda m: m.update(frameworkVersion="1.0")), "ZAF v2"),
        (lambda d: _edit_json(d / "translations" / "zh-cn.json", lambda t: t["app"]["parameters"].pop("tone")),
         "no label for"),
        (lambda d: _edit_json(d / "translations" / "en.json", lambda t: t["app"].update(extra="x")), "differ"),
        (lambda d: (d / "assets" / "main.css").unlink(), "not in the app"),
        (lambda d: (d / "assets" / "iframe.html").write_text(
            (d / "assets" / "iframe.html").read_text().replace("main.js", "https://cdn.example.com/x.js")),
         "outside the app"),
    ],
)  # fmt: skip
def test_a_broken_app_is_refused_with_the_reason(
    app_copy: Path, breakage: Callable[[Path], object], message: str
) -> None:
    breakage(app_copy)
    with pytest.raises(AppError, match=message):
        validate(app_copy)


def test_make_zendesk_app_writes_the_zip_into_artifacts(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "zendesk_app.py"), "--domain", "tactful.example.com",
         "--out", str(tmp_path)],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "tactful-zendesk-0.1.0.zip").is_file() and "manifest.json" in done.stdout
    make = (ROOT / "Makefile").read_text()
    assert "\nzendesk-app:\n\t$(PYTHON) scripts/zendesk_app.py" in make
