"""Fast shape: the draft's own content in a respectful register; runs from the start, needs only the draft."""

from __future__ import annotations

from service.chain._call import call_model
from service.chain._deps import ChainDeps
from service.chain._outputs import SoftenOut
from service.chain._render import LANGUAGE_NAMES, fenced
from service.chain._state import RewriteState
from service.verify import strip_injected


async def soften(state: RewriteState, deps: ChainDeps) -> RewriteState:
    out = await call_model(
        state,
        deps,
        step="compose",
        prompt_name="soften",
        schema_name="soften",
        output=SoftenOut,
        values={
            "draft": fenced(strip_injected(state.request.draft)),
            "language": LANGUAGE_NAMES[state.language],
            "channel": state.request.channel,
        },
        required=False,
    )
    if out is not None:
        state.body = out.text.strip()
    return state
