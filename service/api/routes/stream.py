"""``POST /rewrite/stream``: the same rewrite as ``/rewrite``, as Server-Sent Events while the chain runs.

One SSE event per chain event (``emotion``, ``empathy``, ``plan``, ``reply``, ``checks``, ``error``) and a
final ``done`` event whose data is exactly the ``/rewrite`` response. Validation (422) and the size guard
(413) answer with problem+json before the stream starts. A comment line is sent every
:data:`PING_INTERVAL_S` seconds so proxies keep the connection open, and a client that goes away cancels
the chain (and with it the model calls in flight).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import AsyncGenerator, AsyncIterator, Callable
from typing import Annotated, Any

from fastapi import APIRouter, Body, Request, Response
from fastapi.responses import StreamingResponse
from starlette.types import Receive, Scope, Send

from service.api._admission import Ticket
from service.api._examples import REWRITE_EXAMPLES
from service.api._serve import CLIENT_CLOSED, Serving, admit, budgeted, chain_request, finish, until_disconnect
from service.api.deps import ServingDep, guard_request
from service.api.problems import problems
from service.chain import ChainDeps, rewrite
from service.language import request_language
from service.observability import INTERNAL_ERROR
from service.schemas import ChainEvent, RewriteRequest, RewriteResponse

log = logging.getLogger("tactful.api.stream")

router = APIRouter(tags=["rewrite"])

PING_INTERVAL_S = 10.0
"""Seconds between keep-alive comment lines while no event is ready."""

SSE_HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}

SSE_EVENT_SCHEMA = {
    "type": "object",
    "description": "One Server-Sent Event: its type and one line of JSON data.",
    "properties": {
        "event": {"type": "string", "enum": ["emotion", "empathy", "plan", "reply", "checks", "done", "error"]},
        "data": {"type": "string", "description": "compact JSON; for `done`, the /rewrite response"},
    },
}

_END = None

_PENDING: set[asyncio.Task[Any]] = set()
"""Cancelled tasks still winding down (asyncio keeps only weak references to tasks)."""


def sse_event(event: ChainEvent) -> str:
    """``event: <type>`` and one ``data:`` line of compact JSON (JSON text never contains a raw newline)."""
    data = json.dumps(event.data, ensure_ascii=False, separators=(",", ":"))
    return f"event: {event.type}\ndata: {data}\n\n"


def _internal_failure(body: RewriteRequest) -> list[ChainEvent]:
    """The events sent if the chain itself breaks (a bug, not a model error): the draft, degraded."""
    warning = "degraded: an internal error stopped the rewrite, so this is your original draft."
    response = RewriteResponse(
        reply=body.draft,
        locale=request_language(body),
        degraded=True,
        degraded_reason=INTERNAL_ERROR,
        warnings=[warning],
    )
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


Finish = Callable[[dict[str, Any]], dict[str, Any]]


async def _forever() -> None:
    await asyncio.Event().wait()


PING = None
"""What :func:`relay` yields when no event was ready for :data:`PING_INTERVAL_S` seconds."""


async def relay(
    body: RewriteRequest, deps: ChainDeps, request: Request, on_done: Finish | None = None
) -> AsyncGenerator[ChainEvent | None, None]:
    """Run the chain in a task and relay its events (:data:`PING` while none is ready); cancel it if the
    client goes away.

    Below ASGI spec 2.4 Starlette's StreamingResponse listens for the disconnect itself and cancels the
    response's generator (whose ``finally`` cancels the chain); from 2.4 on, a watcher task here does the
    listening. Only one of them may call ``receive``: two concurrent receivers can steal each other's messages.
    """
    queue: asyncio.Queue[ChainEvent | None] = asyncio.Queue()
    chain = asyncio.create_task(_run_chain(body, deps, queue))
    watch = _server_reports_disconnect_on_send(request)
    gone = asyncio.create_task(_client_gone(request) if watch else _forever())
    getter: asyncio.Task[ChainEvent | None] | None = None
    try:
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
                yield PING
                continue
            event = getter.result()
            if event is _END:
                return
            if event.type == "done" and on_done is not None:
                event = ChainEvent(type="done", data=on_done(event.data))
            yield event
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


Relayed = AsyncGenerator[ChainEvent | None, None]
Render = Callable[[Relayed], AsyncIterator[str]]
"""Turns the relayed chain events into the bytes of one kind of stream (ours, or OpenAI's chunks)."""


async def tactful_events(events: Relayed) -> AsyncIterator[str]:
    """``/rewrite/stream``'s own format: one SSE event per chain event, comments to keep the line open."""
    async with contextlib.aclosing(events):
        yield ": stream open\n\n"
        async for event in events:
            yield ": ping\n\n" if event is PING else sse_event(event)


class AdmittedStream(StreamingResponse):
    """A stream that holds its place in flight until its last byte (or its client's departure)."""

    def __init__(self, content: AsyncIterator[str], ticket: Ticket) -> None:
        super().__init__(content, media_type="text/event-stream", headers=SSE_HEADERS)
        self.ticket = ticket

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            self.ticket.release()


@router.post(
    "/rewrite/stream",
    summary="Rewrite an agent's draft, streamed as Server-Sent Events",
    description="Same body as `/rewrite`. Events, in order of completion: `emotion`, `plan`, `empathy`, "
    "`reply` (again with `revised: true` after a revision), `checks`, then `done` whose data is exactly the "
    "`/rewrite` response. When the model fails, an `error` event carries the draft (`degraded: true`) before "
    "`done`. Lines starting with `:` are keep-alive comments. Closing the connection cancels the rewrite. "
    "Beyond the service's capacity and queue the answer is 429 with `Retry-After`, before the stream starts.",
    response_class=StreamingResponse,
    responses={
        200: {"content": {"text/event-stream": {"schema": SSE_EVENT_SCHEMA}}},
        **problems(401, 403, 413, 422, 429),
    },
)
async def rewrite_stream(
    body: Annotated[RewriteRequest, Body(openapi_examples=REWRITE_EXAMPLES)], serving: ServingDep
) -> Response:
    guard_request(body, serving.settings)
    return await open_stream(body, serving, tactful_events)


async def open_stream(body: RewriteRequest, serving: Serving, render: Render) -> Response:
    """Admit (429 before any byte), then stream the chain's events through ``render``; the place in flight
    is held until the last byte. The ``done`` event carries the finished ``/rewrite`` response."""
    case = chain_request(body, serving)
    admitting = admit(serving.principal, serving.admission, serving.limiter)
    stayed, ticket = await until_disconnect(admitting, serving.request)
    if not stayed or ticket is None:
        return Response(status_code=CLIENT_CLOSED)

    def on_done(data: dict[str, Any]) -> dict[str, Any]:
        response = RewriteResponse.model_validate(data)
        done = finish(
            body, response, ticket=ticket, settings=serving.settings, ids=serving.ids, metrics=serving.metrics
        )
        return done.model_dump(mode="json")

    events = relay(case, budgeted(serving.deps, ticket), serving.request, on_done)
    return AdmittedStream(render(events), ticket)
