#!/bin/sh
# Builds the archive of the agent for one architecture that the plugin serves for download (make
# puts them at dist/agent/kvmm-agent-<arch>.tar.gz): the binary and what pkg/agent/install.sh
# installs with it, for guests without a kvmm-agent package. Reproducible: names sorted, owner
# root, time 0, no name or time in the gzip header.
#   sh pkg/agent/build-tar.sh <x86_64|aarch64> <output.tar.gz>
set -eu
repo=$(cd "$(dirname "$0")/../.." && pwd)
arch=$1
out=$2
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
dir=$stage/kvmm-agent
install -D -m 0755 "$repo/agent/dist/kvmm-agent-$arch" "$dir/kvmm-agent"
install -m 0755 "$repo/pkg/agent/install.sh" "$dir/install.sh"
install -m 0644 "$repo/pkg/agent/kvmm-agent.service" "$repo/pkg/agent/99-kvmm-agent.rules" "$repo/agent/README.md" "$dir/"
mkdir -p "$(dirname "$out")"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -C "$stage" -cf - kvmm-agent | gzip -6n > "$out.tmp"
mv "$out.tmp" "$out"
