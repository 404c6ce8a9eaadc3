#!/bin/bash
# Makes sure D-Bus, libvirt, cockpit-ws and the history engine (history.sh) are running. Uses systemd where it is PID 1,
# starts the daemons by hand otherwise (containers, CI machines). Idempotent.
# With STARTED_FILE set, the names of the daemons this run started by hand are appended there,
# so a teardown can end only those.
set -eu

address=${COCKPIT_ADDRESS:-127.0.0.1}
port=${COCKPIT_PORT:-9090}
started() { [ -n "${STARTED_FILE:-}" ] && echo "$1" >> "$STARTED_FILE"; return 0; }
# A killed daemon can stay a zombie for a second or two where init reaps slowly: not running.
alive() { grep -q '^State:[[:space:]]*[^Z]' "/proc/$1/status" 2>/dev/null; }
running() {
    for pid in $(pgrep -x "$1"); do alive "$pid" && return 0; done
    return 1
}
# By name alone a user's session daemon (libvirtd --timeout=120, dbus-daemon --session) passes
# for the system one: go by the system daemon's pid file. A restored machine can keep /run but
# not its processes, so the pid must also run the program named ($2).
up() {
    local pid
    pid=$(cat "$1" 2>/dev/null) || return 1
    [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$2" ] && alive "$pid"
}
daemon_up() { up "/run/$1.pid" "$1"; }

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
    bash "$(dirname "$0")/history.sh"
    exit 0
fi

# Whether the daemon with pid file $1 must be started: it does not answer the command that
# follows, and what ran under that pid file has ended (a daemon killed a moment ago can take
# seconds to exit). One that runs on without answering is reported, not started twice.
needs_start() {
    local pidfile=$1 name=$2 i=0
    shift 2
    up "$pidfile" "$name" && timeout 10 "$@" >/dev/null 2>&1 && return 1
    while up "$pidfile" "$name" && [ $i -lt 50 ]; do
        i=$((i + 1))
        sleep 0.2
    done
    up "$pidfile" "$name" && { echo "$pidfile: running, but it does not answer" >&2; return 1; }
    return 0
}

if needs_start /run/dbus/pid dbus-daemon dbus-send --system --print-reply --dest=org.freedesktop.DBus / org.freedesktop.DBus.GetId; then
    mkdir -p /run/dbus
    rm -f /run/dbus/pid /run/dbus/system_bus_socket
    dbus-daemon --system --fork
    started dbus-daemon
    # libvirtd keeps its first bus connection: one from before this bus would fail every call.
    daemon_up libvirtd && kill "$(cat /run/libvirtd.pid)"
fi
if needs_start /run/virtlogd.pid virtlogd true; then
    virtlogd -d
    started virtlogd
fi
if needs_start /run/libvirtd.pid libvirtd virsh -c qemu:///system -q uri; then
    libvirtd -d
    started libvirtd
fi
# libvirt-dbus is started by the bus on its first call; wait until libvirtd answers (right after
# a crash it probes QEMU again first, which took over 10 s here).
i=0
until virsh -c qemu:///system version >/dev/null 2>&1; do
    i=$((i + 1))
    [ $i -gt 300 ] && { echo "libvirtd did not come up" >&2; exit 1; }
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
# The history engine (Prometheus and its exporters) for the Overview page and kvmm stats.
bash "$(dirname "$0")/history.sh"
