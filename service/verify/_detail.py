"""Check details: offending items are quoted «like this» so revision notes can quote them back."""

from __future__ import annotations

import re
from collections.abc import Iterable

_ITEM = re.compile(r"«([^«»]*)»")


def quote(item: object) -> str:
    return "«" + str(item).replace("«", '"').replace("»", '"') + "»"


def items(values: Iterable[object]) -> str:
    """``«a», «b»`` without duplicates, in order."""
    return ", ".join(quote(v) for v in dict.fromkeys(str(v) for v in values))


def parse_items(detail: str) -> list[str]:
    """The quoted items of a detail string."""
    return _ITEM.findall(detail)
