#!/bin/sh
# Builds the QEMU test guest's initramfs: static busybox, the modules a
# virtio guest with ACPI power-off needs, and an /init that prints a boot
# marker on the serial console. Usage: build-initrd.sh OUT.cpio.gz [KVER]
# Needs busybox-static and linux-image-cloud-amd64 (scripts/install-deps.sh).
# The kernel for -kernel is /boot/vmlinuz-KVER.
set -eu
OUT=${1:?usage: build-initrd.sh OUT.cpio.gz [KVER]}
KVER=${2:-$(ls /lib/modules | sort -V | tail -n 1)}
MODDIR=/lib/modules/$KVER/kernel
BUSYBOX=/bin/busybox
[ -x "$BUSYBOX" ] && "$BUSYBOX" --list | grep -qx acpid || { echo "build-initrd: no static busybox with acpid" >&2; exit 1; }
[ -d "$MODDIR" ] || { echo "build-initrd: no modules for kernel $KVER" >&2; exit 1; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/bin" "$WORK/sbin" "$WORK/proc" "$WORK/sys" "$WORK/dev" "$WORK/tmp" \
    "$WORK/lib/modules" "$WORK/etc/acpi/PWRF" "$WORK/mnt" "$WORK/var/run" "$WORK/var/log"
cp "$BUSYBOX" "$WORK/bin/busybox"
for app in $("$BUSYBOX" --list); do
    [ "$app" = busybox ] || ln -s busybox "$WORK/bin/$app"
done

# Load order follows modules.dep: a module after everything it needs.
MODS="input/evdev acpi/button virtio/virtio_ring virtio/virtio \
virtio/virtio_pci_legacy_dev virtio/virtio_pci_modern_dev virtio/virtio_pci \
char/virtio_console block/virtio_blk ../net/core/failover net/net_failover net/virtio_net \
virtio/virtio_balloon"
order=""
for m in $MODS; do
    f="$MODDIR/drivers/$m.ko"
    [ -f "$f" ] || f="$MODDIR/drivers/$m.ko.xz"
    if [ -f "$f" ]; then
        b=$(basename "$f")
        case "$b" in
            *.xz) xz -dc "$f" > "$WORK/lib/modules/${b%.xz}"; b=${b%.xz} ;;
            *) cp "$f" "$WORK/lib/modules/$b" ;;
        esac
        order="$order $b"
    fi
done
echo "$order" > "$WORK/lib/modules/order"

# Busybox acpid runs /etc/acpi/<event>/<code> for the power button (evdev
# KEY_POWER = 0x74 -> PWRF/00000080 in busybox's table).
cat > "$WORK/etc/acpi/PWRF/00000080" <<'SH'
#!/bin/sh
echo VIREO-GUEST-ACPI-POWERBUTTON > /dev/console
poweroff -f
SH
chmod 755 "$WORK/etc/acpi/PWRF/00000080"

cat > "$WORK/init" <<'SH'
#!/bin/sh
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev 2>/dev/null
for m in $(cat /lib/modules/order); do insmod /lib/modules/$m 2>/dev/null; done
acpid -c /etc/acpi
read up _ < /proc/uptime
echo "VIREO-GUEST-UP kernel=$(uname -r) uptime=$up"
for d in /sys/block/vd*; do [ -e "$d" ] && echo "VIREO-GUEST-DISK ${d##*/}"; done
case " $(cat /proc/cmdline) " in
    *" vireo.poweroff "*) poweroff -f ;;
    *" vireo.dhcp "*) ip link set eth0 up 2>/dev/null && udhcpc -i eth0 -n -q -t 5 -s /bin/true >/dev/null 2>&1 && echo VIREO-GUEST-DHCP-OK ;;
esac
while true; do setsid cttyhack sh; done
SH
chmod 755 "$WORK/init"

(cd "$WORK" && find . | cpio -o -H newc --quiet) | gzip -9 > "$OUT.tmp"
mv "$OUT.tmp" "$OUT"
