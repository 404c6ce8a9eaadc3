// kvmm's commands and options, written once: `kvmm --help` and the man page (kvmm.1) are both
// made from this text.
import { BACKUP_HELP } from "./backup-help.ts";
import { SHARE_HELP } from "./share-commands.ts";

export interface CommandHelp {
    synopsis: string;
    summary: string;
    options?: readonly (readonly [string, string])[];
}

export const GLOBAL_OPTIONS: readonly (readonly [string, string])[] = [
    ["--session", "the VMs of your own libvirt session (qemu:///session) instead of the system's"],
    ["--host USER@HOST[:PORT]", "run on another host over SSH; kvmm must be installed there"],
    ["--remote-kvmm COMMAND", "with --host: the kvmm command there, where it is not on the PATH of SSH commands (default: kvmm)"],
    ["--json", "machine-readable output on standard output (see JSON OUTPUT)"],
    ["-h, --help", "show this text"],
    ["--version", "show kvmm's version"],
];

const VM_COMMANDS: readonly CommandHelp[] = [
    {
        synopsis: "list [--state STATE] [--name GLOB] [--tag TAG]... [--folder FOLDER]",
        summary: "List the virtual machines with their state, vCPUs and memory.",
        options: [
            ["--state STATE", "only VMs in this state: running, paused, shutoff, crashed, pmsuspended, blocked, shutdown"],
            ["--name GLOB", "only VMs whose name matches the pattern (* ? [...])"],
            ["--tag TAG", "only VMs with this tag; given more than once, VMs with all of them"],
            ["--folder FOLDER", "only VMs in this folder"],
        ],
    },
    {
        synopsis: "tag VM [--add TAG[:COLOUR]]... [--remove TAG]...",
        summary: "Add or remove the VM's tags, kept in its metadata (virsh metadata VM https://kvmmanager.org/xmlns/domain/1); " +
            "without options, show them as TAG:COLOUR.",
        options: [
            ["--add TAG[:COLOUR]", "add a tag, or change its colour: grey, blue, teal, green, yellow, orange, red or purple " +
                "(without one, a tag the VM has keeps its colour and a new one gets a colour of its name)"],
            ["--remove TAG", "remove a tag"],
        ],
    },
    {
        synopsis: "folder VM [NAME|--none]",
        summary: "Put the VM in a folder (one per VM, kept in its metadata), or take it out with --none; without either, show its folder.",
        options: [["--none", "take the VM out of its folder"]],
    },
    { synopsis: "info VM", summary: "Show one VM: state, vCPUs, memory, firmware, disks and network interfaces." },
    {
        synopsis: "stats VM|--host [--since DURATION]",
        summary: "A VM's or the host's CPU, memory, disk and network use over a past span, from the stored history (Prometheus).",
        options: [
            ["--host", "the host rather than a VM"],
            ["--since DURATION", "how far back: 30m, 6h, 7d… (default 1h)"],
        ],
    },
    { synopsis: "alerts", summary: "The alerts Prometheus holds (firing, then pending) from the alert rules the Overview page edits." },
    {
        synopsis: "suggestions [VM]",
        summary: "What could be better about each VM (or one): virtio devices, a guest agent channel, the CPU model under emulation, " +
            "autostart for a VM that always runs, memory it never uses; the same list as the Overview page, whose buttons apply the fixes.",
    },
    {
        synopsis: "start|shutdown|reboot|destroy|pause|resume VM... [--wait] [--timeout SECONDS] [--force] [--if-needed]",
        summary: "Power actions, on one VM or several. shutdown asks the guest; destroy turns the VM off at once.",
        options: [
            ["--wait", "return only once each VM is in the state the action leads to"],
            ["--timeout SECONDS", "how long --wait waits for each VM (default 300)"],
            ["--force", "with shutdown --wait: a VM still running when the wait is over is turned off (destroyed)"],
            ["--if-needed", "nothing is done to a VM already in the state the action leads to (running for start, off for shutdown)"],
        ],
    },
    {
        synopsis: "snapshot list VM",
        summary: "List the VM's snapshots, each under the one it was taken from; * marks the current one.",
    },
    {
        synopsis: "snapshot create VM [NAME] [--description TEXT]",
        summary: "Take a snapshot (a running VM's memory is saved too), quiesced by the guest agent where one runs. Without NAME one is made from the date.",
    },
    {
        synopsis: "snapshot create VM --schedule ID --keep N",
        summary: "A schedule's snapshot (what its timer runs): named schedule-ID-DATE-TIME; of the snapshots named after ID only the last N stay, older ones are deleted.",
    },
    { synopsis: "snapshot revert VM NAME", summary: "Return the VM to the snapshot; what changed since is lost." },
    { synopsis: "snapshot delete VM NAME", summary: "Delete the snapshot; the snapshots taken from it stay." },
    {
        synopsis: "clone SOURCE NAME [--linked] [--snapshot SNAPSHOT | --new-snapshot] [--pool POOL] [--start]",
        summary: "Make a new VM from SOURCE: new UUID and MAC addresses, copies of its disks, UEFI variables and TPM state, " +
            "a new cloud-init instance; installer ISOs are shared. Progress goes to standard error; ^C cancels and removes what was made.",
        options: [
            ["--linked", "qcow2 overlays on SOURCE's disks instead of copies (fast, small): SOURCE must stay shut off and unchanged"],
            ["--snapshot SNAPSHOT", "the VM and its disks as this snapshot of SOURCE holds them"],
            ["--new-snapshot", "SOURCE runs: take a snapshot, copy from it, then delete it (without it a running SOURCE is refused)"],
            ["--pool POOL", "the storage pool for the copies (default: each disk's own)"],
            ["--start", "start the clone once it is made"],
        ],
    },
    {
        synopsis: "delete VM [--storage]",
        summary: "Delete the VM (turned off first when it runs).",
        options: [["--storage", "also delete its writable disk images and its cloud-init seed; installer ISOs stay"]],
    },
    {
        synopsis: "template VM [--undo]",
        summary: "Convert a shut-off VM into a template: its disks become read-only and it is no longer started; " +
            "new VMs are deployed from it.",
        options: [["--undo", "convert the template back into an ordinary VM"]],
    },
    {
        synopsis: "deploy TEMPLATE (NAME...|--pattern P [--count N]) [--linked] [--start] [--user U --ssh-key FILE | --user-data FILE]",
        summary: "Make new VMs from a template, each with its own cloud-init seed (a new instance and a host name after its VM). " +
            "Names that are taken are refused before anything is made; a VM that fails is removed, the others are kept.",
        options: [
            ["--pattern P", "names from one number range: web-{01..10} is web-01 to web-10; web-{1..} with --count"],
            ["--count N", "how many VMs (at most 100); must match the pattern's range when it has an end"],
            ["--linked", "qcow2 overlays on the template's disks instead of full copies: fast and small"],
            ["--start", "start each VM once it is made"],
            ["--user U", "with --ssh-key: the user cloud-init creates (with sudo), instead of the template's user data"],
            ["--ssh-key FILE", "the OpenSSH public keys (one a line) that user may log in with"],
            ["--user-data FILE", "cloud-init user data (#cloud-config or a script) for every new VM instead"],
        ],
    },
    {
        synopsis: "migrate VM DEST [--offline] [--copy-storage] [--undefine-source]",
        summary: "Move the VM to another libvirt host: DEST is HOST, USER@HOST or a URI (qemu+ssh://HOST/system). " +
            "A running VM moves live; the destination is checked first (name, networks, storage pools, CPU). " +
            "If the move fails or is interrupted, the VM keeps running here. Progress goes to standard error.",
        options: [
            ["--offline", "move a shut-off VM's definition only (its disks must be on storage both hosts share)"],
            ["--copy-storage", "copy the VM's disks to the destination's storage pools for the same directories (live moves)"],
            ["--undefine-source", "remove the VM's definition from this host once it moved"],
        ],
    },
    {
        synopsis: "export VM FILE.ova|FILE.tar [--pool P] [--snapshot S] [--compress] [--ovf-version 1.0|2.0]",
        summary: "Export a shut-off VM (or a snapshot of a running one) as an OVA that VMware and VirtualBox import, " +
            "or as a .tar bundle (domain XML, qcow2 disks, SHA-256 manifest) for KVM Manager. FILE must not exist.",
        options: [
            ["--pool P", "write FILE (a file name) into the directory of storage pool P, where it becomes a volume"],
            ["--snapshot S", "export the disks as they were at snapshot S"],
            ["--compress", "bundle only: compressed qcow2 disks"],
            ["--ovf-version V", "OVA only: the descriptor's OVF version, 1.0 (the default, read by every importer) or 2.0"],
        ],
    },
    {
        synopsis: "import FILE [--name N] [--pool P] [--network NET] [--format qcow2|raw]",
        summary: "Import a VM from an OVA or OVF (VMware, VirtualBox), a KVM Manager bundle, or a single disk image " +
            "(vmdk, vdi, vhdx, qcow2, raw). Checksums are verified first; a failed import leaves nothing behind.",
        options: [
            ["--name N", "the new VM's name (default: the name in the file, or the file's name)"],
            ["--pool P", "storage pool for the disks (default: default)"],
            ["--network NET", "virtual network for the NICs (default: default)"],
            ["--format qcow2|raw", "format of the new disks (default: qcow2)"],
        ],
    },
];

