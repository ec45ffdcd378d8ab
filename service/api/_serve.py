"""What both rewrite routes do around the chain: admit, stop when the client goes, finish the answer.

``admit`` applies the key's rate and takes a place in flight (or in the queue); ``until_disconnect`` runs a
coroutine and cancels it (and with it every model call) when the client closes the connection;
``budgeted`` gives the chain what the queue wait left of its budget, so every admitted rewrite ends
inside ``TACTFUL_CHAIN_TIMEOUT_S`` from its arrival; ``finish`` puts the queue wait first in the trace,
names why a draft came back degraded, signs the server-issued ``id``, and records the outcome in the
request's log line and the metrics.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Coroutine
from dataclasses import dataclass
from typing import Any, TypeVar

from fastapi import Request

from service.api._admission import Admission, Ticket
from service.api._auth import Principal
from service.api._rates import KeyRate
from service.chain import ChainDeps, rewrite
from service.errors import InputError
from service.feedback import RewriteIds
from service.observability import Metrics, current_request, degraded_reason
from service.schemas import RewriteRequest, RewriteResponse, TraceEntry
from service.settings import Settings

T = TypeVar("T")

CLIENT_CLOSED = 499
"""Status logged for a request whose client went away before the answer (nginx's convention)."""


@dataclass(frozen=True)
class Serving:
    """What every rewrite route (``/rewrite``, ``/rewrite/stream``, ``/v1/chat/completions``) runs the chain with."""

    request: Request
    principal: Principal
    deps: ChainDeps
    settings: Settings
    admission: Admission
    limiter: KeyRate | None
    ids: RewriteIds
    metrics: Metrics


async def admit(principal: Principal, admission: Admission, limiter: KeyRate | None) -> Ticket:
    if limiter is not None:
        await limiter.check(principal.name)
    return await admission.acquire()


async def client_gone(request: Request) -> None:
    """Return when the client disconnects (the body has been read, so nothing else can arrive)."""
    while True:
        message = await request.receive()
        if message["type"] == "http.disconnect":
            return


async def until_disconnect(work: Coroutine[Any, Any, T], request: Request) -> tuple[bool, T | None]:
    """``(True, result)``, or ``(False, None)`` after cancelling ``work`` because the client went away."""
    task = asyncio.ensure_future(work)
    gone = asyncio.ensure_future(client_gone(request))
    try:
        await asyncio.wait({task, gone}, return_when=asyncio.FIRST_COMPLETED)
    except BaseException:
        task.cancel()
        raise
    finally:
        gone.cancel()
    if task.done():
        return True, task.result()
    task.cancel()
    await asyncio.wait({task})  # the model calls are cancelled before we answer (and our own cancel still works)
    info = current_request()
    if info is not None:
        info.status = CLIENT_CLOSED
    return False, None


MIN_BUDGET_S = 1.0


def remaining_budget(settings: Settings, ticket: Ticket) -> float:
    """The chain's budget counts from arrival: what the queue wait left of ``TACTFUL_CHAIN_TIMEOUT_S``."""
    return max(MIN_BUDGET_S, settings.chain_timeout_s - ticket.waited_s)


def budgeted(deps: ChainDeps, ticket: Ticket) -> ChainDeps:
    """``deps`` whose chain budget is what the queue wait left, so a queued rewrite still ends in time."""
    if ticket.waited_s <= 0:
        return deps
    settings = deps.settings.model_copy(update={"chain_timeout_s": remaining_budget(deps.settings, ticket)})
    return dataclasses.replace(deps, settings=settings)


def finish(
    body: RewriteRequest,
    response: RewriteResponse,
    *,
    ticket: Ticket,
    settings: Settings,
    ids: RewriteIds,
    metrics: Metrics,
) -> RewriteResponse:
    queue = TraceEntry(step="queue", prompt="-", model="-", latency_ms=int(ticket.waited_s * 1000))
    reason = degraded_reason(response, remaining_budget(settings, ticket))
    response = response.model_copy(update={"trace": [queue, *response.trace], "degraded_reason": reason})
    response = response.model_copy(update={"id": ids.issue(body, response)})
    metrics.queue_seconds.observe(ticket.waited_s)
    metrics.observe_rewrite(response, reason)
    info = current_request()
    if info is not None:
        models = [t.model for t in response.trace if t.model != "-"]  # not the queue or profile entry
        info.model = models[0] if models else None
        info.prompt_tokens = response.usage.prompt_tokens
        info.completion_tokens = response.usage.completion_tokens
        info.degraded = response.degraded
        info.degraded_reason = reason
        info.queue_ms = queue.latency_ms
        if settings.log_content:
            info.content = {"customer_message": body.customer_message, "draft": body.draft, "reply": response.reply}
    return response


def chain_request(body: RewriteRequest, serving: Serving) -> RewriteRequest:
    """``body`` naming its brand profile: its own, else its key's (the chain falls back on the default).
    An unknown profile is a 422 before the request takes a place. The answer is finished (and its id
    signed) on ``body`` as sent, so feedback on it names what the client sent."""
    name = body.profile or serving.principal.profile
    if name is not None and name not in serving.deps.profiles:
        raise InputError(f"unknown profile {name!r} (known: {serving.deps.profiles.known()})", field="profile")
    return body if name == body.profile else body.model_copy(update={"profile": name})


async def rewrite_once(body: RewriteRequest, serving: Serving) -> RewriteResponse | None:
    """Admit, run the chain once, finish the answer; ``None`` when the client went away meanwhile."""
    case = chain_request(body, serving)

    async def run() -> RewriteResponse:
        ticket = await admit(serving.principal, serving.admission, serving.limiter)
        try:
            response = await rewrite(case, budgeted(serving.deps, ticket))
        except BaseException:
            ticket.release(measured=False)
            raise
        ticket.release()
        return finish(
            body, response, ticket=ticket, settings=serving.settings, ids=serving.ids, metrics=serving.metrics
        )

    stayed, response = await until_disconnect(run(), serving.request)
    return response if stayed else None
