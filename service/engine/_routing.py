"""Model routing: where each chain step's calls go, and the chain's dependencies bound to it.

A step whose model is ``embedded`` goes to the embedded runtime (its loopback URL, its bearer
token, a compact llguidance grammar for the JSON); any other model goes through litellm to
``settings.api_base`` with ``settings.api_key``.
"""

from __future__ import annotations

from dataclasses import dataclass

from service.chain import MODEL_STEPS, REQUIRED_PROMPTS, ChainDeps, example_texts
from service.errors import ProfileError
from service.llm import Generator, ModelTarget
from service.profiles import Profiles, load_profiles
from service.prompts import load_prompts
from service.settings import EMBEDDED_MODEL, Settings, StepName

EMBEDDED_TARGET_MODEL = "openai/embedded"
"""The litellm model name of calls to the embedded runtime (it answers to ``embedded``)."""


@dataclass(frozen=True)
class Endpoint:
    """A running embedded runtime as the chain sees it: OpenAI base URL, bearer token, trace label."""

    url: str
    api_key: str
    label: str = "embedded"


def uses_embedded(settings: Settings) -> bool:
    """True if any step of the chain runs on the embedded model."""
    return any(settings.model_for(step) == EMBEDDED_MODEL for step in MODEL_STEPS)


def build_targets(settings: Settings, embedded: Endpoint | None = None) -> dict[StepName, ModelTarget]:
    """Every step's target. Without ``embedded`` (no runtime: replay, tests) embedded steps have no URL."""
    targets: dict[StepName, ModelTarget] = {}
    key = settings.api_key.get_secret_value() if settings.api_key else None
    for step in MODEL_STEPS:
        model = settings.model_for(step)
        if model == EMBEDDED_MODEL:
            targets[step] = ModelTarget(
                model=EMBEDDED_TARGET_MODEL,
                api_base=embedded.url if embedded else None,
                api_key=embedded.api_key if embedded else "sk-local",
                label=embedded.label if embedded else "embedded",
                constrain="llguidance",
            )
        else:
            targets[step] = ModelTarget(model=model, api_base=settings.api_base, api_key=key, label=model)
    return targets


def build_deps(settings: Settings, generate: Generator, embedded: Endpoint | None = None) -> ChainDeps:
    """Load the prompts and profiles strictly (a missing file or variable, an invalid profile or a setting
    naming an unknown one raises here) and bind every step to its target."""
    prompts = load_prompts(settings.prompts_dir, REQUIRED_PROMPTS)
    profiles = load_profiles(settings.profiles_dir, settings.default_profile)
    check_key_profiles(settings, profiles)
    return ChainDeps(
        generate=generate,
        prompts=prompts,
        settings=settings,
        targets=build_targets(settings, embedded),
        examples=example_texts(prompts),
        profiles=profiles,
    )


def check_key_profiles(settings: Settings, profiles: Profiles) -> None:
    for name, spec in settings.api_keys.items():
        if spec.profile is not None and spec.profile not in profiles:
            raise ProfileError(
                f"TACTFUL_API_KEYS: the key {name!r} names the profile {spec.profile!r}, which is not a profile "
                f"(known: {profiles.known()})"
            )
