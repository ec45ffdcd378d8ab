"""Clock times: ``18:00``, ``6pm``, ``6 o'clock``, ``下午6点``, ``6点半``, noon.

A time whose half of the day is known becomes a ``time`` quantity (minutes after
midnight); ``6点`` or ``6:00`` alone becomes ``time12`` (minutes modulo 12 hours)
and matches both 06:00 and 18:00.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Literal

from service.verify._numerals import parse_any
from service.verify._quantity import Quantity

Period = Literal["am", "pm", "night", "noon"] | None

_EN_HOURS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"

# Alternatives of the extractor's scan regex; each has one outer named group.
TIME_PATTERNS: tuple[str, ...] = (
    r"(?P<tclock>(?P<th>\d{1,2}):(?P<tm>\d{2})(?!\d)(?:\s*(?P<tap>[ap])\.?m\b\.?)?)",
    r"(?P<tampm>(?P<eh>\d{1,2})(?:\.(?P<emin>\d{2}))?\s*(?P<eap>[ap])\.?m\b\.?)",
    rf"(?P<oclock>\b(?P<oh>\d{{1,2}}|{_EN_HOURS})\s*o'?clock\b)",
    r"(?P<tzh>(?P<zh>\d{1,2}|[零一二两三四五六七八九十]{1,3})\s*[点时](?!钟头)"
    r"(?:\s*(?P<zmin>\d{1,2}|半|一刻|三刻|[零一二三四五六七八九十]{1,3})(?:\s*分(?!钟))?)?)",
    r"(?P<tnoon>\b(?:noon|midday|midnight)\b)",
)

_ZH_PERIOD_END = re.compile(
    r"(?:(?P<pm>下午|傍晚)|(?P<night>晚上|今晚|明晚|昨晚|夜里|夜间|晚间)|(?P<am>上午|早上|早晨|凌晨|清晨|今早|明早)"
    r"|(?P<noon>中午|正午))\s*(?:的)?\s*$"
)
_ZH_MINUTES = {"半": 30, "一刻": 15, "三刻": 45}
# 三点建议 / 两点原因: "points" of an argument, not o'clock.
_ZH_POINTS = re.compile(r"\s*(?:建议|意见|原因|要求|看法|说明|需要|注意|内容|问题|理由|好处)")


def _zh_period(text: str, start: int) -> Period:
    m = _ZH_PERIOD_END.search(text[max(0, start - 6) : start])
    if m is None:
        return None
    if m.group("pm"):
        return "pm"
    if m.group("night"):
        return "night"
    return "am" if m.group("am") else "noon"


def clock(hour: int, minute: int, period: Period, surface: str) -> list[Quantity]:
    """The time quantity of ``hour:minute`` in ``period`` (``None``: unknown half of the day)."""
    if not (0 <= hour <= 24 and 0 <= minute <= 59):
        return []
    if period in ("pm", "night") and hour < 12:
        hour += 12
    elif period in ("night", "am") and hour == 12:
        hour = 0
    elif period == "noon" and hour < 6:
        hour += 12
    if period is None and 1 <= hour <= 12:
        return [Quantity("time12", Decimal((hour % 12) * 60 + minute), surface)]
    return [Quantity("time", Decimal((hour % 24) * 60 + minute), surface)]


def _int(token: str | None) -> int:
    value = parse_any(token or "")
    return int(value) if value is not None else -1


def time_quantities(m: re.Match[str], text: str) -> list[Quantity]:
    """Quantities of a match of one of :data:`TIME_PATTERNS`."""
    surface = m.group().strip()
    if m.group("tclock"):
        period: Period = None
        if m.group("tap"):
            period = "am" if m.group("tap").casefold() == "a" else "pm"
        else:
            period = _zh_period(text, m.start())
        return clock(int(m.group("th")), int(m.group("tm")), period, surface)
    if m.group("tampm"):
        period = "am" if m.group("eap").casefold() == "a" else "pm"
        return clock(int(m.group("eh")), int(m.group("emin") or 0), period, surface)
    if m.group("oclock"):
        return clock(_int(m.group("oh")), 0, None, surface)
    if m.group("tzh"):
        if m.start() > 0 and text[m.start() - 1] == "第":
            return []  # 第二点: a list item, not two o'clock
        if not m.group("zmin") and _ZH_POINTS.match(text, m.end()):
            return []
        period = _zh_period(text, m.start())
        hour = _int(m.group("zh"))
        if hour == 1 and period is None and not m.group("zh").isdigit():
            return []  # 一点 is "a little" unless a period of the day precedes it
        token = m.group("zmin")
        minute = _ZH_MINUTES.get(token or "", _int(token) if token else 0)
        return clock(hour, minute, period, surface)
    if m.group("tnoon"):
        word = m.group().casefold()
        return [Quantity("time", Decimal(0 if word == "midnight" else 720), surface)]
    return []
