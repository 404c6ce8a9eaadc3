// HTTP GETs through Cockpit's http-stream2 channel: the bridge on the managed host connects.
import { cockpit } from "./cockpit.ts";
import { HttpFailure, type HttpGetter } from "./transports.ts";

interface CockpitHttpError {
    problem?: string | null;
    status?: number;
    message?: string;
}

export const cockpitHttp: HttpGetter = {
    async get(url, params) {
        const parsed = new URL(url);
        const tls = parsed.protocol === "https:";
        const port = Number(parsed.port || (tls ? 443 : 80));
        const client = cockpit.http({ address: parsed.hostname, port, ...(tls ? { tls: {} } : {}) });
        try {
            return await client.get(parsed.pathname, { ...params });
        } catch (error) {
            const e = error as CockpitHttpError;
            throw new HttpFailure(e.message ?? e.problem ?? String(error), e.problem ?? null, e.status ?? null, "");
        } finally {
            client.close();
        }
    },
};
