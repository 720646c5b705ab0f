# Recipes for working on yaku. Install just with `cargo install just`.

# List the recipes.
default:
    @just --list

# Run every test.
test:
    cargo test --workspace

# Formatting and lints, as CI runs them.
lint:
    cargo fmt --all -- --check
    cargo clippy --workspace --all-targets -- -D warnings

# Check the repository's own translations and Fluent files (the README's first command).
check:
    cargo run --quiet -- check

# Everything CI runs.
ci:
    bash .ci/run

# Review changed snapshots (needs `cargo install cargo-insta`).
snapshots:
    cargo insta review

# Benchmarks (see BENCHMARKS.md).
bench:
    bash bench/run.sh

# One article of 100,000 sections (see BENCHMARKS.md).
bench-sections:
    bash bench/many-sections.sh
# Fuzz one target for a while: parse, sync or build_document (fuzz/, see tests/README.md).
# Needs a nightly toolchain; installs cargo-fuzz when it is missing. Not run in CI.
fuzz target="parse" secs="60":
    @command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
    cargo +nightly fuzz run {{target}} -- -max_total_time={{secs}}

# Two binaries on the corpora of `just bench`, in one run (see BENCHMARKS.md).
bench-compare old new:
    bash bench/compare.sh {{old}} {{new}}

# What any build of the corpus costs at the least, stage by stage against cat (see BENCHMARKS.md).
bench-floor articles="1000" runs="10":
    bash bench/floor.sh {{articles}} {{runs}}

# `yaku serve`'s API: the article's document page and the dashboard (see BENCHMARKS.md).
bench-serve:
    bash bench/serve.sh
