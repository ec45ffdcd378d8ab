"""Two scenarios (a Chinese refund chase, an English outage) and plausible model answers for each step.

The inputs are what the browser tests type; the answers are what the fake OpenAI server returns for
each ``response_format.json_schema.name``. Both are written so the chain's checks pass on them.
"""

from __future__ import annotations

from typing import Any

ZH_SCENARIO: dict[str, Any] = {
    "customer_message": "我上周三申请的退款到现在都没到账，打了两次电话都说在处理，你们到底管不管？",
    "draft": "您好，退款正在处理中，请耐心等待。",
    "policy": ["退款审核通过后1-3个工作日原路退回", "客服可提交加急工单，财务24小时内回复"],
    "channel": "chat",
    "customer": {"name": "李先生"},
}

EN_SCENARIO: dict[str, Any] = {
    "customer_message": "Third day without internet. I work from home and I've already lost two days "
    "of work. Your app just says 'we're aware'.",
    "draft": "We are aware of the outage in your area. Engineers are working on it.",
    "policy": [
        "Area outages: engineers post updates on the status page every 6 hours",
        "Customers affected for over 48 hours may request a bill credit for the days lost",
    ],
    "channel": "email",
    "customer": {"name": "Jordan"},
    "agent": {"signature": "Priya, Customer Care"},
}

CANNED: dict[str, dict[str, Any]] = {
    "zh": {
        "read": {"emotion": "frustration", "intensity": 4, "evidence": "C2", "situation": ["C1", "C2"], "best": "P2"},
        "compose": {
            "reply": "李先生您好，上周三申请的退款到现在还没到账，两次来电也都只听到“在处理”，换作是谁都会着急。"
            "退款目前正在处理中。我现在就为您提交加急工单，财务24小时内回复；审核通过后，退款1-3个工作日原路退回。"
            "财务一回复，我就把结果告诉您。"
        },
        "revise": {"reply": "李先生您好，退款目前正在处理中。我现在就为您提交加急工单，财务24小时内回复。"},
    },
    "en": {
        "read": {"emotion": "frustration", "intensity": 4, "evidence": "C2", "situation": ["C1", "C2"], "best": "P2"},
        "compose": {
            "reply": "Dear Jordan,\n\nA third day without internet, when you work from home and have already lost two "
            "days of work, is exhausting.\n\nWe are aware of the outage in your area, and engineers are working on it. "
            "As you have been affected for over 48 hours, you may request a bill credit for the days lost, and I can "
            "set that up with you. Engineers post updates on the status page every 6 hours.\n\n"
            "I'll let you know as soon as there's news.\n\nBest regards,\nPriya, Customer Care"
        },
        "revise": {
            "reply": "Dear Jordan,\n\nWe are aware of the outage in your area.\n\nBest regards,\nPriya, Customer Care"
        },
    },
}
