#!/usr/bin/env bash
# Smoke test of the built image: run it, wait for /readyz, rewrite one case, check the answer.
#
#   scripts/docker_smoke.sh              # fake model: a second container of the same image runs
#                                        # scripts/fake_upstream.py, the service calls it over a docker network
#   scripts/docker_smoke.sh --embedded   # the image's own embedded model (an image built with EMBEDDED=1)
#
# IMAGE (default tactful:0.1.0), PORT (host port, default 18000), READY_TIMEOUT_S (default 300),
# CASE (a golden case id, default refund-en-two-emails).
# Prints the image size, the time to /readyz and the rewrite's figures; exit 1 on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

IMAGE=${IMAGE:-tactful:0.1.0}
PORT=${PORT:-18000}
READY_TIMEOUT_S=${READY_TIMEOUT_S:-300}
MODE=fake
case "${1:-}" in
  --embedded) MODE=embedded ;;
  "") ;;
  *) echo "usage: $0 [--embedded]" >&2; exit 2 ;;
esac

RUN_ID=$$
NAME="tactful-smoke-$RUN_ID"
NET="tactful-smoke-$RUN_ID"
KEY="smoke-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
cleanup() {
  docker rm -f "$NAME" "$NAME-model" >/dev/null 2>&1 || true
  docker network rm "$NET" >/dev/null 2>&1 || true
}
trap cleanup EXIT
fail() { echo "smoke: $*" >&2; docker logs --tail 80 "$NAME" >&2 || true; exit 1; }

echo "image $IMAGE: $(docker image inspect -f '{{.Size}}' "$IMAGE" | awk '{printf "%.0f MB", $1 / 1e6}')"
docker network create "$NET" >/dev/null
# budgets for the embedded model on a small, busy CPU (the defaults, 60 s a call and 180 s a rewrite, are for
# serving); CALL_TIMEOUT_S and CHAIN_TIMEOUT_S change them
MODEL_ENV=(-e "TACTFUL_TIMEOUT_S=${CALL_TIMEOUT_S:-300}" -e "TACTFUL_CHAIN_TIMEOUT_S=${CHAIN_TIMEOUT_S:-600}")
if [ "$MODE" = fake ]; then
  docker run -d --name "$NAME-model" --network "$NET" -v "$PWD/scripts:/smoke:ro" "$IMAGE" \
    python /smoke/fake_upstream.py --host 0.0.0.0 --port 9000 --per-call 0 --per-token 0 >/dev/null
  MODEL_ENV+=(-e TACTFUL_MODEL=openai/fake -e "TACTFUL_API_BASE=http://$NAME-model:9000/v1" -e TACTFUL_API_KEY=sk-fake)
fi

start=$(date +%s.%N)
docker run -d --name "$NAME" --network "$NET" -p "127.0.0.1:$PORT:8000" \
  -e "TACTFUL_API_KEYS={\"smoke\": \"$KEY\"}" "${MODEL_ENV[@]}" "$IMAGE" >/dev/null

until curl -fsS "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1; do
  [ "$(docker inspect -f '{{.State.Running}}' "$NAME")" = true ] || fail "the container stopped before /readyz"
  awk -v s="$start" -v now="$(date +%s.%N)" -v max="$READY_TIMEOUT_S" 'BEGIN { exit !(now - s > max) }' \
    && fail "no /readyz within ${READY_TIMEOUT_S} s"
  sleep 0.5
done
echo "ready after $(awk -v s="$start" -v now="$(date +%s.%N)" 'BEGIN { printf "%.1f", now - s }') s ($MODE model)"

# One golden case, read from the image itself (the wheel ships evals/golden): CASE, default refund-en-two-emails
CASE=${CASE:-refund-en-two-emails}
BODY=$(docker run --rm "$IMAGE" python -c '
import json, sys, yaml
from importlib.resources import files
cases = [c for f in (files("evals") / "golden").iterdir() if f.name.endswith(".yaml")
         for c in yaml.safe_load(f.read_text(encoding="utf-8"))["cases"]]
print(json.dumps(next(c["request"] for c in cases if c["id"] == sys.argv[1]), ensure_ascii=False))
' "$CASE") || fail "no golden case $CASE in the image"
t0=$(date +%s.%N)
answer=$(curl -fsS -X POST "http://127.0.0.1:$PORT/rewrite" -H "Authorization: Bearer $KEY" \
  -H 'Content-Type: application/json' --data "$BODY") || fail "POST /rewrite failed"
secs=$(awk -v s="$t0" -v now="$(date +%s.%N)" 'BEGIN { printf "%.1f", now - s }')
printf '%s' "$answer" | python3 -c '
import json, sys
r = json.load(sys.stdin)
assert r["reply"].strip(), "empty reply"
assert not r["degraded"], "degraded: %s" % r.get("degraded_reason")
print("rewrite: %d characters, emotion %s, %d plan steps, %d model calls"
      % (len(r["reply"]), (r.get("emotion") or {}).get("label"), len(r["plan"]), r["usage"]["model_calls"]))
' || fail "unexpected answer: $answer"
echo "rewrite took $secs s"
[ "$(docker inspect -f '{{.Config.User}}' "$NAME")" = "10001:10001" ] || fail "the container does not run as 10001"
echo "smoke: ok"
