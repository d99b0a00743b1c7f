#!/usr/bin/env bash
# minios-compile-check.sh — does the ClickOS wasm-rt runtime, a wasm2c-generated
# module and C++ element glue build the way ClickOS MiniOS builds code
# (freestanding, newlib headers, no red zone, no exceptions/RTTI), and do the
# objects need only symbols MiniOS can provide?
#
#   1. wat2wasm + wasm2c on scripts/minios-check.wat (module "clickos_check")
#   2. compiles runtime/clickos-rt.c (C99, -Wall -Wextra -Werror), the generated
#      C, and scripts/minios-check-glue.cc (-fno-exceptions -fno-rtti
#      -fno-threadsafe-statics, -Wall -Wextra -Werror) with ClickOS's flags:
#        -nostdinc -isystem <newlib> -isystem <gcc include> -mno-red-zone
#        -fno-stack-protector -fno-asynchronous-unwind-tables -fno-builtin
#        -ffreestanding -O2
#   3. nm: every undefined symbol not defined by one of the objects must match
#      scripts/allowed-symbols.txt; otherwise it names the symbol and the object
#      and exits 1.
#
# usage: minios-compile-check.sh [--keep DIR] [--wat FILE] [--extra SRC.c|SRC.cc]...
#   --keep DIR   build in DIR and keep the outputs (default: a temp dir, removed)
#   --wat FILE   check this module instead of scripts/minios-check.wat
#                (imports are then left to the allow-list; the glue is skipped)
#   --extra SRC  compile SRC with the same flags and include it in the check
# environment: CC CXX NM WAT2WASM WASM2C, NEWLIB_INCLUDE (default
#   /usr/include/newlib), WABT_INCLUDE (directory holding wabt's wasm-rt.h,
#   default /usr/include).
# exit: 0 ok, 1 forbidden symbol, 2 compile error, 3 missing tool/header.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
host="$(cd "$here/.." && pwd)"
runtime="$host/runtime"

CC="${CC:-gcc}"
CXX="${CXX:-g++}"
NM="${NM:-nm}"
WAT2WASM="${WAT2WASM:-wat2wasm}"
WASM2C="${WASM2C:-wasm2c}"
NEWLIB_INCLUDE="${NEWLIB_INCLUDE:-/usr/include/newlib}"
WABT_INCLUDE="${WABT_INCLUDE:-/usr/include}"

keep=""
wat="$here/minios-check.wat"
custom_wat=0
extras=()
while [ $# -gt 0 ]; do
  case "$1" in
    --keep) keep="$2"; shift 2 ;;
    --wat) wat="$2"; custom_wat=1; shift 2 ;;
    --extra) extras+=("$2"); shift 2 ;;
    -h|--help) sed -n '2,30p' "$0"; exit 0 ;;
    *) echo "minios-compile-check: unknown argument: $1" >&2; exit 3 ;;
  esac
done

die() { echo "minios-compile-check: $2" >&2; exit "$1"; }

for tool in "$CC" "$CXX" "$NM" "$WAT2WASM" "$WASM2C"; do
  command -v "$tool" >/dev/null 2>&1 || die 3 "'$tool' not found (Debian: apt-get install gcc g++ binutils wabt)"
done
for h in stdlib.h string.h setjmp.h stdint.h math.h; do
  [ -f "$NEWLIB_INCLUDE/$h" ] || die 3 "newlib header $NEWLIB_INCLUDE/$h not found (Debian: apt-get install libnewlib-dev, or set NEWLIB_INCLUDE)"
done
[ -f "$WABT_INCLUDE/wasm-rt.h" ] || die 3 "wabt's wasm-rt.h not found in $WABT_INCLUDE (Debian: apt-get install wabt, or set WABT_INCLUDE)"
[ -f "$wat" ] || die 3 "no such module: $wat"

if [ -n "$keep" ]; then
  out="$keep"; mkdir -p "$out"
else
  out="$(mktemp -d "${TMPDIR:-/tmp}/minios-check.XXXXXX")"
  trap 'rm -rf "$out"' EXIT
fi

# wasm-rt.h alone in its own directory, so -nostdinc keeps glibc's headers out.
mkdir -p "$out/wabt-include"
ln -sf "$WABT_INCLUDE/wasm-rt.h" "$out/wabt-include/wasm-rt.h"

