#!/bin/sh
# Installs kvmm-agent on distributions without a package: the script, the systemd unit and
# the udev rule. Needs Node.js >= 18 as /usr/bin/node (or NODE=/path/to/node).
#   sh install.sh [--uninstall]     (as root, from a directory holding kvmm-agent.js or
#                                    agent/dist/kvmm-agent.js of a built checkout)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
node=${NODE:-/usr/bin/node}
lib=/usr/lib/kvmm-agent
unit_dir=/etc/systemd/system
rules_dir=/etc/udev/rules.d

[ "$(id -u)" = 0 ] || { echo "install.sh: run as root" >&2; exit 1; }
if [ "${1:-}" = --uninstall ]; then
    command -v systemctl >/dev/null && systemctl disable --now kvmm-agent.service 2>/dev/null || true
    rm -rf "$lib" "$unit_dir/kvmm-agent.service" "$rules_dir/99-kvmm-agent.rules" /var/lib/kvmm-agent
    command -v systemctl >/dev/null && systemctl daemon-reload || true
    echo "kvmm-agent removed (its configuration /etc/kvmm-agent is kept)"
    exit 0
fi

script=
for f in "$here/kvmm-agent.js" "$here/../../agent/dist/kvmm-agent.js"; do
    [ -f "$f" ] && { script=$f; break; }
done
[ -n "$script" ] || { echo "install.sh: kvmm-agent.js not found (run 'node agent/build.js' first)" >&2; exit 1; }
[ -x "$node" ] || { echo "install.sh: $node not found: install Node.js 18 or newer, or set NODE" >&2; exit 1; }
major=$("$node" -p 'process.versions.node.split(".")[0]')
[ "$major" -ge 18 ] || { echo "install.sh: Node.js $major is too old; kvmm-agent needs 18 or newer" >&2; exit 1; }

install -d "$lib"
install -m 0755 "$script" "$lib/kvmm-agent.js"
if command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
    sed "s|/usr/bin/node|$node|" "$here/kvmm-agent.service" > "$unit_dir/kvmm-agent.service"
    install -m 0644 "$here/99-kvmm-agent.rules" "$rules_dir/99-kvmm-agent.rules"
    systemctl daemon-reload
    systemctl enable kvmm-agent.service
    udevadm control --reload 2>/dev/null || true
    udevadm trigger --subsystem-match=virtio-ports 2>/dev/null || true
    [ -e /dev/virtio-ports/org.kvmmanager.agent.0 ] && systemctl restart kvmm-agent.service
    echo "kvmm-agent installed and enabled"
else
    echo "kvmm-agent installed to $lib. Without systemd, start it at boot yourself, e.g.:"
    echo "    $node $lib/kvmm-agent.js >>/var/log/kvmm-agent.log 2>&1 &"
fi
