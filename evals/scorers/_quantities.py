"""The quantities a text states, compared by value: the eval ruler's own reader.

``quantities("两次，下午6点前，三天内退回¥1,200")`` gives count 2, time 18:00, duration 3 days and money
1200, and each matches its English form (``twice``, ``6pm``, ``3 days``, ``1200 yuan``) with
:meth:`Quantity.same_as`. Kinds: number, count, money, percent, duration (value in the unit class
min / day / month / year: hours are minutes x 60, weeks are days x 7), time (minutes after midnight;
``unit="12h"`` when the half of the day is unknown: ``6点`` matches 06:00 and 18:00), date
(``month * 100 + day``, month 0 when unknown: ``25日``, ``the 12th``), weekday (1-7), relday (days
from today: 今天 0, tomorrow 1) and id (order numbers, phone numbers: upper-cased, separators removed).

Not quantities: list markers (``1.``, ``(2)``, ``第一步``), URLs and e-mail addresses, Chinese
numerals without a unit (十分抱歉, 千万, 一直), the value one in words unless a duration, an amount
or a percentage follows (一次, "no one"), and counts of the reply's own structure ("two options", 两种办法).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from evals.scorers._numerals import EN_ORDINALS, NUMERAL, ZH_CHARS, chinese_span, tidy, value_of

Kind = Literal["number", "count", "money", "percent", "duration", "time", "date", "weekday", "relday", "id"]
NUMERIC: frozenset[str] = frozenset({"number", "count", "money", "percent", "duration"})


@dataclass(frozen=True)
class Quantity:
    kind: Kind
    value: Decimal | str
    unit: str = ""
    text: str = field(default="", compare=False)
    raw: Decimal | None = field(default=None, compare=False)
    """A duration's amount as written (``24`` of ``24 hours``), which a bare number may match."""

    def same_as(self, other: Quantity) -> bool:
        """Whether ``other`` states the same thing (a bare number matches any numeric kind of its value)."""
        a, b = self, other
        if a.kind in NUMERIC and b.kind in NUMERIC:
            if "number" in (a.kind, b.kind):
                other = b if a.kind == "number" else a
                return a.value == b.value or (other.kind == "duration" and other.raw == (a if other is b else b).value)
            return a.kind == b.kind and a.value == b.value and (a.kind != "duration" or a.unit == b.unit)
        if a.kind == b.kind == "time":
            if not a.unit and not b.unit:
                return a.value == b.value
            return int(a.value) % 720 == int(b.value) % 720
        if "date" in (a.kind, b.kind):
            date, other_q = (a, b) if a.kind == "date" else (b, a)
            month, day = divmod(int(date.value), 100)
            if other_q.kind == "date":
                o_month, o_day = divmod(int(other_q.value), 100)
                return day == o_day and (month == o_month or 0 in (month, o_month))
            return month == 0 and other_q.kind in NUMERIC and other_q.value == day
        return a.kind == b.kind and a.value == b.value

    def show(self) -> str:
        return (self.text or str(self.value)).rstrip(".,;:")


def supported(claim: Quantity, pool: list[Quantity]) -> bool:
    return any(claim.same_as(q) for q in pool)


# --- masks: what is never a quantity, and identifiers --------------------------------------------------

_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\w.])\+?\d[\d ()-]{5,}\d(?![\w.])")
_MIXED_ID = re.compile(
    r"#?(?<![A-Za-z0-9])(?=[A-Za-z0-9]*\d)(?=[A-Za-z0-9]*[A-Za-z])[A-Za-z0-9]+(?:[-_/][A-Za-z0-9]+)*"
)
_DIGIT_ID = re.compile(r"#?(?<![\d.,])\d{2,}(?:-\d{3,})+(?![\d.])|#\d{3,}|(?<![\d.,])\d{7,}(?![\d.,])")
# Alphanumerics that are quantities with a unit, not identifiers: 6pm, 24h, 12th, 5k, 12GB, RMB100.
_NOT_ID = re.compile(
    r"(?i)^(?:\d+(?:[.:]\d+)?(?:am|pm|a\.m|p\.m|h|hrs?|mins?|k|gb|mb|g|m|mbps|kg|km|cm|mm|ml|p|x)"
    r"|\d+(?:st|nd|rd|th)|(?:rmb|usd|cny|gbp|eur|hkd)\d[\d.,]*)$"
)
_LIST_MARK = re.compile(
    r"(?m)^[ \t]*(?:\d{1,2}[.、)）](?!\d)|[(（]\d{1,2}[)）])"
    r"|[(（]\d{1,2}[)）]|[\u2460-\u2473\u2776-\u277f]"
    r"|(?i:\bstep\s*\d{1,2}\b)|步骤\s*\d{1,2}"
    r"|第\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*(?:步|条|点|项|部分|阶段|个?方面|(?=[，,、:：]))"
)


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def _identifiers(text: str) -> tuple[str, list[Quantity]]:
    found: list[Quantity] = []
    for pattern in (_URL, _EMAIL):
        for m in pattern.finditer(text):
            text = _blank(text, *m.span())
    for m in _PHONE.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        if len(digits) >= 8 and not re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", m.group()):
            found.append(Quantity("id", digits, text=m.group()))
            text = _blank(text, *m.span())
    for pattern in (_MIXED_ID, _DIGIT_ID):
        for m in pattern.finditer(text):
            token = m.group()
            if _NOT_ID.match(token.lstrip("#")):
                continue
            found.append(Quantity("id", re.sub(r"[#\-_/]", "", token).upper(), text=token))
            text = _blank(text, *m.span())
    return text, found


