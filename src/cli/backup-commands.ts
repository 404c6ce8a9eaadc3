// kvmm backup: VM backups (full and incremental) from the command line, with the page's operations.
import { formatBytes } from "../lib/format-bytes.ts";
import type { ConnectionId } from "../libvirt/connection.ts";
import { type BackupRow, pruneBackups, verifyBackup, vmBackups } from "../operations/backups/backups.ts";
import { backupVm } from "../operations/backups/create-backup.ts";
import { restoreBackup } from "../operations/backups/restore-backup.ts";
import type { Command } from "./args.ts";
import type { Output } from "./commands.ts";
import { progressControl } from "./progress.ts";
import { countOption, UsageError } from "./usage-error.ts";

export type BackupCommand =
    | { kind: "backup-create"; vm: string; target?: string; full: boolean }
    | { kind: "backup-list"; vm: string; target?: string }
    | { kind: "backup-verify"; vm: string; id: string; target?: string }
    | { kind: "backup-restore"; vm: string; id: string; name: string; pool?: string; target?: string }
    | { kind: "backup-prune"; vm: string; keep: number; target?: string };

export function isBackupCommand(command: Command): command is BackupCommand {
    return command.kind.startsWith("backup-");
}

export const BACKUP_VALUE_OPTIONS = ["--target", "--as", "--keep"];
export const BACKUP_COMMAND_OPTIONS: Record<string, readonly string[]> = {
    "backup-create": ["--target", "--full"],
    "backup-list": ["--target"],
    "backup-verify": ["--target"],
    "backup-restore": ["--target", "--as", "--pool"],
    "backup-prune": ["--target", "--keep"],
};

export const BACKUP_USAGE = [
    "backup VM [--target DIR] [--full]",
    "backup list VM [--target DIR]",
    "backup verify VM ID [--target DIR]",
    "backup restore VM ID --as NEWNAME [--pool POOL] [--target DIR]",
    "backup prune VM --keep N [--target DIR]",
];

const usage = (): UsageError => new UsageError(`usage:\n${BACKUP_USAGE.map(u => `  kvmm ${u}`).join("\n")}`);

export function backupCommand(rest: string[], options: Map<string, string>): BackupCommand {
    const [verb, ...args] = rest;
    const targetOption = options.get("--target");
    const target = targetOption !== undefined ? { target: targetOption.startsWith("/") ? targetOption : `${process.cwd()}/${targetOption}` } : {};
    if (verb === "list" && args.length === 1) return { kind: "backup-list", vm: args[0] ?? "", ...target };
    if (verb === "verify" && args.length === 2) return { kind: "backup-verify", vm: args[0] ?? "", id: args[1] ?? "", ...target };
    if (verb === "restore" && args.length === 2) {
        const name = options.get("--as");
        if (name === undefined || name === "") throw new UsageError("--as NEWNAME is needed: a backup is restored as a new virtual machine");
        const pool = options.get("--pool");
        return { kind: "backup-restore", vm: args[0] ?? "", id: args[1] ?? "", name, ...(pool !== undefined ? { pool } : {}), ...target };
    }
    if (verb === "prune" && args.length === 1) {
        const keep = countOption(options, "--keep");
        if (keep === undefined) throw new UsageError("--keep N is needed: how many full backups (with their incremental ones) to keep");
        return { kind: "backup-prune", vm: args[0] ?? "", keep, ...target };
    }
    if (verb !== undefined && !["list", "verify", "restore", "prune"].includes(verb) && args.length === 0)
        return { kind: "backup-create", vm: verb, full: options.has("--full"), ...target };
    throw usage();
}

function listText(rows: readonly BackupRow[]): string {
    return rows.map(r => `${r.id}\t${r.kind ?? "-"}\t${r.time ?? "-"}\t${r.size !== undefined ? formatBytes(r.size) : "-"}\t${r.problem ?? "ok"}\n`).join("");
}

export async function runBackupCommand(conn: ConnectionId, command: BackupCommand, io: Output, print: (json: unknown, text: string) => void,
                                       signal: AbortSignal | undefined): Promise<boolean> {
    switch (command.kind) {
    case "backup-create": {
        const result = await backupVm(conn, command, progressControl(io, signal));
        for (const note of result.notes) io.err(`kvmm: ${command.vm}: ${note}\n`);
        print(result, `${result.id}\n`);
        return true;
    }
    case "backup-list": {
        const rows = await vmBackups(conn, command.vm, command.target);
        print(rows, listText(rows));
        return true;
    }
    case "backup-verify": {
        const result = await verifyBackup(conn, command.vm, command.id, command.target);
        for (const file of result.damaged) io.err(`kvmm: damaged: ${file} does not match its checksum or is missing\n`);
        print(result, result.damaged.length === 0 ? result.checked.map(id => `ok ${id}\n`).join("") : "");
        return result.damaged.length === 0;
    }
    case "backup-restore": {
        const result = await restoreBackup(conn, { vm: command.vm, id: command.id, name: command.name, pool: command.pool, target: command.target },
                                           progressControl(io, signal));
        print(result, `${result.name}\n`);
        return true;
    }
    case "backup-prune": {
        const deleted = await pruneBackups(conn, command.vm, command.keep, command.target);
        print({ deleted }, deleted.map(id => `deleted ${id}\n`).join(""));
        return true;
    }
    }
}
