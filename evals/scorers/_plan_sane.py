"""plan_sane: a plan the customer can hold us to, and rendered as sentences.

Each step is checked for:

- duplicates: the same step twice, or nearly (character-bigram overlap of the actions >= 0.8);
- a clear actor (guided steps, 带您/陪您 "walk you through", belong to both): no wrong direction
  (向您提供订单截图 / "send you your receipt", where the customer is the one to send it), no step
  owned by the customer that is our action (owner ``customer``, action 为您… / "we will …"), no
  customer chore listed as our commitment (owner ``agent``, action "Contact your bank" / 请您联系快递);
- no meta or injected text: "the customer", 顾客, 客服须…, instructions, JSON, AI, or pieces of the
  case's injected instruction;
- a deadline from a fact: for a step resting on policy (not ``agent_commitment``), every figure of the
  deadline comes from the policy or the draft, and so do instant or vague times ("今天", "Now",
  "As soon as possible", "立即") unless a policy or draft fact says the like (当场, immediately, 当天 ...).

And the reply: no form-like rendering of the plan ("action（deadline）——measure", "——您收到的回复。",
"(Within 24 hours) —").
Binary; no plan leaves only the reply check.
"""

from __future__ import annotations

import re

from evals._dataset import GoldenCase
from evals._types import Score
from evals.scorers._grounds import clean, payload_hits
from evals.scorers._instructions import artefacts
from evals.scorers._prose import short, squash
from evals.scorers._quantities import quantities, supported
from service.schemas import AGENT_COMMITMENT, PlanStep, RewriteResponse

NAME = "plan_sane"
NEAR_DUPLICATE = 0.8

_WRONG_WAY = re.compile(
    r"向您(?:提供|提交|上传|出示|寄回|发送)[^，。；,;]{0,8}(?:截图|照片|凭证|证明|身份证|发票|订单号|资料|视频|授权书|材料|小票|收据|单据)"
    r"|\b(?:send|provide|give|email|upload|show)\s+you\s+(?:the\s+|your\s+|a\s+)?(?:photos?|pictures?|receipts?|proof"
    r"|screenshots?|booking\s+reference|id|documents?|death\s+certificate|order\s+number|serial\s+number)\b",
    re.IGNORECASE,
)
_OURS = re.compile(
    r"为您|帮您|向您|给您|替您|我们|我会|我来|我将|\bwe\b|\bI\b|\bour\b|\bfor\s+you\b|\bto\s+you\b|\bwith\s+you\b",
    re.IGNORECASE,
)
_CHORE = re.compile(
    r"^\s*(?:请|麻烦)?(?:您)?(?:自行|先)?(?:联系(?:快递|物流|银行|厂家|商家|房东)|前往|携带|登录|上传|拍照|备份|等待|耐心等待|缴纳|支付|还款|重启"
    r"|提供(?:破损)?(?:照片|凭证|截图|证明))"
    r"|^\s*(?:please\s+)?(?:contact\s+your|call\s+your|ring\s+your|visit\s+(?:a|the|your)|log\s*in|sign\s*in|back\s*up\s+your"
    r"|bring|pay\s+(?:the|your)|wait\s+for|upload|go\s+to|take\s+your|fill\s+in|collect\s+(?:it|the|your)"
    r"|send\s+(?:the|your)\s+(?:tablet|item|device|phone|photos?|receipt|parcel)|check\s+your|reply\s+to|provide\s+your"
    r"|restart\s+your)\b",
    re.IGNORECASE,
)
_CUSTOMER_OWNER = re.compile(r"^\s*(?:customer|client|user|you|客户|顾客|用户|您)\s*$", re.IGNORECASE)
_META = re.compile(
    r"\bthe\s+(?:customer|agent|user|client|caller)s?\b(?!\s+relations)|\bcustomer's\b|顾客|(?<!您的)客户(?!经理|端)|该用户"
    r"|用户(?!名|中心)|坐席|客服(?:须|应|可|需)",
    re.IGNORECASE,
)
TIME_WORDS: dict[str, re.Pattern[str]] = {
    "now": re.compile(
        r"\b(?:now|immediately|right\s+away|at\s+once|straight\s+away|instantly|on\s+the\s+spot)\b|立即|立刻|马上|现在|当场|即时|即刻",
        re.IGNORECASE,
    ),
    "today": re.compile(
        r"\b(?:today|tonight|this\s+(?:morning|afternoon|evening)|same[\s-]day|end\s+of\s+(?:the\s+)?day)\b"
        r"|今天|今日|今晚|今早|当天|当日",
        re.IGNORECASE,
    ),
    "tomorrow": re.compile(r"\btomorrow\b|(?<![说声证表查阐标注指讲透申])明天|明日|明早|明晚", re.IGNORECASE),
    "soon": re.compile(
        r"\b(?:as\s+soon\s+as\s+possible|asap|soon|shortly|promptly|at\s+the\s+earliest|any\s*time)\b"
        r"|尽快|尽早|第一时间|稍后|随时|尽速",
        re.IGNORECASE,
    ),
}
FORM = re.compile(
    r"[（(][^（）()\n]{1,40}[）)]\s*(?:——|—|–|\s-\s)|^\s*[（(][^（）()\n]{1,40}[）)]\s*[—–-]"
    r"|——\s*(?:您|你)(?:会|将|可以)?(?:收到|看到|在|能)",
    re.MULTILINE,
)


