/*
 * agent.update: the agent replaces its own binary and restarts from it. The new binary is first
 * copied beside the installed one, made executable and run with --version: only a binary that
 * starts here is renamed over the old one (rename is atomic, so the install path always holds a
 * whole agent). After the reply the agent cleans up as on SIGTERM and re-executes itself from the
 * install path (execve: same PID, so systemd or any other supervisor keeps tracking it).
 */
import { randomBytes } from "node:crypto";
import { chmod, copyFile, rename, unlink } from "node:fs/promises";
import path from "node:path";
import { isSea } from "node:sea";

import { runCommand } from "../command.ts";
import type { AgentConfig } from "../config.ts";
import { RpcError } from "../errors.ts";
import { errorText, log } from "../log.ts";
import { absolutePath, reqString } from "../params.ts";
import type { PathPolicy } from "../paths.ts";
import { ERROR_CODES } from "../protocol.ts";
import { define, type Handlers } from "./define.ts";
import { hashHandle, openRegular } from "./files.ts";

/** A single executable starts in well under a second; a busy emulated guest needs far longer. */
const VERSION_TIMEOUT_MS = 60_000;
const VERSION_PATTERN = /^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/;

/** Where the running agent is installed: the config's, else the single executable's own path. */
export function installPath(config: AgentConfig): string | undefined {
    if (config.installPath !== undefined) return config.installPath;
    return isSea() ? process.execPath : undefined;
}

/** Re-executes the install path with the arguments this process got; returns only if that failed. */
function reExec(file: string): void {
    // A single executable's argv[1] repeats its path, as node's argv[1] names its script.
    const args = [file, ...process.argv.slice(2)];
    log(`restarting from ${file}`);
    // Node ≥ 23.11 (the single executable is Node 24); the type definitions here predate it.
    const { execve } = process as NodeJS.Process & { execve?: (file: string, args: string[], env: NodeJS.ProcessEnv) => never };
    try {
        if (execve === undefined) throw new Error(`Node.js ${process.version} cannot re-execute itself`);
        execve(file, args, process.env);
    } catch (e) {
        log(`restart failed, the new agent starts with the next start of the service: ${errorText(e)}`);
    }
}

export function updateMethods(config: AgentConfig, policy: PathPolicy, version: string, beforeRestart: () => Promise<void>): Pick<Handlers, "agent.update"> {
    return {
        "agent.update": define(o => ({ path: absolutePath(o, "path"), sha256: reqString(o, "sha256", { nonEmpty: true, maxLength: 64 }) }), async (p, ctx) => {
            const target = installPath(config);
            if (target === undefined) {
                throw new RpcError(ERROR_CODES.Unsupported, "this agent runs as a script under Node.js, not as an installed binary: update its package instead");
            }
            const source = await policy.resolve(p.path, true);
            const { fh } = await openRegular(source);
            const digest = await hashHandle(fh).finally(() => fh.close());
            if (digest.sha256 !== p.sha256.toLowerCase()) {
                throw new RpcError(ERROR_CODES.ChecksumMismatch, `${source} has sha256 ${digest.sha256}, expected ${p.sha256}`, { path: source });
            }
            // Beside the target: the same filesystem, so the rename below is atomic.
            const staged = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString("hex")}`);
            let newVersion: string;
            try {
                await copyFile(source, staged);
                await chmod(staged, 0o755);
                const run = await runCommand([staged, "--version"], VERSION_TIMEOUT_MS);
                newVersion = run.stdout.trim();
                if (run.code !== 0 || !VERSION_PATTERN.test(newVersion)) {
                    throw new RpcError(ERROR_CODES.CommandFailed, `the new binary does not run here (--version: exit ${String(run.code)}, ${(run.stderr || run.stdout).trim().slice(0, 300)})`);
                }
                await rename(staged, target);
            } catch (e) {
                await unlink(staged).catch(() => undefined);
                throw e;
            }
            await unlink(source).catch(() => undefined);
            log(`updated ${target}: ${version} → ${newVersion}`);
            ctx.afterReply(() => {
                // The reply is on its way; the pause lets it leave before the port closes.
                setTimeout(() => void beforeRestart().finally(() => reExec(target)), config.powerDelayMs);
            });
            return { installPath: target, previousVersion: version, version: newVersion };
        }),
    };
}
