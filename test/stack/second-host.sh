#!/bin/bash
# A second libvirt host for migration tests: a network namespace (kvmm-dest) reached from this
# host over a veth pair (10.231.0.1 here, 10.231.0.2 there), with its own mount and UTS
# namespaces so that its system bus, virtlogd, libvirtd and sshd keep their state apart from
# this host's (libvirtd's paths are compiled in: /run, /etc/libvirt, /var/lib/libvirt,
# /var/log/libvirt and /var/cache/libvirt are bind mounts of directories under $root and $run).
# The rest of the file system is shared, as a shared storage would be. Root on this host logs in
# there with a key of its own (ssh_config.d entry, host key in the system known_hosts), so
# qemu+ssh://10.231.0.2/system reaches it. Idempotent; `--down` ends it all again.
#   second-host.sh [--down]          up (default) or down
#   second-host.sh --exec CMD...     runs CMD inside the second host (e.g. virsh there)
set -eu
. "$(dirname "$0")/lib.sh"

ns=kvmm-dest
address=10.231.0.2
here=10.231.0.1
root=/var/lib/kvmm-dest
run=/run/kvmm-dest
key=$root/ssh/id_ed25519
sshconf=/etc/ssh/ssh_config.d/90-kvmm-test-dest.conf
known=/etc/ssh/ssh_known_hosts

inside() { nsenter -t "$(cat "$run/libvirtd.pid")" -m -n -u -- "$@"; }

down() {
    if alive "$run/libvirtd.pid" libvirtd; then
        # Its guests are test guests: end them and their definitions with the host.
        for d in $(inside virsh -c qemu:///system -q list --all --name 2>/dev/null); do
            inside virsh -c qemu:///system -q destroy "$d" >/dev/null 2>&1 || true
            inside virsh -c qemu:///system -q undefine --nvram "$d" >/dev/null 2>&1 || true
        done
    fi
    for p in sshd.pid:sshd libvirtd.pid:libvirtd virtlogd.pid:virtlogd dbus/pid:dbus-daemon; do
        alive "$run/${p%%:*}" "${p#*:}" && kill "$(cat "$run/${p%%:*}")"
        rm -f "$run/${p%%:*}"
    done
    ip link del kvmm-dest0 2>/dev/null || true
    ip netns del "$ns" 2>/dev/null || true
    rm -f "$sshconf"
    if [ -f "$known" ]; then grep -v "^$address " "$known" > "$known.new" || true; mv "$known.new" "$known"; fi
    rm -rf "$root" "$run"
}

case "${1:-}" in
    --down) down; exit 0 ;;
    --exec) shift; inside "$@"; exit ;;
esac

# Not up (never started, its libvirtd ended by a test, or stale files of a machine restored with
# /run but not its processes): start afresh from nothing.
alive "$run/libvirtd.pid" libvirtd || down

# The network: a veth pair, addresses only inside the namespace and on this end.
ip netns list | grep -qw "$ns" || ip netns add "$ns"
if ! ip link show kvmm-dest0 >/dev/null 2>&1; then
    ip link add kvmm-dest0 type veth peer name eth0 netns "$ns"
    ip addr add "$here/30" dev kvmm-dest0
    ip link set kvmm-dest0 up
    ip -n "$ns" addr add "$address/30" dev eth0
    ip -n "$ns" link set eth0 up
    ip -n "$ns" link set lo up
fi

if ! alive "$run/libvirtd.pid" libvirtd; then
    # Its own libvirt configuration (no domains, networks or pools) and state.
    mkdir -p "$run" "$root"/{etc,lib,log,cache,ssh}
    if [ ! -f "$root/etc/libvirtd.conf" ]; then
        cp -a /etc/libvirt/*.conf "$root/etc/"
        cp -a /etc/libvirt/nwfilter "$root/etc/" 2>/dev/null || true
        mkdir -p "$root/etc/qemu/networks/autostart" "$root/etc/storage/autostart" "$root/etc/secrets"
        # Not this host: libvirt refuses a migration to a host with its own UUID.
        echo 'host_uuid = "6b6d6d2d-6465-7374-0000-000000000002"' >> "$root/etc/libvirtd.conf"
        # QEMU's migration data comes in on the veth address (the hostname is this host's).
        printf 'migration_address = "%s"\nmigration_host = "%s"\n' "$address" "$address" >> "$root/etc/qemu.conf"
        mkdir -p "$root/lib/images" "$root/lib/dnsmasq" "$root/lib/boot" "$root/log/qemu" "$root/cache/qemu"
        install -d -o libvirt-qemu -g libvirt-qemu -m 0750 "$root/lib/qemu"
        for d in channel checkpoint dump nvram ram save snapshot; do
            install -d -o libvirt-qemu -g libvirt-qemu "$root/lib/qemu/$d"
        done
    fi
    mkdir -p "$run/dbus" "$run/sshd" "$run/libvirt"
    ip netns exec "$ns" unshare -m -u --propagation private sh -ec "
        hostname kvmm-dest
        mount --bind '$run' /run
        mount --bind '$root/etc' /etc/libvirt
        mount --bind '$root/lib' /var/lib/libvirt
        mount --bind '$root/log' /var/log/libvirt
        mount --bind '$root/cache' /var/cache/libvirt
        dbus-daemon --system --fork
        virtlogd -d
        libvirtd -d
    "
    i=0
    until alive "$run/libvirtd.pid" libvirtd && inside virsh -c qemu:///system -q uri >/dev/null 2>&1; do
        i=$((i + 1))
        [ $i -gt 300 ] && { echo "the second host's libvirtd did not come up" >&2; exit 1; }
        sleep 0.2
    done
    [ -n "${STARTED_FILE:-}" ] && echo second-host >> "$STARTED_FILE"
fi

# Root of this host logs in there with a key of its own.
[ -f "$key" ] || ssh-keygen -q -t ed25519 -N '' -C kvmm-test-dest -f "$key"
cp "$key.pub" "$root/ssh/authorized_keys"
if ! alive "$run/sshd.pid" sshd; then
    ssh-keygen -A >/dev/null
    inside /usr/sbin/sshd -o "ListenAddress=$address:22" -o PidFile=/run/sshd.pid \
        -o PermitRootLogin=prohibit-password -o "AuthorizedKeysFile=$root/ssh/authorized_keys"
    wait_for_port "$address" 22 "the second host's sshd"
fi
printf 'Host %s\n    User root\n    IdentityFile %s\n' "$address" "$key" > "$sshconf.new" && mv "$sshconf.new" "$sshconf"
keys=$(ssh-keyscan "$address" 2>/dev/null || true)
[ -n "$keys" ] || { echo "the second host's sshd did not tell its host keys" >&2; exit 1; }
if [ "$(grep "^$address " "$known" 2>/dev/null | sort)" != "$(sort <<<"$keys")" ]; then
    { grep -v "^$address " "$known" 2>/dev/null || true; echo "$keys"; } > "$known.new"
    mv "$known.new" "$known"
fi
