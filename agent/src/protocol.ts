/*
 * Wire protocol between the KVM Manager plugin (host) and kvmm-agent (guest).
 * Imported by both sides, so: types and constants only, no Node imports.
 *
 * Transport: the virtio-serial port PORT_NAME (guest path DEFAULT_PORT_PATH).
 * Framing: JSON-RPC 2.0, one UTF-8 JSON object per line, terminated by "\n"
 * ("\r\n" is tolerated, empty lines are ignored). Batches are not supported.
 * Params are always by name (an object) or omitted.
 *
 * Sync handshake — the host MUST do this on every (re)connection, because the
 * agent may hold a partial line from a previous host and the port may still
 * carry stale replies meant for a previous host:
 *   1. send "\n": this terminates any partial line the agent buffered. On the
 *      virtio port the agent drops everything before an agent.sync unanswered
 *      (a previous host's queued bytes may be megabytes); on a socket or stdio it
 *      answers a leftover with a -32700 error whose id is null.
 *   2. pick a random integer N (1 ≤ N ≤ 2^53-1) and send
 *      {"jsonrpc":"2.0","id":"sync","method":"agent.sync","params":{"id":N}}
 *   3. read lines, discarding every line that is not valid JSON and every
 *      response other than one whose result.id === N. Once it arrives the
 *      stream is in sync: every later line is a reply to a later request.
 *   4. if nothing matches within ~2 s, repeat from 1 with a new N (while no host
 *      is connected the agent polls the port every few hundred ms).
 * The host should write "id" before "params" in each request: for a line over
 * the agent's size limit the agent only sees its beginning, and answers with
 * ERROR_CODES.MessageTooLarge and the id it found there (null if none).
 *
 * Data bytes — bulk data travels raw, not as base64 inside JSON:
 *   - a request whose params hold "dataBytes": N (an integer, 0 ≤ N ≤ the agent's
 *     maxLineBytes) is followed, right after its "\n", by exactly N raw bytes that
 *     belong to it. Only DATA_METHODS take them (others answer -32602, the bytes are
 *     still consumed). N above the limit: the bytes are skipped and the request is
 *     answered with MessageTooLarge. A dataBytes that is not such an integer gets
 *     -32602 and announces nothing (what follows is read as lines again).
 *   - a response whose result holds "dataBytes": N is followed in the same way by
 *     N raw bytes (file.read with binary: true, file.read_chunk).
 *   - the agent gives up on a request whose announced bytes stop arriving for
 *     ~1.5 s (a host that left unseen) and reads lines again; the sync handshake
 *     (whose attempts are 2 s apart) therefore still works after such a host.
 */

/**
 * 2: data bytes after a line (file.write_chunk dataBytes, file.read binary).
 * 3: read handles (file.open_read, file.read_chunk, file.close_read).
 * 4: agent.update (the agent replaces its own binary and restarts).
 */
export const PROTOCOL_VERSION = 4;
export const AGENT_NAME = "kvmm-agent";
/** virtio-serial port name to give the <channel> in the domain XML. */
export const PORT_NAME = "org.kvmmanager.agent.0";
export const DEFAULT_PORT_PATH = `/dev/virtio-ports/${PORT_NAME}`;
export const DEFAULT_CONFIG_PATH = "/etc/kvmm-agent/config.json";

export const ERROR_CODES = {
    /** The line is not valid JSON. */
    ParseError: -32700,
    /** Valid JSON, but not a JSON-RPC 2.0 request object (or a batch). */
    InvalidRequest: -32600,
    MethodNotFound: -32601,
    InvalidParams: -32602,
    /** A bug in the agent; the message says what. */
    InternalError: -32603,
    /** Turned off in the agent's config: "method X is disabled by the agent configuration". */
    MethodDisabled: -32000,
    /** The path (after realpath) lies outside the configured allowed directories. */
    PathNotAllowed: -32001,
    /** The request line exceeded maxLineBytes; the rest of the line was discarded. */
    MessageTooLarge: -32002,
    /** A configured limit (file size, open handles, output, ...) would be exceeded. */
    LimitExceeded: -32003,
    /** No such file, directory, exec handle or write handle. */
    NotFound: -32004,
    /** Other I/O error; data.errno holds the errno name. */
    IoError: -32005,
    /** file.close_write: the data written does not hash to the expected sha256. */
    ChecksumMismatch: -32006,
    /** An external command (or the program given to guest.exec) could not run or failed. */
    CommandFailed: -32007,
    /** Not possible on this guest (e.g. no fsfreeze command). */
    Unsupported: -32008,
    /** Too many requests in flight; retry later. */
    Busy: -32009,
    PermissionDenied: -32010,
    AlreadyExists: -32011,
} as const;
export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

export type RequestId = string | number;

