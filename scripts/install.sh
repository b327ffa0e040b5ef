#!/usr/bin/env bash
# Builds casebook as one self-contained program and installs it.
#
# usage: scripts/install.sh [FOLDER]
#
# The Swift runtime and Foundation are linked in (--static-swift-stdlib), and so are cmark, zlib
# and the C++ runtime, so the program needs nothing but the C library: it can be copied to another
# machine of the same kind. It goes into FOLDER, by default /usr/local/bin when run as root and ~/.local/bin otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh

if [ $# -gt 0 ]; then
  target=$1
elif [ "$(id -u)" = 0 ]; then
  target=/usr/local/bin
else
  target="$HOME/.local/bin"
fi

# cmark, zlib and the C++ runtime (which Foundation's Unicode tables need) come from their static
# archives. A folder holding only those archives is searched first, so `-lcmark`, `-lz` and
# `-lstdc++` find them before the shared libraries; pkg-config descriptions in it keep the
# system's library folder from being named ahead of it.
archives="$PWD/.build-static/archives"
mkdir -p "$archives"
for library in cmark z stdc++; do
  archive=$(gcc -print-file-name="lib$library.a")
  [ -f "$archive" ] || archive=$(find /usr/lib -name "lib$library.a" -print -quit)
  if [ ! -f "$archive" ]; then
    echo "lib$library.a is missing; install the package that has it (libcmark-dev, zlib1g-dev, libstdc++-dev)" >&2
    exit 1
  fi
  ln -sf "$archive" "$archives/lib$library.a"
done
for package in libcmark:cmark zlib:z; do
  printf 'Name: %s\nDescription: linked from its static archive\nVersion: 0\nLibs: -L%s -l%s\nCflags:\n' \
    "${package%%:*}" "$archives" "${package#*:}" > "$archives/${package%%:*}.pc"
done
PKG_CONFIG_PATH="$archives" swift build -c release --product casebook --scratch-path .build-static \
  --static-swift-stdlib -Xlinker -L"$archives"
binary=.build-static/release/casebook

# Only the C library and its companions may remain.
needed=$(ldd "$binary" | awk '{print $1}' | grep -vE '^(linux-vdso\.so|/lib64/ld-linux|libc\.so|libm\.so|libpthread\.so|libdl\.so|librt\.so|libutil\.so|libgcc_s\.so)' || true)
if [ -n "$needed" ]; then
  echo "the program still needs these libraries, so it cannot be installed on its own:" >&2
  echo "$needed" >&2
  exit 1
fi

mkdir -p "$target"
# Without its symbol table: a quarter smaller, and nothing it runs needs it.
install -s -m 0755 "$binary" "$target/casebook"
echo "installed $("$target/casebook" --version) as $target/casebook"
case ":$PATH:" in
  *":$target:"*) ;;
  *) echo "add $target to PATH to run it as casebook, for example: echo 'export PATH=\"$target:\$PATH\"' >> ~/.bashrc" ;;
esac
