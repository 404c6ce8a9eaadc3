#!/bin/bash
# A second host for tests of Cockpit's host switcher: an sshd of our own on 127.0.0.2:22220,
# known to cockpit-ws (machines.d entry, host key in the system known_hosts), so that
# /@127.0.0.2 pages reach this same machine through cockpit-ssh and a bridge started by sshd,
# exactly as a remote host would. Idempotent; its pid file is listed for down.sh.
set -eu

address=127.0.0.2
port=22220
pidfile=/run/kvmm-test-sshd.pid

if ! { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }; then
    mkdir -p /run/sshd
    ssh-keygen -A >/dev/null
    /usr/sbin/sshd -o "ListenAddress=$address:$port" -o PasswordAuthentication=yes -o "PidFile=$pidfile"
    [ -n "${STARTED_FILE:-}" ] && echo "$pidfile" >> "$STARTED_FILE"
    i=0
    until (exec 3<>"/dev/tcp/$address/$port") 2>/dev/null; do
        i=$((i + 1))
        [ $i -gt 50 ] && { echo "the test sshd did not come up" >&2; exit 1; }
        sleep 0.1
    done
fi

# Cockpit refuses hosts it does not know and asks about unknown host keys.
known=/etc/ssh/ssh_known_hosts
touch "$known"
grep -v "^\[$address\]:$port " "$known" > "$known.new" || true
ssh-keyscan -p "$port" "$address" 2>/dev/null >> "$known.new"
mv "$known.new" "$known"
mkdir -p /etc/cockpit/machines.d
printf '{"%s": {"visible": true, "address": "%s", "port": %d}}\n' "$address" "$address" "$port" \
    > /etc/cockpit/machines.d/90-kvm-manager-test.json