export interface RpcRequest<P = unknown> {
    jsonrpc: "2.0";
    /** Absent for a notification: the agent runs it but sends no reply. */
    id?: RequestId | null;
    method: string;
    params?: P;
}

export interface RpcErrorData {
    errno?: string; method?: string; path?: string; limit?: number;
}

export interface RpcErrorObject {
    code: number;
    message: string;
    data?: RpcErrorData;
}

export interface RpcSuccess<R = unknown> {
    jsonrpc: "2.0";
    id: RequestId | null;
    result: R;
}

export interface RpcFailure {
    jsonrpc: "2.0";
    id: RequestId | null;
    error: RpcErrorObject;
}

export type RpcResponse<R = unknown> = RpcSuccess<R> | RpcFailure;

/* ---- params and results ---- */

export type NoParams = Record<string, never>;
export type OutputEncoding = "base64" | "utf8";

export interface AgentInfo {
    name: string;
    version: string;
    protocolVersion: number;
    /** Methods this agent serves with its current configuration. */
    methods: MethodName[];
    disabled: MethodName[];
    limits: { maxLineBytes: number; maxFileBytes: number; maxReadBytes: number; maxExecOutputBytes: number };
    allowedDirectories: string[];
}

/**
 * agent.update: path is a new agent binary uploaded with file.open_write (inside the allowed
 * directories). The agent checks its sha256, runs it with --version, renames it over its
 * install path (config "installPath"), answers, and re-executes itself from there. A failure
 * at any step before the rename leaves the running agent and its binary as they were.
 */
export interface UpdateParams { path: string; sha256: string }
export interface UpdateResult { installPath: string; previousVersion: string; version: string }

export interface NetAddress { family: "ipv4" | "ipv6"; address: string; prefix: number }
/**
 * up: enabled in the guest with a link; no-carrier: enabled, but no link (e.g. the VM's NIC
 * unplugged); down: disabled in the guest. Older agents leave it out.
 */
export type NetLinkState = "up" | "no-carrier" | "down" | "unknown";
/** addresses: as Node reports them, so only while the interface is up and has a link. */
export interface NetInterface { name: string; mac: string; state?: NetLinkState; addresses: NetAddress[] }

export interface GuestInfo {
    os: { id: string; name: string; version: string; versionId: string; prettyName: string };
    kernel: { release: string; version: string };
    /** arch: Node's name (x64, arm64...); machine: the kernel's (x86_64, aarch64...). */
    hostname: string; arch: string; machine: string;
    timezone: { name: string; offsetMinutes: number };
    uptimeSeconds: number; bootTimeMs: number; cpus: number; memoryBytes: number;
    interfaces: NetInterface[];
}

export interface PowerResult { command: string[] }

export interface ExecParams {
    /** Program and arguments; with shell, argv[0] is the script for /bin/sh -c and the rest its $0, $1... */
    argv: string[];
    shell?: boolean;
    /** base64 */
    stdin?: string;
    /** Added to (and overriding) the agent's own environment. */
    env?: Record<string, string>;
    cwd?: string;
    /** The process group is killed after this; 0 = none (guest.exec defaults to the config's execTimeoutMs). */
    timeoutMs?: number;
    /** Encoding of stdout/stderr in the results; default base64. */
    outputEncoding?: OutputEncoding;
}

export interface ExecResult {
    exitCode: number | null; signal: string | null; timedOut: boolean;
    stdout: string; stderr: string; encoding: OutputEncoding;
    stdoutTruncated: boolean; stderrTruncated: boolean; durationMs: number;
}

export interface ExecStartResult { handle: number; pid: number }
export interface ExecStatusParams {
    handle: number;
    /** Long-poll: wait up to this long for new output or the exit (max 30000). */
    waitMs?: number;
}
/** Output is what arrived since the previous poll. Once running is false the handle is gone. */
export interface ExecStatus {
    running: boolean; exitCode: number | null; signal: string | null; timedOut: boolean;
    stdout: string; stderr: string; encoding: OutputEncoding;
}
export interface ExecKillParams { handle: number; signal?: string }

