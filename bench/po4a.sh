#!/usr/bin/env bash
# po4a next to yaku on the same corpus, for comparison (see BENCHMARKS.md).
#
#   bench/po4a.sh [--articles 100] [--fraction 0.2] [--work DIR]
#
# The po4a method: for every article and target locale, `po4a-gettextize` builds a PO
# file from the Japanese source and its translation (the translation's yaku marker lines
# removed first, since po4a would see them as paragraphs of their own), and the fuzzy
# flags it sets are cleared so that the PO files are the accepted baseline. Then the
# sources are mutated (`yaku-bench mutate`, as in bench/run.sh) and the refresh is timed:
# `po4a-updatepo -f text -o markdown` per article and locale, which is what tells a
# translator what changed. yaku's counterpart is `yaku check` (and `yaku sync`, which
# brings the files into the new shape), timed on the same mutated corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

articles=100
fraction=0.2
work="${TMPDIR:-/tmp}/yaku-bench-po4a"
while [ $# -gt 0 ]; do
    case "$1" in
        --articles) articles=$2; shift 2 ;;
        --fraction) fraction=$2; shift 2 ;;
        --work) work=$2; shift 2 ;;
        -h | --help) sed -n '2,13p' "$0"; exit 0 ;;
        *) echo "bench/po4a.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
done

install_package() {
    if [ "$(id -u)" != 0 ]; then
        echo "bench/po4a.sh: $1 is missing; install it: sudo apt-get install -y $1" >&2
        exit 2
    fi
    echo "== installing $1"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq "$1" >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq "$1" >/dev/null; }
}
command -v po4a-updatepo >/dev/null || install_package po4a
command -v hyperfine >/dev/null || install_package hyperfine

cargo build --release --quiet -p yaku -p yaku-bench
yaku=$repo/target/release/yaku
gen=$repo/target/release/yaku-bench

corpus=$work/corpus
po=$work/po
rm -rf "$po"
mkdir -p "$work"
"$gen" gen --articles "$articles" --out "$corpus" --force >/dev/null
targets="en zh-Hans"

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

echo "== po4a baseline: po4a-gettextize for $articles articles × 2 locales"
start=$(now)
for source in "$corpus"/content/ja/*.md; do
    name=$(basename "$source" .md)
    for locale in $targets; do
        mkdir -p "$po/$locale" "$work/stripped/$locale"
        stripped=$work/stripped/$locale/$name.md
        grep -v -E '^(<!-- yaku:source |# yaku:source )' "$corpus/content/$locale/$name.md" >"$stripped"
        po4a-gettextize -f text -o markdown -M UTF-8 -L UTF-8 \
            -m "$source" -l "$stripped" -p "$po/$locale/$name.po" >>"$work/gettextize.log" 2>&1
        msgattrib --clear-fuzzy -o "$po/$locale/$name.po" "$po/$locale/$name.po"
    done
done
gettextize_seconds=$(elapsed "$start")

# yaku's baseline: the accepted markers are already in the files; one check fills the
# result cache (.yaku/cache), as it would in a translator's clone. The files must be a
# second older than the caching run for their entries to be trusted.
sleep 2
start=$(now)
(cd "$corpus" && "$yaku" check >/dev/null)
baseline_check_seconds=$(elapsed "$start")

"$gen" mutate --dir "$corpus" --fraction "$fraction" --truth "$work/truth.json"

echo "== po4a refresh: po4a-updatepo for $articles articles × 2 locales"
start=$(now)
for source in "$corpus"/content/ja/*.md; do
    name=$(basename "$source" .md)
    for locale in $targets; do
        po4a-updatepo -f text -o markdown -M UTF-8 -m "$source" -p "$po/$locale/$name.po" \
            >>"$work/updatepo.log" 2>&1
    done
done
updatepo_seconds=$(elapsed "$start")

# What po4a tells the translator: messages to review (fuzzy) or translate (untranslated).
fuzzy=0
untranslated=0
for file in "$po"/*/*.po; do
    stats=$(LC_ALL=C msgfmt --statistics -o /dev/null "$file" 2>&1)
    f=$(echo "$stats" | grep -o '[0-9]* fuzzy' | tr -dc 0-9 || true)
    u=$(echo "$stats" | grep -o '[0-9]* untranslated' | tr -dc 0-9 || true)
    fuzzy=$((fuzzy + ${f:-0}))
    untranslated=$((untranslated + ${u:-0}))
done

echo "== yaku on the same mutated corpus"
# The first check after the edit: only the changed pairs are read again.
start=$(now)
(cd "$corpus" && "$yaku" check >/dev/null) || true
incremental_seconds=$(elapsed "$start")
(cd "$corpus" && "$yaku" check --format json >"$work/check.json") || true
if "$gen" verify --truth "$work/truth.json" --check "$work/check.json" >/dev/null 2>&1; then
    verified="exactly the ground truth"
else
    verified="NOT the ground truth (yaku-bench verify)"
fi
(cd "$corpus" && hyperfine --style basic --ignore-failure --warmup 1 --runs 5 \
    --export-json "$work/yaku-check.json" "$yaku check --no-cache") | grep -E 'Time|Range'
check_median=$(grep -m1 '"median"' "$work/yaku-check.json" | tr -dc '0-9.')
start=$(now)
(cd "$corpus" && "$yaku" sync >/dev/null)
sync_seconds=$(elapsed "$start")

cat <<EOF

| $articles articles × 2 target locales, $(grep -m1 '"mutated"' "$work/truth.json" | tr -dc 0-9) sources mutated | time | what it reports |
|---|--:|---|
| po4a-gettextize (baseline: PO files from the accepted translations) | $gettextize_seconds s | |
| po4a-updatepo (refresh after the mutation) | $updatepo_seconds s | $fuzzy fuzzy and $untranslated untranslated messages (deleted paragraphs become obsolete entries, not counted) |
| yaku check (baseline: fills the result cache) | $baseline_check_seconds s | nothing: every section current |
| yaku check, first run after the mutation (cache of the baseline) | $incremental_seconds s | $(grep -c '"state"' "$work/truth.json") findings (stale, missing, obsolete sections), $verified |
| yaku check --no-cache (median of 5) | $(awk -v s="$check_median" 'BEGIN { printf "%.2f", s }') s | the same |
| yaku sync (writes the new shape: placeholders, obsolete area) | $sync_seconds s | |
EOF
