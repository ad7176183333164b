#!/usr/bin/env bash
# Set up a virtual environment with everything the tests need, then run the whole suite.
# Usage: bash scripts/test.sh [pytest args…]      (VENV=path to choose the venv, default .venv)
#
# The browser tests drive Debian's `chromium` through Playwright, with a Korean font (without one
# every Hangul glyph is a box and a test of the layout sees nothing) and an emoji font (the 👍/👎
# buttons). When they are missing and we are root with apt-get (CI, containers), they are installed
# here; otherwise the browser tests skip (no chromium) or the Hangul test fails saying what to install.
#
# Python packages come from the lock files (exact versions with their hashes, see README
# "Reproducible builds"), then the project itself without resolving anything again.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
PYTHON=${PYTHON:-python3}
AXE_CORE_VERSION=4.14.1  # axe-core from npm: the accessibility checks run it inside the page

has_korean_font() {
  command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=ko family 2>/dev/null)" ]
}

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  missing=()
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  has_korean_font || missing+=(fonts-noto-cjk)
  dpkg -s fonts-noto-color-emoji >/dev/null 2>&1 || missing+=(fonts-noto-color-emoji)
  command -v npm >/dev/null 2>&1 || missing+=(npm)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "scripts/test.sh: installing ${missing[*]} for the browser tests (apt-get)" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

if [ ! -x "$VENV/bin/python" ]; then
  "$PYTHON" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet --require-hashes -r requirements-test.lock
"$VENV/bin/python" -m pip install --quiet --no-deps --no-build-isolation -e .

# axe-core goes into the venv, where the accessibility tests read it (sys.prefix/share/axe).
AXE_DIR="$VENV/share/axe"
if command -v npm >/dev/null 2>&1 \
    && ! grep -qs "\"version\": \"$AXE_CORE_VERSION\"" "$AXE_DIR/node_modules/axe-core/package.json"; then
  npm install --prefix "$AXE_DIR" --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
    "axe-core@$AXE_CORE_VERSION" >/dev/null
fi

# pytest exits 5 when it collected nothing: that is a failure here, and it already exits non-zero.
exec "$VENV/bin/python" -m pytest "$@"
