"""``GET /``: the agent's chat box, a static page served from the package (works offline, no CDN); ``/static/*``
the files of it and of the helpdesk app pages (service/api/routes/apps.py)."""

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
    "fields.js": "text/javascript; charset=utf-8",
    "chatwoot.js": "text/javascript; charset=utf-8",
    "chatwoot-context.js": "text/javascript; charset=utf-8",
    "apps.css": "text/css; charset=utf-8",
    "favicon.svg": "image/svg+xml",
}
"""The files under /static: an allow-list, so no request can name any other file."""

_HEADERS = {
    "Cache-Control": "no-cache",
    "X-Content-Type-Options": "nosniff",
}



def page_policy(frame_ancestors: str = "'none'") -> str:
    """The Content-Security-Policy of a page: only this origin's scripts, styles and connections, no inline
    code; ``frame_ancestors`` says who may frame it (the chat box: nobody; the helpdesk apps: a setting)."""
    return (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        f"connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors {frame_ancestors}"
    )


def page_response(name: str, frame_ancestors: str = "'none'") -> FileResponse:
    """A page of ``service/web`` with the strict policy and no referrer."""
    return FileResponse(
        WEB_DIR / name,
        media_type="text/html; charset=utf-8",
        headers={**_HEADERS, "Content-Security-Policy": page_policy(frame_ancestors), "Referrer-Policy": "no-referrer"},
    )


@router.get("/", response_class=HTMLResponse, summary="The chat box page", include_in_schema=False)
async def index() -> FileResponse:
    return page_response("index.html")


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
