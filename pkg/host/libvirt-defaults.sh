#!/bin/bash
# Makes the host ready for new VMs as libvirt's packaging does on systemd hosts (Fedora's
# libvirt-daemon-config-network; virt-manager for the pool): the `default` NAT network and the
# `default` directory pool at /var/lib/libvirt/images, defined, started and set to autostart
# where they are missing. Idempotent. A network or pool of that name that is already there
# belongs to the host's owner and is left as it is, with two exceptions that only do what was
# already meant: one set to autostart but not running is started (libvirtd would have at its
# start), and libvirt's packaged network that was never started (Debian defines it but leaves
# starting it to the admin) is started and set to autostart, on a free subnet as Fedora's
# packaging picks one. Problems are reported; they do not stop `make run`.
#
# Tests point KVMM_DEFAULT_POOL, KVMM_DEFAULT_POOL_DIR and KVMM_DEFAULT_NETWORK_XML (a network
# template) elsewhere, so they never touch the host's own `default`.
set -u

pool=${KVMM_DEFAULT_POOL:-default}
pool_dir=${KVMM_DEFAULT_POOL_DIR:-/var/lib/libvirt/images}
template=${KVMM_DEFAULT_NETWORK_XML:-/usr/share/libvirt/networks/default.xml}

virsh() { command virsh -c qemu:///system -q "$@"; }
say() { echo "libvirt: $*"; }
warn() { echo "libvirt: $*" >&2; }

# ---- network ----

# libvirt's own template (libvirt-daemon-config-network), where no package installed it.
if [ -r "$template" ]; then
    template_xml=$(cat "$template")
else
    template_xml="<network>
  <name>default</name>
  <bridge name='virbr0'/>
  <forward/>
  <ip address='192.168.122.1' netmask='255.255.255.0'>
    <dhcp>
      <range start='192.168.122.2' end='192.168.122.254'/>
    </dhcp>
  </ip>
</network>"
fi
xml_name() { sed -n 's|.*<name>\([^<]*\)</name>.*|\1|p' | head -n1; }
xml_bridge() { sed -n "s|.*<bridge name=['\"]\([^'\"]*\)['\"].*|\1|p" | head -n1; }
xml_address() { sed -n "s|.*<ip [^>]*address=['\"]\([0-9.]*\)['\"].*|\1|p" | head -n1; }
network=$(xml_name <<< "$template_xml")
bridge=$(xml_bridge <<< "$template_xml")
address=$(xml_address <<< "$template_xml")
# The template's subnet is 192.168.<sub>.0/24.
orig_sub=$(cut -d. -f3 <<< "$address")

# Third octets of the 192.168.x.0/24 subnets the host routes or other libvirt networks hold.
used_subnets() {
    ip -4 route show 2>/dev/null | awk '{print $1}' | sed -n 's|^192\.168\.\([0-9]*\)\.0/24$|\1|p'
    for other in $(virsh net-list --all --name); do
        [ "$other" = "$network" ] && continue
        virsh net-dumpxml --inactive -- "$other" | xml_address | sed -n 's|^192\.168\.\([0-9]*\)\..*|\1|p'
    done
}

# The template's subnet when free, else the first free one from 124 on (as Fedora's packaging).
free_subnet() {
    local used
    used=" $(used_subnets | tr '\n' ' ') "
    case $used in *" $orig_sub "*) ;; *) echo "$orig_sub"; return ;; esac
    for sub in $(seq 124 254); do
        case $used in *" $sub "*) ;; *) echo "$sub"; return ;; esac
    done
    return 1
}

on_subnet() { sed "s/192\.168\.$orig_sub\./192.168.$1./g"; }

define_network() {
    local sub file
    sub=$(free_subnet) || { warn "no free 192.168.x.0/24 subnet for the network '$network'"; return 1; }
    file=$(mktemp)
    on_subnet "$sub" <<< "$1" > "$file"
    virsh net-define "$file" >/dev/null
    local rc=$?
    rm -f "$file"
    [ $rc = 0 ] && [ "$sub" != "$orig_sub" ] && say "192.168.$orig_sub.0/24 is taken: the network '$network' uses 192.168.$sub.0/24"
    return $rc
}

start_network() {
    virsh net-start -- "$network" >/dev/null && virsh net-autostart -- "$network" >/dev/null
}

ensure_network() {
    [ -n "$network" ] || { warn "no network name in $template"; return 1; }
    if ! virsh net-info -- "$network" >/dev/null 2>&1; then
        define_network "$template_xml" && start_network &&
            say "defined, started and set to autostart the network '$network'"
        return
    fi
    local info xml
    info=$(virsh net-info -- "$network")
    grep -Eq '^Active:[[:space:]]+yes' <<< "$info" && return 0
    if grep -Eq '^Autostart:[[:space:]]+yes' <<< "$info"; then
        virsh net-start -- "$network" >/dev/null && say "started the network '$network' (it is set to autostart)"
        return
    fi
    xml=$(virsh net-dumpxml --inactive -- "$network")
    if [ "$(xml_bridge <<< "$xml")" = "$bridge" ] && [ "$(xml_address <<< "$xml")" = "$address" ]; then
        # Still libvirt's packaged definition: make it what Fedora's packaging makes (moved to a
        # free subnet only when its own is taken).
        { [ "$(free_subnet)" = "$orig_sub" ] || define_network "$xml"; } && start_network &&
            say "started the network '$network' as libvirt installed it, and set it to autostart"
        return
    fi
    say "the network '$network' is not running; it is not libvirt's packaged one, so it is left as it is"
}

# ---- pool ----

ensure_pool() {
    if ! virsh pool-info -- "$pool" >/dev/null 2>&1; then
        mkdir -p "$pool_dir"
        virsh pool-define-as --name "$pool" --type dir --target "$pool_dir" >/dev/null || return 1
        if virsh pool-build -- "$pool" >/dev/null && virsh pool-start -- "$pool" >/dev/null; then
            virsh pool-autostart -- "$pool" >/dev/null && say "defined, started and set to autostart the storage pool '$pool' ($pool_dir)"
            return
        fi
        virsh pool-undefine -- "$pool" >/dev/null
        return 1
    fi
    local info
    info=$(virsh pool-info -- "$pool")
    grep -Eq '^State:[[:space:]]+running' <<< "$info" && return 0
    if grep -Eq '^Autostart:[[:space:]]+yes' <<< "$info"; then
        virsh pool-start -- "$pool" >/dev/null && say "started the storage pool '$pool' (it is set to autostart)"
        return
    fi
    say "the storage pool '$pool' is not running; it was set up by hand, so it is left as it is"
}

ensure_network || warn "could not set up the network '$network' (see above)"
ensure_pool || warn "could not set up the storage pool '$pool' (see above)"
exit 0
