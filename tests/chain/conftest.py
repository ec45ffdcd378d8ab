"""Queued fake model outputs for chain tests, in both languages."""

from __future__ import annotations

from typing import Any

import pytest

from service.chain import ChainDeps
from service.engine import build_deps
from service.llm import FakeGenerator
from service.schemas import RewriteRequest
from service.settings import Settings

ZH_REQUEST = RewriteRequest(
    customer_message="我上周三申请的退款到现在都没到账，打了两次电话都说在处理，你们到底管不管？",
    draft="您好，退款正在处理中，请耐心等待。",
    policy=["退款审核通过后1-3个工作日原路退回", "客服可提交加急工单，财务24小时内回复"],
    customer={"name": "李先生"},
)

ZH_OUTPUTS: dict[str, list[Any]] = {
    "analysis": [
        {
            "emotion": "frustration",
            "intensity": 4,
            "evidence": ["打了两次电话都说在处理", "这句不在原文里"],
            "details": ["上周三申请的退款没到账", "打了两次电话"],
            "need": "知道退款什么时候到账",
        }
    ],
    "empathy": [
        {
            "text": "您上周三申请的退款到现在还没到账，已经打了两次电话都只听到在处理，确实让人着急。",
            "details": ["上周三申请的退款没到账", "打了两次电话"],
        }
    ],
    "plan": [
        {
            "steps": [
                {
                    "action": "为您提交加急工单，请财务核查退款进度",
                    "measure": "财务回复后我把结果发给您",
                    "deadline": "24小时内",
                    "owner": "agent",
                    "source": "P2",
                },
                {
                    "action": "审核通过后原路退回",
                    "measure": "您在原支付账户看到退款",
                    "deadline": "审核通过后1-3个工作日",
                    "owner": "team",
                    "source": "P1",
                },
            ]
        }
    ],
    "compose": [
        {
            "reply": "李先生您好，您上周三申请的退款到现在还没到账，已经打了两次电话都只听到在处理，确实让人着急。"
            "退款目前正在处理中。我现在就为您提交加急工单，财务会在24小时内回复，我拿到结果马上告诉您；"
            "审核通过后款项会在1-3个工作日内原路退回。"
        }
    ],
}


@pytest.fixture
def settings(tmp_path: Any) -> Settings:
    return Settings(model="openai/test-model", api_base="http://127.0.0.1:9/v1", home=tmp_path)


@pytest.fixture
def zh_fake() -> FakeGenerator:
    return FakeGenerator({k: list(v) for k, v in ZH_OUTPUTS.items()})


@pytest.fixture
def zh_deps(settings: Settings, zh_fake: FakeGenerator) -> ChainDeps:
    return build_deps(settings, zh_fake)
