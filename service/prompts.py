"""Prompt files: versioned YAML under ``prompts/`` (shipped in the package), loaded and validated strictly at start-up.

A prompt file looks like::

    name: analyse              # must equal the file name
    version: 3                 # bump on every change; traces and recordings carry name@version
    max_tokens: 220
    temperature: 0.2           # optional
    variables: [customer_message, history, language]
    system: |                  # static text only: no variables, so the prefix cache serves it
      ...
    user: |                    # string.Template with ${variable}; every variable used, none extra
      <customer_message>${customer_message}</customer_message>
    examples:                  # worked examples, sent as user/assistant turns after the system text
      - input: {customer_message: ..., history: ..., language: zh}
        output: {...}          # validated against the step's output model at load time
    markers: [钟女士, ...]     # strings only the examples have (names, figures, places): never in a reply

A missing file, key or variable, an unknown variable or an example that does not
validate raises :class:`service.errors.PromptError`.
"""

from __future__ import annotations

import json
import string
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from service.errors import PromptError

DEFAULT_PROMPTS_DIR = Path(__file__).resolve().parent / "prompt_files"
"""The prompts shipped in the package. In the source tree ``service/prompt_files`` is a symlink to the
top-level ``prompts/`` (the one source); a built wheel carries the files themselves."""

_REQUIRED = ("name", "version", "max_tokens", "variables", "system", "user")
_ALLOWED = {*_REQUIRED, "temperature", "examples", "description", "markers"}


@dataclass(frozen=True)
class Example:
    input: dict[str, str]
    output: dict[str, Any]


@dataclass(frozen=True)
class Prompt:
    name: str
    version: int
    system: str
    user: str
    variables: tuple[str, ...]
    max_tokens: int
    temperature: float | None
    examples: tuple[Example, ...]
    markers: tuple[str, ...] = ()
    """Strings that exist only in the worked examples (names, signatures, figures, places): a reply that
    contains one copied the example (the final gate refuses it)."""

    @property
    def id(self) -> str:
        return f"{self.name}@{self.version}"

    def render_user(self, values: Mapping[str, str]) -> str:
        missing = set(self.variables) - set(values)
        if missing:
            raise PromptError(f"prompt {self.id}: missing values for {sorted(missing)}")
        return string.Template(self.user).substitute({k: values[k] for k in self.variables})

    def messages(self, values: Mapping[str, str]) -> list[dict[str, str]]:
        """System text, then the worked examples, then this request: static parts first."""
        msgs = [{"role": "system", "content": self.system}]
        for ex in self.examples:
            msgs.append({"role": "user", "content": self.render_user(ex.input)})
            msgs.append({"role": "assistant", "content": json.dumps(ex.output, ensure_ascii=False)})
        msgs.append({"role": "user", "content": self.render_user(values)})
        return msgs


def _load_one(path: Path, output: type[BaseModel] | None) -> Prompt:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise PromptError(f"{path}: cannot read prompt file: {exc}") from exc
    if not isinstance(raw, dict):
        raise PromptError(f"{path}: a prompt file must be a mapping")
    missing = [k for k in _REQUIRED if k not in raw]
    unknown = sorted(set(raw) - _ALLOWED)
    if missing or unknown:
        raise PromptError(f"{path}: missing keys {missing}, unknown keys {unknown}")
    if raw["name"] != path.stem:
        raise PromptError(f"{path}: name {raw['name']!r} must equal the file name {path.stem!r}")
    if not isinstance(raw["version"], int) or raw["version"] < 1:
        raise PromptError(f"{path}: version must be a positive integer")
    variables = tuple(raw["variables"] or ())
    used = set(string.Template(raw["user"]).get_identifiers())
    if not string.Template(raw["user"]).is_valid():
        raise PromptError(f"{path}: user template has an invalid $ placeholder (write $$ for $)")
    if used != set(variables):
        raise PromptError(f"{path}: user template uses {sorted(used)} but declares {sorted(variables)}")
    if string.Template(raw["system"]).get_identifiers():
        raise PromptError(f"{path}: the system text must be static (no ${{variables}})")
    examples: list[Example] = []
    for i, ex in enumerate(raw.get("examples") or []):
        if not isinstance(ex, dict) or set(ex) != {"input", "output"}:
            raise PromptError(f"{path}: example {i} needs exactly 'input' and 'output'")
        if set(ex["input"]) != set(variables):
            raise PromptError(f"{path}: example {i} input keys must be {sorted(variables)}")
        if output is not None:
            try:
                output.model_validate(ex["output"])
            except ValidationError as exc:
                raise PromptError(f"{path}: example {i} output does not validate: {exc}") from exc
        examples.append(Example(input={k: str(v) for k, v in ex["input"].items()}, output=ex["output"]))
    markers = tuple(str(m) for m in raw.get("markers") or ())
    blob = json.dumps([[ex.input, ex.output] for ex in examples], ensure_ascii=False)
    stray = [m for m in markers if m not in blob]
    if stray:
        raise PromptError(f"{path}: markers {stray} do not occur in the examples")
    return Prompt(
        name=raw["name"],
        version=raw["version"],
        system=raw["system"].strip(),
        user=raw["user"].strip(),
        variables=variables,
        max_tokens=int(raw["max_tokens"]),
        temperature=raw.get("temperature"),
        examples=tuple(examples),
        markers=markers,
    )


class PromptSet:
    """The prompts one process uses, keyed by name."""

    def __init__(self, prompts: Mapping[str, Prompt]) -> None:
        self._prompts = dict(prompts)

    def __getitem__(self, name: str) -> Prompt:
        try:
            return self._prompts[name]
        except KeyError:
            raise PromptError(f"prompt {name!r} is not loaded") from None

    def __contains__(self, name: object) -> bool:
        return name in self._prompts

    def names(self) -> list[str]:
        return sorted(self._prompts)

    def versions(self) -> dict[str, int]:
        return {name: p.version for name, p in sorted(self._prompts.items())}


def load_prompts(directory: Path | None, required: Mapping[str, type[BaseModel] | None]) -> PromptSet:
    """Load ``required`` prompt names from ``directory``; fail on anything missing or invalid."""
    directory = directory or DEFAULT_PROMPTS_DIR
    if not directory.is_dir():
        raise PromptError(f"prompts directory {directory} does not exist")
    prompts: dict[str, Prompt] = {}
    for name, output in required.items():
        path = directory / f"{name}.yaml"
        if not path.is_file():
            raise PromptError(f"prompt file {path} is missing")
        prompts[name] = _load_one(path, output)
    return PromptSet(prompts)
