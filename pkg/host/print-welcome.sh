#!/bin/bash
# Tells the user where KVM Manager is and how to log in.
address=${COCKPIT_ADDRESS:-127.0.0.1}
port=${COCKPIT_PORT:-9090}
root_note="root may log in too."
if grep -qx root /etc/cockpit/disallowed-users 2>/dev/null; then
    root_note="Cockpit refuses root here (/etc/cockpit/disallowed-users): use another account."
fi
users=$(getent group libvirt | cut -d: -f4)
cat <<MSG

KVM Manager is running.

  Open:    http://$address:$port/kvm-manager
  Log in:  with a local account's user name and password. $root_note
           Members of the "libvirt" group see and manage the system's VMs${users:+ (now: $users)};
           members of "sudo"/"wheel" can also switch on administrative access in the top bar.

  To create such an account:  useradd -m -G libvirt,sudo NAME && passwd NAME

  From a shell (as root or in the "libvirt" group):  kvmm list   (kvmm --help, man kvmm)
MSG
