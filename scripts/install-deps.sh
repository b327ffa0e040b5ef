#!/usr/bin/env bash
# Installs what building Casebook needs beyond Swift: cmark's library and headers (libcmark-dev),
# libdeflate's (libdeflate-dev, which compresses the search texts), zlib's (zlib1g-dev, which the
# tests inflate them with), tcmalloc (libgoogle-perftools-dev, the allocator the program is linked
# with on Linux) and pkg-config. With --tests, also the `cmark` command that the CommonMark
# conformance test compares against. Skips what is present.
#
# usage: scripts/install-deps.sh [--tests]
set -euo pipefail
missing=()
dpkg -s libcmark-dev >/dev/null 2>&1 || missing+=(libcmark-dev)
dpkg -s libdeflate-dev >/dev/null 2>&1 || missing+=(libdeflate-dev)
dpkg -s zlib1g-dev >/dev/null 2>&1 || missing+=(zlib1g-dev)
dpkg -s libgoogle-perftools-dev >/dev/null 2>&1 || missing+=(libgoogle-perftools-dev)
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
if [ "${1:-}" = --tests ]; then
  command -v cmark >/dev/null 2>&1 || missing+=(cmark)
fi
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "installing ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
