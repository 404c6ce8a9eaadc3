// kvmm, KVM Manager's command-line tool: the page's operations over Node's D-Bus client.
import { setTransports } from "../lib/transports.ts";
import { parseArgs, UsageError } from "./args.ts";
import { EXIT_FAILED, failureText, runCommand } from "./commands.ts";
import { helpText } from "./help.ts";
import { nodeTransports } from "./node-transports.ts";
import { runRemote } from "./remote.ts";

const EXIT_USAGE = 2;

// Set by build.js from package.json.
declare const KVMM_VERSION: string;

async function main(argv: string[]): Promise<number> {
    let parsed;
    try {
        parsed = parseArgs(argv);
    } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        process.stderr.write(`kvmm: ${error.message}\n`);
        return EXIT_USAGE;
    }
    if (parsed.command.kind === "help") {
        process.stdout.write(helpText());
        return 0;
    }
    if (parsed.command.kind === "version") {
        process.stdout.write(`kvmm ${KVMM_VERSION}\n`);
        return 0;
    }
    if (parsed.global.host) return await runRemote(parsed.global.host, parsed.forward, parsed.global.remoteKvmm);
    setTransports(nodeTransports);
    // Interrupted, a long operation (a clone) is cancelled and removes what it made; a second ^C ends kvmm at once.
    const interrupted = new AbortController();
    process.once("SIGINT", () => {
        interrupted.abort();
        process.once("SIGINT", () => process.exit(130));
    });
    try {
        return await runCommand(parsed, {
            out: text => process.stdout.write(text),
            err: text => process.stderr.write(text),
            terminal: process.stderr.isTTY,
        }, interrupted.signal);
    } catch (error) {
        process.stderr.write(`kvmm: ${failureText(error)}\n`);
        return EXIT_FAILED;
    }
}

// Open D-Bus connections would keep Node running: leave once the output is written.
void main(process.argv.slice(2)).then(status => process.stdout.write("", () => process.exit(status)));
