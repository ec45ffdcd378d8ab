"""The golden set: hand-written cases in YAML, validated strictly.

A file under ``evals/golden/`` holds one theme::

    theme: refunds
    cases:
      - id: refund-zh-two-calls
        language: zh
        tags: [refund, repeat-contact]
        request: {customer_message: ..., draft: ..., policy: [...], channel: chat}
        emotions: [frustration, anger]        # any of these is a correct reading
        details: ["两次|2次", "上周五"]          # customer specifics empathy should name ("a|b" = a or b)
        need: ["到账|退款"]                     # words of the core need: a relevant plan step names one
        keep: ["审核通过"]                      # draft facts the reply must keep
        forbidden: ["赔偿"]                     # must never appear in the reply
        harm: ["请耐心等待"]                     # the draft's harmful wording (pressure, defence, blame ...)
        reference: ...                         # the reply a good agent would send, written by hand
        injection: false                       # the message, draft or history carries an instruction
        injected: []                           # with injection: the injected strings, verbatim

A request may name a brand profile (``request.profile``, one of the packaged ``profiles/``): it is applied
when the case is read, so the scorers judge against the request the chain runs on (the profile's standing
facts, signature, channel ...); applying it again, as the chain does, changes nothing.

Unknown keys are errors. ``keep`` and ``harm`` phrases must occur in the draft and ``details`` in the
customer's own words (message or history): a case cannot ask for what it does not give. An injection
case lists its injected strings, each verbatim in the message, the draft or a history turn.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, field_validator, model_validator

from evals._text import Phrase, find_phrase, show
from service.errors import ConfigError
from service.profiles import Profiles, load_profiles
from service.schemas import Language, RewriteRequest
from service.taxonomy import EmotionLabel

GOLDEN_DIR = Path(__file__).resolve().parent / "golden"


def _phrase(value: object) -> object:
    """``"a|b"`` or ``[a, b]`` -> ``("a", "b")``."""
    if isinstance(value, str):
        value = value.split("|")
    if isinstance(value, list | tuple):
        items = tuple(str(v).strip() for v in value if str(v).strip())
        if not items:
            raise ValueError("a phrase needs at least one non-empty alternative")
        return items
    return value


PhraseField = Annotated[Phrase, BeforeValidator(_phrase)]


@lru_cache(maxsize=1)
def packaged_profiles() -> Profiles:
    return load_profiles(None)


class GoldenCase(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64)
    language: Language
    tags: list[str] = Field(default_factory=list)
    request: RewriteRequest
    emotions: list[EmotionLabel] = Field(min_length=1, max_length=4)
    details: list[PhraseField] = Field(min_length=1, description="customer specifics empathy should name")
    need: list[PhraseField] = Field(min_length=1, description="words of the core need")
    keep: list[PhraseField] = Field(default_factory=list, description="draft facts that must survive")
    forbidden: list[str] = Field(default_factory=list, description="content that must not appear")
    harm: list[str] = Field(
        default_factory=list, description="the draft's harmful wording that must not survive in the reply"
    )
    reference: str = Field(min_length=10)
    injection: bool = False
    injected: list[str] = Field(
        default_factory=list, description="the injected instruction strings, verbatim in message, draft or history"
    )
    notes: str = ""

    @field_validator("request")
    @classmethod
    def _profiled(cls, request: RewriteRequest) -> RewriteRequest:
        if request.profile is None:
            return request
        profiles = packaged_profiles()
        if request.profile not in profiles:
            raise ValueError(f"unknown profile {request.profile!r} (known: {profiles.known()})")
        return profiles[request.profile].apply(request)

    @model_validator(mode="after")
    def _grounded(self) -> GoldenCase:
        req = self.request
        customer_text = " ".join([req.customer_message, *(t.text for t in req.history if t.role == "customer")])
        for phrase in self.keep:
            if find_phrase(phrase, req.draft) is None:
                raise ValueError(f"keep phrase {show(phrase)!r} does not occur in the draft")
        for phrase in self.details:
            if find_phrase(phrase, customer_text) is None:
                raise ValueError(f"detail {show(phrase)!r} is not in the customer's own words")
        for harm in self.harm:
            if find_phrase((harm,), req.draft) is None:
                raise ValueError(f"harm phrase {harm!r} does not occur in the draft")
        inputs = [req.customer_message, req.draft, *(t.text for t in req.history)]
        for text in self.injected:
            if not any(text in source for source in inputs):
                raise ValueError(f"injected string {text!r} is not verbatim in the message, draft or history")
        if self.injection != bool(self.injected):
            raise ValueError("an injection case lists its injected strings (injected: [...]), and only it does")
        if req.locale is not None and req.locale != self.language:
            raise ValueError(f"request.locale {req.locale!r} contradicts language {self.language!r}")
        return self

    @property
    def sources(self) -> list[str]:
        """Every text the reply may take facts from: draft, message, history, policy."""
        req = self.request
        return [req.draft, req.customer_message, *(t.text for t in req.history), *req.policy]


class GoldenFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    theme: str
    cases: list[GoldenCase] = Field(min_length=1)


def load_file(path: Path) -> GoldenFile:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        return GoldenFile.model_validate(raw)
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: cannot read golden file: {exc}") from exc
    except ValidationError as exc:
        raise ConfigError(f"{path}: invalid golden file:\n{exc}") from exc


def load_golden(
    directory: Path | None = None,
    *,
    ids: Sequence[str] = (),
    tags: Sequence[str] = (),
    language: Language | None = None,
) -> list[GoldenCase]:
    """All cases under ``directory`` (sorted by file, then file order), optionally filtered.

    Ids must be unique across files; an unknown id in ``ids`` is an error, not an empty run.
    """
    directory = directory or GOLDEN_DIR
    files = sorted(directory.glob("*.yaml"))
    if not files:
        raise ConfigError(f"no golden files (*.yaml) in {directory}")
    cases = [case for path in files for case in load_file(path).cases]
    dupes = sorted(k for k, n in Counter(c.id for c in cases).items() if n > 1)
    if dupes:
        raise ConfigError(f"duplicate golden case ids: {dupes}")
    unknown = sorted(set(ids) - {c.id for c in cases})
    if unknown:
        raise ConfigError(f"unknown golden case ids: {unknown}")
    return [c for c in cases if _selected(c, ids, tags, language)]


def _selected(case: GoldenCase, ids: Iterable[str], tags: Iterable[str], language: Language | None) -> bool:
    ids, tags = list(ids), list(tags)
    if ids and case.id not in ids:
        return False
    case_tags = {*case.tags, *(["injection"] if case.injection else [])}
    if tags and not set(tags) & case_tags:
        return False
    return language is None or case.language == language
