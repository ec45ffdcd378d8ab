"""Benchmark the service and print the figures; nothing here asserts a target.

    python scripts/bench.py                 # the embedded model: 12 golden cases (6 zh, 6 en) over HTTP
    python scripts/bench.py --hosted        # the hosted path: full shape vs single-call baseline, fake upstream
    python scripts/bench.py --cases 20 --repeats 2 --mode full

Embedded: the real service (``create_app``, lifespan and all) on a loopback port; the bench waits until
the prompt cache is warm, then sends each case to ``POST /rewrite/stream`` and prints, per request, the
wall time and the time to the first streamed event, then median / p90 / max, per-step latency and
tokens from the traces, the case gate of each case (the eval's own scorers), and the peak RSS of the
service and of the runtime's process.

Hosted: a fake OpenAI-compatible upstream that costs ``--per-call`` s + ``--per-token`` s per generated
token (default 0.3 s + 10 ms) serves the chain's full shape and the eval's single-call baseline on the
same cases; prints both and the ratio.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
os.environ.setdefault("DISABLE_AIOHTTP_TRANSPORT", "True")

import fake_upstream
import httpx

from evals import GoldenCase, build_scorers, load_golden, load_thresholds, score_response
from service.schemas import RewriteResponse
from service.settings import Settings, get_settings


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cases(n: int) -> list[GoldenCase]:
    golden = load_golden()
    zh = [c for c in golden if c.language == "zh"][: n // 2]
    en = [c for c in golden if c.language == "en"][: n - len(zh)]
    return [c for pair in zip(zh, en, strict=False) for c in pair]


def _stream(client: httpx.Client, url: str, body: dict[str, Any]) -> tuple[float, float, RewriteResponse]:
    """(first event s, wall s, the done payload) of one POST /rewrite/stream."""
    t0 = time.perf_counter()
    first = None
    event = ""
    done: dict[str, Any] | None = None
    with client.stream("POST", f"{url}/rewrite/stream", json=body) as resp:
        resp.raise_for_status()
        for line in resp.iter_lines():
            if line.startswith("event: "):
                event = line.removeprefix("event: ")
                if first is None:
                    first = time.perf_counter() - t0
            elif line.startswith("data: ") and event == "done":
                done = json.loads(line.removeprefix("data: "))
    wall = time.perf_counter() - t0
    assert done is not None, "the stream ended without a done event"
    return first or wall, wall, RewriteResponse.model_validate(done)


def _wait_warm(client: httpx.Client, url: str, timeout_s: float = 1800) -> float:
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < timeout_s:
        body = client.get(f"{url}/readyz").json()
        if body.get("status") == "ready" and body.get("prompt_cache", "warm") == "warm":
            return time.perf_counter() - t0
        time.sleep(0.5)
    raise TimeoutError("the prompt cache did not warm up")


def _runtime_speed(client: httpx.Client, runtime: Any) -> tuple[float, float]:
    """Prefill and decode speed of the runtime on an uncached prompt (llama.cpp's own ``timings``), so
    the wall times below can be read against the machine they ran on."""
    prompt = " ".join(f"item {i} of the probe list;" for i in range(120))
    body = {"model": "probe", "messages": [{"role": "user", "content": prompt}], "max_tokens": 32, "temperature": 0}
    headers = {"Authorization": f"Bearer {runtime.api_key}"}
    timings = client.post(f"{runtime.url}/chat/completions", json=body, headers=headers).json()["timings"]
    return float(timings["prompt_per_second"]), float(timings["predicted_per_second"])


def embedded(args: argparse.Namespace) -> int:
    from service.api.main import create_app

    settings = get_settings()
    update: dict[str, Any] = {"chain_timeout_s": 600.0, "timeout_s": 300.0}
    if args.mode:
        update["chain_mode"] = args.mode
    settings = settings.model_copy(update=update)
    thresholds = load_thresholds()
    scorers = build_scorers(thresholds.pass_at, embeddings=False)
    gate = [s for s in thresholds.case_gate if s in scorers]
    started = time.perf_counter()
    app = create_app(settings)
    with fake_upstream.serve(app) as url, httpx.Client(timeout=900) as client:
        print(f"service start (runtime load): {time.perf_counter() - started:.1f} s")
        print(f"prompt-cache warm-up: {_wait_warm(client, url):.1f} s")
        if app.state.engine.runtime is not None:
            prefill, decode = _runtime_speed(client, app.state.engine.runtime)
            print(f"this machine's runtime speed: prefill {prefill:.0f} tok/s, decode {decode:.1f} tok/s (one request)")
        walls: list[float] = []
        firsts: list[float] = []
        steps: dict[str, list[tuple[int, int, int]]] = {}
        passed = degraded = 0
        for rep in range(args.repeats):
            for case in _cases(args.cases):
                first, wall, resp = _stream(client, url, case.request.model_dump(mode="json"))
                walls.append(wall)
                firsts.append(first)
                degraded += resp.degraded
                for t in resp.trace:
                    steps.setdefault(t.step, []).append((t.latency_ms, t.prompt_tokens, t.completion_tokens))
                scores = score_response(case, resp, scorers)
                failed = [name for name in gate if not scores[name].passed]
                passed += not failed
                print(
                    f"  rep {rep} {case.id:<36} {wall:5.1f} s  first event {first:4.2f} s"
                    f"{'  DEGRADED' if resp.degraded else ''}"
                    f"  case gate {'pass' if not failed else 'FAIL ' + ','.join(failed)}"
                )
        runtime = app.state.engine.runtime
        child = runtime.peak_rss_mb() if runtime is not None else None
    n = len(walls)
    print(f"\nrequests: {n}   degraded: {degraded}   case gate passed: {passed}/{n}")
    print(
        f"wall s: median {statistics.median(walls):.1f}  p90 {_pct(walls, 0.9):.1f}"
        f"  min {min(walls):.1f}  max {max(walls):.1f}"
    )
    print(f"first streamed event s: median {statistics.median(firsts):.2f}  p90 {_pct(firsts, 0.9):.2f}")
    for step, values in sorted(steps.items()):
        print(
            f"  step {step:<8} n={len(values):<3} latency ms median {statistics.median(v[0] for v in values):.0f}"
            f"  prompt tokens median {statistics.median(v[1] for v in values):.0f}"
            f"  completion tokens median {statistics.median(v[2] for v in values):.0f}"
        )
    if child is None:
        print(f"peak RSS of this process: {_rss_mb():.0f} MB")
    else:
        print(f"peak RSS: service {_rss_mb():.0f} MB + runtime process {child:.0f} MB = {_rss_mb() + child:.0f} MB")
    return 0


async def _hosted_run(settings: Settings, cases: list[GoldenCase]) -> tuple[list[float], list[float]]:
    from evals.solvers import baseline_solver
    from service.chain import rewrite
    from service.engine import build_deps
    from service.llm import LiteLLMGenerator, override_model_requests

    generate = LiteLLMGenerator(retries=0)
    deps = build_deps(settings.model_copy(update={"chain_mode": "full"}), generate)
    baseline = baseline_solver(settings, generate, None)
    full: list[float] = []
    single: list[float] = []
    with override_model_requests(True):
        for case in cases:
            t0 = time.perf_counter()
            resp = await rewrite(case.request, deps)
            full.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            base = await baseline(case)
            single.append(time.perf_counter() - t0)
            print(
                f"  {case.id:<36} full {full[-1]:4.2f} s ({len(resp.trace)} calls"
                f"{', degraded' if resp.degraded else ''})"
                f"  baseline {single[-1]:4.2f} s{' (degraded)' if base.degraded else ''}"
            )
    return full, single


def hosted(args: argparse.Namespace) -> int:
    app = fake_upstream.create_app(args.per_call, args.per_token)
    with fake_upstream.serve(app) as base:
        settings = Settings(
            model="openai/bench", api_base=f"{base}/v1", api_key="sk-bench", home=Path(tempfile.mkdtemp()),
            retries=0, timeout_s=60,
        )  # fmt: skip
        print(f"fake upstream: {args.per_call:.2f} s per call + {args.per_token * 1000:.0f} ms per token")
        full, single = asyncio.run(_hosted_run(settings, _cases(args.cases)))
    ratio = statistics.median(full) / statistics.median(single)
    print(f"\nfull shape  wall s: median {statistics.median(full):.2f}  p90 {_pct(full, 0.9):.2f}")
    print(f"baseline    wall s: median {statistics.median(single):.2f}  p90 {_pct(single, 0.9):.2f}")
    print(f"full / baseline (medians): {ratio:.2f}")
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=12)
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--mode", choices=["fast", "full"], default=None)
    parser.add_argument("--hosted", action="store_true", help="full shape vs baseline against a fake upstream")
    parser.add_argument("--per-call", type=float, default=0.3)
    parser.add_argument("--per-token", type=float, default=0.01)
    a = parser.parse_args()
    raise SystemExit(hosted(a) if a.hosted else embedded(a))
