#!/usr/bin/env bash
# Benchmarks of yaku on generated corpora (`just bench`); the method is in BENCHMARKS.md.
#
#   bench/run.sh [--sizes "1000 10000"] [--runs N] [--warmup N] [--fraction F]
#                [--work DIR] [--no-write]
#
# For each size: `yaku-bench gen` writes N articles × 3 locales, `yaku-bench mutate`
# edits a fraction of the sources (20 %), `yaku check --format json` is verified against
# the ground truth, and hyperfine measures `cat` over every article (the reference),
# `yaku check` cold and warm (and warm with --no-cache), `yaku status`,
# `yaku sync --dry-run`, `yaku build` in each format from an empty folder, Hugo
# rendering yaku's Hugo export (a minimal site written by this script), the same two
# on tmpfs (/dev/shm) and `cp -r` of the corpus as the disk's cost of making files (on a
# disk that is ext4 without a journal, all four again on ext4 with a journal), and
# `yaku build` again with nothing changed and after editing one source article;
# `/usr/bin/time` gives the peak RSS of each. The results go to <work>/results and,
# unless --no-write, into BENCHMARKS.md between its markers (`yaku-bench report`).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

sizes="1000 10000"
runs=""
warmup=1
fraction=0.2
work="${TMPDIR:-/tmp}/yaku-bench"
write=1
while [ $# -gt 0 ]; do
    case "$1" in
        --sizes) sizes=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --warmup) warmup=$2; shift 2 ;;
        --fraction) fraction=$2; shift 2 ;;
        --work) work=$2; shift 2 ;;
        --no-write) write=0; shift ;;
        -h | --help) sed -n '2,17p' "$0"; exit 0 ;;
        *) echo "bench/run.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
done

# hyperfine and GNU time are Debian packages; install them when missing and root.
install_package() {
    if [ "$(id -u)" != 0 ]; then
        echo "bench/run.sh: $1 is missing; install it: sudo apt-get install -y $1" >&2
        exit 2
    fi
    echo "== installing $1"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq "$1" >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq "$1" >/dev/null; }
}
command -v hyperfine >/dev/null || install_package hyperfine
[ -x /usr/bin/time ] || install_package time
command -v hugo >/dev/null || install_package hugo

echo "== building release binaries"
cargo build --release --quiet -p yaku -p yaku-bench
yaku=$repo/target/release/yaku
gen=$repo/target/release/yaku-bench

# tmpfs for the runs that compare the build with Hugo without the disk (see BENCHMARKS.md):
# /dev/shm when it is one (each size checks that memory has room for it).
shm=""
if [ "$(stat -f -c %T /dev/shm 2>/dev/null)" = tmpfs ] && [ -w /dev/shm ]; then
    shm=/dev/shm/yaku-bench
fi

# Cold runs drop the page cache before each run when the kernel lets us; otherwise the
# "cold" row is one run right after generating the corpus, which is not really cold.
drop_caches='sync; echo 3 > /proc/sys/vm/drop_caches'
if (sync; echo 3 >/proc/sys/vm/drop_caches) 2>/dev/null; then
    cold=drop
    cold_text="dropped before each cold run (\`$drop_caches\`)"
else
    cold=first
    cold_text="not droppable here: each cold row is a single run right after generating the corpus"
fi

results=$work/results
rm -rf "$results"
mkdir -p "$results"

# The work folder's file system, and for ext4 whether it has a journal (/proc/fs/jbd2
# lists the devices that have one). Without a journal, ext4 makes each new file skip,
# one by one, every inode freed in the last minute or more (the kernel's
# `recently_deleted`, in find_inode_bit), so a build run right after `rm -rf` of its
# last output pays for each file it deleted. The from-empty rows are then measured a
# second time on ext4 with a journal, the file system most Linux disks have: made fresh
# in an image file on the same disk and loop-mounted (root only). See BENCHMARKS.md.
disk_type=$(findmnt -no FSTYPE -T "$work" 2>/dev/null || echo '?')
disk_source=$(findmnt -no SOURCE -T "$work" 2>/dev/null || echo '?')
disk_journal=""
journal_rows=0
if [ "$disk_type" = ext4 ]; then
    if ls /proc/fs/jbd2 2>/dev/null | grep -q "^${disk_source##*/}-"; then
        disk_journal=", with a journal"
    else
        disk_journal=", no journal"
        if [ "$(id -u)" = 0 ] && command -v mkfs.ext4 >/dev/null; then
            journal_rows=1
        fi
    fi
