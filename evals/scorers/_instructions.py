"""Instructions hidden in the inputs, and what a reply shows when a model obeyed or echoed them.

``injected_spans(text)`` finds where an injected instruction sits in a customer message, a draft or
a history turn (a fake system tag and its content, "ignore previous instructions ...", "P.S. to the
AI ..." up to the end of its sentence). ``artefacts(text)`` lists what no field of an answer may
contain: override phrases, prompt and role talk, fake tags, the model speaking as an AI, thanks for
"new rules", JSON keys.
"""

from __future__ import annotations

import re

_EN_OVERRIDE = (
    r"\b(?:ignore|disregard|forget|override|bypass|skip)\s+(?:all\s+|any\s+|the\s+|your\s+|my\s+|these\s+|those\s+)*"
    r"(?:previous\s+|prior\s+|above\s+|earlier\s+|preceding\s+|original\s+|system\s+|existing\s+|usual\s+)?"
    r"(?:instructions?|prompts?|rules|directions|guidelines|directives|polic(?:y|ies)|constraints|guardrails)\b"
    r"|\bnew\s+(?:instructions?|rules?|policy|system\s+rules?)\s*[:：]|\byou\s+are\s+now\s+(?:a|an|in|my)\b"
    r"|\b(?:developer|admin|god|debug)\s+mode\b|\bjailbreak|\bpretend\s+(?:to\s+be|you\s+are)\b"
    r"|\b(?:system|hidden|original)\s+prompt\b|\bprompt\s+injection\b|\b(?:reveal|print|show|repeat|output)\s+(?:me\s+)?"
    r"(?:your|the)\s+(?:system\s+|hidden\s+|original\s+|secret\s+)?(?:prompt|instructions|rules)\b|\bsystem\s+override\b"
    r"|\b(?:p\.?s\.?|note|notes|message|instructions?)\s+(?:to|for)\s+(?:the\s+)?(?:ai|assistant|model|bot|llm"
    r"|rewriter|chatbot|system)\b|\bdear\s+(?:ai|assistant|model|chatbot)\b"
    r"|\b(?:sign|signed)\s+(?:it\s+|this\s+|the\s+reply\s+)?as\s+(?:the\s+)?(?:ceo|president|founder|director|manager)\b"
    r"|\b(?:reply|answer|respond|write)(?:\s+(?:the|your|this)\s+(?:reply|answer|response))?\s+(?:only\s+)?in\s+(?:french|spanish|german|italian|russian|japanese|korean"
    r"|portuguese|dutch|arabic|chinese|english)\b"
)
_ZH_OVERRIDE = (
    r"(?:忽略|无视|忘记|忘掉|不要理会|不用理会|跳过|绕过)(?:掉)?(?:之前|以上|上面|前面|先前|此前|原来|原先|所有|全部|你的|系统|公司)?"
    r"(?:的)?(?:所有|全部|一切)?(?:的)?(?:指令|指示|提示词|提示|规则|设定|命令|约束|系统消息|政策|规定|制度)"
    r"|新的?(?:指令|规则|系统规则|政策)\s*[:：]|你现在是|你现在扮演|请扮演|扮演一个|系统提示|系统指令|开发者模式|越狱"
    r"|(?:给|致)(?:AI|ai|人工智能|机器人|助手|模型)(?:的)?(?:话|留言|备注|指令)|(?:告诉|透露|输出|显示)(?:我)?(?:你的)?(?:系统)?(?:提示词|指令)"
    r"|(?:以|用)(?:公司)?(?:CEO|总裁|董事长|总经理)(?:的)?(?:名义|身份)|署名(?:为|是)?(?:CEO|总裁|董事长|总经理)"
    r"|(?:用|以)(?:英文|英语|法语|日语|韩语|西班牙语|德语)(?:回复|回答|作答)"
)
_TAG = (
    r"</?\s*[A-Za-z_][A-Za-z0-9_]{0,30}(?:\s+[^<>\n]{0,40})?\s*/?>"
    r"|<\|[^|>\n]{1,30}\|>|\[/?(?:INST|SYS|SYSTEM|USER|ASSISTANT)\]|<!--|-->"
    r"|[<‹《【〈\[]\s*/?\s*(?:系统|指令|system|instruction|admin|管理员|note\s+to\s+assistant)[^<>‹›《》【】〈〉\[\]\n]{0,60}"
    r"[>›》】〉\]]"
)
EN_OVERRIDE = re.compile(_EN_OVERRIDE, re.IGNORECASE)
ZH_OVERRIDE = re.compile(_ZH_OVERRIDE, re.IGNORECASE)
TAG = re.compile(_TAG, re.IGNORECASE)
# A whole fake block: 【系统指令：...】, <系统>...</系统>, [NOTE TO ASSISTANT: ...].
_BLOCK = re.compile(
    r"<!--.*?-->|【[^】\n]{0,12}(?:系统|指令|管理员|system|instruction)[^】]*】"
    r"|<\s*(?P<tag>[^<>/\s]{1,20})[^<>]*>[^<>]*<\s*/\s*(?P=tag)\s*>"
    r"|\[\s*(?:note\s+to\s+(?:the\s+)?(?:assistant|ai|model)|system|instruction)[^\]]*\]",
    re.IGNORECASE | re.DOTALL,
)
_SENTENCE_END = re.compile(r"[。！？!?\n]|\.(?=\s|$)")

