"""Prompt files load strictly: anything missing or inconsistent fails at start-up."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel

from service.chain import REQUIRED_PROMPTS
from service.errors import PromptError
from service.prompts import load_prompts


class Out(BaseModel):
    answer: str


GOOD = """\
name: demo
version: 2
max_tokens: 50
variables: [question]
system: |
  Answer briefly.
user: |
  <q>${question}</q>
examples:
  - input: {question: "2+2?"}
    output: {answer: "4"}
"""


def _write(tmp_path: Path, text: str, name: str = "demo") -> Path:
    (tmp_path / f"{name}.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def test_repository_prompts_load_and_validate_their_examples() -> None:
    prompts = load_prompts(None, REQUIRED_PROMPTS)
    assert set(prompts.versions()) == set(REQUIRED_PROMPTS)
    values = {"language": "English", "earlier": "(none)", "customer": "C1 hi", "policy": "(none)"}
    msgs = prompts["read"].messages(values)
    assert msgs[0]["role"] == "system" and msgs[-1]["role"] == "user"
    assert len(prompts["read"].examples) >= 8  # the small model needs worked examples, every label
    assert {ex.output["emotion"] for ex in prompts["read"].examples} >= {"frustration", "anxiety", "neutral", "anger"}
    langs = {ex.input["language"] for ex in prompts["read"].examples}
    assert langs == {"English", "Chinese"}
    assert prompts["read"].markers and prompts["compose"].markers


def test_read_examples_are_rendered_as_the_chain_renders_a_case() -> None:
    """The worked examples show exactly what the model sees for a real request (same clause numbering)."""
    import re

    from service.chain._case import numbered_customer
    from service.schemas import RewriteRequest

    for ex in load_prompts(None, REQUIRED_PROMPTS)["read"].examples:
        lines = [re.sub(r"^C\d+ ", "", line) for line in ex.input["customer"].splitlines()]
        message = ("" if ex.input["language"] == "Chinese" else " ").join(lines)
        request = RewriteRequest(customer_message=message, draft="x")
        assert numbered_customer(request).replace(" ", "") == ex.input["customer"].replace(" ", "")


def test_good_prompt_renders_static_parts_first(tmp_path: Path) -> None:
    p = load_prompts(_write(tmp_path, GOOD), {"demo": Out})["demo"]
    assert p.id == "demo@2"
    msgs = p.messages({"question": "3+3?"})
    assert [m["role"] for m in msgs] == ["system", "user", "assistant", "user"]
    assert msgs[-1]["content"] == "<q>3+3?</q>"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (GOOD.replace("variables: [question]", "variables: [question, extra]"), "declares"),
        (GOOD.replace("${question}", "${other}"), "declares"),
        (GOOD.replace("Answer briefly.", "Answer ${question}."), "static"),
        (GOOD.replace('output: {answer: "4"}', "output: {answer: 4, x: 1}"), "does not validate"),
        (GOOD.replace("version: 2", "version: zero"), "version"),
        (GOOD.replace("name: demo", "name: other"), "file name"),
        (GOOD.replace("max_tokens: 50\n", ""), "missing keys"),
        (GOOD + "colour: blue\n", "unknown keys"),
    ],
)
def test_invalid_prompt_files_fail(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(PromptError, match=message):
        load_prompts(_write(tmp_path, text), {"demo": Out})


def test_missing_file_fails(tmp_path: Path) -> None:
    with pytest.raises(PromptError, match="missing"):
        load_prompts(tmp_path, {"demo": Out})


def test_missing_value_at_render_fails(tmp_path: Path) -> None:
    p = load_prompts(_write(tmp_path, GOOD), {"demo": Out})["demo"]
    with pytest.raises(PromptError, match="missing values"):
        p.messages({})
