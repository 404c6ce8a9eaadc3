#!/bin/bash
# Builds a tiny Linux test guest from Debian packages, for direct kernel boot under libvirt:
# the Debian 6.1 kernel plus a busybox initramfs with the virtio (virtiofs too), ACPI button and evdev
# modules. Cached: rebuilds only when an output is missing or this script (or the overlay)
# changed. Prints the cache directory on stdout; progress goes to stderr.
#
# Environment:
#   KVMM_GUEST_CACHE       output directory [/var/cache/kvm-manager-test/guest]
#   KVMM_GUEST_KERNEL_PKG  kernel package [newest linux-image-6.1.0-N-amd64 apt knows]
#   KVMM_GUEST_OVERLAY     directory copied over the initramfs root (e.g. opt/kvmm-agent/)
#   KVMM_GUEST_EXTRA_MODULES  more kernel modules to load at boot (e.g. "ext4")
#   KVMM_GUEST_REBUILD=1   rebuild even if the cache is up to date
set -euo pipefail
umask 022

script=$(readlink -f "${BASH_SOURCE[0]}")
cache=${KVMM_GUEST_CACHE:-/var/cache/kvm-manager-test/guest}
overlay=${KVMM_GUEST_OVERLAY:-}
kernel_pkg=${KVMM_GUEST_KERNEL_PKG:-}
# Wanted modules; their dependencies are read from each module's .modinfo.
wanted_modules="virtio_pci virtio_console virtio_net virtio_blk virtio_balloon virtiofs button evdev ${KVMM_GUEST_EXTRA_MODULES:-}"

log() { echo "build-image: $*" >&2; }
die() { log "error: $*"; exit 1; }

build_hash() {
    {
        sha256sum < "$script"
        echo "$wanted_modules"
        if [ -n "$overlay" ]; then
            tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner \
                -C "$overlay" -cf - . | sha256sum
        fi
    } | sha256sum | cut -d' ' -f1
}

up_to_date() {
    [ "${KVMM_GUEST_REBUILD:-0}" != 1 ] && [ -s "$cache/vmlinuz" ] && [ -s "$cache/initrd.img" ] &&
        [ "$(cat "$cache/build-hash" 2>/dev/null)" = "$want_hash" ]
}

apt_install() {  # apt_install COMMAND PACKAGE
    command -v "$1" >/dev/null && return 0
    [ "$(id -u)" = 0 ] || die "$1 is missing; install $2"
    log "installing $2"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$2" >&2 ||
        { apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive \
            apt-get install -y -q --no-install-recommends "$2" >&2; }
}

newest_kernel_pkg() {
    local p
    for p in $(apt-cache pkgnames linux-image-6.1.0- |
               grep -E '^linux-image-6\.1\.0-[0-9]+-amd64$' | sort -rV); do
        case $(apt-cache policy "$p") in *"Candidate: "[0-9]*) echo "$p"; return 0 ;; esac
    done
    return 1
}

# Copies module $1 (and first its dependencies) into the initramfs, recording the load order.
declare -A mod_file=() mod_done=()
mod_order=()
add_module() {
    local name=$1 file out deps dep
    [ -n "${mod_done[$name]:-}" ] && return 0
    mod_done[$name]=1
    file=${mod_file[$name]:-}
    if [ -z "$file" ]; then
        tr - _ < "$moddir/modules.builtin" | grep "/$name\.ko$" >/dev/null && return 0
        die "kernel module $name not found"
    fi
    out=$root/lib/modules/$name.ko
    case $file in
        *.ko) cp "$file" "$out" ;;
        *.ko.xz) apt_install xz xz-utils; xz -dc "$file" > "$out" ;;
        *.ko.zst) apt_install zstd zstd; zstd -qdc "$file" > "$out" ;;
        *.ko.gz) gzip -dc "$file" > "$out" ;;
    esac
    deps=$(tr '\0' '\n' < "$out" | sed -n 's/^depends=//p')
    deps=${deps%%$'\n'*}
    for dep in ${deps//,/ }; do add_module "${dep//-/_}"; done
    mod_order+=("$name")
}

want_hash=$(build_hash)
mkdir -p "$cache"
chmod 0755 "$cache"
if up_to_date; then echo "$cache"; exit 0; fi
exec 9> "$cache/.lock"
flock 9
if up_to_date; then echo "$cache"; exit 0; fi  # another run built it meanwhile

