"""Hard checks: a reply that fails one is never sent (the final gate returns the draft instead).

``no_self_reference`` (the model speaking as an AI, or refusing), ``identity_given`` (a name or
signature the request never gave), ``not_placeholder`` (empty or stand-in text), ``no_example_leak``
(a string from a prompt's worked examples).
"""

from __future__ import annotations

import re

from service.schemas import Check, Finding, RewriteRequest
from service.verify._detail import found_at, items, verdict

_SELF = re.compile(
    r"\bas an? (?:ai|a\.i\.|artificial intelligence|language model|assistant|chatbot|virtual assistant)\b"
    r"|\b(?:i am|i'm) (?:just |only )?an? (?:ai|language model|chatbot|assistant|virtual assistant|bot)\b"
    r"|\b(?:i|we) (?:cannot|can't|am unable to|are unable to) (?:help|assist) (?:you )?with (?:that|this request)\b"
    r"|\bi'm sorry,? but i (?:cannot|can't)\b|\bmy (?:instructions|system prompt|training)\b"
    r"|作为(?:一[个名])?(?:AI|ai|人工智能|语言模型|大模型|智能助手|助手|机器人)|我是(?:一[个名])?(?:AI|ai|人工智能|语言模型|大模型|AI助手|智能助手|机器人)"
    r"|我(?:无法|不能)(?:直接)?(?:帮助|协助|回答|处理)您(?:的)?(?:这个)?(?:请求|问题)?[。，]?$|我的(?:指令|提示词|系统提示)",
    re.IGNORECASE | re.MULTILINE,
)
_PLACEHOLDER = re.compile(
    r"^\W*(?:no response|n/?a|none|null|tbd|todo|lorem ipsum|\.{3,}|…+|reply|response|无|暂无|略|回复)\W*$"
    r"|\{\{?[a-z_]+\}?\}|\[(?:name|customer|agent|insert|placeholder|date|amount)[^\]]*\]|<(?:name|placeholder)>"
    r"|【(?:姓名|客户名|客服名|日期|金额)】|XXX|xxx",
    re.IGNORECASE,
)
_ZH_SIGN = re.compile(r"(?:^|\n|——|—|-)\s*(?:客服|专员|顾问|经理)(?P<name>[\u4e00-\u9fff]{1,3})\s*$")
_EN_SIGN = re.compile(
    r"(?:best regards|kind regards|regards|sincerely|many thanks|thanks|cheers),?\s*\n+\s*(?P<name>[^\n]{2,60})\s*$",
    re.IGNORECASE,
)
_ZH_NAME_GREETING = re.compile(r"^(?P<name>[\u4e00-\u9fff]{1,4}(?:先生|女士|小姐|老师|阿姨|大爷|同学))(?:您好|你好)")
_EN_NAME_GREETING = re.compile(r"^(?:dear|hi|hello)\s+(?P<name>[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3})\s*[,!]")


def no_self_reference(reply: str) -> Check:
    name = "no_self_reference"
    found = [found_at("self_reference", m) for m in _SELF.finditer(reply)]
    return verdict(
        name,
        found,
        failed="the reply speaks as an AI or refuses: ",
        passed="no AI self-reference or refusal",
        hard=True,
    )


def _given(request: RewriteRequest) -> str:
    people = [p for p in (request.customer, request.agent) if p is not None]
    texts = [t for p in people for t in (p.name, p.signature) if t]
    texts += [request.draft, request.customer_message, *(t.text for t in request.history), *request.policy]
    return "\n".join(texts).casefold()


def identity_given(request: RewriteRequest, reply: str) -> Check:
    """Every name in the greeting and the sign-off comes from the request."""
    name = "identity_given"
    given = _given(request)
    text, lead = reply.strip(), len(reply) - len(reply.lstrip())
    found: list[Finding] = []
    for pattern in (_ZH_NAME_GREETING, _EN_NAME_GREETING, _ZH_SIGN, _EN_SIGN):
        m = pattern.search(text)
        if m and m.group("name").strip().casefold() not in given:
            found.append(found_at("identity", m, group="name", offset=lead))
    return verdict(
        name,
        found,
        failed="names the request did not give: ",
        passed="every name and signature comes from the request",
        hard=True,
    )


def not_placeholder(reply: str) -> Check:
    name = "not_placeholder"
    core = re.sub(r"[\W_]+", "", reply)
    lead = len(reply) - len(reply.lstrip())
    found = [found_at("placeholder", m, offset=lead) for m in _PLACEHOLDER.finditer(reply.strip())]
    if len(core) < 4 or found:
        what = items(f.text for f in found) if found else "almost no text"
        return Check(
            name=name,
            passed=False,
            hard=True,
            detail=f"empty or placeholder text: {what}",
            findings=found or [Finding(kind="placeholder", text=reply.strip())],
        )
    return Check(name=name, passed=True, hard=True, detail="real text, no placeholders")


def no_example_leak(request: RewriteRequest, reply: str, examples: tuple[str, ...]) -> Check:
    """No string that only the prompts' worked examples have (their markers) unless the request has it."""
    name = "no_example_leak"
    given = _given(request)
    low = reply.casefold()
    leaked = [m for m in examples if m.casefold() in low and m.casefold() not in given]
    return verdict(
        name,
        [Finding(kind="example_leak", text=t) for t in leaked],
        failed="text from a prompt's worked examples: ",
        passed="nothing from the prompts' worked examples",
        hard=True,
    )
