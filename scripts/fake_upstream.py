"""A fake OpenAI-compatible model that costs what a hosted model costs: a fixed latency per call plus a
time per generated token (default 0.3 s + 10 ms/token). For ``make bench --hosted`` and load tests.

It answers by ``response_format.json_schema.name`` (the chain's step names, and ``baseline``) with
answers built from the request itself, of realistic length: the read step picks ids, compose and
revise return the assembled reply they were given, the baseline returns emotion, empathy, a plan and
a reply. Tokens are counted as characters / 3 (English) or / 1.5 (Chinese).
"""

from __future__ import annotations

import asyncio
import json
import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn
from fastapi import FastAPI, Request

_HAN = re.compile(r"[\u4e00-\u9fff]")


def tokens(text: str) -> int:
    han = len(_HAN.findall(text))
    return max(1, int(han / 1.5 + (len(text) - han) / 3))


def _last_user(messages: list[dict[str, Any]]) -> str:
    users = [str(m.get("content", "")) for m in messages if m.get("role") == "user"]
    return users[-1] if users else ""


def _between(text: str, tag: str) -> str:
    m = re.search(rf"<{tag}>\s*(.*?)\s*</{tag}>", text, re.S)
    return m.group(1) if m else ""


def answer(schema_name: str, messages: list[dict[str, Any]]) -> dict[str, Any]:
    user = _last_user(messages)
    if schema_name == "read":
        clauses = re.findall(r"^C(\d+) ", user, re.M) or ["1"]
        facts = re.findall(r"^P(\d+) ", user, re.M)
        picked = [f"C{c}" for c in clauses[:2]]
        return {
            "emotion": "frustration",
            "intensity": 4,
            "evidence": f"C{clauses[-1]}",
            "situation": picked,
            "best": f"P{facts[-1]}" if facts else "none",
        }
    if schema_name in ("compose", "revise"):
        return {"reply": _between(user, "assembled") or _between(user, "reply") or "Thank you."}
    if schema_name == "baseline":
        draft = _between(user, "draft") or "We are looking into it."
        chinese = bool(_HAN.search(user))
        empathy = (
            "这件事让您等了这么久，换作是谁都会着急，我来帮您跟进。"
            if chinese
            else "Waiting this long with no answer would wear anyone down, and I'll take this on myself."
        )
        step = {
            "action": "提交加急处理" if chinese else "Escalate the case to the team that can fix it",
            "measure": "结果出来我告诉您" if chinese else "I'll email you the outcome",
            "deadline": "24小时内" if chinese else "within 24 hours",
            "owner": "agent",
            "source": "P1",
        }
        reply = f"{empathy}{draft}" if chinese else f"{empathy} {draft}"
        return {
            "emotion": "frustration",
            "intensity": 4,
            "empathy": empathy,
            "plan": [step, step],
            "reply": (
                reply
                + (
                    "我会在24小时内提交加急处理，结果出来我第一时间告诉您。"
                    if chinese
                    else " I'm escalating this now and will email you the outcome within 24 hours."
                )
            ),
        }
    return {}


def create_app(per_call_s: float = 0.3, per_token_s: float = 0.01) -> FastAPI:
    app = FastAPI()
    app.state.calls = 0

    @app.post("/v1/chat/completions")
    async def completions(request: Request) -> dict[str, Any]:
        body = await request.json()
        name = body.get("response_format", {}).get("json_schema", {}).get("name", "")
        content = json.dumps(answer(name, body.get("messages", [])), ensure_ascii=False)
        n = tokens(content)
        await asyncio.sleep(per_call_s + per_token_s * n)
        app.state.calls += 1
        return {
            "id": "chatcmpl-bench", "object": "chat.completion", "created": int(time.time()),
            "model": body.get("model", "bench"),
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": tokens(json.dumps(body.get("messages", []))), "completion_tokens": n},
        }  # fmt: skip

    return app


@contextmanager
def serve(app: Any) -> Iterator[str]:
    """Serve ``app`` on a free loopback port in a thread; yield its base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        if not thread.is_alive():
            raise RuntimeError("server thread died during start-up")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


def main(argv: list[str] | None = None) -> int:
    """``python scripts/fake_upstream.py --host 0.0.0.0 --port 9000``: serve it until stopped (the image's
    smoke test runs it in a second container of the same image; see scripts/docker_smoke.sh)."""
    import argparse

    parser = argparse.ArgumentParser(description="A fake OpenAI-compatible model for benchmarks and smoke tests.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=9000)
    parser.add_argument("--per-call", type=float, default=0.3, help="seconds per call")
    parser.add_argument("--per-token", type=float, default=0.01, help="seconds per generated token")
    args = parser.parse_args(argv)
    uvicorn.run(create_app(args.per_call, args.per_token), host=args.host, port=args.port, log_level="warning")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