# --- the scanner ---------------------------------------------------------------------------------------

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_ZH_SMALL = r"\d{1,2}|[一二三四五六七八九十]{1,3}"
_TH = r"(?:st|nd|rd|th)"
_CUR = r"(?:US\$|HK\$|[$¥£€]|RMB|CNY|USD|GBP|EUR|HKD)"
_MONEY_UNIT = r"万元|元|块钱|块(?!儿)|美元|英镑|欧元|港币|人民币|dollars?\b|pounds?\b|euros?\b|yuan\b|quid\b|pence\b"
_DURATION_UNITS: list[tuple[str, str, int]] = [
    (r"个?工作日|个?自然日|(?:working|business|calendar|full|clear)\s+days?\b", "day", 1),
    (r"个?小时|个?钟头|hours?\b|hrs?\b|h\b", "min", 60),
    (r"分钟|minutes?\b|mins?\b", "min", 1),
    (r"个?星期(?![一二三四五六日天])|个?礼拜(?![一二三四五六日天])|周(?![一二三四五六日天末])|weeks?\b", "day", 7),
    (r"天|日(?=内|之内|以内|后|之后|以后)|days?\b|nights?\b", "day", 1),
    (r"个月|months?\b", "month", 1),
    (r"年(?=内|之内|以内|后|以后)|个年头|years?\b", "year", 1),
]
_COUNT_UNIT = r"次|遍|回|趟|期|笔|张|件|份|项|台|位|条|箱|罐|瓶|单|家|人|倍|times\b|instal?lments?\b"
_DAY_UNIT = r"号|日"
_PLAIN_UNIT = r"年|月|积分|GB\b|MB\b|Mbps\b|G\b"
_UNIT = (
    "|".join(f"(?P<d{i}>{p})" for i, (p, _, _) in enumerate(_DURATION_UNITS))
    + rf"|(?P<money_u>{_MONEY_UNIT})|(?P<pct_u>%|个百分点|percent\b|per\s+cent\b)"
    + rf"|(?P<count_u>{_COUNT_UNIT})|(?P<day_u>{_DAY_UNIT})|(?P<plain_u>{_PLAIN_UNIT})"
)
_SEP = r"\s*(?:-|–|—|~|～|到|至|或|和|、|/|\bto\b|\bor\b|\band\b|,(?=\s))\s*"
_EN_HOUR = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
_REL = {
    "大后天": 3, "后天": 2, "明天": 1, "明日": 1, "明早": 1, "明晚": 1, "今天": 0, "今日": 0, "今晚": 0,
    "今早": 0, "当天": 0, "当日": 0, "昨天": -1, "昨日": -1, "昨晚": -1, "前天": -2, "tomorrow": 1,
    "today": 0, "tonight": 0, "yesterday": -1, "same day": 0, "same-day": 0, "this morning": 0,
    "this afternoon": 0, "this evening": 0, "end of day": 0, "end of the day": 0, "the day after tomorrow": 2,
}  # fmt: skip
_WEEK_ZH = "一二三四五六日天"
_WEEK_EN = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_ORDINAL_NOUN = r"time|call|day|evening|night|week|month|year|attempt|email|visit|contact|reminder|letter|complaint|try"
# A count of the reply's own structure, not a claim: "two options", 两种办法, 三点建议.
_DISCOURSE = re.compile(
    r"\s*(?:种|个?(?:选择|方案|办法|方法|方式|途径|建议|问题|步骤|事情|方面|渠道|选项|原因|可能|要点|部分)|步|件事)"
    r"|\s*(?:\w+\s+)?(?:options?|choices?|ways?|steps?|things?|questions?|suggestions?|solutions?|alternatives?"
    r"|reasons?|possibilities|points?)\b",
    re.IGNORECASE,
)

