"""The phrasing layer on REVIEW.md's two pairs and on the shapes of every channel."""

from __future__ import annotations

import re

import pytest

from service.phrasing import Reading, realise, request_seed
from service.schemas import RewriteRequest
from service.verify import harmful_phrases, verify_reply

ZH = RewriteRequest(
    draft="请您务必于本月25日前还清欠款2,450元，否则将按合同收取滞纳金并上报征信。",
    customer_message="我这个月刚被裁员，真的一下子拿不出两千多……能不能宽限几天？",
    policy=["可申请延期还款最长15天，需在到期日前提交。", "可申请分3期偿还，无额外手续费。"],
)
ZH_READING = Reading(
    emotion="anxiety", intensity=3, picked=("我这个月刚被裁员，", "真的一下子拿不出两千多……"), best="P1"
)

EN = RewriteRequest(
    draft="As previously stated, your router was tested and no fault was found. Please restart it.",
    customer_message="Third evening this week my internet drops during my night classes. I've restarted it five times.",
    policy=[
        "Engineers can run a line test remotely within 2 hours.",
        "A home visit can be booked for the next available day.",
    ],
)
EN_READING = Reading(
    emotion="frustration",
    intensity=4,
    picked=("Third evening this week my internet drops during my night classes.", "I've restarted it five times."),
    best="P1",
)


def _realise(request: RewriteRequest, reading: Reading):  # type: ignore[no-untyped-def]
    return realise(
        request,
        request.locale or ("zh" if re.search(r"[\u4e00-\u9fff]", request.customer_message) else "en"),
        reading,
        seed=request_seed(request),
    )


def test_review_pair_chinese_buffered_reminder() -> None:
    out = _realise(ZH, ZH_READING)
    reply = out.reply
    assert "务必" not in reply and "否则" not in reply
    assert "2,450元" in reply and "25日" in reply
    assert reply.index("延期还款") < reply.index("滞纳金"), "the consequence comes after the help"
    assert "我这个月" not in reply, "the customer's words are not copied back"
    checks = {c.name: c for c in verify_reply(ZH, "zh", reply, out.empathy, out.plan)}
    assert all(
        checks[n].passed
        for n in (
            "draft_harm_removed",
            "empathy_voice",
            "seams",
            "draft_facts_kept",
            "no_unsupported_claims",
            "language_match",
            "injection_clean",
        )
    )


def test_review_pair_english_line_test() -> None:
    out = _realise(EN, EN_READING)
    reply = out.reply
    assert "As previously stated" not in reply
    assert "no fault was found" in reply
    assert reply.startswith(
        "Third evening this week your internet drops during your night classes, and you've restarted it"
    )
    assert "line test remotely within 2 hours" in reply
    assert not harmful_phrases(reply, "en")
    checks = verify_reply(EN, "en", reply, out.empathy, out.plan)
    assert [c.name for c in checks if not c.passed and c.name != "plan_complete"] == []


@pytest.mark.parametrize("channel", ["chat", "email", "sms", "phone"])
def test_every_channel_gives_clean_text(channel: str) -> None:
    request = RewriteRequest.model_validate(
        {**EN.model_dump(), "channel": channel, "customer": {"name": "Ms Reyes"}, "agent": {"signature": "Lee"}}
    )
    reply = _realise(request, EN_READING).reply
    checks = {c.name: c for c in verify_reply(request, "en", reply, None, [])}
    assert checks["seams"].passed, checks["seams"].detail
    assert checks["identity_given"].passed
    if channel == "email":
        assert reply.startswith("Dear Ms Reyes,\n\n") and reply.endswith("Best regards,\nLee")
    if channel == "sms":
        assert len(reply) <= 300


def test_a_bad_summary_is_replaced_by_the_customer_s_specifics_with_a_warning() -> None:
    reading = Reading(emotion="anxiety", intensity=3, picked=("能不能宽限几天？",), best="P1")
    out = _realise(ZH, reading)
    assert "顾客" not in out.reply
    assert out.reply.startswith("您好，您这个月刚被裁员")
    assert any("used the customer's most specific ones" in w for w in out.warnings)


def test_nothing_is_invented_for_a_fact_without_a_time() -> None:
    request = EN.model_copy(update={"policy": ["Engineers can run a line test remotely."]})
    out = _realise(request, EN_READING)
    assert out.plan[0].deadline == ""
    assert not re.search(r"\b(?:today|now|asap|within)\b", out.plan[0].action, re.I)
