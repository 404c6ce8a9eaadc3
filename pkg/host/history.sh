#!/bin/bash
# Sets up and starts the history engine: Prometheus scraping prometheus-libvirt-exporter (per VM)
# and prometheus-node-exporter (the host), all on 127.0.0.1. Settings live in
# /etc/kvm-manager/history.conf (KEY=value lines; the page reads it too); variables of the same
# name given to this script change them. Through systemd where it is PID 1 (a drop-in per packaged
# unit), by hand otherwise, with pid files in /run checked against the program they name.
# With STARTED_FILE set, the pid files of daemons started by hand are appended there.
set -eu

conf_dir=/etc/kvm-manager
conf=$conf_dir/history.conf
defaults() {
    # Cockpit has 9090: Prometheus takes 9190; the exporters keep their usual ports, on loopback.
    : "${KVMM_HISTORY_PORT:=9190}" "${KVMM_HISTORY_SCRAPE_INTERVAL:=15s}" "${KVMM_HISTORY_RETENTION:=30d}"
    : "${KVMM_HISTORY_NODE_PORT:=9100}" "${KVMM_HISTORY_LIBVIRT_PORT:=9177}"
}
# Given variables win over the file's, which win over the defaults.
if [ -f "$conf" ]; then
    while IFS='=' read -r key value; do
        case "$key" in KVMM_HISTORY_[A-Z]*) [ -n "${!key+set}" ] || printf -v "$key" '%s' "$value" ;; esac
    done < "$conf"
fi
defaults
: "${KVMM_HISTORY_URL:=}" "${KVMM_HISTORY_VM_LABEL:=domain}" "${KVMM_HISTORY_HOST_SELECTOR:=}"

for p in prometheus prometheus-node-exporter prometheus-libvirt-exporter; do
    command -v "$p" >/dev/null 2>&1 || { echo "$p is not installed: run pkg/host/install-deps.sh" >&2; exit 1; }
done

mkdir -p "$conf_dir"
cat > "$conf.new" <<EOF
# KVM Manager's history (pkg/host/history.sh writes this file; run it again after a change).
# Prometheus on 127.0.0.1:PORT keeps RETENTION of samples taken every SCRAPE_INTERVAL.
KVMM_HISTORY_PORT=$KVMM_HISTORY_PORT
KVMM_HISTORY_SCRAPE_INTERVAL=$KVMM_HISTORY_SCRAPE_INTERVAL
KVMM_HISTORY_RETENTION=$KVMM_HISTORY_RETENTION
KVMM_HISTORY_NODE_PORT=$KVMM_HISTORY_NODE_PORT
KVMM_HISTORY_LIBVIRT_PORT=$KVMM_HISTORY_LIBVIRT_PORT
# Another Prometheus-compatible endpoint (central Prometheus, Thanos, Mimir, VictoriaMetrics) for
# the page and kvmm to read instead, e.g. http://prometheus.example:9090; empty: this host's.
KVMM_HISTORY_URL=$KVMM_HISTORY_URL
# The label naming a VM in libvirt metrics, and a PromQL label matcher that picks this host's
# series out of many hosts' (e.g. host="kvm1"); empty: every series is this host's.
KVMM_HISTORY_VM_LABEL=$KVMM_HISTORY_VM_LABEL
KVMM_HISTORY_HOST_SELECTOR=$KVMM_HISTORY_HOST_SELECTOR
EOF
mv "$conf.new" "$conf"
chmod 0644 "$conf"

# The alert rules: the defaults once; later the page and `kvmm alerts` keep the file (the unit
# tests check that these defaults are what the page renders as its defaults).
[ -f "$conf_dir/alert-rules.yml" ] || install -m 0644 "$(dirname "$0")/alert-rules.yml" "$conf_dir/alert-rules.yml"

host=$(hostname)
cat > "$conf_dir/prometheus.yml" <<EOF
# Written by KVM Manager (pkg/host/history.sh) from $conf.
global:
  scrape_interval: $KVMM_HISTORY_SCRAPE_INTERVAL
  evaluation_interval: $KVMM_HISTORY_SCRAPE_INTERVAL
rule_files:
  - $conf_dir/alert-rules.yml
