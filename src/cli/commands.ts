// Carries out a parsed kvmm command with the operations the page uses; prints to the given streams.
import { readFile } from "node:fs/promises";

import { _, format } from "../lib/i18n.ts";
import type { ConnectionId } from "../libvirt/connection.ts";
import { describeError, invalidInput, LibvirtError } from "../libvirt/errors.ts";
import { cloneVm } from "../operations/clone-vm.ts";
import { initialCloudInit } from "../operations/create-vm/cloud-init.ts";
import { deleteVmByName } from "../operations/delete-vm.ts";
import { deployTemplate } from "../operations/deploy-template.ts";
import { exportVm } from "../operations/export-import/export-vm.ts";
import { importVm } from "../operations/export-import/import-vm.ts";
import { migrateVm } from "../operations/migrate-vm.ts";
import { migratedText, migrationLine } from "../operations/migration-figures.ts";
import { deleteVmSnapshot, revertVmSnapshot, takeScheduledSnapshot, takeSnapshot, vmSnapshots } from "../operations/snapshots.ts";
import { convertToTemplate, convertToVm } from "../operations/templates.ts";
import { powerVm } from "../operations/vm-power.ts";
import { vmDetails } from "../operations/vms.ts";
import { type Command, type DeployCloudInit, type Parsed } from "./args.ts";
import { isBackupCommand, runBackupCommand } from "./backup-commands.ts";
import { runHistoryCommand } from "./history-output.ts";
import { listFiltered, runMarks } from "./mark-commands.ts";
import { isNetCommand, type NetCommand, runNetCommand } from "./net-commands.ts";
import { infoJson, infoText, listJson, listText, snapshotsJson, snapshotsText } from "./output.ts";
import { progressControl, type ProgressOutput } from "./progress.ts";
import { isScheduleCommand, runScheduleCommand, type ScheduleCommand } from "./schedule-commands.ts";
import { isShareCommand, runShareCommand, type ShareCommand } from "./share-commands.ts";
import { isStorageCommand, runStorageCommand, type StorageCommand } from "./storage-commands.ts";

export interface Output extends ProgressOutput {
    out(text: string): void;
}

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;

/** An operation's failure in words, with libvirt's message after them. */
export function failureText(error: unknown): string {
    const described = describeError(error);
    // The page's words point at Cockpit's administrative access, which a shell does not have.
    const summary = described.kind === "permission" ? _("Permission denied: run kvmm as root or as a member of the libvirt group") : described.summary;
    return described.detail && described.detail !== summary ? `${summary}: ${described.detail}` : summary;
}

async function runPower(conn: ConnectionId, command: Extract<Command, { kind: "power" }>, io: Output): Promise<number> {
    let status = EXIT_OK;
    // One after another, so that a failure is told next to its VM's name.
    for (const vm of command.vms) {
        try {
            await powerVm(conn, vm, command.action, {
                ...command.waitSeconds === undefined ? {} : { waitMs: command.waitSeconds * 1000 }, force: command.force === true, ifNeeded: command.ifNeeded === true,
            });
        } catch (error) {
            io.err(`kvmm: ${vm}: ${failureText(error)}\n`);
            status = EXIT_FAILED;
        }
    }
    return status;
}

async function readOption(file: string, option: string): Promise<string> {
    try {
        return await readFile(file, "utf8");
    } catch (error) {
        throw invalidInput(format(_("$0: $1 could not be read"), option, file), error instanceof Error ? error.message : String(error));
    }
}

async function cloudInitForm(given: DeployCloudInit) {
    return {
        ...initialCloudInit(),
        userName: given.user ?? "",
        sshKeys: given.sshKeyFile === undefined ? "" : await readOption(given.sshKeyFile, "--ssh-key"),
        customUserData: given.userDataFile === undefined ? "" : await readOption(given.userDataFile, "--user-data"),
    };
}

