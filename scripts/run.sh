#!/usr/bin/env bash
# Sets up this checkout and runs the service on the embedded database,
# loading demo data on first start. Stop it with Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
exec .venv/bin/sir serve --demo "$@"
