// kvmm --host USER@HOST[:PORT]: runs kvmm on that host through ssh, so nothing new listens on the
// network; its output and exit status are the remote kvmm's.
import { spawn } from "node:child_process";

/** One word for the remote shell, which ssh hands the command line to. */
export function shellQuote(word: string): string {
    return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`;
}

/** `remoteKvmm`: the command that runs kvmm there. */
export function sshArgv(host: string, args: readonly string[], remoteKvmm = "kvmm"): string[] {
    const match = /^(.*?)(?::(\d+))?$/.exec(host);
    const target = match?.[1] ?? host;
    const port = match?.[2];
    return ["ssh", ...(port ? ["-p", port] : []), "--", target, [remoteKvmm, ...args].map(shellQuote).join(" ")];
}

export function runRemote(host: string, args: readonly string[], remoteKvmm?: string): Promise<number> {
    const [program = "ssh", ...rest] = sshArgv(host, args, remoteKvmm);
    return new Promise(resolve => {
        const child = spawn(program, rest, { stdio: "inherit" });
        child.on("error", error => {
            process.stderr.write(`kvmm: ssh could not be run: ${error.message}\n`);
            resolve(1);
        });
        // ssh's own failures (255: no connection, refused login) are failures of the operation.
        child.on("close", code => resolve(code === 255 || code === null ? 1 : code));
    });
}
