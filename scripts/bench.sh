#!/usr/bin/env bash
# Sets up this checkout with the benchmark's extras, then runs the whole
# benchmark suite (bench/__main__.py lists its options), for example:
#   ./scripts/bench.sh --sizes 10000,100000 --publish
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
.venv/bin/python -m pip install --quiet -e ".[dev,bench]"
exec .venv/bin/python -m bench "$@"