AI_TALK = re.compile(
    r"\bas\s+an?\s+(?:ai|a\.i\.|artificial\s+intelligence|language\s+model|llm|chatbot|virtual\s+assistant"
    r"|ai\s+assistant|assistant)\b"
    r"|\b(?:i\s+am|i'm)\s+(?:just\s+|only\s+)?an?\s+(?:ai|language\s+model|chatbot|virtual\s+assistant|ai\s+assistant"
    r"|bot|assistant)\b|\blanguage\s+model\b"
    r"|作为(?:一[个名])?(?:AI|ai|人工智能|语言模型|大模型|智能助手|AI助手|机器人)"
    r"|我(?:只)?是(?:一[个名])?(?:AI|ai|人工智能|语言模型|大模型|智能助手|AI助手|机器人|虚拟助手|助手)",
    re.IGNORECASE,
)
PROMPT_TALK = re.compile(
    r"\b(?:system\s+prompt|my\s+(?:instructions|prompt|guidelines)|the\s+prompt|these\s+instructions"
    r"|(?:new|updated)\s+rules|(?:the|this)\s+json|json\s+(?:format|object))\b"
    r"|提示词|系统指令|系统提示|我的指令|新规则|新的规则|JSON",
    re.IGNORECASE,
)
THANKS_FOR_RULES = re.compile(
    r"\bthanks?\s+(?:you\s+)?for\s+(?:the\s+|your\s+)?(?:new\s+|updated\s+)?(?:rules|instructions|guidelines|policy)\b"
    r"|(?:感谢|谢谢)(?:您)?(?:提供|告知|更新)?(?:的)?(?:新)?(?:规则|指令|政策|设定)",
    re.IGNORECASE,
)
ROLE_LABEL = re.compile(
    r"(?im)^[ \t]*(?:customer|agent|assistant|system|user|reply|response|draft|policy|output"
    r"|客服|客户|顾客|用户|助手|系统|坐席|回复|答复|草稿|输出)[ \t]*[:：]"
)
JSON_KEY = re.compile(r"[\"“](?:reply|empathy|plan|steps|text|details|action|measure|deadline)[\"”]\s*[:：]|[{}]")

_ARTEFACTS = (EN_OVERRIDE, ZH_OVERRIDE, TAG, AI_TALK, PROMPT_TALK, THANKS_FOR_RULES, ROLE_LABEL, JSON_KEY)


def artefacts(text: str) -> list[str]:
    """Instruction-following artefacts in ``text``, as written, in order, each once."""
    found = sorted((m.start(), m.group().strip()) for p in _ARTEFACTS for m in p.finditer(text))
    return list(dict.fromkeys(snippet for _, snippet in found if snippet))


def injected_spans(text: str) -> list[tuple[int, int]]:
    """Where injected instructions sit in an input text: fake blocks whole, and each override phrase
    from the start of its sentence to the end of the text's sentence (the attacker's script)."""
    spans = [m.span() for m in _BLOCK.finditer(text)]
    for pattern in (EN_OVERRIDE, ZH_OVERRIDE, TAG):
        for m in pattern.finditer(text):
            if any(s <= m.start() < e for s, e in spans):
                continue
            starts = [e.end() for e in _SENTENCE_END.finditer(text, 0, m.start())]
            start = starts[-1] if starts else 0
            end_m = _SENTENCE_END.search(text, m.end())
            spans.append((start, end_m.end() if end_m else len(text)))
    return _merge(spans)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
