"""Check and package the Zendesk sidebar app (integrations/zendesk/) into a zip Zendesk accepts.

    python scripts/zendesk_app.py [--domain tactful.example.com] [--out artifacts]

What it checks, before writing anything: the manifest is ZAF v2 (``frameworkVersion`` 2.0) with a
``ticket_sidebar`` location whose page exists, the API key is a secure parameter and the Tactful URL a
plain one, every file an app page loads from the app exists, and the English and Chinese translations
name the same strings, a label for every parameter included. ``--domain`` (repeatable) puts the Tactful
host in ``domainWhitelist``: Zendesk fills secure settings into requests to those hosts only.

The zip holds the app's files plus the two logos Zendesk requires (drawn here, so the source tree stays
text), with fixed timestamps: the same sources give the same bytes. No network.
"""

from __future__ import annotations

import argparse
import json
import re
import struct
import sys
import zlib
from pathlib import Path
from typing import Any
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

ROOT = Path(__file__).resolve().parents[1]
APP_DIR = ROOT / "integrations" / "zendesk"
TRANSLATIONS = ("en", "zh-cn")
LOGOS = {"assets/logo.png": 320, "assets/logo-small.png": 128}
SDK_URL = "https://static.zdassets.com/zendesk_app_framework_sdk/2.0/zaf_sdk.min.js"
_STAMP = (2026, 1, 1, 0, 0, 0)
_HOST = re.compile(r"^(?:\*\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*$")


class AppError(ValueError):
    """The app's sources are not what Zendesk accepts (or not what Tactful needs)."""


def _keys(tree: Any, prefix: str = "") -> set[str]:
    if not isinstance(tree, dict):
        return {prefix}
    return set().union(*(_keys(v, f"{prefix}.{k}" if prefix else k) for k, v in tree.items())) if tree else set()


def _page_files(page: Path) -> list[str]:
    """Files a page loads from the app itself (its own src/href), not the ZAF SDK from Zendesk's CDN."""
    refs = re.findall(r'(?:src|href)="([^"]+)"', page.read_text(encoding="utf-8"))
    external = [r for r in refs if "://" in r and r != SDK_URL]
    if external:
        raise AppError(f"{page.name} loads from outside the app: {external}")
    if SDK_URL not in refs:
        raise AppError(f"{page.name} does not load the ZAF SDK v2 ({SDK_URL})")
    return [r for r in refs if "://" not in r]


def validate(app_dir: Path = APP_DIR) -> dict[str, Any]:
    """The manifest, once everything above holds; else :class:`AppError` saying what does not."""
    try:
        manifest: dict[str, Any] = json.loads((app_dir / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise AppError(f"manifest.json: {exc}") from exc
    for key in ("name", "author", "defaultLocale", "location", "version", "frameworkVersion", "parameters"):
        if key not in manifest:
            raise AppError(f"manifest.json has no {key!r}")
    if manifest["frameworkVersion"] != "2.0":
        raise AppError("frameworkVersion must be 2.0 (ZAF v2)")
    sidebar = manifest["location"].get("support", {}).get("ticket_sidebar")
    url = sidebar.get("url") if isinstance(sidebar, dict) else sidebar
    if not isinstance(url, str) or not (app_dir / url).is_file():
        raise AppError(f"the ticket_sidebar page {url!r} is missing")
    page = app_dir / url
    for ref in _page_files(page):
        if not (page.parent / ref).is_file():
            raise AppError(f"{url} loads {ref}, which is not in the app")
    params = {p["name"]: p for p in manifest["parameters"]}
    if len(params) != len(manifest["parameters"]):
        raise AppError("two parameters share a name")
    if not params.get("api_key", {}).get("secure"):
        raise AppError("api_key must be a secure parameter (Zendesk keeps it server-side)")
    if params.get("tactful_url", {}).get("secure", False):
        raise AppError("tactful_url must not be secure: the app reads it to build the request URL")
    keys: dict[str, set[str]] = {}
    for code in TRANSLATIONS:
        try:
            tree = json.loads((app_dir / "translations" / f"{code}.json").read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise AppError(f"translations/{code}.json: {exc}") from exc
        keys[code] = _keys(tree)
        missing = [n for n in params if f"app.parameters.{n}.label" not in keys[code]]
        if missing:
            raise AppError(f"translations/{code}.json has no label for {missing}")
    if keys["en"] != keys["zh-cn"]:
        raise AppError(f"en and zh-cn differ: {sorted(keys['en'] ^ keys['zh-cn'])}")
    if manifest["defaultLocale"] not in TRANSLATIONS:
        raise AppError(f"defaultLocale {manifest['defaultLocale']!r} has no translation")
    return manifest


def _png(size: int) -> bytes:
    """A square logo: the teal of the chat box, a white speech bubble."""
    teal, white = b"\x0f\x76\x6e", b"\xff\xff\xff"
    rows = []
    for y in range(size):
        row = bytearray(b"\x00")  # filter: none
        for x in range(size):
            u, v = x / size, y / size
            bubble = 0.2 < u < 0.8 and 0.24 < v < 0.64
            tail = 0.3 < u < 0.42 and 0.64 <= v < 0.78 and (u - 0.3) < (0.78 - v)
            row += white if bubble or tail else teal
        rows.append(bytes(row))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(
        b"IEND", b""
    )


def build(out_dir: Path, domains: list[str], app_dir: Path = APP_DIR) -> Path:
    manifest = validate(app_dir)
    for domain in domains:
        if not _HOST.match(domain):
            raise AppError(f"--domain takes a host name (tactful.example.com), not {domain!r}")
    if domains:
        manifest["domainWhitelist"] = sorted(set(manifest.get("domainWhitelist", [])) | set(domains))
    files: dict[str, bytes] = {"manifest.json": (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode()}
    for path in sorted(app_dir.rglob("*")):
        rel = path.relative_to(app_dir).as_posix()
        if path.is_file() and rel != "manifest.json" and not rel.startswith("README") and "/." not in f"/{rel}":
            files[rel] = path.read_bytes()
    for name, size in LOGOS.items():
        files.setdefault(name, _png(size))
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"tactful-zendesk-{manifest['version']}.zip"
    with ZipFile(target, "w", ZIP_DEFLATED) as zf:
        for name in sorted(files):
            info = ZipInfo(name, date_time=_STAMP)
            info.compress_type = ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, files[name])
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--domain", action="append", default=[], help="Tactful host for domainWhitelist")
    parser.add_argument("--out", type=Path, default=ROOT / "artifacts")
    args = parser.parse_args(argv)
    try:
        target = build(args.out, [d for d in args.domain if d])
    except AppError as exc:
        print(f"zendesk app: {exc}", file=sys.stderr)
        return 1
    with ZipFile(target) as zf:
        names = zf.namelist()
    print(f"{target} ({target.stat().st_size} bytes): {', '.join(names)}")
    if not args.domain:
        print("note: no --domain given; add your Tactful host (ZENDESK_DOMAIN=...) so Zendesk fills in the key")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
