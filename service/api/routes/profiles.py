"""``GET /profiles``: the brand profiles this service knows, the default one and the caller's key's one."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, Field

from service.api.deps import ChainDepsDep, RewriteKey
from service.api.problems import problems
from service.profiles import Profile

router = APIRouter(tags=["profiles"])


class ProfileList(BaseModel):
    default: str | None = Field(description="TACTFUL_DEFAULT_PROFILE: the profile of a request that names none")
    key_profile: str | None = Field(description="the profile of your key's requests that name none (before default)")
    profiles: list[Profile]


@router.get(
    "/profiles",
    response_model=ProfileList,
    summary="The brand profiles a request may name",
    description="Each profile's tone, greeting, signature, default channel and locale, standing policy facts "
    "(merged into every request of that profile) and extra banned and pressure phrases. A request names one "
    "with `profile`; otherwise its key's profile applies, otherwise the default.",
    responses=problems(401, 403),
)
async def list_profiles(principal: RewriteKey, deps: ChainDepsDep) -> ProfileList:
    profiles = deps.profiles
    return ProfileList(default=profiles.default, key_profile=principal.profile, profiles=list(profiles.values()))
