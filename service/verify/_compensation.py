"""Compensation a reply may offer only when the draft, the policy or the agent grants it.

Terms are grouped by concept so that 代金券 in the draft supports "voucher" in the reply.
A plain refund of what was paid is not compensation (it is the subject of many cases);
"credit" alone is not either (credit card, credit record).
"""

from __future__ import annotations

import re

_CONCEPTS: dict[str, str] = {
    "voucher": r"\bvouchers?\b|\bcoupons?\b|\bgift\s+cards?\b|代金券|优惠券|抵用券|抵扣券|礼品卡|购物券|红包",
    "discount": r"\bdiscount(?:s|ed)?\b|\b\d+\s*%\s*off\b|折扣|打折"
    r"|(?<![\d.])\d{1,2}(?:\.\d)?\s*折(?!腾|叠|磨|返)|[一二三四五六七八九](?:五)?折(?!腾|叠|磨|返)",
    "compensation": r"\bcompensat(?:e|es|ed|ing|ion)\b|\breimburs(?:e|es|ed|ing|ement)\b"
    r"|\bgoodwill\s+(?:gesture|payment)\b|补偿|赔偿|赔付|慰问金",
    "credit": r"\b(?:account|bill|billing|service|goodwill|refund|store)\s+credits?\b"
    r"|\bcredit\s+(?:of\s+\S+\s+)?to\s+your\s+account\b",
    "cashback": r"\bcash\s*back\b|返现|返还现金",
    "free": r"\bfree\s+(?:months?|upgrades?|replacements?|of\s+charge|service|delivery|shipping)\b"
    r"|\bmonths?\s+free\b|\bfor\s+free\b|\bcomplimentary\b|免单|免费(?:升级|赠送|送|更换|换新|维修|使用|延长|提供|补发)|赠品|赠送",
    "waiver": r"\bwaiv(?:e|es|ed|ing|er)\b|\bfee\s+reversal\b|减免|免除|免收|免息|豁免",
    "points": r"\b(?:bonus|reward|loyalty)\s+points\b|积分",
}
_PATTERNS = {concept: re.compile(pattern, re.IGNORECASE) for concept, pattern in _CONCEPTS.items()}


def find_compensation(text: str) -> list[tuple[str, str]]:
    """``(concept, term as written)`` for each compensation term in ``text``, in order."""
    found = [(m.start(), concept, m.group()) for concept, p in _PATTERNS.items() for m in p.finditer(text)]
    return [(concept, term) for _, concept, term in sorted(found)]


def compensation_concepts(text: str) -> set[str]:
    return {concept for concept, _ in find_compensation(text)}
