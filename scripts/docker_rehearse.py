"""Replay the Dockerfile without a Docker engine: every stage in a chroot of the debootstrap base.

    sudo python3 scripts/docker_rehearse.py --base /tmp/tactful-rootfs --work /tmp/tactful-rehearse [--smoke]

For machines with no engine (``docker build`` cannot run): each stage starts as a copy of the root
filesystem ``scripts/docker_base.sh --rootfs-only`` made (the image ``make docker-base`` imports), and
its instructions run as Docker would run them: ``ARG`` (``--build-arg`` overrides), ``ENV``, ``WORKDIR``,
``COPY`` (from the build context, minus .dockerignore, or ``--from`` an earlier stage) and ``RUN``
(``/bin/sh -c`` in the chroot, with the stage's environment, /proc, /dev and the host's resolv.conf).
``USER``, ``EXPOSE``, ``VOLUME``, ``HEALTHCHECK`` and ``CMD`` are recorded. It prints the final stage's
size (what the image would hold, near what ``docker image inspect`` reports) and, with ``--smoke``, runs
the ``CMD`` as the ``USER`` in the final root filesystem, as ``scripts/docker_smoke.sh`` runs the
container: a fake model (``scripts/fake_upstream.py``) beside it, or with ``--smoke-model embedded`` the
image's own; waits for ``/readyz``, runs the ``HEALTHCHECK`` command, rewrites one golden case.

It is a rehearsal, not a build: no layers, no image. Needs root (chroot, mount).
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASE_ENV = {"PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LANG": "C.UTF-8", "HOME": "/root"}
"""What the base image sets (scripts/docker_base.sh's docker import --change), and Docker's HOME for root."""

Instruction = tuple[str, str]


def instructions(path: Path = ROOT / "Dockerfile") -> tuple[list[Instruction], list[list[Instruction]]]:
    """The instructions before the first FROM, and those of each stage (FROM first); continuation lines
    joined, comments dropped."""
    logical: list[str] = []
    pending = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.lstrip().startswith("#") or not line.strip():
            continue
        if line.rstrip().endswith("\\"):
            pending += line.rstrip()[:-1] + " "
            continue
        logical.append(pending + line.strip())
        pending = ""
    head: list[Instruction] = []
    stages: list[list[Instruction]] = []
    for entry in logical:
        keyword, _, rest = entry.partition(" ")
        keyword = keyword.upper()
        if keyword == "FROM":
            stages.append([])
        (stages[-1] if stages else head).append((keyword, rest.strip()))
    return head, stages


def expand(text: str, env: dict[str, str]) -> str:
    return re.sub(r"\$\{(\w+)\}|\$(\w+)", lambda m: env.get(m.group(1) or m.group(2), ""), text)


def ignore_patterns() -> list[str]:
    lines = (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def ignored(rel: str, patterns: list[str]) -> bool:
    parts = rel.split("/")
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    return any(
        any(fnmatch.fnmatch(p, pattern) for p in prefixes)
        or any(fnmatch.fnmatch(part, pattern.removeprefix("**/")) for part in parts)
        for pattern in patterns
    )


@dataclass
class Stage:
    name: str
    rootfs: Path
    env: dict[str, str] = field(default_factory=lambda: dict(BASE_ENV))
    args: dict[str, str] = field(default_factory=dict)
    workdir: str = "/"
    user: str | None = None
    meta: dict[str, str] = field(default_factory=dict)


class Mounted:
    """/proc and /dev inside the chroot, and the host's resolv.conf, for as long as a command runs."""

    def __init__(self, rootfs: Path) -> None:
        self.rootfs = rootfs

    def __enter__(self) -> Mounted:
        for sub, how in (("proc", ["-t", "proc", "proc"]), ("dev", ["--bind", "/dev"])):
            (self.rootfs / sub).mkdir(exist_ok=True)
            subprocess.run(["mount", *how, str(self.rootfs / sub)], check=True)
        resolv = self.rootfs / "etc" / "resolv.conf"
        resolv.unlink(missing_ok=True)
        shutil.copy2("/etc/resolv.conf", resolv)
        return self

    def __exit__(self, *exc: object) -> None:
        for sub in ("dev", "proc"):
            subprocess.run(["umount", "-l", str(self.rootfs / sub)], check=False)


def chroot_argv(stage: Stage, command: str, env: dict[str, str], user: str | None) -> list[str]:
    spec = ["--userspec", user] if user else []
    pairs = [f"{k}={v}" for k, v in env.items()]
    script = f"cd {shlex.quote(stage.workdir)} && {command}"
    return ["chroot", *spec, str(stage.rootfs), "/usr/bin/env", "-i", *pairs, "/bin/sh", "-c", script]


def copy_into(stage: Stage, sources: list[Path], dest: str, context: Path | None) -> None:
    target = Path(dest if dest.startswith("/") else f"{stage.workdir.rstrip('/')}/{dest}")
    into_dir = dest.endswith("/") or len(sources) > 1
    patterns = ignore_patterns() if context is not None else []
    for source in sources:
        out = stage.rootfs / str(target).lstrip("/")
        if into_dir and source.is_file():
            out = out / source.name
        if source.is_dir():

            def skip(folder: str, names: list[str], source: Path = source) -> set[str]:
                if context is None:
                    return set()
                base = Path(folder).relative_to(context)
                return {n for n in names if ignored((base / n).as_posix(), patterns)}

            shutil.copytree(source, out, symlinks=True, ignore=skip, dirs_exist_ok=True)
        else:
            out.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, out, follow_symlinks=False)


