#!/usr/bin/env bash
# Builds casebook as one self-contained program and installs it.
#
# usage: scripts/install.sh [FOLDER]
#
# The Swift runtime and Foundation are linked in (--static-swift-stdlib), and so are cmark, libdeflate,
# tcmalloc and the C++ runtime, so the program needs nothing but the C library: it can be copied to another
# machine of the same kind. It goes into FOLDER, by default /usr/local/bin when run as root and ~/.local/bin otherwise.
#
# It runs in a clone of the Casebook repository, on a machine with Swift; the C libraries it links
# are installed with apt-get when missing (scripts/install-deps.sh, through sudo when not root).
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

# cmark, libdeflate, tcmalloc and the C++ runtime (which Foundation's Unicode tables need) come from
# their static archives. A folder holding only those archives is searched first, so `-lcmark`,
# `-ldeflate`, `-ltcmalloc_minimal` and `-lstdc++` find them before the shared libraries; pkg-config
# descriptions in it keep the system's library folder from being named ahead of it.
# Each archive is the one the toolchain's own clang links with: for the C++ runtime, that of the
# newest GCC it finds, which need not be the `gcc` on PATH.
archives="$PWD/.build-static/archives"
mkdir -p "$archives"
clang="$(dirname "$(readlink -f "$(command -v swiftc)")")/clang"
for library in cmark deflate tcmalloc_minimal stdc++; do
  archive=$("$clang" -print-file-name="lib$library.a")
  if [ ! -f "$archive" ]; then
    case $library in
      cmark) package=libcmark-dev ;;
      deflate) package=libdeflate-dev ;;
      tcmalloc_minimal) package=libgoogle-perftools-dev ;;
      *) package="the libstdc++-N-dev of the newest GCC under /usr/lib/gcc (e.g. libstdc++-12-dev)" ;;
    esac
    echo "lib$library.a is missing: install $package" >&2
    exit 1
  fi
  ln -sf "$archive" "$archives/lib$library.a"
done
for package in libcmark:cmark libdeflate:deflate; do
  printf 'Name: %s\nDescription: linked from its static archive\nVersion: 0\nLibs: -L%s -l%s\nCflags:\n' \
    "${package%%:*}" "$archives" "${package#*:}" > "$archives/${package%%:*}.pc"
done
# The toolchain hides what archives define (--exclude-libs ALL), so tcmalloc's malloc and free
# would serve the program's own calls while the C library kept its allocator, and memory one
# allocates would be freed by the other. So the archive's object that defines them is linked as
# an object, whose symbols the program exports to every library as a shared tcmalloc would, and
# the archive that `-ltcmalloc_minimal` finds holds the rest; the object's operator new and delete
# are made local, so the C++ runtime's, which call malloc, stay the only ones. That archive is also
# named right after the object: the linker reads archives only for what is undefined when it
# meets them, and `-ltcmalloc_minimal` comes before the object, which needs the rest of tcmalloc
# (MallocExtension and its kin).
allocator="$PWD/.build-static/allocator"
rm -rf "$allocator" && mkdir -p "$allocator"
tcmalloc=$(readlink -f "$archives/libtcmalloc_minimal.a")
member=$(nm -A --defined-only "$tcmalloc" | awk '$2 == "T" && $3 == "malloc" && !found { found = 1; n = split($1, part, ":"); print part[n - 1] }')
if [ -z "$member" ]; then
  echo "no member of $tcmalloc defines malloc, so it cannot be linked as the program's allocator" >&2
  exit 1
fi
(cd "$allocator" && ar x "$tcmalloc" "$member")
nm --defined-only "$allocator/$member" | awk '$3 ~ /^_Z(nw|na|dl|da)/ { print "--localize-symbol=" $3 }' > "$allocator/operators"
objcopy @"$allocator/operators" "$allocator/$member" "$allocator/malloc.o"
rm "$archives/libtcmalloc_minimal.a"
cp "$tcmalloc" "$archives/libtcmalloc_minimal.a"
ar d "$archives/libtcmalloc_minimal.a" "$member"
PKG_CONFIG_PATH="$archives" swift build -c release --product casebook --scratch-path .build-static \
  --static-swift-stdlib -Xlinker -L"$archives" -Xlinker "$allocator/malloc.o" -Xlinker "$archives/libtcmalloc_minimal.a"
binary=.build-static/release/casebook

# Only the C library and its companions may remain.
needed=$(ldd "$binary" | awk '{print $1}' | grep -vE '^(linux-vdso\.so|/lib64/ld-linux|libc\.so|libm\.so|libpthread\.so|libdl\.so|librt\.so|libutil\.so|libgcc_s\.so)' || true)
if [ -n "$needed" ]; then
  echo "the program still needs these libraries, so it cannot be installed on its own:" >&2
  echo "$needed" >&2
  exit 1
fi
# And the C library allocates with the program's allocator, not its own (see above): every
# function that allocates, frees or measures a block is the program's.
allocating="aligned_alloc calloc free malloc malloc_usable_size memalign posix_memalign pvalloc realloc valloc"
exported=$(readelf --dyn-syms -W "$binary" | awk -v names="$allocating" '
  BEGIN { split(names, list, " "); for (i in list) wanted[list[i]] = 1 }
  $7 != "UND" && ($8 in wanted) { print $8 }' | sort -u | tr '\n' ' ')
if [ "$exported" != "$allocating " ]; then
  echo "the program exports only these of tcmalloc's $allocating: ${exported:-none}; the C library would allocate apart from it" >&2
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
