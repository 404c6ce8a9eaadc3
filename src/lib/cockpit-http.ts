// HTTP requests through Cockpit's http-stream2 channel: the bridge on the managed host connects.
import { cockpit } from "./cockpit.ts";
import type { HttpClient } from "./cockpit-types.ts";
import { type HostHttp,HttpFailure } from "./transports.ts";

interface CockpitHttpError {
    problem?: string | null;
    status?: number;
    message?: string;
}

async function withClient(url: string, ask: (client: HttpClient, path: string) => Promise<string>): Promise<string> {
    const parsed = new URL(url);
    const tls = parsed.protocol === "https:";
    const port = Number(parsed.port || (tls ? 443 : 80));
    const client = cockpit.http({ address: parsed.hostname, port, ...(tls ? { tls: {} } : {}) });
    try {
        return await ask(client, parsed.pathname + parsed.search);
    } catch (error) {
        const e = error as CockpitHttpError;
        throw new HttpFailure(e.message ?? e.problem ?? String(error), e.problem ?? null, e.status ?? null, "");
    } finally {
        client.close();
    }
}

export const cockpitHttp: HostHttp = {
    get: (url, params) => withClient(url, (client, path) => client.get(path, { ...params })),
    send: (method, url, body) => withClient(url, (client, path) =>
        client.request({ method, path, body: body ?? "", ...(body === undefined ? {} : { headers: { "Content-Type": "application/json" } }) })),
};
