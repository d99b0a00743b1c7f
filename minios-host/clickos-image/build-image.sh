#!/usr/bin/env bash
# build-image.sh — build a ClickOS image with a WASM element package linked in.
#
#   build-image.sh --sources DIR --package DIR --out IMAGE [--work DIR] [-j N]
#
# --sources DIR holds checkouts you supply, one directory each (or name each with
#   --toolchain/--mini-os/--clickos/--newlib/--lwip/--xen DIR):
#     toolchain  sysml/toolchain        mini-os  sysml/mini-os     clickos  sysml/clickos
#     newlib     newlib 1.16.0 source (tag newlib-1_16_0 of a newlib git mirror)
#     lwip       sysml/lwip at tag EXPERIMENTAL-1_4_1_GSOv4
#     xen        Xen source, for its public headers (RELEASE-4.4.4 is known to work)
# --package DIR is what `clickos build --target minios --out-dir DIR` wrote (it holds
#   click-minios.mk; build with --class-prefix so the WASM classes do not collide with
#   ClickOS's own).
# --out IMAGE receives the bootable PV kernel (minios/build/clickos_x86_64).
#
# Your checkouts are never written to: everything is copied into --work (default
# ./clickos-work), which is reused by a later run (delete it to start over). Needs
# Debian's gcc/g++ 12, make, perl, patch and wabt (for wasm-rt.h); no network.
set -euo pipefail

die() { echo "build-image.sh: $*" >&2; exit 1; }
usage() { sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-2}"; }
step() { echo "build-image.sh: $*" >&2; }

declare -A SRC
SOURCES= PACKAGE= OUT= WORK=./clickos-work JOBS=$(nproc 2>/dev/null || echo 2)
while [ $# -gt 0 ]; do
  case "$1" in
    --sources) SOURCES=$2; shift 2 ;;
    --toolchain|--mini-os|--clickos|--newlib|--lwip|--xen) SRC[${1#--}]=$2; shift 2 ;;
    --package) PACKAGE=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    --work) WORK=$2; shift 2 ;;
    -j) JOBS=$2; shift 2 ;;
    -h|--help) usage 0 ;;
    *) echo "build-image.sh: unknown argument '$1'" >&2; usage ;;
  esac
done
[ -n "$PACKAGE" ] && [ -n "$OUT" ] || usage
NAMES="toolchain mini-os clickos newlib lwip xen"
for n in $NAMES; do
  [ -n "${SRC[$n]:-}" ] || SRC[$n]=${SOURCES:+$SOURCES/$n}
  [ -n "${SRC[$n]}" ] || die "no $n source: pass --sources DIR or --$n DIR"
  [ -d "${SRC[$n]}" ] || die "${SRC[$n]}: no such directory (the $n checkout)"
done
# Recognise each tree by a file only it has, so a swapped argument fails here, not
# twenty minutes into a build.
check() { [ -e "${SRC[$1]}/$2" ] || die "${SRC[$1]}: not a $1 checkout (no $2)"; }
check toolchain config.mk; check mini-os minios.mk; check clickos minios/click.cc
check newlib newlib/libc/stdio/vfprintf.c; check lwip src/core/tcp.c
check xen xen/include/public/xen.h
grep -q "^NEWLIB_VERSION.*1\.16\.0" "${SRC[toolchain]}/config.mk" || die "${SRC[toolchain]}/config.mk: expected NEWLIB_VERSION 1.16.0"
[ -f "$PACKAGE/click-minios.mk" ] || die "$PACKAGE: no click-minios.mk (run clickos build --target minios --out-dir $PACKAGE)"
GROUP=$(sed -n 's/^CLICK_EXTRA_ELEMENT_GROUPS += \([A-Za-z0-9_]*\)$/\1/p' "$PACKAGE/click-minios.mk" | head -1)
[ -n "$GROUP" ] || die "$PACKAGE/click-minios.mk: no element group"
for tool in gcc g++ make perl patch; do command -v $tool >/dev/null || die "$tool not found"; done
[ -f /usr/include/wasm-rt.h ] || [ -n "${WABT_WASM_RT_H:-}" ] || die "wasm-rt.h not found (apt-get install wabt, or set WABT_WASM_RT_H)"

mkdir -p "$WORK"; WORK=$(cd "$WORK" && pwd); PACKAGE=$(cd "$PACKAGE" && pwd)
S=$WORK/src
mkdir -p "$S"
for n in toolchain mini-os clickos xen; do
  if [ ! -e "$S/$n/.copied" ]; then
    step "copying $n from ${SRC[$n]}"
    rm -rf "$S/$n"; cp -a "${SRC[$n]}" "$S/$n"; touch "$S/$n/.copied"
  fi
done

# The toolchain's Makefile downloads newlib and lwIP; hand it archives of the given
# trees under the names and top directories it expects instead.
TC=$S/toolchain
NEWLIB_TAR=$TC/newlib-1.16.0.tar.gz LWIP_TAR=$TC/$(sed -n 's/^LWIP_TAG[[:space:]]*:=[[:space:]]*//p' "$TC/config.mk").tar.gz
# archive TARBALL SOURCE-DIR TOP: SOURCE-DIR as TOP/… (under a temporary name first,
# so an interrupted run does not leave an archive that looks finished).
archive() {
  [ -f "$1" ] && return
  tar czf "$1.part" -C "$(dirname "$2")" --exclude=.git --transform "s,^$(basename "$2"),$3," "$(basename "$2")"
  mv "$1.part" "$1"
}
archive "$NEWLIB_TAR" "${SRC[newlib]}" newlib-1.16.0
archive "$LWIP_TAR" "${SRC[lwip]}" "lwip-$(basename "$LWIP_TAR" .tar.gz)"

