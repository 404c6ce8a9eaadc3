// The hosts Cockpit knows (its host switcher's list, /etc/cockpit/machines.d/*.json): the
// destinations offered for a migration.
import { transports } from "../lib/transports.ts";
import { joinPath, listDirectory } from "./host-files.ts";

/** Where Cockpit's machines.d says a host is. */
export interface KnownHost {
    address: string;
    user?: string | undefined;
    port?: number | undefined;
}

export interface NamedHost extends KnownHost {
    name: string;
}

/** The hosts of one of Cockpit's /etc/cockpit/machines.d/*.json files (visible ones; bad files give none). */
export function parseMachinesJson(text: string): NamedHost[] {
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch {
        return [];
    }
    if (typeof parsed !== "object" || parsed === null) return [];
    return Object.entries(parsed as Record<string, unknown>).flatMap(([name, value]) => {
        if (typeof value !== "object" || value === null) return [];
        const entry = value as { address?: unknown; user?: unknown; port?: unknown; visible?: unknown };
        if (entry.visible === false) return [];
        const address = typeof entry.address === "string" && entry.address !== "" ? entry.address : name;
        return [{
            name, address,
            ...(typeof entry.user === "string" && entry.user !== "" ? { user: entry.user } : {}),
            ...(typeof entry.port === "number" ? { port: entry.port } : {}),
        }];
    });
}

const MACHINES_D = "/etc/cockpit/machines.d";

export async function cockpitKnownHosts(): Promise<NamedHost[]> {
    const entries = await listDirectory(MACHINES_D, false).catch(() => []);
    const files = entries.filter(e => e.type === "file" && e.name.endsWith(".json")).map(e => e.name).sort();
    const texts = await Promise.all(files.map(name => transports().host.readFile(joinPath(MACHINES_D, name), {})));
    return texts.flatMap(text => (text === null ? [] : parseMachinesJson(text)));
}
