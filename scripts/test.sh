#!/usr/bin/env bash
# Set up a virtual environment with everything the tests need, then run the whole suite.
# Usage: bash scripts/test.sh [pytest args…]      (VENV=path to choose the venv, default .venv)
#
# The browser tests drive Debian's `chromium` through Playwright. When it is missing and we are
# root with apt-get (CI, containers), it is installed here; otherwise those tests skip and say why.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
PYTHON=${PYTHON:-python3}

if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "scripts/test.sh: installing chromium for the browser tests (apt-get)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi

if [ ! -x "$VENV/bin/python" ]; then
  "$PYTHON" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet --upgrade pip
"$VENV/bin/python" -m pip install --quiet -e '.[test]'

# pytest exits 5 when it collected nothing: that is a failure here, and it already exits non-zero.
exec "$VENV/bin/python" -m pytest "$@"
