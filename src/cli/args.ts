// kvmm's command line → what to do. Pure, so that every refusal is unit-tested.
import { isOvfVersion, type OvfVersion } from "../lib/ovf/ovf-build.ts";
import { type DomainState, stateFromName } from "../libvirt/domain-state.ts";
import type { PoolSpec } from "../libvirt/storage-pool-xml.ts";
import type { VolumeFormat } from "../libvirt/volume-xml.ts";
import type { CloneOptions } from "../operations/clone/options.ts";
import { type ExportFormat, formatOfFileName } from "../operations/export-import/export-vm.ts";
import type { ImportDiskFormat } from "../operations/export-import/import-vm.ts";
import { checkNewVmName, expandNamePattern } from "../operations/name-pattern.ts";
import { POWER_ACTIONS, type PowerAction } from "../operations/vm-power.ts";
import { BACKUP_COMMAND_OPTIONS, BACKUP_VALUE_OPTIONS, type BackupCommand, backupCommand } from "./backup-commands.ts";
import { type HistoryCommand, historyCommand, THIS_HOST } from "./history-args.ts";
import { listMarkFilters, MARK_COMMAND_OPTIONS, MARK_FLAG_OPTIONS, MARK_VALUE_OPTIONS, type MarkCommand, markCommand } from "./mark-args.ts";
import { NET_COMMAND_OPTIONS, NET_VALUE_OPTIONS, type NetCommand, netCommand } from "./net-commands.ts";
import { SCHEDULE_COMMAND_OPTIONS, SCHEDULE_VALUE_OPTIONS, type ScheduleCommand, scheduleCommand } from "./schedule-commands.ts";
import { SHARE_COMMAND_OPTIONS, type ShareCommand, shareCommand } from "./share-commands.ts";
import { POOL_OPTIONS, poolCommand, volCommand } from "./storage-args.ts";
import { exactly, first, UsageError } from "./usage-error.ts";
import { powerCommand, snapshotCommand } from "./vm-args.ts";

export interface GlobalOptions {
    session: boolean;
    json: boolean;
    /** USER@HOST[:PORT] to run on over SSH. */
    host?: string;
    /** The kvmm command on that host (where it is not on the PATH of SSH commands). */
    remoteKvmm?: string;
}

export type Command =
    | { kind: "help" }
    | { kind: "version" }
    | { kind: "list"; state?: DomainState; name?: string; tags?: string[]; folder?: string }
    | MarkCommand
    | { kind: "info"; vm: string }
    | HistoryCommand
    | { kind: "power"; action: PowerAction; vms: string[]; waitSeconds?: number; force?: true; ifNeeded?: true }
    | { kind: "snapshot-list"; vm: string }
    | { kind: "snapshot-create"; vm: string; name?: string; description: string }
    | { kind: "snapshot-scheduled"; vm: string; schedule: string; keep: number }
    | { kind: "snapshot-revert" | "snapshot-delete"; vm: string; name: string }
    | { kind: "delete"; vm: string; storage: boolean }
    | { kind: "clone"; options: CloneOptions }
    | { kind: "template"; vm: string; undo: boolean }
    | { kind: "deploy"; template: string; names: string[]; linked: boolean; start: boolean; cloudInit?: DeployCloudInit }
    | { kind: "migrate"; vm: string; destination: string; offline: boolean; copyStorage: boolean; undefineSource: boolean }
    | { kind: "export"; vm: string; file: string; pool?: string; format: ExportFormat; snapshot?: string; compress: boolean; ovfVersion?: OvfVersion }
    | { kind: "import"; file: string; name?: string; pool: string; network?: string; diskFormat: ImportDiskFormat }
    | { kind: "pool-list" }
    | { kind: "pool-info" | "pool-refresh"; pool: string }
    | { kind: "pool-create"; spec: PoolSpec }
    | { kind: "vol-list"; pool: string }
    | { kind: "vol-create"; pool: string; name: string; capacity: number; format: VolumeFormat; backing?: string }
    | { kind: "vol-delete"; pool: string; name: string }
    | { kind: "vol-resize"; pool: string; name: string; capacity: number }
    | { kind: "vol-clone"; pool: string; name: string; newName: string }
    | { kind: "vol-upload"; pool: string; file: string; name?: string }
    | NetCommand
    | ShareCommand
    | ScheduleCommand
    | BackupCommand;

/** cloud-init for deployed VMs as the command line gives it: files, read when the command runs. */
export interface DeployCloudInit {
    user?: string;
    sshKeyFile?: string;
    userDataFile?: string;
}

