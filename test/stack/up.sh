#!/bin/bash
# Brings up the real stack for browser tests, idempotently: system packages, D-Bus, libvirt,
# libvirt-dbus (bus-activated), cockpit-ws on 127.0.0.1:9090, the test user, the plugin as
# built in dist/, and the test guest image. Daemons this script started are listed in
# test/artifacts/stack-started so that down.sh ends only those.
set -euo pipefail
cd "$(dirname "$0")/../.."

mkdir -p test/artifacts
export STARTED_FILE=$PWD/test/artifacts/stack-started
touch "$STARTED_FILE"

bash pkg/host/install-deps.sh --test
# Prometheus scrapes every 5 s here, so history tests wait for few samples (kept in history.conf).
KVMM_HISTORY_SCRAPE_INTERVAL=${KVMM_HISTORY_SCRAPE_INTERVAL:-5s} bash pkg/host/start-services.sh

# A real login: a local user with a password, in the sudo and libvirt groups.
user=${KVMM_TEST_USER:-kvmtest}
password=${KVMM_TEST_PASSWORD:-kvmtest-pass-1}
if ! id "$user" >/dev/null 2>&1; then
    useradd -m -s /bin/bash "$user"
fi
usermod -a -G sudo,libvirt "$user" 2>/dev/null || usermod -a -G wheel,libvirt "$user"
echo "$user:$password" | chpasswd

# A user without libvirt access, to test what such a user is told.
nopriv=${KVMM_TEST_NOPRIV_USER:-kvmtest-nopriv}
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

# A second host reached over SSH, for the host switcher tests.
bash test/stack/remote-host.sh

# A second libvirt host (network namespace kvmm-dest, 10.231.0.2) to migrate VMs to.
bash test/stack/second-host.sh

# Test guests boot a kernel and initramfs built from Debian packages.
if [ -x test/guest/build-image.sh ]; then
    bash test/guest/build-image.sh
fi
