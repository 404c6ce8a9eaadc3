#!/bin/bash
# Builds the test guest WITH kvmm-agent, as a guest that installed our package has it: the
# agent's single executable and no Node.js. The binary (agent/dist/kvmm-agent-x86_64, ~125 MB)
# goes on a small read-only ext2 disk image, agent-disk.img beside the kernel, which the VM gets
# as an extra virtio disk (serial "kvmm-agent"): in the initramfs it would cost its size in the
# guest's RAM. The overlay holds what a distribution would have (glibc, libstdc++, libgcc_s from
# Debian's packages: the libraries ldd says the binary needs, dynamic loader included), test
# configs and /opt/kvmm-agent/start.sh; build-image.sh builds the image with it into its own
# cache, so the plain image other tests use stays as it is. Prints the image cache directory.
#
# Environment:
#   KVMM_AGENT_OVERLAY  overlay directory [/var/cache/kvm-manager-test/agent-bin-overlay]
#   KVMM_GUEST_CACHE    image directory   [/var/cache/kvm-manager-test/guest-agent-bin]
#   KVMM_GUEST_REBUILD=1  rebuild the overlay, the agent disk and the image
# Options: --overlay-only  build the overlay, print its directory, build no image.
#
# Boot it with the agent disk (target vdz, serial kvmm-agent, read-only), and
# "rootfstype=ramfs" on the kernel command line as the other images. In the guest, start.sh
# finds the disk by its serial, mounts it on /opt/kvmm-agent/bin and picks the config by the
# kernel command line:
#   kvmm.agent=default  allowedDirectories /tmp and /root, exec and file writes on
#   kvmm.agent=noexec   the same with allowExec false
#   kvmm.agent=off      no agent
set -euo pipefail
umask 022

script=$(readlink -f "${BASH_SOURCE[0]}")
repo=$(cd "$(dirname "$script")/../.." && pwd)
overlay=${KVMM_AGENT_OVERLAY:-/var/cache/kvm-manager-test/agent-bin-overlay}
cache=${KVMM_GUEST_CACHE:-/var/cache/kvm-manager-test/guest-agent-bin}
agent_bin=$repo/agent/dist/kvmm-agent-x86_64
# The libraries of the official Node.js binary (readelf -d: NEEDED), as Debian packages them.
libs="libc6 libstdc++6 libgcc-s1"

log() { echo "build-agent-overlay: $*" >&2; }
die() { log "error: $*"; exit 1; }

[ -s "$agent_bin" ] || (cd "$repo" && make -s agent-bin >&2) || die "could not build $agent_bin"
# shellcheck disable=SC2086
versions=$(apt-cache policy $libs | awk '/^[^ ]/ { p = $1 } /Candidate:/ { print p $2 }')
case $versions in *"(none)"*|"") [ "$(id -u)" = 0 ] && apt-get update -q >&2
    # shellcheck disable=SC2086
    versions=$(apt-cache policy $libs | awk '/^[^ ]/ { p = $1 } /Candidate:/ { print p $2 }') ;; esac