fi
{
    echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "cpu: $(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -1)"
    echo "cores: $(nproc)"
    echo "memory: $(free -g | awk '/^Mem:/ { print $2 " GiB" }')"
    echo "kernel: $(uname -sr)"
    echo "disk: $disk_type $disk_source$disk_journal"
    # Changes to the benchmark tooling itself do not change what is measured.
    changes=$(git status --porcelain -- . ':!crates/bench' ':!bench' ':!BENCHMARKS.md' ':!justfile' 2>/dev/null | grep -v '^??' || true)
    echo "yaku: $(git rev-parse --short HEAD 2>/dev/null || echo '?')${changes:+ (with uncommitted changes)}, release build"
    echo "hyperfine: $(hyperfine --version | awk '{ print $2 }')"
    echo "hugo: $(hugo version | awk '{ print $2 }')"
    echo "cold: $cold_text"
} >"$results/machine.txt"

now() { date +%s.%N; }

# write_hugo_site EXPORT SITE: a minimal Hugo site in SITE whose languages read the
# content of yaku's Hugo export in EXPORT (its `hugo-languages.toml`, content folders
# made absolute), with one layout for pages and one for lists.
write_hugo_site() {
    local export=$1 site=$2
    rm -rf "$site"
    mkdir -p "$site/layouts/_default"
    {
        echo 'baseURL = "https://example.org/"'
        echo 'title = "yaku benchmark"'
        echo 'disableKinds = ["taxonomy", "term", "RSS", "sitemap"]'
        sed "s|^contentDir = \"|contentDir = \"$export/|" "$export/hugo-languages.toml"
    } >"$site/hugo.toml"
    cat >"$site/layouts/_default/single.html" <<'HTML'
<!DOCTYPE html><html lang="{{ .Language.Lang }}"><head><title>{{ .Title }}</title></head><body><h1>{{ .Title }}</h1>{{ range .Translations }}<a hreflang="{{ .Language.Lang }}" href="{{ .RelPermalink }}">{{ .Language.LanguageName }}</a>{{ end }}<main>{{ .Content }}</main></body></html>
HTML
    echo '{{ range .Pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}' >"$site/layouts/_default/list.html"
}
# measure_in_copy SUFFIX WHERE ROOT: the from-empty builds and Hugo again, on a copy of
# the corpus in ROOT/corpus (Hugo's site in ROOT/hugo-site); the ids end in SUFFIX and
# the names in ", WHERE". Each output is removed after its row (tmpfs is memory).
measure_in_copy() {
    local suffix=$1 where=$2 root=$3 disk_corpus=$corpus
    corpus=$root/corpus
    rm -rf "$corpus" && mkdir -p "$corpus"
    cp -r "$disk_corpus/content" "$disk_corpus/locales" "$disk_corpus/yaku.toml" "$corpus/"
    sync
    measure "build-json$suffix" "yaku build --format json (into an empty folder, $where)" warm \
        "$yaku build --format json --out dist-json" "rm -rf dist-json"
    rm -rf "$corpus/dist-json"
    measure "build-html$suffix" "yaku build --format html (into an empty folder, $where)" warm \
        "$yaku build --format html --out dist-html" "rm -rf dist-html"
    rm -rf "$corpus/dist-html"
    (cd "$corpus" && "$yaku" build --format hugo --out hugo-export >/dev/null)
    write_hugo_site "$corpus/hugo-export" "$root/hugo-site"
    measure "hugo$suffix" "hugo (renders the Hugo export, $where)" warm \
        "hugo --quiet --source $root/hugo-site --destination $root/hugo-site/public" \
        "rm -rf $root/hugo-site/public"
    corpus=$disk_corpus
}

