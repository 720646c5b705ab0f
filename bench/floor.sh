#!/usr/bin/env bash
# The floor of a build (`just bench-floor`): what any build of the corpus's pages costs
# at the least, stage by stage, against `cat` of the same files (BENCHMARKS.md, "The
# floor, measured").
#
#   bench/floor.sh [ARTICLES] [RUNS]      (defaults: 1000, 10)
#
# Generates a corpus of ARTICLES articles × 3 locales on tmpfs (/dev/shm) when there is
# one, else in a temporary folder, warms the page cache, and runs `yaku-bench floor` with
# the release `yaku` timed in the same rounds. Prints a Markdown table. Run it on a quiet
# machine: nothing else building, no helper.
set -euo pipefail
cd "$(dirname "$0")/.."
articles=${1:-1000}
runs=${2:-10}
cargo build --release --quiet -p yaku -p yaku-bench
bin=$PWD/target/release
parent=/dev/shm
[ -d "$parent" ] && [ -w "$parent" ] || parent=${TMPDIR:-/tmp}
work=$(mktemp -d "$parent/yaku-floor.XXXXXX")
trap 'rm -rf "$work"' EXIT
"$bin/yaku-bench" gen --articles "$articles" --out "$work" >/dev/null
cat "$work"/content/*/*.md >/dev/null
echo "$(uname -m), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), corpus in $parent, $(git rev-parse --short HEAD)"
echo
"$bin/yaku-bench" floor --dir "$work" --runs "$runs" --yaku "$bin/yaku"
