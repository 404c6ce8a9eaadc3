#!/bin/bash
# Ends the session daemons that the test users' logins left behind. Without systemd nothing ends
# a user's session bus when the Cockpit bridge exits: each login leaves a `dbus-daemon --session`,
# and the page's session connection a `libvirt-dbus --session` (and a session libvirtd until its
# idle timeout). Run between browser test files, when none of these users is logged in.
# Usage: end-sessions.sh USER...
set -u
for user in "$@"; do
    id "$user" >/dev/null 2>&1 || continue
    # A closed browser's bridge takes a moment to exit; a user still logged in keeps theirs.
    for _ in $(seq 10); do
        pgrep -u "$user" -x cockpit-bridge >/dev/null || break
        sleep 0.5
    done
    pgrep -u "$user" -x cockpit-bridge >/dev/null && continue
    pkill -u "$user" -f '^/usr/(s?bin|libexec)/libvirt-dbus --session' 2>/dev/null
    pkill -u "$user" -x libvirtd 2>/dev/null
    pkill -u "$user" -x ssh-agent 2>/dev/null
    pkill -u "$user" -f '^dbus-daemon .*--session|^/usr/bin/dbus-daemon .*--session' 2>/dev/null
done
exit 0
