#!/usr/bin/env bash
# Set up a virtual environment with everything the tests need, then run the whole suite.
# Usage: bash scripts/test.sh [pytest args…]      (VENV=path to choose the venv, default .venv)
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
PYTHON=${PYTHON:-python3}

if [ ! -x "$VENV/bin/python" ]; then
  "$PYTHON" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet --upgrade pip
"$VENV/bin/python" -m pip install --quiet -e '.[test]'

# pytest exits 5 when it collected nothing: that is a failure here, and it already exits non-zero.
exec "$VENV/bin/python" -m pytest "$@"
