#!/usr/bin/env bash
# Installs the real judge of the .mdx files yaku writes: the MDX compiler (@mdx-js/mdx,
# the one Docusaurus 3 uses), with npm, into target/mdx-judge/. Idempotent: an install
# that already has the pinned version is left as it is. tests/cli/mdx.rs runs
# tests/mdx-judge/compile.mjs with it.
set -euo pipefail
cd "$(dirname "$0")/../.."
version=3.1.1
dir=target/mdx-judge
installed="$dir/node_modules/@mdx-js/mdx/package.json"
if [ -f "$installed" ] && grep -q "\"version\": \"$version\"" "$installed"; then
  exit 0
fi
if ! command -v npm >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null
fi
mkdir -p "$dir"
[ -f "$dir/package.json" ] || echo '{"private": true}' >"$dir/package.json"
npm install --prefix "$dir" --silent --no-audit --no-fund --omit=dev "@mdx-js/mdx@$version"
