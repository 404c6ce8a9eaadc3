#!/bin/bash
# Builds a bootable installation-style ISO of the test guest (build-image.sh's kernel and
# initramfs) with grub-mkrescue: a hybrid image that boots under BIOS (El Torito, grub i386-pc)
# and UEFI (EFI system partition image, grub x86_64-efi; unsigned, so not under Secure Boot).
# The kernel prints to the VGA console and to ttyS0 (the last console=, so /dev/console).
# Cached beside the guest image, named by the hash of this script, the kernel and the
# initramfs. Prints the ISO's path on stdout; progress goes to stderr.
#
# Environment:
#   KVMM_GUEST_CACHE  the guest image's directory [/var/cache/kvm-manager-test/guest]
set -euo pipefail
umask 022

script=$(readlink -f "${BASH_SOURCE[0]}")
cache=${KVMM_GUEST_CACHE:-/var/cache/kvm-manager-test/guest}

log() { echo "build-iso: $*" >&2; }
die() { log "error: $*"; exit 1; }

[ -s "$cache/vmlinuz" ] && [ -s "$cache/initrd.img" ] || die "no test guest in $cache: run test/guest/build-image.sh"
mkrescue=$(command -v grub-mkrescue || command -v grub2-mkrescue) ||
    die "grub-mkrescue is missing: run pkg/host/install-deps.sh --test"

hash=$(cat "$script" "$cache/vmlinuz" "$cache/initrd.img" | sha256sum | cut -c1-16)
iso=$cache/kvmm-guest-$hash.iso
if [ -s "$iso" ]; then echo "$iso"; exit 0; fi

exec 9> "$cache/.iso-lock"
flock 9
if [ -s "$iso" ]; then echo "$iso"; exit 0; fi  # another run built it meanwhile

work=$(mktemp -d "$cache/.iso-build.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 1' INT TERM HUP
mkdir -p "$work/root/boot/grub"
cp "$cache/vmlinuz" "$cache/initrd.img" "$work/root/boot/"
cat > "$work/root/boot/grub/grub.cfg" <<'EOF'
serial --unit=0 --speed=115200
terminal_input console serial
terminal_output console serial
set timeout=1
menuentry "KVM Manager test guest" {
    insmod all_video
    echo "KVMM-ISO-GRUB: loading the test guest"
    linux /boot/vmlinuz console=tty0 console=ttyS0
    initrd /boot/initrd.img
}
EOF
log "building $iso"
"$mkrescue" -o "$work/guest.iso" "$work/root" -- -volid KVMM_GUEST 2> "$work/mkrescue.log" ||
    { cat "$work/mkrescue.log" >&2; die "grub-mkrescue failed"; }
chmod 0644 "$work/guest.iso"
rm -f "$cache"/kvmm-guest-*.iso  # older builds
mv -f "$work/guest.iso" "$iso"
log "built $iso ($(stat -c %s "$iso") bytes)"
echo "$iso"
