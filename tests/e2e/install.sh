#!/usr/bin/env bash
# Installs what the browser tests of `yaku serve` need: Playwright for Python in a venv
# under target/ (Playwright drives Debian's chromium; its own browser download is not
# used). Idempotent: a venv that already has Playwright is left as it is.
set -euo pipefail
cd "$(dirname "$0")/../.."
export DEBIAN_FRONTEND=noninteractive
# Japanese and Chinese glyphs, so that the screenshots under target/ can be reviewed.
if command -v fc-list >/dev/null && [ -z "$(fc-list :lang=ja)" ]; then
  apt-get update -qq && apt-get install -y -qq fonts-noto-cjk >/dev/null
fi
venv=target/e2e-venv
if "$venv/bin/python" -c "import playwright" 2>/dev/null; then
  exit 0
fi
if ! python3 -m venv "$venv" 2>/dev/null; then
  rm -rf "$venv"
  apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
  python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check "playwright==1.65.2"
