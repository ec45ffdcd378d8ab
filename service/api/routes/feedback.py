"""``POST /feedback``: an agent's thumbs up/down, reason, edited reply and acceptance of a rewrite."""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, Response, status

from service.api.deps import SettingsDep
from service.api.problems import PROBLEM_SCHEMA
from service.feedback import FeedbackIn, FeedbackSaved, FeedbackStore

router = APIRouter(tags=["feedback"])


@router.post(
    "/feedback",
    response_model=FeedbackSaved,
    status_code=status.HTTP_201_CREATED,
    summary="Store an agent's feedback on a rewrite",
    description="Stored in SQLite under the data directory (`TACTFUL_DATA_DIR`, default `<home>/data`). "
    "Post again with the same `id` to update the record (e.g. a rating, then the accepted reply): "
    "201 when created, 200 when updated. Export for the eval suite with `tactful feedback export`.",
    responses={200: {"model": FeedbackSaved, "description": "Updated"}, 422: PROBLEM_SCHEMA},
)
async def post_feedback(body: FeedbackIn, settings: SettingsDep, response: Response) -> FeedbackSaved:
    saved = await asyncio.to_thread(FeedbackStore.for_settings(settings).save, body)
    if not saved.created:
        response.status_code = status.HTTP_200_OK
    return saved
