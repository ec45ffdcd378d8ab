"""``python -m service.runtime``: assemble the embedded model now (used by the Dockerfile).

Prints progress and, last, the path of the GGUF. Exit status 1 with the reason on failure.

``python -m service.runtime serve --ready-fd N`` is the runtime's child process, started by
:class:`service.runtime.RuntimeProcess` (see ``_child.py`` for its protocol); not for people.
"""

from __future__ import annotations

import sys

from service.errors import RuntimeStartError
from service.runtime._assemble import ensure_model
from service.settings import get_settings


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["serve"]:
        from service.runtime._child import serve

        if len(args) != 3 or args[1] != "--ready-fd" or not args[2].isdigit():
            print("usage: python -m service.runtime serve --ready-fd N", file=sys.stderr)
            return 2
        return serve(int(args[2]))
    try:
        path = ensure_model(get_settings(), progress=lambda line: print(line, flush=True))
    except RuntimeStartError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
