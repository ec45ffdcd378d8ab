"""Keep in an environment only what ``tactful`` needs to run: the rest of the lock file goes.

The image installs all of ``requirements.lock`` (one file, every package pinned and hashed, the dev and
eval extras included), then runs this to remove what the service never imports (pytest, playwright,
ruff, mypy, sacrebleu ...). What stays is the closure of ``tactful``'s own requirements plus the extras
named (``embedded`` by default), read from the installed metadata, with environment markers evaluated.

    python scripts/prune_venv.py [--extra embedded] [--dry-run]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from importlib import metadata

from packaging.requirements import Requirement

KEEP_ALWAYS = {"pip"}
"""Kept whatever depends on it: the image's pip (to inspect or patch an installed environment)."""


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def closure(root: str, extras: set[str]) -> set[str]:
    """Canonical names of ``root`` and everything it needs with ``extras``, as installed here."""
    needed: set[str] = set()
    pending: list[tuple[str, frozenset[str]]] = [(root, frozenset(extras))]
    seen: set[tuple[str, frozenset[str]]] = set()
    while pending:
        name, wanted = pending.pop()
        if (canonical(name), wanted) in seen:
            continue
        seen.add((canonical(name), wanted))
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError as exc:
            raise SystemExit(f"prune: {name} is required but not installed (is it in requirements.lock?)") from exc
        needed.add(canonical(dist.metadata["Name"]))
        for line in dist.requires or []:
            req = Requirement(line)
            contexts = [{"extra": extra} for extra in sorted(wanted)] or [{"extra": ""}]
            if req.marker is None or any(req.marker.evaluate(ctx) for ctx in [*contexts, {"extra": ""}]):
                pending.append((req.name, frozenset(req.extras)))
    return needed


def installed() -> set[str]:
    return {canonical(d.metadata["Name"]) for d in metadata.distributions() if d.metadata["Name"]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--extra", action="append", default=None, help="extra of tactful to keep (repeatable)")
    parser.add_argument("--no-extras", action="store_true", help="keep the base requirements only")
    parser.add_argument("--dry-run", action="store_true", help="print what would be removed, remove nothing")
    args = parser.parse_args(argv)
    extras = set() if args.no_extras else set(args.extra or ["embedded"])
    keep = closure("tactful", extras) | KEEP_ALWAYS
    remove = sorted(installed() - keep)
    print(f"prune: keeping {len(keep)} distributions, removing {len(remove)}: {' '.join(remove) or '-'}")
    if remove and not args.dry_run:
        subprocess.run([sys.executable, "-m", "pip", "uninstall", "-y", "-q", *remove], check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