/** kvmm pool and vol: storage pools and their volumes. */
const STORAGE_HELP: readonly CommandHelp[] = [
    { synopsis: "pool list", summary: "List the storage pools with their type, state, sizes and target." },
    { synopsis: "pool info POOL", summary: "Show one pool: type, state, source (devices, server, export, volume group), target and sizes." },
    { synopsis: "pool refresh POOL", summary: "Scan the pool again, so images put there outside libvirt become volumes." },
    {
        synopsis: "pool create NAME --type dir|fs|netfs|logical|iscsi|disk [--path DIR] [--device DEV] [--server HOST] [--export DIR] [--vg VG] [--iqn IQN] [--build]",
        summary: "Define, start and autostart a pool. A device that is mounted, held, or another pool's is refused before anything changes.",
        options: [
            ["--type", "dir (default), fs (a disk or partition mounted on --path), netfs (NFS --server:--export on --path), " +
                "logical (LVM volume group --vg, default NAME), iscsi (--server and --iqn), disk (a whole disk, partitions as volumes)"],
            ["--build", "format the source first: mkfs for fs, a new volume group on --device for logical, a partition table for disk. ERASES IT"],
        ],
    },
    { synopsis: "vol list POOL", summary: "List the pool's volumes: format, capacity, allocation and the VMs with a disk on each." },
    {
        synopsis: "vol create POOL NAME --size SIZE [--format qcow2|raw] [--backing VOL]",
        summary: "Create an empty volume (SIZE: bytes, or a number with K, M, G or T); refused when it does not fit the pool's free space.",
        options: [["--backing VOL", "a qcow2 overlay on the pool's volume VOL"]],
    },
    { synopsis: "vol delete POOL NAME", summary: "Delete a volume; refused while a VM has a disk on it or another volume is an overlay on it (they are named)." },
    { synopsis: "vol resize POOL NAME SIZE", summary: "Grow a volume to SIZE (volumes only grow)." },
    { synopsis: "vol clone POOL NAME NEW", summary: "Copy a volume within its pool." },
    {
        synopsis: "vol upload POOL FILE [--name NAME]",
        summary: "Copy a file (an ISO or a disk image) into the pool as a new volume, byte for byte; checked against the pool's free space first.",
    },
];

