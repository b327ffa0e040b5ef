#!/usr/bin/env bash
# Fuzzes a case file from arbitrary bytes to every output of a site that holds it (its page, the
# pages that list it, the charts, the search data, the feed and tables) with libFuzzer, for SECONDS
# (default 60). Each input is taken both as a whole file and as the values of a case's fields, one
# a line (SingleCaseSite.caseFile(withFieldValues:)), so that mutated values reach the rendering.
#   scripts/fuzz.sh [SECONDS]
# Starts from the seed inputs in Fuzz/corpus/ and Fuzz/regressions/, with the words of
# Fuzz/casebook.dict; inputs the fuzzer finds are kept in .build-fuzz/corpus/ between runs. A crash,
# hang or memory blow-up stops the run with a non-zero exit and saves the input as
# .build-fuzz/crash-*; add it to Fuzz/regressions/ once it is fixed. Swift's own backtracer is turned
# off, since it would take a trap's signal before libFuzzer could save the input.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
scripts/install-deps.sh
swift build -c release --scratch-path .build-fuzz --product casebook-fuzz \
  -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library -Xswiftc -D -Xswiftc FUZZING
mkdir -p .build-fuzz/corpus
SWIFT_BACKTRACE=enable=no .build-fuzz/release/casebook-fuzz .build-fuzz/corpus Fuzz/corpus Fuzz/regressions \
  -dict=Fuzz/casebook.dict -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
  -artifact_prefix=.build-fuzz/ -print_final_stats=1
