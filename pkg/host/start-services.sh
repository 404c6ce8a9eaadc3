#!/bin/bash
# Makes sure D-Bus, libvirt and cockpit-ws are running. Uses systemd where it is PID 1,
# starts the daemons by hand otherwise (containers, CI machines). Idempotent.
# With STARTED_FILE set, the names of the daemons this run started by hand are appended there,
# so a teardown can end only those.
set -eu

address=${COCKPIT_ADDRESS:-127.0.0.1}
port=${COCKPIT_PORT:-9090}
started() { [ -n "${STARTED_FILE:-}" ] && echo "$1" >> "$STARTED_FILE"; return 0; }
running() { pgrep -x "$1" >/dev/null 2>&1; }

# QEMU runs as an unprivileged user: let the kvm group use /dev/kvm where it is root-only.
if [ -e /dev/kvm ] && getent group kvm >/dev/null; then
    chgrp kvm /dev/kvm && chmod 0660 /dev/kvm || true
fi

# libvirt runs swtpm as "tss" once that user exists (swtpm-tools makes it); certificates a run
# as root left in swtpm's local CA would then make every emulated TPM fail to start.
if id tss >/dev/null 2>&1 && [ -d /var/lib/swtpm-localca ]; then
    chown -R tss /var/lib/swtpm-localca
fi

if [ "$(cat /proc/1/comm 2>/dev/null)" = systemd ]; then
    systemctl start dbus.service libvirtd.service
    systemctl is-active --quiet virtlogd.socket || systemctl start virtlogd.service
    systemctl start cockpit.socket
    exit 0
fi

if ! [ -S /run/dbus/system_bus_socket ] || ! running dbus-daemon; then
    mkdir -p /run/dbus
    rm -f /run/dbus/pid /run/dbus/system_bus_socket
    dbus-daemon --system --fork
    started dbus-daemon
fi
if ! running virtlogd; then
    virtlogd -d
    started virtlogd
fi
if ! running libvirtd; then
    libvirtd -d
    started libvirtd
fi
# libvirt-dbus is started by the bus on its first call; wait until libvirtd answers.
i=0
until virsh -c qemu:///system version >/dev/null 2>&1; do
    i=$((i + 1))
    [ $i -gt 50 ] && { echo "libvirtd did not come up" >&2; exit 1; }
    sleep 0.2
done
if ! running cockpit-ws; then
    # cockpit-ws logs to the journal or stderr; keep its output for debugging.
    mkdir -p /var/log/kvm-manager
    nohup /usr/lib/cockpit/cockpit-ws --no-tls --address "$address" --port "$port" \
        >> /var/log/kvm-manager/cockpit-ws.log 2>&1 &
    started cockpit-ws
    i=0
    until (exec 3<>"/dev/tcp/$address/$port") 2>/dev/null; do
        i=$((i + 1))
        [ $i -gt 50 ] && { echo "cockpit-ws did not come up" >&2; exit 1; }
        sleep 0.2
    done
fi
