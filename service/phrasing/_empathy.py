"""The empathy sentence: the customer's situation, in the agent's voice, inside a frame for their feeling.

The model gives the situation in a few words; :func:`situation_problem` says why it cannot be used
(the customer's own sentence copied, third person, a question, an injected instruction, a figure the
customer never gave, a stock phrase). The frame comes from the phrasing bank, chosen by emotion.
"""

from __future__ import annotations

import re

from service.phrasing._bank import load_bank, pick
from service.phrasing._clauses import capitalize, decapitalize, strip_end
from service.phrasing._voice import customer_to_agent, first_person, third_person
from service.schemas import Language
from service.verify import find_platitudes, text_facts, unsupported
from service.verify._harm import find_harm

_ZH_FILLER = re.compile(r"真的|实在|简直|居然|竟然|啊|呀|吧|嘛|哦|呵呵|！|!")
_EN_FILLER = re.compile(r"\b(?:honestly|literally|really|just|seriously)\b\s*", re.I)
_FAMILY = re.compile(
    r"\b(?:father|dad|mother|mum|mom|son|daughter|husband|wife|partner|grandson|granddaughter|grandad|grandma|"
    r"brother|sister|child|baby|boy|girl|friend|neighbour|technician|engineer|driver)\b"
    r"|爸|妈|父亲|母亲|儿子|女儿|孩子|老公|老婆|丈夫|妻子|爷爷|奶奶|外婆|外公|孙子|孙女|宝宝|师傅|骑手|快递员|店长",
    re.I,
)
_PRONOUNS = {"he", "she", "him", "his", "her", "hers", "himself", "herself", "他", "她", "他们", "她们"}
_QUESTION = re.compile(
    r"什么时候|怎么办|为什么|凭什么|到底|吗$|呢$|^(?:why|how|when|what|where)\b"
    r"|^(?:can|could|would|will|is|are|do|does|did|should|may)\s+(?:i|you|we|it|this|my|your|there)\b",
    re.I,
)
_MORAL = re.compile(r"\bit'?s important to\b|\byou should\b|\byou need to\b|\bplease\b|您应该|您需要|请您|建议您", re.I)


def _squash(text: str) -> str:
    return re.sub(r"[\s\W_]+", "", text).lower()


def longest_copy(text: str, source: str, language: Language) -> int:
    """Length of the longest run of ``text`` copied verbatim from ``source`` (zh: characters, en: words)."""
    if language == "zh":
        a, b = _squash(text), _squash(source)
        best = 0
        for i in range(len(a)):
            j = i + best + 1
            while j <= len(a) and a[i:j] in b:
                best = j - i
                j += 1
        return best
    wa = re.findall(r"[a-z0-9£$€%']+", text.lower())
    wb = " " + " ".join(re.findall(r"[a-z0-9£$€%']+", source.lower())) + " "
    best = 0
    for i in range(len(wa)):
        j = i + best + 1
        while j <= len(wa) and " " + " ".join(wa[i:j]) + " " in wb:
            best = j - i
            j += 1
    return best


def copied_share(text: str, source: str, language: Language) -> float:
    """Share of ``text`` covered by runs copied verbatim from ``source`` (zh: 6+ chars, en: 4+ words)."""
    if language == "zh":
        a, b = _squash(text), _squash(source)
        n = 6
        covered = [False] * len(a)
        for i in range(len(a) - n + 1):
            if a[i : i + n] in b:
                for j in range(i, i + n):
                    covered[j] = True
        return sum(covered) / len(a) if a else 0.0
    wa = re.findall(r"[a-z0-9£$€%']+", text.lower())
    wb = " " + " ".join(re.findall(r"[a-z0-9£$€%']+", source.lower())) + " "
    n = 4
    cov = [False] * len(wa)
    for i in range(len(wa) - n + 1):
        if " " + " ".join(wa[i : i + n]) + " " in wb:
            for j in range(i, i + n):
                cov[j] = True
    return sum(cov) / len(wa) if wa else 0.0


_ZH_LIGHT = set("的了地得着过吗呢吧啊呀嘛哦您你我他她它们这那是在也都就很把被给让和与及又还已经一个")
_EN_LIGHT = {
    "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "from", "by", "your",
    "you", "my", "i", "is", "are", "was", "were", "be", "been", "has", "have", "had", "it", "this", "that",
    "after", "before", "since", "over", "than", "into", "out", "about", "as",
}  # fmt: skip


def grounded_share(text: str, source: str, language: Language) -> float:
    """Share of ``text``'s content (Chinese character pairs, English words) found in ``source``."""
    if language == "zh":
        a = "".join(ch for ch in text if "\u4e00" <= ch <= "\u9fff" and ch not in _ZH_LIGHT)
        b = "".join(ch for ch in source if "\u4e00" <= ch <= "\u9fff")
        grams = {a[i : i + 2] for i in range(len(a) - 1)} or ({a} if a else set())
        if not grams:
            return 1.0
        chars = set(b)
        return sum(1 for g in grams if g in b or all(ch in chars for ch in g)) / len(grams)
    words = [w for w in re.findall(r"[a-z0-9£$€%]+", text.lower()) if w not in _EN_LIGHT]
    pool = " ".join(re.findall(r"[a-z0-9£$€%]+", source.lower()))
    stems = {w[:5] for w in pool.split()}
    if not words:
        return 1.0
    return sum(1 for w in words if w in pool or w[:5] in stems) / len(words)


