#!/bin/bash
# The test logins of one run (or one lane of a run): a user with a password in the sudo and
# libvirt groups, and one without libvirt access, each with this tree's dist/ as their plugin.
# Usage: test-users.sh USER NOPRIV_USER   (up.sh calls it; run-tests.js too, for its second lane)
set -euo pipefail
cd "$(dirname "$0")/../.."
user=$1
nopriv=$2
password=${KVMM_TEST_PASSWORD:-kvmtest-pass-1}

if ! id "$user" >/dev/null 2>&1; then
    useradd -m -s /bin/bash "$user"
fi
usermod -a -G sudo,libvirt "$user" 2>/dev/null || usermod -a -G wheel,libvirt "$user"
echo "$user:$password" | chpasswd

id "$nopriv" >/dev/null 2>&1 || useradd -m -s /bin/bash "$nopriv"
echo "$nopriv:$password" | chpasswd

# The plugin under test is the one in this tree's dist/, installed for the test users only
# (Cockpit prefers ~/.local/share/cockpit over the system copy), so several work trees can
# test side by side with users of their own.
[ -f dist/manifest.json ] || { echo "dist/ is not built: run make" >&2; exit 1; }
for u in "$user" "$nopriv"; do
    home=$(getent passwd "$u" | cut -d: -f6)
    install -d -o "$u" "$home/.local" "$home/.local/share" "$home/.local/share/cockpit"
    rm -rf "$home/.local/share/cockpit/kvm-manager"
    cp -r dist "$home/.local/share/cockpit/kvm-manager"
    chown -R "$u" "$home/.local/share/cockpit/kvm-manager"
done
