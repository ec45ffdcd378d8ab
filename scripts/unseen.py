"""Send cases the rules were not written from to a running Tactful and print them for a person to read.

    make serve                                   # in another terminal (embedded model)
    python scripts/unseen.py evals/unseen/set-b.yaml --url http://127.0.0.1:8000 --out artifacts/unseen-b.json

Each file under ``evals/unseen/`` is a list of ``/rewrite`` requests with an ``id``. Nothing here scores
a reply: these sets exist to be read, as REVIEW.md says, by someone deciding whether they would send it.
The README's "Cases it has not seen" gives what that reading found.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import yaml


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("cases", type=Path, help="YAML list of /rewrite requests, each with an id")
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--key", default=None, help="API key, when the service has keys")
    parser.add_argument("--out", type=Path, default=None, help="write every answer here as JSON")
    args = parser.parse_args(argv)

    cases: list[dict[str, Any]] = yaml.safe_load(args.cases.read_text(encoding="utf-8"))
    headers = {"Authorization": f"Bearer {args.key}"} if args.key else {}
    answers: list[dict[str, Any]] = []
    with httpx.Client(base_url=args.url, headers=headers, timeout=900) as client:
        for case in cases:
            request = {k: v for k, v in case.items() if k != "id"}
            started = time.perf_counter()
            response = client.post("/rewrite", json=request)
            seconds = time.perf_counter() - started
            body = response.json()
            answers.append({**body, "case": case["id"], "status": response.status_code, "seconds": round(seconds, 1)})
            emotion = body.get("emotion") or {}
            print(
                f"=== {case['id']}  {response.status_code}  {seconds:.1f} s  degraded={body.get('degraded')}"
                f"  emotion={emotion.get('label') if isinstance(emotion, dict) else emotion}"
            )
            print("DRAFT:", request["draft"])
            print("REPLY:", body.get("reply"))
            print("WARNINGS:", body.get("warnings"))
            print(flush=True)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(answers, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
