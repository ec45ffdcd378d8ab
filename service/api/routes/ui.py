"""``GET /``: the agent's chat box, a static page served from the package (works offline, no CDN)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from fastapi import APIRouter, HTTPException
from fastapi.responses import FileResponse, HTMLResponse

from service.api.problems import PROBLEM_SCHEMA

router = APIRouter(tags=["ui"])

WEB_DIR = Path(str(resources.files("service") / "web"))

ASSETS: dict[str, str] = {
    "app.css": "text/css; charset=utf-8",
    "app.js": "text/javascript; charset=utf-8",
    "diff.js": "text/javascript; charset=utf-8",
    "feedback.js": "text/javascript; charset=utf-8",
    "i18n.js": "text/javascript; charset=utf-8",
    "render.js": "text/javascript; charset=utf-8",
    "sse.js": "text/javascript; charset=utf-8",
    "plan.js": "text/javascript; charset=utf-8",
    "key.js": "text/javascript; charset=utf-8",
    "favicon.svg": "image/svg+xml",
}
"""The files under /static: an allow-list, so no request can name any other file."""

_HEADERS = {
    "Cache-Control": "no-cache",
    "X-Content-Type-Options": "nosniff",
}

_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)


@router.get("/", response_class=HTMLResponse, summary="The chat box page", include_in_schema=False)
async def index() -> FileResponse:
    return FileResponse(
        WEB_DIR / "index.html",
        media_type="text/html; charset=utf-8",
        headers={**_HEADERS, "Content-Security-Policy": _CSP, "Referrer-Policy": "no-referrer"},
    )


@router.get(
    "/static/{name}",
    summary="A file of the page",
    include_in_schema=False,
    responses={404: PROBLEM_SCHEMA},
)
async def asset(name: str) -> FileResponse:
    media_type = ASSETS.get(name)
    if media_type is None:
        raise HTTPException(status_code=404, detail=f"no such file: {name}")
    return FileResponse(WEB_DIR / name, media_type=media_type, headers=_HEADERS)
