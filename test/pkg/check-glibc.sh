#!/bin/bash
# Checks that each agent binary runs on glibc 2.28 (RHEL 8, Ubuntu 20.04, Debian 10): no
# symbol version it needs from glibc is newer. readelf reads both architectures' ELF files.
#   bash test/pkg/check-glibc.sh BINARY...
set -euo pipefail
FLOOR=2.28
failed=0
for bin in "$@"; do
    newest=$(readelf -V --wide "$bin" | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -n1)
    if [ -z "$newest" ]; then
        echo "not ok - $bin: no GLIBC_ symbol versions found"; failed=1
    elif [ "$(printf '%s\n%s\n' "$newest" "$FLOOR" | sort -V | tail -n1)" = "$FLOOR" ]; then
        echo "ok - $bin needs glibc $newest (floor $FLOOR)"
    else
        echo "not ok - $bin needs glibc $newest, newer than the floor $FLOOR"; failed=1
    fi
done
exit $failed