def run_stage(index: int, body: list[Instruction], base: Path, work: Path, built: dict[str, Stage],
              head_args: dict[str, str], overrides: dict[str, str], replay: bool = True) -> Stage:  # fmt: skip
    """One stage; ``replay=False`` re-reads its settings (ENV, USER, CMD ...) over a root filesystem an
    earlier rehearsal left, without copying or running anything."""
    keyword, rest = body[0]
    words = expand(rest, head_args).split()
    name = words[2] if len(words) == 3 and words[1].upper() == "AS" else str(index)
    stage = Stage(name=name, rootfs=work / f"stage-{index}-{name}")
    if replay:
        if stage.rootfs.exists():
            shutil.rmtree(stage.rootfs)
        print(f"== FROM {words[0]} (as {name}): a copy of {base}", flush=True)
        subprocess.run(["cp", "-a", str(base), str(stage.rootfs)], check=True)
    elif not stage.rootfs.is_dir():
        raise SystemExit(f"--no-build: {stage.rootfs} is missing (run the rehearsal once first)")
    for keyword, rest in body[1:]:
        if not replay and keyword in ("RUN", "COPY"):
            continue
        started = time.monotonic()
        print(f"-- {keyword} {rest[:150]}", flush=True)
        if keyword == "ARG":
            key, _, default = rest.partition("=")
            stage.args[key] = overrides.get(key, default)
        elif keyword == "ENV":
            for pair in shlex.split(rest):
                key, _, value = pair.partition("=")
                stage.env[key] = expand(value, {**stage.args, **stage.env})
        elif keyword == "WORKDIR":
            stage.workdir = expand(rest, stage.env)
            if replay:
                (stage.rootfs / stage.workdir.lstrip("/")).mkdir(parents=True, exist_ok=True)
        elif keyword == "COPY":
            words = rest.split()
            if words[0].startswith("--from="):
                origin = built[words[0].removeprefix("--from=")]
                *paths, dest = words[1:]
                copy_into(stage, [origin.rootfs / p.lstrip("/") for p in paths], dest, None)
            else:
                *paths, dest = words
                copy_into(stage, [ROOT / p for p in paths], dest, ROOT)
        elif keyword == "RUN":
            env = {**stage.args, **stage.env}
            with Mounted(stage.rootfs):
                done = subprocess.run(chroot_argv(stage, rest, env, stage.user), check=False)
            if done.returncode != 0:
                raise SystemExit(f"RUN failed ({done.returncode}) in stage {name}: {rest}")
        elif keyword == "USER":
            stage.user = rest
        else:
            stage.meta[keyword] = rest
        if keyword in ("RUN", "COPY"):
            print(f"   {time.monotonic() - started:.1f} s", flush=True)
    built[name] = built[str(index)] = stage
    return stage


def size_mb(path: Path) -> float:
    out = subprocess.run(["du", "-sb", str(path)], capture_output=True, text=True, check=True).stdout
    return int(out.split()[0]) / 1e6


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_ready(url: str, proc: subprocess.Popen[bytes], timeout_s: float) -> float:
    started = time.monotonic()
    while time.monotonic() - started < timeout_s:
        if proc.poll() is not None:
            raise SystemExit(f"the service exited ({proc.returncode}) before {url} answered")
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if resp.status == 200:
                    return time.monotonic() - started
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.25)
    raise SystemExit(f"no answer from {url} within {timeout_s} s")


def golden(case_id: str) -> dict[str, object]:
    import yaml

    for path in sorted((ROOT / "evals" / "golden").glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]:
            if case["id"] == case_id:
                request: dict[str, object] = case["request"]
                return request
    raise SystemExit(f"no golden case {case_id}")


