"""Masking personal data, Chinese and English formats; figures that are not personal stay."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service.feedback import redact
from service.feedback._redact import luhn_ok


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("我的手机13812345678，谢谢", "我的手机[phone]，谢谢"),
        ("电话 +86 138 1234 5678", "电话 [phone]"),
        ("座机010-12345678转3", "座机[phone]转3"),
        ("Call (555) 123-4567 today", "Call [phone] today"),
        ("or +44 20 7946 0958.", "or [phone]."),
        ("mail li.ming+tag@example.com.cn now", "mail [email] now"),
        ("卡号6222 0212 3456 7890 128没到账", "卡号[card]没到账"),
        ("card 4111-1111-1111-1111 declined", "card [card] declined"),
        ("身份证号11010519900307123X", "身份证号[id]"),
        ("SSN 123-45-6789", "SSN [id]"),
        ("护照E12345678", "护照[id]"),
    ],
)
def test_personal_data_is_masked(text: str, masked: str) -> None:
    assert redact(text) == masked


@pytest.mark.parametrize(
    "text",
    [
        "退款审核通过后1-3个工作日原路退回",
        "财务24小时内回复，下午6点前",
        "订单 2024-03-15 18:00 金额¥1,299.00",
        "updates every 6 hours; credit of $25.50 for 48 hours",
        "tracking 1Z999AA10123456784",
        "order #20241115123456789",
    ],
)
def test_figures_that_are_not_personal_stay(text: str) -> None:
    assert redact(text) == text


def test_luhn() -> None:
    assert luhn_ok("4111111111111111") and not luhn_ok("4111111111111112")


@given(st.text())
@settings(max_examples=400, deadline=None)
def test_masking_never_raises_and_is_idempotent(text: str) -> None:
    once = redact(text)
    assert redact(once) == once


@given(
    user=st.from_regex(r"[a-z][a-z0-9._]{0,10}", fullmatch=True),
    host=st.from_regex(r"[a-z]{2,8}", fullmatch=True),
    mobile=st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True),
    around=st.sampled_from(["", "客户说：", "Contact ", "（", " "]),
)
@settings(max_examples=200, deadline=None)
def test_generated_emails_and_mobiles_never_survive(user: str, host: str, mobile: str, around: str) -> None:
    text = f"{around}{user}@{host}.com，{around}{mobile}。"
    out = redact(text)
    assert f"{user}@{host}.com" not in out and mobile not in out
