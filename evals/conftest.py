"""``pytest evals/``: one test per golden case, the chain replayed from evals/recordings/.

Options (pytest command line):

- ``--eval-mode replay|auto|record`` (default replay): replay never calls a model (real calls are
  switched off); auto/record call the model for what is missing / for everything and save the
  recordings at the end of the session. Recording is better done with ``tactful eval --cache record``.
- ``--eval-missing fail|skip`` (default fail): what a case without a recording does. CI keeps
  ``fail`` so that a new case or prompt version cannot pass silently. The one exception is a case
  listed in thresholds.yaml ``awaiting_recording`` (added since the last recording): it skips, naming why.
- ``--eval-model`` (default: the settings' model, ``embedded``), ``--eval-recordings DIR``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from evals._cache import RECORDINGS_DIR, CacheMode
from evals._gate import Thresholds, load_thresholds
from evals._matrix import Matrix, MatrixSpec
from evals._runner import VariantRun
from evals._types import ScoreFn
from evals.scorers import build_scorers
from service.llm import override_model_requests
from service.settings import get_settings


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("tactful-eval", "Tactful golden cases (pytest evals/)")
    group.addoption("--eval-mode", choices=["replay", "auto", "record"], default="replay")
    group.addoption("--eval-missing", choices=["fail", "skip"], default="fail")
    group.addoption("--eval-model", default=None, help="model of the recordings (default: settings.model)")
    group.addoption("--eval-recordings", type=Path, default=RECORDINGS_DIR)


@dataclass
class GoldenSuite:
    variant: VariantRun
    scorers: dict[str, ScoreFn]
    thresholds: Thresholds
    missing: str
    mode: CacheMode


@pytest.fixture(scope="session")
def golden_suite(pytestconfig: pytest.Config) -> Iterator[GoldenSuite]:
    mode: CacheMode = pytestconfig.getoption("--eval-mode")
    settings = get_settings()
    model = pytestconfig.getoption("--eval-model") or settings.model
    thresholds = load_thresholds()
    spec = MatrixSpec(
        solvers=["chain"], models=[model], cache_mode=mode, recordings=pytestconfig.getoption("--eval-recordings")
    )
    matrix = Matrix(spec, settings)
    asyncio.run(matrix.start())  # no engine in replay mode; otherwise the model client (and runtime)
    try:
        (variant,) = matrix.build()
        scorers = build_scorers(
            {str(k): v for k, v in thresholds.pass_at.items()},
            embeddings=False,
            trust_commitments=thresholds.trust_agent_commitments,
        )
        yield GoldenSuite(variant, scorers, thresholds, pytestconfig.getoption("--eval-missing"), mode)
    finally:
        asyncio.run(matrix.close())


@pytest.fixture(autouse=True)
def _replay_is_offline(golden_suite: GoldenSuite) -> Iterator[None]:
    """In replay mode no real model call can happen, whatever the recordings say."""
    with override_model_requests(golden_suite.mode != "replay"):
        yield
