// The two ways out of our code: a D-Bus client per bus, and a runner of host commands. The page
// uses Cockpit's (cockpit-transports.ts), `kvmm` uses Node's (src/cli/node-*.ts); the libvirt and
// host code above them does not know which one it runs on.
import type { DBusSignalHandler, DBusSubscription } from "./cockpit-types.ts";

export type BusName = "system" | "session";

export interface DBusTransport {
    /** Resolves with the reply's arguments in cockpit.dbus's JSON form (variants as {t, v}). */
    call(path: string, iface: string, method: string, args: unknown[], signature: string, timeoutMs: number): Promise<unknown[]>;
    subscribe(match: { interface: string; member: string }, handler: DBusSignalHandler): DBusSubscription;
    /** Called once when the connection ends; a closed transport is not used again. */
    onClose(handler: () => void): void;
    close(): void;
}

export interface HostRunOptions {
    /** Fed to the command's standard input. */
    input?: string | undefined;
    /** As root where the user may (Cockpit's administrative access; kvmm runs as its caller). */
    superuser?: boolean;
}

/**
 * How a host command failed, in the shape cockpit.spawn rejects with: `problem` "not-found" when
 * the program does not exist, otherwise its exit status and standard error as `message`.
 */
export interface HostRunFailure {
    problem?: string | null;
    message?: string;
    exit_status?: number | null;
}

export interface HostStreamOptions extends HostRunOptions {
    /** Each piece of standard output as it comes. */
    onOutput: (chunk: string) => void;
    /** Aborted: the process is ended and the run rejects with `problem` "cancelled". */
    signal?: AbortSignal | undefined;
    // Without `input`, standard input stays open while the caller lives (as cockpit.spawn
    // leaves it): a process that reads it sees end-of-file when the page or kvmm goes away.
}

export const CANCELLED_PROBLEM = "cancelled";

/** A HostRunFailure as an Error, for runners other than cockpit.spawn. */
export class HostRunError extends Error implements HostRunFailure {
    constructor(message: string, readonly problem: string | null, readonly exit_status: number | null) {
        super(message);
    }
}

export interface DirEntry {
    name: string;
    /** "file", "directory", "link" or "special" (as Cockpit's fslist1 channel says). */
    type: string;
}

/** A directory listing refused: `problem` is Cockpit's code ("not-found", "access-denied", …). */
export class ListDirectoryError extends Error {
    constructor(readonly problem: string, message: string | undefined) {
        super(message ?? problem);
    }
}

export interface HostRunner {
    run(argv: string[], options: HostRunOptions): Promise<string>;
    /** For long commands: output as it comes, and an end on request. */
    runStreaming(argv: string[], options: HostStreamOptions): Promise<void>;
    /** null when the file does not exist. */
    readFile(path: string, options: { superuser?: boolean }): Promise<string | null>;
    removeFile(path: string, options: { superuser?: boolean }): Promise<void>;
    /** The entries of an absolute directory path; rejects with a ListDirectoryError. */
    listDirectory(path: string, options: { superuser?: boolean }): Promise<DirEntry[]>;
    /** The home directory of the user the page or kvmm runs as (session VMs keep files there). */
    userHome(): Promise<string>;
}

export interface ByteStreamHandlers {
    onData(bytes: Uint8Array): void;
    /** The stream ended (by us, the peer or the bridge); problem is Cockpit's code, if any. */
    onClose(problem: string | undefined, message: string | undefined): void;
}

export interface ByteStream {
    /** Queued until the stream is open; dropped once it is closed. */
    send(bytes: Uint8Array): void;
    close(): void;
}

export interface UploadOptions {
    superuser?: boolean;
    /** Bytes the host has written so far. */
    onBytes: (done: number) => void;
    /** Aborted: the upload stops, no file is left, and it rejects with `problem` "cancelled". */
    signal?: AbortSignal | undefined;
}

/** Files between the user's browser and the host: only the page has them, kvmm does not. */
export interface BrowserFiles {
    /** Writes `source` to the new file `path` on the host; rejects with a HostRunFailure. */
    upload(path: string, source: Blob, options: UploadOptions): Promise<void>;
    /** The browser downloads the host's file `path` as `name`; it shows the progress and can cancel. */
    download(path: string, name: string, size: number, options: { superuser?: boolean }): void;
}

/**
 * HTTP requests made by the managed host (the page: Cockpit's HTTP channel, so a remote host in
 * the host switcher asks from there; kvmm: Node's fetch). Reject with an HttpFailure.
 */
export interface HostHttp {
    get(url: string, params: Readonly<Record<string, string>>): Promise<string>;
    /** A request that changes something (a JSON body, when given); resolves with the answer's body. */
    send(method: "POST" | "DELETE", url: string, body?: string): Promise<string>;
}

/** `problem` when no answer came (Cockpit's code, e.g. "not-found" for a refused connection), else the HTTP status and body. */
export class HttpFailure extends Error {
    constructor(message: string, readonly problem: string | null, readonly status: number | null, readonly body: string) {
        super(message);
    }
}

export interface Transports {
    dbus(bus: BusName, service: string): DBusTransport;
    host: HostRunner;
    http: HostHttp;
    /** A byte stream to a unix socket of the host (as root: VM channel sockets are root's). */
    unixStream(path: string, handlers: ByteStreamHandlers): ByteStream;
    browserFiles?: BrowserFiles;
}

let current: Transports | undefined;

export function setTransports(transports: Transports): void {
    current = transports;
}

export function transports(): Transports {
    if (!current) throw new Error("No transport was set up (setTransports)");
    return current;
}