_SCAN = re.compile(
    "|".join(
        [
            r"(?P<iso>(?P<iy>\d{4})[-/.](?P<im>\d{1,2})[-/.](?P<id>\d{1,2})(?!\d))",
            rf"(?P<zdate>(?:(?P<zy>\d{{4}})\s*年\s*)?(?P<zm>{_ZH_SMALL})\s*月份?\s*(?P<zd>{_ZH_SMALL})\s*[日号])",
            rf"(?P<edate1>\b(?P<em>{_MONTH})\.?\s+(?P<ed>\d{{1,2}}){_TH}?\b(?:,?\s+(?P<ey>\d{{4}}))?)",
            rf"(?P<edate2>(?P<edays>\b\d{{1,2}}{_TH}?(?:(?:\s*,\s*|\s+and\s+|\s*&\s*)\d{{1,2}}{_TH}?)*)"
            rf"\s+(?:of\s+)?(?P<em2>{_MONTH})\b\.?(?:,?\s+(?P<ey2>\d{{4}}))?)",
            rf"(?P<nth>\b(?:the\s+)?(?P<nd>\d{{1,2}}){_TH}\b)",
            r"(?P<clock>(?P<ch>\d{1,2}):(?P<cm>\d{2})(?!\d)(?:\s*(?P<cap>[ap])\.?m\b\.?)?)",
            r"(?P<ampm>\b(?P<ah>\d{1,2})(?:[.:](?P<am>\d{2}))?\s*(?P<aap>[ap])\.?m\b\.?)",
            rf"(?P<oclock>\b(?P<oh>\d{{1,2}}|{_EN_HOUR})\s*o'?clock\b)",
            r"(?P<zclock>(?P<zh>\d{1,2}|[零一二两三四五六七八九十]{1,3})\s*[点时](?!钟头|间|候|刻)"
            r"(?:\s*(?P<zmin>半|一刻|三刻|\d{1,2}|[零一二三四五六七八九十]{1,3})\s*分?(?!钟))?)",
            r"(?P<noon>\b(?:noon|midday|midnight)\b)",
            r"(?P<half>(?:(?P<hn>\d+|[一两二三四五六七八九十]{1,3})\s*个?\s*半|半)\s*个?\s*(?P<hu>小时|钟头|天|月|年)"
            r"|\bhalf\s+an?\s+(?P<hu2>hour|day)\b|\ban?\s+hour\s+and\s+a\s+half\b)",
            r"(?P<within>\b(?:within|in|for|under|after|over)\s+(?:an?|one)\s+"
            r"(?P<wu>(?:working\s+|business\s+)?(?:hour|day|week|month|year))\b)",
            r"(?P<zpct>百分之(?P<zp>[零一二两三四五六七八九十百]+|\d+(?:\.\d+)?))",
            rf"(?P<wzh>(?<![{ZH_CHARS}\d])(?:本|这|下|上)?(?:周|星期|礼拜)(?P<wz>[{_WEEK_ZH}]))",
            rf"(?P<wen>\b(?P<we>{'|'.join(_WEEK_EN)})s?\b)",
            r"(?P<rel>大后天|后天|(?<![说声证表查阐标注指讲透申])(?:明天|明日|明早|明晚)|今天|今日|今晚|今早|当天|当日|昨天|昨日|昨晚|前天"
            r"|\b(?:the\s+day\s+after\s+tomorrow|tomorrow|today|tonight|yesterday|same[\s-]day"
            r"|this\s+(?:morning|afternoon|evening)|end\s+of\s+(?:the\s+)?day)\b)",
            rf"(?P<ord>\b(?P<ow>{'|'.join(EN_ORDINALS)})\s+(?:{_ORDINAL_NOUN})s?\b)",
            r"(?P<zord>第(?P<zo>\d{1,3}|[一二两三四五六七八九十]{1,3})(?=次|天|个|回|遍|周|年|月|封|通|位))",
            rf"(?P<num>(?:(?P<cur>{_CUR})\s?)?(?P<n1>{NUMERAL}|\btwice\b)"
            rf"(?P<rest>(?:{_SEP}(?:{_CUR}\s?)?(?:{NUMERAL}))*)"
            rf"\s*(?:多|余|来|\+)?(?:(?:\s*|-)(?:{_UNIT}))?)",
        ]
    ),
    re.IGNORECASE,
)
_NUM_IN_REST = re.compile(NUMERAL, re.IGNORECASE)
_ZH_AM = re.compile(r"(?:上午|早上|早晨|凌晨|清晨|今早|明早)\s*$")
_ZH_PM = re.compile(r"(?:下午|傍晚|晚上|今晚|明晚|昨晚|夜里|夜间|晚间|晚)\s*$")
_ZH_NOON = re.compile(r"(?:中午|正午)\s*$")
_ZH_POINT_NOUN = re.compile(r"\s*(?:建议|意见|原因|要求|看法|说明|需要|注意|内容|问题|理由|好处|疑问)")


