// kvmm's HTTP GETs: Node's fetch (Node >= 18), from the host kvmm runs on.
import { HttpFailure, type HttpGetter } from "../lib/transports.ts";

export const nodeHttp: HttpGetter = {
    async get(url, params) {
        const target = new URL(url);
        for (const [k, v] of Object.entries(params)) target.searchParams.set(k, v);
        let response: Response;
        try {
            response = await fetch(target);
        } catch (error) {
            // fetch's TypeError hides the reason (ECONNREFUSED…) in its cause.
            const cause = (error as { cause?: { code?: string; message?: string } }).cause;
            throw new HttpFailure(cause?.message ?? String(error), cause?.code === "ECONNREFUSED" ? "not-found" : cause?.code ?? "disconnected", null, "");
        }
        const body = await response.text();
        if (!response.ok) throw new HttpFailure(`${String(response.status)} ${response.statusText}`, null, response.status, body);
        return body;
    },
};
