"""Optional LLM-judge rubric: empathy in three mechanisms (0-2 each) and SMART (0-5).

The judge model is configurable (any litellm model or the embedded one) and its prompt is
``prompts/judge.yaml``. Every judged text is wrapped in ``<<<NAME id>>> ... <<<END id>>>``
markers whose id is derived from the texts themselves, so the reply cannot know it in
advance and cannot close its block; marker-like sequences inside the texts are defused.
The id is deterministic, so a recorded judge call replays.
"""

from __future__ import annotations

import hashlib
import re

from pydantic import BaseModel, ConfigDict, Field

from evals._dataset import GoldenCase
from evals._types import Score
from service.errors import ModelError
from service.llm import GenerateRequest, Generator, ModelTarget, generate_structured, schema_for
from service.prompts import DEFAULT_PROMPTS_DIR, Prompt, load_prompts
from service.schemas import RewriteResponse

JUDGE_EMPATHY = "judge_empathy"
JUDGE_SMART = "judge_smart"
EMPATHY_PASS_AT = 0.5
SMART_PASS_AT = 0.6

_MARKER = re.compile(r"<{3,}|>{3,}")
_LANGUAGE = {"zh": "Chinese", "en": "English"}


class JudgeOut(BaseModel):
    model_config = ConfigDict(extra="forbid")

    emotional_reaction: int = Field(ge=0, le=2)
    interpretation: int = Field(ge=0, le=2)
    exploration: int = Field(ge=0, le=2)
    smart: int = Field(ge=0, le=5)
    reason: str = Field(max_length=400)


def marker_id(*texts: str) -> str:
    return hashlib.sha256("\x00".join(texts).encode("utf-8")).hexdigest()[:12]


def delimit(label: str, text: str, nonce: str) -> str:
    """``text`` in a marked block; any ``<<<`` / ``>>>`` inside is broken up so it cannot pose as a marker."""
    safe = _MARKER.sub(lambda m: " ".join(m.group()), text.strip())
    return f"<<<{label} {nonce}>>>\n{safe}\n<<<END {nonce}>>>"


def judge_values(case: GoldenCase, reply: str) -> dict[str, str]:
    req = case.request
    policy = "\n".join(f"P{i}: {fact}" for i, fact in enumerate(req.policy, 1)) or "(none)"
    nonce = marker_id(req.customer_message, policy, req.draft, reply)
    return {
        "language": _LANGUAGE[case.language],
        "customer_message": delimit("CUSTOMER_MESSAGE", req.customer_message, nonce),
        "policy": delimit("POLICY", policy, nonce),
        "draft": delimit("DRAFT", req.draft, nonce),
        "reply": delimit("REPLY", reply, nonce),
    }


def load_judge_prompt() -> Prompt:
    return load_prompts(DEFAULT_PROMPTS_DIR, {"judge": JudgeOut})["judge"]


class Judge:
    """Grades a reply with a model; returns ``judge_empathy`` and ``judge_smart`` scores."""

    def __init__(
        self, generate: Generator, target: ModelTarget, prompt: Prompt | None = None, timeout_s: float = 120.0
    ) -> None:
        self.generate = generate
        self.target = target
        self.prompt = prompt or load_judge_prompt()
        self.timeout_s = timeout_s

    def request(self, case: GoldenCase, reply: str) -> GenerateRequest:
        prompt = self.prompt
        return GenerateRequest(
            target=self.target,
            messages=prompt.messages(judge_values(case, reply)),
            schema=schema_for(JudgeOut),
            schema_name="judge",
            prompt=prompt.id,
            max_tokens=prompt.max_tokens,
            temperature=prompt.temperature if prompt.temperature is not None else 0.0,
            timeout_s=self.timeout_s,
        )

    async def __call__(self, case: GoldenCase, response: RewriteResponse) -> list[Score]:
        try:
            out = (await generate_structured(self.generate, self.request(case, response.reply), JudgeOut)).value
        except ModelError as exc:
            why = f"judge failed: {exc}"
            return [
                Score(name=JUDGE_EMPATHY, value=None, passed=False, explanation=why),
                Score(name=JUDGE_SMART, value=None, passed=False, explanation=why),
            ]
        empathy = (out.emotional_reaction + out.interpretation + out.exploration) / 6
        smart = out.smart / 5
        detail = (
            f"reaction {out.emotional_reaction}/2, interpretation {out.interpretation}/2, "
            f"exploration {out.exploration}/2"
        )
        return [
            Score(
                name=JUDGE_EMPATHY,
                value=round(empathy, 4),
                passed=empathy >= EMPATHY_PASS_AT,
                explanation=f"{detail}; {out.reason}",
            ),
            Score(
                name=JUDGE_SMART,
                value=round(smart, 4),
                passed=smart >= SMART_PASS_AT,
                explanation=f"SMART {out.smart}/5; {out.reason}",
            ),
        ]
