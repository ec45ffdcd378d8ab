"""What a chain run needs from outside: a generator, the prompts, where each step's calls go."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from service.llm import Generator, ModelTarget
from service.profiles import Profiles
from service.prompts import PromptSet
from service.schemas import ChainEvent
from service.settings import Settings, StepName

Emit = Callable[[ChainEvent], Awaitable[None]]


@dataclass(frozen=True)
class ChainDeps:
    generate: Generator
    prompts: PromptSet
    settings: Settings
    targets: dict[StepName, ModelTarget]
    examples: tuple[str, ...] = ()
    """The prompts' worked examples as text (the final gate refuses a reply that repeats them)."""
    profiles: Profiles = field(default_factory=lambda: Profiles({}))
    """The brand profiles a request may name (``RewriteRequest.profile``)."""

    def target(self, step: StepName) -> ModelTarget:
        return self.targets[step]
