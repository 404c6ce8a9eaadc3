/* Errors that carry a JSON-RPC error code, and the mapping of Node's errno errors onto them. */
import { ERROR_CODES, type RpcErrorData, type RpcErrorObject } from "./protocol.ts";

export class RpcError extends Error {
    constructor(readonly code: number, message: string, readonly data?: RpcErrorData) {
        super(message);
        this.name = "RpcError";
    }
}

export function invalidParams(message: string): RpcError {
    return new RpcError(ERROR_CODES.InvalidParams, message);
}

interface ErrnoLike { code: string; message: string; path?: unknown }

function isErrno(e: unknown): e is ErrnoLike {
    return e instanceof Error && typeof (e as { code?: unknown }).code === "string";
}

const ERRNO_CODES: Record<string, number> = {
    ENOENT: ERROR_CODES.NotFound,
    ENOTDIR: ERROR_CODES.NotFound,
    EACCES: ERROR_CODES.PermissionDenied,
    EPERM: ERROR_CODES.PermissionDenied,
    EROFS: ERROR_CODES.PermissionDenied,
    EEXIST: ERROR_CODES.AlreadyExists,
    EFBIG: ERROR_CODES.LimitExceeded,
    ENOSPC: ERROR_CODES.LimitExceeded,
};

/** Any thrown value as a JSON-RPC error object; unexpected exceptions become InternalError. */
export function toErrorObject(e: unknown): RpcErrorObject {
    if (e instanceof RpcError) {
        return e.data === undefined ? { code: e.code, message: e.message } : { code: e.code, message: e.message, data: e.data };
    }
    if (isErrno(e)) {
        const data: RpcErrorData = { errno: e.code };
        if (typeof e.path === "string") data.path = e.path;
        return { code: ERRNO_CODES[e.code] ?? ERROR_CODES.IoError, message: e.message, data };
    }
    return { code: ERROR_CODES.InternalError, message: e instanceof Error ? e.message : String(e) };
}
