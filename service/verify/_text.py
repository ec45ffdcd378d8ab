"""Text normalisation and the comparison units the checks share.

Chinese text is compared by character bigrams, English text by content words
(lower-cased, lightly stemmed, stopwords removed, number words as digits).
"""

from __future__ import annotations

import re
import unicodedata

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_ASCII_TOKEN = re.compile(r"[a-z0-9]+")
_SPACE = re.compile(r"\s+")

# Function characters dropped before Chinese bigrams are formed.
_ZH_FUNCTION_CHARS = frozenset("的了地得着过吗呢吧啊呀嘛哦您你我他她它们这那是在也都就很把被给让和与及")
# Bigrams that carry no specific content: feelings, politeness, filler.
_ZH_STOP_TEXT = """
    理解 明白 知道 感受 心情 体会 非常 特别 真的 确实 的确 实在 一直 已经 还没 没有 一下 一个
    这个 这样 那个 问题 情况 事情 着急 担心 焦虑 生气 不满 失望 烦躁 难受 抱歉 歉意 感谢 谢谢
    麻烦 辛苦 不好 意思 可以 能够 需要 希望 帮助 处理 服务 客户 客服 马上 现在 时候 还是 所以
    因为 如果 但是 不过 而且 感觉 觉得
"""
_ZH_STOP_BIGRAMS = frozenset(_ZH_STOP_TEXT.split())
_ZH_DIGIT = dict(zip("一二两三四五六七八九", "1223456789", strict=True))
_ZH_SMALL_NUMERAL = re.compile(r"[一二两三四五六七八九](?=[次个天日小周月年位件元块遍趟回笔张份])")

EN_NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "twice": 2,
}  # fmt: skip

_EN_STOP_TEXT = """
    a about above after again against all am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have
    having he her here hers him his how i if in into is it its itself just me more most my myself no nor
    not now of off on once only or other our ours out over own same she should so some such than that
    the their theirs them then there these they this those through to too under until up very was we
    were what when where which while who whom why will with would you your yours yourself yourselves let
    lets im ive youre youve weve were dont doesnt didnt isnt arent wasnt werent cant couldnt wont
    wouldnt shouldnt hasnt havent hadnt thats theres also still yet even really truly completely totally
    quite so much many sorry apologize apologise apology apologies understand understanding feel feeling
    felt know hear heard sound sounds must like get got make made take want need see look looking help
    thank thanks please frustrating frustrated frustration upset upsetting worried worry worrying
    concern concerned anxious angry annoying annoyed disappointed disappointing stressful stress
    unacceptable inconvenience experience situation issue issues problem problems matter customer
    customers service team dear hi hello sure certainly definitely absolutely right way thing things
    time lot ca wo sha
"""
_EN_STOPWORDS = frozenset(_EN_STOP_TEXT.split())
_CONTRACTION = re.compile(r"n't\b|'(?:s|re|ve|ll|d|m)\b")


def normalize(text: str) -> str:
    """NFKC (full-width to half-width), unified apostrophes, collapsed whitespace."""
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'")
    return _SPACE.sub(" ", text).strip()


def has_cjk(text: str) -> bool:
    return bool(CJK.search(text))


def compact(text: str) -> str:
    """Case-folded text without whitespace or punctuation, for containment tests."""
    return "".join(ch for ch in normalize(text).casefold() if ch.isalnum())


def _stem(word: str) -> str:
    if word.isdigit() or len(word) <= 4:
        return word
    for suffix, repl in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: len(word) - len(suffix)] + repl
    return word


def en_units(text: str) -> set[str]:
    """Content-word stems of English text (number words become digits)."""
    lowered = _CONTRACTION.sub("", normalize(text).casefold())
    units: set[str] = set()
    for token in _ASCII_TOKEN.findall(lowered):
        if token in EN_NUMBER_WORDS:
            units.add(str(EN_NUMBER_WORDS[token]))
        elif token not in _EN_STOPWORDS and (len(token) > 1 or token.isdigit()):
            units.add(_stem(token))
    return units


def zh_units(text: str) -> set[str]:
    """Content bigrams of Chinese text, plus its Latin-letter and digit tokens."""
    text = normalize(text).casefold().replace("你", "您")
    text = _ZH_SMALL_NUMERAL.sub(lambda m: _ZH_DIGIT[m.group()], text)
    units: set[str] = {t for t in _ASCII_TOKEN.findall(text) if len(t) > 1 or t.isdigit()}
    # Digits glued to Chinese (2次, 3天) count as part of the Chinese run.
    for run in re.findall(r"[0-9\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+", text):
        chars = [c for c in run if c not in _ZH_FUNCTION_CHARS]
        units.update(
            bigram
            for bigram in ("".join(chars[i : i + 2]) for i in range(len(chars) - 1))
            if bigram not in _ZH_STOP_BIGRAMS and not bigram.isdigit()
        )
    return units


def units(text: str, *, chinese: bool | None = None) -> set[str]:
    """Comparison units of ``text``: Chinese bigrams when ``chinese`` (default: text has CJK)."""
    if chinese is None:
        chinese = has_cjk(text)
    return zh_units(text) if chinese else en_units(text)


def cjk_runs(text: str) -> list[str]:
    return _CJK_RUN.findall(text)
