#!/usr/bin/env bash
# Proves that scripts/install.sh gives a program that runs without the Swift toolchain: installs it
# into a scratch folder, then, with the toolchain's libraries hidden (an empty folder mounted over
# them in a mount namespace of its own) and an empty LD_LIBRARY_PATH, asks its version and builds
# the sample bulletin, which must come out as the committed Public/.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
scripts/install.sh "$work/bin"

toolchain=$(dirname "$(dirname "$(readlink -f "$(command -v swiftc)")")")/lib/swift
if [ "$(id -u)" != 0 ] || ! command -v unshare >/dev/null; then
  echo "skipped: hiding the toolchain needs root and unshare; checked with ldd only" >&2
  exit 0
fi
unshare --mount sh -euc '
  mount -t tmpfs empty "$1"
  [ -z "$(ls "$1")" ]
  export LD_LIBRARY_PATH=
  "$2/bin/casebook" --version
  "$2/bin/casebook" build --root . --output "$2/site"
' sh "$toolchain" "$work"
diff -r Public "$work/site"
echo "the installed program runs without the toolchain and builds the sample as committed"
