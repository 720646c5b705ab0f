#!/usr/bin/env bash
# Two yaku binaries on the same corpus, in the same run (`just bench-compare OLD NEW`):
# the way to show that a change made nothing slower. Run `just bench` first (it writes
# the corpora), on a quiet machine.
#
#   bench/compare.sh OLD_BINARY NEW_BINARY [--sizes "1000 10000"] [--runs N] [--work DIR]
#
# For each size, hyperfine runs each command with both binaries, warm page cache
# (`-N`, no shell), alternating, and the medians go into a Markdown table on stdout.
# Commands that write (`check` fills .yaku/cache) leave the corpus as both find it.
set -euo pipefail
[ $# -ge 2 ] || { sed -n '2,10p' "$0"; exit 2; }
old=$(realpath "$1")
new=$(realpath "$2")
shift 2
sizes="1000 10000"
runs=5
work="${TMPDIR:-/tmp}/yaku-bench"
while [ $# -gt 0 ]; do
    case "$1" in
        --sizes) sizes=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --work) work=$2; shift 2 ;;
        *) echo "bench/compare.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done
command -v hyperfine >/dev/null || { echo "bench/compare.sh: needs hyperfine" >&2; exit 2; }
out=$(mktemp -d)
echo "| command | articles | old | new | new / old |"
echo "|---|--:|--:|--:|--:|"
for n in $sizes; do
    corpus=$work/corpus-$n
    [ -d "$corpus" ] || { echo "bench/compare.sh: no corpus at $corpus; run just bench first" >&2; exit 2; }
    for args in "check --no-cache" "check" "status" "sync --dry-run"; do
        id=$(echo "$args" | tr ' -' '__')
        # Each binary fills its own result cache in the warm-up run before it is timed.
        (cd "$corpus" && hyperfine -N --style none --ignore-failure --warmup 1 --runs "$runs" \
            --prepare "rm -rf .yaku/cache" \
            --export-json "$out/$n-$id.json" \
            --command-name old "$old $args" --command-name new "$new $args" >/dev/null 2>&1) ||
            true
        # A warm check must not lose its cache between runs: measure it without --prepare.
        if [ "$args" = check ]; then
            (cd "$corpus" && hyperfine -N --style none --ignore-failure --warmup 2 --runs "$runs" \
                --export-json "$out/$n-$id-old.json" "$old $args" >/dev/null 2>&1 &&
                hyperfine -N --style none --ignore-failure --warmup 2 --runs "$runs" \
                    --export-json "$out/$n-$id-new.json" "$new $args" >/dev/null 2>&1) || true
            python3 - "$out/$n-$id-old.json" "$out/$n-$id-new.json" "$n" <<'PY'
import json, sys
old, new = (json.load(open(p))["results"][0]["median"] for p in sys.argv[1:3])
print(f"| `yaku check` (warm result cache) | {sys.argv[3]} | {old*1000:.0f} ms | {new*1000:.0f} ms | {new/old:.2f} |")
PY
            continue
        fi
        python3 - "$out/$n-$id.json" "$n" "$args" <<'PY'
import json, sys
old, new = (r["median"] for r in json.load(open(sys.argv[1]))["results"])
print(f"| `yaku {sys.argv[3]}` | {sys.argv[2]} | {old*1000:.0f} ms | {new*1000:.0f} ms | {new/old:.2f} |")
PY
    done
done
rm -rf "$out"
