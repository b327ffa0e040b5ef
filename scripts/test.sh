#!/usr/bin/env bash
# Installs what is missing and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --tests
swift test "$@"