def _bigrams(text: str) -> set[str]:
    sq = squash(text)
    return {sq[i : i + 2] for i in range(len(sq) - 1)}


def similarity(a: str, b: str) -> float:
    """Dice coefficient of the character bigrams (works for Chinese and English alike)."""
    x, y = _bigrams(a), _bigrams(b)
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else float(squash(a) == squash(b))


def duplicates(plan: list[PlanStep]) -> list[str]:
    out = []
    for i, a in enumerate(plan):
        for j in range(i + 1, len(plan)):
            b = plan[j]
            sa, sb = squash(a.action), squash(b.action)
            contained = min(len(sa), len(sb)) >= 6 and (sa in sb or sb in sa)
            if sa == sb or contained or similarity(a.action, b.action) >= NEAR_DUPLICATE:
                out.append(f"steps {i + 1} and {j + 1} are the same step «{short(b.action, 40)}»")
    return out


def actor_problems(step: PlanStep) -> list[str]:
    problems = []
    wrong = _WRONG_WAY.search(f"{step.action} {step.measure}")
    if wrong:
        problems.append(f"wrong direction «{wrong.group()}» (the customer sends it)")
    customer_owned = bool(_CUSTOMER_OWNER.match(step.owner))
    ours = _OURS.search(step.action)
    chore = _CHORE.search(step.action)
    if customer_owned and ours and not chore:
        problems.append(f"owner {step.owner!r} but the action is ours «{ours.group()}»")
    if not customer_owned and chore:
        problems.append(f"the customer's chore listed as our commitment «{chore.group().strip()}»")
    return problems


def meta_problems(case: GoldenCase, step: PlanStep) -> list[str]:
    text = f"{step.action} {step.measure} {step.deadline}"
    problems = [f"meta text «{m.group()}»" for m in [_META.search(text)] if m]
    problems += [f"instruction text «{short(a, 30)}»" for a in artefacts(text)]
    problems += [f"injected text «{h}»" for h in payload_hits(case, text)]
    return problems


def deadline_problems(case: GoldenCase, step: PlanStep) -> list[str]:
    if step.source.strip() == AGENT_COMMITMENT or not step.deadline.strip():
        return []
    facts = [clean(case, t) for t in [case.request.draft, *case.request.policy]]
    pool = [q for fact in facts for q in quantities(fact)]
    problems = [
        f"deadline «{q.show()}» is in no policy or draft fact"
        for q in quantities(step.deadline)
        if q.kind not in ("id", "relday") and not supported(q, pool)
    ]
    for group, pattern in TIME_WORDS.items():
        m = pattern.search(step.deadline)
        if m and not any(pattern.search(fact) for fact in facts):
            problems.append(f"deadline «{m.group()}» ({group}) is in no policy or draft fact")
    return list(dict.fromkeys(problems))


def plan_problems(case: GoldenCase, response: RewriteResponse) -> list[str]:
    plan = response.plan
    problems = duplicates(plan)
    for i, step in enumerate(plan, 1):
        for p in [*actor_problems(step), *meta_problems(case, step), *deadline_problems(case, step)]:
            problems.append(f"step {i}: {p}")
    form = FORM.search(response.reply)
    if form:
        problems.append(f"reply renders the plan as a form «{short(form.group(), 40)}»")
    return problems


def plan_sane(case: GoldenCase, response: RewriteResponse) -> Score:
    problems = plan_problems(case, response)
    if not problems:
        what = f"{len(response.plan)} step(s): distinct, clear actor, no meta text, deadlines from facts"
        return Score(name=NAME, value=1.0, passed=True, explanation=what if response.plan else "no plan steps")
    return Score(name=NAME, value=0.0, passed=False, explanation="; ".join(problems))
