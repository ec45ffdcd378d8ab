"""``POST /rewrite/stream``: the same rewrite as ``/rewrite``, as Server-Sent Events while the chain runs.

One SSE event per chain event (``emotion``, ``empathy``, ``plan``, ``reply``, ``checks``, ``error``) and a
final ``done`` event whose data is exactly the ``/rewrite`` response. Validation (422) and the size guard
(413) answer with problem+json before the stream starts. A comment line is sent every
:data:`PING_INTERVAL_S` seconds so proxies keep the connection open, and a client that goes away cancels
the chain (and with it the model calls in flight).
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import APIRouter, Body, Request
from fastapi.responses import StreamingResponse

from service.api._examples import REWRITE_EXAMPLES
from service.api.deps import ChainDepsDep, SettingsDep, guard_request
from service.api.problems import PROBLEM_SCHEMA
from service.chain import ChainDeps, rewrite
from service.language import detect_language
from service.schemas import ChainEvent, Language, RewriteRequest, RewriteResponse

log = logging.getLogger("tactful.api.stream")

router = APIRouter(tags=["rewrite"])

PING_INTERVAL_S = 10.0
"""Seconds between keep-alive comment lines while no event is ready."""

SSE_HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}

_END = None

_PENDING: set[asyncio.Task[Any]] = set()
"""Cancelled tasks still winding down (asyncio keeps only weak references to tasks)."""


def sse_event(event: ChainEvent) -> str:
    """``event: <type>`` and one ``data:`` line of compact JSON (JSON text never contains a raw newline)."""
    data = json.dumps(event.data, ensure_ascii=False, separators=(",", ":"))
    return f"event: {event.type}\ndata: {data}\n\n"


def _language(body: RewriteRequest) -> Language:
    if body.locale == "zh":
        return "zh"
    if body.locale == "en":
        return "en"
    return detect_language(body.customer_message)


def _internal_failure(body: RewriteRequest) -> list[ChainEvent]:
    """The events sent if the chain itself breaks (a bug, not a model error): the draft, degraded."""
    warning = "degraded: an internal error stopped the rewrite, so this is your original draft."
    response = RewriteResponse(reply=body.draft, locale=_language(body), degraded=True, warnings=[warning])
    return [
        ChainEvent(type="error", data={"reply": body.draft, "warnings": [warning], "degraded": True}),
        ChainEvent(type="done", data=response.model_dump(mode="json")),
    ]


async def _run_chain(body: RewriteRequest, deps: ChainDeps, queue: asyncio.Queue[ChainEvent | None]) -> None:
    try:
        await rewrite(body, deps, emit=queue.put)
    except Exception:
        log.exception("the rewrite chain failed unexpectedly")
        for event in _internal_failure(body):
            await queue.put(event)
    finally:
        queue.put_nowait(_END)


def _server_reports_disconnect_on_send(request: Request) -> bool:
    """ASGI spec 2.4+: Starlette no longer listens for ``http.disconnect`` while streaming, so we must."""
    spec = request.scope.get("asgi", {}).get("spec_version", "2.0")
    return tuple(int(p) for p in spec.split(".")) >= (2, 4)


async def _client_gone(request: Request) -> None:
    """Return when the client disconnects (the body has been read, so nothing else can arrive)."""
    while True:
        message = await request.receive()
        if message["type"] == "http.disconnect":
            return


async def _forever() -> None:
    await asyncio.Event().wait()


async def event_stream(body: RewriteRequest, deps: ChainDeps, request: Request) -> AsyncIterator[str]:
    """Run the chain in a task and relay its events; cancel it if the client goes away.

    Below ASGI spec 2.4 Starlette's StreamingResponse listens for the disconnect itself and cancels this
    generator (whose ``finally`` cancels the chain); from 2.4 on, a watcher task here does the listening.
    Only one of them may call ``receive``: two concurrent receivers can steal each other's messages.
    """
    queue: asyncio.Queue[ChainEvent | None] = asyncio.Queue()
    chain = asyncio.create_task(_run_chain(body, deps, queue))
    watch = _server_reports_disconnect_on_send(request)
    gone = asyncio.create_task(_client_gone(request) if watch else _forever())
    getter: asyncio.Task[ChainEvent | None] | None = None
    try:
        yield ": stream open\n\n"
        while True:
            getter = asyncio.create_task(queue.get())
            done, _ = await asyncio.wait(
                {getter, gone}, timeout=PING_INTERVAL_S, return_when=asyncio.FIRST_COMPLETED
            )
            if gone in done:
                getter.cancel()
                log.info("client disconnected; cancelling the rewrite")
                return
            if getter not in done:
                getter.cancel()
                yield ": ping\n\n"
                continue
            event = getter.result()
            if event is _END:
                return
            yield sse_event(event)
    finally:
        # Cancel once and do not await: this generator may itself be under (repeated) cancellation, and
        # awaiting the chain would forward every one of those cancels into it, interrupting the HTTP
        # client's clean-up of the model calls (their connections would stay open). The tasks finish
        # on their own; _PENDING holds them until then.
        for task in (chain, gone, getter):
            if task is not None and not task.done():
                task.cancel()
                _PENDING.add(task)
                task.add_done_callback(_PENDING.discard)


@router.post(
    "/rewrite/stream",
    summary="Rewrite an agent's draft, streamed as Server-Sent Events",
    description="Same body as `/rewrite`. Events, in order of completion: `emotion`, `plan`, `empathy`, "
    "`reply` (again with `revised: true` after a revision), `checks`, then `done` whose data is exactly the "
    "`/rewrite` response. When the model fails, an `error` event carries the draft (`degraded: true`) before "
    "`done`. Lines starting with `:` are keep-alive comments. Closing the connection cancels the rewrite.",
    response_class=StreamingResponse,
    responses={
        200: {"content": {"text/event-stream": {"schema": {"type": "string"}}}},
        413: PROBLEM_SCHEMA,
        422: PROBLEM_SCHEMA,
    },
)
async def rewrite_stream(
    body: Annotated[RewriteRequest, Body(openapi_examples=REWRITE_EXAMPLES)],
    request: Request,
    deps: ChainDepsDep,
    settings: SettingsDep,
) -> StreamingResponse:
    guard_request(body, settings)
    return StreamingResponse(
        event_stream(body, deps, request), media_type="text/event-stream", headers=SSE_HEADERS
    )
