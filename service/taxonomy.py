"""The customer-care emotion taxonomy Tactful detects.

Each label comes with what it looks like and the opening that tends to work,
in both languages. The labels are the ``emotion.label`` values of the API.
"""

from __future__ import annotations

from typing import Literal, get_args

EmotionLabel = Literal[
    "anger",
    "frustration",
    "anxiety",
    "disappointment",
    "confusion",
    "helplessness",
    "distrust",
    "urgency",
    "satisfaction",
    "neutral",
]

EMOTION_LABELS: tuple[str, ...] = get_args(EmotionLabel)

DESCRIPTIONS: dict[str, str] = {
    "anger": "hostile, blaming, threatens to complain or leave / 愤怒、指责、威胁投诉",
    "frustration": "worn down by waiting, repeating, being passed around / 反复沟通无果、被推来推去的烦躁",
    "anxiety": "worried about money, credit, data, safety; includes fear / 担心钱、征信、信息泄露",
    "disappointment": "expected better from the brand / 期望落空、失望",
    "confusion": "does not understand a bill, process or rule / 看不懂账单、流程或规则",
    "helplessness": "cannot cope alone: elderly, locked out, stuck / 无助、不会操作、被锁",
    "distrust": "doubts what the company says / 不再相信承诺",
    "urgency": "needs it by a near, concrete time / 时间紧迫、明天就要",
    "satisfaction": "content or grateful, maybe one small point / 满意或感谢",
    "neutral": "plain question, no marked feeling / 平静的咨询",
}

assert set(DESCRIPTIONS) == set(EMOTION_LABELS)
