#!/bin/bash
# Builds the test guest WITH qemu-guest-agent (Debian's qemu-guest-agent package) instead of
# kvmm-agent: an overlay holding qemu-ga and the shared libraries it needs (dynamic loader
# included), a start script run by /init, a /sbin/shutdown for qemu-ga's guest-shutdown and
# the hostname kvmm-qga-guest; then build-image.sh with that overlay (plus the ext4 module,
# for a filesystem on a disk) into its own cache. Prints the image cache directory.
#
# Environment:
#   KVMM_QGA_OVERLAY    overlay directory [/var/cache/kvm-manager-test/qga-overlay]
#   KVMM_GUEST_CACHE    image directory   [/var/cache/kvm-manager-test/guest-qga]
#   KVMM_GUEST_REBUILD=1  rebuild the overlay and the image
#
# In the guest: qemu-ga serves /dev/virtio-ports/org.qemu.guest_agent.0 (log
# /var/log/qemu-ga.log, where its fsfreeze hook writes "fsfreeze-hook: freeze" and
# "fsfreeze-hook: thaw"). If the VM has a disk /dev/vda, it is formatted ext2 and mounted on
# /srv, so that qemu-ga's guest-get-fsinfo (which skips filesystems without a block device)
# has one to report. guest-shutdown prints KVMM-QGA-SHUTDOWN on ttyS0 before powering off.
# kvmm.qga.block=<rpc,...> on the kernel command line disables those RPCs (qemu-ga -b).
set -euo pipefail
umask 022

script=$(readlink -f "${BASH_SOURCE[0]}")
repo=$(cd "$(dirname "$script")/../.." && pwd)
overlay=${KVMM_QGA_OVERLAY:-/var/cache/kvm-manager-test/qga-overlay}
# Debian's qemu-ga 7.2 links against these (ldd below finds out which files are really needed).
packages="qemu-guest-agent libc6 libglib2.0-0 libnuma1 libudev1 liburing2 libpcre2-8-0"

log() { echo "build-qga-overlay: $*" >&2; }
die() { log "error: $*"; exit 1; }

qga_version() {
    apt-cache policy qemu-guest-agent | sed -n 's/^ *Candidate: *//p' | grep -v none || true
}

version=$(qga_version)
[ -n "$version" ] || { [ "$(id -u)" = 0 ] && apt-get update -q >&2; version=$(qga_version); }
[ -n "$version" ] || die "apt knows no qemu-guest-agent package"

