"""Find the quantities a text states: numbers, amounts, percentages, times, dates, durations, identifiers.

``extract_quantities(text)`` normalises each to a :class:`Quantity` value so that
``¥1,200`` equals ``1200元``, ``三个工作日`` equals ``3 working days``, ``两次`` equals
``twice`` and ``下午6点`` equals ``18:00``. The eval scorers reuse it.

Deliberately not quantities: list markers (``1.``, ``(2)``, ``第一步``), the word "one" and
the numeral 一 unless a time, money or percentage unit follows (一下, 一直, 一个问题,
"no one"), Chinese numerals without a unit (十分抱歉, 千万), URLs and e-mail addresses.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from service.verify._numerals import (
    ARABIC_MULT,
    EN_NUMERAL,
    EN_ORDINALS,
    ZH_NUMERAL,
    ZH_NUMERAL_CHARS,
    parse_any,
    parse_zh,
    parse_zh_span,
)
from service.verify._quantity import Kind, Quantity
from service.verify._time import TIME_PATTERNS, time_quantities

URL = re.compile(
    r"(?:https?://|www\.)[^\s，。！？、；）)》」】\"'<>]+[^\s，。！？、；）)》」】\"'<>.,;:!?]", re.I
)
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
PHONE = re.compile(
    r"(?<![A-Za-z0-9.+-])(?:\+\d{1,3}[\s-]?)?(?:\(\d{2,4}\)\s?)?\d{2,4}(?:[\s-]\d{3,4}){1,3}"
    r"(?![A-Za-z0-9]|\.\d)"
)
_ID = re.compile(
    r"(?<![A-Za-z0-9])(?:[A-Za-z][A-Za-z0-9]*|\d+[A-Za-z]+\d[A-Za-z0-9]*)(?:[-_/][A-Za-z0-9]+)*(?![A-Za-z0-9])"
)
_LONG_DIGITS = re.compile(r"(?<!\d)(?<!\d[,.])\d{8,}(?!\d|[,.]\d)")
_CURRENCY_ID = re.compile(r"(?i)^(?:rmb|usd|cny|eur|hkd)\d[\d.,]*$")
_LIST_MARKERS = re.compile(
    r"(?m)^[ \t]*(?:[(（\[]\d{1,2}[)）\]]|\d{1,2}[.、)）](?!\d))"
    r"|[(（]\d{1,2}[)）]"
    r"|(?i:\bstep\s*\d{1,2}\b)|步骤\s*\d{1,2}"
    r"|第\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*(?:步|条|点|项|部分|阶段|个?方面|(?=[，,、:：]))"
)
_CIRCLED = re.compile(r"[\u2460-\u2473\u2776-\u277f]")
# "two options", 两个选择: counting the reply's own structure, not a claim about the case.
_DISCOURSE = re.compile(
    r"\s*(?:选择|方案|办法|方法|方式|途径|建议|问题|步骤|事情|方面|渠道|选项|原因|可能|要点|部分)"
    r"|\s+(?:[a-z]+\s+)?(?:options?|choices?|ways?|steps?|things?|questions?|suggestions?|solutions?"
    r"|alternatives?|reasons?|possibilities|points?)\b",
    re.IGNORECASE,
)

_UNITS: list[tuple[Kind, str]] = [
    ("money", r"元|块钱|块(?!儿)|人民币|美元|欧元|港币|dollars?\b|bucks\b|yuan\b|rmb\b|usd\b|cny\b|euros?\b"),
    ("percent", r"%|个百分点|百分点|percent\b|per\s+cent\b"),
    (
        "duration",
        r"个?工作日|个?自然日|个?小时|个?钟头|分钟|秒钟?|天|日(?!期)|个?星期|个?礼拜|周(?![一二三四五六日天末])|个月"
        r"|(?:business|working|calendar|full|whole)\s+days?\b|days?\b|hours?\b|hrs?\b|h\b|minutes?\b|mins?\b"
        r"|weeks?\b|months?\b|years?\b",
    ),
    (
        "count",
        r"次|个|位|件|张|笔|份|条|项|台|部|遍|趟|回|期|倍|岁|成|折|箱|瓶|包|盒|单|人|家"
        r"|times\b|instal?lments?\b|payments?\b|calls?\b|items?\b|orders?\b|messages?\b|emails?\b",
    ),
    ("number", r"年|月|号|兆|GB\b|MB\b|Mbps\b|M\b|G\b"),
]
_UNIT = "|".join(f"(?P<u_{kind}>{pattern})" for kind, pattern in _UNITS)
_NUM = rf"{ARABIC_MULT}|{ZH_NUMERAL}|{EN_NUMERAL}"
_CURRENCY = r"(?:[$¥€£]|US\$|HK\$|RMB|USD|CNY|EUR|HKD)\s?"
_RANGE_SEP = r"-|–|—|~|〜|到|至|或|\bto\b|\bor\b"
_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_ZH_SMALL = r"\d{1,2}|[一二三四五六七八九十]{1,3}"
_WEEKDAYS_ZH = "一二三四五六日天"
_WEEKDAYS_EN = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_RELDAYS = {
    "大后天": 3, "后天": 2, "明天": 1, "明日": 1, "明早": 1, "明晚": 1, "今天": 0, "今日": 0, "今晚": 0,
    "今早": 0, "当天": 0, "当日": 0, "昨天": -1, "昨日": -1, "昨晚": -1, "前天": -2,
    "tomorrow": 1, "today": 0, "tonight": 0, "yesterday": -1, "same day": 0,
}  # fmt: skip

_SCAN = re.compile(
    "|".join(
        [
            r"(?P<iso>(?P<iy>\d{4})[-/.](?P<im>\d{1,2})[-/.](?P<id>\d{1,2})(?!\d))",
            rf"(?P<zdate>(?:(?P<zy>\d{{4}}|[〇零一二三四五六七八九]{{4}})\s*年\s*)?(?P<zm>{_ZH_SMALL})\s*月份?\s*"
            rf"(?P<zd>{_ZH_SMALL})\s*[日号])",
            rf"(?P<edate>\b(?P<em1>{_MONTH})\.?\s+(?P<ed1>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<ey1>\d{{4}}))?"
            rf"|\b(?P<ed2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<em2>{_MONTH})\b\.?(?:,?\s+(?P<ey2>\d{{4}}))?)",
            *TIME_PATTERNS,
            r"(?P<half>(?:(?P<hn>\d+|[一二两三四五六七八九十]{1,3})\s*个?\s*半|半)\s*个?\s*"
            r"(?P<hu>小时|钟头|月|年|工作日)|\bhalf\s+an?\s+(?P<hu2>hour|day)\b)",
            rf"(?P<ord>\b(?P<ow>{'|'.join(EN_ORDINALS)})\s+(?:(?P<od>day|week|month|year|evening|night|morning|weekend)"
            r"|(?P<oc>time|call|attempt|contact|message|email|visit|complaint|request|reminder))\b)",
            r"(?P<within>\b(?:within|in|for|under|after)\s+(?:an?|one)\s+"
            r"(?P<wu>(?:business\s+|working\s+)?(?:hour|day|week|month|year))\b)",
            r"(?P<pctzh>百分之(?P<pz>[零一二两三四五六七八九十百]+(?:点[零一二三四五六七八九]+)?|\d+(?:\.\d+)?))",
            rf"(?P<num>(?P<cur>{_CURRENCY})?(?P<n1>{_NUM})"
            rf"(?:\s*(?P<rs>{_RANGE_SEP})\s*(?:{_CURRENCY})?(?P<n2>{_NUM}))?"
            rf"(?:\s*(?:多|余|来|\+))?(?:\s*(?:{_UNIT}))?)",
            rf"(?P<wkzh>(?<![零一二两三四五六七八九十\d])(?:周|星期|礼拜)(?P<wz>[{_WEEKDAYS_ZH}]))",
            rf"(?P<wken>\b(?P<we>{'|'.join(_WEEKDAYS_EN)})s?\b)",
            r"(?P<rel>大后天|后天|明天|明日|明早|明晚|今天|今日|今晚|今早|当天|当日|昨天|昨日|昨晚|前天"
            r"|\b(?:the\s+day\s+after\s+tomorrow|tomorrow|today|tonight|yesterday|same\s+day"
            r"|this\s+(?:morning|afternoon|evening)|end\s+of\s+(?:the\s+)?day)\b)",
        ]
    ),
    re.IGNORECASE,
)


def _id_value(token: str, *, digits_only: bool = False) -> str:
    if digits_only:
        return "".join(ch for ch in token if ch.isdigit())
    return re.sub(r"[-_/\s]", "", token).upper()


def _mask(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def _identifiers(text: str) -> tuple[str, list[Quantity]]:
    """Phone numbers and identifiers as ``id`` quantities; URLs and e-mails masked out."""
    found: list[Quantity] = []
    for pattern in (URL, EMAIL):
        for m in pattern.finditer(text):
            text = _mask(text, *m.span())
    for m in PHONE.finditer(text):
        if sum(ch.isdigit() for ch in m.group()) >= 7:
            found.append(Quantity("id", _id_value(m.group(), digits_only=True), m.group().strip()))
            text = _mask(text, *m.span())
    for m in _ID.finditer(text):
        token = m.group()
        if any(ch.isdigit() for ch in token) and not _CURRENCY_ID.match(token):
            found.append(Quantity("id", _id_value(token), token))
            text = _mask(text, *m.span())
    for m in _LONG_DIGITS.finditer(text):
        found.append(Quantity("id", m.group(), m.group()))
        text = _mask(text, *m.span())
    return text, found


def _date(month: int, day: int, text: str) -> list[Quantity]:
    if not (0 <= month <= 12 and 1 <= day <= 31):
        return []
    return [Quantity("date", Decimal(month * 100 + day), text)]


def _small(token: str | None) -> int:
    value = parse_any(token or "")
    return int(value) if value is not None else -1


def _year(token: str | None) -> list[Quantity]:
    value = parse_any(token) if token else None
    return [Quantity("number", value, token or "", "year")] if value is not None else []


def _number_match(m: re.Match[str], text: str) -> list[Quantity]:
    unit_kind: Kind | None = next((kind for kind, _ in _UNITS if m.group(f"u_{kind}") is not None), None)
    unit = m.group(f"u_{unit_kind}") if unit_kind else ""
    kind: Kind = unit_kind or ("money" if m.group("cur") else "number")
    if unit_kind is None and m.group("n1").casefold() == "twice":
        kind = "count"
    ordinal = m.start() > 0 and text[m.start() - 1] == "第"
    if ordinal and unit_kind is None:
        return []
    if kind in ("number", "count") and unit in ("", "个") and _DISCOURSE.match(text, m.end()):
        return []
    tokens = [t for t in (m.group("n1"), m.group("n2")) if t is not None]
    values: list[tuple[str, Decimal | None]] = []
    for token in tokens:
        span = parse_zh_span(token) if unit_kind is not None else None
        values += [(token, v) for v in span] if span else [(token, parse_any(token))]
    out: list[Quantity] = []
    for token, value in values:
        if value is None:
            continue
        word = not token[0].isdigit()
        if word and token[0] in ZH_NUMERAL_CHARS and unit_kind is None and not m.group("cur"):
            continue  # Chinese numerals count only with a unit: 十分抱歉, 千万, 一直
        if word and value == 1 and kind not in ("money", "percent", "duration"):
            continue  # "one of us", 一个问题, 一次
        if unit.startswith("号"):
            out += _date(0, int(value), m.group().strip()) if value == int(value) else []
            continue
        out.append(Quantity(kind, value, m.group().strip(), unit.strip()))
    return out


def _zh_percent(token: str, surface: str) -> list[Quantity]:
    """百分之五十 -> 50, 百分之三点五 -> 3.5."""
    whole, _, frac = token.partition("点")
    value = parse_any(whole)
    if value is None:
        return []
    if frac:
        value += Decimal("0." + "".join(str(parse_zh(c)) for c in frac))
    return [Quantity("percent", value, surface, "%")]


def _scan(text: str) -> list[Quantity]:
    out: list[Quantity] = []
    for m in _SCAN.finditer(text):
        surface = m.group().strip()
        if m.group("iso"):
            out += _date(int(m.group("im")), int(m.group("id")), surface) + _year(m.group("iy"))
        elif m.group("zdate"):
            out += _date(_small(m.group("zm")), _small(m.group("zd")), surface) + _year(m.group("zy"))
        elif m.group("edate"):
            month = _MONTHS[(m.group("em1") or m.group("em2")).casefold()[:3]]
            out += _date(month, int(m.group("ed1") or m.group("ed2")), surface)
            out += _year(m.group("ey1") or m.group("ey2"))
        elif m.group("half"):
            base = _small(m.group("hn")) if m.group("hn") else 0
            out.append(Quantity("duration", Decimal(base) + Decimal("0.5"), surface, m.group("hu") or ""))
        elif m.group("ord"):
            kind: Kind = "duration" if m.group("od") else "count"
            ordinal = Decimal(EN_ORDINALS[m.group("ow").casefold()])
            out.append(Quantity(kind, ordinal, surface, m.group("od") or m.group("oc")))
        elif m.group("within"):
            out.append(Quantity("duration", Decimal(1), surface, m.group("wu")))
        elif m.group("pctzh"):
            out += _zh_percent(m.group("pz"), surface)
        elif m.group("num"):
            out += _number_match(m, text)
        elif m.group("wkzh"):
            out.append(Quantity("weekday", Decimal(min(_WEEKDAYS_ZH.index(m.group("wz")) + 1, 7)), surface))
        elif m.group("wken"):
            out.append(
                Quantity("weekday", Decimal(_WEEKDAYS_EN.index(m.group("we").casefold()) + 1), surface)
            )
        elif m.group("rel"):
            key = re.sub(r"\s+", " ", m.group("rel").casefold())
            days = 2 if "after" in key else 0 if key.startswith(("this", "end")) else _RELDAYS[key]
            out.append(Quantity("relday", Decimal(days), surface))
        else:
            out += time_quantities(m, text)
    return out


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity stated in ``text``, in order of appearance (duplicates kept)."""
    text = unicodedata.normalize("NFKC", _CIRCLED.sub(" ", text))
    text, ids = _identifiers(text)
    text = _LIST_MARKERS.sub(lambda m: " " * len(m.group()), text)
    return ids + _scan(text)


def extract_quantities(text: str) -> set[Quantity]:
    """The set of normalised quantities ``text`` states."""
    return set(find_quantities(text))


__all__ = ["Quantity", "extract_quantities", "find_quantities"]
