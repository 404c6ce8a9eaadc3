// kvmm pool … and kvmm vol …: their words and options into commands.
import { newPoolSpec, POOL_TYPES, type PoolType } from "../libvirt/storage-pool-xml.ts";
import type { Command } from "./args.ts";
import { UsageError } from "./usage-error.ts";

export const POOL_OPTIONS = ["--type", "--path", "--device", "--server", "--export", "--vg", "--iqn"];

/** The words, which must be this many. */
function exactly(words: string[], count: number, usage: string): string[] {
    if (words.length !== count) throw new UsageError(`usage: kvmm ${usage}`);
    return words;
}
const first = (words: string[]): string => words[0] ?? "";

const SIZE_UNITS: Record<string, number> = { "": 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };

/** "10G", "512M", "1.5T", "1048576" (bytes; K M G T are powers of 1024, an "iB" or "B" after them is allowed). */
export function parseSize(text: string): number {
    const match = /^(\d+(?:\.\d+)?)\s*([kmgtb]?)(?:i?b)?$/i.exec(text.trim());
    const bytes = match ? Math.round(Number(match[1]) * (SIZE_UNITS[(match[2] ?? "").toLowerCase()] ?? NaN)) : NaN;
    if (!Number.isFinite(bytes) || bytes <= 0) throw new UsageError(`a size needs a positive number with an optional K, M, G or T, not ${text}`);
    return bytes;
}

const POOL_USAGE = "pool list | pool info|refresh POOL | pool create NAME --type dir|fs|netfs|logical|iscsi|disk [--path DIR] [--device DEV] " +
    "[--server HOST] [--export DIR] [--vg VG] [--iqn IQN] [--build]";

export function poolCommand(rest: string[], options: Map<string, string>): Command {
    const [sub, ...args] = rest;
    if (sub === "list") {
        exactly(args, 0, "pool list");
        return { kind: "pool-list" };
    }
    if (sub === "info" || sub === "refresh") return { kind: `pool-${sub}`, pool: first(exactly(args, 1, `pool ${sub} POOL`)) };
    if (sub === "create") {
        const name = first(exactly(args, 1, POOL_USAGE));
        const type = options.get("--type") ?? "dir";
        if (!(POOL_TYPES as readonly string[]).includes(type)) throw new UsageError(`--type needs one of ${POOL_TYPES.join(", ")}, not ${type}`);
        return {
            kind: "pool-create",
            spec: {
                ...newPoolSpec(type as PoolType), name, path: options.get("--path") ?? "", device: options.get("--device") ?? "", host: options.get("--server") ?? "",
                exportPath: options.get("--export") ?? "", volumeGroup: options.get("--vg") ?? "", iqn: options.get("--iqn") ?? "", build: options.has("--build"),
            },
        };
    }
    throw new UsageError(`usage: kvmm ${POOL_USAGE}`);
}

const VOL_USAGE = "vol list POOL | vol create POOL NAME --size SIZE [--format qcow2|raw] [--backing VOL] | vol delete POOL NAME | " +
    "vol resize POOL NAME SIZE | vol clone POOL NAME NEW | vol upload POOL FILE [--name NAME]";

export function volCommand(rest: string[], options: Map<string, string>): Command {
    const [sub, ...args] = rest;
    if (sub === "list") return { kind: "vol-list", pool: first(exactly(args, 1, "vol list POOL")) };
    if (sub === "create") {
        const [pool = "", name = ""] = exactly(args, 2, "vol create POOL NAME --size SIZE [--format qcow2|raw] [--backing VOL]");
        const size = options.get("--size");
        if (size === undefined) throw new UsageError("vol create needs --size");
        const volumeFormat = options.get("--format") ?? "qcow2";
        if (volumeFormat !== "qcow2" && volumeFormat !== "raw") throw new UsageError(`--format needs qcow2 or raw, not ${volumeFormat}`);
        const backing = options.get("--backing");
        return { kind: "vol-create", pool, name, capacity: parseSize(size), format: volumeFormat, ...(backing !== undefined ? { backing } : {}) };
    }
    if (sub === "delete") {
        const [pool = "", name = ""] = exactly(args, 2, "vol delete POOL NAME");
        return { kind: "vol-delete", pool, name };
    }
    if (sub === "resize") {
        const [pool = "", name = "", size = ""] = exactly(args, 3, "vol resize POOL NAME SIZE");
        return { kind: "vol-resize", pool, name, capacity: parseSize(size) };
    }
    if (sub === "clone") {
        const [pool = "", name = "", newName = ""] = exactly(args, 3, "vol clone POOL NAME NEW");
        return { kind: "vol-clone", pool, name, newName };
    }
    if (sub === "upload") {
        const [pool = "", file = ""] = exactly(args, 2, "vol upload POOL FILE [--name NAME]");
        const name = options.get("--name");
        return { kind: "vol-upload", pool, file, ...(name !== undefined ? { name } : {}) };
    }
    throw new UsageError(`usage: kvmm ${VOL_USAGE}`);
}
