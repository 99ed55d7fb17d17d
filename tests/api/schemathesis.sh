#!/usr/bin/env bash
# The JSON API against its own OpenAPI document: starts `mot serve` on a random
# port over a fresh data directory, makes an owner and an API token with the
# admin subcommands, seeds a little of everything (tests/api/seed.py), then runs
# schemathesis (pinned, installed into a venv under ~/.cache/mot) with all its
# checks. Any failure (a 5xx, an answer the document does not describe, valid
# input refused or invalid input accepted, ...) fails the run.
#
#   tests/api/schemathesis.sh            # needs $MOT_BIN or a built target/debug/mot
#
# Bounded for CI: MOT_SCHEMATHESIS_EXAMPLES per operation (default 40) and
# MOT_SCHEMATHESIS_SECONDS for the whole run (default 150). One worker: with
# two, hypothesis's lambda descriptions race in CPython 3.11's parser
# ("AST constructor recursion depth mismatch").
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."

SCHEMATHESIS_VERSION=4.32.5
VENV="$HOME/.cache/mot/schemathesis-$SCHEMATHESIS_VERSION"
EXAMPLES="${MOT_SCHEMATHESIS_EXAMPLES:-40}"
SECONDS_BUDGET="${MOT_SCHEMATHESIS_SECONDS:-150}"
SEED="${MOT_SCHEMATHESIS_SEED:-7}"
MOT_BIN="${MOT_BIN:-${CARGO_TARGET_DIR:-$HOME/.cache/mot/target}/debug/mot}"

if [[ ! -x "$MOT_BIN" ]]; then
    echo "schemathesis.sh: no mot binary at $MOT_BIN (cargo build -p mot-cli, or set MOT_BIN)" >&2
    exit 1
fi

# schemathesis, pinned, in its own venv (made once, kept between runs).
if ! "$VENV/bin/schemathesis" --version 2>/dev/null | grep -qF "$SCHEMATHESIS_VERSION"; then
    if ! python3 -m venv --help >/dev/null 2>&1 || ! python3 -c 'import ensurepip' 2>/dev/null; then
        echo "installing python3-venv with apt-get"
        apt-get update -qq
        apt-get install -y -qq -o Dpkg::Use-Pty=0 python3-venv
    fi
    echo "installing schemathesis $SCHEMATHESIS_VERSION into $VENV"
    mkdir -p "$(dirname "$VENV")"
    python3 -m venv --clear "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi
"$VENV/bin/schemathesis" --version

DATA="$(mktemp -d -t mot-schemathesis.XXXXXXXX)"
SERVER_PID=""
cleanup() {
    if [[ -n "$SERVER_PID" ]]; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    rm -rf "$DATA"
}
trap cleanup EXIT

export MOT_LOG="${MOT_LOG:-warn}"
printf 'schemathesis-owner-password\n' \
    | "$MOT_BIN" --data-dir "$DATA" user create --email owner@example.com --name Owner --role owner >/dev/null
TOKEN="$("$MOT_BIN" --data-dir "$DATA" token create --email owner@example.com --label schemathesis)"

"$MOT_BIN" --data-dir "$DATA" serve --bind 127.0.0.1:0 >"$DATA/serve.out" 2>"$DATA/serve.err" &
SERVER_PID=$!
BASE=""
for _ in $(seq 1 300); do
    BASE="$(sed -n 's/^mot is running at \(http:[^ ]*\).*/\1/p' "$DATA/serve.out")"
    [[ -n "$BASE" ]] && break
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
        cat "$DATA/serve.err" >&2
        echo "schemathesis.sh: mot serve exited" >&2
        exit 1
    fi
    sleep 0.1
done
if [[ -z "$BASE" ]]; then
    echo "schemathesis.sh: mot serve did not say where it listens" >&2
    exit 1
fi
echo "mot serve at $BASE"

"$VENV/bin/python" tests/api/seed.py "$BASE" "$TOKEN"

status=0
"$VENV/bin/schemathesis" --config-file tests/api/schemathesis.toml \
    run "$BASE/api/v1/openapi.json" \
    --checks all \
    --header "Authorization: Bearer $TOKEN" \
    --max-examples "$EXAMPLES" \
    --max-time "$SECONDS_BUDGET" \
    --workers 1 \
    --seed "$SEED" \
    --generation-database none \
    --no-color \
    || status=$?
if [[ $status -ne 0 ]]; then
    echo "--- mot serve log (errors) ---" >&2
    grep -iE "error|panic" "$DATA/serve.err" | tail -n 50 >&2 || true
fi
exit "$status"
