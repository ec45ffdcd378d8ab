"""Build the model matrix: solvers x models x prompt dirs (+ service URLs), each with its cache.

:class:`Matrix` owns what a run needs from outside: the recording store, the embedded runtime
(started only when a variant calls the embedded model for real, i.e. not in replay mode) and the
generator behind every cache. Use it as a context manager; on exit recordings are saved and the
runtime is stopped.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from evals._cache import RECORDINGS_DIR, CacheMode, CachingGenerator, RecordingStore
from evals._runner import VariantRun
from evals._types import SolverKind, Variant
from evals.scorers import Judge
from evals.solvers import HttpSolver, Solver, baseline_solver, chain_solver
from service.engine import Endpoint, Engine, build_targets
from service.errors import ConfigError
from service.llm import Generator
from service.settings import EMBEDDED_MODEL, Settings

GeneratorFactory = Callable[[], Generator]


@dataclass
class MatrixSpec:
    solvers: list[SolverKind] = field(default_factory=lambda: ["chain"])
    models: list[str] = field(default_factory=list)
    """Empty: the settings' model."""
    prompts_dirs: list[Path] = field(default_factory=list)
    """Empty: the settings' prompts dir (default: the packaged prompts/)."""
    urls: list[str] = field(default_factory=list)
    cache_mode: CacheMode = "replay"
    recordings: Path = RECORDINGS_DIR
    judge_model: str | None = None


def variants_for(spec: MatrixSpec, settings: Settings) -> list[Variant]:
    models = spec.models or [settings.model]
    dirs: list[Path | None] = list(spec.prompts_dirs) or [None]
    variants: list[Variant] = []
    for solver in spec.solvers:
        if solver == "http":
            continue
        for model in models:
            for prompts_dir in dirs:
                if solver == "baseline" and prompts_dir is not None and not (prompts_dir / "baseline.yaml").is_file():
                    prompts_dir = None
                variant = Variant(solver=solver, model=model, prompts_dir=prompts_dir)
                if variant not in variants:
                    variants.append(variant)
    variants += [Variant(solver="http", url=url) for url in spec.urls]
    if not variants:
        raise ConfigError("nothing to evaluate: give --solver chain/baseline or --url")
    return variants


def _uses_embedded_live(spec: MatrixSpec, variants: list[Variant]) -> bool:
    if spec.cache_mode == "replay":
        return False
    models = [v.model for v in variants if v.solver != "http"] + [spec.judge_model]
    return EMBEDDED_MODEL in models


class Matrix:
    def __init__(
        self,
        spec: MatrixSpec,
        settings: Settings,
        *,
        generator_factory: GeneratorFactory | None = None,
        log: Callable[[str], Any] | None = None,
    ) -> None:
        self.spec = spec
        self.settings = settings
        self.variants = variants_for(spec, settings)
        self.store = RecordingStore(spec.recordings, fresh=spec.cache_mode == "record")
        self.log = log or (lambda msg: print(msg, file=sys.stderr, flush=True))
        self._factory = generator_factory
        self.engine: Engine | None = None
        """The model client and runtime; ``None`` in replay mode (no model is ever called)."""
        self.caches: dict[str, CachingGenerator] = {}

    async def start(self) -> Matrix:
        """Start the engine unless replaying: the model client, and the runtime if a variant needs it."""
        if self.spec.cache_mode != "replay" and self.engine is None:
            self.engine = Engine(
                self.settings,
                generate=self._factory() if self._factory else None,
                embedded=_uses_embedded_live(self.spec, self.variants),
                warm=False,
                progress=self.log,
            )
            await self.engine.start()
        return self

    @property
    def _embedded(self) -> Endpoint | None:
        return self.engine.endpoint if self.engine else None

    def settings_for(self, variant: Variant) -> Settings:
        mode = "full" if variant.solver == "chain-full" else "auto"
        update: dict[str, Any] = {"step_models": {}, "chain_mode": mode}
        if variant.model:
            update["model"] = variant.model
        if variant.prompts_dir:
            update["prompts_dir"] = variant.prompts_dir
        return self.settings.model_copy(update=update)

    def _judge(self, cache: CachingGenerator) -> Judge | None:
        if not self.spec.judge_model:
            return None
        judge_settings = self.settings.model_copy(update={"model": self.spec.judge_model, "step_models": {}})
        target = build_targets(judge_settings, self._embedded)["compose"]
        return Judge(cache, target, timeout_s=self.settings.timeout_s)

    def build(self) -> list[VariantRun]:
        embedded = self._embedded
        generator = self.engine.generate if self.engine else None
        runs = []
        for variant in self.variants:
            cache = CachingGenerator(generator, self.store, self.spec.cache_mode, variant.slug)
            self.caches[variant.name] = cache
            solver: Solver
            if variant.solver == "http":
                assert variant.url is not None
                solver = HttpSolver(variant.url, timeout_s=self.settings.chain_timeout_s + 30)
            elif variant.solver == "baseline":
                solver = baseline_solver(self.settings_for(variant), cache, embedded)
            else:
                solver = chain_solver(self.settings_for(variant), cache, embedded)
            runs.append(VariantRun(variant.name, solver, cache, self._judge(cache)))
        return runs

    async def close(self) -> list[Path]:
        written = self.store.save() if self.spec.cache_mode in ("record", "auto") else []
        if self.engine is not None:
            await self.engine.stop()
            self.engine = None
        return written

    async def __aenter__(self) -> Matrix:
        return await self.start()

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()
