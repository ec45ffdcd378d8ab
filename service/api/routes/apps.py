"""``GET /apps/chatwoot``: the rewrite page made to be embedded in a helpdesk (a Chatwoot dashboard app).

The page is static, from the package, under the same strict policy as the chat box, except that it may be
framed: by this origin only, unless ``TACTFUL_FRAME_ANCESTORS`` names the helpdesk's origin
(``https://chat.example.com``). Its scripts and styles come from ``/static`` (service/api/routes/ui.py).
"""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import FileResponse, HTMLResponse

from service.api.deps import SettingsDep
from service.api.routes.ui import page_response

router = APIRouter(prefix="/apps", tags=["ui"])


@router.get("/chatwoot", response_class=HTMLResponse, summary="The Chatwoot dashboard app", include_in_schema=False)
async def chatwoot(settings: SettingsDep) -> FileResponse:
    return page_response("chatwoot.html", settings.frame_ancestors)
