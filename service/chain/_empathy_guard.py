"""Guard against the small model's typical empathy failures: echoing the customer, stock phrases.

When the sentence fails, a plain sentence is built from the customer's own details and the
detected emotion instead: specific by construction, never generic.
"""

from __future__ import annotations

import re

from service.chain._assemble import find_pressure
from service.chain._state import RewriteState
from service.schemas import Language
from service.verify import find_platitudes, grounded_details

TEMPLATES: dict[Language, dict[str, str]] = {
    "zh": {
        "anger": "{d}，您这么生气我完全理解，这件事我来负责跟进。",
        "frustration": "{d}，一直等不到结果，换作是谁都会着急。",
        "anxiety": "{d}，您担心是很自然的，我们先把情况弄清楚。",
        "disappointment": "{d}，和您期待的差了不少，确实让人失望。",
        "confusion": "{d}，确实容易让人看不明白，我帮您理清楚。",
        "helplessness": "{d}，一个人处理确实不容易，我陪您一步一步来。",
        "distrust": "{d}，您有疑虑很正常，我把每一步都跟您说清楚。",
        "urgency": "{d}，时间这么紧，您一定很着急。",
        "satisfaction": "谢谢您的认可，{d}这一点我来帮您解决。",
        "neutral": "关于{d}，我来帮您。",
    },
    "en": {
        "anger": "You told us {d}; I completely understand why you are angry, and I will take this on myself.",
        "frustration": "You told us {d}; I can see why this has become so frustrating.",
        "anxiety": "You told us {d}; it makes sense to be worried, so let us get clarity first.",
        "disappointment": "You told us {d}; this is not what you expected from us, and I understand.",
        "confusion": "You told us {d}; it is easy to see why this is confusing, so let me make it clear.",
        "helplessness": "You told us {d}; this is hard to sort out alone, so let us go step by step.",
        "distrust": "You told us {d}; your doubts are understandable, so I will be clear about every step.",
        "urgency": "You told us {d}; time is tight and I understand the pressure.",
        "satisfaction": "Thank you for the kind words; about {d}, let me help.",
        "neutral": "About {d}, happy to help.",
    },
}


def _squash(text: str) -> str:
    return re.sub(r"[\s，,。.!！?？：:；;“”\"']", "", text).lower()


def echoes(text: str, source: str, language: Language) -> bool:
    """True when ``text`` copies a long run of ``source`` (14+ characters, or 9+ words)."""
    if language == "zh":
        a, b = _squash(text), _squash(source)
        return any(b[i : i + 14] in a for i in range(max(0, len(b) - 13)))
    words_a = " ".join(re.findall(r"[a-z0-9']+", text.lower()))
    words_b = re.findall(r"[a-z0-9']+", source.lower())
    return any(" ".join(words_b[i : i + 9]) in words_a for i in range(max(0, len(words_b) - 8)))


def problem_with(text: str, customer_message: str, language: Language, details: list[str]) -> str | None:
    if find_platitudes(text) or find_pressure(text):
        return "used a stock or pressuring phrase"
    if echoes(text, customer_message, language):
        return "repeated the customer's own words"
    if "?" in text or "？" in text:
        return "asked the customer a question back"
    if details and not grounded_details(details, [text]):
        return "named none of the customer's details"
    return None


def from_details(details: list[str], emotion: str, language: Language) -> str:
    picked = [d.strip().rstrip("。.") for d in details[:2] if d.strip()]
    joined = "、".join(picked) if language == "zh" else " and ".join(f"“{p}”" for p in picked)
    sentence = TEMPLATES[language].get(emotion, TEMPLATES[language]["neutral"]).format(d=joined)
    return sentence[0].upper() + sentence[1:] if language == "en" else sentence


def checked_empathy(state: RewriteState, text: str) -> str:
    """The model's sentence, or one built from the customer's details when it fails the guard."""
    problem = problem_with(text, state.request.customer_message, state.language, state.details)
    if problem is None or not state.details:
        return text
    state.warnings.append(f"empathy: the model's sentence {problem}; built one from the customer's details.")
    emotion = state.emotion.label if state.emotion else "neutral"
    return from_details(state.details, emotion, state.language)
