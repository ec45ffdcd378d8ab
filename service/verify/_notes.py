"""Revision notes: one short instruction per failed check, in the reply's language.

The notes quote the failed check's findings (their values); the check's detail text is not read,
except as the fallback instruction for a check without a note of its own."""

from __future__ import annotations

from service.schemas import Check, Finding, Language

_MAX_ITEMS = 6

_NOTES: dict[str, dict[Language, str]] = {
    "no_platitudes": {
        "en": "Delete the generic phrases {items} and say something about this customer's actual situation.",
        "zh": "删掉套话{items}，换成针对这位客户具体情况的话。",
    },
    "empathy_specific": {
        "en": "Make the empathy name the customer's own situation in concrete words "
        "(what happened, when, how long, how many times), not a general feeling.",
        "zh": "共情要点出客户自己的具体情况（发生了什么、什么时候、等了多久、联系了几次），不要泛泛而谈。",
    },
    "plan_complete": {
        "en": "Give every step an action, a way to see progress and a real deadline (a time or date, "
        "not 'soon'), based on a policy fact or your own commitment{suffix}.",
        "zh": "每一步都要写清做什么、客户怎么看到进展、具体期限（时间或日期，不用“尽快”），"
        "并以政策或您本人的承诺为依据{suffix}。",
    },
    "no_unsupported_claims": {
        "en": "Remove {items}: the draft and the policy do not support them; state only the numbers, "
        "dates and compensation the inputs give.",
        "zh": "删掉{items}：草稿和政策里没有依据；只写输入里给出的数字、日期和补偿。",
    },
    "language_match": {
        "en": "Write the whole reply in English.",
        "zh": "整条回复都用中文写。",
    },
    "draft_facts_kept": {
        "en": "Keep these facts from the draft exactly as given: {items}.",
        "zh": "保留草稿里的这些事实，原样写出：{items}。",
    },
    "no_injection_echo": {
        "en": "Remove {items}: write only the reply to the customer, with no instructions, role labels, "
        "tags or remarks about being an AI.",
        "zh": "删掉{items}：只写给客户的回复，不要出现指令、角色标签、标签或“作为AI”之类的话。",
    },
    "length_budget": {
        "en": "Shorten the reply to at most {limit} characters (it has {size}); keep the facts and the plan.",
        "zh": "把回复缩短到{limit}字以内（现在{size}字），保留事实和计划。",
    },
}
_FALLBACK: dict[Language, str] = {"en": "Fix this: {detail}", "zh": "请修正：{detail}"}
_UNQUOTED = frozenset({"empty_field", "no_steps", "no_empathy", "too_long"})
"""Finding kinds that name a missing part or a measure, not offending text to quote back."""


def _quote_items(values: list[str], language: Language) -> str:
    values = list(dict.fromkeys(values))[:_MAX_ITEMS]
    if language == "zh":
        return "、".join(f"“{v}”" for v in values)
    return ", ".join(f'"{v}"' for v in values)


def revision_note(check: Check, language: Language) -> str:
    template = _NOTES.get(check.name, {}).get(language)
    if template is None:
        return _FALLBACK[language].format(detail=check.detail or check.name)
    quoted = _quote_items([f.text for f in check.findings if f.kind not in _UNQUOTED], language)
    length: Finding | None = next((f for f in check.findings if f.kind == "too_long"), None)
    fields = {
        "items": quoted or ("这些内容" if language == "zh" else "them"),
        "suffix": (f"（问题：{quoted}）" if language == "zh" else f" (problems: {quoted})") if quoted else "",
        "size": length.text if length else "?",
        "limit": length.source if length and length.source else "?",
    }
    return template.format(**fields)


def revision_notes(checks: list[Check], language: Language) -> list[str]:
    """One short instruction per failed check, for the revision prompt."""
    return [revision_note(c, language) for c in checks if not c.passed]
