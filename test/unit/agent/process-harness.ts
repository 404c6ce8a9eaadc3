/* Runs the built agent (agent/dist/kvmm-agent.js) as a child process serving a unix socket. */
import { type ChildProcess,execFileSync, spawn } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { LineClient, sleep } from "./helpers.ts";

/** The repository root, found from this (bundled) file upwards, so tests run from any cwd. */
function findRoot(): string {
    for (let dir = path.dirname(fileURLToPath(import.meta.url)); dir !== path.dirname(dir); dir = path.dirname(dir)) {
        if (existsSync(path.join(dir, "agent", "build.js"))) return dir;
    }
    return process.cwd();
}

export const ROOT = findRoot();
export const AGENT_JS = path.join(ROOT, "agent", "dist", "kvmm-agent.js");

export function buildAgent(): void {
    execFileSync(process.execPath, [path.join(ROOT, "agent", "build.js")], { stdio: "pipe" });
}

export function tempDir(prefix: string): string {
    return realpathSync(mkdtempSync(path.join(tmpdir(), prefix)));
}

export function removeDir(dir: string): void {
    if (dir) rmSync(dir, { recursive: true, force: true });
}

/** A shell script that appends its arguments to a log: stands in for fsfreeze, date, shutdown... */
export function stubScript(file: string, log: string, extra = ""): string {
    writeFileSync(file, `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\n${extra}`);
    chmodSync(file, 0o755);
    return file;
}

let counter = 0;

export interface Connection {
    client: LineClient;
    socket: net.Socket;
}

export class AgentProcess {
    stderr = "";
    readonly connections: net.Socket[] = [];

    private constructor(readonly child: ChildProcess, readonly socketPath: string) {
        child.stderr?.on("data", (chunk: Buffer) => {
            this.stderr += chunk.toString("utf8");
        });
    }

    /** node: the Node.js binary to run the script with (default: the one running the tests). */
    static async start(dir: string, config: Record<string, unknown>, node = process.execPath): Promise<AgentProcess> {
        const n = ++counter;
        const configPath = path.join(dir, `config-${n}.json`);
        // The upload journal in the test's directory (one per agent unless given), not the host's /var/lib/kvmm-agent.
        writeFileSync(configPath, JSON.stringify({ stateDirectory: path.join(dir, `state-${n}`), ...config }));
        const socketPath = path.join(dir, `agent-${n}.sock`);
        const child = spawn(node, [AGENT_JS, "--config", configPath, "--socket", socketPath], { stdio: ["ignore", "ignore", "pipe"] });
        const agent = new AgentProcess(child, socketPath);
        for (let waited = 0; !agent.stderr.includes(`listening on ${socketPath}`); waited += 10) {
            if (!agent.alive() || waited > 5000) {
                agent.child.kill("SIGKILL");
                throw new Error(`agent did not start: ${agent.stderr}`);
            }
            await sleep(10);
        }
        return agent;
    }

    alive(): boolean {
        return this.child.exitCode === null && this.child.signalCode === null;
    }

    async connect(): Promise<Connection> {
        const socket = net.connect(this.socketPath);
        await new Promise<void>((resolve, reject) => {
            socket.once("connect", resolve);
            socket.once("error", reject);
        });
        socket.on("error", () => undefined);
        this.connections.push(socket);
        return { client: new LineClient(socket, socket), socket };
    }

    auditLines(): string[] {
        return this.stderr.split("\n").filter(l => l.startsWith("audit: "));
    }

    async stop(): Promise<void> {
        for (const s of this.connections) s.destroy();
        if (!this.alive()) return;
        const exited = new Promise(resolve => this.child.once("exit", resolve));
        this.child.kill("SIGTERM");
        await Promise.race([exited, sleep(3000)]);
        if (this.alive()) this.child.kill("SIGKILL");
    }
}

/** Polls until check() is true or the time is up; returns the last check. */
export async function eventually(check: () => boolean, timeoutMs = 3000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!check() && Date.now() < deadline) await sleep(20);
    return check();
}
