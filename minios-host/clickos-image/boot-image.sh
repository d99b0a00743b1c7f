#!/usr/bin/env bash
# boot-image.sh — boot a ClickOS image under Xen in QEMU and push packets through it.
#
#   boot-image.sh --dom0 DIR --image clickos_x86_64 --config router.click \
#                 --pcap in.pcap --out-dir DIR [--read elem.handler]... [--kvm]
#
# DIR for --dom0 is a Debian root file system with Xen in it, as made by make-dom0.sh
# (debootstrap from Debian's packages: xen-hypervisor, xen-utils, linux-image, tcpdump,
# tcpreplay). QEMU boots Debian's Xen with that Linux as dom0; dom0 starts xenstored,
# creates the ClickOS domain with one netfront vif, writes the Click configuration into
# xenstore (ClickOS's data/clickos/0/config/<n>, then status=Running), replays --pcap
# onto the vif's backend and captures what ClickOS sends back. Then it reads the
# requested handlers through ClickOS's xenstore control path and powers off.
#
# Written to --out-dir: serial.log (Xen, dom0 and the ClickOS console, lines of
# interest prefixed "CLICKOS-BOOT:"), clickos.log (the guest's console), out.pcap (the
# frames ClickOS transmitted) and handlers.txt ("elem.handler value" per line).
# Exit status: 0 when the guest ran and the capture came back, else non-zero with a
# message naming the step that failed.
set -euo pipefail

die() { echo "boot-image.sh: $*" >&2; exit 1; }
usage() { sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-2}"; }

DOM0= IMAGE= CONFIG= PCAP= OUT= ACCEL=tcg MEMORY=64 WAIT=20
READS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --dom0) DOM0=$2; shift 2 ;;
    --image) IMAGE=$2; shift 2 ;;
    --config) CONFIG=$2; shift 2 ;;
    --pcap) PCAP=$2; shift 2 ;;
    --out-dir) OUT=$2; shift 2 ;;
    --read) READS+=("$2"); shift 2 ;;
    --memory) MEMORY=$2; shift 2 ;;      # MiB for the ClickOS domain
    --wait) WAIT=$2; shift 2 ;;          # seconds dom0 waits for frames to come back
    --kvm) ACCEL=kvm; shift ;;           # see the CPU note below
    -h|--help) usage 0 ;;
    *) echo "boot-image.sh: unknown argument '$1'" >&2; usage ;;
  esac
done
[ -n "$DOM0" ] && [ -n "$IMAGE" ] && [ -n "$CONFIG" ] && [ -n "$PCAP" ] && [ -n "$OUT" ] || usage
# Handler names reach a shell in dom0: only Click's element and handler characters.
for r in "${READS[@]}"; do
  [[ "$r" =~ ^[A-Za-z0-9_/@]+\.[A-Za-z0-9_]+$ ]] || die "--read '$r': expected ELEMENT.HANDLER"
done
# Both go into dom0's init and the domain's configuration.
[[ "$WAIT" =~ ^[0-9]+$ ]] || die "--wait '$WAIT': expected whole seconds"
[[ "$MEMORY" =~ ^[0-9]+$ ]] && [ "$MEMORY" -ge 16 ] || die "--memory '$MEMORY': expected MiB, at least 16"
for f in "$IMAGE" "$CONFIG" "$PCAP"; do [ -f "$f" ] || die "$f: no such file"; done
ls -d "$DOM0"/usr/lib/xen-4.* >/dev/null 2>&1 \
  || die "$DOM0: not a dom0 root file system (no usr/lib/xen-*; make one with make-dom0.sh)"
for tool in qemu-system-x86_64 mkfs.ext4 debugfs; do
  command -v "$tool" >/dev/null || die "$tool not found (Debian: qemu-system-x86, e2fsprogs)"
done
if [ "$ACCEL" = kvm ] && [ ! -w /dev/kvm ]; then die "--kvm: /dev/kvm is not writable"; fi

