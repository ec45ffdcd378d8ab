"""Keyword cues of the customer's feeling (``service/data/cues.yaml``): a first estimate streamed at
once, and a check on the model's label.

The estimate is honest about what it is (``source: keywords``) and is corrected when the model's
reading arrives. :func:`reconcile` keeps the model's label unless the keywords clearly contradict it
(e.g. the model says frustration, the customer writes 征信 / "identity" and nothing of waiting).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from service.chain._deps import ChainDeps
from service.chain._state import RewriteState
from service.datafiles import read_data
from service.errors import ConfigError
from service.schemas import Emotion, Language
from service.taxonomy import EMOTION_LABELS, EmotionLabel
from service.verify import text_facts

_FILE = "data/cues.yaml"
CALM: frozenset[str] = frozenset({"neutral", "satisfaction"})


@lru_cache(maxsize=1)
def _cues() -> dict[str, dict[str, list[tuple[int, re.Pattern[str]]]]]:
    raw = read_data(_FILE)
    if not isinstance(raw, dict) or set(raw) != set(EMOTION_LABELS):
        raise ConfigError(f"{_FILE}: needs exactly the labels {sorted(EMOTION_LABELS)}")
    out: dict[str, dict[str, list[tuple[int, re.Pattern[str]]]]] = {}
    for label, langs in raw.items():
        out[label] = {}
        for lang in ("zh", "en"):
            items = (langs or {}).get(lang) or []
            try:
                out[label][lang] = [(int(w), re.compile(p, re.I if lang == "en" else 0)) for w, p in items]
            except (TypeError, ValueError, re.error) as exc:
                raise ConfigError(f"{_FILE}: {label}/{lang}: {exc}") from exc
    return out


def load_cues() -> None:
    _cues()


@dataclass(frozen=True)
class CueReading:
    scores: dict[str, int]
    evidence: dict[str, str]
    """label -> the first matching phrase."""
    asked: bool = False
    """The message asks a question (a question mark)."""

    @property
    def negative(self) -> int:
        return sum(v for k, v in self.scores.items() if k not in CALM)

    def top(self) -> tuple[EmotionLabel, int]:
        label = max((k for k in self.scores if k not in CALM), key=lambda k: self.scores[k])
        return label, self.scores[label]  # type: ignore[return-value]


_SIGN_OFF = re.compile(
    r"(?:[，,。.！!\s]*(?:谢谢|感谢|多谢)(?:您|你们|了)?[。！!～~]*"
    r"|[\s,.!]*\b(?:many thanks|thanks(?: a lot| so much)?|thank you(?: so much)?)\b[.!,]*"
    r"(?:\s+[A-Z][\w'-]*){0,3}[.!]?)\s*$",
    re.I,
)
"""A courtesy at the end of a question ("…？谢谢。", "Many thanks, Judith Lamb"): not praise."""


def read_cues(text: str, language: Language) -> CueReading:
    scores: dict[str, int] = {}
    evidence: dict[str, str] = {}
    unsigned = _SIGN_OFF.sub("", text)
    for label, langs in _cues().items():
        total = 0
        for lang in ("zh", "en") if language == "zh" else ("en",):
            for weight, pattern in langs[lang]:
                hits = pattern.findall(unsigned if label == "satisfaction" else text)
                if hits:
                    total += weight * min(len(hits), 2)
                    evidence.setdefault(label, str(hits[0]))
        scores[label] = total
    return CueReading(scores=scores, evidence=evidence, asked=bool(re.search(r"[?？]", text)))


def customer_text(state: RewriteState) -> str:
    req = state.request
    earlier = [text_facts(t.text).clean for t in req.history if t.role == "customer"]
    return " ".join([*earlier, text_facts(req.customer_message).clean])


def estimate(cues: CueReading) -> tuple[EmotionLabel, int]:
    label, score = cues.top()
    if cues.scores["satisfaction"] >= 3 and cues.negative <= 3:
        return "satisfaction", 2
    if score == 0:
        return "neutral", 1
    if cues.scores["neutral"] >= 2 and cues.negative <= 2:
        return "neutral", 1
    intensity = 4 if cues.scores["anger"] >= 3 or score >= 6 else 3
    return label, intensity


def reconcile(label: EmotionLabel, intensity: int, cues: CueReading) -> tuple[EmotionLabel, int, str | None]:
    """The model's label, unless the keywords clearly say otherwise; (label, intensity, why changed)."""
    guess, _ = estimate(cues)
    if label in CALM and cues.negative >= 4 and guess not in CALM:
        return guess, max(intensity, 3), f"the message shows {guess} ({cues.evidence.get(guess, '')!r})"
    calm_cues = cues.scores["neutral"] >= 2 or cues.scores["satisfaction"] >= 3
    if label not in CALM and guess in CALM and calm_cues and cues.negative <= 2:
        return guess, min(intensity, 2), f"nothing in the message shows {label}"
    if (
        label not in CALM
        and guess not in CALM
        and cues.scores[guess] >= 3
        and cues.scores[label] * 3 <= cues.scores[guess]
    ):
        return guess, intensity, f"the message shows {guess} ({cues.evidence.get(guess, '')!r}), not {label}"
    if label == "disappointment" and cues.negative == 0 and (cues.scores["neutral"] >= 2 or cues.asked):
        # no spoilt expectation, no feeling named, and the customer asks a plain question
        return "neutral", 1, "nothing in the message shows disappointment"
    if label not in CALM and cues.negative == 0 and cues.asked and cues.scores["neutral"] >= 2:
        # a plain question ("想确认一下…怎么算？", "Could we add a second bin?") with no feeling in it
        return "neutral", 1, f"nothing in the message shows {label}; it asks a plain question"
    if label == "satisfaction" and cues.scores["satisfaction"] == 0:
        # "Thank you for the kind words!" to a customer who only asked something
        return "neutral", 1, "nothing in the message is praise or thanks"
    if label not in CALM and cues.scores["satisfaction"] >= 6 and cues.negative <= 3:
        return "satisfaction", min(intensity, 2), "the message is mostly praise and thanks"
    return label, intensity, None


def first_emotion(state: RewriteState) -> Emotion:
    cues = read_cues(customer_text(state), state.language)
    label, intensity = estimate(cues)
    quote = cues.evidence.get(label)
    return Emotion(label=label, intensity=intensity, evidence=[quote] if quote else [])


async def cue(state: RewriteState, deps: ChainDeps) -> RewriteState:
    """Publish a keyword estimate of the emotion at once; the read step corrects it."""
    if state.emit is not None:
        emotion = first_emotion(state)
        await state.publish("emotion", {"emotion": emotion.model_dump(), "partial": True, "source": "keywords"})
    return state
