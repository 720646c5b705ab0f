#!/usr/bin/env bash
# `yaku serve`'s API timed with hyperfine and curl (`just bench-serve`): GET /api/doc for
# the repository's article, and the dashboard's GET /api/status on the 1,000-article
# corpus of `just bench` (run that first). Times include starting curl (a few ms).
#
#   bench/serve.sh [--work DIR] [--runs N]
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
work="${TMPDIR:-/tmp}/yaku-bench"
runs=20
while [ $# -gt 0 ]; do
    case "$1" in
        --work) work=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        *) echo "bench/serve.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done
command -v hyperfine >/dev/null && command -v curl >/dev/null ||
    { echo "bench/serve.sh: needs hyperfine and curl" >&2; exit 2; }
# YAKU=path/to/yaku measures that binary instead of a fresh release build.
if [ -z "${YAKU:-}" ]; then
    cargo build --release --quiet -p yaku
fi
yaku=${YAKU:-$repo/target/release/yaku}

# serve DIR: starts `yaku serve --port 0` in DIR; sets $pid, $base (the address) and
# $cookie from the address it prints.
serve() {
    local log
    log=$(mktemp)
    (cd "$1" && exec "$yaku" serve --port 0 >"$log" 2>&1) &
    pid=$!
    for _ in $(seq 100); do
        grep -q 'token=' "$log" && break
        sleep 0.1
    done
    local url
    url=$(grep -o 'http://[^ ]*token=[0-9a-f]*' "$log" | head -1)
    [ -n "$url" ] || { cat "$log" >&2; kill "$pid"; exit 2; }
    base=${url%%/?token=*}
    base=${base%%\?token=*}
    local port=${base##*:}
    cookie="yaku_token_${port}=${url##*token=}"
}

time_get() { # NAME PATH
    hyperfine -N --style basic --warmup 2 --runs "$runs" --command-name "$1" \
        "curl -sf -o /dev/null -b $cookie $base$2" | grep -E 'Time|Range'
}

echo "== GET /api/doc/en/exosome-anti-aging (the repository's article)"
serve "$repo"
time_get "GET /api/doc (article)" /api/doc/en/exosome-anti-aging
kill "$pid"; wait "$pid" 2>/dev/null || true

corpus=$work/corpus-1000
if [ -d "$corpus" ]; then
    echo "== GET /api/status (the dashboard), 1,000 articles × 3 locales"
    rm -rf "$corpus/.yaku/cache/serve-status.json"
    serve "$corpus"
    start=$(date +%s.%N)
    curl -sf -o /dev/null -b "$cookie" "$base/api/status"
    awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "  first request, empty cache: %.0f ms\n", (b - a) * 1000 }'
    time_get "GET /api/status (dashboard)" /api/status
    kill "$pid"; wait "$pid" 2>/dev/null || true
else
    echo "(no corpus at $corpus: run just bench for the dashboard's figure)"
fi
