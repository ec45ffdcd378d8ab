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

_ZH_ANALYSIS = {
    "emotion": "frustration",
    "intensity": 4,
    "evidence": ["打了两次电话都说在处理"],
    "details": ["上周三申请的退款", "到现在都没到账", "打了两次电话"],
    "need": "确切知道退款什么时候到账",
}
_ZH_EMPATHY = "上周三就申请了退款，到现在还没到账，中间打了两次电话也只得到“在处理”的答复，换作是我也会着急。"

_EN_ANALYSIS = {
    "emotion": "frustration",
    "intensity": 4,
    "evidence": ["Third day without internet", "I've already lost two days of work"],
    "details": ["third day without internet", "works from home", "lost two days of work"],
    "need": "get the connection back and the lost days made good",
}
_EN_EMPATHY = (
    "This is your third day without internet, and working from home it has already cost you two days of work."
)

CANNED: dict[str, dict[str, Any]] = {
    "zh": {
        "analysis": _ZH_ANALYSIS,
        "listen": {**_ZH_ANALYSIS, "empathy": _ZH_EMPATHY},
        "empathy": {"text": _ZH_EMPATHY, "details": ["上周三申请的退款", "打了两次电话"]},
        "plan": {
            "steps": [
                {
                    "action": "为您提交加急工单，请财务核查这笔退款",
                    "measure": "财务回复后我把结果发给您",
                    "deadline": "24小时内",
                    "owner": "agent",
                    "source": "P2",
                },
                {
                    "action": "审核通过后款项原路退回",
                    "measure": "您在原支付账户看到退款",
                    "deadline": "审核通过后1-3个工作日",
                    "owner": "team",
                    "source": "P1",
                },
                {
                    "action": "明天上午主动给您回电说明进展",
                    "measure": "您接到我的电话",
                    "deadline": "明天中午前",
                    "owner": "agent",
                    "source": "agent_commitment",
                },
            ]
        },
        "compose": {
            "reply": "李先生您好，您上周三就申请了退款，到现在还没到账，"
            "中间打了两次电话也只得到“在处理”的答复，换作是我也会着急。"
            "退款目前正在处理中，我现在就为您提交加急工单，财务会在24小时内回复，我拿到结果马上告诉您；"
            "审核通过后，款项会在1-3个工作日内原路退回。"
        },
        "soften": {"text": "退款目前正在处理中。"},
    },
    "en": {
        "analysis": _EN_ANALYSIS,
        "listen": {**_EN_ANALYSIS, "empathy": _EN_EMPATHY},
        "empathy": {"text": _EN_EMPATHY, "details": ["third day without internet", "lost two days of work"]},
        "plan": {
            "steps": [
                {
                    "action": "Request a bill credit for the days you have been offline",
                    "measure": "You get my confirmation email with the credit",
                    "deadline": "today",
                    "owner": "agent",
                    "source": "P2",
                },
                {
                    "action": "Send you the engineers' status page update for your area",
                    "measure": "An email from me with each update",
                    "deadline": "every 6 hours until service is back",
                    "owner": "agent",
                    "source": "P1",
                },
            ]
        },
        "compose": {
            "reply": "Dear Jordan,\n\nThis is your third day without internet, and working from home "
            "it has already cost you two days of work. I understand why a line saying we're aware is not "
            "enough.\n\nThe outage in your area is confirmed and our engineers are working on it. "
            "Here is what I am doing:\n"
            "1. As you have been affected for over 48 hours, I am requesting a bill credit for the days lost "
            "today, and you will get my confirmation email.\n"
            "2. I will email you the engineers' status page update for your area every 6 hours until your "
            "service is back.\n\nBest regards,\nPriya, Customer Care"
        },
        "soften": {"text": "The outage in your area is confirmed and our engineers are working on it."},
    },
}
