"""The chain's steps, declared once: what each one is, which prompt and output it uses, what it fills.

Both shapes, prompt loading, warm-up, traces, the per-step model setting and the test fakes read this
table; a step's ``name`` is its trace name and its ``TACTFUL_STEP_MODELS`` key.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from pydantic import BaseModel

from service.chain._outputs import ComposeOut, ReadOut
from service.settings import StepName


@dataclass(frozen=True)
class StepSpec:
    name: str
    """Trace name."""
    fills: str
    """The part of the state it fills."""
    prompt: str | None = None
    """Prompt file (``prompts/<prompt>.yaml``); None for a deterministic step."""
    output: type[BaseModel] | None = None
    model_step: StepName | None = None
    """Which model setting its calls use (None: no model call)."""

    @property
    def schema_name(self) -> str:
        """The name of the JSON schema its calls ask for (what fakes and recordings key on)."""
        return self.prompt or self.name


CUE: Final = StepSpec("cue", fills="a first emotion estimate from keywords (streamed at once)")
READ: Final = StepSpec(
    "read", prompt="read", output=ReadOut, model_step="read",
    fills="emotion, evidence, the customer's situation, the most helpful policy fact",
)  # fmt: skip
REALISE: Final = StepSpec("realise", fills="empathy, plan, the draft's kept wording, the assembled reply")
COMPOSE: Final = StepSpec(
    "compose", prompt="compose", output=ComposeOut, model_step="compose",
    fills="the reply rewritten in the model's own words (full shape)",
)  # fmt: skip
VERIFY: Final = StepSpec("verify", fills="checks, deterministic repairs, the final gate")
REVISE: Final = StepSpec(
    "revise", prompt="revise", output=ComposeOut, model_step="revise",
    fills="one revision of the reply that lists what still fails (full shape)",
)  # fmt: skip

STEPS: Final[tuple[StepSpec, ...]] = (CUE, READ, REALISE, COMPOSE, VERIFY, REVISE)
MODEL_STEPS: Final[tuple[StepSpec, ...]] = tuple(s for s in STEPS if s.prompt is not None)
FAST_STEPS: Final[tuple[StepSpec, ...]] = (CUE, READ, REALISE, VERIFY)
FULL_STEPS: Final[tuple[StepSpec, ...]] = (CUE, READ, REALISE, COMPOSE, VERIFY, REVISE)


CALLS_AT_ONCE: Final[dict[str, int]] = {"fast": 1, "full": 1}
"""Model calls one rewrite has in flight at the same time, per shape: every model step waits for the one
before it (read, then compose, then maybe revise). Admission control divides the runtime's slots by it."""


def required_prompts() -> dict[str, type[BaseModel] | None]:
    """Prompt name -> output model, for every model step (loaded strictly at start-up)."""
    return {s.prompt: s.output for s in MODEL_STEPS if s.prompt is not None}


def prompts_of(steps: tuple[StepSpec, ...]) -> dict[str, StepName]:
    """Prompt name -> model step, for the warm-up of a shape."""
    return {s.prompt: s.model_step for s in steps if s.prompt is not None and s.model_step is not None}
