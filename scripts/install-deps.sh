#!/bin/sh
# Installs the Debian packages Vireo builds and tests with. Idempotent: it asks
# apt only for what dpkg says is missing, so a second run costs a few ms.
set -e
PKGS="meson ninja-build pkg-config gcc make rpcsvc-proto libtirpc-dev libuv1-dev \
libxml2-dev libxml2-utils libgnutls28-dev libcmocka-dev libreadline-dev \
libvirt-daemon libvirt-clients python3-libvirt python3-pytest libvirt-dev \
tshark libvirt-wireshark gnutls-bin \
qemu-system-x86 qemu-utils busybox-static linux-image-cloud-amd64 \
openssh-server openssh-client libssh2-1-dev netcat-openbsd \
virt-manager xvfb imagemagick"
# The qemu line is for the QEMU driver tests: qemu itself, qemu-img for disk
# images, and the test guest (tests/guest/build-initrd.sh): busybox + kernel.
# The ssh transport tests run a private sshd and link libssh2. virt-manager runs
# under Xvfb against vireod (imagemagick's import takes its screenshot).
[ -n "$VIREO_EXTRA_PKGS" ] && PKGS="$PKGS $VIREO_EXTRA_PKGS"
missing=""
for p in $PKGS; do
    st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    case "$st" in
        *"install ok installed"*) ;;
        *) missing="$missing $p" ;;
    esac
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
    echo "install-deps: missing packages:$missing (run as root to install them)" >&2
    exit 1
fi
echo "install-deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
# tshark asks whether non-root users may capture; answer once, quietly.
echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections
apt-get update -qq
apt-get install -y -qq --no-install-recommends $missing
