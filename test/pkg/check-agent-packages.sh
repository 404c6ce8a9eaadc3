#!/bin/bash
# Builds the guest agent's .deb and .rpm (make agent-deb agent-rpm) and checks that each holds
# the agent, its systemd unit, its udev rule and its README, depends on Node.js, and that the
# packaged agent runs.
set -euo pipefail
cd "$(dirname "$0")/../.."
rm -rf build/pkg
mkdir -p test/artifacts
make -s agent-deb agent-rpm > test/artifacts/agent-packages.log 2>&1 || { cat test/artifacts/agent-packages.log; exit 1; }
failed=0
expect() {  # expect <what> <listing> <pattern>
    if grep -qE "$3" <<<"$2"; then echo "ok - $1"; else echo "not ok - $1"; failed=1; fi
}
deb=$(ls build/pkg/kvmm-agent_*_all.deb)
rpm=$(ls build/pkg/noarch/kvmm-agent-*.noarch.rpm)
for f in usr/lib/kvmm-agent/kvmm-agent.js systemd/system/kvmm-agent.service udev/rules.d/99-kvmm-agent.rules \
         doc/kvmm-agent/README.md; do
    expect "deb holds $f" "$(dpkg-deb -c "$deb")" "$f\$"
    expect "rpm holds $f" "$(rpm -qlp "$rpm" 2>/dev/null)" "$f\$"
done
expect "deb depends on nodejs >= 18" "$(dpkg-deb -f "$deb" Depends)" '^nodejs \(>= 18\)$'
expect "rpm requires nodejs >= 18" "$(rpm -qp --requires "$rpm" 2>/dev/null)" '^nodejs >= 18$'
version=$(node agent/dist/kvmm-agent.js --version)
expect "deb version is the agent's ($version)" "$(dpkg-deb -f "$deb" Version)" "^$version\$"
expect "rpm version is the agent's ($version)" "$(rpm -qp --qf '%{VERSION}' "$rpm" 2>/dev/null)" "^$version\$"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
dpkg-deb -x "$deb" "$stage"
expect "the packaged agent runs" "$(node "$stage/usr/lib/kvmm-agent/kvmm-agent.js" --version)" "^$version\$"
[ $failed = 0 ] && echo "agent packages: all checks passed"
exit $failed
