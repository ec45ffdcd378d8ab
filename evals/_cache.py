"""A response cache on disk: record model calls once, replay them deterministically (CI, no network).

:class:`CachingGenerator` wraps any :class:`service.llm.Generator`. Each call is keyed by the
sha256 of what determines its answer: model, prompt name@version, schema name and schema,
messages, max_tokens, temperature (and the repeat number, from the second repeat on). Recordings
live in ``<root>/<variant slug>/<case id>.json``, small sorted JSON, one file per case.

A call that fails is recorded as its error, and a call cancelled by the chain's time budget as a
timeout, so a replayed run degrades exactly where the recorded one did.

Modes: ``record`` (always call the model; a case's file is rewritten with exactly this run's
calls), ``replay`` (never call; a missing key raises :class:`MissingRecording` naming the case
and the step), ``auto`` (replay what exists, record what does not), ``off`` (pass through).
The case a call belongs to comes from the :data:`current_sample` context variable, which the
runner sets around each case (asyncio tasks inherit it).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from service import errors
from service.errors import ConfigError, ModelCallsForbidden, ModelError, ModelTimeout
from service.llm import GenerateRequest, GenerateResult, Generator

CacheMode = Literal["off", "record", "replay", "auto"]
CACHE_MODES: tuple[CacheMode, ...] = ("off", "record", "replay", "auto")
RECORDINGS_DIR = Path(__file__).resolve().parent / "recordings"


class MissingRecording(ConfigError):
    """Replay mode met a call that was never recorded (a new case, prompt version or model)."""


@dataclass(frozen=True)
class Sample:
    case_id: str
    repeat: int = 0


current_sample: ContextVar[Sample | None] = ContextVar("current_sample", default=None)


def request_key(request: GenerateRequest, repeat: int = 0) -> str:
    payload: dict[str, Any] = {
        "model": request.target.model,
        "prompt": request.prompt,
        "schema_name": request.schema_name,
        "schema": request.schema,
        "messages": request.messages,
        "max_tokens": request.max_tokens,
        "temperature": request.temperature,
    }
    if repeat:
        payload["repeat"] = repeat
    blob = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class RecordingStore:
    """Recorded calls per (variant slug, case id), loaded lazily, written by :meth:`save`."""

    def __init__(self, root: Path = RECORDINGS_DIR, *, fresh: bool = False) -> None:
        self.root = root
        self.fresh = fresh
        """Start every touched file empty (record mode): stale calls do not pile up."""
        self._files: dict[tuple[str, str], dict[str, Any]] = {}
        self._dirty: set[tuple[str, str]] = set()

    def path(self, slug: str, case_id: str) -> Path:
        return self.root / slug / f"{case_id}.json"

    def _calls(self, slug: str, case_id: str) -> dict[str, Any]:
        key = (slug, case_id)
        if key not in self._files:
            path = self.path(slug, case_id)
            calls: dict[str, Any] = {}
            if path.is_file() and not self.fresh:
                try:
                    calls = json.loads(path.read_text(encoding="utf-8"))["calls"]
                except (OSError, ValueError, KeyError, TypeError) as exc:
                    raise ConfigError(f"{path}: unreadable recording: {exc}") from exc
            self._files[key] = calls
        return self._files[key]

    def get(self, slug: str, case_id: str, key: str) -> dict[str, Any] | None:
        entry = self._calls(slug, case_id).get(key)
        return entry if isinstance(entry, dict) else None

    def put(self, slug: str, case_id: str, key: str, entry: dict[str, Any]) -> None:
        self._calls(slug, case_id)[key] = entry
        self._dirty.add((slug, case_id))

    def save(self) -> list[Path]:
        """Write the files that changed; returns their paths."""
        written = []
        for slug, case_id in sorted(self._dirty):
            path = self.path(slug, case_id)
            path.parent.mkdir(parents=True, exist_ok=True)
            doc = {"case": case_id, "variant": slug, "calls": self._files[(slug, case_id)]}
            path.write_text(json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
            written.append(path)
        self._dirty.clear()
        return written


def _entry(request: GenerateRequest, result: GenerateResult) -> dict[str, Any]:
    return {
        "step": request.schema_name,
        "prompt": request.prompt,
        "model": result.model,
        "text": result.text,
        "prompt_tokens": result.prompt_tokens,
        "completion_tokens": result.completion_tokens,
        "attempts": result.attempts,
        "latency_ms": result.latency_ms,
        "cost_usd": result.cost_usd,
    }


def _error_entry(request: GenerateRequest, exc: ModelError) -> dict[str, Any]:
    return {
        "step": request.schema_name,
        "prompt": request.prompt,
        "error": {"type": type(exc).__name__, "message": exc.message, "status": exc.status, "attempts": exc.attempts},
    }


def _raise_recorded(entry: dict[str, Any], model: str) -> None:
    """A recorded failure is replayed as the same kind of ModelError (the chain degrades the same way)."""
    error = entry["error"]
    cls = getattr(errors, str(error.get("type")), ModelError)
    if not (isinstance(cls, type) and issubclass(cls, ModelError)):
        cls = ModelError
    raise cls(
        str(error.get("message", "recorded failure")),
        model=model,
        status=error.get("status"),
        attempts=int(error.get("attempts", 1)),
    )


def _result(entry: dict[str, Any]) -> GenerateResult:
    return GenerateResult(
        text=str(entry["text"]),
        model=str(entry.get("model", "")),
        prompt_tokens=int(entry.get("prompt_tokens", 0)),
        completion_tokens=int(entry.get("completion_tokens", 0)),
        attempts=int(entry.get("attempts", 1)),
        latency_ms=int(entry.get("latency_ms", 0)),
        cost_usd=entry.get("cost_usd"),
    )


class CachingGenerator:
    """A Generator that records to / replays from a :class:`RecordingStore`."""

    def __init__(self, inner: Generator | None, store: RecordingStore, mode: CacheMode, slug: str) -> None:
        if mode not in CACHE_MODES:
            raise ConfigError(f"cache mode must be one of {CACHE_MODES}, not {mode!r}")
        if inner is None and mode != "replay":
            raise ConfigError(f"cache mode {mode!r} needs a model to call")
        self.inner = inner
        self.store = store
        self.mode = mode
        self.slug = slug
        self.hits = 0
        self.recorded = 0
        self.misses: dict[Sample, list[str]] = {}

    def _missing(self, sample: Sample, request: GenerateRequest, key: str) -> MissingRecording:
        where = self.store.path(self.slug, sample.case_id)
        repeat = f", repeat {sample.repeat}" if sample.repeat else ""
        message = (
            f"no recording for case {sample.case_id!r}{repeat}, step {request.schema_name!r} "
            f"(prompt {request.prompt or '?'}, model {request.target.model}, key {key[:12]}) in {where}; "
            "record it with `tactful eval --cache record` (see evals/README.md)"
        )
        self.misses.setdefault(sample, []).append(message)
        return MissingRecording(message)

    async def __call__(self, request: GenerateRequest) -> GenerateResult:
        if self.mode == "off":
            assert self.inner is not None
            return await self.inner(request)
        sample = current_sample.get() or Sample(case_id="_unscoped")
        key = request_key(request, sample.repeat)
        if self.mode in ("replay", "auto"):
            entry = self.store.get(self.slug, sample.case_id, key)
            if entry is not None:
                self.hits += 1
                if "error" in entry:
                    _raise_recorded(entry, request.target.display)
                return _result(entry)
            if self.mode == "replay":
                raise self._missing(sample, request, key)
        assert self.inner is not None
        try:
            result = await self.inner(request)
        except ModelCallsForbidden:
            raise
        except ModelError as exc:
            self.store.put(self.slug, sample.case_id, key, _error_entry(request, exc))
            self.recorded += 1
            raise
        except asyncio.CancelledError:
            # The chain's time budget ran out with this call in flight: replay it as a timeout, so the
            # replayed run degrades the same way instead of asking for calls that never happened.
            timeout = ModelTimeout("cancelled by the time budget while recording", model=request.target.display)
            self.store.put(self.slug, sample.case_id, key, _error_entry(request, timeout))
            self.recorded += 1
            raise
        self.store.put(self.slug, sample.case_id, key, _entry(request, result))
        self.recorded += 1
        return result
