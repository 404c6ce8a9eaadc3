// What the page and hash-worker.ts send each other.
export type HashWorkerRequest = { kind: "update"; bytes: Uint8Array } | { kind: "digest" };
export interface HashWorkerReply { hex: string }
