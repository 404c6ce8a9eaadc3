# Shell functions the test stack's scripts share (sourced, not run).

# Waits until something listens on ADDRESS:PORT; exits the script after about ten seconds.
wait_for_port() {
    local address=$1 port=$2 what=$3 i=0
    until (exec 3<>"/dev/tcp/$address/$port") 2>/dev/null; do
        i=$((i + 1))
        [ $i -gt 50 ] && { echo "$what did not come up" >&2; exit 1; }
        sleep 0.2
    done
}

# Whether pid file $1 names a running $2. /run outlives the machine's processes here (a restored
# machine keeps its old pid files): a pid counts only when it runs the program named, not a zombie.
alive() {
    local pid
    pid=$(cat "$1" 2>/dev/null) || return 1
    [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$2" ] && grep -q '^State:[[:space:]]*[^Z]' "/proc/$pid/status" 2>/dev/null
}
