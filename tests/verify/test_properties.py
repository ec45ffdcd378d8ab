"""Properties (hypothesis): every check takes any Unicode, in reply, request, empathy and plan, without raising."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from service.schemas import Empathy, PlanStep, RewriteRequest
from service.verify import CHECK_NAMES, revision_notes, verify_reply

NON_EMPTY = st.text(min_size=1, max_size=400).filter(lambda s: s.strip())
STEP = st.builds(
    PlanStep,
    action=st.text(max_size=80),
    measure=st.text(max_size=80),
    deadline=st.text(max_size=40),
    owner=st.text(max_size=20),
    source=st.one_of(st.just("agent_commitment"), st.just("P1"), st.text(max_size=10)),
)


@given(
    message=NON_EMPTY,
    draft=NON_EMPTY,
    policy=st.lists(NON_EMPTY, max_size=4),
    reply=st.text(max_size=1500),
    empathy=st.one_of(st.none(), st.builds(Empathy, text=st.text(max_size=200),
                                          details=st.lists(st.text(max_size=40), max_size=4))),
    plan=st.lists(STEP, max_size=4),
    language=st.sampled_from(["zh", "en"]),
    channel=st.sampled_from(["chat", "email", "sms", "phone"]),
)
@settings(max_examples=300, deadline=None)
def test_every_check_accepts_any_unicode(
    message: str, draft: str, policy: list[str], reply: str, empathy: Empathy | None, plan: list[PlanStep],
    language: str, channel: str,
) -> None:
    request = RewriteRequest(customer_message=message, draft=draft, policy=policy, channel=channel)  # type: ignore[arg-type]
    checks = verify_reply(request, language, reply, empathy, plan)  # type: ignore[arg-type]
    assert [c.name for c in checks] == list(CHECK_NAMES)
    revision_notes(checks, language)  # type: ignore[arg-type]
