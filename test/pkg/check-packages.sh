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
plugin_version=$(node -p 'require("./package.json").version')
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
expect "plugin deb version ($plugin_version)" "$(dpkg-deb -f "$deb" Version)" "^$plugin_version\$"
expect "plugin rpm version ($plugin_version)" "$(rpm -qp --qf '%{VERSION}' "$rpm" 2>/dev/null)" "^$plugin_version\$"

# The guest agent, per architecture: the binary, systemd unit, udev rule, README; no Node.js
# needed; glibc 2.28 is enough. Its version is its own (agent.update compares them).
version=$(node agent/dist/kvmm-agent.js --version)
for arch in x86_64 aarch64; do
    case $arch in x86_64) deb_arch=amd64 ;; aarch64) deb_arch=arm64 ;; esac
    deb=build/pkg/kvmm-agent_${version}_$deb_arch.deb
    rpm=build/pkg/$arch/kvmm-agent-$version-1.$arch.rpm
    deb_files=$(dpkg-deb -c "$deb")
    rpm_files=$(rpm -qlp "$rpm" 2>/dev/null)
    for f in usr/bin/kvmm-agent systemd/system/kvmm-agent.service udev/rules.d/99-kvmm-agent.rules doc/kvmm-agent/README.md; do
        expect "agent $arch deb holds $f" "$deb_files" "$f\$"
        expect "agent $arch rpm holds $f" "$rpm_files" "$f\$"
    done
    deb_depends=$(dpkg-deb -f "$deb" Depends)
    rpm_requires=$(rpm -qp --requires "$rpm" 2>/dev/null)
    expect "agent $arch deb does not depend on nodejs" "$(grep -c nodejs <<<"$deb_depends" || true)" '^0$'
    expect "agent $arch rpm does not require nodejs" "$(grep -c nodejs <<<"$rpm_requires" || true)" '^0$'
    expect "agent $arch deb depends on glibc 2.28" "$deb_depends" 'libc6 \(>= 2\.28\)'
    # rpmbuild reads the ELF's needs itself.
    expect "agent $arch rpm requires glibc 2.28" "$rpm_requires" '^libc\.so\.6\(GLIBC_2\.28\)\(64bit\)$'
    expect "agent $arch deb is for $deb_arch" "$(dpkg-deb -f "$deb" Architecture)" "^$deb_arch\$"
    expect "agent $arch rpm is for $arch" "$(rpm -qp --qf '%{ARCH}' "$rpm" 2>/dev/null)" "^$arch\$"
    expect "agent $arch deb version ($version)" "$(dpkg-deb -f "$deb" Version)" "^$version\$"
    expect "agent $arch rpm version ($version)" "$(rpm -qp --qf '%{VERSION}' "$rpm" 2>/dev/null)" "^$version\$"
    expect "the $arch unit runs the binary" "$(dpkg-deb --fsys-tarfile "$deb" | tar -xOf - ./lib/systemd/system/kvmm-agent.service)" \
        '^ExecStart=/usr/bin/kvmm-agent$'
    arch_stage=$(mktemp -d)
    dpkg-deb -x "$deb" "$arch_stage"
    # The packaged binary is the built one, with its blob (packaging must not strip it) and
    # needing no glibc newer than 2.28.
    expect "agent $arch deb carries this build's binary" "$(cmp "$arch_stage/usr/bin/kvmm-agent" "agent/dist/kvmm-agent-$arch" && echo same)" '^same$'
    bash test/pkg/check-glibc.sh "$arch_stage/usr/bin/kvmm-agent" || failed=1
    rm -rf "$arch_stage"
    expect "agent $arch rpm carries this build's binary" "$(rpm -qp --qf '[%{FILENAMES} %{FILEDIGESTS}\n]' "$rpm" 2>/dev/null)" \
        "^/usr/bin/kvmm-agent $(sha256sum < "agent/dist/kvmm-agent-$arch" | cut -d' ' -f1)\$"
    # What the Guest tab offers: the same binary with its installer.
    tar_files=$(tar -tzf "dist/agent/kvmm-agent-$arch.tar.gz")
    for f in kvmm-agent install.sh kvmm-agent.service 99-kvmm-agent.rules README.md; do
        expect "the plugin's $arch tar holds $f" "$tar_files" "^kvmm-agent/$f\$"
    done
    expect "the plugin's $arch tar carries this build's binary" \
        "$(tar -xzOf "dist/agent/kvmm-agent-$arch.tar.gz" kvmm-agent/kvmm-agent | cmp - "agent/dist/kvmm-agent-$arch" && echo same)" '^same$'
    expect "install.sh does not call node" "$(tar -xzOf "dist/agent/kvmm-agent-$arch.tar.gz" kvmm-agent/install.sh | grep -cw node || true)" '^0$'
done
deb=build/pkg/kvmm-agent_${version}_amd64.deb
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
dpkg-deb -x "$deb" "$stage"
plugin_stage=$(mktemp -d)
dpkg-deb -x "$(deb_of cockpit-kvm-manager)" "$plugin_stage"
# Out of the tree, as on a host: no package.json says what kind of module it is.
expect "the packaged kvmm runs" "$("$plugin_stage/usr/bin/kvmm" --version)" "^kvmm $plugin_version\$"
expect "the packaged man page is roff" "$(zcat "$plugin_stage/usr/share/man/man1/kvmm.1.gz" | head -1)" '^\.TH KVMM 1'
# PatternFly once: a lazily loaded tab's stylesheet must not repeat index.css.
node test/pkg/stylesheets.js "$plugin_stage/usr/share/cockpit/kvm-manager" || failed=1
rm -rf "$plugin_stage"
# Straight, as on a guest without Node.js: the binary needs nothing from the host but glibc.
expect "the packaged agent runs" "$(env -i "$stage/usr/bin/kvmm-agent" --version)" "^$version\$"
echo '{}' > "$stage/config.json"
sleep 5 | env -i "$stage/usr/bin/kvmm-agent" --stdio --config "$stage/config.json" 2>/dev/null &
agent_pid=$!
sleep 1
# ps and service checks find it by name (as an executable Node would show its own path).
expect "the packaged agent's process is named kvmm-agent" "$(ps -o comm= -p "$agent_pid")" '^kvmm-agent$'
kill "$agent_pid" 2>/dev/null || true
wait "$agent_pid" 2>/dev/null || true
bash test/pkg/check-glibc.sh agent/dist/kvmm-agent-x86_64 agent/dist/kvmm-agent-aarch64 || failed=1

[ $failed = 0 ] && echo "packages: all checks passed"
exit $failed
