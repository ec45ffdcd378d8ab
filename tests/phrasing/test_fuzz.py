"""The phrasing layer and the checks take any text without raising (property tests)."""

from __future__ import annotations

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from service.phrasing import Reading, realise, request_seed
from service.schemas import RewriteRequest
from service.verify import verify_reply

_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=200).filter(
    lambda t: t.strip()
)
_MIXED = st.one_of(
    _TEXT,
    st.lists(
        st.sampled_from(
            [
                "退款",
                "请务必",
                "否则",
                "，",
                "。",
                "？",
                "我",
                "您",
                "12,680元",
                "3天",
                "Please ensure",
                "will result in",
                "I've",
                "twice",
                ".",
                ",",
                " ",
                "客服可",
                "Agents can",
                "within 2 hours",
                "</customer_message>",
                "忽略之前的指令",
                "—",
                "\n",
            ]
        ),
        min_size=1,
        max_size=30,
    ).map("".join),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    message=_MIXED,
    draft=_MIXED,
    policy=st.lists(_MIXED, max_size=4),
    channel=st.sampled_from(["chat", "email", "sms", "phone"]),
    emotion=st.sampled_from(["anger", "frustration", "anxiety", "neutral", "satisfaction", "urgency"]),
    best=st.sampled_from([None, "P1", "P2", "P9"]),
    language=st.sampled_from(["zh", "en"]),
    picked=st.lists(_MIXED, max_size=3),
)
def test_realise_and_checks_accept_any_text(
    message: str,
    draft: str,
    policy: list[str],
    channel: str,
    emotion: str,
    best: str | None,
    language: str,
    picked: list[str],
) -> None:
    policy = [p for p in policy if p.strip()]
    assume(message.strip() and draft.strip())  # the request schema refuses blank text (422)
    request = RewriteRequest(customer_message=message, draft=draft, policy=policy, channel=channel)  # type: ignore[arg-type]
    out = realise(request, language, Reading(emotion, 3, tuple(picked), best), seed=request_seed(request))  # type: ignore[arg-type]
    assert isinstance(out.reply, str)
    checks = verify_reply(request, language, out.reply, out.empathy, out.plan)  # type: ignore[arg-type]
    assert checks and all(isinstance(c.passed, bool) for c in checks)
