#!/usr/bin/env bash
# Proves that scripts/install.sh gives a program that runs without the Swift toolchain: installs it
# into a scratch folder, then, with the toolchain's libraries hidden (an empty folder mounted over
# them in a mount namespace of its own) and an empty LD_LIBRARY_PATH, asks its version, builds the
# sample bulletin, which must come out as the committed Public/, and does what a new user does:
# `casebook init`, `casebook build` with no warning, and `casebook serve` answering a page.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
scripts/install.sh "$work/bin"

toolchain=$(dirname "$(dirname "$(readlink -f "$(command -v swiftc)")")")/lib/swift
# The toolchain is hidden in a mount namespace: as root directly, otherwise in a user namespace
# where this user is root. Where neither can be made, the test fails rather than pass untested.
isolate=(unshare --mount)
[ "$(id -u)" = 0 ] || isolate=(unshare --user --map-root-user --mount)
if ! command -v unshare >/dev/null || ! "${isolate[@]}" true 2>/dev/null; then
  echo "cannot hide the toolchain: this test needs unshare, and root or user namespaces" >&2
  exit 1
fi
"${isolate[@]}" sh -euc '
  mount -t tmpfs empty "$1"
  [ -z "$(ls "$1")" ]
  export LD_LIBRARY_PATH= PATH="$2/bin:$PATH"
  casebook --version
  casebook build --root . --output "$2/site"
  # A new user: a bulletin of their own, built with no warning, and previewed.
  cd "$2"
  casebook init mysite
  cd mysite
  casebook build > "$2/build.log" 2>&1
  cat "$2/build.log"
  if grep -qE "warning|警告" "$2/build.log"; then echo "the new bulletin built with warnings" >&2; exit 1; fi
  [ -f Public/index.html ] && [ -f Public/pages/about.html ]
  casebook serve --port 0 --drafts --output "$2/preview" > "$2/serve.log" 2>&1 &
  server=$!
  trap "kill $server 2>/dev/null || true" EXIT
  for _ in $(seq 1 100); do grep -q "Ctrl-C" "$2/serve.log" && break; sleep 0.1; done
  address=$(grep -o "http://127.0.0.1:[0-9]*/" "$2/serve.log")
  python3 -c "import sys, urllib.request; page = urllib.request.urlopen(sys.argv[1] + \"cases/shili-loudao-duiwu.html\").read().decode(); assert \"居民议事会\" in page and \"live reload\" in page" "$address"
  kill "$server"
  wait "$server" || true
' sh "$toolchain" "$work"
diff -r Public "$work/site"
echo "the installed program runs without the toolchain, builds the sample as committed, and starts, builds and previews a new bulletin"
