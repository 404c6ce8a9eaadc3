/* guest.get_info: what the guest is (OS, kernel, host name, time zone, interfaces). */
import { readFile } from "node:fs/promises";
import os from "node:os";

import type { GuestInfo } from "../protocol.ts";
import { define, noParams, type Handlers } from "./define.ts";
import { interfaces } from "./net-interfaces.ts";
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

async function osRelease(): Promise<Map<string, string>> {
    for (const path of ["/etc/os-release", "/usr/lib/os-release"]) {
        try {
            return parseOsRelease(await readFile(path, "utf8"));
        } catch {
            // try the next location
        }
    }
    return new Map();
}

export function guestInfoMethods(): Pick<Handlers, "guest.get_info"> {
    return {
        "guest.get_info": define(noParams, async (): Promise<GuestInfo> => {
            const rel = await osRelease();
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
        }),
    };
}