/** kvmm net: virtual networks. */
const NET_HELP: readonly CommandHelp[] = [
    { synopsis: "net list", summary: "List the virtual networks: state, forwarding mode, bridge or host interfaces, addresses." },
    {
        synopsis: "net create NAME [--mode MODE] [--bridge B] [--ip A/P [--dhcp FROM-TO]] [--ipv6 A/P [--dhcp6 FROM-TO]] [--domain D] [--device DEV,...]",
        summary: "Create a network, start it and start it at boot. Subnets the host or another network has are refused before anything is defined.",
        options: [
            ["--mode MODE", "nat (default), route, open, isolated, bridge (joins the host bridge --bridge) or macvtap (the host interfaces --device)"],
            ["--bridge B", "the network's own bridge (default: libvirt chooses a free virbrN), or with --mode bridge the host's bridge"],
            ["--ip A/P, --ipv6 A/P", "the host's address on the network with its prefix length, e.g. 192.168.100.1/24"],
            ["--dhcp FROM-TO, --dhcp6 FROM-TO", "the addresses DHCP hands out"],
            ["--domain D", "the DNS domain of the VMs' names"],
            ["--device DEV,...", "macvtap: the host interfaces; route: the interface routed through"],
        ],
    },
    { synopsis: "net leases NET", summary: "The DHCP leases the network handed out: MAC, address, host name." },
    {
        synopsis: "net lease add|remove NET MAC IP [--name HOST]",
        summary: "Add or remove a static DHCP lease: the interface with MAC always gets IP; a running network is changed at once.",
    },
    { synopsis: "net forward list NET", summary: "The network's port forwards: protocol, host port, VM, its address and port." },
    {
        synopsis: "net forward add NET tcp|udp HOSTPORT VM ADDRESS:PORT",
        summary: "Forward a host port to the VM's address and port on a NAT network (needs root: the rules go into nftables). " +
            "A port a program on the host listens on, or one forwarded already, is refused.",
    },
    { synopsis: "net forward remove NET tcp|udp HOSTPORT", summary: "Remove the forward; nothing of it is left in nftables." },
];

