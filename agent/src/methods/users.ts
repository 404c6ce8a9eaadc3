/* guest.get_users: logged-in users from utmp, else from `who`. */
import { readFile } from "node:fs/promises";
import { endianness } from "node:os";

import { findExecutable, runCommand } from "../command.ts";
import type { AgentConfig } from "../config.ts";
import type { GuestUser, UsersResult } from "../protocol.ts";
import { define, type Handlers,noParams } from "./define.ts";

/** glibc's struct utmp on Linux (same size on 32- and 64-bit: ut_tv is two int32 there). */
export const UTMP_RECORD_SIZE = 384;
const USER_PROCESS = 7;

function cString(buf: Buffer, start: number, length: number): string {
    const field = buf.subarray(start, start + length);
    const nul = field.indexOf(0);
    return field.subarray(0, nul < 0 ? field.length : nul).toString("utf8");
}

/** null when the data does not look like utmp records (the caller then asks `who`). */
export function parseUtmp(buf: Buffer, littleEndian = endianness() === "LE"): GuestUser[] | null {
    if (buf.length % UTMP_RECORD_SIZE !== 0) return null;
    const users: GuestUser[] = [];
    for (let off = 0; off < buf.length; off += UTMP_RECORD_SIZE) {
        const type = littleEndian ? buf.readInt16LE(off) : buf.readInt16BE(off);
        if (type < 0 || type > 9) return null; // not a utmp file after all
        if (type !== USER_PROCESS) continue;
        const pid = littleEndian ? buf.readInt32LE(off + 4) : buf.readInt32BE(off + 4);
        const sec = littleEndian ? buf.readUInt32LE(off + 340) : buf.readUInt32BE(off + 340);
        const user = cString(buf, off + 44, 32);
        if (user === "") continue;
        users.push({ user, terminal: cString(buf, off + 8, 32), host: cString(buf, off + 76, 256), loginTimeMs: sec > 0 ? sec * 1000 : null, pid });
    }
    return users;
}

/** `who` output: "alice    pts/0        2024-05-01 10:22 (10.0.0.5)". */
export function parseWho(text: string): GuestUser[] {
    const users: GuestUser[] = [];
    for (const line of text.split("\n")) {
        const m = /^(\S+)\s+(\S+)\s+(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})(?:\s+\((.*)\))?/.exec(line.trim());
        if (!m?.[1] || m[2] === undefined) continue;
        const time = Date.parse(`${m[3] ?? ""}T${m[4] ?? ""}`);
        users.push({ user: m[1], terminal: m[2], host: m[5] ?? "", loginTimeMs: Number.isNaN(time) ? null : time, pid: null });
    }
    return users;
}

export function userMethods(config: AgentConfig): Pick<Handlers, "guest.get_users"> {
    return {
        "guest.get_users": define(noParams, async (): Promise<UsersResult> => {
            const data = await readFile(config.utmpPath).catch(() => null);
            const fromUtmp = data ? parseUtmp(data) : null;
            if (fromUtmp) return { users: fromUtmp, source: "utmp" };
            const [prog, ...args] = config.commands.who;
            const who = prog === undefined ? null : await findExecutable(prog);
            if (who === null) return { users: [], source: "none" };
            const r = await runCommand([who, ...args], 10_000).catch(() => null);
            return r?.code === 0 ? { users: parseWho(r.stdout), source: "who" } : { users: [], source: "none" };
        }),
    };
}
