"""``tactful`` command line: ``serve``, ``rewrite`` (one draft, on a running service), and the commands
other packages register.

Commands beyond ``serve`` come from the ``tactful.commands`` entry-point group: each entry point
is a callable ``main(argv: list[str]) -> int`` that parses the rest of the command line itself.
The eval suite registers ``eval`` and ``feedback`` (export to golden cases) this way
(``pyproject.toml``), so the service never imports it and runs without it.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable
from importlib.metadata import EntryPoint, entry_points

from service.settings import get_settings

COMMANDS_GROUP = "tactful.commands"

Command = Callable[[list[str]], int]


def registered_commands() -> dict[str, EntryPoint]:
    return {ep.name: ep for ep in entry_points(group=COMMANDS_GROUP) if ep.name not in ("serve", "rewrite")}


def _serve(args: argparse.Namespace) -> int:
    from service.api._auth import check_exposure
    from service.api.serve import serve
    from service.errors import ConfigError
    from service.observability import configure_logging

    settings = get_settings().model_copy(update={"host": args.host, "port": args.port})
    configure_logging(settings)  # JSON lines with the request id, secrets masked
    try:
        check_exposure(settings)  # no keys on a public address: refuse before loading anything
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        code = serve(settings)
    except SystemExit as exc:  # uvicorn's start-up failure (3)
        code = exc.code if isinstance(exc.code, int) else 1
    # The service has stopped (engine and runtime included): skip the interpreter's teardown, whose
    # garbage collection of litellm's module graph alone took ~9 s here after a Ctrl-C.
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    commands = registered_commands()
    if argv and argv[0] in commands:
        command: Command = commands[argv[0]].load()
        return command(argv[1:])
    parser = argparse.ArgumentParser(prog="tactful", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run the HTTP service (embedded model by default)")
    defaults = get_settings()
    serve.add_argument("--host", default=defaults.host)
    serve.add_argument("--port", type=int, default=defaults.port)
    serve.set_defaults(func=_serve)
    from service import cli_rewrite

    rewrite = sub.add_parser(
        "rewrite", help="rewrite one draft on a running service", description=cli_rewrite.__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip
    cli_rewrite.add_arguments(rewrite)
    rewrite.set_defaults(func=cli_rewrite.run)
    for name, ep in sorted(commands.items()):
        sub.add_parser(name, help=f"see `tactful {name} --help` ({ep.value})", add_help=False)
    args = parser.parse_args(argv)
    result: int = args.func(args)
    return result


if __name__ == "__main__":
    raise SystemExit(main())
