#!/bin/bash
# Ends the daemons that up.sh started (and nothing else).
set -u
cd "$(dirname "$0")/../.."
started=test/artifacts/stack-started
[ -f "$started" ] || exit 0
tac "$started" | while read -r name; do
    case "$name" in
        second-host) bash test/stack/second-host.sh --down ;;
        /*) [ -f "$name" ] && kill "$(cat "$name")" 2>/dev/null; rm -f "$name" ;;  # a pid file
        *) pkill -x "$name" 2>/dev/null || true ;;
    esac
done
rm -f "$started"
