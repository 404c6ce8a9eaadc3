/*
 * Blocking reads of the small files the Guest tab's polls read: /proc and /sys (generated in
 * memory, they do not block: top and ps read them the same way) and a few files of /etc. An
 * async read costs a thread-pool round trip per open, read and close, about 0.8 ms each in a
 * TCG guest. readFileSync also stats the file and copies its chunks: open, read into one
 * reused buffer, close took a fifth of its time there (51 /proc/<pid>/stat files: 6.5 ms
 * against 32 ms).
 */
import { closeSync, openSync, readSync } from "node:fs";

let buffer = Buffer.alloc(16 * 1024);

/** A small file's text; "" when it is absent or unreadable. */
export function readTextNow(path: string): string {
    let fd: number;
    try {
        fd = openSync(path, "r");
    } catch {
        return ""; // absent on some kernels or containers, or the process ended
    }
    try {
        let length = 0;
        for (;;) {
            if (length === buffer.length) {
                const bigger = Buffer.alloc(buffer.length * 2);
                buffer.copy(bigger);
                buffer = bigger;
            }
            const n = readSync(fd, buffer, length, buffer.length - length, null);
            if (n === 0) break;
            length += n;
        }
        return buffer.toString("utf8", 0, length);
    } catch {
        return "";
    } finally {
        closeSync(fd);
    }
}
