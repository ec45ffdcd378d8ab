"""Feedback records built from a real chain run (fake model), so they carry realistic responses.

``settings`` (and so ``store``) is parametrized over both backends: SQLite and PostgreSQL.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from service.chain import rewrite
from service.engine import build_deps
from service.feedback import FeedbackIn, FeedbackStore
from service.llm import FakeGenerator
from service.schemas import RewriteRequest, RewriteResponse
from service.settings import Settings
from tests.fakes import CANNED, EN_SCENARIO, ZH_SCENARIO


@pytest.fixture
def settings(tmp_path: Path, database_url: str | None) -> Settings:
    return Settings(model="openai/test-model", home=tmp_path, chain_mode="full", database_url=database_url)


def run_scenario(settings: Settings, scenario: dict[str, Any], language: str) -> tuple[RewriteRequest, RewriteResponse]:
    request = RewriteRequest.model_validate(scenario)
    fake = FakeGenerator({name: [answer] * 2 for name, answer in CANNED[language].items()})
    return request, asyncio.run(rewrite(request, build_deps(settings, fake)))


def _chain_settings(tmp_path: Path) -> Settings:
    return Settings(model="openai/test-model", home=tmp_path, chain_mode="full")


@pytest.fixture
def zh_run(tmp_path: Path) -> tuple[RewriteRequest, RewriteResponse]:
    return run_scenario(_chain_settings(tmp_path), ZH_SCENARIO, "zh")


@pytest.fixture
def en_run(tmp_path: Path) -> tuple[RewriteRequest, RewriteResponse]:
    return run_scenario(_chain_settings(tmp_path), EN_SCENARIO, "en")


@pytest.fixture
def store(settings: Settings) -> Iterator[FeedbackStore]:
    with FeedbackStore.for_settings(settings) as store:
        yield store


def rid(name: str) -> str:
    """A well-formed rewrite id named after ``name`` (the store does not check signatures; the API does)."""
    return "rw_" + hashlib.sha256(name.encode()).hexdigest()[:48]


def feedback(run: tuple[RewriteRequest, RewriteResponse], id: str = "record", **fields: Any) -> FeedbackIn:
    request, response = run
    return FeedbackIn(id=rid(id), request=request, response=response, **fields)
