"""The whole chain with queued fake model outputs."""

from __future__ import annotations

import asyncio
from typing import Any

from service.chain import ChainDeps, rewrite
from service.engine import build_deps
from service.errors import ModelTimeout, ModelUnavailable
from service.llm import FakeGenerator, GenerateRequest, GenerateResult
from service.schemas import AGENT_COMMITMENT, ChainEvent, RewriteRequest
from service.settings import Settings
from tests.chain.conftest import ZH_OUTPUTS, ZH_REQUEST


async def test_full_rewrite_in_chinese(zh_deps: ChainDeps, zh_fake: FakeGenerator) -> None:
    events: list[ChainEvent] = []

    async def emit(e: ChainEvent) -> None:
        events.append(e)

    resp = await rewrite(ZH_REQUEST, zh_deps, emit=emit)

    assert not resp.degraded
    assert resp.locale == "zh"
    assert resp.reply == ZH_OUTPUTS["compose"][0]["reply"]
    assert resp.emotion is not None and resp.emotion.label == "frustration"
    # the evidence that is not a quote from the message was dropped, and said so
    assert resp.emotion.evidence == ["打了两次电话都说在处理"]
    assert any("evidence" in w for w in resp.warnings)
    assert resp.empathy is not None and "两次电话" in resp.empathy.text
    assert [s.source for s in resp.plan] == [ZH_REQUEST.policy[1], ZH_REQUEST.policy[0]]
    assert {c.name for c in resp.checks} >= {"no_platitudes", "empathy_specific", "no_unsupported_claims"}
    prompts = [t.prompt for t in resp.trace]
    assert sorted(prompts) == ["analyse@1", "compose@1", "empathy@1", "plan@1"]
    assert prompts.index("analyse@1") < prompts.index("empathy@1") < prompts.index("compose@1")
    assert resp.usage.model_calls == 4 and resp.usage.total_tokens > 0
    types = [e.type for e in events]
    assert types[-1] == "done" and types[-2] == "checks"
    assert types.index("emotion") < types.index("empathy") < types.index("reply")
    assert types.index("plan") < types.index("reply")
    assert events[-1].data["reply"] == resp.reply
    # customer text is fenced as data in every prompt that carries it
    analyse_call = zh_fake.calls_for("analysis")[0]
    assert (
        f"<customer_message>\n{ZH_REQUEST.customer_message}\n</customer_message>"
        in analyse_call.messages[-1]["content"]
    )


async def test_plan_runs_concurrently_with_analysis(settings: Settings) -> None:
    """The analysis call waits until the plan call has started: a sequential chain would hang."""
    plan_started = asyncio.Event()
    fake = FakeGenerator({k: list(v) for k, v in ZH_OUTPUTS.items()})

    async def generate(request: GenerateRequest) -> GenerateResult:
        if request.schema_name == "plan":
            plan_started.set()
        if request.schema_name == "analysis":
            await asyncio.wait_for(plan_started.wait(), timeout=2)
        return await fake(request)

    resp = await rewrite(ZH_REQUEST, build_deps(settings, generate))
    assert not resp.degraded
    assert plan_started.is_set()


async def test_compose_failure_returns_the_draft_degraded(settings: Settings) -> None:
    outputs: dict[str, list[Any]] = {k: list(v) for k, v in ZH_OUTPUTS.items()}
    outputs["compose"] = [ModelUnavailable("connection refused", model="m", status=503, attempts=3)]
    resp = await rewrite(ZH_REQUEST, build_deps(settings, FakeGenerator(outputs)))
    assert resp.degraded
    assert resp.reply == ZH_REQUEST.draft
    assert resp.emotion is not None and resp.plan  # what did succeed is kept
    assert "degraded" in resp.warnings[0]
    assert any("compose step failed" in w for w in resp.warnings)
    failed = [t for t in resp.trace if not t.ok]
    assert failed[0].step == "compose" and failed[0].attempts == 3


async def test_analysis_failure_skips_dependent_steps(settings: Settings) -> None:
    outputs: dict[str, list[Any]] = {k: list(v) for k, v in ZH_OUTPUTS.items()}
    outputs["analysis"] = [ModelTimeout("timed out", model="m")]
    fake = FakeGenerator(outputs)
    resp = await rewrite(ZH_REQUEST, build_deps(settings, fake))
    assert resp.degraded and resp.reply == ZH_REQUEST.draft
    assert resp.emotion is None
    assert fake.calls_for("empathy") == [] and fake.calls_for("compose") == []


