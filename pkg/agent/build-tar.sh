#!/bin/sh
# Builds the archive of the agent that the plugin serves for download (make puts it at
# dist/agent/kvmm-agent.tar): the script and what pkg/agent/install.sh installs with it, for
# guests without a kvmm-agent package. Reproducible: names sorted, owner root, time 0.
#   sh pkg/agent/build-tar.sh <output.tar>
set -eu
repo=$(cd "$(dirname "$0")/../.." && pwd)
out=$1
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
dir=$stage/kvmm-agent
install -D -m 0755 "$repo/agent/dist/kvmm-agent.js" "$dir/kvmm-agent.js"
install -m 0755 "$repo/pkg/agent/install.sh" "$dir/install.sh"
install -m 0644 "$repo/pkg/agent/kvmm-agent.service" "$repo/pkg/agent/99-kvmm-agent.rules" "$repo/agent/README.md" "$dir/"
mkdir -p "$(dirname "$out")"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -C "$stage" -cf "$out.tmp" kvmm-agent
mv "$out.tmp" "$out"
