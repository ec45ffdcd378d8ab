"""The composition root: one place builds and owns what a process needs to rewrite drafts.

Settings -> embedded runtime (a child process) or none -> generator (litellm, or one given) ->
prompts -> chain dependencies, with their start and stop (and the prompt-cache warm-up). The API
lifespan, ``scripts/bench.py`` and the eval runner all go through it; nothing else starts a runtime.

Public API::

    async with Engine(settings) as engine:          # or: await engine.start() ... await engine.stop()
        response = await rewrite(request, engine.deps)
    engine.request_stop()                           # from a signal handler: a clean stop at any moment

    deps = build_deps(settings, generate)           # chain dependencies without a runtime (tests)
    targets = build_targets(settings, endpoint)     # model routing: where each step's calls go
"""

from service.engine._engine import STOPPING, Engine, Phase
from service.engine._gate import StopGate
from service.engine._routing import EMBEDDED_TARGET_MODEL, Endpoint, build_deps, build_targets, uses_embedded

__all__ = [
    "EMBEDDED_TARGET_MODEL",
    "STOPPING",
    "Endpoint",
    "Engine",
    "Phase",
    "StopGate",
    "build_deps",
    "build_targets",
    "uses_embedded",
]