def _time(hour: int, minute: int, period: str | None, text: str) -> list[Quantity]:
    if not (0 <= hour <= 24 and 0 <= minute < 60):
        return []
    if period == "pm" and hour < 12:
        hour += 12
    elif period == "am" and hour == 12:
        hour = 0
    elif period == "noon" and hour < 6:
        hour += 12
    if period is None and 1 <= hour <= 12:
        return [Quantity("time", Decimal(hour % 12 * 60 + minute), "12h", text)]
    return [Quantity("time", Decimal(hour % 24 * 60 + minute), "", text)]


def _zh_period(text: str, start: int) -> str | None:
    return _zh_period_word(text, start)[0]


def _zh_period_word(text: str, start: int) -> tuple[str | None, str]:
    """The half of the day a Chinese period word right before ``start`` gives, and the word."""
    before = text[max(0, start - 6) : start]
    for period, pattern in (("am", _ZH_AM), ("pm", _ZH_PM), ("noon", _ZH_NOON)):
        m = pattern.search(before)
        if m:
            return period, m.group().strip()
    return None, ""


def _date(month: int, day: int, text: str) -> list[Quantity]:
    return [Quantity("date", Decimal(month * 100 + day), "", text)] if 0 <= month <= 12 and 1 <= day <= 31 else []


def _int(token: str | None) -> int:
    value = value_of(token or "")
    return int(value) if value is not None else -1


def _month(token: str) -> int:
    return _MONTHS.index(token.casefold()[:3]) + 1


def _unit_kind(m: re.Match[str]) -> tuple[Kind | None, str, int]:
    for i, (_, unit_class, factor) in enumerate(_DURATION_UNITS):
        if m.group(f"d{i}"):
            return "duration", unit_class, factor
    for group, kind in (("money_u", "money"), ("pct_u", "percent"), ("count_u", "count")):
        if m.group(group):
            return kind, "", 1  # type: ignore[return-value]
    if m.group("day_u"):
        return "date", "", 1
    if m.group("plain_u"):
        return "number", "", 1
    return None, "", 1


def _numbers(m: re.Match[str], text: str) -> list[Quantity]:
    kind, unit_class, factor = _unit_kind(m)
    surface = m.group().strip()
    currency = bool(m.group("cur"))
    tokens = [m.group("n1"), *_NUM_IN_REST.findall(m.group("rest") or "")]
    if kind is None and currency:
        kind = "money"
    if kind is None and m.group("n1").casefold() == "twice":
        kind = "count"
    if kind in (None, "number", "count") and _DISCOURSE.match(text, m.end()):
        return []
    if m.start() > 0 and text[m.start() - 1] == "第":
        return []
    out: list[Quantity] = []
    for token in tokens:
        span = chinese_span(token) if kind is not None else None
        values = list(span) if span else [Decimal(2) if token.casefold() == "twice" else value_of(token)]
        word = not token[0].isdigit()
        for value in values:
            if value is None:
                continue
            if word and token[0] in ZH_CHARS and kind is None:
                continue  # a Chinese numeral needs a unit: 十分, 千万, 一直
            if word and value == 1 and kind not in ("money", "percent", "duration"):
                continue  # one / 一次 / 一个问题
            if kind == "date":
                out += _date(0, int(value), surface) if value == int(value) else []
            elif kind == "duration":
                out.append(Quantity("duration", tidy(value * factor), unit_class, surface, tidy(value)))
            else:
                out.append(Quantity(kind or "number", tidy(value), "", surface))
    return out


