"""``tactful serve``: uvicorn on the app, with signals forwarded to the engine for a clean stop.

uvicorn handles SIGTERM and Ctrl-C (SIGINT) by finishing the requests in flight, then running the
lifespan's shutdown; it does not interrupt a lifespan start-up. Here the signal also reaches the
:class:`service.engine.Engine` at once, so a stop is clean at any moment:

- during start-up (assembly, load): the engine abandons it, the lifespan returns, uvicorn skips
  serving and runs the shutdown;
- during the warm-up or with requests in flight: the warm-up is cancelled, and model calls still
  running ``settings.shutdown_grace_s`` later fail, so those requests are answered with the draft,
  ``degraded: true``; uvicorn's own graceful timeout (the grace plus 3 s) is a backstop.

The process then exits the way uvicorn exits after a signal (it re-raises it: status 143 after
SIGTERM, 130 after Ctrl-C). A second Ctrl-C forces the exit; the runtime child goes with us.
"""

from __future__ import annotations

import logging
from types import FrameType

import uvicorn

from service.api.main import create_app
from service.engine import Engine
from service.settings import Settings

log = logging.getLogger("tactful")

BACKSTOP_S = 3.0
"""Seconds past the grace before uvicorn cancels whatever request still runs."""


class _Server(uvicorn.Server):
    def __init__(self, config: uvicorn.Config, engine: Engine) -> None:
        super().__init__(config)
        self.engine = engine

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        super().handle_exit(sig, frame)
        self.engine.request_stop()


def serve(settings: Settings) -> int:
    """Run the service until a signal stops it; returns the exit status (130 after Ctrl-C)."""
    engine: Engine | None = None
    try:
        engine = Engine(settings, progress=lambda message: print(message, flush=True))
        app = create_app(settings, engine=engine)
        config = uvicorn.Config(
            app,
            host=settings.host,
            port=settings.port,
            log_level=settings.log_level,
            log_config=None,  # keep the JSON handler of configure_logging
            access_log=False,  # one line per request comes from our middleware, with the request id
            timeout_graceful_shutdown=int(settings.shutdown_grace_s + BACKSTOP_S),
        )
        server = _Server(config, engine)
        print(f"Tactful on http://{settings.host}:{settings.port}  (docs: /docs, chat box: /)", flush=True)
        server.run()
    except KeyboardInterrupt:
        return 130
    finally:
        if engine is not None:
            engine.kill()  # a forced exit skipped the lifespan's shutdown: do not leave the runtime behind
    return 0 if server.started else 3
