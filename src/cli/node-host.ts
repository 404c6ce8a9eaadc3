// Host commands and files for kvmm: it runs as its caller (root, or a user in the libvirt group),
// so `superuser` asks for nothing more here.
import { spawn } from "node:child_process";
import { readdir, readFile, rm } from "node:fs/promises";
import { homedir } from "node:os";

import { CANCELLED_PROBLEM, type DirEntry, HostRunError, type HostRunner, type HostStreamOptions, ListDirectoryError } from "../lib/transports.ts";

/** Rejects with the fields of HostRunFailure, as cockpit.spawn does. */
function run(argv: string[], input: string | undefined, stream?: Pick<HostStreamOptions, "onOutput" | "signal">): Promise<string> {
    return new Promise((resolve, reject) => {
        const [program, ...args] = argv;
        if (!program) {
            reject(new Error("no command"));
            return;
        }
        const signal = stream?.signal;
        if (signal?.aborted) {
            reject(new HostRunError("", CANCELLED_PROBLEM, null));
            return;
        }
        const child = spawn(program, args, { stdio: ["pipe", "pipe", "pipe"] });
        const cancel = () => child.kill("SIGTERM");
        signal?.addEventListener("abort", cancel);
        let out = "";
        let err = "";
        child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
            if (stream) stream.onOutput(chunk);
            else out += chunk;
        });
        child.stderr.setEncoding("utf8").on("data", (chunk: string) => (err += chunk));
        child.on("error", (error: NodeJS.ErrnoException) => {
            reject(new HostRunError(error.message, error.code === "ENOENT" ? "not-found" : "internal-error", null));
        });
        child.on("close", code => {
            signal?.removeEventListener("abort", cancel);
            if (signal?.aborted) reject(new HostRunError("", CANCELLED_PROBLEM, null));
            else if (code === 0) resolve(out);
            else reject(new HostRunError(err, null, code));
        });
        // A command that exits without reading its input (test, stat) closes the pipe: not an error.
        child.stdin.on("error", () => undefined);
        if (input !== undefined) child.stdin.end(input);
        else if (!stream) child.stdin.end();
        // Streaming without input: the pipe stays open until the child ends (HostStreamOptions).
        else child.on("close", () => child.stdin.destroy());
    });
}

/** Errors as Cockpit's fslist1 channel names them. */
const LIST_PROBLEMS: Record<string, string> = { ENOENT: "not-found", EACCES: "access-denied", EPERM: "access-denied" };

async function listDirectory(path: string): Promise<DirEntry[]> {
    try {
        return (await readdir(path, { withFileTypes: true })).map(entry => ({
            name: entry.name,
            type: entry.isFile() ? "file" : entry.isDirectory() ? "directory" : entry.isSymbolicLink() ? "link" : "special",
        }));
    } catch (error) {
        const e = error as NodeJS.ErrnoException;
        throw new ListDirectoryError(LIST_PROBLEMS[e.code ?? ""] ?? "internal-error", e.message);
    }
}

export const nodeHost: HostRunner = {
    run: (argv, options) => run(argv, options.input),
    runStreaming: async (argv, options) => {
        await run(argv, options.input, options);
    },
    async readFile(path) {
        try {
            return await readFile(path, "utf8");
        } catch (error) {
            if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
            throw error;
        }
    },
    removeFile: path => rm(path, { force: true }),
    listDirectory,
    userHome: () => Promise.resolve(homedir()),
};