# sysml/mini-os enters C with the stack 8 bytes off the x86-64 ABI's 16-byte alignment
# on three paths: a new thread's first frame, the exception handlers and the event
# callback. Code from old compilers did not care; Debian's gcc 12 keeps SSE values on
# the stack with aligned moves, so the first thread faults (#GP) and the fault handler's
# own printk faults again until the stack runs into a read-only page table. Upstream
# mini-os fixed the thread case the same way (thread->sp -= 8). Applied to the copy.
MOS=$S/mini-os
if [ ! -e "$MOS/.stack-aligned" ]; then
  step "aligning mini-os's C entry stacks to 16 bytes (x86-64 ABI)"
  perl -0pi -e 's{\n([ \t]*)(stack_push\(thread, \(unsigned long\) function\);)}{\n#if defined(__x86_64__)\n$1thread->sp -= sizeof(unsigned long); /* (%rsp + 8) 16-byte aligned in the thread */\n#endif\n$1$2}' "$MOS/arch/x86/sched.c"
  perl -0pi -e 's{(movq \$-1,ORIG_RAX\(%rsp\)\n)([ \t]*)call \*%rax\n}{$1$2movq %rsp,%rbx\n$2andq \$-16,%rsp\n$2call *%rax\n$2movq %rbx,%rsp\n}' "$MOS/arch/x86/x86_64.S"
  perl -0pi -e 's{(cmovzq %rax,%rsp\n)([ \t]*)pushq %rdi\n([ \t]*)call do_hypervisor_callback\n}{$1$2andq \$-16,%rsp\n$2subq \$8,%rsp\n$2pushq %rdi\n$3call do_hypervisor_callback\n}' "$MOS/arch/x86/x86_64.S"
  grep -q "thread->sp -= sizeof(unsigned long); /\* (%rsp + 8)" "$MOS/arch/x86/sched.c" \
    && [ "$(grep -c 'andq \$-16,%rsp' "$MOS/arch/x86/x86_64.S")" -ge 2 ] \
    || die "$MOS/arch/x86: the stack-alignment edit did not apply (a mini-os this script does not know)"
  touch "$MOS/.stack-aligned"
fi

step "toolchain (newlib 1.16.0, lwIP) with $(gcc -dumpfullversion)"
make -C "$TC" -j1 MINIOS_ROOT="$MOS" XEN_ROOT="$S/xen" CC=gcc CXX=g++ > "$WORK/toolchain.log" 2>&1 \
  || { tail -30 "$WORK/toolchain.log" >&2; die "toolchain build failed (log: $WORK/toolchain.log)"; }
TCROOT=$TC/x86_64-root/x86_64-xen-elf
[ -f "$TCROOT/lib/libc.a" ] || die "toolchain: $TCROOT/lib/libc.a missing (log: $WORK/toolchain.log)"

COS=$S/clickos
step "configuring clickos for MiniOS"
( cd "$COS" && ./configure --enable-minios --with-xen="$S/xen" --with-minios="$MOS" \
    --with-newlib="$TCROOT" --with-lwip="$TCROOT" ) > "$WORK/configure.log" 2>&1 \
  || { tail -30 "$WORK/configure.log" >&2; die "clickos configure failed (log: $WORK/configure.log)"; }
# The package's fragment adds its element group; it must come after config.mk's own
# "CLICK_EXTRA_ELEMENT_GROUPS =" line, so it is appended (configure rewrote the file).
grep -q "^CLICK_EXTRA_ELEMENT_GROUPS *=" "$COS/minios/config.mk" || die "$COS/minios/config.mk: no CLICK_EXTRA_ELEMENT_GROUPS line"
echo "include $PACKAGE/click-minios.mk" >> "$COS/minios/config.mk"

step "linking element group $GROUP and listing elements"
make -C "$COS/minios" "clickos-wasm-link-$GROUP" > "$WORK/elements.log" 2>&1 \
  && make -C "$COS/minios" elemlist >> "$WORK/elements.log" 2>&1 \
  || { tail -20 "$WORK/elements.log" >&2; die "element group $GROUP failed (log: $WORK/elements.log)"; }

step "building ClickOS (-j$JOBS; log: $WORK/clickos.log)"
# gcc 12 on Click's 2014 C++: its operator delete overloads predate sized/aligned
# deallocation. The block front-end is not needed and does not build with newer headers.
make -C "$COS" minios -j"$JOBS" CONFIG_BLKFRONT=n \
  STUB_CXXFLAGS="-fno-sized-deallocation -fno-aligned-new" > "$WORK/clickos.log" 2>&1 \
  || { grep -m5 -B2 -A3 "error" "$WORK/clickos.log" >&2 || tail -30 "$WORK/clickos.log" >&2; die "ClickOS build failed (log: $WORK/clickos.log)"; }
IMG=$COS/minios/build/clickos_x86_64
[ -f "$IMG" ] || die "$IMG: not built (log: $WORK/clickos.log)"
mkdir -p "$(dirname "$OUT")"; cp "$IMG" "$OUT"
CLASSES=$(grep -c "$GROUP" "$COS/minios/build/click/elements/elements.conf" 2>/dev/null || echo 0)
step "wrote $OUT ($(du -h "$OUT" | cut -f1), $CLASSES classes from $GROUP)"
