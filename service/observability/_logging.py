"""Log lines as JSON objects (or plain text), each with the request id, with known secrets masked.

``configure_logging(settings)`` installs one handler on the root logger; uvicorn's loggers propagate to
it and its own access log is replaced by ours (one line per request, see ``service.api._middleware``).
Every secret the service holds (provider keys, client keys, the runtime's key) is registered with
:func:`register_secret` and replaced by ``***`` in any line that would contain it.
"""

from __future__ import annotations

import json
import logging
import sys
import threading
import time
from typing import Any
from urllib.parse import urlsplit

from service.observability._context import current_request_id
from service.settings import Settings

_SECRETS: set[str] = set()
_LOCK = threading.Lock()
MASK = "***"


def register_secret(value: str | None) -> None:
    """Mask ``value`` wherever a log line or error text would show it (values under 6 characters: no)."""
    if value and len(value) >= 6:
        with _LOCK:
            _SECRETS.add(value)


def scrub(text: str) -> str:
    """``text`` with every registered secret replaced by ``***``."""
    for secret in sorted(_SECRETS, key=len, reverse=True):
        if secret in text:
            text = text.replace(secret, MASK)
    return text


_STANDARD = set(logging.makeLogRecord({}).__dict__) | {"message", "asctime", "color_message", "litellm_redacted"}
"""Record attributes that are not fields of the line (the standard ones, uvicorn's and litellm's decorations)."""


def _extra(record: logging.LogRecord) -> dict[str, Any]:
    return {k: v for k, v in record.__dict__.items() if k not in _STANDARD and not k.startswith("_")}


class JsonFormatter(logging.Formatter):
    """One JSON object per line: ts, level, logger, msg, request_id, the record's extra fields, exc."""

    def format(self, record: logging.LogRecord) -> str:
        body: dict[str, Any] = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        request_id = getattr(record, "request_id", None) or current_request_id()
        if request_id:
            body["request_id"] = request_id
        body.update({k: v for k, v in _extra(record).items() if k != "request_id"})
        if record.exc_info:
            body["exc"] = self.formatException(record.exc_info)
        return scrub(json.dumps(body, ensure_ascii=False, default=str))


class TextFormatter(logging.Formatter):
    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        request_id = current_request_id()
        return scrub(f"{text} [{request_id}]" if request_id else text)


def configure_logging(settings: Settings) -> None:
    """Send every log line to stderr in the configured format; uvicorn's access log off (ours is on)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if settings.log_format == "json" else TextFormatter())
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(settings.log_level.upper())
    for name in ("uvicorn", "uvicorn.error"):
        logger = logging.getLogger(name)
        logger.handlers.clear()
        logger.propagate = True
    logging.getLogger("uvicorn.access").disabled = True
    register_settings_secrets(settings)


def register_settings_secrets(settings: Settings) -> None:
    """Register every secret the settings carry (provider and fallback keys, client keys, id secret)."""
    if settings.api_key:
        register_secret(settings.api_key.get_secret_value())
    for fallback in settings.fallback_models:
        if fallback.api_key:
            register_secret(fallback.api_key.get_secret_value())
    for key in settings.api_keys.values():
        raw = key.key.get_secret_value()
        if not raw.startswith("sha256:"):
            register_secret(raw)
    if settings.id_secret:
        register_secret(settings.id_secret.get_secret_value())
    for url in (settings.database_url, settings.redis_url):  # their passwords, and the URLs that carry them
        if url is not None:
            password = urlsplit(url.get_secret_value()).password
            if password:
                register_secret(password)
