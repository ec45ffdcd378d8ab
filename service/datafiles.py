"""The packaged data files (``service/data/*.yaml``): read strictly, a broken file is a ConfigError.

Each reader (harm patterns, emotion cues, platitudes, the phrasing bank) validates its own shape
and is cached, so the files are read once, at start-up.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml

from service.errors import ConfigError


def read_data(path: str) -> Any:
    """The parsed YAML of ``path`` inside the ``service`` package, e.g. ``data/harm.yaml``."""
    try:
        return yaml.safe_load(resources.files("service").joinpath(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read {path}: {exc}") from exc