gcc_include="$("$CC" -print-file-name=include)"
minios_flags=(
  -nostdinc -isystem "$NEWLIB_INCLUDE" -isystem "$gcc_include"
  -mno-red-zone -fno-stack-protector -fno-asynchronous-unwind-tables
  -fno-builtin -ffreestanding -O2 -c
)
includes=(-I "$runtime/include" -I "$runtime" -isystem "$out/wabt-include" -I "$out")
cxx_flags=(-std=c++11 -fno-exceptions -fno-rtti -fno-threadsafe-statics -Wall -Wextra -Werror)

run() {
  echo "+ $*" >>"$out/build.log"
  if ! "$@" 2>>"$out/build.log"; then
    cat "$out/build.log" >&2
    die 2 "compile step failed: $*"
  fi
}

echo "minios-compile-check: building in $out"
run "$WAT2WASM" "$wat" -o "$out/clickos_check.wasm"
run "$WASM2C" "$out/clickos_check.wasm" -n clickos_check -o "$out/clickos_check.c"

objects=()
# The runtime: strict C99.
run "$CC" -std=c99 -Wall -Wextra -Werror "${includes[@]}" "${minios_flags[@]}" \
  "$runtime/clickos-rt.c" -o "$out/clickos-rt.o"
objects+=("$out/clickos-rt.o")
# Generated code: wasm2c's own output triggers unused-parameter/value warnings
# that are not ours to fix; NDEBUG drops its assert() (newlib __assert_func).
run "$CC" -std=c99 -w -DNDEBUG "${includes[@]}" "${minios_flags[@]}" \
  "$out/clickos_check.c" -o "$out/clickos_check.o"
objects+=("$out/clickos_check.o")
if [ "$custom_wat" = 0 ]; then
  run "$CXX" "${cxx_flags[@]}" -DNDEBUG "${includes[@]}" "${minios_flags[@]}" \
    "$here/minios-check-glue.cc" -o "$out/glue.o"
  objects+=("$out/glue.o")
fi
i=0
for src in ${extras[@]+"${extras[@]}"}; do
  i=$((i + 1))
  obj="$out/extra$i-$(basename "$src").o"
  case "$src" in
    *.cc|*.cpp|*.cxx) run "$CXX" "${cxx_flags[@]}" "${includes[@]}" "${minios_flags[@]}" "$src" -o "$obj" ;;
    *) run "$CC" -std=c99 -Wall -Wextra -Werror "${includes[@]}" "${minios_flags[@]}" "$src" -o "$obj" ;;
  esac
  objects+=("$obj")
done

# ---- symbol check ---------------------------------------------------------
allow_file="$here/allowed-symbols.txt"
patterns=()
while IFS= read -r line || [ -n "$line" ]; do
  line="${line%%#*}"
  line="$(echo "$line" | tr -d '[:space:]')"
  [ -n "$line" ] && patterns+=("$line")
done <"$allow_file"

declare -A defined=()
for obj in "${objects[@]}"; do
  while read -r sym; do defined["$sym"]=1; done < <("$NM" --defined-only --extern-only --format=posix "$obj" | awk '{print $1}')
done

bad=0
declare -A seen=()
for obj in "${objects[@]}"; do
  while read -r sym; do
    [ -z "$sym" ] && continue
    [ -n "${defined[$sym]+x}" ] && continue
    ok=0
    for pat in "${patterns[@]}"; do
      # shellcheck disable=SC2053
      if [[ "$sym" == $pat ]]; then ok=1; break; fi
    done
    if [ "$ok" = 0 ]; then
      echo "minios-compile-check: FORBIDDEN undefined symbol '$sym' in $(basename "$obj") (not in $(basename "$allow_file"))" >&2
      bad=1
    elif [ -z "${seen[$sym]+x}" ]; then
      seen["$sym"]=1
    fi
  done < <("$NM" -u --format=posix "$obj" | awk '{print $1}')
done

if [ "$bad" != 0 ]; then
  echo "minios-compile-check: FAILED" >&2
  exit 1
fi
echo "minios-compile-check: objects: $(for o in "${objects[@]}"; do basename "$o"; done | tr '\n' ' ')"
echo "minios-compile-check: external symbols needed: $(printf '%s\n' "${!seen[@]}" | sort | tr '\n' ' ')"
echo "minios-compile-check: OK"
