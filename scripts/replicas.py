"""Run deploy/'s stack without Docker, on loopback ports, and prove what it promises. Prints figures.

    python scripts/replicas.py                    # fake model server (4 slots), real PostgreSQL, 2 replicas
    python scripts/replicas.py --slots 4,32       # also with a model server of 32 slots
    python scripts/replicas.py --model gguf       # the bundled GGUF, served by `python -m service.runtime serve-http`
    python scripts/replicas.py --model gguf --gguf /path/to/small.gguf

The processes: a PostgreSQL cluster (throwaway, like the tests'); one model server: the fake OpenAI
upstream of ``scripts/fake_upstream.py`` behind ``--slots`` parallel slots (a call waits for a free slot,
as on a llama.cpp server; 0.3 s + 10 ms per token a call), or the real llama.cpp server on a GGUF; two
replicas (``tactful serve``, one ``TACTFUL_ID_SECRET``, one ``TACTFUL_DATABASE_URL``, their own data
directories, the embedded runtime off: ``TACTFUL_MODEL=openai/...`` + ``TACTFUL_API_BASE``); a tiny
round-robin proxy (the nginx of deploy/: a replica that refuses connections is skipped) in front of both,
and one in front of replica 1 alone for the single-replica figures.

It proves, and exits 1 if one does not hold: rewrites spread over both replicas (counted by the proxy's
``X-Replica`` header); feedback posted to one replica on the other's rewrites is exported from the
other's settings; after replica 1 is killed (SIGKILL) mid-load no acknowledged feedback is missing from
the database and replica 2 serves every rewrite after. Then throughput with 1 vs 2 replicas against one
model server, and what saturates first: the model server's slots (busy time over slots x wall time), a
replica's CPU, or the proxy's CPU (CPU seconds over wall time, from /proc). Figures also go to
``artifacts/replicas/replicas.json``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "artifacts" / "replicas"
SECRET = "replicas-demo-secret-0123456789abcdef"
MODEL_KEY = "sk-replicas-model-key"

from scripts.load import ZH, _env, _free_port, _pct  # noqa: E402

# --- child processes: the model server with slots, the proxy -------------------------------------------


def _serve_upstream(port: int, slots: int) -> None:
    import uvicorn

    from scripts.fake_upstream import create_app

    inner = create_app()
    state: dict[str, Any] = {"slots": slots, "sem": None, "calls": 0, "busy_s": 0.0, "wait_s": 0.0}

    async def app(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["path"] != "/v1/chat/completions":
            if scope["type"] == "http" and scope["path"] == "/stats":
                query = dict(p.split("=") for p in scope["query_string"].decode().split("&") if "=" in p)
                if "slots" in query:
                    state.update(slots=int(query["slots"]), sem=None)
                body = json.dumps({k: v for k, v in state.items() if k != "sem"}).encode()
                await send({"type": "http.response.start", "status": 200,
                            "headers": [(b"content-type", b"application/json")]})
                await send({"type": "http.response.body", "body": body})
                return
            await inner(scope, receive, send)
            return
        if state["sem"] is None:
            state["sem"] = asyncio.Semaphore(state["slots"])
        arrived = time.monotonic()
        async with state["sem"]:
            started = time.monotonic()
            try:
                await inner(scope, receive, send)
            finally:
                state["calls"] += 1
                state["wait_s"] += started - arrived
                state["busy_s"] += time.monotonic() - started

    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


def _serve_proxy(port: int, backends: list[str]) -> None:
    """Round-robin over ``backends``; one that refuses the connection is skipped for 5 s (nginx's
    ``proxy_next_upstream error`` with ``fail_timeout``), and a rewrite whose replica dies under it is sent
    to the next one (a rewrite changes nothing, so it may run twice: deploy/nginx.conf's ``non_idempotent``
    on ``/rewrite``). Bodies are buffered (no SSE streaming)."""
    import uvicorn

    client = httpx.AsyncClient(timeout=600, limits=httpx.Limits(max_connections=500, max_keepalive_connections=200))
    turn = {"next": 0}
    down_until = [0.0] * len(backends)
    hop = {b"host", b"content-length", b"connection", b"transfer-encoding"}

    async def app(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        chunks = []
        while True:
            message = await receive()
            chunks.append(message.get("body", b""))
            if not message.get("more_body"):
                break
        headers = [(k, v) for k, v in scope["headers"] if k.lower() not in hop]
        target = scope["path"] + ("?" + scope["query_string"].decode() if scope["query_string"] else "")
        status, out_headers, body = 502, [(b"content-type", b"text/plain")], b"no replica answered"
        start = turn["next"]
        turn["next"] += 1
        for k in range(len(backends)):  # each replica at most once, starting with this request's turn
            i = (start + k) % len(backends)
            if time.monotonic() < down_until[i]:
                continue
            try:
                resp = await client.request(scope["method"], backends[i] + target, headers=headers,
                                            content=b"".join(chunks))
            except httpx.ConnectError:
                down_until[i] = time.monotonic() + 5.0
                continue
            except httpx.HTTPError:  # the replica died with the request on it
                if scope["path"].startswith("/rewrite"):
                    continue
                break
            out_headers = [(k, v) for k, v in resp.headers.raw if k.lower() not in hop]
            out_headers.append((b"x-replica", f"replica-{i + 1}".encode()))
            status, body = resp.status_code, resp.content
            break
        await send({"type": "http.response.start", "status": status, "headers": out_headers})
        await send({"type": "http.response.body", "body": body})

    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False, lifespan="off")


# --- the stack ------------------------------------------------------------------------------------


def _cpu_s(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _machine_busy() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine so far, all cores (from /proc/stat)."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    ticks = os.sysconf("SC_CLK_TCK")
    return (sum(values) - idle) / ticks, sum(values) / ticks


def _wait_http(url: str, timeout_s: float, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{url}: the process exited with {proc.returncode}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"{url} not ready within {timeout_s:.0f} s")


class Stack:
    def __init__(self, args: argparse.Namespace, work: Path) -> None:
        self.args, self.work = args, work
        self.procs: dict[str, subprocess.Popen[bytes]] = {}
        self.ports: dict[str, int] = {}

    def spawn(self, name: str, cmd: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
        log = (OUT / f"{name}.log").open("wb")
        proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=log)
        self.procs[name] = proc
        return proc

    def start_model(self) -> tuple[str, str]:
        port = self.ports["model"] = _free_port()
        if self.args.model == "fake":
            proc = self.spawn("model", [sys.executable, __file__, "_upstream", str(port), str(self.args.slots[0])],
                              _env())
            _wait_http(f"http://127.0.0.1:{port}/stats", 60, proc)
            return "openai/fake-llm", f"http://127.0.0.1:{port}/v1"
        env = _env(TACTFUL_API_KEY=MODEL_KEY, TACTFUL_EMBEDDED_PARALLEL=str(self.args.slots[0]),
                   TACTFUL_EMBEDDED_THREADS=str(self.args.model_threads), TACTFUL_LOG_LEVEL="error")
        if self.args.gguf:
            env["TACTFUL_EMBEDDED_MODEL_PATH"] = str(self.args.gguf)
        proc = self.spawn("model", [sys.executable, "-m", "service.runtime", "serve-http", "--port", str(port)], env)
        _wait_http(f"http://127.0.0.1:{port}/health", 900, proc)
        return "openai/embedded", f"http://127.0.0.1:{port}/v1"

    def replica_env(self, n: int, model: str, api_base: str, database_url: str) -> dict[str, str]:
        return _env(
            TACTFUL_MODEL=model, TACTFUL_API_BASE=api_base, TACTFUL_API_KEY=MODEL_KEY, TACTFUL_CHAIN_MODE="fast",
            TACTFUL_DATABASE_URL=database_url, TACTFUL_ID_SECRET=SECRET, TACTFUL_HOME=str(self.work / f"home{n}"),
            TACTFUL_MAX_INFLIGHT="64", TACTFUL_MAX_QUEUE="128", TACTFUL_RETRIES="0", TACTFUL_LOG_LEVEL="warning",
            TACTFUL_TIMEOUT_S="600", TACTFUL_CHAIN_TIMEOUT_S="600",
        )

    def start_replica(self, n: int, env: dict[str, str]) -> str:
        port = self.ports[f"replica{n}"] = _free_port()
        proc = self.spawn(f"replica{n}", [sys.executable, "-m", "service.cli", "serve", "--port", str(port)], env)
        _wait_http(f"http://127.0.0.1:{port}/readyz", 120, proc)
        return f"http://127.0.0.1:{port}"

    def start_proxy(self, name: str, backends: list[str]) -> str:
        port = self.ports[name] = _free_port()
        proc = self.spawn(name, [sys.executable, __file__, "_proxy", str(port), ",".join(backends)], _env())
        _wait_http(f"http://127.0.0.1:{port}/healthz", 60, proc)
        return f"http://127.0.0.1:{port}"

    def stop(self) -> None:
        for proc in self.procs.values():
            if proc.poll() is None:
                proc.terminate()
        for proc in self.procs.values():
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()


# --- what the clients do --------------------------------------------------------------------------


async def _rewrite(c: httpx.AsyncClient, url: str) -> dict[str, Any]:
    started = time.perf_counter()
    try:
        resp = await c.post(f"{url}/rewrite", json=ZH)
    except httpx.HTTPError as exc:
        return {"status": 0, "error": type(exc).__name__, "s": time.perf_counter() - started}
    row: dict[str, Any] = {"status": resp.status_code, "s": time.perf_counter() - started,
                           "replica": resp.headers.get("x-replica")}
    if resp.status_code == 200:
        row["body"] = resp.json()
    return row


async def _feedback(c: httpx.AsyncClient, url: str, body: dict[str, Any]) -> str:
    """``stored`` once a replica said so (201, or 409 on a retry: stored before); else the last status."""
    payload = {"id": body["id"], "rating": "up", "request": ZH, "response": body}
    last = "no answer"
    for attempt in range(3):
        try:
            resp = await c.post(f"{url}/feedback", json=payload)
        except httpx.HTTPError as exc:
            last = type(exc).__name__
        else:
            if resp.status_code == 201 or (resp.status_code == 409 and attempt > 0):
                return "stored"
            last = str(resp.status_code)
            if resp.status_code < 500:
                return last
        await asyncio.sleep(0.2)
    return last


async def _load(url: str, clients: int, total: int, feedback: bool = False) -> tuple[list[dict[str, Any]], float]:
    rows: list[dict[str, Any]] = []
    left = [total]

    async def client(c: httpx.AsyncClient) -> None:
        while left[0] > 0:
            left[0] -= 1
            row = await _rewrite(c, url)
            if feedback and row["status"] == 200:
                row["feedback"] = await _feedback(c, url, row["body"])
            rows.append(row)

    limits = httpx.Limits(max_connections=clients + 8, max_keepalive_connections=clients + 8)
    async with httpx.AsyncClient(timeout=900, limits=limits) as c:
        started = time.perf_counter()
        await asyncio.gather(*(client(c) for _ in range(clients)))
        return rows, time.perf_counter() - started


def _export(env: dict[str, str]) -> str:
    done = subprocess.run([sys.executable, "-m", "service.cli", "feedback", "export", "--out",
                           str(OUT / "export.yaml")], env=env, capture_output=True, text=True, timeout=120, check=False)
    return (done.stderr or done.stdout).strip().splitlines()[-1]


def _stored_ids(database_url: str) -> set[str]:
    import psycopg

    with psycopg.connect(database_url) as conn:
        return {row[0] for row in conn.execute("SELECT rewrite_id FROM rewrite_feedback").fetchall()}


def _throughput(stack: Stack, url: str, replicas: list[str], args: argparse.Namespace,
                slots: int) -> dict[str, Any]:
    model = stack.procs["model"]
    stats_url = f"http://127.0.0.1:{stack.ports['model']}/stats"
    before_stats = httpx.get(stats_url).json() if args.model == "fake" else {}
    pids = {name: stack.procs[name].pid for name in [*replicas, "proxy1" if len(replicas) == 1 else "proxy2"]}
    pids["model"] = model.pid
    cpu_before = {name: _cpu_s(pid) for name, pid in pids.items()}
    pids["clients"] = os.getpid()
    cpu_before["clients"] = _cpu_s(os.getpid())
    machine_before = _machine_busy()
    clients = max(args.clients, 2 * slots)  # enough to keep every slot of the model server busy
    rows, wall = asyncio.run(_load(url, clients, args.requests))
    cpu = {name: (_cpu_s(pid) - cpu_before[name]) / wall for name, pid in pids.items()}
    machine_after = _machine_busy()
    machine = (machine_after[0] - machine_before[0]) / (machine_after[1] - machine_before[1])
    ok = [r for r in rows if r["status"] == 200]
    run: dict[str, Any] = {
        "replicas": len(replicas), "model_slots": slots, "clients": clients, "requests": len(rows),
        "ok": len(ok), "degraded": sum(1 for r in ok if r["body"]["degraded"]),
        "rewrites_per_s": len(ok) / wall, "p50_s": _pct([r["s"] for r in ok], 0.5),
        "p95_s": _pct([r["s"] for r in ok], 0.95), "cpu_share": cpu, "machine_cpu_busy": machine,
        "replica_cpu_ms_per_rewrite": 1000 * sum(cpu[n] for n in replicas) * wall / max(1, len(ok)),
        "load_average_1m": os.getloadavg()[0],
    }
    if args.model == "fake":
        after = httpx.get(stats_url).json()
        calls = after["calls"] - before_stats["calls"]
        run["model_busy_share"] = (after["busy_s"] - before_stats["busy_s"]) / (slots * wall)
        run["model_wait_s_mean"] = (after["wait_s"] - before_stats["wait_s"]) / max(1, calls)
    run["saturated"] = _saturated(run)
    return run


FULL = 0.9


def _saturated(run: dict[str, Any]) -> str:
    """What bounds the throughput, checked in this order: the model server's slots (fake model: busy time
    over slots x wall), one of our processes' CPU (a Python event loop has one core), the machine's CPU
    (every core, other users' processes included); else nothing of these is full (the clients bound it)."""
    if run.get("model_busy_share", 0.0) >= FULL:
        return f"the model server's slots ({run['model_busy_share']:.0%} busy)"
    name, share = max(run["cpu_share"].items(), key=lambda kv: kv[1])
    if share >= FULL:
        return f"{name}'s CPU ({share:.2f} of a core)"
    if run["machine_cpu_busy"] >= FULL:
        ours = sum(run["cpu_share"].values())
        return (f"the machine's CPU ({run['machine_cpu_busy']:.0%} busy, {ours:.2f} cores of it ours; "
                f"busiest of ours: {name} {share:.2f})")
    return "none of model slots, CPU (the clients' concurrency bounds it)"


def main(argv: list[str] | None = None) -> int:
    args_list = sys.argv[1:] if argv is None else argv
    if args_list[:1] == ["_upstream"]:
        _serve_upstream(int(args_list[1]), int(args_list[2]))
        return 0
    if args_list[:1] == ["_proxy"]:
        _serve_proxy(int(args_list[1]), args_list[2].split(","))
        return 0
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", choices=["fake", "gguf"], default="fake")
    parser.add_argument("--gguf", type=Path, help="with --model gguf: this GGUF instead of the bundled one")
    parser.add_argument("--model-threads", type=int, default=0,
                        help="with --model gguf: llama.cpp threads (0: all cores; on a busy machine 1 is faster)")
    parser.add_argument("--slots", type=lambda s: [int(x) for x in s.split(",")], default=[4],
                        help="model server parallel slots; several (fake model only): one throughput run each")
    parser.add_argument("--clients", type=int, default=16,
                        help="concurrent clients in the throughput runs (at least 2 x slots)")
    parser.add_argument("--requests", type=int, default=96, help="rewrites per throughput run")
    parser.add_argument("--kill-requests", type=int, default=40, help="rewrites (+ feedback) while replica 1 dies")
    args = parser.parse_args(args_list)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stop every process we started on the way out

    from tests.servers import initdb_binary, postgres_cluster

    if initdb_binary() is None:
        print("error: PostgreSQL is not installed (initdb): apt-get install postgresql, or `make databases`")
        return 2
    OUT.mkdir(parents=True, exist_ok=True)
    failures: list[str] = []
    report: dict[str, Any] = {"model": args.model, "runs": []}
    with tempfile.TemporaryDirectory(prefix="tactful-replicas-") as tmp, postgres_cluster() as pg:
        stack = Stack(args, Path(tmp))
        try:
            pg.sql("CREATE DATABASE tactful")
            database_url = pg.url("tactful")
            model, api_base = stack.start_model()
            envs = [stack.replica_env(n, model, api_base, database_url) for n in (1, 2)]
            r1, r2 = stack.start_replica(1, envs[0]), stack.start_replica(2, envs[1])
            both = stack.start_proxy("proxy2", [r1, r2])
            one = stack.start_proxy("proxy1", [r1])
            print(f"stack: PostgreSQL :{pg.port}, model server ({args.model}, {args.slots[0]} slots) "
                  f":{stack.ports['model']}, replicas :{stack.ports['replica1']} :{stack.ports['replica2']}, "
                  f"proxy :{stack.ports['proxy2']} (both) :{stack.ports['proxy1']} (replica 1 alone)")
            asyncio.run(_load(both, 4, 8))  # warm both replicas (litellm's first call, pools)

            # 1. spread, and feedback on one replica's rewrites posted to the other
            rows, _ = asyncio.run(_load(both, 4, 20))
            spread = Counter(r["replica"] for r in rows if r["status"] == 200)
            print(f"spread: 20 rewrites through the proxy -> {dict(sorted(spread.items()))}")
            if len(spread) != 2:
                failures.append(f"rewrites did not spread over both replicas: {dict(spread)}")
            crossed = Counter()
            for row in rows:
                other = r2 if row["replica"] == "replica-1" else r1
                with httpx.Client(timeout=30) as c:
                    resp = c.post(f"{other}/feedback", json={"id": row["body"]["id"], "rating": "up",
                                                               "request": ZH, "response": row["body"]})
                crossed[resp.status_code] += 1
            exported = _export(envs[1])
            print(f"feedback: 20 posted to the replica that did not write the rewrite -> {dict(crossed)}; "
                  f"export with replica 2's settings: {exported}")
            if crossed != Counter({201: 20}) or "skipped" not in exported:
                failures.append(f"cross-replica feedback: {dict(crossed)}")
            if sum(int(w) for w in exported.split() if w.isdigit()) < 20:
                failures.append(f"export saw fewer than 20 records: {exported}")

            # 2. throughput: 1 vs 2 replicas against one model server
            for slots in args.slots if args.model == "fake" else args.slots[:1]:
                if args.model == "fake":
                    httpx.get(f"http://127.0.0.1:{stack.ports['model']}/stats", params={"slots": slots})
                for url, names in ((one, ["replica1"]), (both, ["replica1", "replica2"])):
                    run = _throughput(stack, url, names, args, slots)
                    report["runs"].append(run)
                    busy = f", model slots busy {run['model_busy_share']:.0%}" if "model_busy_share" in run else ""
                    cpu = ", ".join(f"{k} {v:.2f}" for k, v in run["cpu_share"].items())
                    cpu += (f"; machine {run['machine_cpu_busy']:.0%} busy (load {run['load_average_1m']:.1f}); "
                            f"replica CPU "
                            f"{run['replica_cpu_ms_per_rewrite']:.0f} ms/rewrite")
                    print(f"throughput: {run['replicas']} replica(s), {slots} model slots, {run['clients']} clients: "
                          f"{run['ok']}/{run['requests']} ok, {run['rewrites_per_s']:.2f} rewrites/s, "
                          f"p50 {run['p50_s']:.2f} s, p95 {run['p95_s']:.2f} s{busy}; CPU cores: {cpu}; "
                          f"bound by: {run['saturated']}")

            # 3. kill replica 1 mid-load: no acknowledged feedback lost, replica 2 goes on serving
            async def killed_mid_load() -> tuple[list[dict[str, Any]], float]:
                task = asyncio.create_task(_load(both, 8, args.kill_requests, feedback=True))
                await asyncio.sleep(1.5)
                stack.procs["replica1"].send_signal(signal.SIGKILL)
                return await task

            rows, _ = asyncio.run(killed_mid_load())
            acknowledged = {r["body"]["id"] for r in rows if r.get("feedback") == "stored"}
            missing = acknowledged - _stored_ids(database_url)
            statuses = Counter(r["status"] for r in rows)
            fb = Counter(r.get("feedback", "-") for r in rows)
            after, _ = asyncio.run(_load(both, 4, 20))
            after_ok = Counter((r["status"], r["replica"]) for r in after)
            print(f"kill: replica 1 SIGKILLed during {args.kill_requests} rewrites + feedback -> "
                  f"rewrites {dict(statuses)}, feedback {dict(fb)}; acknowledged {len(acknowledged)}, "
                  f"missing from the database {len(missing)}; 20 rewrites after: {dict(after_ok)}")
            if missing:
                failures.append(f"{len(missing)} acknowledged feedback records missing")
            if after_ok != Counter({(200, "replica-2"): 20}):
                failures.append(f"after the kill: {dict(after_ok)}")
        finally:
            stack.stop()
    report["failures"] = failures
    (OUT / "replicas.json").write_text(json.dumps(report, indent=2))
    print(f"figures: {OUT / 'replicas.json'}; logs: {OUT}/*.log")
    for failure in failures:
        print(f"FAIL: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
