// Typings for the parts of cockpit.js (served by Cockpit as ../base1/cockpit.js) that we use.

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface DBusError extends Error {
    name: string;
    message: string;
    problem?: string;
}

export interface DBusCallOptions {
    type?: string;
    flags?: string;
    timeout?: number;
}

export interface DBusSubscription {
    remove(): void;
}

export type DBusSignalHandler = (path: string, iface: string, signal: string, args: unknown[]) => void;

/** A cockpit.dbus proxy: the object's properties as fields, kept current; "changed" when they change. */
export interface DBusProxy {
    readonly valid: boolean;
    wait(): Promise<void>;
    addEventListener(event: "changed", handler: () => void): void;
}

export interface DBusClient {
    proxy(iface: string, path: string): DBusProxy;
    call(path: string, iface: string, method: string, args: unknown[], options?: DBusCallOptions): Promise<unknown[]>;
    subscribe(match: { path?: string; path_namespace?: string; interface?: string; member?: string }, handler: DBusSignalHandler): DBusSubscription;
    close(problem?: string): void;
    addEventListener(event: "close", handler: (event: unknown, options: { problem?: string }) => void): void;
    removeEventListener(event: "close", handler: (event: unknown, options: { problem?: string }) => void): void;
}

export interface DBusOptions {
    bus?: "system" | "session" | "user" | "internal" | "none";
    superuser?: "try" | "require";
    host?: string;
}

export interface CockpitLocation {
    path: string[];
    options: Record<string, string | string[]>;
    go(path: string | string[], options?: Record<string, string>): void;
    replace(path: string | string[], options?: Record<string, string>): void;
    href: string;
}

export interface CockpitFile {
    read(): Promise<string | null>;
    replace(content: string | null): Promise<string>;
    close(): void;
}

export interface SpawnOptions {
    superuser?: "try" | "require";
    err?: "out" | "message" | "ignore";
    environ?: string[];
}

/** What cockpit.spawn() returns: the output's promise, which also feeds the process's stdin. */
export interface SpawnProcess extends Promise<string> {
    input(data?: string, stream?: boolean): SpawnProcess;
    /** Each piece of standard output as it comes; the promise then resolves with nothing. */
    stream(callback: (data: string) => void): SpawnProcess;
    /** Ends the process; the promise rejects with this problem. */
    close(problem?: string): void;
}

export interface CockpitTransport {
    /** The host the page was opened for (set once the transport is ready). */
    host: string;
    /** Set once the transport is ready: see wait(). */
    csrf_token: string;
    /** The WebSocket URL of a path under the Cockpit web server, e.g. "channel/<csrf_token>". */
    uri(suffix?: string): string;
    /** Calls back once the connection to the bridge is up (host and csrf_token known). */
    wait(callback: () => void): void;
    /**
     * Sees each incoming message (`out` false) before the channels do; returning false drops it.
     * `control` is the parsed control message when `channel` is "".
     */
    filter(callback: (data: unknown, channel: string, control?: Record<string, unknown>) => boolean, out?: boolean): void;
}

export interface CockpitUser {
    name: string;
    id: number;
    home: string;
}

/** Options of cockpit.channel(); only the ones we use. */
export interface ChannelOptions {
    payload: "stream" | "fsread1" | "fsreplace1" | "fswatch1" | "fslist1" | "echo" | "null";
    /** The directory to list (payload "fslist1") or the file to write (payload "fsreplace1"), absolute. */
    path?: string;
    /** fslist1: keep reporting changes after the listing (default true). */
    watch?: boolean;
    /** A unix socket to connect to (payload "stream"). */
    unix?: string;
    /** A process to run (payload "stream"), optionally on a pty. */
    spawn?: string[];
    pty?: boolean;
    environ?: string[];
    err?: "out" | "message" | "ignore";
    window?: { rows: number; cols: number };
    superuser?: "try" | "require";
    /** true: messages are Uint8Array in both directions; otherwise strings. */
    binary?: boolean;
    host?: string;
}

export interface ChannelCloseOptions {
    problem?: string;
    message?: string;
    "exit-status"?: number;
    "exit-signal"?: string;
}

export interface Channel<T extends string | Uint8Array> {
    readonly valid: boolean;
    readonly id: string | null;
    readonly options: ChannelOptions;
    send(data: T): void;
    /** "done" half-closes (no more data from this side); "options" changes e.g. a pty's window. */
    control(options: { command: "done" } | { command: "ping"; sequence: number } | { command?: "options"; window: { rows: number; cols: number } }): void;
    close(problem?: string | ChannelCloseOptions): void;
    wait(): Promise<void>;
    addEventListener(event: "message", handler: (event: unknown, data: T) => void): void;
    addEventListener(event: "close", handler: (event: unknown, options: ChannelCloseOptions) => void): void;
    addEventListener(event: "ready", handler: (event: unknown, options: Record<string, unknown>) => void): void;
    removeEventListener(event: "message", handler: (event: unknown, data: T) => void): void;
    removeEventListener(event: "close", handler: (event: unknown, options: ChannelCloseOptions) => void): void;
    removeEventListener(event: "ready", handler: (event: unknown, options: Record<string, unknown>) => void): void;
}

export interface HttpOptions {
    address: string;
    port: number;
    /** Present: HTTPS (Cockpit checks the certificate against the host's trust store). */
    tls?: Record<string, never>;
}

export interface HttpClient {
    /** Rejects with `{ problem }` (no answer) or `{ status, message }` and the body as a second argument, which a Promise drops. */
    get(path: string, params?: Record<string, string>): Promise<string>;
    request(options: { method: string; path: string; body: string; headers?: Record<string, string> }): Promise<string>;
    close(): void;
}

export interface Cockpit {
    http(options: HttpOptions): HttpClient;
    channel(options: ChannelOptions & { binary: true }): Channel<Uint8Array>;
    channel(options: ChannelOptions): Channel<string>;
    dbus(name: string | null, options?: DBusOptions): DBusClient;
    file(path: string, options?: { superuser?: "try" | "require" }): CockpitFile;
    spawn(argv: string[], options?: SpawnOptions): SpawnProcess;
    gettext(message: string): string;
    ngettext(message: string, plural: string, n: number): string;
    format(template: string, ...args: (string | number)[]): string;
    format_bytes(bytes: number, options?: { base2?: boolean }): string;
    location: CockpitLocation;
    transport: CockpitTransport;
    hidden: boolean;
    language: string;
    user(): Promise<CockpitUser>;
    addEventListener(event: "locationchanged" | "visibilitychange", handler: () => void): void;
    removeEventListener(event: "locationchanged" | "visibilitychange", handler: () => void): void;
    translate(): void;
}
