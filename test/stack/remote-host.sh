#!/bin/bash
# A second host for tests of Cockpit's host switcher: an sshd of our own on 127.0.0.2:22220,
# known to cockpit-ws (machines.d entry, host key in the system known_hosts), so that
# /@127.0.0.2 pages reach this same machine through cockpit-ssh and a bridge started by sshd,
# exactly as a remote host would. Idempotent; its pid file is listed for down.sh.
set -eu
. "$(dirname "$0")/lib.sh"

address=127.0.0.2
port=22220
pidfile=/run/kvmm-test-sshd.pid

if ! alive "$pidfile" sshd; then
    mkdir -p /run/sshd
    ssh-keygen -A >/dev/null
    /usr/sbin/sshd -o "ListenAddress=$address:$port" -o PasswordAuthentication=yes -o "PidFile=$pidfile"
    [ -n "${STARTED_FILE:-}" ] && echo "$pidfile" >> "$STARTED_FILE"
    wait_for_port "$address" "$port" "the test sshd"
fi

# Cockpit refuses hosts it does not know and asks about unknown host keys.
known=/etc/ssh/ssh_known_hosts
keys=$(ssh-keyscan -p "$port" "$address" 2>/dev/null || true)
[ -n "$keys" ] || { echo "the test sshd did not tell its host keys" >&2; exit 1; }
# Rewritten only when they changed: other test runs may be logging in to this host right now.
if [ "$(grep "^\[$address\]:$port " "$known" 2>/dev/null | sort)" != "$(sort <<<"$keys")" ]; then
    { grep -v "^\[$address\]:$port " "$known" 2>/dev/null || true; echo "$keys"; } > "$known.new"
    mv "$known.new" "$known"
fi
machine=$(printf '{"%s": {"visible": true, "address": "%s", "port": %d}}' "$address" "$address" "$port")
machines=/etc/cockpit/machines.d/90-kvm-manager-test.json
if [ "$(cat "$machines" 2>/dev/null)" != "$machine" ]; then
    mkdir -p /etc/cockpit/machines.d
    echo "$machine" > "$machines.new" && mv "$machines.new" "$machines"
fi
