#!/bin/sh
# Builds build/pkg/kvmm-agent_<version>_<amd64|arm64>.deb from agent/dist/kvmm-agent-<arch>
# (make agent-deb builds both).
#   sh pkg/agent/build-deb.sh <x86_64|aarch64>
set -eu
repo=$(cd "$(dirname "$0")/../.." && pwd)
out=$repo/build/pkg
arch=$1
case $arch in
    x86_64) deb_arch=amd64 ;;
    aarch64) deb_arch=arm64 ;;
    *) echo "build-deb.sh: no agent for $arch" >&2; exit 1 ;;
esac
version=$(node "$repo/agent/dist/kvmm-agent.js" --version 2>/dev/null)
stage=$(mktemp -d)
chmod 0755 "$stage"
trap 'rm -rf "$stage"' EXIT
install -D -m 0755 "$repo/agent/dist/kvmm-agent-$arch" "$stage/usr/bin/kvmm-agent"
install -D -m 0644 "$repo/pkg/agent/kvmm-agent.service" "$stage/lib/systemd/system/kvmm-agent.service"
install -D -m 0644 "$repo/pkg/agent/99-kvmm-agent.rules" "$stage/lib/udev/rules.d/99-kvmm-agent.rules"
install -D -m 0644 "$repo/agent/README.md" "$stage/usr/share/doc/kvmm-agent/README.md"
mkdir -p "$stage/DEBIAN"
cat > "$stage/DEBIAN/control" <<CONTROL
Package: kvmm-agent
Version: $version
Architecture: $deb_arch
Maintainer: KVM Manager developers <kvm-manager@localhost>
Depends: libc6 (>= 2.28), libstdc++6, libgcc-s1 | libgcc1
Section: admin
Priority: optional
Description: KVM Manager guest agent
 Runs inside a virtual machine and answers the KVM Manager Cockpit plugin on the host
 over the org.kvmmanager.agent.0 virtio-serial port: guest details, commands, file
 transfer, graceful shutdown. Configuration: /etc/kvmm-agent/config.json.
CONTROL
cat > "$stage/DEBIAN/postinst" <<'POSTINST'
#!/bin/sh
set -e
if [ -d /run/systemd/system ]; then
    systemctl daemon-reload
    systemctl enable kvmm-agent.service >/dev/null 2>&1 || true
    udevadm control --reload >/dev/null 2>&1 || true
    udevadm trigger --subsystem-match=virtio-ports >/dev/null 2>&1 || true
    if [ -e /dev/virtio-ports/org.kvmmanager.agent.0 ]; then systemctl restart kvmm-agent.service || true; fi
fi
POSTINST
cat > "$stage/DEBIAN/prerm" <<'PRERM'
#!/bin/sh
set -e
if [ -d /run/systemd/system ] && [ "$1" = remove ]; then
    systemctl disable --now kvmm-agent.service >/dev/null 2>&1 || true
fi
PRERM
chmod 0755 "$stage/DEBIAN/postinst" "$stage/DEBIAN/prerm"
mkdir -p "$out"
# gzip: xz takes a minute of CPU per binary for a package a quarter smaller.
dpkg-deb -Zgzip --root-owner-group --build "$stage" "$out/kvmm-agent_${version}_${deb_arch}.deb" >&2
echo "$out/kvmm-agent_${version}_${deb_arch}.deb"