export interface Parsed {
    global: GlobalOptions;
    command: Command;
    /** The arguments without --host and --remote-kvmm, as the remote kvmm gets them. */
    forward: string[];
}

export { UsageError };

/** Splits options (with their values, the last one and all) from positional words; `--` ends the options. */
function split(argv: readonly string[], withValue: ReadonlySet<string>): { options: Map<string, string>; repeated: Map<string, string[]>; words: string[] } {
    const options = new Map<string, string>();
    const repeated = new Map<string, string[]>();
    const words: string[] = [];
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i] ?? "";
        if (arg === "--") {
            words.push(...argv.slice(i + 1));
            break;
        }
        if (!arg.startsWith("-") || arg === "-") {
            words.push(arg);
            continue;
        }
        const eq = arg.indexOf("=");
        const name = eq > 0 ? arg.slice(0, eq) : arg;
        if (withValue.has(name)) {
            const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
            if (value === undefined) throw new UsageError(`${name} needs a value`);
            options.set(name, value);
            repeated.set(name, [...repeated.get(name) ?? [], value]);
        } else {
            if (eq > 0) throw new UsageError(`${name} takes no value`);
            options.set(name, "");
        }
    }
    return { options, repeated, words };
}

const MIGRATE_OPTIONS = ["--offline", "--copy-storage", "--undefine-source"];
const VALUE_OPTIONS = new Set(["--host", "--remote-kvmm", "--state", "--name", "--timeout", "--description", "--snapshot", "--pool",
                               "--count", "--pattern", "--ssh-key", "--user", "--user-data", "--network", "--format", "--ovf-version", "--since",
                               "--size", "--backing", "--schedule", ...MARK_VALUE_OPTIONS, ...POOL_OPTIONS, ...NET_VALUE_OPTIONS, ...SCHEDULE_VALUE_OPTIONS, ...BACKUP_VALUE_OPTIONS]);
/** Options for this side of --host only. */
const LOCAL_OPTIONS = ["--host", "--remote-kvmm"];
const KNOWN = new Set([...VALUE_OPTIONS, "--session", "--json", "--help", "-h", "--version", "--wait", "--storage", "--linked", "--new-snapshot", "--start",
                       "--undo", "--compress", "--build", "--force", "--full", "--if-needed", "--read-only", ...MARK_FLAG_OPTIONS, THIS_HOST, ...MIGRATE_OPTIONS]);

/** Which options each command accepts besides the global ones. */
const COMMAND_OPTIONS: Record<string, readonly string[]> = {
    list: ["--state", "--name", "--tag", "--folder"], ...MARK_COMMAND_OPTIONS,
    power: ["--wait", "--timeout", "--force", "--if-needed"],
    "snapshot-create": ["--description"],
    "snapshot-scheduled": ["--keep", "--schedule"],
    delete: ["--storage"],
    clone: ["--linked", "--snapshot", "--new-snapshot", "--pool", "--start"],
    template: ["--undo"],
    deploy: ["--linked", "--start", "--count", "--pattern", "--ssh-key", "--user", "--user-data"],
    migrate: MIGRATE_OPTIONS,
    export: ["--snapshot", "--compress", "--ovf-version", "--pool"],
    import: ["--name", "--pool", "--network", "--format"],
    "pool-create": [...POOL_OPTIONS, "--build"],
    "vol-create": ["--size", "--format", "--backing"],
    "vol-upload": ["--name"],
    ...NET_COMMAND_OPTIONS,
    ...SHARE_COMMAND_OPTIONS,
    ...SCHEDULE_COMMAND_OPTIONS,
    ...BACKUP_COMMAND_OPTIONS,
    stats: ["--since", THIS_HOST],
};

const DEPLOY_USAGE = "deploy TEMPLATE (NAME...|--pattern P [--count N]) [--linked] [--start] [--user U --ssh-key FILE | --user-data FILE]";