def smoke(stage: Stage, model: str, case_id: str, timeout_s: float, extra: dict[str, str]) -> None:
    port, key = free_port(), "smoke-" + os.urandom(12).hex()
    env = {**stage.env, **extra, "TACTFUL_PORT": str(port), "TACTFUL_API_KEYS": json.dumps({"smoke": key})}
    helpers: list[subprocess.Popen[bytes]] = []
    with Mounted(stage.rootfs):
        try:
            if model == "fake":
                smoke_dir = stage.rootfs / "tmp" / "smoke"
                smoke_dir.mkdir(parents=True, exist_ok=True)
                shutil.copy2(ROOT / "scripts" / "fake_upstream.py", smoke_dir)
                upstream = free_port()
                fake = Stage(stage.name, stage.rootfs, dict(stage.env), workdir="/tmp")
                serve_fake = f"exec python /tmp/smoke/fake_upstream.py --port {upstream} --per-call 0 --per-token 0"
                helpers.append(subprocess.Popen(chroot_argv(fake, serve_fake, fake.env, None)))
                env.update(TACTFUL_MODEL="openai/fake", TACTFUL_API_BASE=f"http://127.0.0.1:{upstream}/v1",
                           TACTFUL_API_KEY="sk-fake")  # fmt: skip
            cmd = " ".join(shlex.quote(word) for word in json.loads(stage.meta["CMD"]))
            proc = subprocess.Popen(chroot_argv(stage, f"exec {cmd}", env, stage.user))
            helpers.append(proc)
            ready = wait_ready(f"http://127.0.0.1:{port}/readyz", proc, timeout_s)
            print(f"smoke: /readyz after {ready:.1f} s ({model} model, as user {stage.user})", flush=True)
            health = stage.meta["HEALTHCHECK"].split(" CMD ", 1)[1]
            code = subprocess.run(chroot_argv(stage, health, env, stage.user), check=False).returncode
            print(f"smoke: HEALTHCHECK exit {code}", flush=True)
            body = json.dumps(golden(case_id)).encode()
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}/rewrite", data=body, method="POST",
                headers={"Content-Type": "application/json", "Authorization": f"Bearer {key}"},
            )  # fmt: skip
            started = time.monotonic()
            with urllib.request.urlopen(request, timeout=600) as resp:
                answer = json.loads(resp.read())
            print(f"smoke: {case_id} rewritten in {time.monotonic() - started:.1f} s, degraded={answer['degraded']} "
                  f"({answer.get('degraded_reason')}), "
                  f"{answer['usage']['model_calls']} model call(s), emotion "
                  f"{(answer.get('emotion') or {}).get('label')}, {len(answer['plan'])} plan step(s)")  # fmt: skip
            print(answer["reply"])
            if code != 0 or answer["degraded"] or not answer["reply"].strip():
                raise SystemExit("smoke: failed")
        finally:
            for helper in reversed(helpers):
                if helper.poll() is None:
                    helper.send_signal(signal.SIGTERM)
                    try:
                        helper.wait(30)
                    except subprocess.TimeoutExpired:
                        helper.kill()
                        helper.wait(10)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", type=Path, required=True, help="root filesystem of the base image")
    parser.add_argument("--work", type=Path, required=True, help="where the stages' root filesystems go")
    parser.add_argument("--build-arg", action="append", default=[], help="NAME=VALUE, as for docker build")
    parser.add_argument("--smoke", action="store_true", help="then run the CMD and rewrite one golden case")
    parser.add_argument("--smoke-model", choices=["fake", "embedded"], default="fake")
    parser.add_argument("--case", default="refund-en-two-emails")
    parser.add_argument("--ready-timeout", type=float, default=300.0)
    parser.add_argument("--no-build", action="store_true", help="reuse the stages of an earlier rehearsal")
    parser.add_argument("--env", action="append", default=[], help="NAME=VALUE for the smoke run, as docker run -e")
    args = parser.parse_args(argv)
    if os.geteuid() != 0:
        print("docker_rehearse: needs root (chroot, mount)", file=sys.stderr)
        return 2
    overrides = dict(pair.split("=", 1) for pair in args.build_arg)
    head, stages = instructions()
    head_args: dict[str, str] = {}
    for _keyword, rest in head:
        key, _, default = rest.partition("=")
        head_args[key] = overrides.get(key, default)
    args.work.mkdir(parents=True, exist_ok=True)
    built: dict[str, Stage] = {}
    started = time.monotonic()
    final = None
    for index, body in enumerate(stages):
        final = run_stage(index, body, args.base.resolve(), args.work.resolve(), built, head_args, overrides,
                          replay=not args.no_build)
    assert final is not None
    print(f"rehearsal: {len(stages)} stages in {time.monotonic() - started:.0f} s; final root filesystem "
          f"{size_mb(final.rootfs):.0f} MB (base {size_mb(args.base):.0f} MB); USER {final.user}; "
          f"CMD {final.meta.get('CMD')}", flush=True)  # fmt: skip
    if args.smoke:
        smoke(final, args.smoke_model, args.case, args.ready_timeout, dict(e.split("=", 1) for e in args.env))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
