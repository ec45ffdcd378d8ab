"""``python -m service.runtime``: assemble the embedded model now (used by the Dockerfile).

Prints progress and, last, the path of the GGUF. Exit status 1 with the reason on failure.

``python -m service.runtime serve-http --host 0.0.0.0 --port 8080``: the same llama.cpp server on the same
GGUF, standalone, as the model server of several replicas (``TACTFUL_MODEL=openai/embedded``,
``TACTFUL_API_BASE=http://<host>:8080/v1``). It requires the key clients must send in ``TACTFUL_API_KEY``
(the replicas send the same one) and takes the runtime's settings (``TACTFUL_EMBEDDED_PARALLEL``,
``_THREADS``, ``_CTX_PER_SLOT``, ``_MODEL_PATH``); it serves until SIGTERM or Ctrl-C.

``python -m service.runtime serve --ready-fd N`` is the runtime's child process, started by
:class:`service.runtime.RuntimeProcess` (see ``_child.py`` for its protocol); not for people.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import signal
import sys
import threading

from service.errors import RuntimeStartError
from service.runtime._assemble import ensure_model
from service.runtime._params import runtime_config
from service.settings import get_settings


def serve_http(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m service.runtime serve-http")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    args = parser.parse_args(argv)
    settings = get_settings()
    if settings.api_key is None:
        print("error: set TACTFUL_API_KEY: the key clients (the replicas) must send", file=sys.stderr)
        return 2
    from service.runtime._server import launch_server

    try:
        path = ensure_model(settings, progress=lambda line: print(line, flush=True))
        config = runtime_config(path, settings, settings.api_key.get_secret_value())
        _server, url, seconds = launch_server(dataclasses.replace(config, host=args.host, port=args.port))
    except RuntimeStartError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"model server: {url} ({path.name}, {config.parallel} slots, loaded in {seconds:.1f} s)", flush=True)
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    stop.wait()
    os._exit(0)  # releasing a busy server can block for long (see _server.py): leave at once


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["serve-http"]:
        return serve_http(args[1:])
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
