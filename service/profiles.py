"""Brand profiles: a brand's tone, sign-off and standing policy, set once by an admin, applied to every request.

One YAML file per profile under ``profiles/`` (shipped in the package as ``service/profile_files``, like the
prompts; ``TACTFUL_PROFILES_DIR`` points elsewhere), loaded and validated strictly at start-up::

    name: bank-zh                # must equal the file name
    version: 1                   # bump on every change; the trace carries name@version
    description: 星河银行信用卡中心
    tone: formal                 # warm | formal | concise (the model-written reply's tone)
    greeting: formal             # auto | formal | friendly | none
    signature: 星河银行信用卡中心  # the sign-off when the request gives none
    channel: chat                # default channel, when the request names none
    locale: zh                   # default language, when the request names none
    policy:                      # standing facts, merged into every request's policy (first)
      - 信用卡还款日后3天内为宽限期，宽限期内还款不收取违约金。
    banned_phrases: [亲, 亲爱的]   # never in a reply: dropped from the draft, failed by the check
    pressure_phrases: [赶紧还]    # pressure wording: dropped from the draft, failed by the check

An unknown key, a wrong value, a name that is not the file name, or an entry listed twice raises
:class:`service.errors.ProfileError` and the service does not start.

A request picks a profile with ``profile``; otherwise its key's profile (``TACTFUL_API_KEYS``:
``{"bank": {"key": "...", "profile": "bank-zh"}}``), otherwise ``TACTFUL_DEFAULT_PROFILE``.
:meth:`Profile.apply` turns the request into the one the chain runs on; :meth:`Profile.phrases` gives the
extra wording the draft pass and the checks treat as harmful.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from service.errors import ProfileError
from service.schemas import Channel, Greeting, Language, Person, RewriteRequest, Tone

DEFAULT_PROFILES_DIR = Path(__file__).resolve().parent / "profile_files"
"""The profiles shipped in the package. In the source tree ``service/profile_files`` is a symlink to the
top-level ``profiles/``; a built wheel carries the files themselves."""

PROFILE_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")

PhraseKind = Literal["stock", "pressure"]


class Profile(BaseModel):
    """One brand's settings; every field but ``name`` and ``version`` may be left out."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    name: str = Field(pattern=PROFILE_NAME.pattern)
    version: int = Field(ge=1)
    description: str = Field("", max_length=200)
    tone: Tone | None = None
    greeting: Greeting | None = None
    signature: str | None = Field(None, min_length=1, max_length=200)
    channel: Channel | None = None
    locale: Language | None = None
    policy: tuple[str, ...] = Field((), max_length=20)
    banned_phrases: tuple[str, ...] = Field((), max_length=100)
    pressure_phrases: tuple[str, ...] = Field((), max_length=100)

    @field_validator("policy", "banned_phrases", "pressure_phrases")
    @classmethod
    def _texts(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        items = tuple(s.strip() for s in v)
        if any(not s or len(s) > 1000 for s in items):
            raise ValueError("every entry must be a non-empty text of at most 1000 characters")
        if len(set(items)) != len(items):
            raise ValueError("an entry is listed twice")
        return items

    @property
    def id(self) -> str:
        return f"{self.name}@{self.version}"

    def apply(self, request: RewriteRequest) -> RewriteRequest:
        """The request this profile makes of ``request``: its facts first, then the request's; its channel,
        locale, tone, greeting and signature wherever the request did not set its own."""
        update: dict[str, object] = {}
        if self.policy:
            update["policy"] = [*self.policy, *(p for p in request.policy if p not in self.policy)]
        if self.channel is not None and "channel" not in request.model_fields_set:
            update["channel"] = self.channel
        if self.locale is not None and request.locale is None:
            update["locale"] = self.locale
        if self.signature is not None and not (request.agent and request.agent.signature):
            name = request.agent.name if request.agent else None
            update["agent"] = Person(name=name, signature=self.signature)
        options: dict[str, object] = {}
        if self.tone is not None and "tone" not in request.options.model_fields_set:
            options["tone"] = self.tone
        if self.greeting is not None and "greeting" not in request.options.model_fields_set:
            options["greeting"] = self.greeting
        if options:
            update["options"] = request.options.model_copy(update=options)
        return request.model_copy(update=update) if update else request

    def phrases(self) -> tuple[tuple[PhraseKind, str], ...]:
        """The profile's extra harmful wording: banned phrases count as stock phrases, pressure as pressure."""
        return (*(("stock", p) for p in self.banned_phrases), *(("pressure", p) for p in self.pressure_phrases))


class Profiles(Mapping[str, Profile]):
    """The profiles one process knows, by name, and the default one (if any)."""

    def __init__(self, profiles: Mapping[str, Profile], default: str | None = None) -> None:
        self._profiles = dict(profiles)
        if default is not None and default not in self._profiles:
            raise ProfileError(
                f"TACTFUL_DEFAULT_PROFILE names {default!r}, which is not a profile (known: {self.known()})"
            )
        self.default = default

    def __getitem__(self, name: str) -> Profile:
        return self._profiles[name]

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._profiles))

    def __len__(self) -> int:
        return len(self._profiles)

    def known(self) -> str:
        return ", ".join(sorted(self._profiles)) or "none"

    def resolve(self, asked: str | None, key_profile: str | None = None) -> Profile | None:
        """The profile of a request: the one it asks for, else its key's, else the default; ``None`` for none.
        An unknown name raises :class:`KeyError` (the API answers 422)."""
        name = asked or key_profile or self.default
        if name is None:
            return None
        return self._profiles[name]


def _load_one(path: Path) -> Profile:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ProfileError(f"{path}: cannot read profile file: {exc}") from exc
    if not isinstance(raw, dict):
        raise ProfileError(f"{path}: a profile file must be a mapping")
    try:
        profile = Profile.model_validate(raw)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'file'}: {e['msg']}" for e in exc.errors(include_url=False)
        )
        raise ProfileError(f"{path}: invalid profile: {problems}") from None
    if profile.name != path.stem:
        raise ProfileError(f"{path}: name {profile.name!r} must equal the file name {path.stem!r}")
    return profile


def load_profiles(directory: Path | None, default: str | None = None) -> Profiles:
    """Every ``*.yaml`` profile in ``directory`` (default: the packaged set); fail on any invalid one."""
    directory = directory or DEFAULT_PROFILES_DIR
    if not directory.is_dir():
        raise ProfileError(f"profiles directory {directory} does not exist")
    profiles = {}
    for path in sorted(directory.glob("*.yaml")):
        profile = _load_one(path)
        profiles[profile.name] = profile
    return Profiles(profiles, default)
