"""Dependency aliases for routes (``Annotated`` style, as in the FastAPI full-stack template)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from service.chain import ChainDeps
from service.errors import InputTooLarge
from service.schemas import RewriteRequest
from service.settings import Settings


def get_settings_dep(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_chain_deps(request: Request) -> ChainDeps:
    deps: ChainDeps = request.app.state.deps
    return deps


SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
ChainDepsDep = Annotated[ChainDeps, Depends(get_chain_deps)]


def guard_request(req: RewriteRequest, settings: Settings) -> None:
    """Reject a request whose text is above the configured budget (413), before any model call."""
    total = req.total_chars()
    if total > settings.max_input_chars:
        raise InputTooLarge(
            f"the request carries {total} characters of text; the limit is {settings.max_input_chars} "
            "(TACTFUL_MAX_INPUT_CHARS)",
            field="body",
        )
