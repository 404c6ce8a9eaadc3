#!/bin/bash
# Builds the test guest WITH kvmm-agent: an overlay holding Debian's Node.js (nodejs + libnode
# and the shared libraries they need, dynamic loader included), agent/dist/kvmm-agent.js, test
# configs and /opt/kvmm-agent/start.sh; then build-image.sh with that overlay into its own
# cache, so the plain image other tests use stays as it is. Prints the image cache directory.
#
# Environment:
#   KVMM_AGENT_OVERLAY  overlay directory [/var/cache/kvm-manager-test/agent-overlay]
#   KVMM_GUEST_CACHE    image directory   [/var/cache/kvm-manager-test/guest-agent]
#   KVMM_GUEST_REBUILD=1  rebuild the overlay and the image
# Options: --overlay-only  build the overlay, print its directory, build no image.
#
# Boot it with at least 256 MiB and "rootfstype=ramfs" on the kernel command line: the
# initramfs unpacks to ~100 MB, more than the default tmpfs root (half the RAM) holds.
# In the guest, start.sh picks the config by the kernel command line:
#   kvmm.agent=default  allowedDirectories /tmp and /root, exec and file writes on
#   kvmm.agent=noexec   the same with allowExec false
#   kvmm.agent=off      no agent
set -euo pipefail
umask 022

script=$(readlink -f "${BASH_SOURCE[0]}")
repo=$(cd "$(dirname "$script")/../.." && pwd)
overlay=${KVMM_AGENT_OVERLAY:-/var/cache/kvm-manager-test/agent-overlay}
agent_js=$repo/agent/dist/kvmm-agent.js

log() { echo "build-agent-overlay: $*" >&2; }
die() { log "error: $*"; exit 1; }

# Debian's own nodejs (not a third-party repository's): the newest "+dfsg" version apt knows.
node_version() {
    apt-cache madison nodejs | awk -F'|' '$2 ~ /dfsg/ { gsub(/ /, "", $2); print $2 }' | sort -rV | head -n1
}

[ -s "$agent_js" ] || (cd "$repo" && node agent/build.js) || die "could not build $agent_js"
version=$(node_version)
[ -n "$version" ] || { [ "$(id -u)" = 0 ] && apt-get update -q >&2; version=$(node_version); }
[ -n "$version" ] || die "apt knows no Debian nodejs package"

