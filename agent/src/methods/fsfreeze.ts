/*
 * fs.freeze / fs.thaw through util-linux fsfreeze, for consistent snapshots.
 * Frozen filesystems are remembered so thaw (and a stopping agent, and the
 * safety timer) can undo exactly what was done.
 */
import { readFile } from "node:fs/promises";

import { describeFailure, findExecutable, runCommand } from "../command.ts";
import type { AgentConfig } from "../config.ts";
import { invalidParams, RpcError } from "../errors.ts";
import { errorText, log } from "../log.ts";
import { optInt, optStringArray } from "../params.ts";
import { ERROR_CODES } from "../protocol.ts";
import { define, type Handlers } from "./define.ts";
import { parseMounts, realMounts } from "./procfs.ts";

const FREEZE_TIMEOUT_MS = 60_000;

export class Freezer {
    /** In the order they were frozen. */
    private frozen: string[] = [];
    private timer: NodeJS.Timeout | undefined;

    constructor(private readonly config: AgentConfig) {}

    get frozenMountpoints(): readonly string[] {
        return this.frozen;
    }

    private async program(): Promise<string> {
        const prog = await findExecutable(this.config.commands.fsfreeze);
        if (prog === null) {
            throw new RpcError(ERROR_CODES.Unsupported, `cannot freeze filesystems: the ${this.config.commands.fsfreeze} command (util-linux) is not installed`);
        }
        return prog;
    }

    private async mountpoints(requested: string[] | undefined): Promise<string[]> {
        const mounts = parseMounts(await readFile("/proc/mounts", "utf8"));
        if (requested === undefined) return realMounts(mounts).map(m => m.mountpoint);
        const known = new Set(mounts.map(m => m.mountpoint));
        for (const m of requested) if (!known.has(m)) throw invalidParams(`${m} is not a mount point`);
        return [...new Set(requested)];
    }

    async freeze(requested: string[] | undefined, thawAfterMs?: number): Promise<{ frozen: string[]; skipped: string[] }> {
        const prog = await this.program();
        if (this.frozen.length > 0) throw new RpcError(ERROR_CODES.Busy, `filesystems are already frozen (${this.frozen.join(", ")}); thaw them first`);
        // Deepest mounts first, as qemu-ga does: /proc/mounts lists parents before children.
        const targets = (await this.mountpoints(requested)).reverse();
        const skipped: string[] = [];
        for (const m of targets) {
            const r = await runCommand([prog, "--freeze", m], FREEZE_TIMEOUT_MS);
            if (r.code === 0) {
                this.frozen.push(m);
            } else if (/not supported|inappropriate ioctl/i.test(r.stderr)) {
                skipped.push(m);
            } else {
                const why = describeFailure([prog, "--freeze", m], r);
                await this.thawAll().catch((e: unknown) => log(`thaw after failed freeze: ${errorText(e)}`));
                throw new RpcError(ERROR_CODES.CommandFailed, `${why} (everything frozen before was thawed again)`);
            }
        }
        const limits = [this.config.freezeTimeoutMs, thawAfterMs ?? 0].filter(ms => ms > 0);
        if (limits.length > 0 && this.frozen.length > 0) {
            // A host that dies between freeze and thaw must not leave the guest's disks frozen for good.
            const after = Math.min(...limits);
            this.timer = setTimeout(() => {
                log(`filesystems frozen for over ${after} ms: thawing them`);
                this.thawAll().catch((e: unknown) => log(`automatic thaw failed: ${errorText(e)}`));
            }, after);
        }
        return { frozen: [...this.frozen], skipped };
    }

    async thaw(requested: string[] | undefined): Promise<{ thawed: string[] }> {
        const prog = await this.program();
        // Without a record (e.g. the agent restarted meanwhile) try every filesystem, as qemu-ga does.
        const targets = requested ?? (this.frozen.length > 0 ? [...this.frozen].reverse() : await this.mountpoints(undefined));
        const thawed: string[] = [];
        const failures: string[] = [];
        for (const m of targets) {
            const r = await runCommand([prog, "--unfreeze", m], FREEZE_TIMEOUT_MS);
            if (r.code === 0) thawed.push(m);
            // EINVAL: it was not frozen, which is what thaw wants.
            else if (!/invalid argument/i.test(r.stderr)) {
                failures.push(describeFailure([prog, "--unfreeze", m], r));
                continue;
            }
            this.frozen = this.frozen.filter(f => f !== m);
        }
        if (this.frozen.length === 0) clearTimeout(this.timer);
        if (failures.length > 0) throw new RpcError(ERROR_CODES.CommandFailed, failures.join(" | "));
        return { thawed };
    }

    async thawAll(): Promise<void> {
        if (this.frozen.length > 0) await this.thaw(undefined);
    }
}

export function freezeMethods(freezer: Freezer): Pick<Handlers, "fs.freeze" | "fs.thaw"> {
    const parse = (o: Readonly<Record<string, unknown>>): { mountpoints: string[] | undefined; thawAfterMs: number | undefined } => {
        const mountpoints = optStringArray(o, "mountpoints", { nonEmpty: true });
        if (mountpoints?.some(m => !m.startsWith("/")) === true) throw invalidParams("params.mountpoints must be absolute paths");
        return { mountpoints, thawAfterMs: optInt(o, "thawAfterMs", 1) };
    };
    return {
        "fs.freeze": define(parse, async p => freezer.freeze(p.mountpoints, p.thawAfterMs)),
        "fs.thaw": define(parse, async p => freezer.thaw(p.mountpoints)),
    };
}