want=$( { sha256sum < "$script"; echo "$version"; } | sha256sum | cut -d' ' -f1)
mkdir -p "$overlay"
exec 8> "$overlay.lock"
flock 8
if [ "${KVMM_GUEST_REBUILD:-0}" = 1 ] || [ "$(cat "$overlay.hash" 2>/dev/null)" != "$want" ]; then
    rm -rf "${overlay}".build.*  # left by killed or failed runs; we hold the lock
    work=$(mktemp -d "${overlay}.build.XXXXXX")
    trap 'rm -rf "$work"' EXIT
    trap 'exit 1' INT TERM HUP
    mkdir "$work/debs" "$work/x" "$work/root"
    log "downloading qemu-guest-agent $version and its libraries"
    # shellcheck disable=SC2086 # a list of package names
    (cd "$work/debs" && apt-get -q -o APT::Sandbox::User=root download $packages >&2)
    for deb in "$work"/debs/*.deb; do dpkg-deb -x "$deb" "$work/x"; done

    x=$work/x
    r=$work/root
    mkdir -p "$r/usr/sbin" "$r/lib64" "$r/opt/qga" "$r/srv" "$r/etc"
    cp "$x/usr/sbin/qemu-ga" "$r/usr/sbin/qemu-ga"
    libpath="$x/lib/x86_64-linux-gnu:$x/usr/lib/x86_64-linux-gnu"
    while read -r lib; do
        case $lib in
            "$x"/*) dest=${lib#"$x"} ;;
            */ld-linux-x86-64.so.2) continue ;;
            /*) log "taking $lib from the host"; dest=$lib ;;
            *) continue ;;
        esac
        mkdir -p "$r$(dirname "$dest")"
        cp -L "$lib" "$r$dest"
    done < <(LD_LIBRARY_PATH=$libpath ldd "$x/usr/sbin/qemu-ga" | awk '/=>/ { print $3 } !/=>/ && /^\t\// { print $1 }')
    grep -q "not found" < <(LD_LIBRARY_PATH=$libpath ldd "$x/usr/sbin/qemu-ga") && die "qemu-ga needs a library that is not found"
    cp -L "$x/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2" "$r/lib64/ld-linux-x86-64.so.2"
    printf '%s\n' "qemu-guest-agent=$version" > "$r/opt/qga/versions"

    # A hostname of its own, so a test can tell what qemu-ga reports from what DHCP was told.
    echo kvmm-qga-guest > "$r/etc/hostname"
    printf '127.0.0.1\tlocalhost\n127.0.1.1\tkvmm-qga-guest\n' > "$r/etc/hosts"
    mkdir -p "$r/etc/kvmm-start.d"
    cat > "$r/etc/kvmm-start.d/qemu-ga" <<'EOF'
#!/bin/sh
# Started in the background by the test guest's /init.
export LD_LIBRARY_PATH=/lib/x86_64-linux-gnu:/usr/lib/x86_64-linux-gnu
if [ -b /dev/vda ]; then
    mke2fs -q /dev/vda && mount -t ext2 /dev/vda /srv && echo "qemu-ga: /dev/vda mounted on /srv"
fi
block=
for arg in $(cat /proc/cmdline); do
    case $arg in kvmm.qga.block=*) block=${arg#kvmm.qga.block=} ;; esac
done
echo "qemu-ga: starting${block:+ without $block}"
exec /usr/sbin/qemu-ga -m virtio-serial -p /dev/virtio-ports/org.qemu.guest_agent.0 -t /run -l /var/log/qemu-ga.log \
    -F/etc/qemu/fsfreeze-hook ${block:+-b "$block"}
EOF
    # qemu-ga logs no freeze or thaw of its own: its hook puts them in its log.
    mkdir -p "$r/etc/qemu"
    cat > "$r/etc/qemu/fsfreeze-hook" <<'EOF'
#!/bin/sh
# Run by qemu-ga with "freeze" just before it freezes the filesystems, "thaw" just after it thawed them.
echo "fsfreeze-hook: $1" >> /var/log/qemu-ga.log
EOF
    # qemu-ga waits for /sbin/shutdown to exit 0.
    mkdir -p "$r/sbin"
    cat > "$r/sbin/shutdown" <<'EOF'
#!/bin/sh
# What qemu-ga's guest-shutdown runs ("shutdown -h -P|-H|-r +0 <message>"); busybox has no
# shutdown applet.
action="poweroff -f"
marker=KVMM-QGA-SHUTDOWN
for arg in "$@"; do
    [ "$arg" = -r ] && { action="reboot -f"; marker=KVMM-QGA-REBOOT; }
done
echo "$marker" > /dev/ttyS0
# After qemu-ga has answered.
( sleep 0.3; sync; $action ) </dev/null >/dev/null 2>&1 &
exit 0
EOF
    chmod 0755 "$r/etc/kvmm-start.d/qemu-ga" "$r/sbin/shutdown" "$r/etc/qemu/fsfreeze-hook"
    # Check: the tree alone runs qemu-ga (chroot: nothing from the host is used).
    LD_LIBRARY_PATH=/lib/x86_64-linux-gnu:/usr/lib/x86_64-linux-gnu chroot "$r" /usr/sbin/qemu-ga --version >/dev/null ||
        die "qemu-ga from the overlay does not run"

    rm -rf "$overlay"
    mv "$r" "$overlay"
    echo "$want" > "$overlay.hash"
    log "overlay $overlay: $(du -sh "$overlay" | cut -f1)"
fi
flock -u 8

KVMM_GUEST_OVERLAY=$overlay KVMM_GUEST_EXTRA_MODULES="crc32c_generic ext4" \
    KVMM_GUEST_CACHE=${KVMM_GUEST_CACHE:-/var/cache/kvm-manager-test/guest-qga} \
    exec "$repo/test/guest/build-image.sh"
