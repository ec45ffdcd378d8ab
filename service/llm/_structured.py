"""Ask for JSON matching a pydantic model, validate it, re-ask once if it is invalid."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from service.errors import InvalidModelOutput
from service.llm._types import GenerateRequest, GenerateResult, Generator

M = TypeVar("M", bound=BaseModel)


def schema_for(model: type[BaseModel]) -> dict[str, Any]:
    """JSON schema of ``model`` without titles (shorter grammars, fewer tokens)."""

    def strip(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: strip(v) for k, v in node.items() if k not in ("title", "description")}
        if isinstance(node, list):
            return [strip(v) for v in node]
        return node

    schema: dict[str, Any] = strip(model.model_json_schema())
    return schema


def extract_json(text: str) -> str:
    """The JSON object in ``text``: tolerate code fences and chatter around it."""
    s = text.strip()
    if s.startswith("```"):
        s = s.strip("`")
        s = s[4:] if s.lower().startswith("json") else s
    start, end = s.find("{"), s.rfind("}")
    return s[start : end + 1] if start != -1 and end > start else s


@dataclass
class Structured(Generic[M]):
    value: M
    results: list[GenerateResult] = field(default_factory=list)

    @property
    def attempts(self) -> int:
        return sum(r.attempts for r in self.results)


def _problems(exc: ValidationError) -> str:
    return "; ".join(
        f"{'.'.join(str(p) for p in e['loc']) or 'object'}: {e['msg']}" for e in exc.errors()[:5]
    )


async def generate_structured(
    generate: Generator, request: GenerateRequest, output: type[M], *, reasks: int = 1
) -> Structured[M]:
    """Call ``generate`` and parse its text as ``output``; re-ask ``reasks`` times on invalid output."""
    results: list[GenerateResult] = []
    messages = list(request.messages)
    for attempt in range(reasks + 1):
        result = await generate(replace(request, messages=messages))
        results.append(result)
        try:
            value = output.model_validate_json(extract_json(result.text))
            return Structured(value=value, results=results)
        except ValidationError as exc:
            problems = _problems(exc)
        if attempt < reasks:
            messages = [
                *request.messages,
                {"role": "assistant", "content": result.text[:2000]},
                {
                    "role": "user",
                    "content": f"That answer is invalid: {problems}. "
                    "Answer again with one JSON object that follows the schema exactly.",
                },
            ]
    raise InvalidModelOutput(
        f"invalid output for {request.schema_name}: {problems}",
        model=request.target.display,
        body=results[-1].text,
        attempts=sum(r.attempts for r in results),
    )
