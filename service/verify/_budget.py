"""Reply length budgets per channel and language, in characters: the one place they are set.

Chinese counts characters, English counts characters too (roughly six per word). SMS keeps to
two segments in either script (a concatenated SMS: 2 × 67 Chinese characters, 2 × 153 Latin, rounded
down to 300; one 70-character Chinese segment has no room for a feeling and a step); chat stays
readable on a phone screen; a phone script is read aloud in about two minutes; email is the longest,
capped near the compose step's 1200-character limit.
"""

from __future__ import annotations

from typing import Final

from service.schemas import Channel, Language

LENGTH_BUDGETS: Final[dict[Channel, dict[Language, int]]] = {
    "sms": {"zh": 134, "en": 300},
    "chat": {"zh": 400, "en": 900},
    "phone": {"zh": 600, "en": 1200},
    "email": {"zh": 1000, "en": 1200},
}


def reply_length(reply: str) -> int:
    """Characters of the reply as sent (surrounding whitespace excluded)."""
    return len(reply.strip())


def length_limit(channel: Channel, language: Language, max_length: int | None) -> int:
    budget = LENGTH_BUDGETS[channel][language]
    return min(budget, max_length) if max_length is not None else budget