want=$( { sha256sum < "$script"; sha256sum < "$agent_js"; echo "$version"; } | sha256sum | cut -d' ' -f1)
mkdir -p "$overlay"
exec 8> "$overlay.lock"
flock 8
if [ "${KVMM_GUEST_REBUILD:-0}" = 1 ] || [ "$(cat "$overlay.hash" 2>/dev/null)" != "$want" ]; then
    rm -rf "${overlay}".build.*  # left by killed or failed runs; we hold the lock
    work=$(mktemp -d "${overlay}.build.XXXXXX")
    trap 'rm -rf "$work"' EXIT
    trap 'exit 1' INT TERM HUP
    mkdir "$work/debs" "$work/x" "$work/root"
    log "downloading nodejs $version"
    (cd "$work/debs" && apt-get -q -o APT::Sandbox::User=root download "nodejs=$version" >&2)
    libnode=$(dpkg-deb -f "$work"/debs/nodejs_*.deb Depends | tr ',' '\n' | sed -n 's/^ *\(libnode[0-9]*\) .*/\1/p')
    [ -n "$libnode" ] || die "nodejs $version does not depend on a libnode package"
    # The libraries libnode links against; ldd below finds out which files are really needed.
    libs="libbrotli1 libc-ares2 libc6 libgcc-s1 libicu72 libnghttp2-14 libssl3 libstdc++6 libuv1 zlib1g"
    # Debian's libnode loads some builtins from /usr/share/nodejs at run time.
    js="node-acorn node-cjs-module-lexer node-undici"
    (cd "$work/debs" && apt-get -q -o APT::Sandbox::User=root download "$libnode=$version" $libs $js >&2)
    for deb in "$work"/debs/*.deb; do dpkg-deb -x "$deb" "$work/x"; done

    x=$work/x
    r=$work/root
    mkdir -p "$r/opt/kvmm-agent/bin" "$r/etc/kvmm-agent" "$r/lib64"
    cp "$x/usr/bin/node" "$r/opt/kvmm-agent/bin/node"
    libpath="$x/lib/x86_64-linux-gnu:$x/usr/lib/x86_64-linux-gnu"
    # Each library node needs, at the path it has in the packages (the host's copy if the
    # packages lack it, which ldd would show as a host path).
    while read -r lib; do
        case $lib in
            "$x"/*) dest=${lib#"$x"} ;;
            */ld-linux-x86-64.so.2) continue ;;
            /*) log "taking $lib from the host"; dest=$lib ;;
            *) continue ;;
        esac
        mkdir -p "$r$(dirname "$dest")"
        cp -L "$lib" "$r$dest"
    done < <(LD_LIBRARY_PATH=$libpath ldd "$x/usr/bin/node" | awk '/=>/ { print $3 } !/=>/ && /^\t\// { print $1 }')
    grep -q "not found" < <(LD_LIBRARY_PATH=$libpath ldd "$x/usr/bin/node") && die "node needs a library that is not found"
    # The dynamic loader where the binary asks for it.
    cp -L "$x/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2" "$r/lib64/ld-linux-x86-64.so.2"
    # Only the externalized builtins libnode names, not the whole packages.
    for f in $(strings "$r/usr/lib/x86_64-linux-gnu/$(basename "$(ls "$x"/usr/lib/x86_64-linux-gnu/libnode.so.*)")" |
               grep -o '/usr/share/nodejs/[^"]*\.js' | sort -u); do
        [ -f "$x$f" ] || die "libnode needs $f, which the node-* packages lack"
        mkdir -p "$r$(dirname "$f")"
        cp "$x$f" "$r$f"
    done
    cp "$agent_js" "$r/opt/kvmm-agent/kvmm-agent.js"
    printf '%s\n' "nodejs=$version" > "$r/opt/kvmm-agent/versions"

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
# Started in the background by the test guest's /init. kvmm.agent=<config> on the kernel
# command line picks /etc/kvmm-agent/config-<config>.json ("off": no agent).
config=/etc/kvmm-agent/config.json
for arg in $(cat /proc/cmdline); do
    case $arg in
        kvmm.agent=off) exit 0 ;;
        kvmm.agent=default) ;;
        kvmm.agent=*) config=/etc/kvmm-agent/config-${arg#kvmm.agent=}.json ;;
    esac
done
export LD_LIBRARY_PATH=/lib/x86_64-linux-gnu:/usr/lib/x86_64-linux-gnu
export HOME=/root PATH=/sbin:/usr/sbin:/bin:/usr/bin
echo "kvmm-agent: starting with $config"
exec /opt/kvmm-agent/bin/node /opt/kvmm-agent/kvmm-agent.js --config "$config"
EOF
    chmod 0755 "$r/opt/kvmm-agent/start.sh"
    # Check: the tree alone runs the agent (chroot: nothing from the host is used).
    LD_LIBRARY_PATH=/lib/x86_64-linux-gnu:/usr/lib/x86_64-linux-gnu \
        chroot "$r" /opt/kvmm-agent/bin/node /opt/kvmm-agent/kvmm-agent.js --version >/dev/null ||
        die "node from the overlay does not run the agent"

    rm -rf "$overlay"
    mv "$r" "$overlay"
    echo "$want" > "$overlay.hash"
    log "overlay $overlay: $(du -sh "$overlay" | cut -f1)"
fi
flock -u 8

if [ "${1:-}" = --overlay-only ]; then echo "$overlay"; exit 0; fi
# ext4 (which mounts ext2): tests format a disk in the guest with busybox mke2fs and mount it,
# to see a real filesystem's usage in the Guest tab.
KVMM_GUEST_OVERLAY=$overlay KVMM_GUEST_CACHE=${KVMM_GUEST_CACHE:-/var/cache/kvm-manager-test/guest-agent} \
    KVMM_GUEST_EXTRA_MODULES="crc32c_generic ext4" exec "$repo/test/guest/build-image.sh"