rm -rf "$cache"/.build.*  # left by killed runs; we hold the lock
work=$(mktemp -d "$cache/.build.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 1' INT TERM HUP
apt_install dpkg-deb dpkg
apt_install gzip gzip

# Downloads the kernel and busybox-static into $work/debs. Stale package lists (a kernel
# no longer on the mirror) get one `apt-get update` and another try.
download() {
    local pkg=$kernel_pkg
    [ -n "$pkg" ] || pkg=$(newest_kernel_pkg) || return 1
    log "downloading $pkg and busybox-static"
    rm -rf "$work/debs" && mkdir "$work/debs"
    (cd "$work/debs" && apt-get -q -o APT::Sandbox::User=root download "$pkg" busybox-static >&2) &&
        kernel_pkg=$pkg
}
download || { [ "$(id -u)" = 0 ] && apt-get update -q >&2 && download; } ||
    die "could not download ${kernel_pkg:-a linux-image-6.1.0-N-amd64 package} and busybox-static"
dpkg-deb -x "$work"/debs/busybox-static_*.deb "$work/bb"
dpkg-deb -x "$work/debs/${kernel_pkg}"_*.deb "$work/kernel"
bb=$work/bb/bin/busybox
vmlinuz=$(ls "$work"/kernel/boot/vmlinuz-*)
kver=${vmlinuz##*/vmlinuz-}
moddir=$work/kernel/lib/modules/$kver

root=$work/root
mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,dev,proc,sys,run,tmp,root,var/log,lib/modules} \
    "$root"/etc/{acpi/PWRF,udhcpc}
chmod 1777 "$root/tmp"
chmod 0700 "$root/root"
cp "$bb" "$root/bin/busybox"
while read -r applet; do
    case $applet in bin/busybox|linuxrc) continue ;; esac
    mkdir -p "$root/${applet%/*}"
    ln -s /bin/busybox "$root/$applet"
done < <("$bb" --list-full)