XEN_GZ=$(ls "$DOM0"/boot/xen-4.*-amd64.gz 2>/dev/null | sort | tail -1)
KERNEL=$(ls "$DOM0"/boot/vmlinuz-* 2>/dev/null | sort | tail -1)
INITRD=$(ls "$DOM0"/boot/initrd.img-* 2>/dev/null | sort | tail -1)
[ -n "$XEN_GZ" ] && [ -n "$KERNEL" ] && [ -n "$INITRD" ] || die "$DOM0/boot: needs xen-4.*-amd64.gz, vmlinuz-*, initrd.img-*"
XEN_LIB=$(ls -d "$DOM0"/usr/lib/xen-4.* | sort | tail -1); XEN_LIB=${XEN_LIB#"$DOM0"}

mkdir -p "$OUT"; OUT=$(cd "$OUT" && pwd)
STAGE=$OUT/stage; rm -rf "$STAGE"; mkdir -p "$STAGE/payload"
gunzip -c "$XEN_GZ" > "$STAGE/xen"   # QEMU's multiboot loader takes an uncompressed ELF

# The root disk is dom0 as given plus a fixed /clickos-boot stub (init= points at it) that
# mounts the payload disk and runs its init; one per dom0 directory, kept in the cache
# (CLICKOS_BOOT_CACHE, default ~/.cache/clickos-boot) while $DOM0 is unchanged, since
# it is as large as dom0 itself. QEMU boots it with snapshot=on: dom0's writes (logs,
# xenstore state) go to a throw-away overlay, so every boot starts from the same disk.
CACHE=${CLICKOS_BOOT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/clickos-boot}
mkdir -p "$CACHE"
ROOT_IMG=$CACHE/dom0-$(cd "$DOM0" && pwd -P | sha256sum | cut -c1-16).img
STAMP=$(find "$DOM0" -maxdepth 3 -newer "$ROOT_IMG" -print -quit 2>/dev/null || true)
if [ ! -f "$ROOT_IMG" ] || [ -n "$STAMP" ]; then
  echo "boot-image.sh: making the dom0 root disk from $DOM0" >&2
  size=$(( $(du -sm "$DOM0" | cut -f1) * 2 + 512 ))
  # Made under a temporary name: an interrupted run must not leave a disk that looks cached.
  rm -f "$ROOT_IMG"
  mkfs.ext4 -q -F -L clickos-dom0 -d "$DOM0" "$ROOT_IMG.part" "${size}M"
  printf '%s\n' '#!/bin/sh' 'mkdir -p /payload' \
    'mount -t proc proc /proc; mount -o ro /dev/disk/by-label/clickos-payload /payload 2>/dev/null || mount /dev/vdb /payload || mount /dev/sdb /payload' \
    'exec /bin/sh /payload/init' > "$STAGE/stub"
  debugfs -w -R "write $STAGE/stub clickos-boot" "$ROOT_IMG.part" >/dev/null 2>&1
  debugfs -w -R "sif /clickos-boot mode 0100755" "$ROOT_IMG.part" >/dev/null 2>&1
  mv "$ROOT_IMG.part" "$ROOT_IMG"
fi

# The payload disk: the image, the configuration in xenstore-sized chunks, the frames,
# the vif hotplug script and dom0's init. dom0 writes its results into a separate disk.
P=$STAGE/payload
cp "$IMAGE" "$P/clickos"
cp "$PCAP" "$P/in.pcap"
split -b 2048 -d -a 4 "$CONFIG" "$P/config."
printf '%s\n' "${READS[@]}" > "$P/reads"
cat > "$P/vif-clickos" <<'EOF'
#!/bin/sh
# xl's vif hotplug script: bring the backend up and tell netback it is connected.
case "$1" in
  online|add) ip link set "$vif" up; xenstore-write "$XENBUS_PATH/hotplug-status" connected ;;