const SCHEDULE_HELP: readonly CommandHelp[] = [
    {
        synopsis: "schedule list [VM]",
        summary: "The scheduled actions (systemd timers kvmm-schedule-*.timer in /etc/systemd/system): id, VM, action, calendar, next run, last result.",
    },
    {
        synopsis: "schedule add VM start|shutdown|reboot|snapshot --calendar EXPR [--keep N] [--timeout SECONDS]",
        summary: "Schedule an action: a timer and a service running kvmm are written and the timer turned on; prints the schedule's id. " +
            "EXPR is systemd's OnCalendar (\"Mon..Fri 07:00\", \"*-*-* 00/6:00:00\"), checked with systemd-analyze calendar. " +
            "Where systemd is not PID 1 the units are saved but do not run.",
        options: [
            ["--keep N", "snapshot: keep the schedule's last N snapshots (default 7)"],
            ["--timeout SECONDS", "shutdown: turn the VM off when the guest has not shut down after this long (default 300)"],
        ],
    },
    { synopsis: "schedule remove ID", summary: "Turn the schedule's timer off and remove its units." },
];

export const COMMANDS: readonly CommandHelp[] = [...VM_COMMANDS, ...STORAGE_HELP, ...NET_HELP, ...SHARE_HELP, ...SCHEDULE_HELP, ...BACKUP_HELP];

export const JSON_OUTPUT = [
    "list: an array of {name, state, persistent, vcpus, memoryKiB, maxMemoryKiB}.",
    "tag and folder: {tags: [{name, colour}], folder?}.",
    "info: {name, uuid, state, persistent, autostart, vcpus, maxVcpus, memoryKiB, maxMemoryKiB, osId, " +
        "firmware: {kind, secureBoot}, disks: [{target, device, path, format, readonly}], " +
        "interfaces: [{type, source, mac, model}]}.",
    "stats: {target, start, end, step (seconds), points: [{time, cpuPercent, memoryBytes, diskReadBytesPerSecond, diskWriteBytesPerSecond, " +
        "networkReceiveBytesPerSecond, networkTransmitBytesPerSecond}]}; a measure without a sample at a time is left out.",
    "alerts: an array of {name, rule (ours, or null), state (firing, pending), vm (or null), host (or null), since (seconds since the epoch), value, labels}.",
    "suggestions: {suggestions: [{vm, rule, title, explanation, fix (or null)}], missing: [what some rules need and this host lacks]}.",
    "snapshot list: an array of {name, parent, createdAt (seconds since the epoch), state, memory, current, description}.",
    "snapshot create: {name, consistency: shut-off|agent|qemu-guest-agent|crash-consistent, note?}. delete: {deletedImages: [paths]}.",
    "clone: {name, volumes: [paths made], warning (when there is one)}.",
    "deploy: an array of {name, state (done, failed, cancelled), error}.",
    "migrate: {uri, totalMs, downtimeMs (where known)}.",
    "import: {name, notTranslated: [hardware left out]}.",
    "pool list: an array of pool info. pool info and pool create: {name, type, active, autostart, persistent, capacity, allocation, available (bytes), " +
        "target, source: {devices, host, dir, name, format}}.",
    "vol list: an array of {name, path, format, capacity, allocation, usedBy: [VM names], backing?}; vol create, clone and upload: one such (without usedBy).",
    "net list: an array of {name, uuid, active, persistent, autostart, forwardMode, bridge, forwardDevices, domain, addresses: [{family, address, prefix, " +
        "dhcpStart, dhcpEnd, dhcpHosts: [{mac, ip, name}]}], dnsHosts: [{ip, hostnames}]}. net leases: an array of {interface, expiry, family, mac, address, " +
        "prefix, hostname, clientId}. net forward list: an array of {protocol, hostPort, address, guestPort, vm}. net create: {name}.",
    "share list: an array of {hostDir, tag, readOnly, driver}. share add: {tag, hostDir}.",
    "schedule list: {systemd (false: its timers do not run here), entries: [{id, timer, service, schedule: {id, vm, action, calendar, keep?, timeoutSeconds?}, " +
        "problem?, nextRun?, last?: {result, endedAt, message?}}]}. schedule add: the schedule and its nextRun. snapshot create --schedule: also deleted: [names].",
    "backup: {id, kind, directory, size, consistency, notes}. backup list: an array of {id, time, kind, parent?, size, consistency, problem?}. " +
        "backup verify: {checked: [ids], damaged: [ID/file]}. backup restore: {name, chain: [ids]}. backup prune: {deleted: [ids]}.",
    "state is libvirt's name of the state: running, blocked, paused, shutdown, shutoff, crashed, pmsuspended, nostate.",
];

