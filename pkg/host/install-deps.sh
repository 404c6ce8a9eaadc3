#!/bin/bash
# Installs the system packages KVM Manager needs (and, with --test, those its tests need),
# only where they are missing. Debian/Ubuntu via apt, Fedora via dnf.
set -eu

with_test=0
[ "${1:-}" = "--test" ] && with_test=1

if command -v apt-get >/dev/null 2>&1; then
    pkgs="cockpit-ws cockpit-bridge cockpit-system libvirt-daemon-system libvirt-daemon-driver-qemu
          libvirt-clients libvirt-dbus qemu-system-x86 qemu-utils dbus polkitd osinfo-db sudo passwd
          dnsmasq-base xorriso curl openssl ovmf swtpm swtpm-tools lvm2 nftables
          prometheus prometheus-node-exporter prometheus-libvirt-exporter"
    # grub-mkrescue (grub-common) with its BIOS and UEFI parts and mtools: the boot ISO.
    [ $with_test = 1 ] && pkgs="$pkgs chromium busybox-static grub-common grub-pc-bin grub-efi-amd64-bin mtools openssh-server rpm"
    missing=""
    for p in $pkgs; do
        dpkg-query -W -f '${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing="$missing $p"
    done
    if [ -n "$missing" ]; then
        echo "Installing system packages:$missing"
        [ "$(id -u)" = 0 ] || { echo "Need root to install:$missing" >&2; exit 1; }
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -q
        # shellcheck disable=SC2086
        apt-get install -y -q --no-install-recommends $missing
    fi
elif command -v dnf >/dev/null 2>&1; then
    pkgs="cockpit-ws cockpit-bridge cockpit-system libvirt-daemon libvirt-daemon-driver-qemu
          libvirt-daemon-config-network libvirt-client libvirt-dbus qemu-kvm qemu-img dbus-daemon
          polkit osinfo-db sudo passwd dnsmasq xorriso curl openssl edk2-ovmf swtpm swtpm-tools lvm2 nftables
          golang-github-prometheus golang-github-prometheus-node-exporter"
    [ $with_test = 1 ] && pkgs="$pkgs chromium busybox dpkg grub2-tools-extra grub2-pc-modules grub2-efi-x64-modules mtools openssh-server rpm-build"
    missing=""
    for p in $pkgs; do
        rpm -q "$p" >/dev/null 2>&1 || missing="$missing $p"
    done
    if [ -n "$missing" ]; then
        echo "Installing system packages:$missing"
        # shellcheck disable=SC2086
        dnf install -y $missing
    fi
else
    echo "Neither apt-get nor dnf found: install cockpit, libvirt, libvirt-dbus and QEMU by hand." >&2
    exit 1
fi

if ! command -v node >/dev/null 2>&1; then
    echo "Node.js (>= 18) is needed to build KVM Manager." >&2
    exit 1
fi
