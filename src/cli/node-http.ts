// HTTP requests from kvmm, with Node's fetch (kvmm runs on the host it manages).
import { type HostHttp,HttpFailure } from "../lib/transports.ts";

async function request(target: URL, init: RequestInit): Promise<string> {
    let response: Response;
    try {
        response = await fetch(target, init);
    } catch (error) {
        // fetch's TypeError hides the reason (ECONNREFUSED…) in its cause.
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        throw new HttpFailure(cause?.message ?? String(error), cause?.code === "ECONNREFUSED" ? "not-found" : cause?.code ?? "disconnected", null, "");
    }
    const body = await response.text();
    if (!response.ok) throw new HttpFailure(`${String(response.status)} ${response.statusText}`, null, response.status, body);
    return body;
}

export const nodeHttp: HostHttp = {
    get(url, params) {
        const target = new URL(url);
        for (const [k, v] of Object.entries(params)) target.searchParams.set(k, v);
        return request(target, {});
    },
    send: (method, url, body) => request(new URL(url), body === undefined ? { method } : { method, body, headers: { "Content-Type": "application/json" } }),
};