def clean_situation(text: str, language: Language) -> str:
    """The model's phrase tidied: quotes and end marks off, the customer's "I" turned to "you"."""
    raw = text.strip().strip("\"'“”‘’「」")
    asks = raw.rstrip("。.!！ ").endswith(("?", "？"))
    text = strip_end(raw) + ("？" if asks else "")
    if first_person(text, language):
        text = customer_to_agent(text, language)
    if language == "zh":
        text = _ZH_FILLER.sub("", text)
        parts = [p for p in re.split(r"[，、；]", text) if p.strip()]
        text = "，".join(parts[:3]) if len(text) > 30 else text
    else:
        text = _EN_FILLER.sub("", text)
        parts = [p for p in re.split(r",\s*", text) if p.strip()]
        text = ", ".join(parts[:2]) if len(text.split()) > 16 else text
    return re.sub(r"\s{2,}", " ", text).strip(" ，,")


def situation_problem(text: str, customer_message: str, injected: str, language: Language) -> str | None:
    """Why ``text`` (already cleaned) cannot stand in the empathy sentence, or None."""
    if not text:
        return "it is empty"
    size = len(_squash(text)) if language == "zh" else len(text.split())
    low, high = (4, 45) if language == "zh" else (3, 24)
    if not low <= size <= high:
        return f"it is {'too short' if size < low else 'too long'}"
    if language == "zh" and not re.search(r"[\u4e00-\u9fff]", text):
        return "it is not in Chinese"
    if language == "en" and re.search(r"[\u4e00-\u9fff]", text):
        return "it is not in English"
    family = _FAMILY.search(customer_message)
    third = [w for w in third_person(text, language) if not (family and w.lower() in _PRONOUNS)]
    if third:
        return "it talks about the customer instead of to them"
    if "?" in text or "？" in text or _QUESTION.search(text):
        return "it is a question"
    if _MORAL.search(text):
        return "it tells the customer what to do"
    if find_platitudes(text) or find_harm(
        text, language, frozenset({"stock", "stall", "pressure", "defence", "blame"})
    ):
        return "it uses a stock or pressuring phrase"
    if injected.strip() and copied_share(text, injected, language) > 0.3:
        return "it repeats an instruction hidden in the message"
    if unsupported(text_facts(text).quantities, text_facts(customer_message).quantities):
        return "it states a figure the customer did not give"
    framed = empathy_sentence(text, "neutral", language, seed="")
    run = longest_copy(framed, customer_message, language)
    whole = len(_squash(framed)) if language == "zh" else len(framed.split())
    if run >= (18 if language == "zh" else 9) or (run >= (12 if language == "zh" else 6) and run >= 0.6 * whole):
        return "it copies the customer's own sentence"
    return None


_KIN_WORDS = (
    r"husband|wife|partner|mother|mum|mom|father|dad|son|daughter|brother|sister|grandmother|grandfather|"
    r"gran|grandma|grandad|grandpa|nan|aunt|uncle|friend|baby|child|he|she"
)
_ZH_KIN = (
    r"爸|妈|父亲|母亲|爷爷|奶奶|外公|外婆|姥姥|姥爷|老伴|丈夫|老公|妻子|老婆|儿子|女儿|孩子|宝宝|哥|姐|弟|妹|"
    r"朋友|猫|狗"
)
GRIEF = re.compile(
    rf"passed away|\b(?:{_KIN_WORDS})(?:\s+(?:has|had|just|sadly|suddenly|recently))*\s+(?:died|was killed)\b"
    rf"|\b(?:{_KIN_WORDS}),?\s+who\s+(?:died|passed)\b"
    r"|\bdeath of\b|\bdeath certificate\b"
    rf"|\blate (?:{_KIN_WORDS})\b|已故|亡夫|亡妻|先夫|遗物"
    r"|bereave|\bashes\b|\bfuneral\b|\bmemorial (?:service|reception)\b|\bhis urn\b|\bher urn\b"
    r"|去世|过世|离世|病逝|追悼会|葬礼|骨灰|告别仪式|丧事|后事"
    rf"|(?:{_ZH_KIN})[^，。！？]{{0,6}}(?:走了(?=[，。！]|$)|不在了)",
    re.I,
)


def empathy_sentence(situation: str | None, emotion: str, language: Language, seed: str, *, grief: bool = False) -> str:
    """One sentence: the situation inside a frame for ``emotion`` (condolence first after a death);
    the plain frame without a situation."""
    bank = load_bank()
    if not situation:
        return bank.plain(language, emotion)
    frames = bank.options("empathy_grief", language) if grief else bank.frames(language, emotion)
    frame = pick(frames, seed, "empathy")
    if language == "zh":
        return frame.format(s=situation)
    before = frame.split("{s}", 1)[0].rstrip()
    starts = not before or before[-1] in ".!?"
    s = capitalize(situation) if starts else decapitalize(situation)
    return capitalize(frame.format(s=s))
