"""Why a rewrite came back degraded, as one short name for responses, logs, metrics and traces."""

from __future__ import annotations

from service.schemas import RewriteResponse

CHAIN_TIMEOUT = "chain_timeout"
INTERNAL_ERROR = "internal_error"


def degraded_reason(response: RewriteResponse, chain_timeout_s: float) -> str | None:
    """``None`` for a rewrite that was not degraded; else the kind of the first step that failed for good
    (``model_unavailable``, ``model_timeout``, ``context_overflow``, ``invalid_output`` ...), ``chain_timeout``
    when the whole budget ran out first, ``no_reply`` when no step failed but no reply was made."""
    if not response.degraded:
        return None
    if response.degraded_reason:
        return response.degraded_reason
    for entry in response.trace:
        if not entry.ok and entry.error_kind:
            return entry.error_kind
    if response.elapsed_ms >= chain_timeout_s * 1000 - 50:
        return CHAIN_TIMEOUT
    return "no_reply"
