"""Benchmark a full rewrite on the embedded model (or any configured one) and print the figures.

    python scripts/bench.py                     # 12 golden cases (6 zh, 6 en), embedded model
    python scripts/bench.py --cases 20 --repeats 2 --mode full

Prints: runtime start-up, prompt-cache warm-up, per request wall time and the time to the first
streamed event, median / p90 / max, per-step latency and tokens, and the peak RSS of the service
process and of the runtime's child process.
Figures come from this machine as it is when you run it; nothing here asserts a target.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
os.environ.setdefault("DISABLE_AIOHTTP_TRANSPORT", "True")

from evals import load_golden
from service.chain import FAST_PROMPTS, FULL_PROMPTS, rewrite, shape, warm_up
from service.engine import Engine
from service.schemas import ChainEvent
from service.settings import get_settings


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def main(args: argparse.Namespace) -> int:
    settings = get_settings()
    if args.mode:
        settings = settings.model_copy(update={"chain_mode": args.mode})
    settings = settings.model_copy(update={"chain_timeout_s": 600.0, "timeout_s": 300.0})
    engine = Engine(settings, progress=lambda m: print(f"  {m}", file=sys.stderr))
    started = time.perf_counter()
    async with engine:
        if engine.runtime is not None:
            print(f"runtime start (assembly check + load): {time.perf_counter() - started:.1f} s")
        chain_shape = shape(settings)
        if engine.warming is not None:
            warm = await engine.warming
        else:  # a hosted model: send the prefixes anyway, as a first call would
            warm = await warm_up(engine.deps, FAST_PROMPTS if chain_shape == "fast" else FULL_PROMPTS)
        deps = engine.deps
        print(f"prompt-cache warm-up: {warm:.1f} s   shape: {chain_shape}   model: {deps.target('compose').display}")
        code = await _bench(args, engine)
    return code


async def _bench(args: argparse.Namespace, engine: Engine) -> int:
    deps = engine.deps
    zh = [c for c in load_golden() if c.language == "zh"][: args.cases // 2]
    en = [c for c in load_golden() if c.language == "en"][: args.cases - len(zh)]
    cases = [c for pair in zip(zh, en, strict=False) for c in pair]
    walls: list[float] = []
    firsts: list[float] = []
    steps: dict[str, list[tuple[int, int]]] = {}
    degraded = 0
    for rep in range(args.repeats):
        for case in cases:
            first: list[float] = []
            t0 = time.perf_counter()

            async def emit(event: ChainEvent, t0: float = t0, first: list[float] = first) -> None:
                if not first:
                    first.append(time.perf_counter() - t0)

            resp = await rewrite(case.request, deps, emit=emit)
            wall = time.perf_counter() - t0
            walls.append(wall)
            firsts.append(first[0] if first else wall)
            degraded += resp.degraded
            for t in resp.trace:
                steps.setdefault(t.step, []).append((t.latency_ms, t.completion_tokens))
            failed = [c.name for c in resp.checks if not c.passed]
            print(
                f"  rep {rep} {case.id:<34} {wall:5.1f} s  first event {firsts[-1]:4.1f} s"
                f"{'  DEGRADED' if resp.degraded else ''}{'  failed: ' + ','.join(failed) if failed else ''}"
            )
    print(f"\nrequests: {len(walls)}   degraded: {degraded}")
    print(
        f"wall s: median {statistics.median(walls):.1f}  p90 {_pct(walls, 0.9):.1f}  "
        f"min {min(walls):.1f}  max {max(walls):.1f}"
    )
    print(f"first streamed event s: median {statistics.median(firsts):.1f}  p90 {_pct(firsts, 0.9):.1f}")
    for step, values in sorted(steps.items()):
        lat = [v[0] for v in values]
        tok = [v[1] for v in values]
        print(
            f"  step {step:<8} n={len(values):<3} latency ms median {statistics.median(lat):.0f}"
            f"  completion tokens median {statistics.median(tok):.0f}"
        )
    child = engine.runtime.peak_rss_mb() if engine.runtime is not None else None
    if child is None:
        print(f"peak RSS of this process: {_rss_mb():.0f} MB")
    else:
        print(
            f"peak RSS: service {_rss_mb():.0f} MB + runtime process {child:.0f} MB = {_rss_mb() + child:.0f} MB"
        )
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=12)
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--mode", choices=["fast", "full"], default=None)
    raise SystemExit(asyncio.run(main(parser.parse_args())))
