"""The rewrite chain: analyse -> (empathy || plan) -> compose -> verify (-> one revision).

Public API::

    deps = build_deps(settings, generate, embedded_url=None)   # prompts loaded strictly here
    response = await rewrite(request, deps, emit=None)          # never raises ModelError
"""
