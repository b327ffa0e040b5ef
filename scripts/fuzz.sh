#!/usr/bin/env bash
# Fuzzes reading a case file from arbitrary bytes with libFuzzer, for SECONDS (default 60).
#   scripts/fuzz.sh [SECONDS]
# Starts from the seed inputs in Fuzz/corpus/ and Fuzz/regressions/; inputs the fuzzer finds are kept
# in .build-fuzz/corpus/ between runs. A crash, hang or memory blow-up stops the run with a non-zero
# exit and saves the input as .build-fuzz/crash-*; add it to Fuzz/regressions/ once it is fixed.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
scripts/install-deps.sh
swift build -c release --scratch-path .build-fuzz --product casebook-fuzz \
  -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library -Xswiftc -D -Xswiftc FUZZING
mkdir -p .build-fuzz/corpus
.build-fuzz/release/casebook-fuzz .build-fuzz/corpus Fuzz/corpus Fuzz/regressions \
  -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
  -artifact_prefix=.build-fuzz/ -print_final_stats=1
