"""The embedded default model: assemble the bundled GGUF, serve it in-process on loopback.

``ensure_model(settings)`` returns the GGUF to serve (assembling the bundled
Qwen2.5-Coder-1.5B-Instruct Q4_K_M from its part packages once); ``EmbeddedRuntime`` runs
llama.cpp's OpenAI-compatible server on it; ``start_embedded`` does both. xllamacpp is only
imported when a runtime starts, so this package imports without the ``embedded`` extra.
"""

from service.runtime._assemble import Progress, ensure_model
from service.runtime._params import MODEL_ALIAS, RuntimeConfig, available_cpus
from service.runtime._server import EmbeddedRuntime, start_embedded
from service.runtime._spec import EMBEDDED_MODEL_SPEC, INSTALL_HINT, ModelSpec, PartLocator, locate_part

__all__ = [
    "EMBEDDED_MODEL_SPEC",
    "INSTALL_HINT",
    "MODEL_ALIAS",
    "EmbeddedRuntime",
    "ModelSpec",
    "PartLocator",
    "Progress",
    "RuntimeConfig",
    "available_cpus",
    "ensure_model",
    "locate_part",
    "start_embedded",
]
