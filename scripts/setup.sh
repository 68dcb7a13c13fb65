#!/usr/bin/env bash
# Installs what the service and its tests need into this checkout:
# a virtual environment with the Python packages, and the Node tools.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[dev]"

# Neo4j's Cypher parser, used by the tests to check every .cypher file.
npm ci --no-audit --no-fund --loglevel=error

# The web app, served by the API at /.
if [ -f frontend/package.json ]; then
  (cd frontend && npm ci --no-audit --no-fund --loglevel=error && npm run build)
fi
