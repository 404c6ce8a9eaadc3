#!/bin/bash
# Tells the user where KVM Manager is and how to log in.
address=${COCKPIT_ADDRESS:-127.0.0.1}
port=${COCKPIT_PORT:-9090}
cat <<MSG

KVM Manager is running.

  Open:    http://$address:$port/kvm-manager
  Log in:  with a local user account of this machine (for example root, or a user in the
           "libvirt" group). Users in the "sudo"/"wheel" group can turn on administrative
           access in Cockpit's top bar to manage all system VMs.

  To create a user for it:  useradd -m -G libvirt,sudo NAME && passwd NAME
MSG
