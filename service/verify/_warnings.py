"""The public warnings for failed checks: the one place a check result becomes a warning line.

A hard failure (the final gate) says what the failure means (``HARD_CHECKS``) and the check's detail,
which the check rendered from its findings; a soft failure names the check and its detail.
"""

from __future__ import annotations

from service.schemas import Check
from service.verify._gate import HARD_CHECKS


def check_warnings(checks: list[Check]) -> list[str]:
    """Gate lines for the failed hard checks first, then one line per failed soft check, in order."""
    gate = [f"final gate: {c.name}: {HARD_CHECKS[c.name]} ({c.detail})." for c in checks if c.hard and not c.passed]
    soft = [f"check '{c.name}' failed: {c.detail}" for c in checks if not c.hard and not c.passed]
    return gate + soft
