#!/bin/bash
# Ends the session daemons that the test users' logins left behind. Without systemd nothing ends
# a user's session bus when the Cockpit bridge exits: each login leaves a `dbus-daemon --session`,
# and the page's session connection a `libvirt-dbus --session` (and a session libvirtd until its
# idle timeout). Run between browser test files.
# Usage: end-sessions.sh USER...
set -u
for user in "$@"; do
    id "$user" >/dev/null 2>&1 || continue
    # A closed browser's bridge takes a moment to exit.
    for _ in $(seq 10); do
        pgrep -u "$user" -x cockpit-bridge >/dev/null || break
        sleep 0.5
    done
    # A session bus whose bridge has gone is PID 1's child: end it even while another bridge of
    # this user lives on (its libvirt-dbus ends with its bus, and the session libvirtd 120 s later).
    ps -o pid=,ppid=,args= -u "$user" | awk '$2 == 1 && $3 ~ /dbus-daemon$/ && / --session/ { print $1 }' | xargs -r kill 2>/dev/null
    # With no bridge left, nothing of a session is in use.
    pgrep -u "$user" -x cockpit-bridge >/dev/null && continue
    pkill -u "$user" -f '^/usr/(s?bin|libexec)/libvirt-dbus --session' 2>/dev/null
    pkill -u "$user" -x libvirtd 2>/dev/null
    pkill -u "$user" -x ssh-agent 2>/dev/null
done
exit 0