async def test_invalid_output_is_asked_again_once(settings: Settings) -> None:
    outputs: dict[str, list[Any]] = {k: list(v) for k, v in ZH_OUTPUTS.items()}
    outputs["analysis"] = ['{"emotion": "furious"}', *outputs["analysis"]]
    fake = FakeGenerator(outputs)
    resp = await rewrite(ZH_REQUEST, build_deps(settings, fake))
    assert not resp.degraded
    retry = fake.calls_for("analysis")[1]
    assert "invalid" in retry.messages[-1]["content"]
    assert next(t for t in resp.trace if t.step == "analyse").attempts == 2


async def test_invalid_output_twice_degrades(settings: Settings) -> None:
    outputs: dict[str, list[Any]] = {k: list(v) for k, v in ZH_OUTPUTS.items()}
    outputs["plan"] = ["not json", '{"steps": []}']
    resp = await rewrite(ZH_REQUEST, build_deps(settings, FakeGenerator(outputs)))
    assert resp.degraded and resp.reply == ZH_REQUEST.draft
    assert any("InvalidModelOutput" in w for w in resp.warnings)


async def test_chain_timeout_returns_the_draft(tmp_path: Any) -> None:
    settings = Settings(model="openai/m", home=tmp_path, chain_timeout_s=0.2)
    fake = FakeGenerator({k: list(v) for k, v in ZH_OUTPUTS.items()})

    async def slow(request: GenerateRequest) -> GenerateResult:
        await asyncio.sleep(5)
        return await fake(request)

    resp = await rewrite(ZH_REQUEST, build_deps(settings, slow))
    assert resp.degraded and resp.reply == ZH_REQUEST.draft
    assert any("longer than" in w for w in resp.warnings)


async def test_plan_step_with_figures_its_source_lacks_becomes_a_commitment(settings: Settings) -> None:
    outputs: dict[str, list[Any]] = {k: list(v) for k, v in ZH_OUTPUTS.items()}
    outputs["plan"] = [
        {
            "steps": [
                {
                    "action": "给您回电说明进度",
                    "measure": "您接到我的电话",
                    "deadline": "2小时内",
                    "owner": "agent",
                    "source": "P1",
                },
                {
                    "action": "为您补偿50元优惠券",
                    "measure": "优惠券到账",
                    "deadline": "今天",
                    "owner": "agent",
                    "source": "agent_commitment",
                },
            ]
        }
    ]
    resp = await rewrite(ZH_REQUEST, build_deps(settings, FakeGenerator(outputs)))
    assert resp.plan[0].source == AGENT_COMMITMENT
    assert any("agent commitment" in w for w in resp.warnings)
    # compensation no policy fact grants is never proposed, not even for the agent to confirm
    assert len(resp.plan) == 1 and any("dropped '为您补偿50元优惠券'" in w for w in resp.warnings)


async def test_plan_source_enum_is_bound_to_the_request_policy(
    zh_deps: ChainDeps, zh_fake: FakeGenerator
) -> None:
    await rewrite(ZH_REQUEST, zh_deps)
    schema = zh_fake.calls_for("plan")[0].schema
    assert schema["$defs"]["StepOut"]["properties"]["source"]["enum"] == ["P1", "P2", AGENT_COMMITMENT]


async def test_english_request_detects_english(settings: Settings) -> None:
    req = RewriteRequest(
        customer_message="I was charged twice for my March invoice and nobody answers my emails.",
        draft="Refunds take time.",
        policy=["Duplicate charges are refunded within 5 business days of confirmation"],
    )
    fake = FakeGenerator(
        {
            "analysis": [
                {
                    "emotion": "frustration",
                    "intensity": 3,
                    "evidence": ["charged twice"],
                    "details": ["charged twice for the March invoice", "emails unanswered"],
                    "need": "get the duplicate charge back",
                }
            ],
            "empathy": [
                {
                    "text": "Being charged twice for your March invoice and then getting no answer is maddening.",
                    "details": ["charged twice for the March invoice"],
                }
            ],
            "plan": [
                {
                    "steps": [
                        {
                            "action": "Confirm the duplicate charge and start the refund",
                            "measure": "You get a confirmation email",
                            "deadline": "within 5 business days of confirmation",
                            "owner": "agent",
                            "source": "P1",
                        }
                    ]
                }
            ],
            "compose": [
                {
                    "reply": "Being charged twice for your March invoice and then getting no answer is maddening. "
                    "Refunds take time, so I am confirming the duplicate charge now; once confirmed, the money "
                    "comes back within 5 business days, and you will get a confirmation email from me."
                }
            ],
        }
    )
    resp = await rewrite(req, build_deps(settings, fake))
    assert resp.locale == "en" and not resp.degraded
    assert "English" in fake.calls_for("compose")[0].messages[-1]["content"]
