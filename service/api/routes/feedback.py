"""``POST /feedback`` and ``PATCH /feedback/{id}``: an agent's verdict on a rewrite this server issued.

The ``id`` must be the signed ``id`` of a ``/rewrite`` response, posted with exactly that request and
response (anything else is 422). One record per id and key: a second ``POST`` is 409, later changes go
to ``PATCH`` and are kept as versions. The body limit (``TACTFUL_MAX_FEEDBACK_BYTES``) holds also for
chunked bodies, and the response's lists are bounded.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Path, status

from service.api.deps import FeedbackKey, IdsDep, SettingsDep, StoreDep
from service.api.problems import problems
from service.errors import InputError
from service.feedback import REWRITE_ID_PATTERN, FeedbackIn, FeedbackSaved, FeedbackUpdate, NotIssued

router = APIRouter(tags=["feedback"])


@router.post(
    "/feedback",
    response_model=FeedbackSaved,
    status_code=status.HTTP_201_CREATED,
    summary="Store an agent's feedback on a rewrite",
    description="`id` is the `id` of the `/rewrite` response; `request` and `response` are what was sent and "
    "answered. Stored once per id and key (`TACTFUL_DATABASE_URL`: PostgreSQL, or SQLite under "
    "`TACTFUL_DATA_DIR`); a second POST is 409: change it "
    "with `PATCH /feedback/{id}`. Export for the eval suite, personal data masked: `tactful feedback export`.",
    responses=problems(401, 403, 409, 413, 422, 503),
)
async def post_feedback(
    body: FeedbackIn, settings: SettingsDep, principal: FeedbackKey, ids: IdsDep, store: StoreDep
) -> FeedbackSaved:
    try:
        issued = ids.verify(body.id, body.request, body.response)
    except NotIssued as exc:
        raise InputError(str(exc), field="id") from None
    days = settings.feedback_retention_days
    if days is not None and issued < datetime.now(UTC) - timedelta(days=days):
        raise InputError(f"this rewrite is older than the feedback retention ({days} days)", field="id")
    return await asyncio.to_thread(store.save, body, principal.name, issued_at=issued)


@router.patch(
    "/feedback/{rewrite_id}",
    response_model=FeedbackSaved,
    summary="Change stored feedback (a new version)",
    description="Rating, reason, edited reply or acceptance; each PATCH appends a version, earlier ones are kept.",
    responses=problems(401, 403, 404, 409, 413, 422, 503),
)
async def patch_feedback(
    rewrite_id: Annotated[str, Path(pattern=REWRITE_ID_PATTERN)],
    body: FeedbackUpdate,
    principal: FeedbackKey,
    store: StoreDep,
) -> FeedbackSaved:
    return await asyncio.to_thread(store.append, rewrite_id, principal.name, body)