function deployCommand(rest: string[], options: Map<string, string>): Command {
    const [template, ...names] = rest;
    if (template === undefined) throw new UsageError(`usage: kvmm ${DEPLOY_USAGE}`);
    const pattern = options.get("--pattern");
    const countText = options.get("--count");
    if (pattern !== undefined && names.length > 0) throw new UsageError("give the new VMs' names or --pattern, not both");
    if (pattern === undefined && countText !== undefined) throw new UsageError("--count goes with --pattern");
    if (pattern === undefined && names.length === 0) throw new UsageError(`usage: kvmm ${DEPLOY_USAGE}`);
    const count = countText === undefined ? undefined : Number(countText);
    const expanded = pattern === undefined ? { names } : expandNamePattern(pattern, count);
    if ("problem" in expanded) throw new UsageError(expanded.problem);
    const badName = expanded.names.map(checkNewVmName).find(problem => problem !== null);
    if (badName) throw new UsageError(badName);
    const cloudInit: DeployCloudInit = {};
    for (const [option, key] of [["--user", "user"], ["--ssh-key", "sshKeyFile"], ["--user-data", "userDataFile"]] as const) {
        const value = options.get(option);
        if (value !== undefined) cloudInit[key] = value;
    }
    if (cloudInit.userDataFile !== undefined && (cloudInit.user !== undefined || cloudInit.sshKeyFile !== undefined))
        throw new UsageError("--user-data replaces the generated user data: give it without --user and --ssh-key");
    if ((cloudInit.user === undefined) !== (cloudInit.sshKeyFile === undefined))
        throw new UsageError("--user and --ssh-key go together (kvmm takes no password on the command line)");
    return {
        kind: "deploy", template, names: expanded.names,
        linked: options.has("--linked"), start: options.has("--start"),
        ...(Object.keys(cloudInit).length ? { cloudInit } : {}),
    };
}


function command(words: string[], options: Map<string, string>, repeated: Map<string, string[]>): Command {
    const [verb, ...rest] = words;
    if (verb === undefined) throw new UsageError("no command given (see kvmm --help)");
    if (verb === "list") {
        exactly(rest, 0, "list [--state STATE] [--name GLOB] [--tag TAG]... [--folder FOLDER]");
        const stateName = options.get("--state");
        const state = stateName === undefined ? undefined : stateFromName(stateName);
        if (stateName !== undefined && state === undefined) throw new UsageError(`unknown state: ${stateName}`);
        const name = options.get("--name");
        return { kind: "list", ...(state ? { state } : {}), ...(name !== undefined ? { name } : {}), ...listMarkFilters(options, repeated) };
    }
    if (verb === "tag" || verb === "folder") return markCommand(verb, rest, options, repeated);
    if (verb === "info") return { kind: "info", vm: first(exactly(rest, 1, "info VM")) };
    if (verb === "stats" || verb === "alerts" || verb === "suggestions") return historyCommand(verb, rest, options);
    if ((POWER_ACTIONS as readonly string[]).includes(verb)) return powerCommand(verb as PowerAction, rest, options);
    if (verb === "snapshot") return snapshotCommand(rest, options);
    if (verb === "export") return exportCommand(rest, options);
    if (verb === "import") return importCommand(rest, options);
    if (verb === "clone") {
        const [source = "", name = ""] = exactly(rest, 2, "clone SOURCE NAME [--linked] [--snapshot NAME | --new-snapshot] [--pool POOL] [--start]")
        if (options.has("--snapshot") && options.has("--new-snapshot")) throw new UsageError("--snapshot and --new-snapshot do not go together")
        return {
            kind: "clone",
            options: {
                source, name, linked: options.has("--linked"), start: options.has("--start"), newSnapshot: options.has("--new-snapshot"),
                snapshot: options.get("--snapshot"), pool: options.get("--pool"),
            },
        }
    }
    if (verb === "pool") return poolCommand(rest, options);
    if (verb === "vol") return volCommand(rest, options);
    if (verb === "net") return netCommand(rest, options);
    if (verb === "share") return shareCommand(rest, options);
    if (verb === "schedule") return scheduleCommand(rest, options);
    if (verb === "backup") return backupCommand(rest, options);
    if (verb === "template") return { kind: "template", vm: first(exactly(rest, 1, "template VM [--undo]")), undo: options.has("--undo") };
    if (verb === "deploy") return deployCommand(rest, options);
    if (verb === "delete") return { kind: "delete", vm: first(exactly(rest, 1, "delete VM [--storage]")), storage: options.has("--storage") };
    if (verb === "migrate") {
        const [vm = "", destination = ""] = exactly(rest, 2, "migrate VM DEST [--offline] [--copy-storage] [--undefine-source]");
        return {
            kind: "migrate", vm, destination,
            offline: options.has("--offline"), copyStorage: options.has("--copy-storage"), undefineSource: options.has("--undefine-source"),
        };
    }
    throw new UsageError(`unknown command: ${verb} (see kvmm --help)`);
}

