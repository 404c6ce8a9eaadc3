/*
 * The agent's configuration (/etc/kvmm-agent/config.json). Every key is
 * optional; unknown keys and bad values are errors, not ignored, because a
 * misspelt "allowExec" silently leaving exec on would be a security bug.
 */
import { readFileSync } from "node:fs";

import { DEFAULT_PORT_PATH, EXEC_METHODS, FILE_WRITE_METHODS, METHOD_NAMES, type MethodName } from "./protocol.ts";

export interface CommandsConfig {
    /** Alternatives tried in order until one runs and exits 0. */
    shutdown: string[][];
    reboot: string[][];
    /** The fsfreeze program (util-linux); run as `fsfreeze --freeze|--unfreeze MOUNTPOINT`. */
    fsfreeze: string;
    /** Alternatives; {seconds} = epoch seconds with milliseconds, {secondsInt} = whole seconds. */
    setTime: string[][];
    /** Run after setting the clock; failure is not an error. null: don't. */
    hardwareClock: string[] | null;
    /** Fallback for guest.get_users when utmp is unreadable. */
    who: string[];
}

export interface AgentConfig {
    port: string;
    /** Method names, or prefixes ending in "*" ("file.*"). */
    disabledMethods: string[];
    allowExec: boolean;
    allowFileWrite: boolean;
    /** File methods only touch paths inside these (compared after realpath). */
    allowedDirectories: string[];
    maxLineBytes: number;
    maxFileBytes: number;
    maxReadBytes: number;
    maxExecOutputBytes: number;
    execTimeoutMs: number;
    maxInFlight: number;
    maxExecSessions: number;
    /** A running guest.exec_start command not polled (exec_status) for this long is killed. */
    execSessionIdleMs: number;
    maxWriteHandles: number;
    /** An open_write handle not used for this long is aborted and its temp file removed. */
    writeHandleIdleMs: number;
    maxReadHandles: number;
    /** An open_read handle not used for this long is closed. */
    readHandleIdleMs: number;
    /** Time between sending the reply to shutdown/reboot and acting on it. */
    powerDelayMs: number;
    /** Filesystems frozen longer than this are thawed automatically (0 = never). */
    freezeTimeoutMs: number;
    utmpPath: string;
    /** Kept across restarts: the record of unfinished uploads (their temp files are removed at start). */
    stateDirectory: string;
    /** The binary agent.update replaces (default: the single executable's own path). */
    installPath?: string;
    commands: CommandsConfig;
}

export const DEFAULT_CONFIG: Readonly<AgentConfig> = {
    port: DEFAULT_PORT_PATH,
    disabledMethods: [],
    allowExec: true,
    allowFileWrite: true,
    allowedDirectories: ["/"],
    maxLineBytes: 4 * 1024 * 1024,
    maxFileBytes: 4 * 1024 * 1024 * 1024,
    maxReadBytes: 1024 * 1024,
    maxExecOutputBytes: 1024 * 1024,
    execTimeoutMs: 60_000,
    maxInFlight: 64,
    maxExecSessions: 16,
    execSessionIdleMs: 60_000,
    maxWriteHandles: 16,
    writeHandleIdleMs: 10 * 60_000,
    maxReadHandles: 16,
    readHandleIdleMs: 10 * 60_000,
    powerDelayMs: 500,
    freezeTimeoutMs: 10 * 60_000,
    utmpPath: "/var/run/utmp",
    stateDirectory: "/var/lib/kvmm-agent",
    commands: {
        shutdown: [["systemctl", "poweroff"], ["poweroff"], ["shutdown", "-h", "now"]],
        reboot: [["systemctl", "reboot"], ["reboot"], ["shutdown", "-r", "now"]],
        fsfreeze: "fsfreeze",
        setTime: [["date", "-u", "-s", "@{seconds}"], ["date", "-u", "-s", "@{secondsInt}"]],
        hardwareClock: ["hwclock", "--systohc"],
        who: ["who"],
    },
};

export class ConfigError extends Error {}

type Rec = Record<string, unknown>;

