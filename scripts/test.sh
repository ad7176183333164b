#!/usr/bin/env bash
# Set up a virtual environment with everything the tests need, then run the whole suite.
# Usage: bash scripts/test.sh [pytest args…]      (VENV=path to choose the venv, default .venv)
#
# The browser tests drive Debian's `chromium` through Playwright, with a Korean font (Hangul would
# render as boxes and its layout would not be a real one) and an emoji font (the 👍/👎 buttons). When
# they are missing and we are root with apt-get (CI, containers), they are installed here; otherwise
# those tests skip and say why.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
PYTHON=${PYTHON:-python3}
AXE_CORE_VERSION=4.14.1  # axe-core from npm: the accessibility checks run it inside the page

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
for font in fonts-noto-cjk fonts-noto-color-emoji; do
  dpkg -s "$font" >/dev/null 2>&1 || missing+=("$font")
done
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "scripts/test.sh: installing ${missing[*]} for the browser tests (apt-get)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -x "$VENV/bin/python" ]; then
  "$PYTHON" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet --upgrade pip
"$VENV/bin/python" -m pip install --quiet -e '.[test]'

# axe-core goes into the venv, where the accessibility tests read it (sys.prefix/share/axe).
AXE_DIR="$VENV/share/axe"
if command -v npm >/dev/null 2>&1 \
    && ! grep -qs "\"version\": \"$AXE_CORE_VERSION\"" "$AXE_DIR/node_modules/axe-core/package.json"; then
  npm install --prefix "$AXE_DIR" --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
    "axe-core@$AXE_CORE_VERSION" >/dev/null
fi

# pytest exits 5 when it collected nothing: that is a failure here, and it already exits non-zero.
exec "$VENV/bin/python" -m pytest "$@"