esac
exit 0
EOF
chmod +x "$P/vif-clickos"
cat > "$P/clickos.cfg" <<EOF
name = "clickos"
type = "pv"
kernel = "/payload/clickos"
memory = $MEMORY
vcpus = 1
vif = [ 'mac=00:16:3e:c1:1c:05,script=/payload/vif-clickos' ]
on_crash = "preserve"
EOF
cat > "$P/init" <<EOF
#!/bin/sh
# dom0's init (PID 1): start Xen's daemons, run ClickOS, replay, capture, power off.
export PATH=/usr/sbin:/usr/bin:/sbin:/bin:$XEN_LIB/bin
WAIT=$WAIT
EOF
cat >> "$P/init" <<'EOF'
say() { echo "CLICKOS-BOOT: $*"; }
fail() { say "FAILED $*"; finish; }
finish() {
  [ -f /var/log/xen/guest-clickos.log ] && cp /var/log/xen/guest-clickos.log /out/clickos.log
  sync; umount /out 2>/dev/null; say "poweroff"; echo o > /proc/sysrq-trigger; sleep 30
}
mount -t sysfs sysfs /sys; mount -t devtmpfs devtmpfs /dev 2>/dev/null
mount -t tmpfs tmpfs /run; mount -t tmpfs tmpfs /tmp
mkdir -p /run/xen /run/xenstored /var/log/xen /var/lib/xen /var/lock /out
mount /dev/disk/by-label/clickos-out /out || fail "mounting the output disk"
say "dom0 up: $(uname -r)"
# No IPv6 on the vif: dom0's router solicitations would reach ClickOS beside the frames.
sysctl -q -w net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
for m in xen-evtchn xen-gntdev xen-gntalloc xen-privcmd xen-netback; do modprobe $m || fail "modprobe $m"; done
mount -t xenfs xenfs /proc/xen || fail "mounting xenfs"
oxenstored --pid-file /run/xenstored.pid || xenstored --pid-file /run/xenstored.pid || fail "starting xenstored"
xen-init-dom0 >/dev/null || fail "xen-init-dom0"
xenconsoled --log=guest --log-dir=/var/log/xen || fail "starting xenconsoled"
xl create /payload/clickos.cfg || fail "xl create"
DOMID=$(xl domid clickos) || fail "no clickos domain"
say "domain clickos id $DOMID"
ROOT=/local/domain/$DOMID/data/clickos
i=0; while ! xenstore-exists $ROOT 2>/dev/null; do i=$((i+1)); [ $i -gt 3000 ] && fail "ClickOS never wrote $ROOT"; sleep 0.1; done
# -R: as written (xenstore-write otherwise unescapes, and Click's \<hex> would lose its
# backslash); the x keeps a chunk's trailing newline, which $(...) would strip.
n=0; for chunk in /payload/config.*; do v=$(cat $chunk; echo x); xenstore-write -R $ROOT/0/config/$n "${v%x}" || fail "writing the configuration"; n=$((n+1)); done
xenstore-write $ROOT/0/status Running
VIF=vif$DOMID.0
i=0; while [ "$(cat /sys/class/net/$VIF/operstate 2>/dev/null)" != up ] && [ "$(xenstore-read /local/domain/0/backend/vif/$DOMID/0/state 2>/dev/null)" != 4 ]; do
  i=$((i+1)); [ $i -gt 3000 ] && fail "netback for $VIF never connected"; sleep 0.1; done