# measure_on_journaled_ext4: `measure_in_copy` on a fresh ext4 with a journal (see
# `journal_rows` above), then `cp -r` and the one-edit rebuild there too (the rebuild
# makes a temporary file per page it writes). The file system is made in an image file
# in the work folder, its inode tables written at once so that no kernel thread fills
# them in during the runs; skipped when the mount fails.
measure_on_journaled_ext4() {
    local image=$work/ext4-journal.img mnt=$work/ext4-journal disk_corpus=$corpus
    local bytes size_mib where="on ext4 with a journal"
    bytes=$(cat "$corpus"/content/*/*.md | wc -c)
    # Room for the corpus, three outputs, Hugo's site and a copy, with margin.
    size_mib=$(( 12 * bytes / 1048576 + 512 ))
    rm -f "$image" && mkdir -p "$mnt"
    truncate -s "${size_mib}M" "$image"
    mkfs.ext4 -q -F -E lazy_itable_init=0,lazy_journal_init=0 "$image"
    if ! mount -o loop "$image" "$mnt" 2>"$out/journal-mount.txt"; then
        echo "== $n articles: cannot mount an ext4 image ($(head -1 "$out/journal-mount.txt")); no rows $where"
        rm -f "$image"
        return 0
    fi
    trap 'umount "'"$mnt"'" 2>/dev/null || true' EXIT
    measure_in_copy -journal "$where" "$mnt"
    corpus=$mnt/corpus
    measure copy-files-journal "cp -r content (a new folder, $where)" warm \
        "cp -r content content-copy" "rm -rf content-copy"
    (cd "$corpus" && "$yaku" build --format json --out dist-json >/dev/null)
    measure build-edit-journal "yaku build (one source article edited, $where)" warm \
        "$yaku build --format json --out dist-json" \
        "printf '\\nEdited for the benchmark.\\n' >> content/ja/article-00000.md"
    corpus=$disk_corpus
    umount "$mnt"
    trap - EXIT
    rm -f "$image"
    rmdir "$mnt"
}
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# measure ID NAME CACHE COMMAND [PREPARE]: hyperfine in the corpus folder, then the peak
# RSS of one more run. CACHE is warm or cold; PREPARE runs before every run.
measure() {
    local id=$1 name=$2 cache=$3 command=$4 prepare=${5:-}
    local options=(--style basic --ignore-failure --command-name "$name" --export-json "$out/$id.json")
    if [ "$cache" = cold ] && [ "$cold" = drop ]; then
        prepare="${prepare:+$prepare; }$drop_caches"
    fi
    if [ -n "$prepare" ]; then
        options+=(--prepare "$prepare")
    fi
    if [ "$cache" = cold ] && [ "$cold" = drop ]; then
        options+=(--warmup 0 --runs "$cold_runs")
        echo cold >"$out/$id.cache"
    elif [ "$cache" = cold ]; then
        options+=(--warmup 0 --runs 1)
        echo "first run" >"$out/$id.cache"
    else
        options+=(--warmup "$warmup" --runs "$n_runs")
        echo warm >"$out/$id.cache"
    fi
    echo "== $n articles: $id: $name"
    (cd "$corpus" && hyperfine "${options[@]}" "$command") | grep -E 'Time|Range' || true
    if [ -n "$prepare" ]; then
        (cd "$corpus" && sh -c "$prepare")
    fi
    (cd "$corpus" && /usr/bin/time -f '%M' -o "$out/$id.rss" sh -c "$command" >/dev/null 2>&1) || true
}

for n in $sizes; do
    corpus=$work/corpus-$n
    out=$results/$n
    mkdir -p "$out"
    n_runs=${runs:-$([ "$n" -ge 5000 ] && echo 3 || echo 5)}
    cold_runs=$([ "$n_runs" -ge 3 ] && echo 3 || echo "$n_runs")

    echo "== $n articles: generating $corpus"
    start=$(now)
    "$gen" gen --articles "$n" --out "$corpus" --force
    gen_seconds=$(elapsed "$start")
    start=$(now)
    "$gen" mutate --dir "$corpus" --fraction "$fraction" --truth "$out/truth.json"
    mutate_seconds=$(elapsed "$start")

    # The very first check after generating, before anything else reads the corpus.
    echo "== $n articles: verifying yaku check against the ground truth"
    (cd "$corpus" && "$yaku" check --format json >"$out/check.json") || true
    if "$gen" verify --truth "$out/truth.json" --check "$out/check.json" >"$out/verify.txt" 2>&1; then
        verify="exact ($(cat "$out/verify.txt"))"
    else
        verify="DIFFERS, see $out/verify.txt"
        head -5 "$out/verify.txt" >&2
    fi
    {
        echo "articles=$n"
        echo "files=$(find "$corpus/content" -name '*.md' | wc -l)"
        echo "bytes=$(cat "$corpus"/content/*/*.md | wc -c)"
        echo "gen_seconds=$gen_seconds"
        echo "mutate_seconds=$mutate_seconds"
        echo "fraction=$fraction"
        echo "mutated=$(grep -m1 '"mutated"' "$out/truth.json" | tr -dc 0-9)"
        echo "expected_findings=$(grep -c '"state"' "$out/truth.json")"
        echo "verify=$verify"
    } >"$out/corpus.txt"

    cat_command='cat content/ja/*.md content/en/*.md content/zh-Hans/*.md > /dev/null'
    measure cat-cold "$cat_command" cold "$cat_command"
    measure cat-warm "$cat_command" warm "$cat_command"
    # Cold: nothing in the page cache and no result cache (.yaku/cache) from earlier runs.
    measure check-cold "yaku check" cold "$yaku check" "rm -rf .yaku/cache"
    # Warm: the page cache and the result cache filled by the warm-up run.
    measure check-warm "yaku check" warm "$yaku check"
    measure check-no-cache "yaku check --no-cache" warm "$yaku check --no-cache"
    measure status "yaku status" warm "$yaku status"
    measure sync-dry-run "yaku sync --dry-run" warm "$yaku sync --dry-run"

    # The build, each format from an empty folder, and Hugo on yaku's Hugo export.
    measure build-json "yaku build --format json (into an empty folder)" warm \
        "$yaku build --format json --out dist-json" "rm -rf dist-json"
    measure build-html "yaku build --format html (into an empty folder)" warm \
        "$yaku build --format html --out dist-html" "rm -rf dist-html"
    measure build-hugo "yaku build --format hugo (into an empty folder)" warm \
        "$yaku build --format hugo --out hugo-export" "rm -rf hugo-export"
    site=$work/hugo-site-$n
    write_hugo_site "$corpus/hugo-export" "$site"
    measure hugo "hugo (renders the Hugo export)" warm \
        "hugo --quiet --source $site --destination $site/public" "rm -rf $site/public"
    pages=$(find "$site/public" -name index.html | wc -l)
    # The disk's own cost of making files: a copy of the corpus's files into a new
    # folder (what any tool that writes a file per article pays at least).
    measure copy-files "cp -r content (a new folder)" warm "cp -r content content-copy" "rm -rf content-copy"
    rm -rf "$corpus/content-copy"
    # The same builds and Hugo render on tmpfs, where making a file costs no more than
    # writing its bytes: what each does, without the disk's cost of creating files.
    # Room for it: Hugo's peak on the disk run and five times the corpus, in memory.
    need_kib=$(( $(cat "$out/hugo.rss" 2>/dev/null || echo 0) + 5 * $(cat "$corpus"/content/*/*.md | wc -c) / 1024 ))
    free_kib=$(awk '/^MemAvailable:/ { print $2 }' /proc/meminfo)
    if [ -n "$shm" ] && [ "$free_kib" -lt "$need_kib" ]; then
        echo "== $n articles: not enough memory for the tmpfs runs ($free_kib KiB available, $need_kib needed)"
    elif [ -n "$shm" ]; then
        measure_in_copy -tmpfs "on tmpfs" "$shm/$n"
        rm -rf "${shm:?}/$n"
    fi
    if [ "$journal_rows" = 1 ]; then
        measure_on_journaled_ext4
    fi
    # Incremental: nothing changed, then one source article edited before each run.
    measure build-noop "yaku build (nothing changed)" warm "$yaku build --format json --out dist-json"
    edited=content/ja/article-00000.md
    measure build-edit "yaku build (one source article edited)" warm \
        "$yaku build --format json --out dist-json" "printf '\\nEdited for the benchmark.\\n' >> $edited"
    # Which files one such rebuild writes: only that article's pages, the index and the
    # build's record are expected.
    (cd "$corpus" && printf '\nEdited once more.\n' >>"$edited" && sleep 0.01 && touch "$out/before-edit" &&
        "$yaku" build --format json --out dist-json >/dev/null)
    touched=$(cd "$corpus/dist-json" && find . -type f -newer "$out/before-edit" | sed 's|^\./||' | sort | tr '\n' ' ')
    others=$(printf '%s\n' $touched | grep -cv -e '/article-00000\.json$' -e '^index\.json$' -e '^\.yaku-build-json\.json$' || true)
    json_bytes=$(find "$corpus/dist-json" -type f -name '*.json' ! -name '.yaku-build-*' -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
    manifest_bytes=$(find "$corpus/dist-json" -maxdepth 1 -name '.yaku-build-*' -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
    {
        echo "hugo_pages=$pages"
        echo "json_bytes=$json_bytes"
        echo "manifest_bytes=$manifest_bytes"
        echo "edit_touched=${touched% }"
        echo "edit_others=$others"
    } >>"$out/corpus.txt"
done

"$gen" report --results "$results"
if [ "$write" = 1 ]; then
    "$gen" report --results "$results" --into "$repo/BENCHMARKS.md"
fi
echo "== results in $results"
