#!/usr/bin/env bash
# make-dom0.sh — make the Debian root file system boot-image.sh boots as Xen's dom0.
#
#   make-dom0.sh DIR [MIRROR]      (as root; MIRROR defaults to http://deb.debian.org/debian)
#
# Only Debian's own packages, through debootstrap: Xen 4.17 (hypervisor and xl), Debian's
# Linux kernel and initramfs, and the tools boot-image.sh drives (iproute2, tcpdump,
# tcpreplay). About 850 MB; a few minutes with a nearby mirror.
set -euo pipefail

die() { echo "make-dom0.sh: $*" >&2; exit 1; }
[ $# -ge 1 ] && [ "${1:-}" != -h ] && [ "${1:-}" != --help ] || { sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
DIR=$1 MIRROR=${2:-http://deb.debian.org/debian}
[ "$(id -u)" = 0 ] || die "debootstrap needs root"
command -v debootstrap >/dev/null || die "debootstrap not found (apt-get install debootstrap)"
[ ! -e "$DIR" ] || [ -z "$(ls -A "$DIR")" ] || die "$DIR exists and is not empty"

PACKAGES=xen-hypervisor-4.17-amd64,xen-utils-4.17,linux-image-amd64,iproute2,kmod,procps,tcpdump,tcpreplay,udev
debootstrap --variant=minbase --include="$PACKAGES" bookworm "$DIR" "$MIRROR"
ls "$DIR"/boot/xen-4.17-amd64.gz "$DIR"/boot/vmlinuz-* "$DIR"/boot/initrd.img-* >/dev/null \
  || die "$DIR/boot: Xen, the kernel or its initramfs is missing"
# The root disk is mounted by label; nothing else from fstab is wanted.
echo "LABEL=clickos-dom0 / ext4 rw 0 1" > "$DIR/etc/fstab"
echo "make-dom0.sh: dom0 root file system ready in $DIR ($(du -sh "$DIR" | cut -f1))"
