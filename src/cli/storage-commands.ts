// kvmm pool … and kvmm vol …: the page's storage operations, printed as tables or JSON.
import { stat } from "node:fs/promises";

import { formatBytes } from "../lib/format-bytes.ts";
import type { ConnectionId } from "../libvirt/connection.ts";
import { getStoragePool, listStoragePools, lookupStoragePool, refreshStoragePool, type StoragePool } from "../libvirt/storage-pool-api.ts";
import type { VolumeSummary } from "../libvirt/storage-volume-api.ts";
import { safeUploadName } from "../operations/export-import/browser-transfer.ts";
import { checkPoolUpload, importFileIntoPool } from "../operations/pool-transfer.ts";
import { activePool } from "../operations/pools.ts";
import { createStoragePool } from "../operations/storage-pools.ts";
import {
    clonePoolVolume, createPoolVolume, deletePoolVolume, growPoolVolume, type PoolVolume, poolVolumes,
} from "../operations/storage-volumes.ts";
import type { Command } from "./args.ts";
import { table } from "./output.ts";
import { progressControl, type ProgressOutput } from "./progress.ts";

export type StorageCommand = Extract<Command, { kind: `pool-${string}` | `vol-${string}` }>;

export function isStorageCommand(command: Command): command is StorageCommand {
    return command.kind.startsWith("pool-") || command.kind.startsWith("vol-");
}

interface Io extends ProgressOutput {
    out(text: string): void;
}

function poolJson(pool: StoragePool): unknown {
    return {
        name: pool.name, type: pool.type, active: pool.active, autostart: pool.autostart, persistent: pool.persistent,
        capacity: pool.capacity, allocation: pool.allocation, available: pool.available, target: pool.targetPath ?? null, source: pool.sourceDetails,
    };
}

function poolsText(pools: readonly StoragePool[]): string {
    return table(["NAME", "TYPE", "STATE", "CAPACITY", "ALLOCATION", "AVAILABLE", "TARGET"], pools.map(p => [
        p.name, p.type, p.active ? "active" : "inactive",
        ...[p.capacity, p.allocation, p.available].map(b => p.active ? formatBytes(b) : "-"), p.targetPath ?? "",
    ]));
}

function poolInfoText(pool: StoragePool): string {
    const s = pool.sourceDetails;
    const rows: [string, string | undefined][] = [
        ["Name", pool.name], ["Type", pool.type], ["State", pool.active ? "active" : "inactive"], ["Autostart", pool.autostart ? "yes" : "no"],
        ["Target", pool.targetPath], ["Devices", s.devices.join(", ") || undefined], ["Server", s.host], ["Export", s.dir],
        ["Volume group", pool.type === "logical" ? s.name : undefined], ["Format", s.format],
        ["Capacity", pool.active ? formatBytes(pool.capacity) : undefined], ["Allocation", pool.active ? formatBytes(pool.allocation) : undefined],
        ["Available", pool.active ? formatBytes(pool.available) : undefined],
    ];
    return rows.filter(([, v]) => v !== undefined).map(([k, v]) => `${`${k}:`.padEnd(14)}${v ?? ""}\n`).join("");
}

const volumeJson = (v: VolumeSummary | PoolVolume): unknown => ({
    name: v.name, path: v.path, format: v.format, capacity: v.capacity, allocation: v.allocation,
    ...("usedBy" in v ? { usedBy: v.usedBy } : {}), ...(v.backingPath ? { backing: v.backingPath } : {}),
});

function volumesText(volumes: readonly PoolVolume[]): string {
    return table(["NAME", "FORMAT", "CAPACITY", "ALLOCATION", "USED BY"], volumes.map(v => [
        v.name, v.format, formatBytes(v.capacity), formatBytes(v.allocation), v.usedBy.join(",") || "-",
    ]));
}

async function poolByName(conn: ConnectionId, name: string): Promise<StoragePool> {
    return getStoragePool(conn, await lookupStoragePool(conn, name));
}

/** Runs a pool or volume command; `print` writes JSON or text as --json asks. */
export async function runStorageCommand(conn: ConnectionId, command: StorageCommand, io: Io, print: (json: unknown, text: string) => void,
                                        signal?: AbortSignal): Promise<void> {
    switch (command.kind) {
    case "pool-list": {
        const pools = (await Promise.all((await listStoragePools(conn)).map(p => getStoragePool(conn, p)))).sort((a, b) => a.name.localeCompare(b.name));
        print(pools.map(poolJson), poolsText(pools));
        return;
    }
    case "pool-info": {
        const pool = await poolByName(conn, command.pool);
        print(poolJson(pool), poolInfoText(pool));
        return;
    }
    case "pool-refresh":
        await refreshStoragePool(conn, (await activePool(conn, command.pool)).path);
        return;
    case "pool-create": {
        const pool = await getStoragePool(conn, await createStoragePool(conn, command.spec));
        print(poolJson(pool), `${pool.name}\n`);
        return;
    }
    case "vol-list": {
        const volumes = await poolVolumes(conn, await activePool(conn, command.pool));
        print(volumes.map(volumeJson), volumesText(volumes));
        return;
    }
    case "vol-create": {
        const volume = await createPoolVolume(conn, command);
        print(volumeJson(volume), `${volume.path}\n`);
        return;
    }
    case "vol-delete":
        await deletePoolVolume(conn, command.pool, command.name);
        return;
    case "vol-resize":
        await growPoolVolume(conn, command.pool, command.name, command.capacity);
        return;
    case "vol-clone": {
        const volume = await clonePoolVolume(conn, command.pool, command.name, command.newName);
        print(volumeJson(volume), `${volume.path}\n`);
        return;
    }
    case "vol-upload": {
        const file = command.file.startsWith("/") ? command.file : `${process.cwd()}/${command.file}`;
        const { size } = await stat(file);
        const name = command.name ?? safeUploadName(file);
        await checkPoolUpload(conn, command.pool, name, size);
        const volume = await importFileIntoPool(conn, command.pool, file, name, size, progressControl(io, signal));
        print(volumeJson(volume), `${volume.path}\n`);
        return;
    }
    }
}
