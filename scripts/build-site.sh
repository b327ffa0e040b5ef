#!/usr/bin/env bash
# Installs what is missing, builds casebook in release mode and builds the sample bulletin into Public/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift build -c release --product casebook
.build/release/casebook build --root . "$@"