export type FileType = "file" | "directory" | "symlink" | "other";
/** mode: the permission bits (st_mode & 0o7777). */
export interface FileStat {
    path: string; type: FileType; size: number; mode: number; uid: number; gid: number;
    mtimeMs: number; atimeMs: number; ctimeMs: number; linkTarget?: string;
}
export interface DirEntry { name: string; type: FileType; size: number; mode: number; mtimeMs: number; linkTarget?: string }
export interface FileListResult { path: string; entries: DirEntry[]; truncated: boolean }
/** binary: the bytes follow the reply's line (result.dataBytes) instead of base64 in result.data. */
export interface FileReadParams { path: string; offset?: number; length?: number; binary?: boolean }
export interface FileReadResult { data?: string; dataBytes?: number; offset: number; bytesRead: number; size: number; eof: boolean }
export interface OpenWriteParams { path: string; mode?: number; overwrite?: boolean }
/** Either data (base64) or dataBytes (that many raw bytes follow the request's line). */
export interface WriteChunkParams { handle: string; offset: number; data?: string; dataBytes?: number }
export interface CloseWriteParams { handle: string; sha256: string }
export interface FileDigest { path: string; size: number; sha256: string }
export interface OpenReadResult { handle: string; path: string; size: number }
/** length: at most the agent's maxReadBytes (the default). The bytes follow the reply's line. */
export interface ReadChunkParams { handle: string; offset: number; length?: number }
export interface ReadChunkResult { dataBytes?: number; offset: number; bytesRead: number; eof: boolean }
/**
 * sha256 of the bytes served, when the reads covered the file from offset 0 to its end in
 * order (else null); changed: the file's size or mtime differs from when it was opened.
 */
export interface ReadDigest { path: string; size: number; sha256: string | null; changed: boolean }

export interface CpuUsage {
    cpu: string; usagePercent: number; userPercent: number; systemPercent: number;
    iowaitPercent: number; stealPercent: number; idlePercent: number;
}
export interface MemoryUsage {
    totalBytes: number; freeBytes: number; availableBytes: number; buffersBytes: number;
    cachedBytes: number; swapTotalBytes: number; swapFreeBytes: number;
}
export interface FsUsage {
    mountpoint: string; device: string; fsType: string; totalBytes: number;
    usedBytes: number; availableBytes: number; totalInodes: number; freeInodes: number;
}
/** Counters are cumulative since boot; rates are over the last sampling interval (null when unknown). */
export interface DiskIo {
    name: string; readsCompleted: number; writesCompleted: number; readBytes: number;
    writeBytes: number; ioTimeMs: number; readBytesPerSec: number | null; writeBytesPerSec: number | null;
}
export interface NetIo {
    name: string; rxBytes: number; txBytes: number; rxPackets: number;
    txPackets: number; rxErrors: number; txErrors: number; rxDropped: number;
    txDropped: number; rxBytesPerSec: number | null; txBytesPerSec: number | null;
}
export interface ProcessInfo {
    pid: number; name: string; state: string;
    /** Percent of one core over the sampling interval. */
    cpuPercent: number; rssBytes: number; uid: number | null; cmdline: string;
}
export interface Metrics {
    timestampMs: number;
    intervalMs: number;
    cpu: { total: CpuUsage; perCore: CpuUsage[] };
    memory: MemoryUsage;
    load: [number, number, number];
    filesystems: FsUsage[];
    disks: DiskIo[];
    network: NetIo[];
    processes: ProcessInfo[];
}

export interface GuestUser { user: string; terminal: string; host: string; loginTimeMs: number | null; pid: number | null }
export interface UsersResult { users: GuestUser[]; source: "utmp" | "who" | "none" }

export interface FreezeParams {
    mountpoints?: string[];
    /** fs.freeze: thaw by itself after this long (capped by the agent's own limit), should no fs.thaw come. */
    thawAfterMs?: number;
}

/** Every method: its params and its result. */
export interface MethodMap {
    "agent.ping": { params: NoParams; result: { pong: true; timeMs: number } };
    "agent.sync": { params: { id: number }; result: { id: number } };
    "agent.info": { params: NoParams; result: AgentInfo };
    "agent.update": { params: UpdateParams; result: UpdateResult };
    "guest.get_info": { params: NoParams; result: GuestInfo };
    "guest.shutdown": { params: NoParams; result: PowerResult };
    "guest.reboot": { params: NoParams; result: PowerResult };
    "guest.exec": { params: ExecParams; result: ExecResult };
    "guest.exec_start": { params: ExecParams; result: ExecStartResult };
    "guest.exec_status": { params: ExecStatusParams; result: ExecStatus };
    "guest.exec_kill": { params: ExecKillParams; result: { signalled: boolean } };
    "guest.get_metrics": { params: { topProcesses?: number }; result: Metrics };
    "guest.get_users": { params: NoParams; result: UsersResult };
    /** follow: stat what a symlink points to (default: the link itself). */
    "file.stat": { params: { path: string; follow?: boolean }; result: FileStat };
    "file.list": { params: { path: string; limit?: number }; result: FileListResult };
    "file.read": { params: FileReadParams; result: FileReadResult };
    "file.sha256": { params: { path: string }; result: FileDigest };
    "file.open_read": { params: { path: string }; result: OpenReadResult };
    "file.read_chunk": { params: ReadChunkParams; result: ReadChunkResult };
    "file.close_read": { params: { handle: string }; result: ReadDigest };
    "file.open_write": { params: OpenWriteParams; result: { handle: string } };
    "file.write_chunk": { params: WriteChunkParams; result: { written: number } };
    "file.close_write": { params: CloseWriteParams; result: FileDigest };
    "file.abort_write": { params: { handle: string }; result: { aborted: true } };
    "file.mkdir": { params: { path: string; recursive?: boolean; mode?: number }; result: { path: string; created: boolean } };
    "file.delete": { params: { path: string; recursive?: boolean }; result: { path: string; deleted: true } };
    "fs.freeze": { params: FreezeParams; result: { frozen: string[]; skipped: string[] } };
    "fs.thaw": { params: FreezeParams; result: { thawed: string[] } };
    "time.sync": { params: { epochMs: number }; result: { previousEpochMs: number; newEpochMs: number; hardwareClock: boolean } };
}

