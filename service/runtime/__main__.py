"""``python -m service.runtime``: assemble the embedded model now (used by the Dockerfile).

Prints progress and, last, the path of the GGUF. Exit status 1 with the reason on failure.
"""

from __future__ import annotations

import sys

from service.errors import RuntimeStartError
from service.runtime._assemble import ensure_model
from service.settings import get_settings


def main() -> int:
    try:
        path = ensure_model(get_settings(), progress=lambda line: print(line, flush=True))
    except RuntimeStartError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
