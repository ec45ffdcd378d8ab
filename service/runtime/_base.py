"""What the two embedded runtimes share (in a child process, in this one): model, key, URL."""

from __future__ import annotations

import secrets
import threading
from pathlib import Path

from service.errors import RuntimeStartError
from service.runtime._params import RuntimeConfig, runtime_config
from service.settings import Settings


class RuntimeBase:
    """One llama.cpp server for ``model_path``, configured from ``settings``, behind a per-process key."""

    def __init__(self, model_path: Path, settings: Settings, *, api_key: str | None = None) -> None:
        self.model_path = Path(model_path)
        self.settings = settings
        self._api_key = api_key or f"sk-tactful-{secrets.token_urlsafe(24)}"
        self._url = ""
        self._lock = threading.Lock()
        self.startup_s: float | None = None

    @property
    def config(self) -> RuntimeConfig:
        return runtime_config(self.model_path, self.settings, self._api_key)

    @property
    def url(self) -> str:
        """OpenAI base URL; raises :class:`RuntimeStartError` before the runtime serves."""
        if not self._url:
            raise RuntimeStartError("the embedded runtime is not running")
        return self._url

    @property
    def api_key(self) -> str:
        """The bearer token the runtime requires (random per process unless given)."""
        return self._api_key

    @property
    def model_label(self) -> str:
        """``embedded:<file stem>``, e.g. ``embedded:qwen2.5-coder-1.5b-instruct-q4_k_m``."""
        return f"embedded:{self.model_path.stem}"
