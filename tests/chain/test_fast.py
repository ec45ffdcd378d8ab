"""The fast shape: (listen || plan || soften) -> deterministic assembly -> verify."""

from __future__ import annotations

import asyncio
from typing import Any

from service.chain import rewrite
from service.engine import Endpoint, build_deps
from service.errors import ModelUnavailable
from service.llm import FakeGenerator, GenerateRequest, GenerateResult
from service.schemas import RewriteRequest
from service.settings import Settings
from tests.chain.conftest import ZH_OUTPUTS, ZH_REQUEST

LISTEN = {
    "emotion": "frustration",
    "intensity": 4,
    "evidence": ["打了两次电话都说在处理"],
    "details": ["上周三申请的退款没到账", "打了两次电话"],
    "need": "知道退款什么时候到账",
    "empathy": "从上周三等到现在，打了两次电话都只听到在处理，换作是我也会着急。",
}


def fast_settings(tmp_path: Any) -> Settings:
    return Settings(model="openai/m", home=tmp_path, chain_mode="fast")


def fast_fake(**over: list[Any]) -> FakeGenerator:
    queues: dict[str, list[Any]] = {
        "listen": [LISTEN],
        "plan": list(ZH_OUTPUTS["plan"]),
        "soften": [{"text": "您的退款目前正在处理中。"}],
    }
    queues.update(over)
    return FakeGenerator(queues)


async def test_fast_shape_makes_one_round_of_calls(tmp_path: Any) -> None:
    fake = fast_fake()
    resp = await rewrite(ZH_REQUEST, build_deps(fast_settings(tmp_path), fake))
    assert not resp.degraded
    assert sorted(c.schema_name for c in fake.calls) == ["listen", "plan", "soften"]
    assert resp.reply.startswith("李先生您好，从上周三等到现在")
    assert "您的退款目前正在处理中。" in resp.reply
    assert "接下来的安排：\n1. 为您提交加急工单" in resp.reply and "（24小时内）" in resp.reply
    assert "请耐心等待" not in resp.reply
    assert resp.empathy is not None and resp.empathy.details
    assert all(c.passed for c in resp.checks), [c for c in resp.checks if not c.passed]


async def test_fast_calls_really_overlap(tmp_path: Any) -> None:
    started: set[str] = set()
    all_started = asyncio.Event()
    fake = fast_fake()

    async def generate(request: GenerateRequest) -> GenerateResult:
        started.add(request.schema_name)
        if len(started) == 3:
            all_started.set()
        await asyncio.wait_for(all_started.wait(), timeout=2)
        return await fake(request)

    resp = await rewrite(ZH_REQUEST, build_deps(fast_settings(tmp_path), generate))
    assert not resp.degraded and started == {"listen", "plan", "soften"}


async def test_softened_text_that_loses_a_figure_falls_back_to_the_draft(tmp_path: Any) -> None:
    req = ZH_REQUEST.model_copy(update={"draft": "退款1280元已在3月5日提交，请耐心等待。"})
    fake = fast_fake(soften=[{"text": "您的退款已经提交。"}])
    resp = await rewrite(req, build_deps(fast_settings(tmp_path), fake))
    assert "1280元" in resp.reply and "3月5日" in resp.reply
    assert "请耐心等待" not in resp.reply
    assert any("lost a figure" in w for w in resp.warnings)


async def test_soften_failure_is_not_fatal(tmp_path: Any) -> None:
    fake = fast_fake(soften=[ModelUnavailable("down", model="m")])
    resp = await rewrite(ZH_REQUEST, build_deps(fast_settings(tmp_path), fake))
    assert not resp.degraded
    assert "退款正在处理中" in resp.reply


async def test_listen_failure_degrades_to_the_draft(tmp_path: Any) -> None:
    fake = fast_fake(listen=[ModelUnavailable("down", model="m")])
    resp = await rewrite(ZH_REQUEST, build_deps(fast_settings(tmp_path), fake))
    assert resp.degraded and resp.reply == ZH_REQUEST.draft


async def test_english_email_layout(tmp_path: Any) -> None:
    req = RewriteRequest(
        customer_message="Third day without internet and I work from home. Your app just says 'we're aware'.",
        draft="We are aware of the outage in your area. Please be patient.",
        policy=["Status page updates every 6 hours during an area outage"],
        channel="email",
        customer={"name": "Jordan"},
        agent={"signature": "Priya, Customer Care"},
    )
    fake = FakeGenerator(
        {
            "listen": [
                {
                    "emotion": "frustration",
                    "intensity": 4,
                    "evidence": ["Third day without internet"],
                    "details": ["third day without internet", "works from home"],
                    "need": "internet back",
                    "empathy": "Three days offline when you work from home means real lost work.",
                }
            ],
            "plan": [
                {
                    "steps": [
                        {
                            "action": "Send you each status update",
                            "measure": "An email from me with the latest status",
                            "deadline": "every 6 hours",
                            "owner": "agent",
                            "source": "P1",
                        }
                    ]
                }
            ],
            "soften": [{"text": "There is an outage in your area."}],
        }
    )
    resp = await rewrite(req, build_deps(fast_settings(tmp_path), fake))
    assert resp.reply.startswith("Dear Jordan,\n\nThree days offline")
    assert (
        "Here is what happens next:\n1. Send you each status update (every 6 hours) — an email from me"
        in resp.reply
    )
    assert resp.reply.endswith("Best regards,\nPriya, Customer Care")
    assert "patient" not in resp.reply.lower()


