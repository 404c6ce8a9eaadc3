#!/bin/sh
# Builds build/pkg/kvmm-agent_<version>_all.deb from agent/dist/kvmm-agent.js (make agent-deb).
set -eu
repo=$(cd "$(dirname "$0")/../.." && pwd)
out=$repo/build/pkg
version=$(node "$repo/agent/dist/kvmm-agent.js" --version 2>/dev/null)
stage=$(mktemp -d)
chmod 0755 "$stage"
trap 'rm -rf "$stage"' EXIT
install -D -m 0755 "$repo/agent/dist/kvmm-agent.js" "$stage/usr/lib/kvmm-agent/kvmm-agent.js"
install -D -m 0644 "$repo/pkg/agent/kvmm-agent.service" "$stage/lib/systemd/system/kvmm-agent.service"
install -D -m 0644 "$repo/pkg/agent/99-kvmm-agent.rules" "$stage/lib/udev/rules.d/99-kvmm-agent.rules"
install -D -m 0644 "$repo/agent/README.md" "$stage/usr/share/doc/kvmm-agent/README.md"
mkdir -p "$stage/DEBIAN"
cat > "$stage/DEBIAN/control" <<CONTROL
Package: kvmm-agent
Version: $version
Architecture: all
Maintainer: KVM Manager developers <kvm-manager@localhost>
Depends: nodejs (>= 18)
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
dpkg-deb --root-owner-group --build "$stage" "$out/kvmm-agent_${version}_all.deb" >&2
echo "$out/kvmm-agent_${version}_all.deb"