scrape_configs:
  - job_name: node
    static_configs:
      - targets: ['127.0.0.1:$KVMM_HISTORY_NODE_PORT']
        labels: {host: '$host'}
  - job_name: libvirt
    static_configs:
      - targets: ['127.0.0.1:$KVMM_HISTORY_LIBVIRT_PORT']
        labels: {host: '$host'}
EOF
chmod 0644 "$conf_dir/prometheus.yml"
data=/var/lib/prometheus/kvm-manager
install -d -o prometheus -g prometheus "$data"
# The libvirt exporter reads qemu:///system as the prometheus user.
id -nG prometheus | grep -qw libvirt || usermod -a -G libvirt prometheus 2>/dev/null || true

prom_args="--config.file=$conf_dir/prometheus.yml --storage.tsdb.path=$data --storage.tsdb.retention.time=$KVMM_HISTORY_RETENTION --web.listen-address=127.0.0.1:$KVMM_HISTORY_PORT --web.enable-lifecycle"
node_args="--web.listen-address=127.0.0.1:$KVMM_HISTORY_NODE_PORT"
libvirt_args="--web.listen-address=127.0.0.1:$KVMM_HISTORY_LIBVIRT_PORT --libvirt.uri=qemu:///system"

if [ "$(cat /proc/1/comm 2>/dev/null)" = systemd ]; then
    for unit in prometheus:prometheus:"$prom_args" prometheus-node-exporter:prometheus-node-exporter:"$node_args" \
                prometheus-libvirt-exporter:prometheus-libvirt-exporter:"$libvirt_args"; do
        name=${unit%%:*} rest=${unit#*:}
        program=${rest%%:*} args=${rest#*:}
        mkdir -p "/etc/systemd/system/$name.service.d"
        printf '[Service]\nEnvironmentFile=\nExecStart=\nExecStart=/usr/bin/%s %s\n' "$program" "$args" \
            > "/etc/systemd/system/$name.service.d/kvm-manager.conf"
    done
    systemctl daemon-reload
    systemctl enable --now prometheus-node-exporter.service prometheus-libvirt-exporter.service prometheus.service
    systemctl restart prometheus-node-exporter.service prometheus-libvirt-exporter.service prometheus.service
    exit 0
fi

# By hand: a pid file counts only while its pid runs the program it names.
running() {
    local pid
    pid=$(cat "$1" 2>/dev/null) || return 1
    [ "$(readlink "/proc/$pid/exe" 2>/dev/null)" = "$2" ] && grep -q '^State:[[:space:]]*[^Z]' "/proc/$pid/status" 2>/dev/null
}
mkdir -p /var/log/kvm-manager
chown prometheus /var/log/kvm-manager 2>/dev/null || true
start() {
    local name=$1 program=$2 port=$3 pidfile=/run/kvmm-$1.pid
    shift 3
    if running "$pidfile" "$program"; then
        # Settings on the command line: a running daemon with other ones is restarted; the
        # configuration file is read again on SIGHUP (Prometheus only: Go exits on it by default).
        if [ "$(tr '\0' ' ' < "/proc/$(cat "$pidfile")/cmdline")" = "$program $* " ]; then
            [ "$name" = prometheus ] && kill -HUP "$(cat "$pidfile")"
            return 0
        fi
        kill "$(cat "$pidfile")"
        while running "$pidfile" "$program"; do sleep 0.2; done
    fi
    # nohup and setpriv exec the program: the pid left is the daemon's own.
    nohup setpriv --reuid=prometheus --regid=prometheus --init-groups -- "$program" "$@" >> "/var/log/kvm-manager/$name.log" 2>&1 &
    echo $! > "$pidfile"
    [ -n "${STARTED_FILE:-}" ] && echo "$pidfile" >> "$STARTED_FILE"
    local i=0
    until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
        i=$((i + 1))
        [ $i -gt 100 ] && { echo "$name did not come up (see /var/log/kvm-manager/$name.log)" >&2; exit 1; }
        sleep 0.2
    done
}
# shellcheck disable=SC2086
start node-exporter /usr/bin/prometheus-node-exporter "$KVMM_HISTORY_NODE_PORT" $node_args
# shellcheck disable=SC2086
start libvirt-exporter /usr/bin/prometheus-libvirt-exporter "$KVMM_HISTORY_LIBVIRT_PORT" $libvirt_args
# shellcheck disable=SC2086
start prometheus /usr/bin/prometheus "$KVMM_HISTORY_PORT" $prom_args