def _scan(text: str) -> list[Quantity]:
    out: list[Quantity] = []
    for m in _SCAN.finditer(text):
        surface = m.group().strip()
        if m.group("iso"):
            out += _date(int(m.group("im")), int(m.group("id")), surface)
        elif m.group("zdate"):
            out += _date(_int(m.group("zm")), _int(m.group("zd")), surface)
        elif m.group("edate1"):
            out += _date(_month(m.group("em")), int(m.group("ed")), surface)
        elif m.group("edate2"):
            month = _month(m.group("em2"))
            for day in re.findall(r"\d{1,2}", m.group("edays")):
                out += _date(month, int(day), surface)
        elif m.group("nth"):
            out += _date(0, int(m.group("nd")), surface)
        elif m.group("clock"):
            cap = m.group("cap")
            period = ("am" if cap.casefold() == "a" else "pm") if cap else _zh_period(text, m.start())
            out += _time(int(m.group("ch")), int(m.group("cm")), period, surface)
        elif m.group("ampm"):
            period = "am" if m.group("aap").casefold() == "a" else "pm"
            out += _time(int(m.group("ah")), int(m.group("am") or 0), period, surface)
        elif m.group("oclock"):
            out += _time(_int(m.group("oh")), 0, None, surface)
        elif m.group("zclock"):
            out += _zh_clock(m, text, surface)
        elif m.group("noon"):
            out.append(Quantity("time", Decimal(0 if "midnight" in surface.casefold() else 720), "", surface))
        elif m.group("half"):
            out += _half(m, surface)
        elif m.group("within"):
            unit = m.group("wu").split()[-1].casefold()
            unit_class, factor = {"hour": ("min", 60), "week": ("day", 7)}.get(unit, (unit, 1))
            out.append(Quantity("duration", Decimal(factor), unit_class, surface))
        elif m.group("zpct"):
            value = value_of(m.group("zp"))
            out += [Quantity("percent", tidy(value), "", surface)] if value is not None else []
        elif m.group("wzh"):
            out.append(Quantity("weekday", Decimal(min(_WEEK_ZH.index(m.group("wz")) + 1, 7)), "", surface))
        elif m.group("wen"):
            out.append(Quantity("weekday", Decimal(_WEEK_EN.index(m.group("we").casefold()) + 1), "", surface))
        elif m.group("rel"):
            key = re.sub(r"\s+", " ", m.group("rel").casefold())
            out.append(Quantity("relday", Decimal(_REL[key]), "", surface))
        elif m.group("ord"):
            out.append(Quantity("number", Decimal(EN_ORDINALS[m.group("ow").casefold()]), "", surface))
        elif m.group("zord"):
            value = value_of(m.group("zo"))
            out += [Quantity("number", tidy(value), "", surface)] if value is not None and value > 1 else []
        elif m.group("num"):
            out += _numbers(m, text)
    return out


def _zh_clock(m: re.Match[str], text: str, surface: str) -> list[Quantity]:
    token = m.group("zh")
    if m.start() > 0 and text[m.start() - 1] == "第":
        return []
    if not m.group("zmin") and _ZH_POINT_NOUN.match(text, m.end()):
        return []  # 三点建议: points of an argument
    period, word = _zh_period_word(text, m.start())
    if not token.isdigit() and _int(token) == 1 and period is None:
        return []  # 一点: "a little"
    minute_token = m.group("zmin") or ""
    minute = {"半": 30, "一刻": 15, "三刻": 45}.get(minute_token, _int(minute_token) if minute_token else 0)
    return _time(_int(token), minute, period, word + surface)


def _half(m: re.Match[str], surface: str) -> list[Quantity]:
    if "and a half" in surface.casefold():
        return [Quantity("duration", Decimal(90), "min", surface)]
    unit = (m.group("hu") or m.group("hu2") or "").casefold()
    base = Decimal(_int(m.group("hn"))) if m.group("hn") else Decimal(0)
    amount = base + Decimal("0.5")
    unit_class, factor = {"小时": ("min", 60), "钟头": ("min", 60), "hour": ("min", 60), "天": ("day", 1),
                          "day": ("day", 1), "月": ("month", 1), "年": ("year", 1)}[unit]  # fmt: skip
    return [Quantity("duration", tidy(amount * factor), unit_class, surface)]


def quantities(text: str) -> list[Quantity]:
    """Every quantity ``text`` states, identifiers first, then in order of appearance."""
    text = unicodedata.normalize("NFKC", text)
    text, ids = _identifiers(text)
    text = _LIST_MARK.sub(lambda m: " " * len(m.group()), text)
    return ids + _scan(text)


def unsupported(claims: list[Quantity], sources: list[str]) -> list[Quantity]:
    """The ``claims`` that no quantity of ``sources`` supports (first occurrence of each, in order)."""
    pool = [q for source in sources for q in quantities(source)]
    out: list[Quantity] = []
    for claim in claims:
        if not supported(claim, pool) and claim not in out:
            out.append(claim)
    return out