export type MethodName = keyof MethodMap;
export type ParamsOf<M extends MethodName> = MethodMap[M]["params"];
export type ResultOf<M extends MethodName> = MethodMap[M]["result"];

const METHOD_SET = {
    "agent.ping": true, "agent.sync": true, "agent.info": true, "agent.update": true,
    "guest.get_info": true, "guest.shutdown": true, "guest.reboot": true,
    "guest.exec": true, "guest.exec_start": true, "guest.exec_status": true, "guest.exec_kill": true,
    "guest.get_metrics": true, "guest.get_users": true,
    "file.stat": true, "file.list": true, "file.read": true, "file.sha256": true,
    "file.open_read": true, "file.read_chunk": true, "file.close_read": true,
    "file.open_write": true, "file.write_chunk": true, "file.close_write": true, "file.abort_write": true,
    "file.mkdir": true, "file.delete": true,
    "fs.freeze": true, "fs.thaw": true, "time.sync": true,
} as const satisfies Record<MethodName, true>;

export const METHOD_NAMES = Object.keys(METHOD_SET) as readonly MethodName[];

/** The methods that take data bytes after their request line. */
export const DATA_METHODS: readonly MethodName[] = ["file.write_chunk"];

/** Turned off together by the config's allowExec: false. */
export const EXEC_METHODS: readonly MethodName[] = ["guest.exec", "guest.exec_start", "guest.exec_status", "guest.exec_kill"];
/** Turned off together by the config's allowFileWrite: false. */
export const FILE_WRITE_METHODS: readonly MethodName[] = [
    "file.open_write", "file.write_chunk", "file.close_write", "file.abort_write", "file.mkdir", "file.delete",
];

/** What the plugin offers that needs the agent's help: the protocol version that brought it, and its methods. */
export interface Feature { protocol: number; methods: readonly MethodName[] }

/**
 * The plugin's features by what they need of the agent. A newer plugin uses an older agent for
 * the features it has: one whose protocol version is lower, or that neither serves nor lists as
 * disabled one of the methods, predates the feature.
 */
export const FEATURES = {
    power: { protocol: 1, methods: ["guest.shutdown", "guest.reboot"] },
    details: { protocol: 1, methods: ["guest.get_info", "guest.get_users"] },
    commands: { protocol: 1, methods: ["guest.exec", "guest.exec_start", "guest.exec_status", "guest.exec_kill"] },
    metrics: { protocol: 1, methods: ["guest.get_metrics"] },
    clock: { protocol: 1, methods: ["time.sync"] },
    freeze: { protocol: 1, methods: ["fs.freeze", "fs.thaw"] },
    upload: { protocol: 2, methods: ["file.open_write", "file.write_chunk", "file.close_write", "file.abort_write"] },
    download: { protocol: 3, methods: ["file.open_read", "file.read_chunk", "file.close_read"] },
    update: { protocol: 4, methods: ["agent.update"] },
} as const satisfies Record<string, Feature>;
export type FeatureName = keyof typeof FEATURES;

export function isMethodName(name: string): name is MethodName {
    return Object.prototype.hasOwnProperty.call(METHOD_SET, name);
}

/** For the host: true for anything shaped like a reply from the agent. */
export function isRpcResponse(value: unknown): value is RpcResponse {
    if (typeof value !== "object" || value === null) return false;
    const v = value as Record<string, unknown>;
    const idOk = v.id === null || typeof v.id === "string" || typeof v.id === "number";
    return v.jsonrpc === "2.0" && idOk && ("result" in v || (typeof v.error === "object" && v.error !== null));
}

/** For the host: true for the reply that completes the sync handshake with nonce n. */
export function isSyncReply(value: unknown, n: number): boolean {
    if (!isRpcResponse(value) || !("result" in value)) return false;
    const r = value.result;
    return typeof r === "object" && r !== null && (r as { id?: unknown }).id === n;
}
