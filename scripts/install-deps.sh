#!/usr/bin/env bash
# Installs what Casebook needs beyond Swift: cmark's library and headers (libcmark-dev), zlib's
# (zlib1g-dev, which compresses the search texts), the `cmark`
# command that the CommonMark conformance test compares against, and pkg-config. Skips what is present.
set -euo pipefail
missing=()
dpkg -s libcmark-dev >/dev/null 2>&1 || missing+=(libcmark-dev)
dpkg -s zlib1g-dev >/dev/null 2>&1 || missing+=(zlib1g-dev)
command -v cmark >/dev/null 2>&1 || missing+=(cmark)
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "installing ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
