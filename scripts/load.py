"""Load the service over real HTTP on loopback and print what it did. Nothing here asserts a target.

    python scripts/load.py fake                   # fake OpenAI upstream, fixed latency, 200 clients
    python scripts/load.py fake --clients 1,20,200 --requests 5 --latency 0.2
    python scripts/load.py embedded               # the embedded model, 20 concurrent rewrites

``fake``: three processes. A fake OpenAI-compatible upstream (``tests/fakes/openai_server.py``) answers
every call after exactly ``--latency`` seconds; the service (``tactful serve``, fast shape, one round of
model calls per rewrite, in-flight and queue limits raised to the client count) calls it through
litellm; this process runs ``--clients`` concurrent clients, each sending ``--requests`` rewrites in a
row. The service's own overhead per request is the client's wall time minus the upstream's fixed
latency for each sequential round of model calls the trace shows (1, or 2 after a revision).

``embedded``: the service on the bundled model with its default admission (capacity from the runtime's
slots, a queue of twice that), warmed up, then ``--clients`` rewrites at once. Prints how many were
admitted and how long each took against the chain's budget, how many got 429 and their Retry-After,
5xx and model-call timeouts.

Both write their figures as JSON to ``artifacts/load/``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "artifacts" / "load"

ZH = {
    "customer_message": "我上周三申请的退款到现在都没到账，打了两次电话都说在处理，你们到底管不管？",
    "draft": "您好，退款正在处理中，请耐心等待。",
    "policy": ["退款审核通过后1-3个工作日原路退回", "客服可提交加急工单，财务24小时内回复"],
    "channel": "chat",
    "customer": {"name": "李先生"},
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else float("nan")


def _env(**over: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TACTFUL_")}
    env.update(LITELLM_LOCAL_MODEL_COST_MAP="True", DISABLE_AIOHTTP_TRANSPORT="True", PYTHONPATH=str(ROOT))
    env.update(over)
    return env


def _wait_ready(url: str, timeout_s: float, want: str | None = None) -> dict[str, Any]:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            resp = httpx.get(f"{url}/readyz", timeout=5)
            body: dict[str, Any] = resp.json()
            if resp.status_code == 200 and (want is None or body.get("prompt_cache") == want):
                return body
        except (httpx.HTTPError, ValueError):
            pass
        time.sleep(0.5)
    raise TimeoutError(f"{url} was not ready within {timeout_s:.0f} s")


def _serve_upstream(port: int, latency: float) -> None:
    """Child mode: the fake OpenAI upstream with a fixed latency for every call."""
    import uvicorn

    from tests.fakes import FakeOpenAI

    fake = FakeOpenAI(delays={"*": latency})
    uvicorn.run(fake.app(), host="127.0.0.1", port=port, log_level="warning", access_log=False)


def _start_service(port: int, env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    OUT.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as sink:
        return subprocess.Popen(
            [sys.executable, "-m", "service.cli", "serve", "--port", str(port)], env=env, stdout=sink, stderr=sink
        )


async def _client(c: httpx.AsyncClient, url: str, n: int, out: list[dict[str, Any]]) -> None:
    for _ in range(n):
        started = time.perf_counter()
        try:
            resp = await c.post(f"{url}/rewrite", json=ZH)
        except httpx.HTTPError as exc:
            out.append({"status": 0, "error": type(exc).__name__, "s": time.perf_counter() - started})
            continue
        row: dict[str, Any] = {"status": resp.status_code, "s": time.perf_counter() - started}
        if resp.status_code == 200:
            body = resp.json()
            row["rounds"] = 1 + sum(1 for t in body["trace"] if t["step"] == "revise")
            row["degraded"] = body["degraded"]
            row["queue_ms"] = body["trace"][0]["latency_ms"]
            row["timeouts"] = sum(1 for t in body["trace"] if t.get("error_kind") == "model_timeout")
            row["reason"] = body.get("degraded_reason")
        elif resp.status_code == 429:
            row["retry_after"] = int(resp.headers.get("retry-after", "0"))
        out.append(row)


async def _burst(url: str, clients: int, requests: int, timeout_s: float) -> tuple[list[dict[str, Any]], float]:
    limits = httpx.Limits(max_connections=clients + 10, max_keepalive_connections=clients + 10)
    rows: list[dict[str, Any]] = []
    async with httpx.AsyncClient(timeout=timeout_s, limits=limits) as c:
        started = time.perf_counter()
        await asyncio.gather(*(_client(c, url, requests, rows) for _ in range(clients)))
        return rows, time.perf_counter() - started


def fake(args: argparse.Namespace) -> int:
    up_port, port = _free_port(), _free_port()
    upstream = subprocess.Popen(
        [sys.executable, __file__, "_upstream", str(up_port), str(args.latency)], env=_env(),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    most = max(args.clients)
    env = _env(
        TACTFUL_MODEL="openai/stub", TACTFUL_API_BASE=f"http://127.0.0.1:{up_port}/v1", TACTFUL_API_KEY="sk-load",
        TACTFUL_CHAIN_MODE="fast", TACTFUL_MAX_INFLIGHT=str(most), TACTFUL_MAX_QUEUE=str(most),
        TACTFUL_HOME=str(OUT / "home"), TACTFUL_RETRIES="0", TACTFUL_LOG_LEVEL=args.log_level,
    )
    service = _start_service(port, env, OUT / "service-fake.log")
    url = f"http://127.0.0.1:{port}"
    report: dict[str, Any] = {"scenario": "fake", "latency_s": args.latency, "requests_per_client": args.requests,
                              "runs": []}
    try:
        _wait_ready(url, 120)
        asyncio.run(_burst(url, 4, 2, 60))  # warm: litellm's first call, connection pools
        print(f"fake upstream latency {args.latency * 1000:.0f} ms; fast shape (one round of model calls)")
        print(f"{'clients':>7} {'requests':>8} {'errors':>6} {'rps':>6} {'p50 ms':>7} {'p99 ms':>7} "
              f"{'overhead p50':>12} {'p90':>6} {'p99':>6} {'max':>6}")
        for clients in args.clients:
            rows, took = asyncio.run(_burst(url, clients, args.requests, 120))
            ok = [r for r in rows if r["status"] == 200]
            errors = len(rows) - len(ok)
            overhead = [(r["s"] - r["rounds"] * args.latency) * 1000 for r in ok]
            wall = [r["s"] * 1000 for r in ok]
            run = {
                "clients": clients, "requests": len(rows), "errors": errors,
                "statuses": {str(s): sum(1 for r in rows if r["status"] == s) for s in {r["status"] for r in rows}},
                "degraded": sum(1 for r in ok if r["degraded"]), "rps": len(rows) / took,
                "wall_ms": {"p50": _pct(wall, 0.5), "p99": _pct(wall, 0.99)},
                "overhead_ms": {"p50": _pct(overhead, 0.5), "p90": _pct(overhead, 0.9), "p99": _pct(overhead, 0.99),
                                "max": max(overhead, default=float("nan"))},
                "queue_ms_p99": _pct([float(r["queue_ms"]) for r in ok], 0.99),
            }
            report["runs"].append(run)
            o = run["overhead_ms"]
            print(f"{clients:>7} {len(rows):>8} {errors:>6} {run['rps']:>6.0f} {run['wall_ms']['p50']:>7.0f} "
                  f"{run['wall_ms']['p99']:>7.0f} {o['p50']:>12.1f} {o['p90']:>6.1f} {o['p99']:>6.1f} {o['max']:>6.1f}")
    finally:
        service.terminate()
        upstream.terminate()
        service.wait(10)
        upstream.wait(10)
    (OUT / "fake.json").write_text(json.dumps(report, indent=2))
    print(f"figures: {OUT / 'fake.json'}; service log: {OUT / 'service-fake.log'}")
    failed = [r for r in report["runs"] if r["errors"]]
    for run in failed:
        print(f"FAIL: {run['errors']} errors with {run['clients']} clients: {run['statuses']}")
    return 1 if args.check and failed else 0


def embedded(args: argparse.Namespace) -> int:
    port = _free_port()
    env = _env(TACTFUL_LOG_LEVEL=args.log_level)
    for name in ("TACTFUL_HOME", "TACTFUL_EMBEDDED_MODEL_PATH"):
        if name in os.environ:
            env[name] = os.environ[name]
    service = _start_service(port, env, OUT / "service-embedded.log")
    url = f"http://127.0.0.1:{port}"
    try:
        started = time.perf_counter()
        _wait_ready(url, 900, want="warm")
        print(f"embedded model up and warm in {time.perf_counter() - started:.0f} s")
        from service.settings import Settings

        budget = Settings(_env_file=None).chain_timeout_s
        rows, took = asyncio.run(_burst(url, args.clients, 1, budget + 60))
        metrics = httpx.get(f"{url}/metrics", timeout=10).text
    finally:
        service.terminate()
        service.wait(30)
    admitted = [r for r in rows if r["status"] == 200]
    shed = [r for r in rows if r["status"] == 429]
    timeouts = sum(r["timeouts"] for r in admitted)
    capacity = next((line.split()[-1] for line in metrics.splitlines() if line.startswith("tactful_capacity ")), "?")
    report = {
        "scenario": "embedded", "clients": args.clients, "budget_s": budget, "capacity": capacity, "took_s": took,
        "admitted": len(admitted), "rejected_429": len(shed), "5xx": sum(1 for r in rows if r["status"] >= 500),
        "other": sum(1 for r in rows if r["status"] not in (200, 429) and r["status"] < 500),
        "admitted_s": sorted(round(r["s"], 1) for r in admitted),
        "admitted_queue_s": sorted(round(r["queue_ms"] / 1000, 1) for r in admitted),
        "admitted_degraded": sum(1 for r in admitted if r["degraded"]),
        "admitted_degraded_reasons": sorted({r["reason"] for r in admitted if r["reason"]}),
        "inside_budget": sum(1 for r in admitted if r["s"] <= budget),
        "retry_after_s": sorted(r["retry_after"] for r in shed),
        "model_call_timeouts": timeouts,
    }
    (OUT / "embedded.json").write_text(json.dumps(report, indent=2))
    print(json.dumps(report, indent=2))
    print(f"figures: {OUT / 'embedded.json'}; service log: {OUT / 'service-embedded.log'}")
    problems = _embedded_problems(report, shed)
    for problem in problems:
        print(f"FAIL: {problem}")
    return 1 if args.check and problems else 0


def _embedded_problems(report: dict[str, Any], shed: list[dict[str, Any]]) -> list[str]:
    """What the embedded scenario promises: admitted ones finish in budget, the rest 429 + Retry-After."""
    problems = []
    if report["5xx"] or report["other"]:
        problems.append(f"{report['5xx']} 5xx and {report['other']} other statuses")
    if report["admitted"] < 1:
        problems.append("nothing was admitted")
    if report["inside_budget"] != report["admitted"] or "chain_timeout" in report["admitted_degraded_reasons"]:
        problems.append("an admitted rewrite did not finish inside its budget")
    if report["model_call_timeouts"]:
        problems.append(f"{report['model_call_timeouts']} model-call timeouts")
    if any(r["retry_after"] < 1 for r in shed):
        problems.append("a 429 without Retry-After")
    return problems


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["_upstream"]:
        _serve_upstream(int(argv[1]), float(argv[2]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="scenario", required=True)
    f = sub.add_parser("fake", help="fake OpenAI upstream with a fixed latency")
    f.add_argument("--clients", type=lambda s: [int(x) for x in s.split(",")], default=[200])
    f.add_argument("--requests", type=int, default=5, help="rewrites each client sends in a row")
    f.add_argument("--latency", type=float, default=0.2, help="upstream seconds per model call")
    f.add_argument("--log-level", default="warning")
    f.add_argument("--check", action="store_true", help="exit 1 on any error or 5xx")
    e = sub.add_parser("embedded", help="the embedded model, many rewrites at once")
    e.add_argument("--clients", type=int, default=20)
    e.add_argument("--check", action="store_true", help="exit 1 unless every promise of the scenario holds")
    e.add_argument("--log-level", default="info")
    args = parser.parse_args(argv)
    return fake(args) if args.scenario == "fake" else embedded(args)


if __name__ == "__main__":
    raise SystemExit(main())
