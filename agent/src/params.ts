/*
 * Small validators for by-name params. Each throws InvalidParams (-32602) with
 * a message naming the offending field; unknown fields are ignored so an older
 * agent tolerates a newer host.
 */
import { invalidParams } from "./errors.ts";
import type { OutputEncoding } from "./protocol.ts";

export type Obj = Readonly<Record<string, unknown>>;

/** Params as an object; absent or null params count as {}. */
export function paramsObject(raw: unknown): Obj {
    if (raw === undefined || raw === null) return {};
    if (typeof raw !== "object" || Array.isArray(raw)) throw invalidParams("params must be an object");
    return raw as Obj;
}

export function reqString(o: Obj, key: string, opts: { nonEmpty?: boolean; maxLength?: number } = {}): string {
    const v = o[key];
    if (typeof v !== "string") throw invalidParams(`params.${key} must be a string`);
    if (opts.nonEmpty === true && v === "") throw invalidParams(`params.${key} must not be empty`);
    if (opts.maxLength !== undefined && v.length > opts.maxLength) throw invalidParams(`params.${key} is too long`);
    if (v.includes("\0")) throw invalidParams(`params.${key} must not contain NUL`);
    return v;
}

export function optString(o: Obj, key: string): string | undefined {
    return o[key] === undefined ? undefined : reqString(o, key);
}

export function reqInt(o: Obj, key: string, min: number, max: number = Number.MAX_SAFE_INTEGER): number {
    const v = o[key];
    if (typeof v !== "number" || !Number.isSafeInteger(v)) throw invalidParams(`params.${key} must be an integer`);
    if (v < min || v > max) throw invalidParams(`params.${key} must be between ${min} and ${max}`);
    return v;
}

export function optInt(o: Obj, key: string, min: number, max?: number): number | undefined {
    return o[key] === undefined ? undefined : reqInt(o, key, min, max);
}

export function reqNumber(o: Obj, key: string, min: number, max: number): number {
    const v = o[key];
    if (typeof v !== "number" || !Number.isFinite(v)) throw invalidParams(`params.${key} must be a number`);
    if (v < min || v > max) throw invalidParams(`params.${key} must be between ${min} and ${max}`);
    return v;
}

export function optBool(o: Obj, key: string): boolean | undefined {
    const v = o[key];
    if (v === undefined) return undefined;
    if (typeof v !== "boolean") throw invalidParams(`params.${key} must be a boolean`);
    return v;
}

export function optStringArray(o: Obj, key: string, opts: { nonEmpty?: boolean } = {}): string[] | undefined {
    const v = o[key];
    if (v === undefined) return undefined;
    if (!Array.isArray(v) || !v.every((x): x is string => typeof x === "string" && !x.includes("\0"))) {
        throw invalidParams(`params.${key} must be an array of strings`);
    }
    if (opts.nonEmpty === true && v.length === 0) throw invalidParams(`params.${key} must not be empty`);
    return v;
}

export function optStringRecord(o: Obj, key: string): Record<string, string> | undefined {
    const v = o[key];
    if (v === undefined) return undefined;
    if (typeof v !== "object" || v === null || Array.isArray(v)) throw invalidParams(`params.${key} must be an object of strings`);
    const out: Record<string, string> = {};
    for (const [k, x] of Object.entries(v)) {
        if (typeof x !== "string" || k.includes("=") || k === "" || k.includes("\0") || x.includes("\0")) {
            throw invalidParams(`params.${key}.${k} must be a string (names without "=")`);
        }
        out[k] = x;
    }
    return out;
}

// A plain character-class loop: linear and without deep backtracking on multi-MB input.
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Strict base64 (Buffer.from alone silently skips junk, which would hide host bugs). */
export function reqBase64(o: Obj, key: string): Buffer {
    const v = o[key];
    if (typeof v !== "string" || v.length % 4 !== 0 || !BASE64.test(v)) throw invalidParams(`params.${key} must be base64`);
    return Buffer.from(v, "base64");
}

export function optBase64(o: Obj, key: string): Buffer | undefined {
    return o[key] === undefined ? undefined : reqBase64(o, key);
}

export function optEncoding(o: Obj, key: string): OutputEncoding | undefined {
    const v = o[key];
    if (v === undefined) return undefined;
    if (v !== "base64" && v !== "utf8") throw invalidParams(`params.${key} must be "base64" or "utf8"`);
    return v;
}

export function absolutePath(o: Obj, key: string): string {
    const v = reqString(o, key, { nonEmpty: true, maxLength: 4096 });
    if (!v.startsWith("/")) throw invalidParams(`params.${key} must be an absolute path`);
    return v;
}

/** The handle of an open upload or download (file.*_write, file.*_read). */
export function reqHandle(o: Obj): string {
    return reqString(o, "handle", { nonEmpty: true, maxLength: 64 });
}
