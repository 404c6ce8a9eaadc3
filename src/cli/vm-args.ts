// kvmm's power and snapshot commands → what to do (pure, as args.ts).
import type { PowerAction } from "../operations/vm-power.ts";
import type { Command } from "./args.ts";
import { countOption, exactly, first, UsageError } from "./usage-error.ts";

const DEFAULT_WAIT_SECONDS = 300;

export function powerCommand(action: PowerAction, rest: string[], options: Map<string, string>): Command {
    if (rest.length === 0) throw new UsageError(`usage: kvmm ${action} VM... [--wait] [--timeout SECONDS] [--force] [--if-needed]`);
    const timeout = options.get("--timeout");
    if (timeout !== undefined && !options.has("--wait")) throw new UsageError("--timeout goes with --wait");
    if (options.has("--force") && (action !== "shutdown" || !options.has("--wait"))) throw new UsageError("--force goes with shutdown --wait");
    const seconds = timeout === undefined ? DEFAULT_WAIT_SECONDS : Number(timeout);
    if (!Number.isFinite(seconds) || seconds <= 0) throw new UsageError(`--timeout needs a number of seconds, not ${timeout ?? ""}`);
    return {
        kind: "power", action, vms: rest, ...(options.has("--wait") ? { waitSeconds: seconds } : {}),
        ...options.has("--force") ? { force: true } : {}, ...options.has("--if-needed") ? { ifNeeded: true } : {},
    };
}

export function snapshotCommand(rest: string[], options: Map<string, string>): Command {
    const [sub, ...args] = rest;
    if (sub === "list") return { kind: "snapshot-list", vm: first(exactly(args, 1, "snapshot list VM")) };
    if (sub === "create" && (options.has("--schedule") || options.has("--keep"))) {
        const [vm = ""] = exactly(args, 1, "snapshot create VM --schedule ID --keep N");
        const schedule = options.get("--schedule");
        const keep = countOption(options, "--keep");
        if (schedule === undefined || keep === undefined) throw new UsageError("--schedule and --keep go together");
        if (options.has("--description")) throw new UsageError("a schedule's snapshots have their own description");
        return { kind: "snapshot-scheduled", vm, schedule, keep };
    }
    if (sub === "create") {
        if (args.length < 1 || args.length > 2) throw new UsageError("usage: kvmm snapshot create VM [NAME] [--description TEXT]");
        const [vm = "", name] = args;
        return { kind: "snapshot-create", vm, ...(name !== undefined ? { name } : {}), description: options.get("--description") ?? "" };
    }
    if (sub === "revert" || sub === "delete") {
        const [vm = "", name = ""] = exactly(args, 2, `snapshot ${sub} VM NAME`);
        return { kind: `snapshot-${sub}`, vm, name };
    }
    throw new UsageError("usage: kvmm snapshot list|create|revert|delete VM [NAME]");
}