function ovfVersionOption(options: Map<string, string>, format: ExportFormat): OvfVersion | undefined {
    const value = options.get("--ovf-version");
    if (value === undefined) return undefined;
    if (format !== "ova") throw new UsageError("--ovf-version applies to an .ova only");
    if (!isOvfVersion(value)) throw new UsageError(`--ovf-version takes 1.0 or 2.0, not ${value}`);
    return value;
}

function exportCommand(rest: string[], options: Map<string, string>): Command {
    const [vm = "", file = ""] = exactly(rest, 2, "export VM FILE.ova|FILE.tar [--pool P] [--snapshot S] [--compress] [--ovf-version 1.0|2.0]");
    const format = formatOfFileName(file);
    if (!format) throw new UsageError(`the file name must end in .ova (OVA for VMware and VirtualBox) or .tar (a KVM Manager bundle), not ${file}`);
    if (options.has("--compress") && format !== "bundle") throw new UsageError("--compress applies to a .tar bundle only (OVA disks are always compressed)");
    const ovfVersion = ovfVersionOption(options, format);
    const snapshot = options.get("--snapshot");
    const pool = options.get("--pool");
    if (pool !== undefined && file.includes("/")) throw new UsageError(`with --pool, FILE is a file name in the pool, not a path: ${file}`);
    return {
        kind: "export", vm, file, ...(pool !== undefined ? { pool } : {}), format, ...(snapshot !== undefined ? { snapshot } : {}), compress: options.has("--compress"),
        ...(ovfVersion !== undefined ? { ovfVersion } : {}),
    };
}

function importCommand(rest: string[], options: Map<string, string>): Command {
    const file = first(exactly(rest, 1, "import FILE [--name N] [--pool P] [--network NET] [--format qcow2|raw]"));
    const diskFormat = options.get("--format") ?? "qcow2";
    if (diskFormat !== "qcow2" && diskFormat !== "raw") throw new UsageError(`--format needs qcow2 or raw, not ${diskFormat}`);
    const name = options.get("--name");
    const network = options.get("--network");
    return {
        kind: "import", file, pool: options.get("--pool") ?? "default", diskFormat,
        ...(name !== undefined ? { name } : {}), ...(network !== undefined ? { network } : {}),
    };
}

function optionsOf(c: Command): readonly string[] {
    return COMMAND_OPTIONS[c.kind] ?? [];
}

/** A bare --host after `stats` (at the end, or before another option) is THIS_HOST. */
function thisHost(argv: readonly string[]): readonly string[] {
    let verb = -1;
    for (let i = 0; i < argv.length && verb < 0; i++) {
        const a = argv[i] ?? "";
        if (VALUE_OPTIONS.has(a)) i++;
        else if (!a.startsWith("-")) verb = i;
    }
    if (argv[verb] !== "stats") return argv;
    return argv.map((a, i) => i > verb && a === "--host" && (argv[i + 1] === undefined || argv[i + 1]?.startsWith("-") === true) ? THIS_HOST : a);
}

export function parseArgs(given: readonly string[]): Parsed {
    const argv = thisHost(given);
    const { options, repeated, words } = split(argv, VALUE_OPTIONS);
    for (const name of options.keys()) if (!KNOWN.has(name)) throw new UsageError(`unknown option: ${name}`);
    const host = options.get("--host");
    if (host !== undefined && !/^[^\s@:/]+@[^\s@:/]+(:\d+)?$/.test(host)) throw new UsageError(`--host needs USER@HOST[:PORT], not ${host}`);
    const remoteKvmm = options.get("--remote-kvmm");
    if (remoteKvmm !== undefined && host === undefined) throw new UsageError("--remote-kvmm applies only with --host");
    const global: GlobalOptions = { session: options.has("--session"), json: options.has("--json"), ...(host ? { host } : {}), ...(remoteKvmm ? { remoteKvmm } : {}) };
    const forward = argv.filter((arg, i) => !LOCAL_OPTIONS.some(o => arg === o || arg.startsWith(`${o}=`) || argv[i - 1] === o));
    if (options.has("--help") || options.has("-h")) return { global, command: { kind: "help" }, forward };
    if (options.has("--version")) return { global, command: { kind: "version" }, forward };
    const parsed = command(words, options, repeated);
    const allowed = new Set([...optionsOf(parsed), "--session", "--json", ...LOCAL_OPTIONS]);
    for (const name of options.keys()) {
        if (!allowed.has(name)) throw new UsageError(`${name} does not apply to this command`);
    }
    return { global, command: parsed, forward };
}
