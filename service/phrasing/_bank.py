"""The phrasing bank (``service/data/phrasing.yaml``), loaded and validated once; variants picked per request."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from service.datafiles import read_data
from service.errors import ConfigError
from service.schemas import Language
from service.taxonomy import EMOTION_LABELS

_FILE = "data/phrasing.yaml"
_LISTS = (
    "note_lead", "plan_join", "plan_ordinals", "plan_intro", "follow_up", "follow_up_by", "customer_help", "closing",
    "empathy_grief",
)  # fmt: skip


@dataclass(frozen=True)
class Bank:
    raw: dict[str, Any]

    def frames(self, language: Language, emotion: str) -> list[str]:
        return list(self.raw["empathy"][language][emotion])

    def plain(self, language: Language, emotion: str) -> str:
        return str(self.raw["empathy_plain"][language][emotion])

    def options(self, slot: str, language: Language) -> list[str]:
        return [str(x) for x in self.raw[slot][language]]

    def text(self, slot: str, language: Language) -> str:
        return str(self.raw[slot][language])


def _fail(why: str) -> ConfigError:
    return ConfigError(f"{_FILE}: {why}")


@lru_cache(maxsize=1)
def load_bank() -> Bank:
    raw = read_data(_FILE)
    if not isinstance(raw, dict):
        raise _fail("must be a mapping")
    for lang in ("zh", "en"):
        for label in EMOTION_LABELS:
            frames = raw.get("empathy", {}).get(lang, {}).get(label)
            if not frames or not all(isinstance(f, str) and "{s}" in f for f in frames):
                raise _fail(f"empathy/{lang}/{label} needs frames with {{s}}")
            if not isinstance(raw.get("empathy_plain", {}).get(lang, {}).get(label), str):
                raise _fail(f"empathy_plain/{lang}/{label} is missing")
        for slot in _LISTS:
            items = raw.get(slot, {}).get(lang)
            if not items or not all(isinstance(i, str) and i for i in items):
                raise _fail(f"{slot}/{lang} needs a list of phrases")
        for slot in ("note_tail",):
            if not isinstance(raw.get(slot, {}).get(lang), str):
                raise _fail(f"{slot}/{lang} is missing")
    for lang in ("zh", "en"):
        if not all("{d}" in line for line in raw["follow_up_by"][lang]):
            raise _fail(f"follow_up_by/{lang}: every line needs {{d}}")
        if not all("{s}" in line for line in raw["empathy_grief"][lang]):
            raise _fail(f"empathy_grief/{lang}: every frame needs {{s}}")
    if len(raw["plan_ordinals"]["zh"]) < 3 or len(raw["plan_ordinals"]["en"]) < 3:
        raise _fail("plan_ordinals needs three entries per language")
    return Bank(raw=raw)


def pick(options: list[str], seed: str, salt: str = "") -> str:
    """One of ``options``, the same for the same request, spread across requests."""
    if not options:
        return ""
    digest = hashlib.sha256(f"{salt}:{seed}".encode()).digest()
    return options[digest[0] % len(options)]
