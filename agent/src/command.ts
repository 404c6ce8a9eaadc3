/* Running the system's own tools (systemctl, fsfreeze, date, who...). */
import { spawn } from "node:child_process";
import { access, constants } from "node:fs/promises";
import path from "node:path";

import { RpcError } from "./errors.ts";
import { ERROR_CODES } from "./protocol.ts";

// systemd's default PATH has the sbin directories, a login shell's may not.
const FALLBACK_DIRS = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"];
const OUTPUT_CAP = 1024 * 1024;

export async function findExecutable(name: string): Promise<string | null> {
    const candidates = name.includes("/")
        ? [name]
        : [...new Set([...(process.env.PATH ?? "").split(":").filter(d => d.startsWith("/")), ...FALLBACK_DIRS])].map(d => path.join(d, name));
    for (const c of candidates) {
        try {
            await access(c, constants.X_OK);
            return c;
        } catch {
            // try the next one
        }
    }
    return null;
}

export interface CommandOutput {
    code: number | null;
    signal: string | null;
    stdout: string;
    stderr: string;
}

/** Runs argv without a shell, C locale (messages are parsed), bounded output and time. */
export function runCommand(argv: readonly string[], timeoutMs = 30_000): Promise<CommandOutput> {
    const [file, ...args] = argv;
    return new Promise((resolve, reject) => {
        const child = spawn(file ?? "", args, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, LC_ALL: "C" } });
        const out: Buffer[] = [];
        const err: Buffer[] = [];
        let size = 0;
        const collect = (into: Buffer[]) => (chunk: Buffer) => {
            if (size >= OUTPUT_CAP) return;
            into.push(chunk);
            size += chunk.length;
        };
        child.stdout.on("data", collect(out));
        child.stderr.on("data", collect(err));
        const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
        child.once("error", e => {
            clearTimeout(timer);
            reject(new RpcError(ERROR_CODES.CommandFailed, `cannot run ${file ?? ""}: ${e.message}`));
        });
        child.once("close", (code, signal) => {
            clearTimeout(timer);
            resolve({ code, signal, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") });
        });
    });
}

export function describeFailure(argv: readonly string[], r: CommandOutput): string {
    const how = r.signal !== null ? `killed by ${r.signal}` : `exit status ${r.code ?? "?"}`;
    const msg = r.stderr.trim().split("\n").slice(-3).join("; ");
    return `${argv.join(" ")}: ${how}${msg ? `: ${msg}` : ""}`;
}

/** The first alternative whose program exists (resolved to its full path), or null. */
export async function firstAvailable(alternatives: readonly (readonly string[])[]): Promise<string[] | null> {
    for (const alt of alternatives) {
        const [prog, ...rest] = alt;
        if (prog === undefined) continue;
        const found = await findExecutable(prog);
        if (found !== null) return [found, ...rest];
    }
    return null;
}

/** Runs alternatives in order until one exits 0; throws CommandFailed listing every failure. */
export async function runFirstWorking(alternatives: readonly (readonly string[])[], timeoutMs?: number): Promise<string[]> {
    const failures: string[] = [];
    for (const alt of alternatives) {
        const [prog, ...rest] = alt;
        if (prog === undefined) continue;
        const found = await findExecutable(prog);
        if (found === null) {
            failures.push(`${prog}: not found`);
            continue;
        }
        const argv = [found, ...rest];
        try {
            const r = await runCommand(argv, timeoutMs);
            if (r.code === 0) return argv;
            failures.push(describeFailure(argv, r));
        } catch (e) {
            failures.push(e instanceof Error ? e.message : String(e));
        }
    }
    throw new RpcError(ERROR_CODES.CommandFailed, failures.join(" | ") || "no command configured");
}
