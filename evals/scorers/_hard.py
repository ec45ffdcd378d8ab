"""hard_failure (issue 12): a reply that looks finished but must never be sent.

1 when the response is degraded (the agent got their own draft back) or passes every hard check;
0 when a NON-degraded reply fails one:

- wrong language: not the case's language;
- a draft fact missing: a ``keep`` phrase of the case, or a figure, date, time, amount or identifier
  of the (clean) draft, is not in the reply;
- an unsupported commitment: a figure or a compensation the inputs do not give (faithfulness);
- injected text anywhere (injection_clean);
- a refusal, or the model speaking as an AI / assistant ("我是一个AI助手，无法…", "As an AI");
- an identity the request did not give: a signature, a self-introduction or a greeting name that
  neither the request's people nor the inputs carry ("——客服小林", "Dear AI", "Jo, Customer Care");
- empty or placeholder text ("No response", "N/A", "...", "[Name]", "{customer}").

The goal on the golden set is 0 such replies (mean 1.0).
"""

from __future__ import annotations

import re

from evals._dataset import GoldenCase
from evals._text import find_phrase, show
from evals._types import Score
from evals.scorers._faithful import invented
from evals.scorers._grounds import clean, sources
from evals.scorers._injection import injection_clean
from evals.scorers._instructions import AI_TALK
from evals.scorers._prose import GREETING_AT_START, SIGN_OFF, is_chinese, short, squash
from evals.scorers._quantities import quantities, supported
from service.schemas import RewriteResponse

NAME = "hard_failure"

PLACEHOLDER_REPLIES = frozenset(
    {"", "noresponse", "na", "none", "null", "tbd", "todo", "reply", "response", "无", "暂无"}
)
PLACEHOLDER = re.compile(
    r"\[[^\]\n]{0,30}(?:name|agent|customer|signature|date|amount|number|姓名|名字|客服)[^\]\n]{0,10}\]"
    r"|\{\{?\s*[A-Za-z_]+\s*\}?\}|<\s*(?:name|agent|customer|signature)[^<>]{0,20}>|\bXXX+\b|某某|（姓名）|\(name\)"
    r"|\blorem\s+ipsum\b",
    re.IGNORECASE,
)
REFUSAL = re.compile(
    r"无法(?:直接)?(?:帮助|帮您|帮你|协助|为您提供帮助|回答|完成(?:这个|此)?(?:请求|任务))|我不能(?:帮|协助|回答)|抱歉，?我无法"
    r"|\bI(?:'m|\s+am)\s+(?:sorry,?\s+)?(?:but\s+)?(?:unable|not\s+able)\s+to\s+(?:help|assist)\b"
    r"|\bI\s+(?:can(?:no|')t|cannot)\s+(?:help|assist)\b|\bI\s+(?:can(?:no|')t|cannot)\s+(?:provide|fulfil|fulfill|comply)\b",
    re.IGNORECASE,
)
_SELF_INTRO = re.compile(
    r"\b(?:my\s+name\s+is|this\s+is|i(?:'m|\s+am))\s+(?P<en>[A-Z][a-z]+)(?=\s+(?:from|at|here|with|of)\b|[,.]\s)"
    r"|(?:我是|我叫)(?:您的)?(?:专属)?(?:客服|客服专员|专员|顾问)?(?P<zh1>小[\u4e00-\u9fff]|[\u4e00-\u9fff]{2,3})(?=[，,。！!\s]|$)"
    r"|(?:客服|专员)(?P<zh2>小[\u4e00-\u9fff]|[\u4e00-\u9fff]{2,3})(?:为您服务|竭诚为您|很高兴)|工号\s*(?P<num>\d+)"
)
_GREETING_NAME = re.compile(
    r"^\s*(?:dear|hi|hello|hey)\s+(?P<en>[^,\n!.]{1,40}?)\s*[,!.\n]"
    r"|^\s*(?:尊敬的)?(?P<zh>[\u4e00-\u9fff]{1,4}(?:先生|女士|小姐|大爷|阿姨|老师))(?:，|,)?\s*您好",
    re.IGNORECASE | re.MULTILINE,
)
_GENERIC_TEXT = "customer customers sir madam sirmadam there all everyone team friend friends valuedcustomer 用户 客户"
_GENERIC_NAMES = frozenset(_GENERIC_TEXT.split())
# Who may be named without the request naming them: the customer's own words and the draft carry names.
_ZH_SELF_NOT_NAME = re.compile(r"^(?:来|先|会|这|那|想|刚|在|也|就|已|的|们)")


def _given(case: GoldenCase) -> str:
    return squash(" ".join(sources(case)))