/** Deploys, telling each VM's steps on standard error; 1 when any VM was not made. */
async function runDeploy(conn: ConnectionId, command: Extract<Command, { kind: "deploy" }>, io: Output, json: boolean, signal?: AbortSignal): Promise<number> {
    const results = await deployTemplate(conn, {
        template: command.template, names: command.names, linked: command.linked, start: command.start,
        cloudInit: command.cloudInit && await cloudInitForm(command.cloudInit),
    }, { signal, onVm: vm => { if (vm.step !== undefined) io.err(`${vm.name}: ${vm.step}\n`) } });
    for (const vm of results) {
        if (vm.state !== "done") io.err(`kvmm: ${vm.name}: ${vm.error ? failureText(new LibvirtError(vm.error)) : vm.state}\n`);
        else if (vm.warning !== undefined) io.err(`kvmm: ${vm.name}: ${vm.warning}\n`);
    }
    const rows = results.map(vm => ({ name: vm.name, state: vm.state, ...vm.error ? { error: failureText(new LibvirtError(vm.error)) } : {} }));
    io.out(json ? `${JSON.stringify(rows, null, 2)}\n` : results.filter(vm => vm.state === "done").map(vm => `${vm.name}\n`).join(""));
    return results.every(vm => vm.state === "done") ? EXIT_OK : EXIT_FAILED;
}

/** Progress on standard error (standard output keeps the result), the figures as libvirt tells them. */
async function runMigrate(conn: ConnectionId, command: Extract<Command, { kind: "migrate" }>, io: Output, json: boolean,
                          signal: AbortSignal | undefined): Promise<number> {
    // libvirt's own figures (memory and disks left, rate, expected downtime) say more than a byte count.
    const result = await migrateVm(conn, { ...command, live: !command.offline }, {
        ...progressControl(io, signal),
        onTransfer: undefined,
        onMigration: stats => {
            const line = migrationLine(stats);
            if (line) io.err(`${line}\n`);
        },
    });
    io.out(json ? `${JSON.stringify(result, null, 2)}\n` : `${migratedText(command.vm, result.uri, result.totalMs, result.downtimeMs)}\n`);
    return EXIT_OK;
}

/** What a schedule's timer runs: the snapshot's name, and those deleted to keep the last N. */
async function runScheduledSnapshot(conn: ConnectionId, command: Extract<Command, { kind: "snapshot-scheduled" }>, io: Output,
                                    print: (json: unknown, text: string) => void): Promise<number> {
    const taken = await takeScheduledSnapshot(conn, command.vm, command.schedule, command.keep);
    if (taken.note) io.err(`kvmm: ${command.vm}: ${taken.note}\n`);
    print(taken, `${taken.name}\n${taken.deleted.map(n => `deleted ${n}\n`).join("")}`);
    return EXIT_OK;
}

/** kvmm pool, vol, net, share and schedule, which have modules of their own. */
async function runModuleCommand(conn: ConnectionId, command: StorageCommand | NetCommand | ShareCommand | ScheduleCommand, io: Output,
                                print: (json: unknown, text: string) => void, signal: AbortSignal | undefined): Promise<void> {
    if (isStorageCommand(command)) await runStorageCommand(conn, command, io, print, signal);
    else if (isNetCommand(command)) await runNetCommand(conn, command, print);
    else if (isShareCommand(command))
        await runShareCommand(conn, command.kind === "share-add" ? { ...command, hostDir: absolute(command.hostDir) } : command, print);
    else {
        if (conn !== "system") throw invalidInput(_("Schedules are systemd timers of the host: they act on the system's VMs, not on --session ones"));
        await runScheduleCommand(command, print, text => io.err(text));
    }
}

/** A path as the shell user meant it (the operations want absolute host paths). */
function absolute(path: string): string {
    return path.startsWith("/") ? path : `${process.cwd()}/${path}`;
}

