"""The embedded default model: assemble the bundled GGUF, serve it on loopback.

``ensure_model(settings)`` returns the GGUF to serve (assembling the bundled
Qwen2.5-Coder-1.5B-Instruct Q4_K_M from its part packages once); ``RuntimeProcess`` runs
llama.cpp's OpenAI-compatible server on it in a child process (stoppable at any moment);
``EmbeddedRuntime`` is the same server in this process (what the child runs); ``RuntimeSupervisor``
restarts the child when it dies or stops answering, on the same port. xllamacpp is only
imported when a runtime starts, so this package imports without the ``embedded`` extra.
The service starts its runtime through :class:`service.engine.Engine`, nowhere else.
"""

from service.runtime._assemble import Progress, ensure_model
from service.runtime._params import MODEL_ALIAS, RuntimeConfig, available_cpus
from service.runtime._process import RuntimeProcess
from service.runtime._server import EmbeddedRuntime
from service.runtime._spec import EMBEDDED_MODEL_SPEC, INSTALL_HINT, ModelSpec, PartLocator, locate_part
from service.runtime._supervisor import RuntimeSupervisor

__all__ = [
    "EMBEDDED_MODEL_SPEC",
    "INSTALL_HINT",
    "MODEL_ALIAS",
    "EmbeddedRuntime",
    "ModelSpec",
    "PartLocator",
    "Progress",
    "RuntimeConfig",
    "RuntimeProcess",
    "RuntimeSupervisor",
    "available_cpus",
    "ensure_model",
    "locate_part",
]
