"""Request examples shown in the OpenAPI docs (one Chinese, one English)."""

from __future__ import annotations

from typing import Any

REWRITE_EXAMPLES: dict[str, dict[str, Any]] = {
    "zh_refund": {
        "summary": "中文：退款两次催问仍未到账",
        "value": {
            "customer_message": "我上周三申请的退款到现在都没到账，打了两次电话都说在处理，你们到底管不管？",
            "draft": "您好，退款正在处理中，请耐心等待。",
            "policy": [
                "退款审核通过后1-3个工作日原路退回",
                "客服可提交加急工单，财务24小时内回复",
            ],
            "channel": "chat",
            "customer": {"name": "李先生"},
            "agent": {"name": "小周", "signature": "客服小周"},
        },
    },
    "en_outage": {
        "summary": "English: home internet outage",
        "value": {
            "customer_message": "Third day without internet. I work from home and I've already lost two days "
            "of work. Your app just says 'we're aware'.",
            "draft": "We are aware of the outage in your area. Engineers are working on it.",
            "policy": [
                "Area outages: engineers post updates on the status page every 6 hours",
                "Customers affected for over 48 hours may request a bill credit for the days lost",
            ],
            "channel": "email",
            "locale": "en",
            "customer": {"name": "Jordan"},
            "agent": {"name": "Priya", "signature": "Priya, Customer Care"},
        },
    },
}