while read -r f; do
    name=${f##*/}
    name=${name%%.ko*}
    mod_file[${name//-/_}]=$f
done < <(find "$moddir/kernel" -name '*.ko*')
for m in $wanted_modules; do add_module "$m"; done
printf '%s\n' "${mod_order[@]}" > "$root/etc/kvmm-modules"

echo kvmm-guest > "$root/etc/hostname"
printf '127.0.0.1\tlocalhost\n127.0.1.1\tkvmm-guest\n' > "$root/etc/hosts"
echo 'root:x:0:0:root:/root:/bin/sh' > "$root/etc/passwd"
echo 'root:x:0:' > "$root/etc/group"
printf 'kernel=%s %s\nbusybox=%s\nbuild=%s\n' "$kernel_pkg" \
    "$(dpkg-deb -f "$work/debs/${kernel_pkg}"_*.deb Version)" \
    "$(dpkg-deb -f "$work"/debs/busybox-static_*.deb Version)" "$want_hash" \
    > "$root/etc/kvmm-guest-release"

cat > "$root/init" <<'EOF'
#!/bin/sh
# PID 1 of the KVM Manager test guest: sets the system up, prints KVMM-GUEST-READY on ttyS0,
# then hands over to busybox init (root shell on ttyS0, respawning).
export PATH=/sbin:/usr/sbin:/bin:/usr/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
exec </dev/console >/dev/console 2>&1
mkdir -p /dev/pts /dev/shm /dev/virtio-ports
mount -t devpts devpts /dev/pts
mount -t tmpfs tmpfs /dev/shm

# Keep /dev/virtio-ports/<name> links current, as udev does on full distributions.
uevent /sbin/kvmm-uevent &
while read -r m; do
    insmod "/lib/modules/$m.ko" || echo "init: loading module $m failed"
done < /etc/kvmm-modules
# Port names arrive from the host shortly after the ports: wait (2 s at most) until each
# port has its name, then link them, in case uevent missed an event while starting.
i=0
while [ $i -lt 20 ] && ls /sys/bus/virtio/drivers/virtio_console | grep -q virtio; do
    named=0
    for p in /sys/class/virtio-ports/*; do
        [ -e "$p" ] || break
        named=1
        [ -e "$p/name" ] || { named=0; break; }
    done
    [ $named = 1 ] && break
    sleep 0.1
    i=$((i + 1))
done
for p in /sys/class/virtio-ports/*; do
    [ -e "$p" ] && DEVPATH=${p#/sys} ACTION=add /sbin/kvmm-uevent
done

hostname -F /etc/hostname
ip link set lo up
for n in /sys/class/net/eth*; do
    [ -e "$n" ] || continue
    ifc=${n##*/}
    ip link set "$ifc" up
    udhcpc -f -i "$ifc" -x hostname:kvmm-guest </dev/null >"/var/log/udhcpc-$ifc.log" 2>&1 &
done

# ACPI power button -> /etc/acpi/PWRF/00000080. acpid opens /dev/input/event* at start.
i=0
while [ ! -e /dev/input/event0 ] && [ $i -lt 20 ]; do sleep 0.1; i=$((i + 1)); done
acpid -l /var/log/acpid.log

if [ -f /opt/kvmm-agent/start.sh ]; then
    setsid sh /opt/kvmm-agent/start.sh </dev/null >/var/log/kvmm-agent.log 2>&1 &
fi
# Other services an overlay brings (log: /var/log/<name>.log).
for s in /etc/kvmm-start.d/*; do
    [ -x "$s" ] && setsid "$s" </dev/null >"/var/log/${s##*/}.log" 2>&1 &
done

echo KVMM-GUEST-READY > /dev/ttyS0
exec /sbin/init
EOF

cat > "$root/sbin/kvmm-uevent" <<'EOF'
#!/bin/sh
# Run by `uevent` for each kernel uevent: maintains /dev/virtio-ports/<name> links.
case $DEVPATH in */virtio-ports/vport*) ;; *) exit 0 ;; esac
dev=${DEVPATH##*/}
case $ACTION in
    add|change)
        name=$(cat "/sys$DEVPATH/name" 2>/dev/null)
        [ -n "$name" ] && ln -sfn "../$dev" "/dev/virtio-ports/$name" ;;
    remove)
        for l in /dev/virtio-ports/*; do
            [ "$(readlink "$l")" = "../$dev" ] && rm -f "$l"
        done ;;
esac
exit 0
EOF

cat > "$root/etc/inittab" <<'EOF'
ttyS0::respawn:-/bin/sh
::ctrlaltdel:/sbin/reboot -f
::shutdown:/bin/sync
EOF

cat > "$root/etc/profile" <<'EOF'
# The serial console is mostly driven by scripts: TERM=dumb asks programs for plain output,
# and a wide line keeps ash's line editor from wrapping long typed commands. (ash still
# sends ESC[6n after each prompt whatever TERM says; it does not wait for the answer.)
export PATH=/sbin:/usr/sbin:/bin:/usr/bin HOME=/root TERM=dumb PS1='\h:\w\$ '
stty cols 1000 rows 50 2>/dev/null
cd /root
EOF

cat > "$root/etc/acpi/PWRF/00000080" <<'EOF'
#!/bin/sh
# Run by acpid when the ACPI power button is pressed (virsh shutdown, virsh reboot).
echo KVMM-GUEST-POWEROFF > /dev/ttyS0
sync
poweroff -f
EOF

cat > "$root/etc/udhcpc/default.script" <<'EOF'
#!/bin/sh
# udhcpc event script: applies the lease with ip(8) and writes /etc/resolv.conf.
case $1 in
    deconfig)
        ip -4 addr flush dev "$interface"
        ip link set "$interface" up ;;
    bound|renew)
        ip -4 addr flush dev "$interface"
        ip addr add "$ip/${mask:-24}" dev "$interface"
        for r in $router; do ip route replace default via "$r" dev "$interface"; break; done
        : > /etc/resolv.conf
        [ -n "$domain" ] && echo "search $domain" >> /etc/resolv.conf
        for d in $dns; do echo "nameserver $d" >> /etc/resolv.conf; done ;;
esac
exit 0
EOF
chmod 0755 "$root/init" "$root/sbin/kvmm-uevent" "$root/etc/acpi/PWRF/00000080" \
    "$root/etc/udhcpc/default.script"

if [ -n "$overlay" ]; then
    log "adding overlay $overlay"
    cp -a "$overlay/." "$root/"
fi

log "packing initramfs (kernel $kver, modules: ${mod_order[*]})"
(cd "$root" && find . -mindepth 1 | LC_ALL=C sort | "$bb" cpio -o -H newc -R 0:0) |
    gzip -9n > "$work/initrd.img"
cp "$vmlinuz" "$work/vmlinuz"
cp "$root/etc/kvmm-guest-release" "$work/build-info"
chmod 0644 "$work/vmlinuz" "$work/initrd.img" "$work/build-info"
for f in vmlinuz initrd.img build-info; do mv -f "$work/$f" "$cache/$f"; done
echo "$want_hash" > "$cache/build-hash.tmp" && mv -f "$cache/build-hash.tmp" "$cache/build-hash"
log "built $cache/vmlinuz ($(stat -c %s "$cache/vmlinuz") bytes)" \
    "and $cache/initrd.img ($(stat -c %s "$cache/initrd.img") bytes)"
echo "$cache"
