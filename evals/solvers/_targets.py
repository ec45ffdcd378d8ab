"""Where a solver's calls go: the settings' model, or the embedded runtime when one is running."""

from __future__ import annotations

from dataclasses import dataclass, replace

from service.chain import build_targets
from service.llm import ModelTarget
from service.settings import Settings, StepName


@dataclass(frozen=True)
class Embedded:
    """A running embedded runtime: its OpenAI base URL, bearer token and trace label."""

    url: str
    api_key: str
    label: str = "embedded"


def targets_for(settings: Settings, embedded: Embedded | None = None) -> dict[StepName, ModelTarget]:
    """The chain's targets; steps on the embedded model get the runtime's URL and token."""
    if embedded is None:
        return build_targets(settings)
    targets = build_targets(settings, embedded.url, embedded.label)
    return {
        step: replace(t, api_key=embedded.api_key) if t.api_base == embedded.url else t for step, t in targets.items()
    }