async def test_auto_mode_picks_fast_for_the_embedded_model(tmp_path: Any) -> None:
    settings = Settings(model="embedded", home=tmp_path)
    fake = fast_fake()
    resp = await rewrite(ZH_REQUEST, build_deps(settings, fake, Endpoint(url="http://127.0.0.1:1/v1", api_key="sk-x")))
    assert {c.schema_name for c in fake.calls} == {"listen", "plan", "soften"}
    assert resp.trace[0].model == "embedded"


async def test_warm_up_sends_each_prefix_once_with_a_one_token_answer(tmp_path: Any) -> None:
    from service.chain import FAST_PROMPTS, warm_up

    seen: list[GenerateRequest] = []

    async def generate(request: GenerateRequest) -> GenerateResult:
        seen.append(request)
        return GenerateResult(text="{", model="m")

    deps = build_deps(fast_settings(tmp_path), generate)
    await warm_up(deps, FAST_PROMPTS)
    assert sorted(r.prompt.split("@")[0] for r in seen) == ["listen", "plan", "soften"]
    assert all(r.max_tokens == 1 for r in seen)
    listen = next(r for r in seen if r.prompt.startswith("listen"))
    assert listen.messages[:-1] == deps.prompts["listen"].messages({"customer_message": "x", "history": "x",
                                                                     "language": "x"})[:-1]


async def test_empty_softened_text_keeps_the_drafts_content(tmp_path: Any) -> None:
    fake = fast_fake(soften=[{"text": ""}])
    resp = await rewrite(ZH_REQUEST, build_deps(fast_settings(tmp_path), fake))
    assert "退款正在处理中" in resp.reply and "请耐心等待" not in resp.reply


async def test_echoing_empathy_is_replaced_by_one_built_from_details(tmp_path: Any) -> None:
    echo = {**LISTEN, "empathy": "我上周三申请的退款到现在都没到账，打了两次电话都说在处理，你们到底管不管？"}
    resp = await rewrite(ZH_REQUEST, build_deps(fast_settings(tmp_path), fast_fake(listen=[echo])))
    assert resp.empathy is not None and "管不管" not in resp.empathy.text
    assert resp.empathy.text.startswith("上周三申请的退款没到账、打了两次电话")
    assert any("empathy:" in w for w in resp.warnings)


async def test_pressure_in_the_draft_is_dropped_even_when_soften_keeps_it(tmp_path: Any) -> None:
    req = ZH_REQUEST.model_copy(
        update={"draft": "您本期账单金额较高，请务必在到期日前全额还款，否则将影响您的信用记录。"}
    )
    fake = fast_fake(soften=[{"text": req.draft}])
    resp = await rewrite(req, build_deps(fast_settings(tmp_path), fake))
    assert "务必" not in resp.reply and "否则" not in resp.reply
    assert "您本期账单金额较高。" in resp.reply


async def test_emotion_is_published_while_the_analysis_still_streams(tmp_path: Any) -> None:
    from service.schemas import ChainEvent

    events: list[ChainEvent] = []

    async def emit(e: ChainEvent) -> None:
        events.append(e)

    resp = await rewrite(ZH_REQUEST, build_deps(fast_settings(tmp_path), fast_fake()), emit=emit)
    emotions = [e for e in events if e.type == "emotion"]
    assert emotions[0].data["partial"] is True
    assert emotions[0].data["emotion"] == {"label": "frustration", "intensity": 4, "evidence": []}
    assert "partial" not in emotions[-1].data and emotions[-1].data["emotion"]["evidence"]
    assert resp.emotion is not None and resp.emotion.label == "frustration"


async def test_a_failure_the_reply_cannot_fix_costs_no_revision_call(tmp_path: Any) -> None:
    vague = {"steps": [{**ZH_OUTPUTS["plan"][0]["steps"][0], "deadline": "尽快"}]}
    fake = fast_fake(plan=[vague])
    resp = await rewrite(ZH_REQUEST, build_deps(fast_settings(tmp_path), fake))
    assert [c.name for c in resp.checks if not c.passed] == ["plan_complete"]
    assert fake.calls_for("compose") == []  # no revision: rewriting the reply cannot fix the plan
    assert any("plan_complete" in w for w in resp.warnings)
