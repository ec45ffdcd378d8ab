"""``scripts/docker_rehearse.py``: the parts that need no root (parsing, expansion, COPY as Docker does it)."""

from __future__ import annotations

from pathlib import Path

from scripts.docker_rehearse import ROOT, Stage, copy_into, expand, ignore_patterns, ignored, instructions


def test_the_dockerfile_parses_into_a_head_and_two_stages() -> None:
    head, stages = instructions()
    assert head == [("ARG", "BASE_IMAGE=tactful-base:bookworm")]
    assert [stage[0] for stage in stages] == [("FROM", "${BASE_IMAGE} AS build"), ("FROM", "${BASE_IMAGE}")]
    runs = [rest for keyword, rest in stages[0] if keyword == "RUN"]
    assert all("\\" not in run and "\n" not in run for run in runs), "continuation lines are joined"


def test_variables_expand_like_docker() -> None:
    env = {"PATH": "/usr/bin", "EMBEDDED": "1"}
    assert expand("/opt/venv/bin:$PATH", env) == "/opt/venv/bin:/usr/bin"
    assert expand("${EMBEDDED}-$MISSING-x", env) == "1--x"


def test_dockerignore_patterns_apply_at_any_depth() -> None:
    patterns = ignore_patterns()
    assert ignored("service/api/__pycache__", patterns) and ignored("service/x.pyc", patterns)
    assert ignored("artifacts/screenshots/a.png", patterns) and ignored(".env", patterns)
    assert not ignored("service/api/main.py", patterns) and not ignored("requirements.lock", patterns)


def test_copy_puts_a_folders_contents_at_the_target_and_keeps_symlinks(tmp_path: Path) -> None:
    stage = Stage(name="build", rootfs=tmp_path / "rootfs", workdir="/src")
    copy_into(stage, [ROOT / "service"], "./service", ROOT)
    copy_into(stage, [ROOT / "requirements.lock"], "./", ROOT)
    copy_into(stage, [ROOT / "scripts" / "prune_venv.py"], "./scripts/prune_venv.py", ROOT)
    src = stage.rootfs / "src"
    assert (src / "service" / "api" / "main.py").is_file() and (src / "requirements.lock").is_file()
    assert (src / "scripts" / "prune_venv.py").is_file()
    assert (src / "service" / "prompt_files").is_symlink(), "the prompts link stays a link (the wheel follows it)"
    assert not list(src.rglob("__pycache__")), ".dockerignore applies"
