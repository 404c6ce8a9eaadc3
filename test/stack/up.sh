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

# The real logins: a user with a password in the sudo and libvirt groups, and one without
# libvirt access, to test what such a user is told.
bash test/stack/test-users.sh "${KVMM_TEST_USER:-kvmtest}" "${KVMM_TEST_NOPRIV_USER:-kvmtest-nopriv}"

# A second host reached over SSH, for the host switcher tests.
bash test/stack/remote-host.sh

# A second libvirt host (network namespace kvmm-dest, 10.231.0.2) to migrate VMs to.
bash test/stack/second-host.sh

# Test guests boot a kernel and initramfs built from Debian packages.
if [ -x test/guest/build-image.sh ]; then
    bash test/guest/build-image.sh
fi
