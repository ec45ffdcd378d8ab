"""Emotion match: the detected label is one the case accepts."""

from __future__ import annotations

from evals._dataset import GoldenCase
from evals._types import Score
from service.schemas import RewriteResponse

NAME = "emotion_match"


def emotion_match(case: GoldenCase, response: RewriteResponse) -> Score:
    accepted = ", ".join(case.emotions)
    if response.emotion is None:
        return Score(name=NAME, value=0.0, passed=False, explanation=f"no emotion returned (accepts {accepted})")
    label = response.emotion.label
    ok = label in case.emotions
    verdict = "accepted" if ok else "not accepted"
    return Score(
        name=NAME,
        value=1.0 if ok else 0.0,
        passed=ok,
        explanation=f"{label} ({response.emotion.intensity}/5) {verdict}; case accepts {accepted}",
    )
