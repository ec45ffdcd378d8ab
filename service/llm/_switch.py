"""A global switch that forbids real model calls, for tests (as in pydantic-ai)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

ALLOW_MODEL_REQUESTS = True


def model_requests_allowed() -> bool:
    return ALLOW_MODEL_REQUESTS


def set_model_requests(allowed: bool) -> None:
    global ALLOW_MODEL_REQUESTS
    ALLOW_MODEL_REQUESTS = allowed


@contextmanager
def override_model_requests(allowed: bool) -> Iterator[None]:
    before = ALLOW_MODEL_REQUESTS
    set_model_requests(allowed)
    try:
        yield
    finally:
        set_model_requests(before)
