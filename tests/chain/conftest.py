"""Requests and queued read-step answers for chain tests, in both languages."""

from __future__ import annotations

from typing import Any

import pytest

from service.llm import FakeGenerator
from service.schemas import RewriteRequest
from service.settings import Settings

ZH_REQUEST = RewriteRequest(
    customer_message="我4月2号退的货，仓库4月5号就签收了，到现在钱还没退回来。前后打了两次电话，每次都说在处理，到底要等到什么时候？",
    draft="您好，退款正在处理，财务审核后会原路退回，请耐心等待，给您带来不便敬请谅解。",
    policy=[
        "仓库签收退货后，财务在3个工作日内完成审核。",
        "超过时效未到账的，客服可提交加急工单，财务在24小时内回复处理结果。",
    ],
    customer={"name": "李先生"},
    agent={"signature": "客服小周"},
)
ZH_READ: dict[str, Any] = {
    "emotion": "frustration",
    "intensity": 4,
    "evidence": "C6",
    "situation": ["C2", "C3", "C4"],
    "best": "P2",
}

EN_REQUEST = RewriteRequest(
    customer_message="I returned the headphones on 10 March and your own tracking shows you received them on the "
    "12th. It's been over two weeks and no refund. I've emailed twice and got the same reply both times.",
    draft="Hi, your refund for order #A55120 is being processed. Refunds can take some time. Thanks for your patience.",
    policy=[
        "Returns are inspected within 5 working days of arrival at the warehouse.",
        "Agents can escalate an overdue refund to the payments team, who reply within 1 working day.",
    ],
    channel="email",
    customer={"name": "Ms Patel"},
    agent={"signature": "Sam, Customer Care"},
)
EN_READ: dict[str, Any] = {
    "emotion": "frustration",
    "intensity": 4,
    "evidence": "C3",
    "situation": ["C2", "C3"],
    "best": "P2",
}


@pytest.fixture
def settings(tmp_path: Any) -> Settings:
    return Settings(model="openai/fake", home=tmp_path, chain_mode="fast")


@pytest.fixture
def full_settings(tmp_path: Any) -> Settings:
    return Settings(model="openai/fake", home=tmp_path, chain_mode="full")


def read_fake(*answers: Any) -> FakeGenerator:
    return FakeGenerator({"read": list(answers)})


# The API tests' request (tests/api/conftest.py::zh_body) on the full shape (a hosted model name).
API_ZH_READ: dict[str, Any] = {
    "emotion": "frustration",
    "intensity": 4,
    "evidence": "C2",
    "situation": ["C1", "C2"],
    "best": "P2",
}
ZH_OUTPUTS: dict[str, list[Any]] = {
    "read": [API_ZH_READ],
    "compose": [
        {
            "reply": "您好，上周三申请的退款一直没到账，电话也打了两次，换作是谁都会着急。退款正在处理中。"
            "我现在就为您提交加急工单，财务24小时内回复；审核通过后，退款1-3个工作日原路退回。有结果我第一时间告诉您。"
        }
    ],
}
