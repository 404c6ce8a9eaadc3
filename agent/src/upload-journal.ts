/*
 * Where unfinished uploads keep their temp files. An upload records its temp file here before
 * creating it and forgets it once the file is renamed into place or removed; at start the
 * agent removes what a killed (or rebooted) predecessor left: hidden temp files that would
 * otherwise take space unseen.
 */
import { mkdir, readdir, readFile, unlink, writeFile } from "node:fs/promises";
import path from "node:path";

import { errorText, log } from "./log.ts";

/** Only a name the agent gives its temp files is removed, whatever a record says. */
const TEMP_NAME = /^\..+\.kvmm-[0-9a-f]{8}\.tmp$/;

const code = (e: unknown): unknown => (e as { code?: unknown }).code;

export class UploadJournal {
    private ready: Promise<boolean> | undefined;

    constructor(private readonly dir: string) {}

    /** Uploads work on without the journal when its directory cannot be made (said once). */
    private usable(): Promise<boolean> {
        this.ready ??= mkdir(this.dir, { recursive: true, mode: 0o700 }).then(() => true, (e: unknown) => {
            log(`cannot keep track of unfinished uploads in ${this.dir}: ${errorText(e)}`);
            return false;
        });
        return this.ready;
    }

    async record(id: string, temp: string): Promise<void> {
        if (!(await this.usable())) return;
        await writeFile(path.join(this.dir, id), temp, { mode: 0o600 }).catch((e: unknown) => log(`cannot record the upload to ${temp}: ${errorText(e)}`));
    }

    async forget(id: string): Promise<void> {
        await unlink(path.join(this.dir, id)).catch(() => undefined);
    }

    /** Removes the temp files of uploads that never finished; returns their paths. */
    async sweep(): Promise<string[]> {
        let ids: string[];
        try {
            ids = await readdir(this.dir);
        } catch {
            return []; // no journal yet: nothing was left
        }
        const removed: string[] = [];
        for (const id of ids) {
            const record = path.join(this.dir, id);
            const temp = await readFile(record, "utf8").catch(() => "");
            if (path.isAbsolute(temp) && TEMP_NAME.test(path.basename(temp))) {
                try {
                    await unlink(temp);
                    removed.push(temp);
                } catch (e) {
                    if (code(e) !== "ENOENT") log(`cannot remove ${temp}, left by an unfinished upload: ${errorText(e)}`);
                }
            }
            await unlink(record).catch(() => undefined);
        }
        return removed;
    }
}