export const EXIT_STATUS: readonly (readonly [string, string])[] = [
    ["0", "done"],
    ["1", "an operation failed (the reason, with libvirt's message, is on standard error)"],
    ["2", "the command line was wrong"],
];

const DESCRIPTION = "kvmm manages the KVM/QEMU virtual machines of a libvirt host from the command line, with " +
    "the same operations as the KVM Manager page in Cockpit. It talks to libvirt-dbus on the system bus, " +
    "as root or as a member of the libvirt group.";

function columns(rows: readonly (readonly [string, string])[], indent: string): string {
    const width = Math.max(...rows.map(([left]) => left.length));
    return rows.map(([left, right]) => `${indent}${left.padEnd(width)}  ${right}`).join("\n");
}

export function helpText(): string {
    const commands = COMMANDS.map(c => {
        const options = c.options ? `\n${columns(c.options, "      ")}` : "";
        return `  kvmm ${c.synopsis}\n      ${c.summary}${options}`;
    }).join("\n");
    return `Usage: kvmm [OPTIONS] COMMAND [ARGS]\n\n${DESCRIPTION}\n\nCommands:\n${commands}\n\n` +
        `Options:\n${columns(GLOBAL_OPTIONS, "  ")}\n\nJSON output:\n${JSON_OUTPUT.map(l => `  ${l}`).join("\n")}\n\n` +
        `Exit status:\n${columns(EXIT_STATUS, "  ")}\n`;
}

/** roff escapes: backslashes, leading dots and apostrophes, hyphens in option names. */
function roff(text: string): string {
    return text.replace(/\\/g, "\\e").replace(/-/g, "\\-").replace(/^([.'])/gm, "\\&$1");
}

export function manPage(version: string): string {
    const items = (rows: readonly (readonly [string, string])[]) =>
        rows.map(([left, right]) => `.TP\n.B ${roff(left)}\n${roff(right)}`).join("\n");
    return [
        `.TH KVMM 1 "" "kvmm ${roff(version)}" "KVM Manager"`,
        ".SH NAME",
        "kvmm \\- manage the virtual machines of a libvirt host",
        ".SH SYNOPSIS",
        ".B kvmm\n[\\fIOPTIONS\\fR] \\fICOMMAND\\fR [\\fIARGS\\fR]",
        ".SH DESCRIPTION",
        roff(DESCRIPTION),
        ".SH COMMANDS",
        COMMANDS.map(c => `.TP\n.B kvmm ${roff(c.synopsis)}\n${roff(c.summary)}${c.options ? `\n.RS\n${items(c.options)}\n.RE` : ""}`).join("\n"),
        ".SH OPTIONS",
        items(GLOBAL_OPTIONS),
        ".SH JSON OUTPUT",
        JSON_OUTPUT.map(l => `${roff(l)}\n.PP`).join("\n"),
        ".SH EXIT STATUS",
        items(EXIT_STATUS),
        ".SH SEE ALSO",
        ".BR virsh (1)",
        "",
    ].join("\n");
}
