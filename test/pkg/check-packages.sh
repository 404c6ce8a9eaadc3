#!/bin/bash
# Builds the plugin's and the guest agent's .deb and .rpm (make deb rpm agent-deb agent-rpm) and
# checks what each holds and needs, and that the packaged agent runs.
set -euo pipefail
cd "$(dirname "$0")/../.."
rm -rf build/pkg
mkdir -p test/artifacts
make -s deb rpm agent-deb agent-rpm > test/artifacts/packages.log 2>&1 || { cat test/artifacts/packages.log; exit 1; }
failed=0
expect() {  # expect <what> <text> <pattern>
    if grep -qE "$3" <<<"$2"; then echo "ok - $1"; else echo "not ok - $1"; failed=1; fi
}
# shellcheck disable=SC2012
deb_of() { ls build/pkg/"$1"_*_all.deb; }
# shellcheck disable=SC2012
rpm_of() { ls build/pkg/noarch/"$1"-*.noarch.rpm; }

# The plugin: every file of dist/ under Cockpit's package folder, and the stack it talks to.
deb=$(deb_of cockpit-kvm-manager)
rpm=$(rpm_of cockpit-kvm-manager)
version=$(node -p 'require("./package.json").version')
deb_files=$(dpkg-deb -c "$deb")
rpm_files=$(rpm -qlp "$rpm" 2>/dev/null)
while read -r f; do
    expect "plugin deb holds $f" "$deb_files" "usr/share/cockpit/kvm-manager/$f\$"
    expect "plugin rpm holds $f" "$rpm_files" "usr/share/cockpit/kvm-manager/$f\$"
done < <(cd dist && find . -type f | sed 's|^\./||')
expect "plugin deb holds kvmm" "$deb_files" 'usr/bin/kvmm$'
expect "plugin rpm holds kvmm" "$rpm_files" '/usr/bin/kvmm$'
expect "plugin deb holds kvmm's man page" "$deb_files" 'usr/share/man/man1/kvmm.1.gz$'
expect "plugin rpm holds kvmm's man page" "$rpm_files" '/man1/kvmm.1'
expect "plugin deb holds the port forward hook" "$deb_files" 'etc/libvirt/hooks/network.d/kvm-manager-port-forwards$'
expect "plugin rpm holds the port forward hook" "$rpm_files" '^/etc/libvirt/hooks/network.d/kvm-manager-port-forwards$'
expect "plugin deb depends on nodejs >= 18 (kvmm)" "$(dpkg-deb -f "$deb" Depends)" 'nodejs \(>= 18\)'
expect "plugin deb depends on cockpit and libvirt-dbus" "$(dpkg-deb -f "$deb" Depends)" 'cockpit-bridge \(>= 287\).*libvirt-dbus'
expect "plugin rpm requires libvirt-dbus" "$(rpm -qp --requires "$rpm" 2>/dev/null)" '^libvirt-dbus$'
expect "plugin deb version ($version)" "$(dpkg-deb -f "$deb" Version)" "^$version\$"
expect "plugin rpm version ($version)" "$(rpm -qp --qf '%{VERSION}' "$rpm" 2>/dev/null)" "^$version\$"

# The guest agent: script, systemd unit, udev rule, README; Node.js; the packaged script runs.
deb=$(deb_of kvmm-agent)
rpm=$(rpm_of kvmm-agent)
version=$(node agent/dist/kvmm-agent.js --version)
for f in usr/lib/kvmm-agent/kvmm-agent.js systemd/system/kvmm-agent.service udev/rules.d/99-kvmm-agent.rules \
         doc/kvmm-agent/README.md; do
    expect "agent deb holds $f" "$(dpkg-deb -c "$deb")" "$f\$"
    expect "agent rpm holds $f" "$(rpm -qlp "$rpm" 2>/dev/null)" "$f\$"
done
expect "agent deb depends on nodejs >= 18" "$(dpkg-deb -f "$deb" Depends)" '^nodejs \(>= 18\)$'
expect "agent rpm requires nodejs >= 18" "$(rpm -qp --requires "$rpm" 2>/dev/null)" '^nodejs >= 18$'
expect "agent deb version ($version)" "$(dpkg-deb -f "$deb" Version)" "^$version\$"
expect "agent rpm version ($version)" "$(rpm -qp --qf '%{VERSION}' "$rpm" 2>/dev/null)" "^$version\$"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
dpkg-deb -x "$deb" "$stage"
plugin_stage=$(mktemp -d)
dpkg-deb -x "$(deb_of cockpit-kvm-manager)" "$plugin_stage"
# Out of the tree, as on a host: no package.json says what kind of module it is.
expect "the packaged kvmm runs" "$("$plugin_stage/usr/bin/kvmm" --version)" "^kvmm $version\$"
expect "the packaged man page is roff" "$(zcat "$plugin_stage/usr/share/man/man1/kvmm.1.gz" | head -1)" '^\.TH KVMM 1'
# PatternFly once: a lazily loaded tab's stylesheet must not repeat index.css.
node test/pkg/stylesheets.js "$plugin_stage/usr/share/cockpit/kvm-manager" || failed=1
rm -rf "$plugin_stage"
expect "the packaged agent runs" "$(node "$stage/usr/lib/kvmm-agent/kvmm-agent.js" --version)" "^$version\$"

[ $failed = 0 ] && echo "packages: all checks passed"
exit $failed
