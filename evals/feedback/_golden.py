"""One feedback record -> one golden case in the eval suite's format (``evals/golden/*.yaml``).

A record becomes a case when the agent stood behind a reply: they accepted it (as edited) or rated it
up. The case's ``reference`` is the edited reply if there is one, else the service's reply. The rest
is derived from what the service found, kept only where the eval suite can check it:

- ``emotions``: the detected label (a record without one gives no case);
- ``details``: evidence quotes and empathy details that occur in the customer's own words;
- ``need``: the longest pieces of the detected core need that the reference reply repeats;
- ``keep``: the draft's figures that the reference reply keeps.

Cases are drafts for a person to review before they join the golden set (``notes`` says so).
"""

from __future__ import annotations

import re
from typing import Any

from evals._text import find_phrase
from service.feedback import FeedbackRecord
from service.verify import text_facts

THEME = "feedback"
_ID_UNSAFE = re.compile(r"[^a-z0-9-]+")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]{3,}")


class NoCase(Exception):
    """Why a record gives no golden case."""


def case_id(record: FeedbackRecord) -> str:
    name = record.id if record.key == "anonymous" else f"{record.key}-{record.id}"
    return ("feedback-" + _ID_UNSAFE.sub("-", name.lower()).strip("-"))[:64].rstrip("-")


def case_tags(record: FeedbackRecord) -> list[str]:
    tags = ["feedback", record.request.channel]
    if record.rating:
        tags.append(f"rated-{record.rating}")
    if record.accepted:
        tags.append("accepted")
    if record.final_reply and record.final_reply.strip() != record.response.reply.strip():
        tags.append("edited")
    return tags


def common_pieces(need: str, reply: str, *, limit: int = 3) -> list[str]:
    """Pieces of ``need`` that ``reply`` repeats: runs of 2+ Han characters, or words of 4+ letters."""
    pieces: list[str] = []
    if _HAN.search(need):
        i = 0
        while i < len(need):
            best = ""
            for j in range(i + 2, len(need) + 1):
                chunk = need[i:j]
                if not all(_HAN.match(ch) for ch in chunk) or chunk not in reply:
                    break
                best = chunk
            if best:
                pieces.append(best)
                i += len(best)
            else:
                i += 1
    else:
        lower = reply.lower()
        pieces = [w for w in _WORD.findall(need) if w.lower() in lower]
    unique = list(dict.fromkeys(pieces))
    return sorted(unique, key=len, reverse=True)[:limit]


def golden_case(record: FeedbackRecord) -> dict[str, Any]:
    """The golden case a record gives, as plain data; raises :class:`NoCase` when there is none."""
    if not (record.accepted or record.rating == "up"):
        raise NoCase("not accepted and not rated up")
    req, resp = record.request, record.response
    reference = record.reference_reply.strip()
    if reference == req.draft.strip():
        raise NoCase("the reference reply is the unchanged draft")
    if resp.emotion is None:
        raise NoCase("no emotion was detected")
    customer_text = " ".join([req.customer_message, *(t.text for t in req.history if t.role == "customer")])
    candidates = [*resp.emotion.evidence, *(resp.empathy.details if resp.empathy else [])]
    details = [d for d in dict.fromkeys(candidates) if find_phrase((d,), customer_text) is not None]
    if not details:
        raise NoCase("no detail found in the customer's own words")
    core = resp.core_need or (resp.plan[0].action if resp.plan else "")  # the step for the core need
    need = common_pieces(core, reference) or ([core] if core else [])
    if not need:
        raise NoCase("no core need was detected")
    keep = [q.text for q in text_facts(req.draft).quantities if q.text and find_phrase((q.text,), reference)]
    note = f"From agent feedback ({record.updated_at}); review before adding to the golden set."
    return {
        "id": case_id(record),
        "language": resp.locale,
        "tags": case_tags(record),
        "request": req.model_dump(mode="json", exclude_defaults=True),
        "emotions": [resp.emotion.label],
        "details": details,
        "need": ["|".join(need)],
        "keep": list(dict.fromkeys(keep)),
        "reference": reference,
        "notes": f"{note} Agent's reason: {record.reason}" if record.reason else note,
    }
