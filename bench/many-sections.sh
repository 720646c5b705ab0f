#!/usr/bin/env bash
# One article of very many sections (`just bench-sections`): alignment must stay linear.
#
#   bench/many-sections.sh [SECTIONS] [RUNS]      (defaults: 100000, 3)
#
# Writes a project with one Japanese source of SECTIONS sections and its English
# translation (every section translated and accepted, then one source section in ten
# changed), and times `yaku check --no-cache`, `yaku status` and `yaku sync --dry-run`
# on it with hyperfine, warm page cache. Prints a Markdown table for BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
sections=${1:-100000}
runs=${2:-3}
cargo build --release --quiet
yaku=$PWD/target/release/yaku
command -v hyperfine >/dev/null || { apt-get install -y -qq hyperfine >/dev/null; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/content/ja" "$work/content/en"
printf '[project]\nsource = "ja"\ntargets = ["en"]\n' > "$work/yaku.toml"
python3 - "$work" "$sections" <<'PY'
import sys
work, n = sys.argv[1], int(sys.argv[2])
with open(f"{work}/content/ja/big.md", "w") as ja, open(f"{work}/content/en/big.md", "w") as en:
    for i in range(n):
        ja.write(f"## {i}. 節 {{#s{i}}}\n\n本文{i}です。\n\n")
        en.write(f"## {i}. Section {{#s{i}}}\n\nBody {i}.\n\n")
PY
cd "$work"
accept_start=$(date +%s.%N)
"$yaku" accept en --all >/dev/null
accept_end=$(date +%s.%N)
python3 - <<'PY'
text = open("content/ja/big.md").read()
lines = text.split("\n")
out = [l + "改" if l.startswith("本文") and int(l[2:].split("で")[0]) % 10 == 0 else l for l in lines]
open("content/ja/big.md", "w").write("\n".join(out))
PY
echo "| command ($sections sections, warm cache) | median | min | max |"
echo "|---|--:|--:|--:|"
echo "| \`yaku accept en --all\` (once, all sections) | $(python3 -c "print(f'{$accept_end - $accept_start:.2f} s')") | | |"
for cmd in "check --no-cache" "status" "sync --dry-run"; do
    hyperfine --warmup 1 --runs "$runs" -i --export-json "$work/r.json" "$yaku $cmd" >/dev/null 2>&1
    python3 - "$work/r.json" "$cmd" <<'PY'
import json, statistics, sys
r = json.load(open(sys.argv[1]))["results"][0]
t = r["times"]
print(f"| `yaku {sys.argv[2]}` | {statistics.median(t):.2f} s | {min(t):.2f} s | {max(t):.2f} s |")
PY
done
