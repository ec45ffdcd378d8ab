"""``tactful`` command line: serve, eval, feedback export."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from service.settings import get_settings


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from service.api.main import create_app, uses_embedded

    settings = get_settings().model_copy(update={"host": args.host, "port": args.port})
    logging.basicConfig(level=settings.log_level.upper(), format="%(asctime)s %(name)s %(message)s")
    if uses_embedded(settings):
        from service.runtime import ensure_model

        path = ensure_model(settings, progress=lambda msg: print(msg, flush=True))
        print(f"embedded model ready: {path}", flush=True)
    print(f"Tactful on http://{settings.host}:{settings.port}  (docs: /docs, chat box: /)", flush=True)
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level=settings.log_level)
    return 0


def _eval(rest: list[str]) -> int:
    from evals.cli import main as eval_main

    return eval_main(rest)


def _feedback_export(args: argparse.Namespace) -> int:
    from service.feedback import export_feedback

    summary = export_feedback(get_settings(), args.out)
    print(summary.describe(), file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "eval":
        return _eval(argv[1:])
    parser = argparse.ArgumentParser(prog="tactful", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run the HTTP service (embedded model by default)")
    defaults = get_settings()
    serve.add_argument("--host", default=defaults.host)
    serve.add_argument("--port", type=int, default=defaults.port)
    serve.set_defaults(func=_serve)
    sub.add_parser("eval", help="run the eval suite (see `tactful eval --help`)")
    fb = sub.add_parser("feedback", help="agent feedback")
    fb_sub = fb.add_subparsers(dest="action", required=True)
    export = fb_sub.add_parser("export", help="export feedback as golden-case YAML")
    export.add_argument("--out", type=Path, default=None, help="output file (default: stdout)")
    export.set_defaults(func=_feedback_export)
    args = parser.parse_args(argv)
    result: int = args.func(args)
    return result


if __name__ == "__main__":
    raise SystemExit(main())