want=$( { sha256sum < "$script"; echo "$versions"; } | sha256sum | cut -d' ' -f1)
mkdir -p "$overlay"
exec 8> "$overlay.lock"
flock 8
if [ "${KVMM_GUEST_REBUILD:-0}" = 1 ] || [ "$(cat "$overlay.hash" 2>/dev/null)" != "$want" ]; then
    rm -rf "${overlay}".build.*  # left by killed or failed runs; we hold the lock
    work=$(mktemp -d "${overlay}.build.XXXXXX")
    trap 'rm -rf "$work"' EXIT
    trap 'exit 1' INT TERM HUP
    mkdir "$work/debs" "$work/x" "$work/root"
    log "downloading $libs"
    # shellcheck disable=SC2086
    (cd "$work/debs" && apt-get -q -o APT::Sandbox::User=root download $libs >&2)
    for deb in "$work"/debs/*.deb; do dpkg-deb -x "$deb" "$work/x"; done

    x=$work/x
    r=$work/root
    mkdir -p "$r/opt/kvmm-agent/bin" "$r/etc/kvmm-agent" "$r/lib64"
    libpath="$x/lib/x86_64-linux-gnu:$x/usr/lib/x86_64-linux-gnu"
    grep -q "not found" < <(LD_LIBRARY_PATH=$libpath ldd "$agent_bin") && die "the agent needs a library $libs do not hold"
    # Each library the binary needs, where the packages put it.
    while read -r lib; do
        case $lib in
            "$x"/*) dest=${lib#"$x"} ;;
            *) continue ;;
        esac
        mkdir -p "$r$(dirname "$dest")"
        cp -L "$lib" "$r$dest"
    done < <(LD_LIBRARY_PATH=$libpath ldd "$agent_bin" | awk '/=>/ { print $3 }')
    # The dynamic loader where the binary asks for it.
    cp -L "$x/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2" "$r/lib64/ld-linux-x86-64.so.2"
    printf '%s\n' "$versions" > "$r/opt/kvmm-agent/versions"

    printf '%s\n' 'ID=kvmm-guest' 'NAME="KVM Manager test guest"' 'VERSION_ID=1' \
        'PRETTY_NAME="KVM Manager test guest 1"' > "$r/etc/os-release"
    cat > "$r/etc/kvmm-agent/config.json" <<'EOF'
{
    "allowedDirectories": ["/tmp", "/root"],
    "allowExec": true,
    "powerDelayMs": 300
}
EOF
    cat > "$r/etc/kvmm-agent/config-noexec.json" <<'EOF'
{
    "allowedDirectories": ["/tmp", "/root"],
    "allowExec": false,
    "powerDelayMs": 300
}
EOF
    cat > "$r/opt/kvmm-agent/start.sh" <<'EOF'
#!/bin/sh
# Started in the background by the test guest's /init (and again by tests that killed the
# agent). kvmm.agent=<config> on the kernel command line picks
# /etc/kvmm-agent/config-<config>.json ("off": no agent). The binary is on the read-only disk
# with serial kvmm-agent.
config=/etc/kvmm-agent/config.json
for arg in $(cat /proc/cmdline); do
    case $arg in
        kvmm.agent=off) exit 0 ;;
        kvmm.agent=default) ;;
        kvmm.agent=*) config=/etc/kvmm-agent/config-${arg#kvmm.agent=}.json ;;
    esac
done
dir=/opt/kvmm-agent/bin
if ! grep -q " $dir " /proc/mounts; then
    # The kernel names disks in the order it finds them, not by libvirt's target: the serial tells.
    dev=
    i=0
    while [ -z "$dev" ] && [ $i -lt 50 ]; do
        for s in /sys/block/vd*/serial; do
            [ "$(cat "$s" 2>/dev/null)" = kvmm-agent ] && { dev=${s%/serial}; dev=/dev/${dev##*/}; }
        done
        [ -n "$dev" ] || { sleep 0.1; i=$((i + 1)); }
    done
    [ -n "$dev" ] || { echo "kvmm-agent: no disk with serial kvmm-agent"; exit 1; }
    mount -t ext2 -o ro "$dev" "$dir" || exit 1
fi
export HOME=/root PATH=/sbin:/usr/sbin:/bin:/usr/bin
echo "kvmm-agent: starting with $config"
exec "$dir/kvmm-agent" --config "$config"
EOF
    chmod 0755 "$r/opt/kvmm-agent/start.sh"
    # Check: the tree alone runs the agent (chroot: no library from the host is used).
    check=$work/check
    cp -a "$r" "$check"
    cp "$agent_bin" "$check/opt/kvmm-agent/bin/kvmm-agent"
    chroot "$check" /opt/kvmm-agent/bin/kvmm-agent --version >/dev/null || die "the agent does not run in the overlay"
    rm -rf "$check"
    if find "$r" -name node -o -name 'libnode*' | grep -q .; then die "the overlay holds Node.js"; fi

    rm -rf "$overlay"
    mv "$r" "$overlay"
    rm -rf "$work"
    echo "$want" > "$overlay.hash"
    log "overlay $overlay: $(du -sh "$overlay" | cut -f1)"
fi
flock -u 8

if [ "${1:-}" = --overlay-only ]; then echo "$overlay"; exit 0; fi
# ext4 (which mounts ext2): the agent's disk, and tests format a disk in the guest with busybox
# mke2fs and mount it, to see a real filesystem's usage in the Guest tab.
KVMM_GUEST_OVERLAY=$overlay KVMM_GUEST_CACHE=$cache KVMM_GUEST_EXTRA_MODULES="crc32c_generic ext4" \
    "$repo/test/guest/build-image.sh" >/dev/null

# The agent's disk, rebuilt when the binary changes: the image itself does not.
disk=$cache/agent-disk.img
disk_want=$( { sha256sum < "$script"; sha256sum < "$agent_bin"; } | sha256sum | cut -d' ' -f1)
exec 9> "$cache/.agent-disk.lock"
flock 9
if [ "${KVMM_GUEST_REBUILD:-0}" = 1 ] || [ ! -s "$disk" ] || [ "$(cat "$disk.hash" 2>/dev/null)" != "$disk_want" ]; then
    stage=$(mktemp -d "$cache/.agent-disk.XXXXXX")
    trap 'rm -rf "$stage"' EXIT
    mkdir "$stage/root"
    install -m 0755 "$agent_bin" "$stage/root/kvmm-agent"
    # The binary, the filesystem's metadata and a margin, in MiB.
    size=$(( $(stat -c %s "$agent_bin") / 1048576 * 105 / 100 + 4 ))
    mke2fs -q -t ext2 -m 0 -L kvmm-agent -E root_owner=0:0 -d "$stage/root" "$stage/disk.img" "${size}M" >/dev/null
    chmod 0644 "$stage/disk.img"
    mv -f "$stage/disk.img" "$disk"
    echo "$disk_want" > "$disk.hash"
    log "agent disk $disk: $(du -h "$disk" | cut -f1)"
fi
echo "$cache"