async function runImport(conn: ConnectionId, command: Extract<Command, { kind: "import" }>, io: Output, print: (json: unknown, text: string) => void,
                         signal?: AbortSignal): Promise<number> {
    const result = await importVm(conn, { ...command, file: absolute(command.file) }, progressControl(io, signal));
    print(result, `imported ${result.name}\n${result.notTranslated.map(n => `not translated: ${n}\n`).join("")}`);
    return EXIT_OK;
}

/** `signal`: aborted when kvmm is interrupted; a long operation then removes what it made. */
export async function runCommand({ global, command }: Parsed, io: Output, signal?: AbortSignal): Promise<number> {
    const conn: ConnectionId = global.session ? "session" : "system";
    const print = (json: unknown, text: string) => io.out(global.json ? `${JSON.stringify(json, null, 2)}\n` : text);
    if (isStorageCommand(command) || isNetCommand(command) || isShareCommand(command) || isScheduleCommand(command)) {
        await runModuleCommand(conn, command, io, print, signal);
        return EXIT_OK;
    }
    if (isBackupCommand(command)) return await runBackupCommand(conn, command, io, print, signal) ? EXIT_OK : EXIT_FAILED;
    switch (command.kind) {
    case "list": {
        const vms = await listFiltered(conn, command);
        print(listJson(vms), listText(vms));
        return EXIT_OK;
    }
    case "tag":
    case "folder":
        return await runMarks(conn, command, print);
    case "info": {
        const vm = await vmDetails(conn, command.vm);
        print(infoJson(vm), infoText(vm));
        return EXIT_OK;
    }
    case "stats":
    case "alerts":
    case "suggestions":
        await runHistoryCommand(conn, command, print);
        return EXIT_OK;
    case "power":
        return await runPower(conn, command, io);
    case "snapshot-list": {
        const rows = await vmSnapshots(conn, command.vm);
        print(snapshotsJson(rows), snapshotsText(rows));
        return EXIT_OK;
    }
    case "snapshot-create": {
        const taken = await takeSnapshot({ connection: conn, name: command.vm }, command.name, command.description);
        if (taken.note) io.err(`kvmm: ${command.vm}: ${taken.note}\n`);
        // The name alone, for scripts; --json tells how consistent it is.
        print(taken, `${taken.name}\n`);
        return EXIT_OK;
    }
    case "snapshot-scheduled":
        return await runScheduledSnapshot(conn, command, io, print);
    case "snapshot-revert":
    case "snapshot-delete":
        await (command.kind === "snapshot-revert" ? revertVmSnapshot : deleteVmSnapshot)(conn, command.vm, command.name);
        return EXIT_OK;
    case "delete": {
        const deletedImages = await deleteVmByName(conn, command.vm, command.storage);
        print({ deletedImages }, deletedImages.map(p => `deleted ${p}\n`).join(""));
        return EXIT_OK;
    }
    case "clone": {
        const result = await cloneVm(conn, command.options, progressControl(io, signal)).catch((error: unknown) => {
            if (describeError(error).kind === "cancelled") throw new LibvirtError({ kind: "cancelled", summary: _("Cancelled: nothing of the clone was kept"), detail: "" });
            throw error;
        });
        if (result.warning !== undefined) io.err(`kvmm: ${result.warning}\n`);
        print(result, `${result.name}\n${result.volumes.map(p => `made ${p}\n`).join("")}`);
        return EXIT_OK;
    }
    case "deploy":
        return await runDeploy(conn, command, io, global.json, signal);
    case "template":
        await (command.undo ? convertToVm : convertToTemplate)(conn, command.vm);
        return EXIT_OK;
    case "migrate":
        return await runMigrate(conn, command, io, global.json, signal);
    case "export":
        await exportVm(conn, { vm: command.vm, target: command.pool === undefined ? absolute(command.file) : command.file, pool: command.pool, format: command.format, snapshot: command.snapshot, compress: command.compress, ovfVersion: command.ovfVersion },
                       progressControl(io, signal));
        return EXIT_OK;
    case "import":
        return await runImport(conn, command, io, print, signal);
    case "help":
    case "version":
        throw new Error("handled by main");
    }
}
