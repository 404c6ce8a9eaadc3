#!/bin/bash
# Ends the daemons that up.sh started (and nothing else).
set -u
cd "$(dirname "$0")/../.."
started=test/artifacts/stack-started
[ -f "$started" ] || exit 0
tac "$started" | while read -r name; do
    pkill -x "$name" 2>/dev/null || true
done
rm -f "$started"