function isRec(v: unknown): v is Rec {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

function checkKeys(o: Rec, allowed: readonly string[], where: string): void {
    for (const k of Object.keys(o)) if (!allowed.includes(k)) throw new ConfigError(`unknown config key ${where}${k}`);
}

function int(o: Rec, key: string, fallback: number, min: number): number {
    const v = o[key];
    if (v === undefined) return fallback;
    if (typeof v !== "number" || !Number.isSafeInteger(v) || v < min) throw new ConfigError(`${key} must be an integer >= ${min}`);
    return v;
}

function bool(o: Rec, key: string, fallback: boolean): boolean {
    const v = o[key];
    if (v === undefined) return fallback;
    if (typeof v !== "boolean") throw new ConfigError(`${key} must be true or false`);
    return v;
}

function str(o: Rec, key: string, fallback: string): string {
    const v = o[key];
    if (v === undefined) return fallback;
    if (typeof v !== "string" || v === "") throw new ConfigError(`${key} must be a non-empty string`);
    return v;
}

function strings(v: unknown, key: string): string[] {
    if (!Array.isArray(v) || !v.every((x): x is string => typeof x === "string" && x !== "")) {
        throw new ConfigError(`${key} must be an array of non-empty strings`);
    }
    return v;
}

function argv(v: unknown, key: string): string[] {
    const a = strings(v, key);
    if (a.length === 0) throw new ConfigError(`${key} must not be empty`);
    return a;
}

function alternatives(o: Rec, key: string, fallback: string[][]): string[][] {
    const v = o[key];
    if (v === undefined) return fallback;
    if (!Array.isArray(v) || v.length === 0) throw new ConfigError(`commands.${key} must be a non-empty array of argv arrays`);
    return v.map((a, i) => argv(a, `commands.${key}[${i}]`));
}

function parseCommands(v: unknown): CommandsConfig {
    const d = DEFAULT_CONFIG.commands;
    if (v === undefined) return d;
    if (!isRec(v)) throw new ConfigError("commands must be an object");
    checkKeys(v, Object.keys(d), "commands.");
    const hw = v.hardwareClock;
    return {
        shutdown: alternatives(v, "shutdown", d.shutdown),
        reboot: alternatives(v, "reboot", d.reboot),
        fsfreeze: str(v, "fsfreeze", d.fsfreeze),
        setTime: alternatives(v, "setTime", d.setTime),
        hardwareClock: hw === undefined ? d.hardwareClock : hw === null ? null : argv(hw, "commands.hardwareClock"),
        who: v.who === undefined ? d.who : argv(v.who, "commands.who"),
    };
}

export function parseConfig(raw: unknown): AgentConfig {
    if (!isRec(raw)) throw new ConfigError("the configuration must be a JSON object");
    checkKeys(raw, [...Object.keys(DEFAULT_CONFIG), "installPath"], "");
    const d = DEFAULT_CONFIG;
    const dirs = raw.allowedDirectories === undefined ? d.allowedDirectories : strings(raw.allowedDirectories, "allowedDirectories");
    for (const dir of dirs) if (!dir.startsWith("/")) throw new ConfigError(`allowedDirectories: ${dir} is not an absolute path`);
    for (const key of ["stateDirectory", "installPath"]) {
        const v = raw[key];
        if (typeof v === "string" && !v.startsWith("/")) throw new ConfigError(`${key}: ${v} is not an absolute path`);
    }
    const config: AgentConfig = {
        port: str(raw, "port", d.port),
        disabledMethods: raw.disabledMethods === undefined ? [] : strings(raw.disabledMethods, "disabledMethods"),
        allowExec: bool(raw, "allowExec", d.allowExec),
        allowFileWrite: bool(raw, "allowFileWrite", d.allowFileWrite),
        allowedDirectories: dirs,
        maxLineBytes: int(raw, "maxLineBytes", d.maxLineBytes, 1024),
        maxFileBytes: int(raw, "maxFileBytes", d.maxFileBytes, 0),
        maxReadBytes: int(raw, "maxReadBytes", d.maxReadBytes, 1),
        maxExecOutputBytes: int(raw, "maxExecOutputBytes", d.maxExecOutputBytes, 1),
        execTimeoutMs: int(raw, "execTimeoutMs", d.execTimeoutMs, 1),
        maxInFlight: int(raw, "maxInFlight", d.maxInFlight, 1),
        maxExecSessions: int(raw, "maxExecSessions", d.maxExecSessions, 1),
        execSessionIdleMs: int(raw, "execSessionIdleMs", d.execSessionIdleMs, 1),
        maxWriteHandles: int(raw, "maxWriteHandles", d.maxWriteHandles, 1),
        writeHandleIdleMs: int(raw, "writeHandleIdleMs", d.writeHandleIdleMs, 1),
        maxReadHandles: int(raw, "maxReadHandles", d.maxReadHandles, 1),
        readHandleIdleMs: int(raw, "readHandleIdleMs", d.readHandleIdleMs, 1),
        powerDelayMs: int(raw, "powerDelayMs", d.powerDelayMs, 0),
        freezeTimeoutMs: int(raw, "freezeTimeoutMs", d.freezeTimeoutMs, 0),
        utmpPath: str(raw, "utmpPath", d.utmpPath),
        stateDirectory: str(raw, "stateDirectory", d.stateDirectory),
        commands: parseCommands(raw.commands),
    };
    if (raw.installPath !== undefined) config.installPath = str(raw, "installPath", "");
    disabledMethodSet(config); // validates the patterns
    return config;
}

/** Reads the config file; a missing file means defaults unless the path was given explicitly. */
export function loadConfig(path: string, explicit: boolean): AgentConfig {
    let text: string;
    try {
        text = readFileSync(path, "utf8");
    } catch (e) {
        if (!explicit && (e as { code?: unknown }).code === "ENOENT") return DEFAULT_CONFIG;
        throw new ConfigError(`cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`);
    }
    let raw: unknown;
    try {
        raw = JSON.parse(text);
    } catch (e) {
        throw new ConfigError(`${path} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
    }
    try {
        return parseConfig(raw);
    } catch (e) {
        throw e instanceof ConfigError ? new ConfigError(`${path}: ${e.message}`) : e;
    }
}

/** The methods the config turns off. A pattern that matches no method is an error (likely a typo). */
export function disabledMethodSet(config: AgentConfig): Set<MethodName> {
    const out = new Set<MethodName>();
    if (!config.allowExec) for (const m of EXEC_METHODS) out.add(m);
    if (!config.allowFileWrite) for (const m of FILE_WRITE_METHODS) out.add(m);
    // An update writes a file and runs it.
    if (!config.allowExec || !config.allowFileWrite) out.add("agent.update");
    for (const pattern of config.disabledMethods) {
        const matches = pattern.endsWith("*")
            ? METHOD_NAMES.filter(m => m.startsWith(pattern.slice(0, -1)))
            : METHOD_NAMES.filter(m => m === pattern);
        if (matches.length === 0) throw new ConfigError(`disabledMethods: ${pattern} matches no method`);
        for (const m of matches) out.add(m);
    }
    // The handshake must keep working, or the host cannot even learn what is disabled.
    out.delete("agent.sync");
    out.delete("agent.ping");
    out.delete("agent.info");
    return out;
}