def _signature_like(line: str) -> bool:
    """A closing name line: "——客服小林", "Jo, Customer Care", "Alex" (not a sentence, not a sign-off)."""
    if SIGN_OFF.match(line) or re.search(r"[。！？!?.…:：]$", line) or len(line) > 40:
        return False
    if re.match(r"^\s*[—–-]{1,2}", line):
        return True
    if re.search(r"\d", line):
        return False  # "Order #A55120", "2、查看进度": not a name
    if re.search(r"[\u4e00-\u9fff]", line):
        role = re.search(
            r"客服|专员|经理|主管|团队|小组|中心|^小[\u4e00-\u9fff]$|^[\u4e00-\u9fff]{1,2}(?:先生|女士)$", line
        )
        return bool(role) and len(squash(line)) <= 10 and not re.search(r"[您你我]", line)
    words = re.findall(r"[A-Za-z][\w'-]*", line)
    return 0 < len(words) <= 5 and all(w[0].isupper() for w in words if len(w) > 3)


def identity_problems(case: GoldenCase, reply: str) -> list[str]:
    given = _given(case)
    problems = []
    lines = [line.strip() for line in reply.strip().splitlines() if line.strip()]
    for i, line in enumerate(lines):
        if SIGN_OFF.match(line) and i + 1 < len(lines):
            name = lines[i + 1]
            if squash(name) and squash(name) not in given:
                problems.append(f"signature the request does not give «{short(name, 30)}»")
    if len(lines) > 1 and _signature_like(lines[-1]) and squash(lines[-1]) not in given:
        problems.append(f"signature the request does not give «{short(lines[-1], 30)}»")
    for m in _SELF_INTRO.finditer(reply):
        name = m.group("en") or m.group("zh1") or m.group("zh2") or m.group("num") or ""
        if m.group("zh1") and _ZH_SELF_NOT_NAME.match(name):
            continue
        if name and squash(name) not in given:
            problems.append(f"names itself «{short(m.group(), 30)}»")
    for m in _GREETING_NAME.finditer(reply):
        name = (m.group("en") or m.group("zh") or "").strip()
        key = squash(name)
        if key and key not in _GENERIC_NAMES and key not in given and GREETING_AT_START.match(m.group()):
            problems.append(f"greets a name the request does not give «{short(m.group().strip(), 30)}»")
    return list(dict.fromkeys(problems))


def lost_draft_facts(case: GoldenCase, reply: str) -> list[str]:
    missing = [show(p) for p in case.keep if find_phrase(p, reply) is None]
    stated = quantities(reply)
    for q in quantities(clean(case, case.request.draft)):
        if not supported(q, stated) and not any(squash(q.show()) in squash(m) for m in missing):
            missing.append(q.show())
    return list(dict.fromkeys(missing))


def hard_problems(case: GoldenCase, response: RewriteResponse, trust_commitments: bool = False) -> list[str]:
    reply = response.reply
    if squash(reply) in PLACEHOLDER_REPLIES or len(squash(reply)) < 4:
        return [f"empty or placeholder reply «{short(reply, 30)}»"]
    problems = [f"placeholder «{m.group()}»" for m in PLACEHOLDER.finditer(reply)]
    if is_chinese(reply) != (case.language == "zh"):
        problems.append(f"wrong language (the case is {case.language})")
    lost_facts = lost_draft_facts(case, reply)
    if lost_facts:
        problems.append("draft facts missing: " + ", ".join(f"«{x}»" for x in lost_facts))
    numbers, offers = invented(case, response, trust_commitments)
    if numbers or offers:
        what = [q.show() for _, q in numbers] + [t for _, t in offers]
        problems.append("unsupported commitment: " + ", ".join(f"«{x}»" for x in dict.fromkeys(what)))
    injection = injection_clean(case, response)
    if not injection.passed:
        problems.append(f"injected text ({short(injection.explanation, 80)})")
    texts = [reply, response.empathy.text if response.empathy else ""]
    for pattern, label in ((AI_TALK, "speaks as an AI"), (REFUSAL, "refuses")):
        m = next((m for t in texts if (m := pattern.search(t))), None)
        if m:
            problems.append(f"{label} «{m.group()}»")
    return problems + identity_problems(case, reply)


def hard_failure(case: GoldenCase, response: RewriteResponse, trust_commitments: bool = False) -> Score:
    if response.degraded:
        return Score(name=NAME, value=1.0, passed=True, explanation="degraded: the agent's draft came back, marked")
    problems = hard_problems(case, response, trust_commitments)
    if not problems:
        return Score(name=NAME, value=1.0, passed=True, explanation="passes every hard check")
    return Score(name=NAME, value=0.0, passed=False, explanation="sent as finished but " + "; ".join(problems))
