/* guest.get_info: what the guest is (OS, kernel, host name, time zone, interfaces). */
import os from "node:os";

import type { GuestInfo } from "../protocol.ts";
import { define, type Handlers,noParams } from "./define.ts";
import { interfaces } from "./net-interfaces.ts";
import { readTextNow } from "./proc-text.ts";
import { timeZone } from "./time-zone.ts";

/** os-release(5): KEY=value lines, values optionally quoted with shell-style escapes. */
export function parseOsRelease(text: string): Map<string, string> {
    const out = new Map<string, string>();
    for (const line of text.split("\n")) {
        const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
        if (!m?.[1] || m[2] === undefined) continue;
        let value = m[2];
        const q = value[0];
        if ((q === "\"" || q === "'") && value.endsWith(q) && value.length >= 2) {
            value = value.slice(1, -1);
            if (q === "\"") value = value.replace(/\\([\\"$`])/g, "$1");
        }
        out.set(m[1], value);
    }
    return out;
}

function osRelease(): Map<string, string> {
    for (const path of ["/etc/os-release", "/usr/lib/os-release"]) {
        const text = readTextNow(path);
        if (text !== "") return parseOsRelease(text);
    }
    return new Map();
}

/** All of it read with blocking calls: the Guest tab asks every 5 s, and each thread-pool round trip costs ~0.8 ms in a TCG guest. */
function guestInfo(): GuestInfo {
    const rel = osRelease();
    const uptime = os.uptime();
    return {
        os: {
            id: rel.get("ID") ?? "linux",
            name: rel.get("NAME") ?? "Linux",
            version: rel.get("VERSION") ?? "",
            versionId: rel.get("VERSION_ID") ?? "",
            prettyName: rel.get("PRETTY_NAME") ?? rel.get("NAME") ?? "Linux",
        },
        kernel: { release: os.release(), version: os.version() },
        hostname: os.hostname(),
        arch: os.arch(),
        machine: os.machine(),
        timezone: timeZone(),
        uptimeSeconds: Math.round(uptime),
        bootTimeMs: Math.round(Date.now() - uptime * 1000),
        cpus: os.cpus().length,
        memoryBytes: os.totalmem(),
        interfaces: interfaces(),
    };
}

export function guestInfoMethods(): Pick<Handlers, "guest.get_info"> {
    return {
        "guest.get_info": define(noParams, () => Promise.resolve(guestInfo())),
    };
}
