"""Realistic cases from the domain, in both languages, shared by the verifier tests."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from service.schemas import AGENT_COMMITMENT, Empathy, Language, PlanStep, RewriteRequest, Turn


@dataclass
class Case:
    request: RewriteRequest
    language: Language
    empathy: Empathy
    plan: list[PlanStep]
    good_reply: str
    extra: dict[str, str] = field(default_factory=dict)


def _step(action: str, measure: str, deadline: str, source: str, owner: str = "agent") -> PlanStep:
    return PlanStep(action=action, measure=measure, deadline=deadline, owner=owner, source=source)


@pytest.fixture
def refund_zh() -> Case:
    """Refund applied for yesterday, not arrived, two contacts without an answer."""
    policy = ["退款审核通过后1-3个工作日原路退回", "客服可在当天18:00前回电告知处理进度"]
    empathy = Empathy(
        text="您昨天上午申请的退款到现在还没到账，前后联系了两次都没人答复，换作是我也会着急。",
        details=["昨天上午申请的退款还没到账", "联系了两次没人回复"],
    )
    plan = [
        _step("我现在就为您催办这笔退款", "回电告知预计到账时间", "今天18:00前", policy[1]),
        _step("退款原路退回", "银行卡到账", "1-3个工作日内", policy[0], owner="team"),
    ]
    reply = (
        empathy.text + "我现在就为您催办这笔退款，今天18:00前给您回电告知预计到账时间；"
        "审核通过后1-3个工作日会原路退回您的银行卡。"
    )
    request = RewriteRequest(
        draft="退款已提交，1-3个工作日到账，请耐心等待。",
        customer_message="我昨天上午10点申请的退款到现在还没到账，已经联系你们两次了都没人回复！到底怎么回事？",
        history=[
            Turn(role="customer", text="退款什么时候到？"),
            Turn(role="agent", text="已为您登记，请等待通知。"),
        ],
        policy=policy,
    )
    return Case(request, "zh", empathy, plan, reply)


@pytest.fixture
def refund_en() -> Case:
    policy = [
        "Approved refunds reach the original payment method within 1-3 working days.",
        "Agents may call the customer back the same day before 6pm.",
    ]
    empathy = Empathy(
        text="You asked for the $45.99 refund on order A7731 yesterday, it still hasn't arrived and "
        "your two messages went unanswered.",
        details=["refund requested yesterday has not arrived", "contacted twice with no answer"],
    )
    plan = [
        _step(
            "Chase the refund with finance", "I call you with the arrival date", "today before 6pm", policy[1]
        ),
        _step("Refund reaches your card", "it shows on your statement", "within 3 working days", policy[0]),
    ]
    reply = (
        empathy.text + " I am chasing finance about it right now and will call you today before 6pm with "
        "the arrival date. Approved refunds reach your card within 1-3 working days."
    )
    request = RewriteRequest(
        draft="Refund for order A7731 is being processed. It takes 1-3 working days.",
        customer_message="I asked for a refund of $45.99 for order #A7731 yesterday and it still hasn't "
        "arrived. I've contacted you twice already and nobody answered.",
        policy=policy,
        locale="en",
    )
    return Case(request, "en", empathy, plan, reply)


@pytest.fixture
def repayment_zh() -> Case:
    """Credit-card bill due soon; the customer cannot pay in full (buffered reminder)."""
    policy = [
        "最低还款额为账单金额的10%",
        "账单可申请分期，可选3期、6期或12期",
        "在到期还款日前还清最低还款额，不会产生逾期记录",
    ]
    empathy = Empathy(
        text="这个月12,800元的账单正好赶上您手头紧，又担心还不上会影响征信，这份压力我能体会。",
        details=["12800元账单还不上全额", "担心影响征信"],
    )
    plan = [
        _step(
            "把分期和最低还款两种方式的每期金额算给您", "短信发送金额明细", "今天17:00前", AGENT_COMMITMENT
        ),
        _step("您在还款日前还上最低还款额", "不产生逾期记录", "下周三前", policy[2], owner="customer"),
    ]
    reply = (
        empathy.text + "您可以先还最低还款额（账单的10%，即1280元），或者把账单分成3期、6期或12期；"
        "只要在下周三还款日前还清最低还款额，就不会产生逾期记录。我今天17:00前把每期金额发短信给您，您看哪种更合适？"
    )
    request = RewriteRequest(
        draft="您的账单12800元，下周三到期，最低还款1280元，也可以分期，请按时还款。",
        customer_message="这个月信用卡账单12,800元，下周三就到还款日了，我最近手头紧，实在还不上全额，会不会上征信？",
        policy=policy,
        channel="phone",
    )
    return Case(request, "zh", empathy, plan, reply)


@pytest.fixture
def broadband_en() -> Case:
    policy = [
        "Engineers can be booked for a home visit within 24 hours of a confirmed fault.",
        "Customers receive a service credit of one day's fee for each full day of outage.",
    ]
    empathy = Empathy(
        text="Your broadband has been down since 8am while you work from home, and it is the third outage "
        "this month.",
        details=["down since 8am", "third outage this month", "works from home"],
    )
    plan = [
        _step("Book an engineer visit", "you get a text with the visit slot", "within 24 hours", policy[0]),
        _step("Add the service credit", "it shows on your next bill", "by your billing date", policy[1]),
    ]
    reply = (
        empathy.text + " I have logged ticket BB-20931 and booked an engineer to visit within 24 hours; you "
        "will get a text with the slot. A service credit of one day's fee for each full day of outage "
        "will appear on your next bill."
    )
    request = RewriteRequest(
        draft="Fault logged, ticket BB-20931. Engineer visit within 24 hours.",
        customer_message="My broadband has been down since 8am this morning and I work from home. This is "
        "the third outage this month!",
        policy=policy,
        channel="email",
    )
    return Case(request, "en", empathy, plan, reply)


@pytest.fixture
def locked_card_zh() -> Case:
    """Elderly customer locked his card after three wrong PINs."""
    policy = [
        "密码连续输错3次将锁定银行卡",
        "本人携带身份证到任一网点柜台可当场解锁，营业时间9:00-17:00",
    ]
    empathy = Empathy(
        text="您取钱时密码输错3次卡被锁，又不会用手机银行，一定很着急。",
        details=["密码输错3次卡被锁", "不会用手机银行"],
    )
    plan = [
        _step("带上身份证到任一网点柜台", "当场解锁", "营业时间9:00-17:00", policy[1], owner="customer"),
    ]
    reply = empathy.text + "不用手机：您本人带身份证，9:00-17:00到任一网点柜台即可当场解锁。"
    request = RewriteRequest(
        draft="带身份证去网点解锁即可。",
        customer_message="我70多岁了，取钱的时候密码输错了3次，卡被锁了，我不会用手机银行，怎么办啊？",
        policy=policy,
        channel="sms",
    )
    return Case(request, "zh", empathy, plan, reply)


@pytest.fixture
def cases(
    refund_zh: Case, refund_en: Case, repayment_zh: Case, broadband_en: Case, locked_card_zh: Case
) -> list[Case]:
    return [refund_zh, refund_en, repayment_zh, broadband_en, locked_card_zh]
