#!/bin/sh
# Builds build/pkg/cockpit-kvm-manager_<version>_all.deb from dist/ (make deb).
set -eu
repo=$(cd "$(dirname "$0")/../.." && pwd)
out=$repo/build/pkg
version=$(node -p 'require(process.argv[1]).version' "$repo/package.json")
stage=$(mktemp -d)
chmod 0755 "$stage"
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/usr/share/cockpit/kvm-manager" "$stage/usr/share/doc/cockpit-kvm-manager"
cp -r "$repo/dist/." "$stage/usr/share/cockpit/kvm-manager/"
install -D -m 0755 "$repo/build/kvmm/kvmm" "$stage/usr/bin/kvmm"
mkdir -p "$stage/usr/share/man/man1"
gzip -9n < "$repo/build/kvmm/kvmm.1" > "$stage/usr/share/man/man1/kvmm.1.gz"
install -m 0644 "$repo/README.md" "$stage/usr/share/doc/cockpit-kvm-manager/README.md"
# libvirt's network hook for port forwards: a fixed path, whatever the page's prefix.
install -D -m 0755 "$repo/pkg/host/kvm-manager-port-forwards" "$stage/etc/libvirt/hooks/network.d/kvm-manager-port-forwards"
mkdir -p "$stage/DEBIAN"
cat > "$stage/DEBIAN/control" <<CONTROL
Package: cockpit-kvm-manager
Version: $version
Architecture: all
Maintainer: KVM Manager developers <kvm-manager@localhost>
Depends: cockpit-bridge (>= 287), cockpit-ws (>= 287), libvirt-dbus, libvirt-daemon-system, libvirt-clients, nodejs (>= 18)
Recommends: qemu-system-x86, qemu-utils, osinfo-db, dnsmasq-base, xorriso, curl, openssl, swtpm, swtpm-tools, ovmf, nftables, lvm2
Section: admin
Priority: optional
Description: Cockpit page to manage KVM/QEMU virtual machines
 KVM Manager runs in Cockpit's web console and manages the host's libvirt virtual
 machines through libvirt-dbus: list and power actions, details, disks, network
 interfaces, consoles, usage graphs, a Create VM wizard, storage pools and networks,
 and a view inside guests that run the kvmm-agent. The kvmm command does the same
 operations from a shell, a script or a systemd timer.
CONTROL
mkdir -p "$out"
# gzip: dist/agent/ holds the agent's binaries, gzipped already; xz would spend minutes on them for nothing.
dpkg-deb -Zgzip --root-owner-group --build "$stage" "$out/cockpit-kvm-manager_${version}_all.deb" >&2
echo "$out/cockpit-kvm-manager_${version}_all.deb"
