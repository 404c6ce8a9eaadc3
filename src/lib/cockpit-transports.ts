// Cockpit's transports for the page: cockpit.dbus through the bridge (as root where the user has
// administrative access) and cockpit.spawn / cockpit.file on the host the page is opened for.
import { cockpit } from "./cockpit.ts";
import { cockpitBrowserFiles } from "./cockpit-browser-files.ts";
import { cockpitHttp } from "./cockpit-http.ts";
import { cockpitUnixStream } from "./cockpit-unix-stream.ts";
import { type BusName, CANCELLED_PROBLEM, type DBusTransport, type DirEntry, HostRunError, type HostRunner, type HostStreamOptions,
         ListDirectoryError, type Transports } from "./transports.ts";

function cockpitDBus(bus: BusName, service: string): DBusTransport {
    // System VMs are root's: act as root where the user has administrative access.
    const client = cockpit.dbus(service, bus === "system" ? { bus, superuser: "try" } : { bus });
    return {
        call: (path, iface, method, args, signature, timeout) => client.call(path, iface, method, args, { type: signature, timeout }),
        subscribe: (match, handler) => client.subscribe(match, handler),
        onClose: handler => client.addEventListener("close", () => handler()),
        close: () => client.close(),
    };
}

const superuser = (yes: boolean | undefined) => (yes ? { superuser: "try" as const } : {});

interface FslistMessage {
    event?: string;
    path?: string;
    type?: string;
}

/** Through Cockpit's fslist1 channel: cockpit.file reads files but cannot list a directory. */
function listDirectory(path: string, options: { superuser?: boolean }): Promise<DirEntry[]> {
    return new Promise((resolve, reject) => {
        const entries: DirEntry[] = [];
        const channel = cockpit.channel({ payload: "fslist1", path, watch: false, ...superuser(options.superuser) });
        channel.addEventListener("message", (_event, data) => {
            const message = JSON.parse(data) as FslistMessage;
            if (message.event === "present" && message.path) entries.push({ name: message.path, type: message.type ?? "" });
        });
        channel.addEventListener("close", (_event, closed) => {
            if (closed.problem) reject(new ListDirectoryError(closed.problem, closed.message));
            else resolve(entries);
        });
    });
}

async function runStreaming(argv: string[], options: HostStreamOptions): Promise<void> {
    const { signal } = options;
    if (signal?.aborted) throw new HostRunError("", CANCELLED_PROBLEM, null);
    const process = cockpit.spawn(argv, { ...superuser(options.superuser), err: "message" });
    void process.stream(options.onOutput);
    if (options.input !== undefined) void process.input(options.input);
    // The bridge ends the process (and its children) when the channel is closed.
    const cancel = () => process.close(CANCELLED_PROBLEM);
    signal?.addEventListener("abort", cancel);
    try {
        await process;
    } catch (error) {
        if (signal?.aborted) throw new HostRunError("", CANCELLED_PROBLEM, null);
        throw error;
    } finally {
        signal?.removeEventListener("abort", cancel);
    }
}

const cockpitHost: HostRunner = {
    run(argv, options) {
        const process = cockpit.spawn(argv, { ...superuser(options.superuser), err: "message" });
        // input() returns the process itself, whose outcome the caller awaits.
        if (options.input !== undefined) void process.input(options.input);
        return process;
    },
    runStreaming,
    async readFile(path, options) {
        const file = cockpit.file(path, superuser(options.superuser));
        try {
            return await file.read();
        } finally {
            file.close();
        }
    },
    async removeFile(path, options) {
        const file = cockpit.file(path, superuser(options.superuser));
        try {
            await file.replace(null);
        } finally {
            file.close();
        }
    },
    listDirectory,
    userHome: async () => (await cockpit.user()).home,
};

export const cockpitTransports: Transports = { dbus: cockpitDBus, host: cockpitHost, http: cockpitHttp, unixStream: cockpitUnixStream, browserFiles: cockpitBrowserFiles };