sleep 1
say "router status $(xenstore-read $ROOT/0/status)"
say "netback $VIF state $(xenstore-read /local/domain/0/backend/vif/$DOMID/0/state)"
tcpdump -Q in -i $VIF -U -w /out/out.pcap 2>/tmp/tcpdump.err & TCPDUMP=$!
sleep 2
tcpreplay -q -i $VIF /payload/in.pcap > /tmp/tcpreplay.out 2>&1 || { cat /tmp/tcpreplay.out; fail "tcpreplay"; }
say "sent $(sed -n 's/.*Actual: \([0-9]*\) packets.*/\1/p' /tmp/tcpreplay.out) frames"
sleep $WAIT
kill -INT $TCPDUMP; wait $TCPDUMP 2>/dev/null
: > /out/handlers.txt
while read -r r; do
  [ -n "$r" ] || continue
  e=${r%.*}; h=${r##*.}
  xenstore-write $ROOT/0/control/read/$e/$h ""
  i=0; v=
  while [ $i -lt 600 ]; do v=$(xenstore-read -R $ROOT/0/elements/$e/$h 2>/dev/null) && break; i=$((i+1)); sleep 0.1; done
  [ $i -lt 600 ] || v="(no value: ClickOS did not answer the read)"
  echo "$r $v" >> /out/handlers.txt; say "handler $r = $v"
done < /payload/reads
say "received $(tcpdump -n -r /out/out.pcap 2>/dev/null | grep -c .) frames"
xl list | while read -r l; do say "xl: $l"; done
xl destroy clickos
finish
EOF

OUT_IMG=$STAGE/out.img
mkfs.ext4 -q -F -L clickos-payload -d "$P" "$STAGE/payload.img" 64M
mkfs.ext4 -q -F -L clickos-out "$OUT_IMG" 64M
rm -f "$OUT/serial.log" "$OUT/out.pcap" "$OUT/clickos.log" "$OUT/handlers.txt"

# CPU: TCG by default. Under KVM nested in a cloud VM, Xen 4.17 dies in its first
# instructions (KVM cannot emulate the RDSSP shadow-stack probe, "KVM internal error.
# Suberror: 1"); --kvm is for hosts where that works. In TCG, "-cpu max" makes the
# Debian dom0 kernel fault at boot under Xen; Haswell-noTSX (and qemu64) boot.
CPU=Haswell-noTSX; [ "$ACCEL" = kvm ] && CPU=host
# Xen's own console on the serial port, dom0's hvc0 through it; the VM powers off at
# the end of dom0's init. The timeout only guards against a hung boot: ~70 s is usual
# under TCG, and each wait inside dom0 is bounded at 5 minutes (a loaded TCG guest is slow).
timeout 3600 qemu-system-x86_64 -machine q35,accel=$ACCEL -cpu $CPU -smp 2 -m 2048 \
  -nographic -no-reboot -serial "file:$OUT/serial.log" -monitor none \
  -kernel "$STAGE/xen" \
  -append "console=com1 com1=115200,8n1 dom0_mem=1024M,max:1024M loglvl=all guest_loglvl=all" \
  -initrd "$KERNEL root=LABEL=clickos-dom0 rw init=/clickos-boot console=hvc0 earlyprintk=xen quiet,$INITRD" \
  -drive "file=$ROOT_IMG,format=raw,if=virtio,snapshot=on" \
  -drive "file=$STAGE/payload.img,format=raw,if=virtio,readonly=on" \
  -drive "file=$OUT_IMG,format=raw,if=virtio" </dev/null || die "qemu exited with $? (see $OUT/serial.log)"

for f in out.pcap clickos.log handlers.txt; do
  debugfs -R "dump /$f $OUT/$f" "$OUT_IMG" >/dev/null 2>&1 || true
done
# A step that failed in dom0 says which; only without one is a missing end marker the news.
grep "CLICKOS-BOOT: FAILED" "$OUT/serial.log" >&2 && exit 1
grep -q "CLICKOS-BOOT: received" "$OUT/serial.log" || die "dom0 did not finish (see $OUT/serial.log)"
[ -s "$OUT/out.pcap" ] || die "no capture came back (see $OUT/serial.log)"
grep "CLICKOS-BOOT:" "$OUT/serial.log" >&2 || true
