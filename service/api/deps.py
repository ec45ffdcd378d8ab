"""Dependency aliases for routes (``Annotated`` style, as in the FastAPI full-stack template)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from service.api._admission import Admission
from service.api._auth import Authenticator, Principal
from service.api._rates import KeyRate
from service.api._serve import Serving
from service.chain import ChainDeps
from service.errors import InputTooLarge
from service.feedback import FeedbackStore, RewriteIds
from service.observability import Metrics, current_request
from service.schemas import RewriteRequest
from service.settings import Scope, Settings


def get_settings_dep(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_chain_deps(request: Request) -> ChainDeps:
    deps: ChainDeps = request.app.state.deps
    return deps


def get_admission(request: Request) -> Admission:
    admission: Admission = request.app.state.admission
    return admission


def get_rate_limiter(request: Request) -> KeyRate | None:
    limiter: KeyRate | None = request.app.state.rate_limiter
    return limiter


def get_ids(request: Request) -> RewriteIds:
    ids: RewriteIds = request.app.state.ids
    return ids


def get_store(request: Request) -> FeedbackStore:
    store: FeedbackStore = request.app.state.store
    return store


def get_metrics(request: Request) -> Metrics:
    metrics: Metrics = request.app.state.metrics
    return metrics


SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
ChainDepsDep = Annotated[ChainDeps, Depends(get_chain_deps)]
AdmissionDep = Annotated[Admission, Depends(get_admission)]
RateLimiterDep = Annotated[KeyRate | None, Depends(get_rate_limiter)]
IdsDep = Annotated[RewriteIds, Depends(get_ids)]
StoreDep = Annotated[FeedbackStore, Depends(get_store)]
MetricsDep = Annotated[Metrics, Depends(get_metrics)]

# The two ways to send a key, declared so that /docs offers an "Authorize" button for each.
_bearer = HTTPBearer(auto_error=False, description="Authorization: Bearer <key>")
_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="X-API-Key: <key>")


def presented_key(
    bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    header: Annotated[str | None, Depends(_header)],
) -> str | None:
    return bearer.credentials if bearer is not None else header


def identify(request: Request, key: Annotated[str | None, Depends(presented_key)]) -> Principal:
    """Who is calling (401 problem+json when nobody valid is); records the key's name for the log line."""
    authenticator: Authenticator = request.app.state.auth
    server = request.scope.get("server")
    principal = authenticator.identify(key, server[0] if server else None)
    info = current_request()
    if info is not None:
        info.key = principal.name
    return principal


def _scoped(scope: Scope) -> object:
    def require(principal: Annotated[Principal, Depends(identify)]) -> Principal:
        return Authenticator.require(principal, scope)

    require.__name__ = f"require_{scope}"
    return Depends(require)


RewriteKey = Annotated[Principal, _scoped("rewrite")]
FeedbackKey = Annotated[Principal, _scoped("feedback")]
AdminKey = Annotated[Principal, _scoped("admin")]


def get_serving(
    request: Request,
    principal: RewriteKey,
    deps: ChainDepsDep,
    settings: SettingsDep,
    admission: AdmissionDep,
    limiter: RateLimiterDep,
    ids: IdsDep,
    metrics: MetricsDep,
) -> Serving:
    return Serving(request, principal, deps, settings, admission, limiter, ids, metrics)


ServingDep = Annotated[Serving, Depends(get_serving)]
"""A caller with the ``rewrite`` scope and what the chain runs with (the rewrite routes' one dependency)."""


def guard_request(req: RewriteRequest, settings: Settings) -> None:
    """Reject a request whose text is above the configured budget (413), before any model call."""
    total = req.total_chars()
    if total > settings.max_input_chars:
        raise InputTooLarge(
            f"the request carries {total} characters of text; the limit is {settings.max_input_chars} "
            "(TACTFUL_MAX_INPUT_CHARS)",
            field="body",
        )
