"""A brand profile changes the reply: greeting, signature, standing facts, and the wording it bans.

Each test runs the same request with and without the profile on the fake model, so the difference is
the profile's doing.
"""

from __future__ import annotations

from typing import Any

import pytest

from service.chain import rewrite
from service.engine import build_deps
from service.errors import InputError
from service.llm import FakeGenerator
from service.schemas import RewriteRequest, RewriteResponse
from service.settings import Settings
from service.verify import draft_harm_removed, extra_harm, identity_given
from tests.chain.conftest import EN_READ, EN_REQUEST, ZH_READ, ZH_REQUEST, read_fake

BANK_FACT = "如对处理结果有异议，客户可在7天内申请复核，复核结果在3个工作日内答复。"
RETAIL_FACT = "Customers can return any item free of charge within 30 days of delivery."


async def _both(settings: Settings, request: RewriteRequest, read: dict[str, Any], profile: str) -> tuple[
    RewriteResponse, RewriteResponse
]:
    plain = await rewrite(request, build_deps(settings, read_fake(read)))
    branded = await rewrite(request.model_copy(update={"profile": profile}), build_deps(settings, read_fake(read)))
    return plain, branded


async def test_the_bank_profile_greets_formally_signs_and_adds_its_standing_fact(settings: Settings) -> None:
    request = ZH_REQUEST.model_copy(update={"agent": None})
    plain, bank = await _both(settings, request, ZH_READ, "bank-zh")
    assert not plain.degraded and not bank.degraded
    assert plain.reply.startswith("李先生您好，") and bank.reply.startswith("尊敬的李先生，您好，")
    assert not plain.reply.endswith("星河银行信用卡中心") and bank.reply.endswith("\n星河银行信用卡中心")
    assert "7天内申请复核" in bank.reply and "7天内申请复核" not in plain.reply
    assert all(c.passed for c in bank.checks if c.hard), "the profile's signature is an identity it gave"
    assert (bank.trace[0].step, bank.trace[0].prompt) == ("profile", "bank-zh@1")
    assert bank.usage.model_calls == plain.usage.model_calls == 1
    assert "profile" not in [t.step for t in plain.trace]


async def test_the_bank_profile_drops_its_banned_and_pressure_phrases_from_the_draft(settings: Settings) -> None:
    request = ZH_REQUEST.model_copy(update={"draft": ZH_REQUEST.draft + "您赶紧还款，包您满意。"})
    plain, bank = await _both(settings, request, ZH_READ, "bank-zh")
    assert "包您满意" in plain.reply, "without the profile the phrase is not known to be banned"
    assert "赶紧还款" not in bank.reply and "包您满意" not in bank.reply
    assert "退款正在处理，财务审核后会原路退回。" in bank.reply, "the draft's information stays"
    assert next(c for c in bank.checks if c.name == "draft_harm_removed").passed


async def test_the_retail_profile_uses_its_channel_greeting_and_fact(settings: Settings) -> None:
    request = EN_REQUEST.model_copy(update={"channel": "chat", "agent": None})
    request = RewriteRequest.model_validate(request.model_dump(exclude_unset=True, exclude={"channel"}))
    request = request.model_copy(update={"draft": request.draft + " No worries, act now to keep your refund on track."})
    plain, retail = await _both(settings, request, EN_READ, "retail-en")
    assert not retail.degraded
    assert plain.reply.startswith("Hi Ms Patel,\n") and "\n\n" not in plain.reply, "chat by default"
    assert retail.reply.startswith("Hi Ms Patel,\n\n"), "email (the profile's channel), friendly greeting"
    assert retail.reply.endswith("Best regards,\nThe Brightcart Care Team")
    assert "return any item free of charge within 30 days" in retail.reply
    assert "No worries" in plain.reply and "act now" in plain.reply
    assert "No worries" not in retail.reply and "act now" not in retail.reply
    assert all(c.passed for c in retail.checks if c.hard)


async def test_a_model_reply_signed_by_the_profile_passes_the_identity_check(full_settings: Settings) -> None:
    signed = (
        "Dear Ms Patel,\n\nOver two weeks without your refund for order #A55120, after two emails, is too long. "
        "I'll escalate your overdue refund to the payments team, who reply within 1 working day.\n\nBest regards,\n"
        "The Brightcart Care Team"
    )

    def fake() -> FakeGenerator:
        return FakeGenerator({"read": [EN_READ], "compose": [{"reply": signed}], "revise": [{"reply": signed}]})

    request = EN_REQUEST.model_copy(update={"agent": None})
    plain = await rewrite(request, build_deps(full_settings, fake()))
    branded = await rewrite(request.model_copy(update={"profile": "retail-en"}), build_deps(full_settings, fake()))
    assert plain.reply != signed, "an identity nobody gave is never sent"
    assert any("identity_given" in w for w in plain.warnings) and "Brightcart" not in plain.reply
    assert next(c for c in branded.checks if c.name == "identity_given").passed
    assert branded.reply == signed and not branded.degraded


def test_banned_phrases_count_only_inside_their_rewrite() -> None:
    reply = "Your order ships today. No worries at all!"
    assert draft_harm_removed(reply, "en").passed
    with extra_harm([("stock", "no worries")]):
        check = draft_harm_removed(reply, "en")
    assert not check.passed and check.findings[0].text == "No worries"
    assert draft_harm_removed(reply, "en").passed
    request = EN_REQUEST.model_copy(update={"agent": None})
    assert identity_given(request, "Thanks.\n\nBest regards,\nThe Brightcart Care Team").passed is False


async def test_an_unknown_profile_is_an_input_error(settings: Settings) -> None:
    with pytest.raises(InputError, match=r"unknown profile 'nope'.*bank-zh, retail-en"):
        await rewrite(ZH_REQUEST.model_copy(update={"profile": "nope"}), build_deps(settings, read_fake(ZH_READ)))


async def test_the_default_profile_applies_when_the_request_names_none(settings: Settings) -> None:
    deps = build_deps(settings.model_copy(update={"default_profile": "bank-zh"}), read_fake(ZH_READ))
    resp = await rewrite(ZH_REQUEST, deps)
    assert resp.reply.startswith("尊敬的李先生，您好，") and resp.trace[0].prompt == "bank-zh@1"
