/*
 * kvmm-agent entry point.
 *   kvmm-agent [--config PATH] [--port PATH | --socket PATH | --stdio]
 * Default: serve the virtio-serial port named in the config.
 */
import { ConfigError, loadConfig } from "./config.ts";
import { errorText, log } from "./log.ts";
import { DEFAULT_CONFIG_PATH } from "./protocol.ts";
import { type Agent,createAgent } from "./service.ts";
import { PortTransport, serveSocket, serveStdio } from "./transport.ts";
import { AGENT_VERSION } from "./version.ts";

// Blocking port reads/writes each hold a libuv thread; leave room for file and DNS work.
// Effective only because nothing has used the thread pool yet at this point.
process.env.UV_THREADPOOL_SIZE ??= "8";
// ps, pgrep and service checks look for this name; as a single executable Node would show
// what the binary was started as, and under node the script's path after "node".
process.title = "kvmm-agent";

const USAGE = `usage: kvmm-agent [--config PATH] [--port PATH | --socket PATH | --stdio]
  --config PATH  configuration file (default ${DEFAULT_CONFIG_PATH}; missing default = built-in defaults)
  --port PATH    virtio-serial port to serve (default: the config's "port")
  --socket PATH  serve a unix socket instead (one session per connection)
  --stdio        serve stdin/stdout, exit at end of input
  --version      print the version`;

interface Args { config: string; configExplicit: boolean; port?: string; socket?: string; stdio: boolean }

function parseArgs(argv: string[]): Args {
    const args: Args = { config: DEFAULT_CONFIG_PATH, configExplicit: false, stdio: false };
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        const value = (): string => {
            const v = argv[++i];
            if (v === undefined) throw new ConfigError(`${a ?? ""} needs a value`);
            return v;
        };
        if (a === "--config") {
            args.config = value();
            args.configExplicit = true;
        } else if (a === "--port") args.port = value();
        else if (a === "--socket") args.socket = value();
        else if (a === "--stdio") args.stdio = true;
        else if (a === "--version") {
            process.stdout.write(`${AGENT_VERSION}\n`);
            process.exit(0);
        } else if (a === "--help" || a === "-h") {
            process.stdout.write(`${USAGE}\n`);
            process.exit(0);
        } else throw new ConfigError(`unknown argument ${a ?? ""}\n${USAGE}`);
    }
    return args;
}

async function main(): Promise<void> {
    let args: Args;
    let agent: Agent;
    try {
        args = parseArgs(process.argv.slice(2));
        agent = createAgent(loadConfig(args.config, args.configExplicit));
    } catch (e) {
        // Fail closed: with a broken config we cannot know what the admin meant to forbid.
        log(`not starting: ${errorText(e)}`);
        process.exit(2);
    }
    const { config, dispatcher } = agent;

    // Belt and braces: a bug in one request must not take the agent (and any frozen filesystem) down.
    process.on("uncaughtException", e => log(`uncaught exception: ${e.stack ?? e.message}`));
    process.on("unhandledRejection", e => log(`unhandled rejection: ${e instanceof Error ? e.stack ?? e.message : String(e)}`));
    process.stderr.on("error", () => undefined);

    let port: PortTransport | undefined;
    const exit = async (code: number): Promise<never> => {
        port?.stop();
        await agent.stop().catch((e: unknown) => log(`cleanup: ${errorText(e)}`));
        process.exit(code);
    };
    for (const sig of ["SIGTERM", "SIGINT", "SIGHUP"] as const) process.on(sig, () => void exit(0));

    log(`version ${AGENT_VERSION} starting`);
    for (const temp of await agent.removeUnfinishedUploads()) log(`removed ${temp}, left by an upload that did not finish`);
    if (args.stdio) {
        await serveStdio(dispatcher, config.maxLineBytes);
        await exit(0);
    } else if (args.socket !== undefined) {
        await serveSocket(args.socket, dispatcher, config.maxLineBytes);
        log(`listening on ${args.socket}`);
    } else {
        port = new PortTransport(args.port ?? config.port, dispatcher, config.maxLineBytes);
        await port.run();
    }
}

main().catch((e: unknown) => {
    log(`fatal: ${errorText(e)}`);
    process.exit(1);
});
