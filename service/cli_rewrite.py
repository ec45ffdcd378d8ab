"""``tactful rewrite``: rewrite one draft on a running service from the terminal.

The case comes from flags, from a JSON or YAML file (``--file case.yaml``; ``-`` for stdin), or from
stdin when it is piped in: a mapping there is a whole ``/rewrite`` request, plain text is the draft.
Flags win over the file. Prints the reply (the draft when degraded, with a note on stderr), or the full
response as JSON with ``--json``. Exit status: 0 answered, 1 the service failed or could not be
reached, 2 the request is not valid (or the service refused it).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, TextIO

import yaml

from service.client import Tactful
from service.errors import InputError, Overloaded, ServiceError
from service.schemas import RewriteRequest
from service.settings import get_settings

ROLES = ("customer", "agent")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    defaults = get_settings()
    case = parser.add_argument_group("the case (flags win over --file)")
    case.add_argument("-d", "--draft", help="the agent's draft")
    case.add_argument("-m", "--message", dest="customer_message", help="the customer's message")
    case.add_argument("-p", "--policy", action="append", default=[], metavar="FACT",
                      help="a policy fact the plan may rely on (repeat for more)")  # fmt: skip
    case.add_argument("--history", action="append", default=[], metavar="ROLE:TEXT",
                      help="an earlier turn, customer:... or agent:... (repeat, oldest first)")  # fmt: skip
    case.add_argument("--channel", choices=["chat", "email", "sms", "phone"])
    case.add_argument("--locale", help="zh, en, zh-CN ... (detected when absent)")
    case.add_argument("--profile", help="a brand profile of the service (GET /profiles)")
    case.add_argument("--customer-name")
    case.add_argument("--agent-name")
    case.add_argument("--signature", help="the agent's signature")
    case.add_argument("--tone", choices=["warm", "formal", "concise"])
    case.add_argument("--greeting", choices=["auto", "formal", "friendly", "none"])
    case.add_argument("-f", "--file", help="a JSON or YAML /rewrite request; '-' reads it from stdin")
    out = parser.add_argument_group("service and output")
    out.add_argument("--url", default=defaults.client_url, help="the service (TACTFUL_CLIENT_URL; default %(default)s)")
    out.add_argument("--key", help="API key (default TACTFUL_CLIENT_KEY)")
    out.add_argument("--timeout", type=float, default=300.0, help="seconds (default %(default)s)")
    out.add_argument("--json", action="store_true", help="print the whole response as JSON")


def _read(source: TextIO, where: str) -> dict[str, Any]:
    text = source.read()
    try:
        data = yaml.safe_load(text) if text.strip() else None
    except yaml.YAMLError as exc:
        if text.lstrip().startswith(("{", "[")):
            raise InputError(f"{where}: not valid JSON or YAML: {exc}", field="file") from None
        data = text  # prose that YAML cannot read: a draft
    if isinstance(data, dict) and set(map(str, data)) & set(RewriteRequest.model_fields):
        return data
    if isinstance(data, (str, dict)) or (data is not None and not isinstance(data, list)):
        return {"draft": text.strip()}  # prose ("Hi: we are on it" reads as a mapping of no request field)
    raise InputError(f"{where}: expected a /rewrite request (a mapping) or the draft as text", field="file")


def _turn(spec: str) -> dict[str, str]:
    role, sep, text = spec.partition(":")
    if not sep or role.strip() not in ROLES:
        raise InputError(f"--history {spec!r}: write customer:TEXT or agent:TEXT", field="history")
    return {"role": role.strip(), "text": text.strip()}


def case_from(args: argparse.Namespace, stdin: TextIO) -> dict[str, Any]:
    """The request the flags, the file and stdin describe (not validated yet)."""
    body: dict[str, Any] = {}
    if args.file == "-":
        body = _read(stdin, "stdin")
    elif args.file:
        path = Path(args.file)
        try:
            with path.open(encoding="utf-8") as handle:
                body = _read(handle, str(path))
        except OSError as exc:
            raise InputError(f"cannot read {path}: {exc.strerror}", field="file") from None
    elif args.draft is None and not stdin.isatty():
        body = _read(stdin, "stdin")
    for name in ("draft", "customer_message", "channel", "locale", "profile"):
        value = getattr(args, name)
        if value is not None:
            body[name] = value
    if args.policy:
        body["policy"] = [*body.get("policy", []), *args.policy]
    if args.history:
        body["history"] = [*body.get("history", []), *(_turn(t) for t in args.history)]
    for person, fields in (("customer", {"name": args.customer_name}),
                           ("agent", {"name": args.agent_name, "signature": args.signature})):  # fmt: skip
        given = {k: v for k, v in fields.items() if v is not None}
        if given:
            body[person] = {**(body.get(person) or {}), **given}
    options = {k: v for k, v in (("tone", args.tone), ("greeting", args.greeting)) if v is not None}
    if options:
        body["options"] = {**(body.get("options") or {}), **options}
    return body


def run(args: argparse.Namespace, *, stdin: TextIO | None = None, stdout: TextIO | None = None,
        stderr: TextIO | None = None, client: Tactful | None = None) -> int:  # fmt: skip
    stdin, stdout, stderr = stdin or sys.stdin, stdout or sys.stdout, stderr or sys.stderr
    settings = get_settings()
    key = args.key or (settings.client_key.get_secret_value() if settings.client_key else None)
    try:
        body = case_from(args, stdin)
        with client or Tactful(args.url, key, timeout_s=args.timeout) as tactful:
            response = tactful.rewrite(body)
    except Overloaded as exc:
        print(f"error: {exc.detail} (retry after {exc.retry_after} s)", file=stderr)
        return 1
    except InputError as exc:
        print(f"error: {exc.detail}", file=stderr)
        return 2
    except ServiceError as exc:
        print(f"error: {exc}", file=stderr)
        return 1
    if args.json:
        print(json.dumps(response.model_dump(mode="json"), ensure_ascii=False, indent=2), file=stdout)
    else:
        print(response.reply, file=stdout)
    if response.degraded:
        print(f"note: degraded ({response.degraded_reason}): this is your draft, unchanged.", file=stderr)
    return 0
