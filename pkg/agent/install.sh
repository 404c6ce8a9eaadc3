#!/bin/sh
# Installs kvmm-agent on distributions without a package: the binary, the systemd unit and the
# udev rule. The binary carries its own runtime: it needs glibc >= 2.28, no Node.js.
#   sh install.sh [--uninstall]     (as root, from the unpacked kvmm-agent-<arch>.tar.gz, or
#                                    from pkg/agent/ of a checkout after make agent-bin)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
bin=/usr/local/bin/kvmm-agent
unit_dir=/etc/systemd/system
rules_dir=/etc/udev/rules.d

[ "$(id -u)" = 0 ] || { echo "install.sh: run as root" >&2; exit 1; }
if [ "${1:-}" = --uninstall ]; then
    command -v systemctl >/dev/null && systemctl disable --now kvmm-agent.service 2>/dev/null || true
    # /usr/lib/kvmm-agent: where the agent lived while it was a Node.js script.
    rm -rf "$bin" /usr/lib/kvmm-agent "$unit_dir/kvmm-agent.service" "$rules_dir/99-kvmm-agent.rules" /var/lib/kvmm-agent
    command -v systemctl >/dev/null && systemctl daemon-reload || true
    echo "kvmm-agent removed (its configuration /etc/kvmm-agent is kept)"
    exit 0
fi

new=
for f in "$here/kvmm-agent" "$here/../../agent/dist/kvmm-agent-$(uname -m)"; do
    [ -f "$f" ] && { new=$f; break; }
done
[ -n "$new" ] || { echo "install.sh: the kvmm-agent binary is not beside install.sh (in a checkout: make agent-bin)" >&2; exit 1; }
# A binary of another architecture, or a glibc older than 2.28, fails here rather than at boot.
if ! out=$("$new" --version 2>&1); then
    echo "install.sh: $new does not run on this $(uname -m) system: $out" >&2
    exit 1
fi

# Beside the old binary, then renamed over it: a running agent keeps its file until it restarts.
install -D -m 0755 "$new" "$bin.new"
mv -f "$bin.new" "$bin"
rm -rf /usr/lib/kvmm-agent
if command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
    sed "s|/usr/bin/kvmm-agent|$bin|" "$here/kvmm-agent.service" > "$unit_dir/kvmm-agent.service"
    install -m 0644 "$here/99-kvmm-agent.rules" "$rules_dir/99-kvmm-agent.rules"
    systemctl daemon-reload
    systemctl enable kvmm-agent.service
    udevadm control --reload 2>/dev/null || true
    udevadm trigger --subsystem-match=virtio-ports 2>/dev/null || true
    [ -e /dev/virtio-ports/org.kvmmanager.agent.0 ] && systemctl restart kvmm-agent.service
    echo "kvmm-agent $out installed and enabled"
else
    echo "kvmm-agent $out installed as $bin. Without systemd, start it at boot yourself, e.g.:"
    echo "    $bin >>/var/log/kvmm-agent.log 2>&1 &"
fi
